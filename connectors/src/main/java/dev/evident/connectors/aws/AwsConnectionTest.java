package dev.evident.connectors.aws;

import dev.evident.connector.CollectionException;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connectors.http.StepLog;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Test connection" steps, each naming the fix when it fails: the access key, the role, the
 * organization's accounts and member roles, then one read per service in the first account. Steps
 * after a failed credential or role step are not run: they could only fail the same way.
 */
final class AwsConnectionTest {

    static final String CREDENTIALS = "Check the access key";
    static final String ASSUME_ROLE = "Assume the role";
    static final String LIST_ACCOUNTS = "List the organization's accounts";
    static final String MEMBER_ROLES = "Assume the member role in each account";
    static final String READ_IAM = "Read IAM users";
    static final String READ_CREDENTIAL_REPORT = "Read the credential report and password policy";
    static final String READ_IDENTITY_CENTER = "Read IAM Identity Center";
    static final String READ_S3 = "Read S3 buckets";
    static final String READ_CLOUDTRAIL = "Read CloudTrail trails";
    static final String READ_RDS = "Read RDS databases";
    static final String READ_EC2 = "Read EC2 security groups";
    static final String READ_KMS = "Read KMS keys";
    static final String READ_GUARDDUTY = "Read GuardDuty detectors";

    private final AwsAccounts accounts;
    private final StepLog steps = new StepLog();

    AwsConnectionTest(AwsAccounts accounts) {
        this.accounts = accounts;
    }

    ConnectionTestResult run() {
        if (credentials() && role()) {
            List<AwsAccounts.Member> members = members();
            if (members != null && !members.isEmpty()) {
                AwsAccounts.Account first = memberRoles(members);
                if (first != null) {
                    readIam(first);
                    readCredentialReport(first);
                    readIdentityCenter();
                    new RegionalProbes(accounts, steps, first).run();
                }
            }
        }
        return steps.result();
    }

    private boolean credentials() {
        try {
            GetCallerIdentityResponse me = accounts.baseIdentity();
            return steps.pass(CREDENTIALS, "the key belongs to " + me.arn() + " (account " + me.account() + ")");
        } catch (SdkException e) {
            return steps.fail(CREDENTIALS, AwsErrors.translate(AwsAccounts.unwrap(e), "sts:GetCallerIdentity",
                    "the access key").getMessage());
        }
    }

    private boolean role() {
        if (accounts.settings().roleArn() == null) {
            return true;
        }
        try {
            accounts.assumeHubRole();
            return steps.pass(ASSUME_ROLE, "assumed " + accounts.settings().roleArn()
                    + (accounts.settings().externalId() == null ? "" : " with the external ID"));
        } catch (CollectionException e) {
            return steps.fail(ASSUME_ROLE, e.getMessage());
        }
    }

    private List<AwsAccounts.Member> members() {
        try {
            List<AwsAccounts.Member> members = accounts.members();
            if (accounts.settings().organizationMode()) {
                steps.pass(LIST_ACCOUNTS, members.size() + " active account" + (members.size() == 1 ? "" : "s"));
            }
            return members;
        } catch (CollectionException e) {
            String step = accounts.settings().organizationMode() ? LIST_ACCOUNTS : CREDENTIALS;
            String hint = accounts.settings().organizationMode() ? ". Organization mode needs the key or role in the "
                    + "management account (or a delegated administrator) with organizations:ListAccounts" : "";
            steps.fail(step, e.getMessage() + hint);
            return null;
        }
    }

    /** Opens every account; returns the first that opened, to probe the services in. */
    private AwsAccounts.Account memberRoles(List<AwsAccounts.Member> members) {
        AwsAccounts.Account first = null;
        List<String> failures = new ArrayList<>();
        for (AwsAccounts.Member member : members) {
            try {
                AwsAccounts.Account account = accounts.open(member);
                first = first == null ? account : first;
            } catch (CollectionException e) {
                failures.add(e.getMessage());
            }
        }
        if (accounts.settings().organizationMode()) {
            if (failures.isEmpty()) {
                steps.pass(MEMBER_ROLES, "assumed " + accounts.settings().memberRoleName() + " in every account");
            } else {
                steps.fail(MEMBER_ROLES, failures.size() + " of " + members.size() + " accounts cannot be read: "
                        + String.join("; ", failures));
            }
        } else if (!failures.isEmpty()) {
            steps.fail(CREDENTIALS, failures.get(0));
        }
        return first;
    }

    private void readIam(AwsAccounts.Account account) {
        IamClient iam = accounts.clients().iam(account.credentials(), accounts.settings().homeRegion());
        try {
            AwsAccounts.call(() -> iam.listUsers(r -> r.maxItems(1)), "iam:ListUsers", account.describe());
            AwsAccounts.call(() -> iam.getAccountAuthorizationDetails(r -> r.filter(EntityType.USER).maxItems(1)),
                    IamPermissions.ACTION, account.describe());
            steps.pass(READ_IAM, "IAM users of " + account.describe() + " and their permissions are readable");
        } catch (CollectionException e) {
            steps.fail(READ_IAM, e.getMessage());
        }
    }

    private void readIdentityCenter() {
        try {
            IdentityCenterCollector.Instance found = new IdentityCenterCollector(accounts, accounts.json())
                    .instance(java.time.Instant.now());
            steps.pass(READ_IDENTITY_CENTER, found == null
                    ? "no Identity Center instance in the configured regions: AWS access is read from IAM users only"
                    : "Identity Center instance " + found.instance().path("InstanceArn").asString() + " in "
                    + found.scope().region().id());
        } catch (CollectionException e) {
            steps.fail(READ_IDENTITY_CENTER, e.getMessage() + ". Identity Center is read from the account of the key "
                    + "or role (the management account, or a delegated administrator)");
        }
    }

    private void readCredentialReport(AwsAccounts.Account account) {
        IamClient iam = accounts.clients().iam(account.credentials(), accounts.settings().homeRegion());
        try {
            AwsAccounts.call(iam::generateCredentialReport, "iam:GenerateCredentialReport", account.describe());
            AwsAccounts.call(() -> {
                try {
                    return iam.getAccountPasswordPolicy();
                } catch (NoSuchEntityException e) {
                    return null;
                }
            }, "iam:GetAccountPasswordPolicy", account.describe());
            steps.pass(READ_CREDENTIAL_REPORT, "the credential report can be generated and the password policy read");
        } catch (CollectionException e) {
            steps.fail(READ_CREDENTIAL_REPORT, e.getMessage());
        }
    }
}
