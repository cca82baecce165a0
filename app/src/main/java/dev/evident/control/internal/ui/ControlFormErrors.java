package dev.evident.control.internal.ui;

import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemException.FieldError;
import dev.evident.shared.web.FormErrors;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ui.Model;

/**
 * Puts the service's field errors next to the form's inputs. The service names fields as the API
 * does ({@code criteria[2]}, {@code evidence[1]}, {@code test.procedure}, {@code ownerUserId}); the
 * form has one input per list and its own names, and messages should read as sentences.
 */
final class ControlFormErrors {

    private static final Pattern ITEM = Pattern.compile("(\\w+)\\[(\\d+)]");

    private ControlFormErrors() {
    }

    static void add(Model model, ProblemException e, boolean creating) {
        Map<String, String> renames = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (FieldError error : e.errors()) {
            renames.put(error.field(), formField(error.field(), creating));
            labels.put(error.field(), label(error.field()));
        }
        FormErrors.add(model, e, renames, labels);
    }

    static String formField(String field, boolean creating) {
        Matcher item = ITEM.matcher(field);
        if (item.matches()) {
            return item.group(1);
        }
        return switch (field) {
            case "ownerUserId" -> "owner";
            case "test", "test.method" -> "testMethod";
            case "test.procedure" -> "testProcedure";
            case "status" -> creating ? "status" : "form";
            case "body", "version" -> "form";
            default -> field;
        };
    }

    static String label(String field) {
        Matcher item = ITEM.matcher(field);
        if (item.matches()) {
            return item.group(1).equals("evidence") ? "evidence item " + (Integer.parseInt(item.group(2)) + 1) : "criteria";
        }
        return switch (field) {
            case "ref" -> "reference";
            case "ownerUserId" -> "owner";
            case "ownerRole" -> "suggested owner role";
            case "test", "test.method" -> "test method";
            case "test.procedure" -> "test procedure";
            case "evidence" -> "expected evidence";
            case "notApplicableReason" -> "the reason";
            default -> field;
        };
    }
}
