package dev.evident.identity.internal.ui;

import dev.evident.shared.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;

/** Puts a service's field errors into the model as field → messages, for the form fragments. */
final class FormErrors {

    private FormErrors() {
    }

    static void add(Model model, ProblemException e) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e.errors().isEmpty()) {
            errors.put("form", List.of(e.getMessage()));
        }
        e.errors().forEach(f -> errors.computeIfAbsent(f.field(), k -> new java.util.ArrayList<>())
                .add(capitalize(label(f.field())) + " " + f.message()));
        model.addAttribute("errors", errors);
    }

    private static String label(String field) {
        return switch (field) {
            case "displayName" -> "name";
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
