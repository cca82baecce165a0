package dev.evident.verifier;

import static dev.evident.verifier.PackageVerifier.LEDGER;
import static dev.evident.verifier.PackageVerifier.map;
import static dev.evident.verifier.PackageVerifier.string;

import dev.evident.verifier.PackageVerifier.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a package's ledger.jsonl: streams it into {@link LedgerVerifier}, remembering on the way the
 * entries the items point at and which links are in force at the end; {@link #evidenceAt} reads it
 * again to name the item a broken entry is about.
 */
final class LedgerScan implements Iterator<LedgerVerifier.Entry> {

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

    /** Second pass over the ledger, only when the chain broke: which item the broken entry is about. */
    static String evidenceAt(ZipFile zip, long seq) {
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

    /** How a link (item, target type, target id) is looked up in the manifest and in the ledger. */
    static String linkKey(String evidenceId, String type, String targetId) {
        return evidenceId + "|" + type + "|" + targetId;
    }
}
