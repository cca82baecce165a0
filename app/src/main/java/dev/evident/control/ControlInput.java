package dev.evident.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A control as the API and forms send it. Values are text, checked by {@link ControlRules}, so every
 * mistake is reported against its field with the allowed values. What GET returns can be sent back
 * with PUT: read-only fields are accepted and ignored, other unknown fields are refused.
 *
 * @param ownerUserId the owning member's user id; null or empty means nobody owns it yet
 * @param status      DEFINED or IMPLEMENTED on create (default DEFINED); on PUT, null keeps the status
 * @param applicable  null counts as applicable
 * @param version     the version read, for PUT (optimistic locking)
 */
@JsonIgnoreProperties({"id", "owner", "source", "statusChangedAt", "createdAt", "updatedAt", "outOfScopeCriteria"})
public record ControlInput(String ref, String title, String description, String domain, String type, String nature,
                           String frequency, String ownerUserId, String ownerRole, TestInput test, List<String> evidence,
                           List<String> criteria, String status, Boolean applicable, String notApplicableReason,
                           Long version) {

    public record TestInput(String method, String procedure) {
    }
}
