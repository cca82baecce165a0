package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;
import dev.evident.connector.InvalidConfigException;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates as a GitHub App installation: signs a short-lived RS256 JWT with the App's private
 * key, exchanges it for an installation token, and reuses that token until shortly before it expires.
 */
final class AppInstallationAuth implements GitHubAuth {

    /** Renew this long before expiry so a token never runs out in the middle of a page. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final RestClient http;
    private final String appId;
    private final String installationId;
    private final PrivateKey privateKey;
    private final Clock clock;
    private String token;
    private Instant expiresAt;

    AppInstallationAuth(RestClient http, String appId, String installationId, PrivateKey privateKey, Clock clock) {
        this.http = http;
        this.appId = appId;
        this.installationId = installationId;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    @Override
    public synchronized String authorization() throws CollectionException {
        if (token == null || !clock.instant().isBefore(expiresAt.minus(RENEW_BEFORE_EXPIRY))) {
            renew();
        }
        return "Bearer " + token;
    }

    @Override
    public synchronized boolean invalidate() {
        token = null;
        return true;
    }

    /** When the cached installation token expires, or null before the first exchange. */
    synchronized Instant expiresAt() {
        return expiresAt;
    }

    private void renew() throws CollectionException {
        String jwt = jwt(appId, privateKey, clock.instant());
        RestClient.Response response;
        try {
            response = http.send("POST", "/app/installations/" + installationId + "/access_tokens",
                    Map.of("Authorization", "Bearer " + jwt), null,
                    "the App installed on the organization (check the installation ID)", Set.of());
        } catch (ApiException e) {
            throw switch (e.status()) {
                case 401 -> new ApiException(401, "GitHub rejected the App's JWT (HTTP 401): check that the App ID "
                        + appId + " is right, that the private key belongs to this App and has not been revoked, "
                        + "and that this server's clock is correct");
                case 404 -> new ApiException(404, "GitHub App installation " + installationId + " not found "
                        + "(HTTP 404): install the App on the organization and copy the number at the end of the "
                        + "installation's settings URL");
                default -> e;
            };
        }
        JsonNode body = response.json();
        String newToken = Json.text(body, "token");
        Instant newExpiry = Json.instant(body, "expires_at");
        if (newToken == null || newExpiry == null) {
            throw CollectionException.retryable("GitHub's installation token answer has no token or expires_at", null);
        }
        token = newToken;
        expiresAt = newExpiry;
    }

    /** An App JWT: issued a minute in the past against clock drift, valid for nine of GitHub's allowed ten minutes. */
    static String jwt(String appId, PrivateKey key, Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iat\":" + now.minusSeconds(60).getEpochSecond()
                + ",\"exp\":" + now.plusSeconds(540).getEpochSecond()
                + ",\"iss\":" + Json.MAPPER.writeValueAsString(appId) + "}").getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the GitHub App JWT: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an RSA private key in PEM form: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub
     * downloads) or PKCS#8 ({@code BEGIN PRIVATE KEY}). Line breaks may have been lost in a form field.
     */
    static PrivateKey parsePrivateKey(String pem, String field) {
        String text = pem.replace("\\n", "\n").strip();
        boolean pkcs1 = text.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !text.contains("BEGIN PRIVATE KEY")) {
            throw new InvalidConfigException(field, "Private key must be the PEM file GitHub generated for the App, "
                    + "starting with -----BEGIN RSA PRIVATE KEY-----");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidConfigException(field, "Private key is not a readable RSA key in PEM form: "
                    + e.getMessage());
        }
    }

    /** Puts a PKCS#1 RSA key into the PKCS#8 envelope that Java's KeyFactory reads. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
                0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] octets = der(0x04, pkcs1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(version);
        content.writeBytes(rsaAlgorithm);
        content.writeBytes(octets);
        return der(0x30, content.toByteArray());
    }

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
