package dev.evident.integration.internal;

import dev.evident.integration.InventoryResource;
import dev.evident.integration.internal.InventoryStore.IdentityLink;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manual identity links: "this account is that person", for accounts whose email is missing or differs
 * from the one the HR roster knows. A link names one connection's account, or the account in every
 * connection of a connector.
 */
@Service
class IdentityLinks {

    static final int LISTED = 1000;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    record LinkInput(UUID connectionId, String connector, String resourceType, String externalId, String personEmail) {
    }

    private final InventoryStore inventory;
    private final ConnectionStore connections;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IdentityLinks(InventoryStore inventory, ConnectionStore connections, ApplicationEventPublisher events, Clock clock) {
        this.inventory = inventory;
        this.connections = connections;
        this.events = events;
        this.clock = clock;
    }

    /** The newest links, at most {@value #LISTED} (the listing's bound). */
    List<IdentityLink> list(Actor actor) {
        actor.require(Permission.INTEGRATIONS_READ);
        return inventory.links(actor.orgId(), LISTED);
    }

    /** Every link, for telling which accounts a link joins (a bound only against runaway data). */
    List<IdentityLink> all(Actor actor) {
        actor.require(Permission.INTEGRATIONS_READ);
        return inventory.links(actor.orgId(), IdentityPages.MAX_ACCOUNTS);
    }

    List<InventoryResource> unlinked(Actor actor, String type) {
        actor.require(Permission.INTEGRATIONS_READ);
        return inventory.unlinkedAccounts(actor.orgId(), type == null || type.isBlank() ? null : type.strip(), 1000);
    }

    /**
     * Every account of a person in the inventory (at most {@code limit}), with its person as links
     * and emails say, and the addresses left apart because their aliases reach more than one roster
     * person (to fix in the sources).
     */
    InventoryStore.Accounts accounts(Actor actor, int limit) {
        actor.require(Permission.INTEGRATIONS_READ);
        return inventory.accounts(actor.orgId(), limit);
    }

    /** The person {@code email} names (an alias names its person) with every account joined to them. */
    PeopleView.Person person(Actor actor, String email, Map<UUID, String> connectionNames) {
        actor.require(Permission.INTEGRATIONS_READ);
        String address = blankToNull(email);
        if (address == null || !EMAIL.matcher(address).matches() || address.length() > 320) {
            throw new NotFoundException("Person");
        }
        List<InventoryResource> resources = inventory.accountsOf(actor.orgId(), address);
        if (resources.isEmpty()) {
            throw new NotFoundException("Person");
        }
        return PeopleView.person(resources.get(0).personEmail(), resources, all(actor),
                connectionNames);
    }

    @Transactional
    IdentityLink create(Actor actor, LinkInput input) {
        actor.require(Permission.INTEGRATIONS_MANAGE);
        List<FieldError> errors = new ArrayList<>();
        String connector = blankToNull(input.connector());
        if ((input.connectionId() == null) == (connector == null)) {
            errors.add(new FieldError("connectionId", "or connector is required, not both: a link names one connection's "
                    + "account or the account in every connection of a connector"));
        }
        if (input.connectionId() != null && connections.find(actor.orgId(), input.connectionId()).isEmpty()) {
            errors.add(new FieldError("connectionId", "is not a connection of this organization"));
        }
        String type = blankToNull(input.resourceType());
        if (type == null) {
            errors.add(new FieldError("resourceType", "is required, such as github.member"));
        } else if (type.length() > 128) {
            errors.add(new FieldError("resourceType", "must be at most 128 characters"));
        }
        String externalId = blankToNull(input.externalId());
        if (externalId == null) {
            errors.add(new FieldError("externalId", "is required: the account's id in its system"));
        } else if (externalId.length() > 512) {
            errors.add(new FieldError("externalId", "must be at most 512 characters"));
        }
        String email = blankToNull(input.personEmail());
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 320) {
            errors.add(new FieldError("personEmail", "must be an email address, such as jane@example.com"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (inventory.sameScope(actor.orgId(), input.connectionId(), connector, type, externalId).isPresent()) {
            throw new ConflictException("The account " + externalId + " (" + type + ") is linked already; delete that link "
                    + "first");
        }
        IdentityLink link = new IdentityLink(Ids.next(clock), input.connectionId(), connector, type, externalId,
                email.toLowerCase(Locale.ROOT), Timestamps.now(clock), actor.label() == null ? "unknown" : actor.label());
        inventory.insertLink(actor.orgId(), link);
        events.publishEvent(new IntegrationEvents.IdentityLinked(actor, link.id(),
                link.connectionId() != null ? "connection " + link.connectionId() : "connector " + connector, type,
                externalId, link.personEmail()));
        return link;
    }

    @Transactional
    void delete(Actor actor, UUID id) {
        actor.require(Permission.INTEGRATIONS_MANAGE);
        IdentityLink link = inventory.findLink(actor.orgId(), id).orElseThrow(() -> new NotFoundException("Identity link"));
        inventory.deleteLink(actor.orgId(), id);
        events.publishEvent(new IntegrationEvents.IdentityUnlinked(actor, id, link.resourceType(), link.externalId(),
                link.personEmail()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
