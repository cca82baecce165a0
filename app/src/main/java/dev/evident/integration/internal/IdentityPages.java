package dev.evident.integration.internal;

import dev.evident.integration.InventoryResource;
import dev.evident.integration.ResourceChecks;
import dev.evident.integration.ResourceChecks.ResourceRef;
import dev.evident.integration.internal.InventoryStore.IdentityLink;
import dev.evident.shared.Ids;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.FormErrors;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * People and their accounts across sources, joined by email; accounts no person is known for; manual
 * identity links that say "this account is that person" (and removing them).
 */
@Controller
class IdentityPages {

    /** A bound on the accounts read for the page (a safety net; 20,000 people with five accounts each fit). */
    static final int MAX_ACCOUNTS = 100_000;
    static final int PAGE_SIZE = 100;

    /** The people list's filters as typed: text, which people ("all", "outside", "left") and the 1-based page. */
    record PeopleFilter(String q, String show, int page) {

        static PeopleFilter of(String q, String show, Integer page) {
            String which = show == null ? "all" : switch (show.strip()) {
                case "outside", "left" -> show.strip();
                default -> "all";
            };
            return new PeopleFilter(q == null ? "" : q.strip(), which, page == null || page < 1 ? 1 : page);
        }

        public boolean any() {
            return !q.isEmpty() || !show.equals("all");
        }

        boolean matches(PeopleView.Person p) {
            if (show.equals("outside") && p.inRoster() || show.equals("left") && p.accessAfterLeaving().isEmpty()) {
                return false;
            }
            if (q.isEmpty()) {
                return true;
            }
            String needle = q.toLowerCase(java.util.Locale.ROOT);
            return p.email().contains(needle) || p.name() != null && p.name().toLowerCase(java.util.Locale.ROOT).contains(needle)
                    || p.accounts().stream().anyMatch(a -> a.name().toLowerCase(java.util.Locale.ROOT).contains(needle)
                    || a.ownEmail() != null && a.ownEmail().contains(needle));
        }
    }

    private final IdentityLinks links;
    private final ConnectionService connections;
    private final ObjectProvider<ResourceChecks> resourceChecks;
    private final Clock clock;

    IdentityPages(IdentityLinks links, ConnectionService connections, ObjectProvider<ResourceChecks> resourceChecks,
                  Clock clock) {
        this.links = links;
        this.connections = connections;
        this.resourceChecks = resourceChecks;
        this.clock = clock;
    }

    /** One person's accounts across every connected system, with their state there and what the checks say. */
    @GetMapping("/integrations/people/person")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    String person(Actor actor, @RequestParam(required = false) String email, Model model) {
        PeopleView.Person person = links.person(actor, email, connectionNames(actor));
        model.addAttribute("person", person);
        model.addAttribute("asked", email.strip().toLowerCase(java.util.Locale.ROOT));
        ResourceChecks checks = actor.can(Permission.CHECKS_READ) ? resourceChecks.getIfAvailable() : null;
        model.addAttribute("showChecks", checks != null);
        Map<ResourceRef, ResourceChecks.Summary> summaries = checks == null ? Map.of() : checks.summaries(actor.orgId(),
                person.accounts().stream().map(a -> new ResourceRef(a.connectionId(), a.type(), a.externalId())).toList());
        Map<String, ResourceChecks.Summary> byAccount = new HashMap<>();
        summaries.forEach((ref, summary) -> byAccount.put(ref.connectionId() + "|" + ref.type() + "|" + ref.externalId(), summary));
        model.addAttribute("checks", byAccount);
        model.addAttribute("daysSinceEnd", person.endDate() == null ? null
                : ChronoUnit.DAYS.between(person.endDate(), LocalDate.now(clock.withZone(ZoneOffset.UTC))));
        model.addAttribute("canManage", actor.can(Permission.INTEGRATIONS_MANAGE));
        return "integrations/person";
    }

