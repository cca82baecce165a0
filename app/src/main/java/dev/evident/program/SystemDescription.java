package dev.evident.program;

import java.util.List;

/**
 * The system in scope, described along the DC 200 description criteria: the services (DC1), the
 * principal service commitments and system requirements (DC2), the components and boundaries
 * (DC3), the complementary user-entity controls (DC6) and the subservice organizations with their
 * complementary controls (DC7). The report module turns it into section 3 of the report.
 *
 * @param name the name of the system as the report will call it ("Brightwave Analytics Platform")
 */
public record SystemDescription(String name, List<Service> services, List<Commitment> commitments,
                                List<Component> components, String boundaries,
                                List<ComplementaryControl> userEntityControls,
                                List<SubserviceOrganization> subserviceOrganizations) {

    public SystemDescription {
        services = services == null ? List.of() : List.copyOf(services);
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        components = components == null ? List.of() : List.copyOf(components);
        userEntityControls = userEntityControls == null ? List.of() : List.copyOf(userEntityControls);
        subserviceOrganizations = subserviceOrganizations == null ? List.of() : List.copyOf(subserviceOrganizations);
    }

    public static SystemDescription empty() {
        return new SystemDescription(null, null, null, null, null, null, null);
    }

    /** DC1: a service the system provides to user entities. */
    public record Service(String name, String description) {
    }

    /** DC2: what the organization promises customers, or what the system must do to keep those promises. */
    public record Commitment(CommitmentKind kind, String text, String source) {
    }

    public enum CommitmentKind {
        /** Promised to customers, e.g. in contracts, the SLA or the public security page. */
        SERVICE_COMMITMENT,
        /** Specifications the system must meet to keep the commitments (internal policies, design). */
        SYSTEM_REQUIREMENT
    }

    /** DC3: one component of the system. */
    public record Component(ComponentKind kind, String name, String description) {
    }

    /** The five kinds of system components DC 200 asks the description to cover. */
    public enum ComponentKind {
        INFRASTRUCTURE, SOFTWARE, PEOPLE, PROCEDURES, DATA
    }

    /**
     * DC6/DC7: a control the design assumes someone else operates: a user entity (CUEC) or a
     * subservice organization (CSOC), with the criteria it helps meet.
     */
    public record ComplementaryControl(String text, List<String> criteria) {
        public ComplementaryControl {
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
        }
    }

    /** DC7: a vendor whose services are part of the system, presented carved out or inclusively. */
    public record SubserviceOrganization(String name, String services, SubserviceMethod method,
                                         List<ComplementaryControl> complementaryControls) {
        public SubserviceOrganization {
            complementaryControls = complementaryControls == null ? List.of() : List.copyOf(complementaryControls);
        }
    }

    public enum SubserviceMethod {
        /** The vendor's controls are left out of the description and tests; its CSOCs are listed. */
        CARVE_OUT,
        /** The vendor's relevant controls are described and tested as part of the system. */
        INCLUSIVE
    }
}
