package dev.evident.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Verifies an evidence audit package (a zip, docs/evidence-format.md, "Audit packages") offline:
 * every file against the manifest, every item's metadata and ledger entry, the ledger's hash chain,
 * every inclusion proof and the checkpoint's Ed25519 signature. Files are streamed from the zip one
 * at a time, so a package of gigabytes verifies with a small heap.
 *
 * <p>Problems name the item (evidence id and path) or the ledger entry, and the kind of damage.
 * A file that is not a readable package at all raises {@link UnreadablePackageException}.
 */
public final class PackageVerifier {

    public static final String ROOT = "evident-package/";
    public static final String MANIFEST = ROOT + "manifest.json";
    public static final String LEDGER = ROOT + "ledger.jsonl";
    public static final String CHECKPOINT = ROOT + "checkpoint.json";
    public static final String PUBLIC_KEY = ROOT + "public-key.pem";
    public static final String INDEX = ROOT + "index.html";
    public static final String README = ROOT + "README.txt";
    public static final String FORMAT = "evident-evidence-package/1";

    private static final Set<String> FIXED = Set.of(MANIFEST, LEDGER, CHECKPOINT, PUBLIC_KEY, INDEX, README);
    private static final HexFormat HEX = HexFormat.of();

    /**
     * One thing wrong with a package.
     *
     * @param kind       what kind of damage: file, missing, extra, metadata, ledger, proof, chain, checkpoint,
     *                   signature, key, link
     * @param evidenceId the item concerned, or null
     * @param path       the file concerned (relative to {@code evident-package/}), or null
     * @param seq        the ledger entry concerned, or null
     */
    public record Problem(String kind, String evidenceId, String path, Long seq, String detail) {
        @Override
        public String toString() {
            StringBuilder where = new StringBuilder();
            if (evidenceId != null) {
                where.append("evidence ").append(evidenceId);
            }
            if (path != null) {
                where.append(where.length() > 0 ? " (" + path + ")" : path);
            }
            if (seq != null) {
                where.append(where.length() > 0 ? ", ledger entry " + seq : "ledger entry " + seq);
            }
            return "[" + kind + "] " + (where.length() > 0 ? where + ": " : "") + detail;
        }
    }

    /** What the package claims and what was checked. */
    public record Summary(String organization, String program, String interval, int items, long bytes, long chainLength,
                          long treeSize, String checkpointSignedAt, String keyId, boolean keyPinned) {
    }

