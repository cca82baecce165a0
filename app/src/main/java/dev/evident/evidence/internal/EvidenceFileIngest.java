package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceFiles;
import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.internal.blob.FileNames;
import dev.evident.evidence.internal.blob.StagedContent;
import dev.evident.evidence.internal.blob.StagingArea;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.security.Actor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** {@link EvidenceFiles}: stages the bytes like an upload and stores them through {@link EvidenceService}. */
@Service
class EvidenceFileIngest implements EvidenceFiles {

    private final EvidenceService evidence;
    private final StagingArea staging;
    private final EvidentProperties properties;

    EvidenceFileIngest(EvidenceService evidence, StagingArea staging, EvidentProperties properties) {
        this.evidence = evidence;
        this.staging = staging;
        this.properties = properties;
    }

    @Override
    public EvidenceItem addFile(Actor actor, NewFile file) {
        String fileName = FileNames.sanitize(file.fileName());
        NewEvidence meta = new NewEvidence("FILE", file.title(), file.description(), null,
                file.effectiveFrom() == null ? null : file.effectiveFrom().toString(),
                file.effectiveTo() == null ? null : file.effectiveTo().toString(),
                file.collectedAt() == null ? null : file.collectedAt().toString(), strings(file.controlIds()),
                strings(file.programIds()), null);
        try (StagedContent staged = StagedContent.stage(new ByteArrayInputStream(file.content()), staging.dir(),
                properties.evidence().maxUploadSize(), fileName, "evident.evidence.max-upload-size")) {
            return evidence.addFile(actor, staged, fileName, meta, file.idempotencyKey()).item();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(List<UUID> ids) {
        return ids == null ? List.of() : ids.stream().map(UUID::toString).toList();
    }
}