    @GetMapping("/integrations/people")
    @RequiresPermission(Permission.INTEGRATIONS_READ)
    String people(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String show,
                  @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("filter", PeopleFilter.of(q, show, page));
        model(actor, model);
        return "integrations/people";
    }

    @PostMapping("/integrations/people/links")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String link(Actor actor, @RequestParam(required = false) String connectionId,
                @RequestParam(required = false) String resourceType, @RequestParam(required = false) String externalId,
                @RequestParam(required = false) String personEmail, Model model, RedirectAttributes redirect) {
        UUID connection = Ids.parseOrNotFound(connectionId, "Connection");
        try {
            IdentityLink link = links.create(actor, new IdentityLinks.LinkInput(connection, null, resourceType, externalId,
                    personEmail));
            redirect.addFlashAttribute("flash", "The account " + externalId + " is now " + link.personEmail()
                    + "'s; checks read it that way from their next evaluation.");
            return "redirect:/integrations/people";
        } catch (ProblemException e) {
            FormErrors.add(model, e, Map.of(), Map.of("personEmail", "Person's email", "connectionId", "Connection",
                    "resourceType", "Resource type", "externalId", "Account id"));
            model.addAttribute("failedAccount", connection + "|" + resourceType + "|" + externalId);
            model.addAttribute("typedEmail", personEmail);
            model.addAttribute("filter", PeopleFilter.of(null, null, null));
            model(actor, model);
            return "integrations/people";
        }
    }

    @PostMapping("/integrations/people/links/{linkId}/delete")
    @RequiresPermission(Permission.INTEGRATIONS_MANAGE)
    String unlink(Actor actor, @PathVariable String linkId, RedirectAttributes redirect) {
        links.delete(actor, Ids.parseOrNotFound(linkId, "Identity link"));
        redirect.addFlashAttribute("flash", "The link was removed; the account is joined by its own email again.");
        return "redirect:/integrations/people";
    }

    private Map<UUID, String> connectionNames(Actor actor) {
        Map<UUID, String> names = new HashMap<>();
        connections.list(actor).forEach(d -> names.put(d.connection().id(), d.connection().displayName()));
        return names;
    }

    private void model(Actor actor, Model model) {
        Map<UUID, String> names = connectionNames(actor);
        List<IdentityLink> all = links.all(actor);
        InventoryStore.Accounts found = links.accounts(actor, MAX_ACCOUNTS);
        List<InventoryResource> accounts = found.accounts();
        var people = PeopleView.people(accounts, all, names);
        PeopleFilter filter = (PeopleFilter) model.getAttribute("filter");
        List<PeopleView.Person> matching = people.stream().filter(filter::matches).toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(filter.page(), pages);
        model.addAttribute("people", matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE)));
        model.addAttribute("matching", matching.size());
        model.addAttribute("totalPeople", people.size());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("outsideRoster", people.stream().filter(p -> !p.inRoster()).count());
        model.addAttribute("leftWithAccess", people.stream().filter(p -> !p.accessAfterLeaving().isEmpty()).count());
        model.addAttribute("rosterEmails", new TreeSet<>(accounts.stream()
                .filter(r -> r.type().equals(PeopleView.ROSTER_TYPE) && r.personEmail() != null)
                .map(InventoryResource::personEmail).toList()));
        // Accounts joined to nobody: no link, no email (an account with an email is always someone's).
        model.addAttribute("unmatched", accounts.stream().filter(r -> r.personEmail() == null)
                .limit(IdentityLinks.LISTED).map(r -> PeopleView.account(r, all, names)).toList());
        model.addAttribute("links", all.subList(0, Math.min(all.size(), IdentityLinks.LISTED)));
        model.addAttribute("ambiguous", new TreeSet<>(found.ambiguousAliases()));
        model.addAttribute("connectionNames", names);
        model.addAttribute("truncated", accounts.size() >= MAX_ACCOUNTS);
        model.addAttribute("canManage", actor.can(Permission.INTEGRATIONS_MANAGE));
    }
}
