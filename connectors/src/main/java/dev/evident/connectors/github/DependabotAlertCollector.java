package dev.evident.connectors.github;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.Collector;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.LazyIterator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

/** {@code github.dependabot_alert}: the organization's open Dependabot alerts with severity and age. */
final class DependabotAlertCollector implements Collector {

    private final GitHubApi api;
    private final String org;

    DependabotAlertCollector(GitHubApi api, String org) {
        this.api = api;
        this.org = org;
    }

    @Override
    public String resourceType() {
        return "github.dependabot_alert";
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) {
        Instant now = ctx.clock().instant();
        Iterator<Json.Element> alerts = api.list("/orgs/" + Resources.segment(org) + "/dependabot/alerts?state=open",
                Needs.DEPENDABOT);
        return new LazyIterator<>() {
            @Override
            protected CollectedResource computeNext() {
                return alerts.hasNext() ? alert(alerts.next(), now) : null;
            }
        };
    }

    private CollectedResource alert(Json.Element element, Instant now) {
        JsonNode alert = element.node();
        JsonNode advisory = alert.path("security_advisory");
        JsonNode vulnerability = alert.path("security_vulnerability");
        JsonNode pkg = alert.path("dependency").path("package");
        if (pkg.isMissingNode()) {
            pkg = vulnerability.path("package");
        }
        String repository = Json.text(alert.path("repository"), "name");
        Integer number = Json.integer(alert, "number");
        String severity = Json.text(advisory, "severity");
        Instant created = Json.instant(alert, "created_at");

        ObjectNode attributes = Json.object();
        attributes.put("repository", repository);
        attributes.put("number", number);
        attributes.put("state", Json.text(alert, "state"));
        attributes.put("severity", severity != null ? severity : Json.text(vulnerability, "severity"));
        attributes.put("packageName", Json.text(pkg, "name"));
        attributes.put("ecosystem", Json.text(pkg, "ecosystem"));
        attributes.put("ghsaId", Json.text(advisory, "ghsa_id"));
        attributes.put("cveId", Json.text(advisory, "cve_id"));
        attributes.put("createdAt", Json.text(alert, "created_at"));
        attributes.put("ageDays", created == null ? null : (int) Duration.between(created, now).toDays());
        attributes.put("url", Json.text(alert, "html_url"));
        String id = repository + "#" + number;
        String summary = Json.text(advisory, "summary");
        return Json.resource(resourceType(), id, summary == null ? id : id + " " + summary, attributes, now, element.raw());
    }
}
