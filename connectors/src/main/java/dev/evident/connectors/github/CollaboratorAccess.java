package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;
import dev.evident.connector.UncheckedCollectionException;
import dev.evident.connectors.http.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What outside collaborators may do on each repository of the organization: every repository is
 * listed, then its outside collaborators with {@code GET /repos/{owner}/{repo}/collaborators?affiliation=outside}
 * (paged), whose {@code permissions} hash and {@code role_name} say whether they are admins. A
 * repository deleted during the sync (404) is skipped; a token that may not list collaborators (403)
 * fails the type, naming the permission it needs.
 */
final class CollaboratorAccess {

    /** One repository an outside collaborator can reach, and how. */
    record Grant(String repository, String role, Boolean admin, byte[] raw) {
    }

    private final Map<String, List<Grant>> byLogin = new HashMap<>();

    private CollaboratorAccess() {
    }

    static CollaboratorAccess read(GitHubApi api, String org) throws CollectionException {
        CollaboratorAccess access = new CollaboratorAccess();
        try {
            Iterator<Json.Element> repositories = api.list("/orgs/" + Resources.segment(org) + "/repos?type=all",
                    Needs.REPOSITORIES);
            while (repositories.hasNext()) {
                String fullName = Json.text(repositories.next().node(), "full_name");
                if (fullName == null) {
                    continue;
                }
                api.list("/repos/" + Resources.segment(fullName) + "/collaborators?affiliation=outside",
                        Needs.COLLABORATORS, 404).forEachRemaining(user -> access.add(fullName, user));
            }
        } catch (UncheckedCollectionException e) {
            throw e.getCause();
        }
        return access;
    }

    private void add(String repository, Json.Element user) {
        JsonNode node = user.node();
        String login = Json.text(node, "login");
        if (login == null) {
            return;
        }
        Boolean admin = Json.bool(node.path("permissions"), "admin");
        String role = Json.text(node, "role_name");
        if (admin == null && role != null) {
            admin = role.equals("admin");
        }
        byLogin.computeIfAbsent(login, k -> new ArrayList<>()).add(new Grant(repository, role, admin, user.raw()));
    }

    /**
     * Adds {@code repositories} (repository, role, admin) and {@code adminRepositories} (names, sorted)
     * to the collaborator's attributes; returns the raw entries read for them, for the payload digest.
     */
    byte[] describe(String login, ObjectNode attributes) {
        List<Grant> grants = login == null ? List.of() : byLogin.getOrDefault(login, List.of());
        ArrayNode repositories = attributes.putArray("repositories");
        TreeSet<String> admin = new TreeSet<>();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (Grant g : grants) {
            ObjectNode item = repositories.addObject();
            item.put("repository", g.repository());
            item.put("role", g.role());
            item.put("admin", g.admin());
            if (Boolean.TRUE.equals(g.admin())) {
                admin.add(g.repository());
            }
            raw.writeBytes(g.raw());
        }
        ArrayNode names = attributes.putArray("adminRepositories");
        admin.forEach(names::add);
        return raw.toByteArray();
    }
}
