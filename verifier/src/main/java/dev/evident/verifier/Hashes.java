package dev.evident.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lowercase hex, the form stored in the ledger and shown to auditors. */
public final class Hashes {

    private Hashes() {
    }

    /** One digest per thread: looking a digest up costs more than hashing a short value. */
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Hashes::sha256);

    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(PER_THREAD.get().digest(data));
    }

    /** True when {@code hex} is exactly the lowercase hex spelling of {@code digest}, without building a string. */
    public static boolean matchesHex(byte[] digest, String hex) {
        if (hex == null || hex.length() != digest.length * 2) {
            return false;
        }
        for (int i = 0; i < digest.length; i++) {
            int high = lowerHexDigit(hex.charAt(2 * i));
            int low = lowerHexDigit(hex.charAt(2 * i + 1));
            if (high < 0 || low < 0 || (byte) (high << 4 | low) != digest[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lowerHexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** SHA-256 of the UTF-8 bytes of {@code utf8}, with this thread's digest. */
    public static byte[] sha256(String utf8) {
        return PER_THREAD.get().digest(utf8.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(String utf8) {
        return sha256Hex(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh SHA-256 digest, for callers that hash many values in a loop. */
    public static MessageDigest newSha256() {
        return sha256();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must ship SHA-256, so this means a broken JDK.
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
