package dev.evident.control.internal;

import dev.evident.catalog.Category;
import dev.evident.catalog.ControlDomain;
import dev.evident.catalog.ControlLibrary;
import dev.evident.catalog.FrameworkIndex;
import dev.evident.catalog.Requirement;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.shared.security.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules every control must follow, field by field, whoever writes it (a form, the API, a
 * controls-as-code file). Each check reports through {@link Errors} under a field name the caller
 * chooses, so the API can say {@code criteria[2]} and a YAML import can say "line 40, column 7".
 * A check returns the cleaned value, or null after reporting a problem.
 */
public final class ControlRules {

    public static final Pattern REF = Pattern.compile("[A-Z][A-Z0-9]{0,9}(-[A-Z0-9]{1,10}){1,3}");
    public static final int MAX_REF = 32;
    public static final int MAX_TITLE = 300;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_SHORT = 200;
    public static final int MAX_PROCEDURE = 2000;
    public static final int MAX_EVIDENCE_ITEMS = 20;
    public static final int MAX_EVIDENCE_TEXT = 500;
    public static final int MAX_CRITERIA = 100;
    public static final int MIN_REASON = 10;
    public static final int MAX_REASON = 2000;

    /** Where problems go; the field is whatever name the caller uses for it. */
    @FunctionalInterface
    public interface Errors {
        void add(String field, String message);
    }

    private final FrameworkIndex framework;
    private final ControlLibrary library;
    private final Set<String> categoriesInScope;
    private final Map<String, String> exclusionNotes;
    private final List<MemberSummary> members;

    /**
     * @param categoriesInScope categories at least one program includes (plus the required ones)
     * @param exclusionNotes    category id → where and why it is excluded, to explain a refused mapping
     */
    public ControlRules(FrameworkIndex framework, ControlLibrary library, Set<String> categoriesInScope,
                        Map<String, String> exclusionNotes, List<MemberSummary> members) {
        this.framework = framework;
        this.library = library;
        this.categoriesInScope = Set.copyOf(categoriesInScope);
        this.exclusionNotes = Map.copyOf(exclusionNotes);
        this.members = List.copyOf(members);
    }

    public FrameworkIndex framework() {
        return framework;
    }

    public List<MemberSummary> members() {
        return members;
    }

    public String ref(Errors errors, String field, String value) {
        String ref = text(errors, field, value, MAX_REF, true);
        if (ref != null && !REF.matcher(ref).matches()) {
            errors.add(field, "'" + ref + "' is not a control id: use capital letters and digits in dash-separated "
                    + "parts, such as AC-01 or VEND-12");
            return null;
        }
        return ref;
    }

    /**
     * Text without surrounding white space, and with one kind of line break ({@code \n}): browsers
     * send CRLF from text areas, and a controls-as-code file can only carry {@code \n}.
     */
    public String text(Errors errors, String field, String value, int max, boolean required) {
        String trimmed = value == null || value.isBlank() ? null : lineBreaks(value).strip();
        if (trimmed == null) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        if (trimmed.length() > max) {
            errors.add(field, "must be at most " + max + " characters, has " + trimmed.length());
            return null;
        }
        return trimmed;
    }

    private static String lineBreaks(String value) {
        return value.indexOf('\r') < 0 ? value : value.replace("\r\n", "\n").replace('\r', '\n');
    }

    public String domain(Errors errors, String field, String value) {
        String domain = text(errors, field, value, MAX_SHORT, true);
        if (domain == null) {
            return null;
        }
        List<String> ids = library.domains().stream().map(ControlDomain::id).toList();
        if (!ids.contains(domain)) {
            errors.add(field, "'" + domain + "' is not a control domain; one of " + String.join(", ", ids));
            return null;
        }
        return domain;
    }