    public record Result(Summary summary, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** The file is not a zip, or not an evidence package (no readable manifest). */
    public static final class UnreadablePackageException extends Exception {
        public UnreadablePackageException(String message) {
            super(message);
        }
    }

    private final ZipFile zip;
    private final PublicKey pinnedKey;
    private final List<Problem> problems = new ArrayList<>();

    private PackageVerifier(ZipFile zip, PublicKey pinnedKey) {
        this.zip = zip;
        this.pinnedKey = pinnedKey;
    }

    /**
     * @param pinnedKey the key the checkpoint must be signed with, or null to trust the package's own
     *                  {@code public-key.pem}
     */
    public static Result verify(Path file, PublicKey pinnedKey) throws IOException, UnreadablePackageException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new UnreadablePackageException(file + " is not a zip file: " + e.getMessage());
        }
        try (zip) {
            return new PackageVerifier(zip, pinnedKey).run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Result run() throws IOException, UnreadablePackageException {
        Map<?, ?> manifest = manifest();
        String orgId = string(map(manifest.get("organization")).get("id"));

        // checkpoint.json, compared with the manifest's copy
        Map<?, ?> checkpoint = jsonObject(CHECKPOINT, "checkpoint");
        Map<?, ?> statement = map(checkpoint == null ? null : checkpoint.get("statement"));
        String signature = checkpoint == null ? null : string(checkpoint.get("signature"));
        if (checkpoint != null && manifest.get("checkpoint") != null
                && !CanonicalJson.encode(checkpoint).equals(CanonicalJson.encode(manifest.get("checkpoint")))) {
            problems.add(new Problem("checkpoint", null, "checkpoint.json", null,
                    "differs from the checkpoint in manifest.json: one of them was altered"));
        }
        long treeSize = statement.get("treeSize") instanceof Long l ? l : -1;
        String merkleRoot = string(statement.get("merkleRoot"));
        String statementKeyId = string(statement.get("keyId"));

        // the public key, and the one the signature must verify with
        PublicKey packageKey = packageKey();
        String packageKeyId = packageKey == null ? null : Ed25519.keyId(packageKey);
        PublicKey signingKey = packageKey;
        if (pinnedKey != null) {
            signingKey = pinnedKey;
            if (packageKey != null && !Ed25519.keyId(pinnedKey).equals(packageKeyId)) {
                problems.add(new Problem("key", null, "public-key.pem", null, "is key " + packageKeyId + ", not the expected key "
                        + Ed25519.keyId(pinnedKey) + " given with --public-key: the key was replaced"));
            }
        }
        if (packageKey != null && pinnedKey == null && statementKeyId != null && !statementKeyId.equals(packageKeyId)) {
            problems.add(new Problem("key", null, "public-key.pem", null, "is key " + packageKeyId + " but the checkpoint was "
                    + "signed with key " + statementKeyId + ": the key or the checkpoint was replaced"));
        }

        // items: what the ledger must show for each
        List<Map<?, ?>> items = new ArrayList<>();
        Map<Long, String> wantedSeqs = new HashMap<>();
        Set<String> wantedLinks = new HashSet<>();
        if (manifest.get("items") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> item = map(o);
                items.add(item);
                Map<?, ?> ledger = map(item.get("ledger"));
                if (ledger.get("seq") instanceof Long seq) {
                    wantedSeqs.put(seq, string(item.get("evidenceId")));
                }
                if (item.get("links") instanceof List<?> links) {
                    for (Object l : links) {
                        Map<?, ?> link = map(l);
                        wantedLinks.add(linkKey(string(item.get("evidenceId")), string(link.get("type")), string(link.get("id"))));
                    }
                }
            }
        } else {
            problems.add(new Problem("metadata", null, "manifest.json", null, "has no items list"));
        }

        // the chain, streamed; the checkpoint is checked by the same code as the server's
        LedgerScan scan = new LedgerScan(wantedSeqs, wantedLinks);
        LedgerVerifier.Result chain;
        String finalSigningKeyId = signingKey == null ? null : Ed25519.keyId(signingKey);
        PublicKey keyForCheck = signingKey;
        List<LedgerVerifier.Checkpoint> checkpoints = statement.isEmpty() || signature == null ? List.of()
                : List.of(new LedgerVerifier.Checkpoint(CanonicalJson.encode(statement), signature));
        ZipEntry ledgerEntry = zip.getEntry(LEDGER);
        if (ledgerEntry == null) {
            problems.add(new Problem("missing", null, "ledger.jsonl", null, "the ledger is missing from the package"));
            chain = null;
        } else {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(zip.getInputStream(ledgerEntry),
                    StandardCharsets.UTF_8.newDecoder()))) {
                scan.reader = reader;
                chain = LedgerVerifier.verify(orgId, scan, checkpoints, id -> id.equals(finalSigningKeyId)
                        ? Optional.of(keyForCheck) : Optional.empty());
            }
            if (scan.badLine != null) {
                problems.add(scan.badLine);
            }
            if (scan.reordered != null) {
                problems.add(scan.reordered);
            }
            for (LedgerVerifier.Problem p : chain.problems()) {
                if (p.seq() != null) {
                    String evidenceId = evidenceAt(p.seq());
                    problems.add(new Problem("chain", evidenceId, null, p.seq(), p.toString()));
                } else {
                    problems.add(new Problem(p.detail().contains("signature") || p.detail().contains("unknown key")
                            ? "signature" : "checkpoint", null, "checkpoint.json", null, p.toString()));
                }
            }
            if (checkpoints.isEmpty()) {
                problems.add(new Problem("checkpoint", null, "checkpoint.json", null, "has no statement or no signature"));
            } else if (chain.problems().stream().noneMatch(p -> p.seq() != null) && chain.entriesChecked() != treeSize) {
                problems.add(new Problem("chain", null, "ledger.jsonl", null, "holds " + chain.entriesChecked()
                        + " entries but the checkpoint covers " + treeSize));
            }
        }

        // each item: metadata, ledger entry, inclusion proof, file
        Set<String> listedPaths = new HashSet<>();
        long bytes = 0;
        for (Map<?, ?> item : items) {
            bytes += checkItem(item, scan, treeSize, merkleRoot, listedPaths);
        }

        // nothing extra
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (e.isDirectory() || FIXED.contains(e.getName())) {
                continue;
            }
            String relative = e.getName().startsWith(ROOT) ? e.getName().substring(ROOT.length()) : e.getName();
            if (!listedPaths.contains(relative)) {
                problems.add(new Problem("extra", evidenceIdOfPath(relative), relative, null,
                        "this file is in the package but not in the manifest"));
            }
        }

        Map<?, ?> program = map(manifest.get("program"));
        Map<?, ?> interval = map(manifest.get("interval"));
        Summary summary = new Summary(string(map(manifest.get("organization")).get("name")) + " (" + orgId + ")",
                string(program.get("name")) + " (" + program.get("id") + ")",
                interval.get("from") + " to " + interval.get("to"), items.size(), bytes,
                chain == null ? 0 : chain.entriesChecked(), treeSize, string(statement.get("signedAt")),
                signingKey == null ? statementKeyId : Ed25519.keyId(signingKey), pinnedKey != null);
        return new Result(summary, List.copyOf(problems));
    }

    private long checkItem(Map<?, ?> item, LedgerScan scan, long treeSize, String merkleRoot, Set<String> listedPaths)
            throws IOException {
        String id = string(item.get("evidenceId"));
        String path = string(item.get("path"));
        if (path != null) {
            listedPaths.add(path);
        }
        String contentSha = string(item.get("contentSha256"));
        long size = item.get("size") instanceof Long l ? l : -1;
        Map<?, ?> metadata = map(item.get("metadata"));
        String metadataSha = string(item.get("metadataSha256"));

        if (!Hashes.sha256Hex(CanonicalJson.encode(metadata)).equals(metadataSha)) {
            problems.add(new Problem("metadata", id, path, null, "its metadata does not hash to metadataSha256: the item's "
                    + "details in manifest.json were altered"));
        } else if (!String.valueOf(id).equals(metadata.get("evidenceId")) || !String.valueOf(contentSha).equals(
                metadata.get("contentSha256")) || !(metadata.get("size") instanceof Long s && s == size)) {
            problems.add(new Problem("metadata", id, path, null, "its evidenceId, contentSha256 or size differ from its "
                    + "metadata: manifest.json was altered"));
        }

        Map<?, ?> ledger = map(item.get("ledger"));
        Long seq = ledger.get("seq") instanceof Long l ? l : null;
        String entryHash = string(ledger.get("hash"));
        LedgerScan.Added added = seq == null ? null : scan.added.get(seq);
        if (seq == null) {
            problems.add(new Problem("ledger", id, path, null, "the manifest gives no ledger position"));
        } else if (added == null) {
            problems.add(new Problem("ledger", id, path, seq, "its ledger entry is not in ledger.jsonl: the ledger was cut"));
        } else if (!"evidence.added".equals(added.event) || !String.valueOf(id).equals(added.evidenceId)) {
            problems.add(new Problem("ledger", id, path, seq, "that ledger entry does not record this item's addition ("
                    + added.event + " of " + added.evidenceId + ")"));
        } else if (!String.valueOf(metadataSha).equals(added.metadataSha256) || !String.valueOf(contentSha).equals(
                added.contentSha256)) {
            problems.add(new Problem("ledger", id, path, seq, "its content or metadata hash differs from the one sealed in "
                    + "the ledger when it was added: the item was altered"));
        } else if (!added.hash.equals(entryHash)) {
            problems.add(new Problem("ledger", id, path, seq, "the manifest's entry hash is not the ledger's"));
        }

        Map<?, ?> proof = map(item.get("inclusionProof"));
        List<String> proofPath = new ArrayList<>();
        if (proof.get("path") instanceof List<?> hashes) {
            hashes.forEach(h -> proofPath.add(String.valueOf(h)));
        }
        boolean proofOk = seq != null && entryHash != null && merkleRoot != null
                && proof.get("leafIndex") instanceof Long index && index == seq - 1
                && proof.get("treeSize") instanceof Long size2 && size2 == treeSize && treeSize > 0 && treeSize <= Integer.MAX_VALUE
                && MerkleTree.verifyInclusion(entryHash, (int) (seq - 1), (int) treeSize, proofPath, merkleRoot);
        if (!proofOk) {
            problems.add(new Problem("proof", id, path, seq, "its inclusion proof does not verify against the checkpoint's "
                    + "Merkle root: the item is not the one the checkpoint sealed"));
        }

        if (item.get("links") instanceof List<?> links) {
            for (Object l : links) {
                Map<?, ?> link = map(l);
                if (!scan.linked.contains(linkKey(id, string(link.get("type")), string(link.get("id"))))) {
                    problems.add(new Problem("link", id, path, null, "its link to " + link.get("type") + " " + link.get("id")
                            + (link.get("ref") != null ? " (" + link.get("ref") + ")" : "")
                            + " is not backed by an evidence.linked entry in the ledger"));
                }
            }
        }

        return checkFile(id, path, contentSha, size);
    }

    private long checkFile(String id, String path, String contentSha, long size) throws IOException {
        if (path == null || !path.startsWith("evidence/") || path.contains("\\")
                || java.util.Arrays.stream(path.split("/", -1)).anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))) {
            problems.add(new Problem("metadata", id, path, null, "its path is not a file under evidence/"));
            return 0;
        }
        ZipEntry entry = zip.getEntry(ROOT + path);
        if (entry == null) {
            problems.add(new Problem("missing", id, path, null, "its file is missing from the package"));
            return 0;
        }
        MessageDigest sha = sha256();
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                read += n;
            }
        } catch (ZipException e) {
            problems.add(new Problem("file", id, path, null, "its file cannot be read from the zip (" + e.getMessage()
                    + "): the file was altered"));
            return 0;
        }
        String actual = HEX.formatHex(sha.digest());
        if (!actual.equals(contentSha) || read != size) {
            problems.add(new Problem("file", id, path, null, "its file does not match the manifest (SHA-256 "
                    + actual.substring(0, 12) + "…, " + read + " bytes; expected " + shorten(contentSha) + "…, " + size
                    + " bytes): the file was altered"));
        }
        return read;
    }

    private Map<?, ?> manifest() throws IOException, UnreadablePackageException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new UnreadablePackageException("not an Evident evidence package: " + MANIFEST + " is missing");
        }
        Object parsed;
        try {
            parsed = Json.parse(read(entry));
        } catch (JsonParseException e) {
            throw new UnreadablePackageException(MANIFEST + " is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> manifest) || !FORMAT.equals(manifest.get("format"))) {
            throw new UnreadablePackageException(MANIFEST + " is not a manifest of format " + FORMAT);
        }
        if (!(manifest.get("organization") instanceof Map<?, ?> org) || !(org.get("id") instanceof String)) {
            throw new UnreadablePackageException(MANIFEST + " names no organization");
        }
        return manifest;
    }

    private Map<?, ?> jsonObject(String name, String what) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        String relative = name.substring(ROOT.length());
        if (entry == null) {
            problems.add(new Problem("missing", null, relative, null, "the " + what + " is missing from the package"));
            return null;
        }
        try {
            if (Json.parse(read(entry)) instanceof Map<?, ?> map) {
                return map;
            }
        } catch (JsonParseException e) {
            // reported below
        }
        problems.add(new Problem(what, null, relative, null, "is not a valid JSON object: it was altered"));
        return null;
    }

    private PublicKey packageKey() throws IOException {
        ZipEntry entry = zip.getEntry(PUBLIC_KEY);
        if (entry == null) {
            problems.add(new Problem("missing", null, "public-key.pem", null, "the public key is missing from the package"));
            return null;
        }
        try {
            return Ed25519.fromPem(read(entry));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("key", null, "public-key.pem", null, "is not an Ed25519 public key: " + e.getMessage()));
            return null;
        }
    }

    /** Second pass over the ledger, only when the chain broke: which item the broken entry is about. */
    private String evidenceAt(long seq) {
        ZipEntry entry = zip.getEntry(LEDGER);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                try {
                    Map<?, ?> row = map(Json.parse(line));
                    if (row.get("seq") instanceof Long s && s == seq) {
                        return string(map(row.get("entry")).get("evidenceId"));
                    }
                } catch (JsonParseException e) {
                    // reported by the first pass
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private String read(ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String evidenceIdOfPath(String relative) {
        if (relative.startsWith("evidence/")) {
            int slash = relative.indexOf('/', "evidence/".length());
            if (slash > 0) {
                return relative.substring("evidence/".length(), slash);
            }
        }
        return null;
    }

    private static String linkKey(String evidenceId, String type, String targetId) {
        return evidenceId + "|" + type + "|" + targetId;
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }

    private static String shorten(String hash) {
        return hash == null ? "null" : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /**
     * Streams ledger.jsonl into {@link LedgerVerifier}, remembering on the way the entries the items
     * point at and which links are in force at the end.
     */
    private static final class LedgerScan implements Iterator<LedgerVerifier.Entry> {

        record Added(String event, String evidenceId, String contentSha256, String metadataSha256, String hash) {
        }

        private final Map<Long, String> wantedSeqs;
        private final Set<String> wantedLinks;
        final Map<Long, Added> added = new HashMap<>();
        final Set<String> linked = new LinkedHashSet<>();
        BufferedReader reader;
        Problem badLine;
        Problem reordered;
        private long lastSeq;
        private LedgerVerifier.Entry next;
        private long lineNumber;
        private boolean done;

        LedgerScan(Map<Long, String> wantedSeqs, Set<String> wantedLinks) {
            this.wantedSeqs = wantedSeqs;
            this.wantedLinks = wantedLinks;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            String line;
            try {
                do {
                    line = reader.readLine();
                    lineNumber++;
                } while (line != null && line.isBlank());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                done = true;
                return false;
            }
            try {
                Map<?, ?> row = map(Json.parse(line));
                Map<?, ?> entry = map(row.get("entry"));
                if (!(row.get("seq") instanceof Long seq) || entry.isEmpty() || !(row.get("hash") instanceof String hash)
                        || !(row.get("prevHash") instanceof String prev)) {
                    throw new JsonParseException("line is not a ledger entry (seq, prevHash, hash, entry)", 1, 1);
                }
                next = new LedgerVerifier.Entry(seq, prev, hash, CanonicalJson.encode(entry));
                if (seq < lastSeq && reordered == null) {
                    reordered = new Problem("chain", string(entry.get("evidenceId")), "ledger.jsonl", seq,
                            "ledger.jsonl lists entry " + seq + " after entry " + lastSeq + ": its lines were reordered");
                }
                lastSeq = Math.max(lastSeq, seq);
                remember(seq, hash, entry);
                return true;
            } catch (JsonParseException | IllegalArgumentException e) {
                badLine = new Problem("chain", null, "ledger.jsonl", null, "line " + lineNumber + " is not a ledger entry: "
                        + e.getMessage());
                done = true;
                return false;
            }
        }

        private void remember(long seq, String hash, Map<?, ?> entry) {
            String event = string(entry.get("event"));
            String evidenceId = string(entry.get("evidenceId"));
            if (wantedSeqs.containsKey(seq)) {
                added.put(seq, new Added(event, evidenceId, string(entry.get("contentSha256")),
                        string(entry.get("metadataSha256")), hash));
            }
            Map<?, ?> target = map(entry.get("target"));
            if (target.isEmpty()) {
                return;
            }
            String key = linkKey(evidenceId, string(target.get("type")), string(target.get("id")));
            if (!wantedLinks.contains(key)) {
                return;
            }
            if ("evidence.linked".equals(event)) {
                linked.add(key);
            } else if ("evidence.unlinked".equals(event)) {
                linked.remove(key);
            }
        }

        @Override
        public LedgerVerifier.Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LedgerVerifier.Entry e = next;
            next = null;
            return e;
        }
    }
}
