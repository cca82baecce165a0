package dev.evident.program.internal.ui;

import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.ui.Model;

/**
 * Turns the program service's field errors (JSON paths such as {@code system.services[2].name})
 * into messages next to the page's own fields, in the same {@code errors} model shape as
 * {@link dev.evident.shared.web.FormErrors}: form field id → messages. The service words its
 * messages for the API ("must be after periodStart"); the names people see replace those words.
 */
final class PageErrors {

    /** Where an error is shown (the id of the form field) and the sentence shown there. */
    record Target(String field, String message) {

        /** The service's message introduced by the field's name as the page shows it. */
        static Target at(String field, String lead, String serviceMessage) {
            return new Target(field, sentence(lead, plain(serviceMessage)));
        }
    }

    /** Errors that belong to no field on the page (or to a field of another page). */
    static final String FORM = "form";

    private static final Map<String, String> API_WORDS = Map.of(
            "periodStart", "the start date",
            "periodEnd", "the end date",
            "asOfDate", "an as-of date",
            "exclusionReason", "a reason",
            "soc2-2017", "SOC 2");

    private PageErrors() {
    }

    /** @param locate where the page shows a service error, or null when the page has no field for it */
    static void add(Model model, ProblemException e, Function<FieldError, Target> locate) {
        model.addAttribute("errors", translate(e, locate));
    }

    static Map<String, List<String>> translate(ProblemException e, Function<FieldError, Target> locate) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e.errors().isEmpty()) {
            errors.put(FORM, new ArrayList<>(List.of(e.getMessage())));
        }
        for (FieldError error : e.errors()) {
            Target target = locate.apply(error);
            if (target == null) {
                target = Target.at(FORM, describe(error.field()), error.message());
            }
            errors.computeIfAbsent(target.field(), k -> new ArrayList<>()).add(target.message());
        }
        return errors;
    }

    static void message(Model model, String text) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        errors.put(FORM, new ArrayList<>(List.of(text)));
        model.addAttribute("errors", errors);
    }

    private static String plain(String message) {
        String result = message;
        for (Map.Entry<String, String> word : API_WORDS.entrySet()) {
            result = result.replace(word.getKey(), word.getValue());
        }
        return result;
    }

    private static String sentence(String lead, String message) {
        String text = lead == null || lead.isBlank() ? message : lead.strip() + " " + message;
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A field of another step, named so people know where to go ("system.services[0].name"). */
    private static String describe(String field) {
        if (field.startsWith("system.userEntityControls") || field.startsWith("system.subserviceOrganizations")) {
            return "On the Responsibilities step, an entry's " + last(field);
        }
        if (field.startsWith("system.")) {
            return "On the System step, " + last(field);
        }
        if (field.startsWith("categories") || field.startsWith("notRelevantCriteria")) {
            return "On the Scope step, " + last(field);
        }
        return last(field);
    }

    /** The last plain word of a JSON path: "system.services[0].name" → "name". */
    static String last(String field) {
        String[] parts = field.replaceAll("\\[\\d+]", "").split("\\.");
        String word = parts[parts.length - 1];
        return word.equals("criterionId") ? "criterion" : word;
    }
}
