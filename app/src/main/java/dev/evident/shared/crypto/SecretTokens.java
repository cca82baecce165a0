package dev.evident.shared.crypto;

import dev.evident.verifier.Hashes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * High-entropy bearer secrets (API tokens, invitation links, recovery codes). Because they carry
 * 256 bits of randomness, a plain SHA-256 is a sufficient one-way hash for storing them; a slow
 * password hash would only add latency to every API call.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        return Hashes.sha256Hex(token);
    }

    /** Short human-readable code, e.g. for recovery codes and the setup code: xxxx-xxxx-xxxx. */
    public static String humanCode(int groups) {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                sb.append('-');
            }
            for (int i = 0; i < 4; i++) {
                sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null && java.security.MessageDigest.isEqual(a.getBytes(), b.getBytes());
    }
}
