package dev.evident.monitoring.internal;

import dev.evident.integration.Inventory;
import dev.evident.integration.InventoryResource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generated inventory for the monitoring benchmark (ChecksBenchmark): GitHub organizations, members,
 * outside collaborators, repositories, pull requests and Dependabot alerts, and an HR roster, in the
 * shapes the connectors write (docs/resources.md). The mix is deterministic for a seed and chosen so
 * that every check has passing and failing resources and every join has matches: most accounts belong
 * to a person on the roster, some to people who left, a few to nobody; pull requests and alerts name
 * existing repositories; managers are people on the roster.
 */
final class BenchInventory {

    /** One generated resource; {@code email} is the lower-cased email attribute the store keeps, or null. */
    record Resource(String connector, String type, String externalId, String displayName, Map<String, Object> attributes) {

        String email() {
            return attributes.get("email") instanceof String e ? e.toLowerCase(Locale.ROOT) : null;
        }

        boolean account() {
            return attributes.containsKey("email");
        }
    }

    static final String GITHUB = "github";
    static final String HR = "hris";
    /** Shares of the whole inventory per type, in per mille (organizations are a fixed handful). */
    static final Map<String, Integer> PER_MILLE = Map.of(
            "github.member", 100, "github.outside_collaborator", 20, "github.repository", 100,
            "github.pull_request", 400, "github.dependabot_alert", 250, "hr.person", 130);
    static final int ORGANIZATIONS = 5;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Random random;
    private final Instant now;
    private final int people;
    private final int members;
    private final int collaborators;
    private final int repositories;
    private final int pullRequests;
    private final int alerts;

    /** Sizes for {@code total} resources; the roster takes what rounding leaves. */
    BenchInventory(int total, long seed, Instant now) {
        if (total < 100) {
            throw new IllegalArgumentException("at least 100 resources, not " + total);
        }
        this.random = new Random(seed);
        this.now = now;
        this.members = share(total, "github.member");
        this.collaborators = share(total, "github.outside_collaborator");
        this.repositories = share(total, "github.repository");
        this.pullRequests = share(total, "github.pull_request");
        this.alerts = share(total, "github.dependabot_alert");
        this.people = total - ORGANIZATIONS - members - collaborators - repositories - pullRequests - alerts;
    }

    private static int share(int total, String type) {
        return (int) ((long) total * PER_MILLE.get(type) / 1000);
    }

    /** Every resource, type by type. */
    List<Resource> generate() {
        List<Resource> out = new ArrayList<>();
        add(out, ORGANIZATIONS, this::organization);
        add(out, people, this::person);
        add(out, members, this::member);
        add(out, collaborators, this::collaborator);
        add(out, repositories, this::repository);
        add(out, pullRequests, this::pullRequest);
        add(out, alerts, this::alert);
        return out;
    }

    private static void add(List<Resource> out, int count, java.util.function.IntFunction<Resource> make) {
        for (int i = 0; i < count; i++) {
            out.add(make.apply(i));
        }
    }

