package dev.evident.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lowercase hex, the form stored in the ledger and shown to auditors. */
public final class Hashes {

    private Hashes() {
    }

    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
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
