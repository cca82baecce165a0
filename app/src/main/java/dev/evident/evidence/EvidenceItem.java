package dev.evident.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One evidence item. Never edited: a correction is a new item that supersedes this one.
 *
 * @param effectiveFrom first day of the interval the item proves (chosen independently of upload time)
 * @param effectiveTo   last day of that interval, included; equal to {@code effectiveFrom} for a point in time
 * @param supersededBy  the item that replaced this one, or null while it is current
 * @param removedAt     when retention removed the content (the metadata and ledger entries stay)
 */
public record EvidenceItem(UUID id, UUID orgId, EvidenceKind kind, String title, String description, Source source,
                           Instant collectedAt, LocalDate effectiveFrom, LocalDate effectiveTo, String fileName,
                           String contentType, long size, String url, String contentSha256, String metadataSha256,
                           UUID supersedes, UUID supersededBy, long ledgerSeq, Instant removedAt, Instant createdAt,
                           List<Link> links) {

    public EvidenceItem {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /**
     * Who or what produced the item.
     *
     * @param type      USER, API_TOKEN, CONNECTOR or SYSTEM
     * @param connector for connector records, the connector's name
     * @param query     for connector records, the query or API call that produced the data
     */
    public record Source(String type, String id, String label, String connector, String query) {
    }

    /** A link to a control ({@code "control"}) or a program ({@code "program"}). */
    public record Link(String targetType, UUID targetId) {
    }

    public boolean current() {
        return supersededBy == null && removedAt == null;
    }

    public boolean linkedTo(UUID controlId) {
        return links.stream().anyMatch(l -> l.targetType().equals("control") && l.targetId().equals(controlId));
    }
}
