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
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code github.member} (owners and members) and {@code github.outside_collaborator}. Whether each
 * person has 2FA comes from the {@code filter=2fa_disabled} listing, which only owners may read:
 * without it {@code twoFactorEnabled} is null, not a guess. Outside collaborators also carry the
 * repositories they can reach and those where they are admins ({@link CollaboratorAccess}).
 */
final class PeopleCollector implements Collector {

    private final GitHubApi api;
    private final String org;
    private final boolean members;
    private final boolean readProfiles;

    private PeopleCollector(GitHubApi api, String org, boolean members, boolean readProfiles) {
        this.api = api;
        this.org = org;
        this.members = members;
        this.readProfiles = readProfiles;
    }

    static PeopleCollector members(GitHubApi api, String org, boolean readProfiles) {
        return new PeopleCollector(api, org, true, readProfiles);
    }

    static PeopleCollector outsideCollaborators(GitHubApi api, String org, boolean readProfiles) {
        return new PeopleCollector(api, org, false, readProfiles);
    }

    @Override
    public String resourceType() {
        return members ? "github.member" : "github.outside_collaborator";
    }

    private String listPath() {
        return "/orgs/" + Resources.segment(org) + (members ? "/members" : "/outside_collaborators");
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException {
        Set<String> withoutTwoFactor = withoutTwoFactor();
        CollaboratorAccess access = members ? null : CollaboratorAccess.read(api, org);
        Instant now = ctx.clock().instant();
        List<String> roles = members ? List.of("admin", "member") : List.of("");
        return new LazyIterator<>() {
            private int roleIndex = -1;
            private Iterator<Json.Element> page = List.<Json.Element>of().iterator();

            @Override
            protected CollectedResource computeNext() throws CollectionException {
                while (!page.hasNext()) {
                    if (++roleIndex >= roles.size()) {
                        return null;
                    }
                    String role = roles.get(roleIndex);
                    page = api.list(listPath() + (role.isEmpty() ? "" : "?role=" + role), Needs.MEMBERS);
                }
                return person(page.next(), roles.get(roleIndex), withoutTwoFactor, access, now);
            }
        };
    }

    /** Logins without 2FA, or null when this token may not see the filter. */
    private Set<String> withoutTwoFactor() throws CollectionException {
        Set<String> logins = new HashSet<>();
        AtomicBoolean notVisible = new AtomicBoolean();
        try {
            api.list(listPath() + "?filter=2fa_disabled", Needs.TWO_FACTOR, notVisible, 403, 422)
                    .forEachRemaining(element -> logins.add(Json.text(element.node(), "login")));
        } catch (UncheckedCollectionException e) {
            throw e.getCause();
        }
        return notVisible.get() ? null : logins;
    }

    private CollectedResource person(Json.Element element, String role, Set<String> withoutTwoFactor,
                                     CollaboratorAccess access, Instant now) throws CollectionException {
        JsonNode user = element.node();
        String login = Json.text(user, "login");
        String id = Json.text(user, "id");
        String name = Json.text(user, "name");
        String email = Json.text(user, "email");
        byte[] profileRaw = new byte[0];
        if (readProfiles && login != null) {
            RestClient.Response profile = api.get("/users/" + Resources.segment(login), Needs.USERS, 404);
            if (profile.status() == 200) {
                JsonNode details = profile.json();
                name = Json.text(details, "name");
                email = Json.text(details, "email");
                profileRaw = profile.body();
            }
        }
        ObjectNode attributes = Json.object();
        attributes.put("login", login);
        attributes.put("name", name);
        attributes.put("email", email == null || email.isBlank() ? null : email);
        if (members) {
            attributes.put("role", role);
        }
        attributes.put("twoFactorEnabled", withoutTwoFactor == null ? null : !withoutTwoFactor.contains(login));
        byte[] accessRaw = access == null ? new byte[0] : access.describe(login, attributes);
        return Json.resource(resourceType(), id == null ? login : id, login, attributes, now, element.raw(), profileRaw,
                accessRaw);
    }
}
