package dev.evident.connectors.github;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connector.UncheckedCollectionException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.LazyIterator;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code github.pull_request}: pull requests merged since the last run (or within the configured
 * look-back on a full run) with their reviews, the change-management population. Closed pull
 * requests are listed by last update, newest first, so paging stops at the first one older than
 * the window: a merge always updates the pull request.
 */
final class PullRequestCollector implements Collector {

    private final GitHubApi api;
    private final String org;
    private final Duration lookBack;

    PullRequestCollector(GitHubApi api, String org, Duration lookBack) {
        this.api = api;
        this.org = org;
        this.lookBack = lookBack;
    }

    @Override
    public String resourceType() {
        return "github.pull_request";
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) {
        Instant now = ctx.clock().instant();
        Instant cutoff = ctx.since() != null ? ctx.since() : now.minus(lookBack);
        Iterator<Json.Element> repositories = api.list("/orgs/" + Resources.segment(org) + "/repos?type=all",
                Needs.REPOSITORIES);
        return new LazyIterator<>() {
            private String repository;
            private Iterator<Json.Element> pulls = List.<Json.Element>of().iterator();

            @Override
            protected CollectedResource computeNext() throws CollectionException {
                while (true) {
                    while (pulls.hasNext()) {
                        JsonNode pull = pulls.next().node();
                        Instant updated = Json.instant(pull, "updated_at");
                        if (updated != null && updated.isBefore(cutoff)) {
                            pulls = List.<Json.Element>of().iterator(); // the rest is older: stop paging this repository
                            break;
                        }
                        Instant merged = Json.instant(pull, "merged_at");
                        if (merged != null && !merged.isBefore(cutoff)) {
                            return pullRequest(repository, pull.path("number").asInt(), now);
                        }
                    }
                    if (!repositories.hasNext()) {
                        return null;
                    }
                    JsonNode repo = repositories.next().node();
                    repository = Json.text(repo, "name");
                    pulls = api.list("/repos/" + Resources.segment(Json.text(repo, "full_name"))
                            + "/pulls?state=closed&sort=updated&direction=desc", Needs.PULL_REQUESTS);
                }
            }
        };
    }

    private CollectedResource pullRequest(String repository, int number, Instant now) throws CollectionException {
        String base = "/repos/" + Resources.segment(org) + "/" + Resources.segment(repository) + "/pulls/" + number;
        RestClient.Response detailResponse = api.get(base, Needs.PULL_REQUESTS);
        JsonNode pull = detailResponse.json();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(detailResponse.body());

        String author = Json.text(pull.path("user"), "login");
        String mergedBy = Json.text(pull.path("merged_by"), "login");
        ObjectNode attributes = Json.object();
        attributes.put("repository", repository);
        attributes.put("number", number);
        attributes.put("title", Json.text(pull, "title"));
        attributes.put("author", author);
        attributes.put("mergedAt", Json.text(pull, "merged_at"));
        attributes.put("mergedBy", mergedBy);
        attributes.put("baseBranch", Json.text(pull.path("base"), "ref"));
        attributes.put("url", Json.text(pull, "html_url"));
        ArrayNode reviews = attributes.putArray("reviews");
        // A reviewer's latest decisive review counts; comments neither approve nor withdraw an approval.
        Map<String, String> decision = new HashMap<>();
        try {
            api.list(base + "/reviews", Needs.PULL_REQUESTS).forEachRemaining(element -> {
                JsonNode review = element.node();
                raw.writeBytes(element.raw());
                String reviewer = Json.text(review.path("user"), "login");
                String state = Json.text(review, "state");
                ObjectNode entry = reviews.addObject();
                entry.put("reviewer", reviewer);
                entry.put("state", state);
                entry.put("submittedAt", Json.text(review, "submitted_at"));
                if (reviewer != null && state != null && !state.equals("COMMENTED") && !state.equals("PENDING")) {
                    decision.put(reviewer, state);
                }
            });
        } catch (UncheckedCollectionException e) {
            throw e.getCause();
        }
        long approvals = decision.entrySet().stream()
                .filter(e -> !e.getKey().equals(author) && e.getValue().equals("APPROVED"))
                .count();
        attributes.put("approvals", (int) approvals);
        attributes.put("selfMerged", mergedBy == null || author == null ? null : mergedBy.equals(author));
        String id = repository + "#" + number;
        return Json.resource(resourceType(), id, id + " " + Json.text(pull, "title"), attributes, now, raw.toByteArray());
    }
}
