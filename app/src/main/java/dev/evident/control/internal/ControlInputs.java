package dev.evident.control.internal;

import dev.evident.control.ControlInput;
import dev.evident.catalog.AuditTest;
import dev.evident.catalog.ControlFrequency;
import dev.evident.catalog.ControlNature;
import dev.evident.catalog.ControlType;
import dev.evident.catalog.TestMethod;
import dev.evident.identity.OrganizationDirectory.MemberSummary;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.problem.ProblemException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns an API or form {@link ControlInput} into a {@link ControlDefinition}, reporting every problem at once. */
final class ControlInputs {

    private ControlInputs() {
    }

    static ControlDefinition validate(ControlRules rules, ControlInput in) {
        if (in == null) {
            throw new InvalidInputException("body", "is required");
        }
        List<FieldError> problems = new ArrayList<>();
        ControlRules.Errors errors = (field, message) -> problems.add(new FieldError(field, message));
        String ref = rules.ref(errors, "ref", in.ref());
        String title = rules.text(errors, "title", in.title(), ControlRules.MAX_TITLE, true);
        String description = rules.text(errors, "description", in.description(), ControlRules.MAX_DESCRIPTION, true);
        String domain = rules.domain(errors, "domain", in.domain());
        ControlType type = rules.choice(errors, "type", in.type(), ControlType.class, true);
        ControlNature nature = rules.choice(errors, "nature", in.nature(), ControlNature.class, true);
        ControlFrequency frequency = rules.choice(errors, "frequency", in.frequency(), ControlFrequency.class, true);
        UUID owner = owner(rules, errors, in.ownerUserId());
        String ownerRole = rules.text(errors, "ownerRole", in.ownerRole(), ControlRules.MAX_SHORT, false);
        AuditTest test = null;
        if (in.test() == null) {
            errors.add("test", "is required: the method (" + "inquiry, observation, inspection, reperformance"
                    + ") and a one-line procedure");
        } else {
            TestMethod method = rules.choice(errors, "test.method", in.test().method(), TestMethod.class, true);
            String procedure = rules.text(errors, "test.procedure", in.test().procedure(), ControlRules.MAX_PROCEDURE, true);
            if (method != null && procedure != null) {
                test = new AuditTest(method, procedure);
            }
        }
        List<String> evidence = rules.evidence(errors, "evidence", in.evidence());
        List<String> criteria = rules.criteria(errors, "criteria", in.criteria());
        boolean applicable = in.applicable() == null || in.applicable();
        String reason = rules.notApplicableReason(errors, "notApplicableReason", applicable, in.notApplicableReason());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ControlDefinition(ref, title, description, domain, type, nature, frequency, owner, ownerRole, test,
                evidence, criteria, applicable, reason);
    }

    private static UUID owner(ControlRules rules, ControlRules.Errors errors, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        UUID id;
        try {
            id = UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add("ownerUserId", "'" + value + "' is not a user id");
            return null;
        }
        MemberSummary member = rules.owner(errors, "ownerUserId", rules.memberById(id), value.strip());
        return member == null ? null : member.userId();
    }
}
