package dev.evident.verifier;

import java.util.Map;

/**
 * The tamper-evident chain used by the audit log and the evidence ledger: each entry's hash covers
 * the previous entry's hash and its own canonical content, so changing, removing or reordering any
 * entry breaks every hash after it.
 */
public final class HashChain {

    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** Hex digits shown when quoting a hash in a problem sentence; enough to tell hashes apart. */
    private static final int SHORT_HASH = 12;

    private HashChain() {
    }

    public static String link(String prevHash, Map<String, Object> content) {
        return Hashes.sha256Hex(prevHash + "\n" + CanonicalJson.encode(content));
    }

    /** Checks the links in iteration order and stops at the first one that does not hold. */
    public static ChainVerification verify(Iterable<ChainLink> links) {
        long expectedSeq = 1;
        String head = GENESIS;
        long checked = 0;
        for (ChainLink link : links) {
            String reason = problemWith(link, expectedSeq, head);
            if (reason != null) {
                return ChainVerification.broken(checked, head,
                        new ChainVerification.Problem(link.seq(), link.id(), reason));
            }
            checked++;
            expectedSeq++;
            head = link.hash();
        }
        return ChainVerification.ok(checked, head);
    }

    private static String problemWith(ChainLink link, long expectedSeq, String expectedPrev) {
        if (link.seq() > expectedSeq) {
            return "sequence gap: expected " + expectedSeq + ", found " + link.seq();
        }
        if (link.seq() < expectedSeq) {
            return "sequence out of order: expected " + expectedSeq + ", found " + link.seq();
        }
        if (!expectedPrev.equals(link.prevHash())) {
            return "previous-hash link broken: expected " + shorten(expectedPrev)
                    + ", found " + shorten(link.prevHash());
        }
        String recomputed;
        try {
            recomputed = link(link.prevHash(), link.content());
        } catch (IllegalArgumentException e) {
            return "content cannot be canonicalized: " + e.getMessage();
        }
        if (!recomputed.equals(link.hash())) {
            return "hash mismatch: stored " + shorten(link.hash()) + ", recomputed " + shorten(recomputed);
        }
        return null;
    }

    private static String shorten(String hash) {
        if (hash == null) {
            return "(none)";
        }
        return hash.length() <= SHORT_HASH ? hash : hash.substring(0, SHORT_HASH) + "...";
    }
}
