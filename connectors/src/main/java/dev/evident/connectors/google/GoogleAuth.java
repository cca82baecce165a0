package dev.evident.connectors.google;

import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Jwt;
import dev.evident.connectors.http.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OAuth 2 JWT bearer grant (RFC 7523) for a service account with domain-wide delegation: an RS256
 * JWT signed with the service account's key, naming the admin to act as ({@code sub}) and the
 * scopes, is exchanged at the token endpoint for an access token, which is reused until five minutes
 * before it expires.
 */
final class GoogleAuth {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    /** Google accepts assertions valid for at most an hour. */
    static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

    private final RestClient tokenEndpoint;
    private final ServiceAccountKey key;
    private final String adminEmail;
    private final List<String> scopes;
    private final Clock clock;
    private String token;
    private Instant expiresAt;

    GoogleAuth(RestClient tokenEndpoint, ServiceAccountKey key, String adminEmail, List<String> scopes, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.key = key;
        this.adminEmail = adminEmail;
        this.scopes = List.copyOf(scopes);
        this.clock = clock;
    }

    ServiceAccountKey key() {
        return key;
    }

    List<String> scopes() {
        return scopes;
    }

    synchronized String authorization() throws CollectionException {
        if (token == null || !clock.instant().isBefore(expiresAt.minus(RENEW_BEFORE_EXPIRY))) {
            renew();
        }
        return "Bearer " + token;
    }

    /** Forgets the cached token after Google rejected it. */
    synchronized void invalidate() {
        token = null;
    }

    synchronized Instant expiresAt() {
        return expiresAt;
    }

    private void renew() throws CollectionException {
        Instant now = clock.instant();
        ObjectNode claims = Json.object()
                .put("iss", key.clientEmail())
                .put("sub", adminEmail)
                .put("scope", String.join(" ", scopes))
                .put("aud", tokenEndpoint.base().toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
                + "&assertion=" + Jwt.rs256(claims, key.privateKey(), key.privateKeyId());
        RestClient.Response response = tokenEndpoint.send("POST", tokenEndpoint.base().toString(), Map.of(), form,
                "a valid service account", Set.of(400, 401, 403));
        JsonNode body = response.json();
        if (response.status() >= 300) {
            throw new ApiException(response.status(), refusal(response.status(), Json.text(body, "error"),
                    Json.text(body, "error_description")));
        }
        String accessToken = Json.text(body, "access_token");
        Integer expiresIn = Json.integer(body, "expires_in");
        if (accessToken == null || expiresIn == null) {
            throw CollectionException.retryable("Google's token endpoint answered without access_token or expires_in", null);
        }
        token = accessToken;
        expiresAt = now.plusSeconds(expiresIn);
    }

    /** What a refused token exchange means and how to fix it, from Google's OAuth error. */
    private String refusal(int status, String error, String description) {
        String google = "Google refused the access token (HTTP " + status + " " + error
                + (description == null ? "" : ": " + description) + "): ";
        String text = description == null ? "" : description.toLowerCase(java.util.Locale.ROOT);
        if ("unauthorized_client".equals(error)) {
            return google + "domain-wide delegation is not set up for this service account with these scopes. In the "
                    + "Admin console open Security > Access and data control > API controls > Manage Domain Wide "
                    + "Delegation, and add client ID " + key.clientId() + " with the scopes " + String.join(",", scopes);
        }
        if (text.contains("invalid email") || text.contains("user id")) {
            return google + "the admin email " + adminEmail + " is not a user of this Google Workspace account; "
                    + "enter the address of an administrator the service account should act as";
        }
        if (text.contains("signature")) {
            return google + "the key was deleted or replaced in Google Cloud; create a new JSON key and paste it";
        }
        if (text.contains("short-lived") || text.contains("iat") || text.contains("exp")) {
            return google + "this server's clock is off; correct it (NTP)";
        }
        if ("invalid_client".equals(error) || text.contains("disabled")) {
            return google + "the service account " + key.clientEmail() + " was deleted or disabled in Google Cloud";
        }
        return google + "check the service account key and the admin email";
    }
}
