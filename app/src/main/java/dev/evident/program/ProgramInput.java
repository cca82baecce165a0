package dev.evident.program;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A program as the API and the setup pages send it. Values are text so that every mistake can be
 * reported against its field with the allowed values, rather than as an unreadable body.
 *
 * <p>What GET returns can be sent back with PUT: the read-only fields ({@code id}, timestamps, a
 * category's name and required flag) are accepted and ignored; any other unknown field is refused.
 *
 * @param version the version read, for PUT (optimistic locking); ignored by POST
 */
@JsonIgnoreProperties({"id", "createdAt", "updatedAt"})
public record ProgramInput(String name, String frameworkId, String reportType, String asOfDate, String periodStart,
                           String periodEnd, List<CategoryInput> categories,
                           List<NotRelevantInput> notRelevantCriteria, SystemInput system, Long version) {

    /** @param included null counts as not included */
    @JsonIgnoreProperties({"name", "required"})
    public record CategoryInput(String id, Boolean included, String exclusionReason) {
    }

    public record NotRelevantInput(String criterionId, String reason) {
    }

    public record SystemInput(String name, List<ServiceInput> services, List<CommitmentInput> commitments,
                              List<ComponentInput> components, String boundaries,
                              List<ComplementaryControlInput> userEntityControls,
                              List<SubserviceInput> subserviceOrganizations) {
    }

    public record ServiceInput(String name, String description) {
    }

    public record CommitmentInput(String kind, String text, String source) {
    }

    public record ComponentInput(String kind, String name, String description) {
    }

    public record ComplementaryControlInput(String text, List<String> criteria) {
    }

    public record SubserviceInput(String name, String services, String method,
                                  List<ComplementaryControlInput> complementaryControls) {
    }
}
