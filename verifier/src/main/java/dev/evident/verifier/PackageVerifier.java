package dev.evident.verifier;

import static dev.evident.verifier.LedgerScan.linkKey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    private final PackageFiles files;

    private PackageVerifier(ZipFile zip, PublicKey pinnedKey) {
        this.zip = zip;
        this.pinnedKey = pinnedKey;
        this.files = new PackageFiles(zip, problems);
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
        Map<?, ?> manifest = files.manifest();
        String orgId = string(map(manifest.get("organization")).get("id"));

        // checkpoint.json, compared with the manifest's copy
        Map<?, ?> checkpoint = files.jsonObject(CHECKPOINT, "checkpoint");
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
        PublicKey packageKey = files.packageKey();
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
                    String evidenceId = LedgerScan.evidenceAt(zip, p.seq());
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
        ItemCheck itemCheck = new ItemCheck(zip, scan, treeSize, merkleRoot, problems);
        for (Map<?, ?> item : items) {
            bytes += itemCheck.check(item, listedPaths);
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

    private static String evidenceIdOfPath(String relative) {
        if (relative.startsWith("evidence/")) {
            int slash = relative.indexOf('/', "evidence/".length());
            if (slash > 0) {
                return relative.substring("evidence/".length(), slash);
            }
        }
        return null;
    }

    /** A JSON value as an object, or an empty object when it is not one. */
    static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    /** A JSON value as a string, or null when it is not one. */
    static String string(Object o) {
        return o instanceof String s ? s : null;
    }
}
