package dev.evident.connectors.aws;

import dev.evident.connector.ConfigField;
import dev.evident.connector.ConfigSchema;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;
import dev.evident.connectors.http.Sleeper;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.time.Duration;
import java.util.function.Supplier;

import static dev.evident.connectors.aws.AwsSettings.ACCESS_KEY_ID;
import static dev.evident.connectors.aws.AwsSettings.ENDPOINT_URL;
import static dev.evident.connectors.aws.AwsSettings.EXTERNAL_ID;
import static dev.evident.connectors.aws.AwsSettings.MEMBER_ROLE_NAME;
import static dev.evident.connectors.aws.AwsSettings.ORGANIZATION_MODE;
import static dev.evident.connectors.aws.AwsSettings.REGIONS;
import static dev.evident.connectors.aws.AwsSettings.ROLE_ARN;
import static dev.evident.connectors.aws.AwsSettings.SECRET_ACCESS_KEY;
import static dev.evident.connectors.aws.AwsSettings.SESSION_TOKEN;

/**
 * The AWS connector: IAM, the root user and password policy, S3, CloudTrail, RDS, security groups, KMS and
 * GuardDuty, in one account or every account of an AWS Organization, read-only.
 */
public final class AwsConnectorFactory implements ConnectorFactory {

    /** Attempts per call (the first plus retries) for throttling, 5xx and network errors. */
    static final int MAX_ATTEMPTS = 5;

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text(ACCESS_KEY_ID, "Access key ID").asRequired()
                    .withHelp("Of an IAM user whose only permission is to assume the role below (or, without a role, "
                            + "that holds the read-only policy from the docs)"),
            ConfigField.secret(SECRET_ACCESS_KEY, "Secret access key"),
            ConfigField.secret(SESSION_TOKEN, "Session token").asOptional()
                    .withHelp("Only for temporary credentials; they expire, so prefer a long-lived key and a role"),
            ConfigField.text(ROLE_ARN, "Role ARN to assume")
                    .withHelp("arn:aws:iam::123456789012:role/EvidentReadOnly; leave empty to use the key directly"),
            ConfigField.text(EXTERNAL_ID, "External ID")
                    .withHelp("The sts:ExternalId the role's trust policy requires"),
            ConfigField.bool(ORGANIZATION_MODE, "Read every account of the AWS Organization").withDefault("false")
                    .withHelp("The key or role must be in the management (or delegated administrator) account; "
                            + "the member role below is assumed in each active member account"),
            ConfigField.text(MEMBER_ROLE_NAME, "Member account role name").withDefault(AwsSettings.DEFAULT_MEMBER_ROLE)
                    .withHelp("Role with the read-only policy in every member account (organization mode only)"),
            ConfigField.text(REGIONS, "Regions").asRequired().withDefault("us-east-1")
                    .withHelp("Comma-separated region codes to read regional services in, e.g. us-east-1, eu-west-1"),
            ConfigField.url(ENDPOINT_URL, "Endpoint override")
                    .withHelp("One base URL used for every AWS service: only for test servers and proxies"));

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public String displayName() {
        return "Amazon Web Services";
    }

    @Override
    public String description() {
        return "Reads IAM users (console access, MFA, access-key age and use), the root user and password policy, "
                + "S3 buckets, CloudTrail trails, RDS databases, security groups open to the internet, KMS key rotation "
                + "and GuardDuty, in one AWS account or every account of an AWS Organization, read-only.";
    }

    @Override
    public ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        return create(config, Sleeper.REAL, AwsConnectorFactory::retryStrategy, AwsClients.REQUEST_TIMEOUT);
    }

    /** With the waits and retry strategy under the caller's control, for tests. */
    static AwsConnector create(ConnectorConfig config, Sleeper sleeper, Supplier<RetryStrategy> retry,
                               Duration requestTimeout) {
        AwsSettings settings = AwsSettings.read(config);
        AwsClients clients = new AwsClients(settings.endpoint(), retry, requestTimeout);
        SignedJsonClient json = new SignedJsonClient(clients.http(), sleeper, Duration.ofSeconds(1));
        return new AwsConnector(new AwsAccounts(settings, clients, json), sleeper);
    }

    /** The SDK's standard strategy (exponential backoff with jitter, longer for throttling), with more attempts. */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build();
    }
}
