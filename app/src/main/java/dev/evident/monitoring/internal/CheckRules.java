package dev.evident.monitoring.internal;

import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Field rules for a check definition, the same for the built-in library and for the API. */
final class CheckRules {

    /** Joins one check may read: one per identity source is the largest need of the built-in library. */
    static final int MAX_JOINS = 8;

    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");
    static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern PARAM = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,39}");

    private CheckRules() {
    }

    /**
     * Every problem of the definition, then its compilation: throws with all of them, or returns the
     * compiled check.
     *
     * @param knownControl whether a control key names a library control or one of the organization's
     */
    static CompiledCheck validate(CheckDefinition d, Predicate<String> knownControl, CheckCompiler compiler) {
        List<FieldError> errors = new ArrayList<>();
        if (d.key() == null || !KEY.matcher(d.key()).matches()) {
            errors.add(new FieldError("key", "must be 3 to 100 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit (e.g. github.org-2fa-required)"));
        }
        text(errors, "title", d.title(), 200, true);
        text(errors, "description", d.description(), 2000, false);
        text(errors, "remediation", d.remediation(), 2000, false);
        if (d.resourceType() == null || !TYPE.matcher(d.resourceType()).matches()) {
            errors.add(new FieldError("resourceType", "is required: an inventory type such as github.member "
                    + "(docs/resources.md)"));
        }
        if (d.severity() == null) {
            errors.add(new FieldError("severity", "must be low, medium, high or critical"));
        }
        if (d.controls().size() > 20) {
            errors.add(new FieldError("controls", "may name at most 20 controls"));
        }
        for (int i = 0; i < d.controls().size(); i++) {
            String c = d.controls().get(i);
            if (c == null || !knownControl.test(c)) {
                errors.add(new FieldError("controls[" + i + "]", "'" + c + "' is neither a control of the built-in "
                        + "library (such as AC-02) nor a reference of one of your controls"));
            }
        }
        for (Map.Entry<String, Object> p : d.parameters().entrySet()) {
            if (!PARAM.matcher(p.getKey()).matches()) {
                errors.add(new FieldError("parameters." + p.getKey(), "must be a name of letters, digits and _"));
            } else if (!plain(p.getValue())) {
                errors.add(new FieldError("parameters." + p.getKey(), "must be a string, number, bool or a list of these"));
            }
        }
        if (d.joins().size() > MAX_JOINS) {
            errors.add(new FieldError("joins", "may hold at most " + MAX_JOINS + " joins"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return compiler.compile(d);
    }

    private static boolean plain(Object v) {
        if (v instanceof List<?> list) {
            return list.size() <= 1000 && list.stream().allMatch(x -> x instanceof String || x instanceof Number
                    || x instanceof Boolean);
        }
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static void text(List<FieldError> errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "is " + value.length() + " characters; at most " + max + " are allowed"));
        }
    }
}
