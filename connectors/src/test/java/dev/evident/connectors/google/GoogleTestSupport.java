package dev.evident.connectors.google;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.RestClient;
import dev.evident.connectors.http.Sleeper;
import dev.evident.connectors.http.TestClock;
import tools.jackson.databind.JsonNode;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A service account key made for the tests, and shortcuts to run the connector against stubs. */
final class GoogleTestSupport {

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final String CLIENT_EMAIL = "evident-reader@acme-compliance.iam.gserviceaccount.com";
    static final String CLIENT_ID = "113370123456789012345";
    static final String USERS = "/admin/directory/v1/users";
    static final String ACTIVITIES = "/admin/reports/v1/activity/users/all/applications/admin";
    static final KeyPair KEYS = keys();

    private GoogleTestSupport() {
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key file shaped like the one Google Cloud console downloads. */
    static String serviceAccountJson() {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return Json.write(Json.object()
                .put("type", "service_account")
                .put("project_id", "acme-compliance")
                .put("private_key_id", "4f2c0a9d1b7e")
                .put("private_key", pem)
                .put("client_email", CLIENT_EMAIL)
                .put("client_id", CLIENT_ID)
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", "https://oauth2.googleapis.com/token")
                .put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs")
                .put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/evident-reader")
                .put("universe_domain", "googleapis.com"));
    }

    static Map<String, String> config(String baseUrl) {
        return new HashMap<>(Map.of("serviceAccountKey", serviceAccountJson(), "adminEmail", "it-admin@acme.example",
                "apiBaseUrl", baseUrl, "tokenUrl", baseUrl + "/token"));
    }

    static GoogleWorkspaceConnector connector(Map<String, String> values, TestClock clock, Sleeper sleeper,
                                              Duration timeout) {
        return GoogleWorkspaceConnectorFactory.create(ConnectorConfig.of(
                new GoogleWorkspaceConnectorFactory().configSchema(), values), clock, sleeper, timeout);
    }

    static GoogleWorkspaceConnector connector(Map<String, String> values, TestClock clock, Sleeper sleeper) {
        return connector(values, clock, sleeper, RestClient.REQUEST_TIMEOUT);
    }

    static List<CollectedResource> collectUsers(GoogleWorkspaceConnector connector, TestClock clock)
            throws CollectionException {
        List<CollectedResource> resources = new ArrayList<>();
        connector.collectors().get(0).collect(CollectionContext.of(clock, null)).forEachRemaining(resources::add);
        return resources;
    }

    static JsonNode attributes(CollectedResource resource) {
        return Json.MAPPER.readTree(resource.attributesJson());
    }

    static String tokenAnswer(String accessToken) {
        return "{\"access_token\":\"" + accessToken + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}";
    }

    /** A user as the Directory API's users.list returns it. */
    static String user(String id, String email, boolean admin, boolean enrolled, boolean enforced, boolean suspended) {
        return """
                {"kind":"admin#directory#user","id":"%s","etag":"\\"abc\\"","primaryEmail":"%s",
                 "name":{"givenName":"Grace","familyName":"Hopper","fullName":"Grace Hopper"},
                 "isAdmin":%s,"isDelegatedAdmin":false,"lastLoginTime":"2026-06-14T07:10:00.000Z",
                 "creationTime":"2024-02-01T09:00:00.000Z","agreedToTerms":true,"suspended":%s,%s"archived":false,
                 "changePasswordAtNextLogin":false,"ipWhitelisted":false,
                 "emails":[{"address":"%s","primary":true}],"customerId":"C01abc23d","orgUnitPath":"/Engineering",
                 "isMailboxSetup":true,"isEnrolledIn2Sv":%s,"isEnforcedIn2Sv":%s,"includeInGlobalAddressList":true}"""
                .formatted(id, email, admin, suspended, suspended ? "\"suspensionReason\":\"ADMIN\"," : "", email,
                        enrolled, enforced);
    }
}
