package dev.evident.verifier;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a valid evidence package the way the server does (docs/evidence-format.md), as a map of
 * zip entry names to bytes that tests can damage before writing the zip.
 */
public final class PackageFixture {

    public static final String CONTROL_ID = "018f0000-0000-7000-8000-00000000c001";

    public final String orgId = UUID.randomUUID().toString();
    public final KeyPair key = newKey();
    public final Map<String, byte[]> entries = new LinkedHashMap<>();
    /** The items in manifest order: evidence id → path. */
    public final Map<String, String> paths = new LinkedHashMap<>();
    public final List<String> ledgerLines = new ArrayList<>();

    private final List<Map<String, Object>> entryObjects = new ArrayList<>();
    private final List<String> hashes = new ArrayList<>();
    private final List<Map<String, Object>> items = new ArrayList<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private String prev = HashChain.GENESIS;

    /** Two files, a record, and a correction of the first file (the superseded one stays). */
    public static PackageFixture standard() {
        PackageFixture f = new PackageFixture();
        String first = f.addFile("access-review.pdf", "%PDF-1.4 Q1 access review".getBytes(StandardCharsets.UTF_8), null);
        f.addFile("backup..log.txt", "backups ran every night".getBytes(StandardCharsets.UTF_8), null);
        f.addRecord("{\"enforceAdmins\":true,\"repository\":\"acme/api\"}");
        f.addFile("access-review-v2.pdf", "%PDF-1.4 Q1 access review, signed".getBytes(StandardCharsets.UTF_8), first);
        f.seal();
        return f;
    }

    public String addFile(String name, byte[] content, String supersedes) {
        return add("FILE", name, content, supersedes);
    }

    public String addRecord(String canonicalData) {
        return add("CONNECTOR_RECORD", null, canonicalData.getBytes(StandardCharsets.UTF_8), null);
    }

