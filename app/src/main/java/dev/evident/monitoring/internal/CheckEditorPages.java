package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.CheckApi.DryRunInput;
import dev.evident.monitoring.internal.CheckService.CheckInput;
import dev.evident.monitoring.internal.CheckService.CheckState;
import dev.evident.shared.problem.ConflictException;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.FormErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The custom check editor: new and edit forms, saved as a new version, and "Dry run" (htmx, or a plain
 * form post without JavaScript) showing compile errors at their line and column or what would pass and
 * fail on the current inventory. Built-in checks are not edited here: they can be disabled.
 */
@Controller
class CheckEditorPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The editor's fields as typed; parameters and joins as JSON text. */
    record CheckForm(String key, String title, String description, String resourceType, String expression,
                     String severity, String controls, String remediation, String parameters, String joins,
                     Integer expectedVersion) {

        static CheckForm blank() {
            return new CheckForm("", "", "", "", "", "medium", "", "", "", "", null);
        }

        static CheckForm of(CheckState c) {
            CheckDefinition d = c.definition();
            return new CheckForm(c.row().key(), d.title(), d.description(), d.resourceType(), d.expression(),
                    d.severity().id(), String.join(", ", d.controls()), d.remediation(),
                    d.parameters().isEmpty() ? "" : JSON.writeValueAsString(d.parameters()),
                    d.joins().isEmpty() ? "" : JSON.writeValueAsString(d.joins()), c.row().currentVersion());
        }

        /** The input for the service; unreadable JSON is reported with the other field errors. */
        CheckInput input(List<FieldError> errors) {
            List<String> controlKeys = controls == null ? List.of() : Arrays.stream(controls.split("[,\\s]+"))
                    .filter(s -> !s.isBlank()).toList();
            return new CheckInput(key == null ? null : key.strip(), title, description,
                    resourceType == null ? null : resourceType.strip(), expression, severity, controlKeys, remediation,
                    parameters(errors), joins(errors));
        }

        Map<String, Object> parameters(List<FieldError> errors) {
            if (parameters == null || parameters.isBlank()) {
                return Map.of();
            }
            try {
                return JSON.readValue(parameters, new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (JacksonException e) {
                errors.add(new FieldError("parameters", "must be a JSON object such as {\"maxDays\": 30}"));
                return Map.of();
            }
        }

        List<CheckJoin> joins(List<FieldError> errors) {
            if (joins == null || joins.isBlank()) {
                return List.of();
            }
            try {
                return JSON.readValue(joins, new TypeReference<List<CheckJoin>>() { });
            } catch (JacksonException e) {
                errors.add(new FieldError("joins", "must be a JSON list such as [{\"as\": \"people\", \"type\": "
                        + "\"hr.person\", \"on\": \"person\"}]"));
                return List.of();
            }
        }
    }

    /** A problem found by a dry run; for the expression, the line it is on and a caret under its column. */
    record CompileError(String field, String message, String sourceLine, String caret) {

        static CompileError of(FieldError f, String expression) {
            if (!"expression".equals(f.field()) || f.location() == null || expression == null) {
                return new CompileError(f.field(), f.message(), null, null);
            }
            String[] lines = expression.split("\\R", -1);
            int line = f.location().line();
            if (line < 1 || line > lines.length) {
                return new CompileError(f.field(), f.message(), null, null);
            }
            int column = Math.max(1, Math.min(f.location().column(), lines[line - 1].length() + 1));
            return new CompileError(f.field(), f.message(), lines[line - 1], " ".repeat(column - 1) + "^");
        }
    }

    private final CheckService checks;
    private final CheckDryRun dryRun;
    private final CheckEvaluation evaluation;

    CheckEditorPages(CheckService checks, CheckDryRun dryRun, CheckEvaluation evaluation) {
        this.checks = checks;
        this.dryRun = dryRun;
        this.evaluation = evaluation;
    }

    @GetMapping("/checks/new")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    String newCheck(Actor actor, Model model) {
        formModel(actor, model, CheckForm.blank(), null);
        return "checks/form";
    }

    @PostMapping("/checks/new")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    String create(Actor actor, CheckForm form, Model model, RedirectAttributes redirect) {
        try {
            CheckState created = checks.create(actor, input(form));
            redirect.addFlashAttribute("flash", "The check was saved as version 1. It is evaluated at the next sync of "
                    + created.definition().resourceType() + ".");
            return "redirect:/checks/" + created.row().key();
        } catch (ProblemException e) {
            errors(model, e);
            formModel(actor, model, form, null);
            return "checks/form";
        }
    }

    @GetMapping("/checks/{check}/edit")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    String edit(Actor actor, @PathVariable String check, Model model) {
        CheckState c = editable(actor, check);
        formModel(actor, model, CheckForm.of(c), c);
        return "checks/form";
    }

    @PostMapping("/checks/{check}/edit")
    @RequiresPermission(Permission.CHECKS_MANAGE)
    String update(Actor actor, @PathVariable String check, CheckForm form, Model model, RedirectAttributes redirect) {
        CheckState c = editable(actor, check);
        try {
            CheckState saved = checks.update(actor, check, input(form), form.expectedVersion());
            redirect.addFlashAttribute("flash", saved.row().currentVersion() == c.row().currentVersion()
                    ? "Nothing changed; the check stays at version " + saved.row().currentVersion() + "."
                    : "Saved as version " + saved.row().currentVersion() + ".");
            return "redirect:/checks/" + c.row().key();
        } catch (ProblemException e) {
            errors(model, e);
            formModel(actor, model, form, c);
            return "checks/form";
        }
    }

    /** Dry run: the result panel alone for htmx, the whole form otherwise. */
    @PostMapping("/checks/dry-run")
    @RequiresPermission(Permission.CHECKS_READ)
    String dryRun(Actor actor, CheckForm form, @RequestParam(required = false) String editing,
                  @org.springframework.web.bind.annotation.RequestHeader(value = "HX-Request", required = false) String htmx,
                  Model model) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> parameters = form.parameters(errors);
        List<CheckJoin> joins = form.joins(errors);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            model.addAttribute("dryRun", dryRun.run(actor.orgId(), new DryRunInput(
                    form.resourceType() == null ? null : form.resourceType().strip(), form.expression(), parameters, joins)));
        } catch (ProblemException e) {
            model.addAttribute("dryRunErrors", e.errors().isEmpty()
                    ? List.of(new CompileError("form", e.getMessage(), null, null))
                    : e.errors().stream().map(f -> CompileError.of(f, form.expression())).toList());
        }
        if (htmx != null) {
            return "checks/form :: dryRunResult";
        }
        CheckState c = editing == null || editing.isBlank() ? null : editable(actor, editing);
        formModel(actor, model, form, c);
        return "checks/form";
    }

    private CheckState editable(Actor actor, String check) {
        CheckState c = checks.get(actor.orgId(), check);
        if (c.row().builtIn()) {
            throw new ConflictException("Check " + c.row().key() + " is built in and cannot be edited; disable it and "
                    + "write a custom check instead");
        }
        return c;
    }

    private static CheckInput input(CheckForm form) {
        List<FieldError> errors = new ArrayList<>();
        CheckInput input = form.input(errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return input;
    }

    /** Field errors such as "controls[2]" or "joins[0].key" are shown next to the field they belong to. */
    private static void errors(Model model, ProblemException e) {
        Map<String, String> renames = new LinkedHashMap<>();
        e.errors().forEach(f -> {
            String field = f.field();
            if (field.startsWith("controls[")) {
                renames.put(field, "controls");
            } else if (field.startsWith("joins[")) {
                renames.put(field, "joins");
            } else if (field.startsWith("parameters.")) {
                renames.put(field, "parameters");
            }
        });
        Map<String, String> labels = new LinkedHashMap<>();
        e.errors().forEach(f -> labels.put(f.field(), label(f.field())));
        FormErrors.add(model, e, renames, labels);
    }

    private static String label(String field) {
        if (field.equals("resourceType")) {
            return "Resource type";
        }
        if (field.startsWith("controls[")) {
            return "Control " + (Integer.parseInt(field.replaceAll("\\D", "")) + 1);
        }
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private void formModel(Actor actor, Model model, CheckForm form, CheckState editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("severities", List.of("low", "medium", "high", "critical"));
        TreeSet<String> types = new TreeSet<>(AttributeNames.types());
        types.addAll(evaluation.inventory().types(actor.orgId()));
        model.addAttribute("resourceTypes", types);
    }
}
