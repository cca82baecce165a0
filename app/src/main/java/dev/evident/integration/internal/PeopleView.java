package dev.evident.integration.internal;

import dev.evident.integration.InventoryResource;
import dev.evident.integration.internal.InventoryStore.IdentityLink;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * People as the inventory joins them: every account grouped by the person it belongs to (its manual
 * identity link, else its own email, either replaced by the roster email it is an alias of), with the
 * HR roster's entry when there is one.
 *
 * <p>An account's facts are read from the attribute names the built-in connectors share
 * (docs/resources.md): {@code active}, {@code status}, {@code mfaEnrolled} / {@code mfaEnabled} /
 * {@code twoFactorEnabled}, {@code admin} / {@code superAdmin} / {@code role}, and
 * {@code lastLoginAt} / {@code passwordLastUsedAt} / {@code lastActivityAt}. A third-party connector
 * that uses the same names gets the same columns.
 */
final class PeopleView {

    static final String ROSTER_TYPE = InventoryStore.ROSTER_TYPE;

    /** How an account came to be a person's. */
    enum JoinedBy {
        EMAIL("its email"), ALIAS("an alias"), LINK("a manual link"), NONE("nothing");

        private final String label;

        JoinedBy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One account of a person; {@code link} is the manual link that names its person, or null;
     * {@code active}, {@code mfa} are null when the system does not say; {@code ownEmail} is the
     * account's own email attribute.
     */
    public record Account(UUID connectionId, String connectionName, String connector, String type, String externalId,
                          String name, String personEmail, IdentityLink link, String ownEmail, JoinedBy joinedBy,
                          Boolean active, String status, Boolean mfa, boolean admin, Instant lastSeen) {

        /** Identifies the account's forms on the page. */
        public String formKey() {
            return connectionId + "|" + type + "|" + externalId;
        }

        /** "active", "inactive" or the system's own status word. */
        public String statusLabel() {
            if (status != null) {
                return status.toLowerCase(Locale.ROOT);
            }
            return active == null || active ? "active" : "inactive";
        }

        public boolean holdsAccess() {
            return active == null || active;
        }
    }

    /**
     * A person: an email with the roster's name (when the roster knows them) and their accounts elsewhere;
     * {@code rosterStatus} and {@code endDate} are the roster's, null when not in it.
     */
    public record Person(String email, String name, boolean inRoster, String rosterStatus, LocalDate endDate,
                         List<Account> accounts) {

        /** Accounts still giving access after the person left, for the offboarding warning. */
        public List<Account> accessAfterLeaving() {
            return "terminated".equals(rosterStatus) ? accounts.stream().filter(Account::holdsAccess).toList() : List.of();
        }
    }

    private PeopleView() {
    }

    static Account account(InventoryResource r, List<IdentityLink> links, Map<UUID, String> connectionNames) {
        IdentityLink link = links.stream().filter(l -> l.resourceType().equals(r.type()) && l.externalId().equals(r.externalId())
                && (Objects.equals(l.connectionId(), r.connectionId()) || (l.connectionId() == null
                && Objects.equals(l.connector(), r.connector())))).min(Comparator.comparing(l -> l.connectionId() == null))
                .orElse(null);
        JsonNode attributes = attributes(r);
        String ownEmail = InventoryStore.emailOf(attributes);
        JoinedBy joinedBy = link != null ? JoinedBy.LINK
                : r.personEmail() == null ? JoinedBy.NONE
                : r.personEmail().equals(ownEmail) ? JoinedBy.EMAIL : JoinedBy.ALIAS;
        return new Account(r.connectionId(), connectionNames.getOrDefault(r.connectionId(), r.connector()), r.connector(),
                r.type(), r.externalId(), r.displayName() == null ? r.externalId() : r.displayName(), r.personEmail(), link,
                ownEmail, joinedBy, bool(attributes, "active"), text(attributes, "status"),
                firstBool(attributes, "mfaEnrolled", "mfaEnabled", "twoFactorEnabled"), admin(attributes),
                firstInstant(attributes, "lastLoginAt", "passwordLastUsedAt", "lastActivityAt"));
    }