    private Resource organization(int i) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("login", "org-" + i);
        a.put("twoFactorRequirementEnabled", i == 0 ? null : i != 1);
        a.put("defaultRepositoryPermission", i == 2 ? "write" : "read");
        a.put("membersCanCreatePublicRepositories", i == 3);
        return new Resource(GITHUB, "github.organization", "org-" + i, "org-" + i, a);
    }

    static String personEmail(int i) {
        return "person" + i + "@example.com";
    }

    /** 90 % active, 8 % terminated (all with an end date), 2 % on leave; 15 % contractors. */
    private Resource person(int i) {
        Map<String, Object> a = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        String status = roll < 90 ? "active" : roll < 98 ? "terminated" : "leave";
        boolean contractor = random.nextInt(100) < 15;
        a.put("email", i % 97 == 5 ? personEmail(i).toUpperCase(Locale.ROOT) : personEmail(i));
        a.put("name", "Person " + i);
        a.put("status", status);
        a.put("employmentType", contractor ? "contractor" : "employee");
        String endDate = null;
        if (status.equals("terminated")) {
            endDate = day(-random.nextInt(60));
        } else if (contractor && random.nextInt(100) < 70) {
            endDate = day(30 + random.nextInt(500));
        }
        a.put("endDate", endDate);
        int manager = i / 8;
        int m = random.nextInt(100);
        a.put("manager", i == 0 ? null : m < 2 ? "" : m < 3 ? "gone" + i + "@example.com" : personEmail(manager));
        a.put("department", List.of("engineering", "sales", "support", "finance").get(i % 4));
        a.put("startDate", day(-30 - random.nextInt(2000)));
        return new Resource(HR, "hr.person", "p-" + i, "Person " + i, a);
    }

    /**
     * 92 % belong to a person on the roster (one in fifty to the next member's person, so some people have
     * two accounts), 5 % to an unknown email, 3 % have no email (null, as the connector writes it).
     */
    private Resource member(int i) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("login", login(i));
        boolean admin = i % 97 == 3;
        a.put("role", admin ? "admin" : "member");
        int tfa = random.nextInt(100);
        a.put("twoFactorEnabled", admin ? (Boolean) (i % 3 != 0) : tfa < 95 ? Boolean.TRUE : tfa < 99 ? Boolean.FALSE : null);
        int e = random.nextInt(100);
        String email = e < 92 ? personEmail((i % 50 == 7 ? i + 1 : i) % people) : e < 97 ? "stranger" + i + "@example.org" : null;
        a.put("email", email);
        a.put("name", random.nextInt(10) == 0 ? null : "Member " + i);
        return new Resource(GITHUB, "github.member", String.valueOf(100_000 + i), login(i), a);
    }

    static String login(int i) {
        return "user" + i;
    }

    private Resource collaborator(int i) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("login", "ext" + i);
        a.put("twoFactorEnabled", random.nextInt(10) != 0);
        a.put("email", random.nextInt(10) < 7 ? personEmail((people - 1 - i) % people) : null);
        if (random.nextInt(20) != 0) { // one in twenty synced before the connector read repository permissions
            String repo = repositoryName(random.nextInt(repositories));
            a.put("repositories", List.of(repo));
            a.put("adminRepositories", random.nextInt(10) == 0 ? List.of(repo) : List.of());
        }
        return new Resource(GITHUB, "github.outside_collaborator", String.valueOf(500_000 + i), "ext" + i, a);
    }

    static String repositoryName(int i) {
        return "repo-" + i;
    }

    /** 5 % archived; most protected; a protected branch has 0–2 required approvals, an unprotected one 0. */
    private Resource repository(int i) {
        Map<String, Object> a = new LinkedHashMap<>();
        boolean archived = random.nextInt(100) < 5;
        boolean protectedBranch = random.nextInt(100) < 85;
        a.put("name", repositoryName(i));
        a.put("fullName", "org-" + (i % ORGANIZATIONS) + "/" + repositoryName(i));
        a.put("archived", archived);
        a.put("visibility", List.of("private", "private", "private", "internal", "public").get(random.nextInt(5)));
        a.put("defaultBranch", random.nextInt(10) == 0 ? "master" : "main");
        a.put("protected", protectedBranch);
        a.put("protectionSource", !protectedBranch ? "none" : List.of("branch_protection", "branch_protection", "ruleset", "both")
                .get(random.nextInt(4)));
        a.put("requiredApprovingReviews", protectedBranch ? (long) random.nextInt(3) : 0L);
        a.put("dismissStaleReviews", protectedBranch && random.nextInt(10) < 7);
        a.put("requireCodeOwnerReviews", protectedBranch && random.nextInt(10) < 5);
        a.put("enforceAdmins", protectedBranch && random.nextInt(10) < 6);
        int checks = random.nextInt(10);
        a.put("requiredStatusChecks", !protectedBranch ? null : checks < 2 ? List.of() : checks < 6 ? List.of("ci")
                : List.of("ci", "lint", "security/scan"));
        a.put("allowForcePushes", !protectedBranch || random.nextInt(20) == 0);
        a.put("allowDeletions", !protectedBranch || random.nextInt(20) == 0);
        return new Resource(GITHUB, "github.repository", String.valueOf(1_000_000 + i), repositoryName(i), a);
    }

    /**
     * 85 % merged; most with an approval; a few self-merged. Authors are members, some bots; one in a
     * hundred names a repository that no longer exists.
     */
    private Resource pullRequest(int i) {
        Map<String, Object> a = new LinkedHashMap<>();
        String repo = random.nextInt(100) == 0 ? "deleted-" + i : repositoryName(random.nextInt(repositories));
        String author = random.nextInt(50) == 0 ? "bot-" + (i % 7) : login(random.nextInt(members));
        boolean merged = random.nextInt(100) < 85;
        long approvals = random.nextInt(100) < 93 ? 1 + random.nextInt(2) : 0;
        boolean selfMerged = merged && random.nextInt(100) < 10;
        a.put("repository", repo);
        a.put("number", (long) i);
        a.put("title", random.nextInt(40) == 0 ? "WIP: change " + i : "Change " + i);
        a.put("author", author);
        a.put("mergedAt", merged ? now.minus(Duration.ofHours(1 + random.nextInt(24 * 300))).toString() : null);
        a.put("mergedBy", merged ? (selfMerged ? author : login(random.nextInt(members))) : null);
        a.put("approvals", approvals);
        a.put("selfMerged", selfMerged);
        a.put("baseBranch", random.nextInt(10) == 0 ? "release" : "main");
        a.put("url", random.nextInt(200) == 0 ? null : "https://github.com/org-0/" + repo + "/pull/" + i);
        List<Map<String, Object>> reviews = new ArrayList<>();
        for (int r = 0; r < approvals; r++) {
            reviews.add(review(login(random.nextInt(members)), "APPROVED"));
        }
        if (random.nextInt(8) == 0) {
            reviews.add(review(login(random.nextInt(members)), random.nextInt(3) == 0 ? "CHANGES_REQUESTED" : "COMMENTED"));
        }
        a.put("reviews", reviews);
        return new Resource(GITHUB, "github.pull_request", repo + "#" + i, repo + "#" + i, a);
    }

    private Map<String, Object> review(String reviewer, String state) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("reviewer", reviewer);
        r.put("state", state);
        r.put("submittedAt", now.minus(Duration.ofHours(2 + random.nextInt(24 * 300))).toString());
        return r;
    }

    /** 40 % open; severities spread; created 0–120 days ago. */
    private Resource alert(int i) {
        Map<String, Object> a = new LinkedHashMap<>();
        int s = random.nextInt(100);
        a.put("repository", random.nextInt(100) == 0 ? "deleted-" + i : repositoryName(random.nextInt(repositories)));
        a.put("state", s < 40 ? "open" : s < 85 ? "fixed" : "dismissed");
        a.put("severity", List.of("critical", "high", "high", "medium", "medium", "low").get(random.nextInt(6)));
        int hours = random.nextInt(24 * 120);
        a.put("createdAt", now.minus(Duration.ofHours(hours)).toString());
        a.put("ageDays", (long) hours / 24);
        a.put("number", (long) i);
        a.put("packageName", "pkg-" + random.nextInt(500));
        a.put("ecosystem", List.of("maven", "npm", "pip", "go").get(random.nextInt(4)));
        int advisory = random.nextInt(20);
        a.put("ghsaId", advisory == 0 ? null : "GHSA-" + (1000 + i % 9000));
        a.put("cveId", advisory < 5 ? null : "CVE-2026-" + (10_000 + i % 90_000));
        a.put("url", "https://github.com/org-0/alerts/" + i);
        return new Resource(GITHUB, "github.dependabot_alert", String.valueOf(i), "alert " + i, a);
    }

    private String day(int offset) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(offset).toString();
    }

    static String json(Map<String, Object> attributes) {
        return JSON.writeValueAsString(attributes);
    }

    /** The generated resources as an inventory held in memory (for tests and the pure evaluation rate). */
    static Inventory inMemory(List<Resource> resources, Map<String, UUID> connections, Instant collectedAt) {
        Map<String, List<InventoryResource>> byType = new LinkedHashMap<>();
        for (Resource r : resources) {
            byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(new InventoryResource(
                    connections.get(r.connector()), r.connector(), r.type(), r.externalId(), r.displayName(),
                    json(r.attributes()), r.email(), collectedAt, null));
        }
        return new Inventory() {
            @Override
            public void forEach(UUID orgId, String type, Consumer<InventoryResource> consumer) {
                byType.getOrDefault(type, List.of()).forEach(consumer);
            }

            @Override
            public List<String> types(UUID orgId) {
                return List.copyOf(byType.keySet());
            }
        };
    }
}
