package dev.evident.control.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.ControlStatus;
import dev.evident.control.internal.ControlFilter;
import dev.evident.control.internal.ControlRules;
import dev.evident.control.internal.ControlRulesFactory;
import dev.evident.control.internal.ControlService;
import dev.evident.control.internal.Filters;
import dev.evident.control.internal.ui.ControlVocabulary.Option;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The organization's controls as one filterable table. The filter form is a plain GET form; htmx
 * sends it on every change and swaps only the results, and the same URL renders the whole page.
 */
@Controller
class ControlLibraryPage {

    private final ControlService controls;
    private final ControlRulesFactory rules;
    private final ControlVocabulary vocabulary;

    ControlLibraryPage(ControlService controls, ControlRulesFactory rules, ControlVocabulary vocabulary) {
        this.controls = controls;
        this.rules = rules;
        this.vocabulary = vocabulary;
    }

    @GetMapping("/controls")
    @RequiresPermission(Permission.CONTROLS_READ)
    String library(Actor actor, @ModelAttribute("filter") LibraryFilter filter,
                   @RequestHeader(value = "HX-Request", required = false) String htmx,
                   @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore,
                   Model model, HttpServletRequest request, HttpServletResponse response) {
        ControlRules orgRules = rules.rulesFor(actor.orgId());
        List<Control> all = controls.controls(actor.orgId());
        List<Control> matching = List.of();
        try {
            if (filter.applicableUnreadable()) {
                throw new InvalidInputException("applicable", "must be true or false");
            }
            ControlFilter parsed = Filters.parse(filter.domain(), filter.criterion(), filter.category(), filter.owner(),
                    filter.status(), filter.frequency(), filter.applicableValue(), filter.q());
            matching = all.stream().filter(parsed.predicate(vocabulary.framework())).toList();
        } catch (InvalidInputException e) {
            // a filter that cannot be read shows nothing rather than everything
            model.addAttribute("filterError", "This filter could not be used: " + e.errors().get(0).field() + " "
                    + e.errors().get(0).message() + ".");
        }
        // plain links: @{…} would send each of a thousand links through the static-resource URL encoder
        List<LibraryRows.Row> rows = LibraryRows.of(matching, orgRules.members(), orgRules, vocabulary,
                request.getContextPath() + "/controls/");
        model.addAttribute("rows", rows);
        model.addAttribute("rowsHtml", LibraryRows.html(rows));
        model.addAttribute("total", all.size());
        model.addAttribute("filtered", filter.any());
        model.addAttribute("canManage", actor.can(Permission.CONTROLS_MANAGE));
        model.addAttribute("domains", vocabulary.domains());
        model.addAttribute("criterionGroups", vocabulary.criterionOptions());
        model.addAttribute("categories", vocabulary.categories());
        model.addAttribute("owners", orgRules.members().stream().filter(m -> m.role() != Role.AUDITOR)
                .map(m -> new Option(m.userId().toString(), m.displayName())).toList());
        model.addAttribute("statuses", ControlVocabulary.options(ControlStatus.class));
        model.addAttribute("frequencies", ControlVocabulary.frequencies());
        model.addAttribute("htmx", htmx != null && historyRestore == null);
        // the same URL answers with the whole page or, for htmx, the results only
        response.addHeader("Vary", "HX-Request");
        return htmx != null && historyRestore == null ? "controls :: results" : "controls";
    }
}