    /** People without a roster entry first (the ones to look at), then by email. */
    static List<Person> people(List<InventoryResource> accounts, List<IdentityLink> links, Map<UUID, String> connectionNames) {
        Map<String, List<InventoryResource>> byEmail = new TreeMap<>();
        accounts.stream().filter(r -> r.personEmail() != null)
                .forEach(r -> byEmail.computeIfAbsent(r.personEmail(), k -> new ArrayList<>()).add(r));
        // Each account looks among the links of its own type and id, not among all of them.
        Map<String, List<IdentityLink>> linksByAccount = new java.util.HashMap<>();
        links.forEach(l -> linksByAccount.computeIfAbsent(l.resourceType() + '\u0000' + l.externalId(),
                k -> new ArrayList<>()).add(l));
        List<Person> people = new ArrayList<>();
        byEmail.forEach((email, resources) -> people.add(person(email, resources, r -> linksByAccount.getOrDefault(
                r.type() + '\u0000' + r.externalId(), List.of()), connectionNames)));
        people.sort(Comparator.comparing(Person::inRoster).thenComparing(Person::email));
        return people;
    }

    /** One person from the resources joined to {@code email} (roster entry and accounts). */
    static Person person(String email, List<InventoryResource> resources, List<IdentityLink> links,
                         Map<UUID, String> connectionNames) {
        return person(email, resources, r -> links, connectionNames);
    }

    private static Person person(String email, List<InventoryResource> resources,
                                 java.util.function.Function<InventoryResource, List<IdentityLink>> linksOf,
                                 Map<UUID, String> connectionNames) {
        InventoryResource roster = resources.stream().filter(r -> r.type().equals(ROSTER_TYPE)).findFirst().orElse(null);
        JsonNode rosterAttributes = roster == null ? null : attributes(roster);
        List<Account> others = resources.stream().filter(r -> !r.type().equals(ROSTER_TYPE))
                .map(r -> account(r, linksOf.apply(r), connectionNames))
                .sorted(Comparator.comparing(Account::connectionName).thenComparing(Account::type).thenComparing(Account::name))
                .toList();
        return new Person(email, roster == null ? null : roster.displayName(), roster != null,
                rosterAttributes == null ? null : text(rosterAttributes, "status"),
                rosterAttributes == null ? null : date(text(rosterAttributes, "endDate")), others);
    }

    private static JsonNode attributes(InventoryResource r) {
        try {
            JsonNode node = ConnectionStore.JSON.readTree(r.attributesJson());
            return node != null && node.isObject() ? node : ConnectionStore.JSON.createObjectNode();
        } catch (RuntimeException e) {
            return ConnectionStore.JSON.createObjectNode();
        }
    }

    private static boolean admin(JsonNode a) {
        return Boolean.TRUE.equals(bool(a, "admin")) || Boolean.TRUE.equals(bool(a, "superAdmin"))
                || "admin".equalsIgnoreCase(text(a, "role"));
    }

    private static Boolean firstBool(JsonNode a, String... names) {
        for (String name : names) {
            Boolean value = bool(a, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Instant firstInstant(JsonNode a, String... names) {
        for (String name : names) {
            String value = text(a, name);
            if (value != null) {
                try {
                    return Instant.parse(value);
                } catch (DateTimeParseException e) {
                    // not a timestamp: try the next name
                }
            }
        }
        return null;
    }

    private static Boolean bool(JsonNode a, String name) {
        JsonNode v = a.get(name);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }

    private static String text(JsonNode a, String name) {
        JsonNode v = a.get(name);
        return v != null && v.isString() && !v.asString().isBlank() ? v.asString() : null;
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
