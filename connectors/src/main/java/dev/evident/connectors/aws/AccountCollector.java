package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.Sleeper;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code aws.account}: one resource per account, from the IAM credential report (the root user's
 * MFA, access keys and password use, which no other API shows) and the account password policy.
 * The report is generated when missing or older than four hours (AWS regenerates at most that
 * often anyway), waiting for it with a bounded number of polls.
 */
final class AccountCollector extends AwsCollector {

    static final String TYPE = "aws.account";
    static final int REPORT_POLLS = 20;
    static final Duration REPORT_POLL_WAIT = Duration.ofSeconds(2);

    private final Sleeper sleeper;

    AccountCollector(AwsAccounts accounts, Sleeper sleeper) {
        super(accounts, TYPE, false);
        this.sleeper = sleeper;
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        IamClient iam = accounts.clients().iam(scope.account().credentials(), accounts.settings().homeRegion());
        GetCredentialReportResponse report = report(scope, iam);
        Map<String, String> root = CredentialReport.parse(report.content().asString(StandardCharsets.UTF_8))
                .get(CredentialReport.ROOT);
        PasswordPolicy policy = scope.call("iam:GetAccountPasswordPolicy", () -> {
            try {
                return iam.getAccountPasswordPolicy().passwordPolicy();
            } catch (NoSuchEntityException e) {
                return null; // no custom policy: AWS's default applies
            }
        });

        ObjectNode attributes = scope.attributes();
        attributes.put("name", scope.account().name());
        attributes.put("credentialReportGeneratedAt", IamUserCollector.text(report.generatedTime()));
        putRoot(attributes, root, scope);
        putPolicy(attributes, policy);
        String name = scope.account().name();
        return List.of(scope.resource(TYPE, scope.account().id(),
                name == null ? scope.account().id() : name + " (" + scope.account().id() + ")", attributes));
    }

    private GetCredentialReportResponse report(Scope scope, IamClient iam) throws CollectionException {
        for (int poll = 0; ; poll++) {
            ReportStateType state = scope.call("iam:GenerateCredentialReport",
                    () -> iam.generateCredentialReport().state());
            if (state == ReportStateType.COMPLETE) {
                return scope.call("iam:GetCredentialReport", iam::getCredentialReport);
            }
            if (poll >= REPORT_POLLS) {
                throw CollectionException.retryable("the IAM credential report of " + scope.where() + " was still "
                        + state + " after " + REPORT_POLLS + " polls; the next sync tries again", null);
            }
            try {
                sleeper.sleep(REPORT_POLL_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CollectionException.retryable("interrupted while waiting for the credential report", e);
            }
        }
    }

    private static void putRoot(ObjectNode attributes, Map<String, String> root, Scope scope) {
        if (root == null) {
            // A report without the root row: the caller is in a member account of some partitions
            // or the report is malformed; unknown, not "no root".
            for (String field : List.of("rootMfaEnabled", "rootAccessKeysActive", "rootAccessKey1Active",
                    "rootAccessKey2Active", "rootAccessKeyLastUsedAt", "rootPasswordLastUsedAt",
                    "rootDaysSinceLastUse")) {
                attributes.putNull(field);
            }
            return;
        }
        Boolean key1 = CredentialReport.bool(root.get("access_key_1_active"));
        Boolean key2 = CredentialReport.bool(root.get("access_key_2_active"));
        var key1Used = CredentialReport.instant(root.get("access_key_1_last_used_date"));
        var key2Used = CredentialReport.instant(root.get("access_key_2_last_used_date"));
        var keyUsed = key1Used == null ? key2Used : key2Used == null || key1Used.isAfter(key2Used) ? key1Used : key2Used;
        var passwordUsed = CredentialReport.instant(root.get("password_last_used"));
        var lastUsed = keyUsed == null ? passwordUsed
                : passwordUsed == null || keyUsed.isAfter(passwordUsed) ? keyUsed : passwordUsed;
        attributes.put("rootMfaEnabled", CredentialReport.bool(root.get("mfa_active")));
        attributes.put("rootAccessKeysActive", key1 == null && key2 == null ? null
                : Boolean.TRUE.equals(key1) || Boolean.TRUE.equals(key2));
        attributes.put("rootAccessKey1Active", key1);
        attributes.put("rootAccessKey2Active", key2);
        attributes.put("rootAccessKeyLastUsedAt", IamUserCollector.text(keyUsed));
        attributes.put("rootPasswordLastUsedAt", IamUserCollector.text(passwordUsed));
        attributes.put("rootDaysSinceLastUse", IamUserCollector.days(lastUsed, scope.now()));
    }

    private static void putPolicy(ObjectNode attributes, PasswordPolicy policy) {
        attributes.put("passwordPolicySet", policy != null);
        attributes.put("passwordMinLength", policy == null ? null : policy.minimumPasswordLength());
        attributes.put("passwordRequireUppercase", policy == null ? null : policy.requireUppercaseCharacters());
        attributes.put("passwordRequireLowercase", policy == null ? null : policy.requireLowercaseCharacters());
        attributes.put("passwordRequireNumbers", policy == null ? null : policy.requireNumbers());
        attributes.put("passwordRequireSymbols", policy == null ? null : policy.requireSymbols());
        attributes.put("passwordExpires", policy == null ? null : policy.expirePasswords());
        attributes.put("passwordMaxAgeDays", policy == null ? null : policy.maxPasswordAge());
        attributes.put("passwordReusePrevention", policy == null ? null : policy.passwordReusePrevention());
        attributes.put("passwordHardExpiry", policy == null ? null : policy.hardExpiry());
        attributes.put("allowUsersToChangePassword", policy == null ? null : policy.allowUsersToChangePassword());
    }
}