    private String add(String kind, String fileName, byte[] content, String supersedes) {
        String id = UUID.randomUUID().toString();
        String sha = Hashes.sha256Hex(content);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", "USER");
        source.put("id", UUID.randomUUID().toString());
        source.put("label", "Ada <ada@example.com>");
        source.put("connector", null);
        source.put("query", null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("v", 1L);
        metadata.put("evidenceId", id);
        metadata.put("orgId", orgId);
        metadata.put("kind", kind);
        metadata.put("title", "Evidence " + (items.size() + 1));
        metadata.put("description", null);
        metadata.put("source", source);
        metadata.put("collectedAt", "2027-02-01T10:15:30Z");
        metadata.put("effectiveFrom", "2027-01-01");
        metadata.put("effectiveTo", "2027-03-31");
        metadata.put("fileName", fileName);
        metadata.put("contentType", fileName == null ? "application/json" : "application/octet-stream");
        metadata.put("size", (long) content.length);
        metadata.put("url", null);
        metadata.put("contentSha256", sha);
        metadata.put("supersedes", supersedes);
        String metadataSha = Hashes.sha256Hex(CanonicalJson.encode(metadata));

        long seq = append("evidence.added", id, sha, metadataSha, null, supersedes);
        if (supersedes != null) {
            append("evidence.superseded", supersedes, null, null, null, id);
        }
        append("evidence.linked", id, null, null, CONTROL_ID, null);

        String path = "evidence/" + id + "/" + (fileName == null ? "record.json" : fileName);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("evidenceId", id);
        item.put("path", path);
        item.put("contentSha256", sha);
        item.put("size", (long) content.length);
        item.put("metadata", metadata);
        item.put("metadataSha256", metadataSha);
        item.put("links", List.of(Map.of("type", "control", "id", CONTROL_ID, "ref", "AC-01", "title", "Access reviews")));
        item.put("ledger", new LinkedHashMap<>(Map.of("seq", seq)));
        items.add(item);
        paths.put(id, path);
        contents.put(path, content);
        return id;
    }

    private long append(String event, String evidenceId, String contentSha, String metadataSha, String controlId,
                        String related) {
        long seq = entryObjects.size() + 1L;
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("type", "USER");
        actor.put("id", null);
        actor.put("label", "Ada");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("v", 1L);
        entry.put("orgId", orgId);
        entry.put("seq", seq);
        entry.put("id", UUID.randomUUID().toString());
        entry.put("occurredAt", "2027-02-01T10:15:30Z");
        entry.put("event", event);
        entry.put("evidenceId", evidenceId);
        entry.put("contentSha256", contentSha);
        entry.put("metadataSha256", metadataSha);
        entry.put("target", controlId == null ? null : Map.of("type", "control", "id", controlId));
        entry.put("related", related);
        entry.put("actor", actor);
        String hash = Hashes.sha256Hex(prev + "\n" + CanonicalJson.encode(entry));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seq", seq);
        line.put("id", entry.get("id"));
        line.put("prevHash", prev);
        line.put("hash", hash);
        line.put("entry", entry);
        ledgerLines.add(CanonicalJson.encode(line));
        entryObjects.add(entry);
        hashes.add(hash);
        prev = hash;
        return seq;
    }

    /** Signs a checkpoint over the whole ledger and lays out every file of the package. */
    public void seal() {
        MerkleTree tree = MerkleTree.ofEntryHashes(hashes);
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("v", 1L);
        statement.put("orgId", orgId);
        statement.put("treeSize", (long) hashes.size());
        statement.put("headHash", prev);
        statement.put("merkleRoot", tree.rootHex());
        statement.put("signedAt", "2027-04-01T00:00:00Z");
        statement.put("keyId", Ed25519.keyId(key.getPublic()));
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("statement", statement);
        checkpoint.put("signature", Ed25519.sign(key.getPrivate(), CanonicalJson.encode(statement)));
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ledger = (Map<String, Object>) item.get("ledger");
            long seq = (Long) ledger.get("seq");
            ledger.put("hash", hashes.get((int) seq - 1));
            Map<String, Object> proof = new LinkedHashMap<>();
            proof.put("leafIndex", seq - 1);
            proof.put("treeSize", (long) hashes.size());
            proof.put("path", tree.inclusionProof((int) seq - 1));
            item.put("inclusionProof", proof);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", PackageVerifier.FORMAT);
        manifest.put("generatedAt", "2027-04-01T00:00:00Z");
        manifest.put("organization", Map.of("id", orgId, "name", "Acme"));
        manifest.put("program", Map.of("id", UUID.randomUUID().toString(), "name", "SOC 2 Type II"));
        manifest.put("interval", Map.of("from", "2027-01-01", "to", "2027-12-31"));
        manifest.put("checkpoint", checkpoint);
        manifest.put("items", items);
        manifest.put("controls", List.of(Map.of("id", CONTROL_ID, "ref", "AC-01", "title", "Access reviews")));
        entries.put(PackageVerifier.MANIFEST, utf8(CanonicalJson.encode(manifest)));
        entries.put(PackageVerifier.LEDGER, utf8(String.join("\n", ledgerLines) + "\n"));
        entries.put(PackageVerifier.CHECKPOINT, utf8(CanonicalJson.encode(checkpoint)));
        entries.put(PackageVerifier.PUBLIC_KEY, utf8(Ed25519.toPem(key.getPublic())));
        contents.forEach((path, bytes) -> entries.put(PackageVerifier.ROOT + path, bytes));
        entries.put(PackageVerifier.INDEX, utf8("<!doctype html><title>Evidence</title>"));
        entries.put(PackageVerifier.README, utf8("Verify with java -jar evident-verify.jar package.zip"));
    }

    public String text(String entry) {
        return new String(entries.get(entry), StandardCharsets.UTF_8);
    }

    public void put(String entry, String text) {
        entries.put(entry, utf8(text));
    }

    public Path write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    public static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