    /** An enum written in any case, with dashes, spaces or underscores ("per-event", "PER_EVENT"). */
    public <E extends Enum<E>> E choice(Errors errors, String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(field, "is required: one of " + allowed(type));
            }
            return null;
        }
        E parsed = parse(value, type);
        if (parsed == null) {
            errors.add(field, "'" + value.strip() + "' is not allowed; one of " + allowed(type));
        }
        return parsed;
    }

    public static <E extends Enum<E>> E parse(String value, Class<E> type) {
        String normalized = value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(normalized)).findFirst().orElse(null);
    }

    /** The spelling used in files and shown as allowed values: lower case with underscores. */
    public static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ControlRules::spelling).collect(Collectors.joining(", "));
    }

    /** A member who may own controls: anyone in the organization except the auditor, who must stay independent. */
    public MemberSummary owner(Errors errors, String field, MemberSummary member, String given) {
        if (member == null) {
            errors.add(field, "'" + given + "' is not a member of this organization");
            return null;
        }
        if (member.role() == Role.AUDITOR) {
            errors.add(field, member.email() + " is an auditor; an auditor cannot own the controls they test");
            return null;
        }
        return member;
    }

    public MemberSummary memberById(UUID userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst().orElse(null);
    }

    public MemberSummary memberByEmail(String email) {
        return members.stream().filter(m -> m.email().equalsIgnoreCase(email.strip())).findFirst().orElse(null);
    }

    public List<String> evidence(Errors errors, String field, List<String> values) {
        List<String> out = new ArrayList<>();
        if (values == null || values.isEmpty()) {
            errors.add(field, "must list at least one piece of evidence the control produces");
            return out;
        }
        if (values.size() > MAX_EVIDENCE_ITEMS) {
            errors.add(field, "may list at most " + MAX_EVIDENCE_ITEMS + " items, has " + values.size());
            return out;
        }
        for (int i = 0; i < values.size(); i++) {
            String item = text(errors, field + "[" + i + "]", values.get(i), MAX_EVIDENCE_TEXT, true);
            if (item != null) {
                if (out.contains(item)) {
                    errors.add(field + "[" + i + "]", "repeats '" + item + "'");
                } else {
                    out.add(item);
                }
            }
        }
        return out;
    }

    /**
     * Criteria: known leaf requirements of the framework, in a category some program includes, each
     * once; returned in framework order.
     */
    public List<String> criteria(Errors errors, String field, List<String> values) {
        return criteria(errors, field, values, Set.of());
    }

    /**
     * @param kept mappings the control already has to criteria no program includes any more: they
     *             may stay (readiness ignores them until the category is included again), but no new
     *             ones may be added
     */
    public List<String> criteria(Errors errors, String field, List<String> values, Set<String> kept) {
        if (values == null || values.isEmpty()) {
            errors.add(field, "must list at least one criterion the control helps meet (such as CC6.1)");
            return List.of();
        }
        if (values.size() > MAX_CRITERIA) {
            errors.add(field, "may list at most " + MAX_CRITERIA + " criteria, has " + values.size());
            return List.of();
        }
        Set<String> valid = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String given = values.get(i) == null ? null : values.get(i).strip();
            String id = given != null && kept.contains(given) ? given : criterion(errors, field + "[" + i + "]", given);
            if (id != null && !valid.add(id)) {
                errors.add(field + "[" + i + "]", "lists " + id + " a second time");
            }
        }
        return framework.leaves().stream().map(Requirement::id).filter(valid::contains).toList();
    }

    public String criterion(Errors errors, String field, String value) {
        String id = value == null ? null : value.strip();
        if (id == null || id.isEmpty()) {
            errors.add(field, "is empty");
            return null;
        }
        Requirement r = framework.find(id).orElse(null);
        if (r == null) {
            errors.add(field, "'" + id + "' is not a criterion of " + framework.framework().id() + suggestion(id));
            return null;
        }
        if (!r.isLeaf()) {
            errors.add(field, id + " is a series; map to one of its criteria ("
                    + r.children().stream().map(Requirement::id).collect(Collectors.joining(", ")) + ")");
            return null;
        }
        if (r.categoryId() != null && !categoriesInScope.contains(r.categoryId())) {
            String category = framework.framework().category(r.categoryId()).map(Category::name).orElse(r.categoryId());
            String note = exclusionNotes.get(r.categoryId());
            errors.add(field, id + " belongs to " + category + ", which no program of this organization includes"
                    + (note == null ? "" : " (" + note + ")") + "; include " + category + " in a program first");
            return null;
        }
        return id;
    }

    public boolean inScope(String criterionId) {
        return framework.find(criterionId).map(r -> r.categoryId() == null || categoriesInScope.contains(r.categoryId()))
                .orElse(false);
    }

    public Set<String> categoriesInScope() {
        return categoriesInScope;
    }

    /** Not applicable needs a reason an auditor can read; an applicable control must not carry one. */
    public String notApplicableReason(Errors errors, String field, boolean applicable, String reason) {
        String trimmed = reason == null || reason.isBlank() ? null : reason.strip();
        if (applicable) {
            if (trimmed != null) {
                errors.add(field, "only applies to a control marked not applicable");
            }
            return null;
        }
        if (trimmed == null) {
            errors.add(field, "is required when a control is not applicable: say why it does not apply to the system");
            return null;
        }
        if (trimmed.length() < MIN_REASON) {
            errors.add(field, "must say why in at least " + MIN_REASON + " characters");
            return null;
        }
        if (trimmed.length() > MAX_REASON) {
            errors.add(field, "must be at most " + MAX_REASON + " characters");
            return null;
        }
        return trimmed;
    }

    private String suggestion(String id) {
        String upper = id.toUpperCase(Locale.ROOT);
        if (!upper.equals(id) && framework.find(upper).isPresent()) {
            return "; did you mean " + upper + "?";
        }
        return "";
    }

    public static String list(Collection<String> values) {
        return String.join(", ", values);
    }
}
