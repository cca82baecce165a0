package dev.evident.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks one control of a library document; every error names the control and the field. */
final class LibraryControlReader {

    /** Two or three capital letters naming the domain, a dash, two digits: AC-01. */
    private static final Pattern CONTROL_ID = Pattern.compile("[A-Z]{2,3}-\\d{2}");

    private static final Set<String> CONTROL_FIELDS = Set.of("id", "title", "description", "domain", "type",
            "nature", "frequency", "ownerRole", "test", "evidence", "criteria");
    private static final Set<String> TEST_FIELDS = Set.of("method", "procedure");

    private final String file;
    private final Map<String, ControlDomain> domainById = new HashMap<>();
    private final Framework framework;
    private final Set<String> criterionIds = new LinkedHashSet<>();

    LibraryControlReader(String file, List<ControlDomain> domains, Framework framework) {
        this.file = file;
        this.framework = framework;
        domains.forEach(d -> domainById.put(d.id(), d));
        framework.leafRequirements().forEach(r -> criterionIds.add(r.id()));
    }

    /** @param anonymous the control's mapping, with errors located by its position in the list */
    LibraryControl read(YamlMap anonymous) {
        String id = anonymous.text("id");
        if (!CONTROL_ID.matcher(id).matches()) {
            throw anonymous.error("id", "field 'id' must be two or three capital letters, a dash and two digits "
                    + "(like AC-01); found '" + id + "'");
        }
        YamlMap fields = anonymous.relocated((field, problem) -> new ControlLibraryException(file, id, field, problem));
        fields.allowOnly(CONTROL_FIELDS);
        return new LibraryControl(id, fields.text("title"), fields.text("description"), domain(fields, id),
                choice(fields, "type", ControlType.class), choice(fields, "nature", ControlNature.class),
                choice(fields, "frequency", ControlFrequency.class), fields.text("ownerRole"), test(fields.mapping("test")),
                fields.texts("evidence"), criteria(fields));
    }

    private String domain(YamlMap fields, String id) {
        String domainId = fields.oneOf("domain", domainById.keySet());
        String prefix = id.substring(0, id.indexOf('-'));
        if (!domainById.get(domainId).idPrefixes().contains(prefix)) {
            throw fields.error("domain", "field 'domain' is '" + domainId + "', whose ids start with "
                    + String.join(" or ", domainById.get(domainId).idPrefixes()) + ", not " + prefix);
        }
        return domainId;
    }

    private AuditTest test(YamlMap test) {
        test.allowOnly(TEST_FIELDS);
        return new AuditTest(choice(test, "method", TestMethod.class), test.text("procedure"));
    }

    private List<String> criteria(YamlMap fields) {
        List<String> criteria = fields.texts("criteria");
        Set<String> seen = new LinkedHashSet<>();
        for (String criterion : criteria) {
            if (!criterionIds.contains(criterion)) {
                throw fields.error("criteria", "field 'criteria' names '" + criterion + "', which is not a criterion of "
                        + framework.id() + (framework.find(criterion).isPresent() ? " but a grouping of criteria" : ""));
            }
            if (!seen.add(criterion)) {
                throw fields.error("criteria", "field 'criteria' lists '" + criterion + "' twice");
            }
        }
        return criteria;
    }

    /** Enum values are spelt in lower case in YAML ("per_event"), as in the API. */
    private static <E extends Enum<E>> E choice(YamlMap fields, String key, Class<E> type) {
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        return Enum.valueOf(type, fields.oneOf(key, allowed).toUpperCase(Locale.ROOT));
    }
}
