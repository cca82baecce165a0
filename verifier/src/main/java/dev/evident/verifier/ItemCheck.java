package dev.evident.verifier;

import static dev.evident.verifier.LedgerScan.linkKey;
import static dev.evident.verifier.PackageVerifier.ROOT;
import static dev.evident.verifier.PackageVerifier.map;
import static dev.evident.verifier.PackageVerifier.string;

import dev.evident.verifier.PackageVerifier.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks one item of the manifest against the rest of the package: its metadata against its hashes,
 * its ledger entry, its inclusion proof against the checkpoint's Merkle root, its links against the
 * ledger, and its file (streamed from the zip) against its SHA-256 and size.
 */
final class ItemCheck {

    private static final HexFormat HEX = HexFormat.of();

    private final ZipFile zip;
    private final LedgerScan scan;
    private final long treeSize;
    private final String merkleRoot;
    private final List<Problem> problems;

    ItemCheck(ZipFile zip, LedgerScan scan, long treeSize, String merkleRoot, List<Problem> problems) {
        this.zip = zip;
        this.scan = scan;
        this.treeSize = treeSize;
        this.merkleRoot = merkleRoot;
        this.problems = problems;
    }

    /** Checks the item, adds its path to {@code listedPaths} and returns the bytes of its file that were read. */
    long check(Map<?, ?> item, Set<String> listedPaths) throws IOException {
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
        } else if (!"evidence.added".equals(added.event()) || !String.valueOf(id).equals(added.evidenceId())) {
            problems.add(new Problem("ledger", id, path, seq, "that ledger entry does not record this item's addition ("
                    + added.event() + " of " + added.evidenceId() + ")"));
        } else if (!String.valueOf(metadataSha).equals(added.metadataSha256()) || !String.valueOf(contentSha).equals(
                added.contentSha256())) {
            problems.add(new Problem("ledger", id, path, seq, "its content or metadata hash differs from the one sealed in "
                    + "the ledger when it was added: the item was altered"));
        } else if (!added.hash().equals(entryHash)) {
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
}
