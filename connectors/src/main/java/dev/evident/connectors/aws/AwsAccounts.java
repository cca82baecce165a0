package dev.evident.connectors.aws;

import dev.evident.connector.CollectionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts one connection reads and the credentials for each: the access key itself, the role
 * assumed from it, and in organization mode the member role assumed in every active member
 * account. Results, failures included, are kept for the life of the connector (one sync), so every
 * collector sees the same accounts and a role that cannot be assumed is tried once.
 */
final class AwsAccounts {

    static final String SESSION_NAME = "evident";

    /** An account to read and the credentials to read it with. */
    record Account(String id, String name, AwsCredentialsProvider credentials) {
        String describe() {
            return "account " + id + (name == null || name.isBlank() ? "" : " (" + name + ")");
        }
    }

    /** An account as listed, before its credentials are sought. */
    record Member(String id, String name) {
    }

    private final AwsSettings settings;
    private final AwsClients clients;
    private final SignedJsonClient json;
    private final AwsCredentialsProvider base;
    private AwsCredentialsProvider hub;
    private String hubAccountId;
    private List<Member> members;
    private final Map<String, Object> opened = new HashMap<>();

    AwsAccounts(AwsSettings settings, AwsClients clients, SignedJsonClient json) {
        this.settings = settings;
        this.clients = clients;
        this.json = json;
        this.base = StaticCredentialsProvider.create(settings.sessionToken() == null
                ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken()));
    }

    AwsSettings settings() {
        return settings;
    }

    AwsClients clients() {
        return clients;
    }

    SignedJsonClient json() {
        return json;
    }

    /** Who the access key belongs to (sts:GetCallerIdentity), without assuming anything. */
    GetCallerIdentityResponse baseIdentity() {
        return clients.sts(base, settings.homeRegion()).getCallerIdentity();
    }

    /** The credentials everything else starts from: the assumed role, or the key itself. */
    synchronized AwsCredentialsProvider hub() {
        if (hub == null) {
            hub = settings.roleArn() == null ? base : assume(base, settings.roleArn());
        }
        return hub;
    }

    /** The account the hub credentials are in (sts:GetCallerIdentity with them); assumes the role if configured. */
    synchronized String hubAccountId() {
        if (hubAccountId == null) {
            AwsCredentialsProvider credentials = hub();
            credentials.resolveCredentials();
            hubAccountId = clients.sts(credentials, settings.homeRegion()).getCallerIdentity().account();
        }
        return hubAccountId;
    }

    /** The accounts to read: the organization's active members, or just the hub's own account. */
    synchronized List<Member> members() throws CollectionException {
        if (members == null) {
            if (settings.roleArn() != null) {
                assumeHubRole();
            }
            String where = "the " + (settings.roleArn() == null ? "access key" : "role " + settings.roleArn());
            String hubId = call(this::hubAccountId, "sts:GetCallerIdentity", where);
            members = settings.organizationMode() ? call(this::listOrganization, "organizations:ListAccounts",
                    "the organization of account " + hubId) : List.of(new Member(hubId, null));
        }
        return members;
    }

    /** Assumes the configured role, failing with what to change in its trust policy when AWS refuses. */
    void assumeHubRole() throws CollectionException {
        try {
            hub().resolveCredentials();
        } catch (SdkException e) {
            if (AwsErrors.ACCESS_DENIED.contains(String.valueOf(code(e)))) {
                throw CollectionException.permanent("cannot assume " + settings.roleArn() + " ("
                        + AwsErrors.detail(unwrap(e)) + "). The role's trust policy must name the access key's user "
                        + "or account as principal" + (settings.externalId() == null
                        ? "; if it requires an external ID (sts:ExternalId), set the same value here"
                        : " and require exactly this external ID (sts:ExternalId)")
                        + ", and the user's own policy must allow sts:AssumeRole on the role", e);
            }
            throw AwsErrors.translate(unwrap(e), "sts:AssumeRole", "role " + settings.roleArn());
        }
    }

    /** The credentials for a member: the hub's own in its account, otherwise the member role assumed. */
    synchronized Account open(Member member) throws CollectionException {
        Object known = opened.get(member.id());
        if (known == null) {
            try {
                if (member.id().equals(hubAccountId())) {
                    known = new Account(member.id(), member.name(), hub());
                } else {
                    String arn = "arn:" + AwsSettings.partition(settings.homeRegion()) + ":iam::" + member.id()
                            + ":role/" + settings.memberRoleName();
                    AwsCredentialsProvider credentials = assume(hub(), arn);
                    credentials.resolveCredentials();
                    known = new Account(member.id(), member.name(), credentials);
                }
            } catch (SdkException e) {
                known = cannotAssume(member, e);
            }
            opened.put(member.id(), known);
        }
        if (known instanceof CollectionException failure) {
            throw new CollectionException(failure.getMessage(), failure.getCause(), failure.retryable(), null);
        }
        return (Account) known;
    }

    private CollectionException cannotAssume(Member member, SdkException e) {
        String role = "arn:" + AwsSettings.partition(settings.homeRegion()) + ":iam::" + member.id() + ":role/"
                + settings.memberRoleName();
        if (AwsErrors.ACCESS_DENIED.contains(String.valueOf(code(e)))) {
            return CollectionException.permanent("cannot assume " + role + " in member account " + member.id()
                    + (member.name() == null ? "" : " (" + member.name() + ")") + " (" + AwsErrors.detail(unwrap(e))
                    + "). Create the role " + settings.memberRoleName() + " in that account (the CloudFormation "
                    + "StackSet in the connector docs does it for every member), trusting account " + hubAccountId
                    + ", or remove the account from the organization", e);
        }
        return AwsErrors.translate(unwrap(e), "sts:AssumeRole", "member account " + member.id());
    }

    AwsCredentialsProvider assume(AwsCredentialsProvider from, String roleArn) {
        StsClient sts = clients.sts(from, settings.homeRegion());
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(SESSION_NAME);
        if (settings.externalId() != null) {
            request.externalId(settings.externalId());
        }
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(request.build()).build();
    }

    private List<Member> listOrganization() {
        List<Member> result = new ArrayList<>();
        String next = null;
        do {
            String body = next == null ? "{}" : Json.object("NextToken", next);
            JsonNode page = json.call(organizationsEndpoint(), "organizations", organizationsRegion(),
                    "AWSOrganizationsV20161128.ListAccounts", body, hub());
            for (JsonNode account : page.path("Accounts")) {
                if ("ACTIVE".equals(account.path("Status").asString(null))) {
                    result.add(new Member(account.path("Id").asString(), account.path("Name").asString(null)));
                }
            }
            next = page.path("NextToken").asString(null);
        } while (next != null && !next.isEmpty());
        return List.copyOf(result);
    }

    private URI organizationsEndpoint() {
        if (settings.endpoint() != null) {
            return settings.endpoint();
        }
        String region = organizationsRegion();
        return URI.create("https://organizations." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : ""));
    }

    private String organizationsRegion() {
        return switch (AwsSettings.partition(settings.homeRegion())) {
            case "aws-cn" -> "cn-northwest-1";
            case "aws-us-gov" -> "us-gov-west-1";
            default -> "us-east-1";
        };
    }

    /** Runs an SDK call, translating its failure. */
    static <T> T call(SdkCall<T> call, String action, String where) throws CollectionException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw AwsErrors.translate(unwrap(e), action, where);
        }
    }

    @FunctionalInterface
    interface SdkCall<T> {
        T run();
    }

    /** The service exception behind a credentials-provider wrapper, if any. */
    static SdkException unwrap(SdkException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof AwsServiceException service) {
                return service;
            }
            cause = cause.getCause();
        }
        return e;
    }

    static String code(SdkException e) {
        return AwsErrors.code(unwrap(e));
    }

    /** Tiny JSON bodies for the JSON-protocol calls. */
    static final class Json {
        private Json() {
        }

        static String object(String field, String value) {
            var node = dev.evident.connectors.http.Json.object();
            node.put(field, value);
            return dev.evident.connectors.http.Json.write(node);
        }
    }
}
