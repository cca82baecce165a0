package dev.evident.connectors.http;

import dev.evident.connector.InvalidConfigException;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Compact JWTs signed RS256 (RSASSA-PKCS1-v1_5 with SHA-256), as OAuth 2 JWT bearer grants use them. */
public final class Jwt {

    private static final String PKCS1_BEGIN = "-----BEGIN RSA PRIVATE KEY-----";
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";

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
        String text = pemText(pem);
        if (!text.contains(PKCS8_BEGIN)) {
            throw new InvalidConfigException(field, what + " is not a PEM PKCS#8 key starting with " + PKCS8_BEGIN
                    + "; " + fix);
        }
        return rsaKey(text, field, what, fix);
    }

    /**
     * Reads an RSA private key in PEM form, PKCS#1 ({@code -----BEGIN RSA PRIVATE KEY-----}, as GitHub
     * and older OpenSSL hand keys out) or PKCS#8, tolerating escaped or lost line breaks.
     *
     * @see #pkcs8(String, String, String, String) for the parameters
     */
    public static PrivateKey pkcs1OrPkcs8(String pem, String field, String what, String fix) {
        String text = pemText(pem);
        if (!text.contains(PKCS1_BEGIN) && !text.contains(PKCS8_BEGIN)) {
            throw new InvalidConfigException(field, what + " is not a PEM RSA key starting with " + PKCS1_BEGIN
                    + " or " + PKCS8_BEGIN + "; " + fix);
        }
        return rsaKey(text, field, what, fix);
    }

    private static String pemText(String pem) {
        return pem.replace("\\n", "\n").strip();
    }

    private static PrivateKey rsaKey(String text, String field, String what, String fix) {
        String base64 = text.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            byte[] pkcs8 = text.contains(PKCS1_BEGIN) ? wrapPkcs1(der) : der;
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidConfigException(field, what + " is not a readable RSA key (" + e.getMessage() + "); " + fix);
        }
    }

    /** Puts a PKCS#1 RSA key into the PKCS#8 envelope that Java's KeyFactory reads. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
                0x01, 0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(version);
        content.writeBytes(rsaAlgorithm);
        content.writeBytes(der(0x04, pkcs1));
        return der(0x30, content.toByteArray());
    }

    /** A DER tag-length-value with the given content. */
    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
