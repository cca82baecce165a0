package dev.evident.verifier;

/**
 * Outcome of walking a hash chain.
 *
 * @param valid          true when every entry checked out
 * @param entriesChecked entries verified before the first problem (all of them when valid)
 * @param headHash       hash of the last entry that verified; {@link HashChain#GENESIS} if none did
 * @param firstProblem   what broke the chain, or null when valid
 */
public record ChainVerification(boolean valid, long entriesChecked, String headHash, Problem firstProblem) {

    public ChainVerification {
        if (valid != (firstProblem == null)) {
            throw new IllegalArgumentException("a chain is valid exactly when it has no problem");
        }
    }

    /** The first entry that failed verification, and why, as a sentence for people. */
    public record Problem(long seq, String id, String reason) {
    }

    static ChainVerification ok(long entriesChecked, String headHash) {
        return new ChainVerification(true, entriesChecked, headHash, null);
    }

    static ChainVerification broken(long entriesChecked, String headHash, Problem problem) {
        return new ChainVerification(false, entriesChecked, headHash, problem);
    }
}
