package dev.evident.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.evidence.EvidenceItem;
import dev.evident.evidence.EvidenceKind;
import dev.evident.verifier.CanonicalJson;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The metadata hash is written field by field for speed; it must stay exactly the canonical JSON of
 * the metadata document that audit packages ship, or sealed hashes would stop verifying.
 */
class EvidenceMetadataTest {

    @Test
    void theFieldByFieldFormIsTheCanonicalEncodingOfTheDocument() {
        UUID org = UUID.randomUUID();
        List<EvidenceItem> items = List.of(
                item(org, EvidenceKind.FILE, "Q1 access review", null, new EvidenceItem.Source("USER", "u1", "Ann", null, null),
                        "review.pdf", "application/pdf", null, null),
                item(org, EvidenceKind.LINK, "Runbook \"v2\"\n<draft>", "über / ünïcödé \u0001",
                        new EvidenceItem.Source("API_TOKEN", null, "CI token", null, null), null, "text/html",
                        "https://example.com/a?b=c&d", UUID.randomUUID()),
                item(org, EvidenceKind.CONNECTOR_RECORD, "MFA", "", new EvidenceItem.Source("CONNECTOR", "c", "Okta",
                        "okta", "GET /api/v1/users?filter=\"x\""), null, "application/json", null, null));
        for (EvidenceItem item : items) {
            assertThat(EvidenceMetadata.canonical(item)).isEqualTo(CanonicalJson.encode(EvidenceMetadata.document(item)));
        }
    }

    private static EvidenceItem item(UUID org, EvidenceKind kind, String title, String description, EvidenceItem.Source source,
                                     String fileName, String contentType, String url, UUID supersedes) {
        return new EvidenceItem(UUID.randomUUID(), org, kind, title, description, source, Instant.parse("2026-04-02T10:15:30.123Z"),
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-31"), fileName, contentType, 12_345L, url,
                "ab".repeat(32), "cd".repeat(32), supersedes, null, 7, null, Instant.now(), List.of());
    }
}
