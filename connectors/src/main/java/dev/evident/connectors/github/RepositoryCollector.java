package dev.evident.connectors.github;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connector.UncheckedCollectionException;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.LazyIterator;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code github.repository}: every repository of the organization with the protection of its default
 * branch, from classic branch protection and from rulesets.
 */
final class RepositoryCollector implements Collector {

    private final GitHubApi api;
    private final String org;

    RepositoryCollector(GitHubApi api, String org) {
        this.api = api;
        this.org = org;
    }

    @Override
    public String resourceType() {
        return "github.repository";
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) {
        Instant now = ctx.clock().instant();
        Iterator<Json.Element> repositories = api.list("/orgs/" + Resources.segment(org) + "/repos?type=all",
                Needs.REPOSITORIES);
        return new LazyIterator<>() {
            @Override
            protected CollectedResource computeNext() throws CollectionException {
                return repositories.hasNext() ? repository(repositories.next(), now) : null;
            }
        };
    }

    private CollectedResource repository(Json.Element element, Instant now) throws CollectionException {
        JsonNode repo = element.node();
        String fullName = Json.text(repo, "full_name");
        String branch = Json.text(repo, "default_branch");
        ObjectNode attributes = Json.object();
        attributes.put("name", Json.text(repo, "name"));
        attributes.put("fullName", fullName);
        attributes.put("visibility", Json.text(repo, "visibility"));
        attributes.put("archived", Json.bool(repo, "archived"));
        attributes.put("defaultBranch", branch);

        JsonNode classic = null;
        List<JsonNode> rules = new ArrayList<>();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(element.raw());
        if (branch != null && fullName != null) {
            String base = "/repos/" + Resources.segment(fullName) + "/";
            RestClient.Response protection = api.get(base + "branches/" + Resources.segment(branch) + "/protection",
                    Needs.ADMINISTRATION, 404, 403);
            if (protection.status() == 200) {
                classic = protection.json();
                raw.writeBytes(protection.body());
            } else if (protection.status() == 403 && !api.http().detail(protection).contains("Upgrade to GitHub Pro")) {
                // GitHub answers 403 "Upgrade to GitHub Pro" for private repositories on free plans: no protection.
                throw new ApiException(403, "GitHub denied " + protection.what() + " (HTTP 403"
                        + api.http().detail(protection) + "): the credentials need " + Needs.ADMINISTRATION);
            }
            try {
                api.list(base + "rules/branches/" + Resources.segment(branch), Needs.REPOSITORIES, 404)
                        .forEachRemaining(rule -> {
                            rules.add(rule.node());
                            raw.writeBytes(rule.raw());
                        });
            } catch (UncheckedCollectionException e) {
                throw e.getCause();
            }
        }
        BranchProtection.describe(classic, rules, attributes);
        String id = Json.text(repo, "id");
        return Json.resource(resourceType(), id == null ? fullName : id, fullName, attributes, now, raw.toByteArray());
    }
}
