package dev.evident.control.internal.ui;

import dev.evident.control.Control;
import dev.evident.control.ControlInput;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The control form as posted: text as typed, so a refused form comes back exactly as the person
 * left it. Evidence is one item per line; "Not applicable" is a checkbox. No ids, no status on
 * edits: those are not the form's to set.
 *
 * @param owner  a member's user id, or empty for nobody
 * @param status only on a new control: DEFINED or IMPLEMENTED
 */
record ControlForm(String ref, String title, String description, String domain, String type, String nature,
                   String frequency, String owner, String ownerRole, String testMethod, String testProcedure,
                   String evidence, List<String> criteria, String notApplicable, String notApplicableReason,
                   String status, String version) {

    static ControlForm blank(String domain, String ref) {
        return new ControlForm(ref, "", "", domain, "", "", "", "", "", "", "", "", List.of(), null, "", "DEFINED", null);
    }

    static ControlForm of(Control c) {
        return new ControlForm(c.ref(), c.title(), c.description(), c.domain(), c.type().name(), c.nature().name(),
                c.frequency().name(), c.ownerUserId() == null ? "" : c.ownerUserId().toString(),
                c.ownerRole() == null ? "" : c.ownerRole(), c.test().method().name(), c.test().procedure(),
                String.join("\n", c.evidence()), c.criteria(), c.applicable() ? null : "true",
                c.notApplicableReason() == null ? "" : c.notApplicableReason(), null, Long.toString(c.version()));
    }

    ControlForm withOwner(String newOwner) {
        return new ControlForm(ref, title, description, domain, type, nature, frequency, newOwner, ownerRole, testMethod,
                testProcedure, evidence, criteria, notApplicable, notApplicableReason, status, version);
    }

    /** The same input on top of a newer version, after someone else saved in between. */
    ControlForm withVersion(long newVersion) {
        return new ControlForm(ref, title, description, domain, type, nature, frequency, owner, ownerRole, testMethod,
                testProcedure, evidence, criteria, notApplicable, notApplicableReason, status, Long.toString(newVersion));
    }

    public boolean isNotApplicable() {
        return notApplicable != null && !notApplicable.isBlank() && !"false".equalsIgnoreCase(notApplicable);
    }

    Set<String> selectedCriteria() {
        return criteria == null ? Set.of() : criteria.stream().filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /**
     * What the service checks. Blank evidence lines are dropped; a reason typed before unticking
     * "Not applicable" is dropped too, since the box, not the leftover text, says what the person means.
     */
    ControlInput toInput(boolean creating) {
        List<String> items = evidence == null ? List.of()
                : Arrays.stream(evidence.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        boolean applicable = !isNotApplicable();
        return new ControlInput(ref, title, description, domain, type, nature, frequency, owner, ownerRole,
                new ControlInput.TestInput(testMethod, testProcedure), items, criteria == null ? List.of() : criteria,
                creating ? status : null, applicable, applicable ? null : notApplicableReason, parseVersion());
    }

    private Long parseVersion() {
        try {
            return version == null || version.isBlank() ? null : Long.valueOf(version.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
