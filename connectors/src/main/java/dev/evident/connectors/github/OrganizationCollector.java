package dev.evident.connectors.github;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;

/** {@code github.organization}: the organization's security settings (some visible to owners only). */
final class OrganizationCollector implements Collector {

    private final GitHubApi api;
    private final String org;

    OrganizationCollector(GitHubApi api, String org) {
        this.api = api;
        this.org = org;
    }

    @Override
    public String resourceType() {
        return "github.organization";
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException {
        RestClient.Response response = api.get("/orgs/" + Resources.segment(org), Needs.ORGANIZATION);
        JsonNode node = response.json();
        ObjectNode attributes = Json.object();
        String login = Json.text(node, "login");
        attributes.put("login", login);
        attributes.put("name", Json.text(node, "name"));
        attributes.put("twoFactorRequirementEnabled", Json.bool(node, "two_factor_requirement_enabled"));
        attributes.put("defaultRepositoryPermission", Json.text(node, "default_repository_permission"));
        attributes.put("membersCanCreatePublicRepositories", Json.bool(node, "members_can_create_public_repositories"));
        String id = login == null ? org : login;
        String name = Json.text(node, "name");
        return List.of(Json.resource(resourceType(), id, name == null ? id : name, attributes,
                ctx.clock().instant(), response.body())).iterator();
    }
}
