package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Jwt;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        ObjectNode claims = Json.object()
                .put("iat", now.minusSeconds(60).getEpochSecond())
                .put("exp", now.plusSeconds(540).getEpochSecond())
                .put("iss", appId);
        return Jwt.rs256(claims, key, null);
    }

    /** Reads the App's private key: the PKCS#1 PEM file GitHub generates, or the same key as PKCS#8. */
    static PrivateKey parsePrivateKey(String pem, String field) {
        return Jwt.pkcs1OrPkcs8(pem, field, "Private key",
                "paste the whole .pem file generated under the App's settings > Private keys");
    }
}
