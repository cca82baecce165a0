package dev.evident.connectors.http;

import dev.evident.connector.InvalidConfigException;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Compact JWTs signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256), as OAuth 2 JWT bearer grants use them. */
public final class Jwt {

    private Jwt() {
    }

    /** Signs the claims with the key; the header is {@code {"alg":"RS256","typ":"JWT"}} plus {@code kid} when given. */
    public static String rs256(ObjectNode claims, PrivateKey key, String keyId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        String signingInput = b64.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a JWT: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PKCS#8 RSA private key in PEM form ({@code -----BEGIN PRIVATE KEY-----}), tolerating
     * escaped or lost line breaks.
     *
     * @param field the config field to blame when the key is unreadable
     * @param what  how to name the key in the message, e.g. "The private_key of the service account key"
     * @param fix   what the person should do about it
     */
    public static PrivateKey pkcs8(String pem, String field, String what, String fix) {
        String text = pem.replace("\\n", "\n").strip();
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new InvalidConfigException(field, what + " is not a PEM PKCS#8 key starting with "
                    + "-----BEGIN PRIVATE KEY-----; " + fix);
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidConfigException(field, what + " is not a readable RSA key (" + e.getMessage() + "); " + fix);
        }
    }
}
