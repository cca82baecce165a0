package dev.evident.shared.web;

import dev.evident.shared.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * Puts a service's field errors into the model as {@code errors}: field → messages, for the form
 * fragments in fragments.html ({@code fieldError(field)}, {@code summary}). Errors without a field go
 * under "form".
 */
public final class FormErrors {

    private FormErrors() {
    }

    public static void add(Model model, ProblemException e) {
        add(model, e, Map.of());
    }

    /** @param renames service field names to this form's field names (e.g. "name" → "organizationName") */
    public static void add(Model model, ProblemException e, Map<String, String> renames) {
        add(model, e, renames, Map.of());
    }

    /**
     * @param renames service field names to this form's field names (e.g. "criteria[2]" → "criteria")
     * @param labels  service field names to the words a message starts with (e.g. "test.procedure" → "test procedure")
     */
    public static void add(Model model, ProblemException e, Map<String, String> renames, Map<String, String> labels) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e.errors().isEmpty()) {
            errors.put("form", List.of(e.getMessage()));
        }
        e.errors().forEach(f -> {
            String field = renames.getOrDefault(f.field(), f.field());
            String label = labels.getOrDefault(f.field(), label(field));
            errors.computeIfAbsent(field, k -> new java.util.ArrayList<>()).add(capitalize(label) + " " + f.message());
        });
        model.addAttribute("errors", errors);
    }

    private static String label(String field) {
        return switch (field) {
            case "displayName" -> "your name";
            case "newPassword" -> "new password";
            case "currentPassword" -> "current password";
            case "setupCode" -> "setup code";
            case "organizationName" -> "organization name";
            default -> field;
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
