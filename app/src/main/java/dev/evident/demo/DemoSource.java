package dev.evident.demo;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brightwave's connections that a {@link DemoReplay} feeds: their connector, recording, settings (pointing
 * at the replay) and when their daily sync runs. The settings are what a customer would enter, except the
 * address of the API and the credentials, which only the replay accepts.
 */
enum DemoSource {

    GITHUB("GitHub (brightwave)", "github", DemoRecording.GITHUB, "github.", Duration.ofHours(2), Duration.ofSeconds(37)),
    OKTA("Okta (brightwave)", "okta", DemoRecording.OKTA, "okta.", Duration.ofHours(2).plusMinutes(10),
            Duration.ofSeconds(14)),
    GOOGLE("Google Workspace (brightwave.example)", "google-workspace", DemoRecording.GOOGLE, "google.",
            Duration.ofHours(2).plusMinutes(15), Duration.ofSeconds(4)),
    AWS("AWS (Brightwave organization)", "aws", DemoRecording.AWS, "aws.", Duration.ofHours(2).plusMinutes(20),
            Duration.ofSeconds(71));

    static final String GITHUB_ORG = "brightwave";
    /** The organization's management account's key; the replay hands out the member role's credentials. */
    static final String AWS_ACCESS_KEY = "AKIADEMOBRIGHTWAVE01";
    static final String AWS_REGIONS = "eu-central-1, us-east-1";

    /** An account of the source that belongs to a person without carrying their email: linked at seeding. */
    record OwnedAccount(String resourceType, String externalId, String ownerEmail) {
    }

    private final String displayName;
    private final String connector;
    private final String recording;
    private final String checkPrefix;
    private final Duration syncAt;
    private final Duration syncTook;

    DemoSource(String displayName, String connector, String recording, String checkPrefix, Duration syncAt,
               Duration syncTook) {
        this.displayName = displayName;
        this.connector = connector;
        this.recording = recording;
        this.checkPrefix = checkPrefix;
        this.syncAt = syncAt;
        this.syncTook = syncTook;
    }

    String displayName() {
        return displayName;
    }

    String connector() {
        return connector;
    }

    String recording() {
        return recording;
    }

    /** The prefix of the built-in checks over this source's resources. */
    String checkPrefix() {
        return checkPrefix;
    }

    /** When the daily sync starts, after midnight UTC. */
    Duration syncAt() {
        return syncAt;
    }

    Duration syncTook() {
        return syncTook;
    }

    /** The service accounts of the recording and who owns each, as an administrator would link them. */
    List<OwnedAccount> ownedAccounts() {
        return this != AWS ? List.of() : List.of(
                new OwnedAccount("aws.iam_user", "arn:aws:iam::210987654321:user/terraform-ci", "tom@brightwave.example"),
                new OwnedAccount("aws.iam_user", "arn:aws:iam::345678901234:user/ci-deploy", "tom@brightwave.example"),
                new OwnedAccount("aws.iam_user", "arn:aws:iam::345678901234:user/metabase-athena", "olga@brightwave.example"));
    }

    /** The settings that point the connection at the replay: what changes when the replay's port does. */
    Map<String, String> pointedAt(String replayUrl) {
        return switch (this) {
            case GITHUB -> Map.of("apiBaseUrl", replayUrl);
            // Okta's own allowance for a local test server: plain http only on a loopback host
            case OKTA -> Map.of("orgUrl", replayUrl, "allowHttpLocalhost", "true");
            case GOOGLE -> Map.of("apiBaseUrl", replayUrl, "tokenUrl", replayUrl + "/token");
            case AWS -> Map.of("endpointUrl", replayUrl);
        };
    }

    /** All settings of a new connection to the replay. */
    Map<String, String> settings(String replayUrl) {
        Map<String, String> settings = new LinkedHashMap<>(pointedAt(replayUrl));
        switch (this) {
            case GITHUB -> {
                settings.put("organization", GITHUB_ORG);
                settings.put("authMode", "token");
                settings.put("token", "recorded-demo-token");
                settings.put("pullRequestDays", "200");
            }
            case OKTA -> settings.put("apiToken", "recorded-demo-okta-token");
            case GOOGLE -> {
                settings.put("serviceAccountKey", throwawayServiceAccountKey());
                settings.put("adminEmail", "aisha@brightwave.example");
                settings.put("customerId", "my_customer");
                settings.put("readSuspensionTimes", "true");
            }
            case AWS -> {
                settings.put("accessKeyId", AWS_ACCESS_KEY);
                settings.put("secretAccessKey", "recorded-demo-secret");
                settings.put("organizationMode", "true");
                settings.put("memberRoleName", "EvidentReadOnly");
                settings.put("regions", AWS_REGIONS);
            }
        }
        return settings;
    }

    /**
     * A Google service-account key made up at seeding: the connector signs its token request with the
     * private key like with a real one; the replay accepts any signature. Generated rather than shipped, so
     * no private key is in the source tree, and it opens nothing anywhere else.
     */
    static String throwawayServiceAccountKey() {
        KeyPairGenerator generator;
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no RSA", e);
        }
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> key = new LinkedHashMap<>();
        key.put("type", "service_account");
        key.put("project_id", "brightwave-demo");
        key.put("private_key_id", "demo-generated-at-seeding");
        key.put("private_key", pem);
        key.put("client_email", "evident-reader@brightwave-demo.iam.gserviceaccount.com");
        key.put("client_id", "104729000000000000001");
        key.put("token_uri", "https://oauth2.googleapis.com/token");
        return JsonMapper.builder().build().writeValueAsString(key);
    }
}
