package dev.evident.evidence.internal;

import dev.evident.control.Control;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceKind;
import dev.evident.program.Program;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Evidence as the API shows it. */
final class EvidenceViews {

    private EvidenceViews() {
    }

    /** @param label the control's reference or the program's name */
    record LinkView(String type, UUID id, String label) {
    }

    record EvidenceView(UUID id, EvidenceKind kind, String title, String description, EvidenceItem.Source source,
                        Instant collectedAt, LocalDate effectiveFrom, LocalDate effectiveTo, String fileName,
                        String contentType, long size, String url, String sha256, String metadataSha256, UUID supersedes,
                        UUID supersededBy, boolean current, long ledgerSeq, Instant removedAt, Instant createdAt,
                        List<LinkView> links, String contentUrl) {
    }

    static EvidenceView of(EvidenceItem i, Map<UUID, Control> controls, Map<UUID, Program> programs) {
        List<LinkView> links = i.links().stream().map(l -> new LinkView(l.targetType(), l.targetId(),
                l.targetType().equals("control")
                        ? (controls.containsKey(l.targetId()) ? controls.get(l.targetId()).ref() : null)
                        : (programs.containsKey(l.targetId()) ? programs.get(l.targetId()).name() : null))).toList();
        return new EvidenceView(i.id(), i.kind(), i.title(), i.description(), i.source(), i.collectedAt(), i.effectiveFrom(),
                i.effectiveTo(), i.fileName(), i.contentType(), i.size(), i.url(), i.contentSha256(), i.metadataSha256(),
                i.supersedes(), i.supersededBy(), i.current(), i.ledgerSeq(), i.removedAt(), i.createdAt(), links,
                i.removedAt() == null ? "/api/v1/evidence/" + i.id() + "/content" : null);
    }
}
