package dev.evident.integration;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the checks say about resources of the inventory, for the inventory pages. Implemented by the
 * monitoring module (which depends on this one, so the integration module cannot call it directly);
 * when no implementation is present the pages show resources without outcomes.
 */
public interface ResourceChecks {

    /** One resource of the inventory: its connection, type and external id. */
    record ResourceRef(UUID connectionId, String type, String externalId) {
    }

    /** How many checks currently have each outcome for a resource. */
    record Summary(int failing, int error, int excepted, int passing) {

        public static final Summary NONE = new Summary(0, 0, 0, 0);

        public boolean evaluated() {
            return failing + error + excepted + passing > 0;
        }
    }

    /**
     * A check's current outcome for one resource.
     *
     * @param outcome one of pass, fail, error, excepted
     * @param reason  why it fails or erred, or null
     * @param since   since when the outcome has held without a break (across check versions)
     */
    record CheckOutcome(String checkKey, String title, String severity, String outcome, String reason, Instant since,
                        int checkVersion) {
    }

    /** The current outcome counts of each resource given; resources no check evaluates are left out. */
    Map<ResourceRef, Summary> summaries(UUID orgId, Collection<ResourceRef> resources);

    /** Every check that currently has an outcome for the resource, failing ones first. */
    List<CheckOutcome> outcomes(UUID orgId, ResourceRef resource);
}
