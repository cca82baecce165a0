package dev.evident.evidence.internal;

import dev.evident.evidence.EvidenceItem;
import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.Hashes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata document of an evidence item (docs/evidence-format.md): everything about the item
 * except its links, hashed into the ledger, so editing a row in the database is detected.
 */
public final class EvidenceMetadata {

    private EvidenceMetadata() {
    }

    public static Map<String, Object> document(EvidenceItem item) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("v", 1L);
        doc.put("evidenceId", item.id().toString());
        doc.put("orgId", item.orgId().toString());
        doc.put("kind", item.kind().name());
        doc.put("title", item.title());
        doc.put("description", item.description());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", item.source().type());
        source.put("id", item.source().id());
        source.put("label", item.source().label());
        source.put("connector", item.source().connector());
        source.put("query", item.source().query());
        doc.put("source", source);
        doc.put("collectedAt", item.collectedAt().toString());
        doc.put("effectiveFrom", item.effectiveFrom().toString());
        doc.put("effectiveTo", item.effectiveTo().toString());
        doc.put("fileName", item.fileName());
        doc.put("contentType", item.contentType());
        doc.put("size", item.size());
        doc.put("url", item.url());
        doc.put("contentSha256", item.contentSha256());
        doc.put("supersedes", item.supersedes() == null ? null : item.supersedes().toString());
        return doc;
    }

    /**
     * The hash of {@link #document}'s canonical JSON, written field by field in canonical key order
     * (verification recomputes it for every item, so it avoids building and sorting the map).
     */
    public static String sha256(EvidenceItem item) {
        return Hashes.sha256Hex(canonical(item));
    }

    static String canonical(EvidenceItem item) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", item.source().type());
        source.put("id", item.source().id());
        source.put("label", item.source().label());
        source.put("connector", item.source().connector());
        source.put("query", item.source().query());
        return CanonicalJson.object()
                .field("collectedAt", item.collectedAt().toString())
                .field("contentSha256", item.contentSha256())
                .field("contentType", item.contentType())
                .field("description", item.description())
                .field("effectiveFrom", item.effectiveFrom().toString())
                .field("effectiveTo", item.effectiveTo().toString())
                .field("evidenceId", item.id().toString())
                .field("fileName", item.fileName())
                .field("kind", item.kind().name())
                .field("orgId", item.orgId().toString())
                .field("size", item.size())
                .field("source", source)
                .field("supersedes", item.supersedes() == null ? null : item.supersedes().toString())
                .field("title", item.title())
                .field("url", item.url())
                .field("v", 1L)
                .end();
    }
}
