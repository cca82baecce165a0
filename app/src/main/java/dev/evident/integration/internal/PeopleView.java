package dev.evident.integration.internal;

import dev.evident.integration.InventoryResource;
import dev.evident.integration.internal.InventoryStore.IdentityLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * People as the inventory joins them: every account grouped by the person it belongs to (its manual
 * identity link, else its own email), with the HR roster's entry when there is one.
 */
final class PeopleView {

    static final String ROSTER_TYPE = "hr.person";

    /** One account of a person; {@code link} is the manual link that names its person, or null. */
    public record Account(UUID connectionId, String connectionName, String type, String externalId, String name,
                          String personEmail, IdentityLink link) {

        /** Identifies the account's forms on the page. */
        public String formKey() {
            return connectionId + "|" + type + "|" + externalId;
        }
    }

    /** A person: an email with the roster's name (when the roster knows them) and their accounts elsewhere. */
    public record Person(String email, String name, boolean inRoster, List<Account> accounts) {
    }

    private PeopleView() {
    }

    static Account account(InventoryResource r, List<IdentityLink> links, Map<UUID, String> connectionNames) {
        IdentityLink link = links.stream().filter(l -> l.resourceType().equals(r.type()) && l.externalId().equals(r.externalId())
                && (Objects.equals(l.connectionId(), r.connectionId()) || (l.connectionId() == null
                && Objects.equals(l.connector(), r.connector())))).min(Comparator.comparing(l -> l.connectionId() == null))
                .orElse(null);
        return new Account(r.connectionId(), connectionNames.getOrDefault(r.connectionId(), r.connector()), r.type(),
                r.externalId(), r.displayName() == null ? r.externalId() : r.displayName(), r.personEmail(), link);
    }

    /** People without a roster entry first (the ones to look at), then by email. */
    static List<Person> people(List<InventoryResource> accounts, List<IdentityLink> links, Map<UUID, String> connectionNames) {
        Map<String, List<InventoryResource>> byEmail = new TreeMap<>();
        accounts.stream().filter(r -> r.personEmail() != null)
                .forEach(r -> byEmail.computeIfAbsent(r.personEmail(), k -> new ArrayList<>()).add(r));
        List<Person> people = new ArrayList<>();
        byEmail.forEach((email, resources) -> {
            String name = resources.stream().filter(r -> r.type().equals(ROSTER_TYPE)).map(InventoryResource::displayName)
                    .filter(Objects::nonNull).findFirst().orElse(null);
            boolean inRoster = resources.stream().anyMatch(r -> r.type().equals(ROSTER_TYPE));
            List<Account> others = resources.stream().filter(r -> !r.type().equals(ROSTER_TYPE))
                    .map(r -> account(r, links, connectionNames)).toList();
            people.add(new Person(email, name, inRoster, others));
        });
        people.sort(Comparator.comparing(Person::inRoster).thenComparing(Person::email));
        return people;
    }
}
