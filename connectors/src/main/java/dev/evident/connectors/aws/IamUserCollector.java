package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.Json;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code aws.iam_user}: every IAM user of every account, with console access (a login profile),
 * MFA devices, access keys with their age and last use, and what the user may do (groups, policies,
 * administrator access, tags; see {@link IamPermissions}). Per account: ListUsers and
 * GetAccountAuthorizationDetails; per user: ListMFADevices, ListAccessKeys, GetLoginProfile, and
 * GetAccessKeyLastUsed for each key.
 */
final class IamUserCollector extends AwsCollector {

    static final String TYPE = "aws.iam_user";

    IamUserCollector(AwsAccounts accounts) {
        super(accounts, TYPE, false);
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        IamClient iam = accounts.clients().iam(scope.account().credentials(), accounts.settings().homeRegion());
        List<User> users = scope.call("iam:ListUsers", () -> iam.listUsersPaginator().users().stream().toList());
        IamPermissions permissions = users.isEmpty() ? null : IamPermissions.read(scope, iam);
        return scope.each(users, user -> user(scope, iam, user, permissions));
    }

    private CollectedResource user(Scope scope, IamClient iam, User user, IamPermissions permissions)
            throws CollectionException {
        String name = user.userName();
        List<MFADevice> devices = scope.call("iam:ListMFADevices",
                () -> iam.listMFADevicesPaginator(r -> r.userName(name)).mfaDevices().stream().toList());
        List<AccessKeyMetadata> keys = scope.call("iam:ListAccessKeys",
                () -> iam.listAccessKeysPaginator(r -> r.userName(name)).accessKeyMetadata().stream().toList());
        LoginProfile login = scope.call("iam:GetLoginProfile", () -> {
            try {
                return iam.getLoginProfile(r -> r.userName(name)).loginProfile();
            } catch (NoSuchEntityException e) {
                return null; // no password: the user cannot sign in to the console
            }
        });

        ObjectNode attributes = scope.attributes();
        attributes.put("userName", name);
        attributes.put("userId", user.userId());
        attributes.put("arn", user.arn());
        attributes.put("path", user.path());
        IamPermissions.UserPermissions granted = permissions.of(name);
        String taggedEmail = granted == null ? null : granted.taggedEmail();
        attributes.put("email", name.contains("@") ? name.toLowerCase(Locale.ROOT) : taggedEmail);
        attributes.put("createdAt", text(user.createDate()));
        attributes.put("consoleAccess", login != null);
        attributes.put("passwordCreatedAt", login == null ? null : text(login.createDate()));
        attributes.put("passwordResetRequired", login == null ? null : login.passwordResetRequired());
        attributes.put("passwordLastUsedAt", text(user.passwordLastUsed()));

        ArrayNode mfa = attributes.putArray("mfaDevices");
        for (MFADevice device : devices) {
            mfa.addObject().put("serialNumber", device.serialNumber()).put("enabledAt", text(device.enableDate()))
                    .put("virtual", device.serialNumber() != null && device.serialNumber().contains(":mfa/"));
        }
        attributes.put("mfaEnabled", !devices.isEmpty());

        Instant lastActivity = user.passwordLastUsed();
        int active = 0;
        Long oldestActiveDays = null;
        ArrayNode keyList = attributes.putArray("accessKeys");
        for (AccessKeyMetadata key : keys) {
            AccessKeyLastUsed used = scope.call("iam:GetAccessKeyLastUsed",
                    () -> iam.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed());
            Instant lastUsed = used == null ? null : used.lastUsedDate();
            boolean isActive = key.status() == StatusType.ACTIVE;
            Long ageDays = days(key.createDate(), scope.now());
            keyList.addObject().put("accessKeyId", key.accessKeyId())
                    .put("status", key.statusAsString())
                    .put("active", isActive)
                    .put("createdAt", text(key.createDate()))
                    .put("ageDays", ageDays)
                    .put("lastUsedAt", text(lastUsed))
                    .put("daysSinceLastUse", days(lastUsed, scope.now()))
                    .put("lastUsedService", notApplicable(used == null ? null : used.serviceName()))
                    .put("lastUsedRegion", notApplicable(used == null ? null : used.region()));
            if (isActive) {
                active++;
                if (ageDays != null && (oldestActiveDays == null || ageDays > oldestActiveDays)) {
                    oldestActiveDays = ageDays;
                }
                if (lastUsed != null && (lastActivity == null || lastUsed.isAfter(lastActivity))) {
                    lastActivity = lastUsed;
                }
            }
        }
        attributes.put("activeAccessKeys", active);
        attributes.put("oldestActiveAccessKeyAgeDays", oldestActiveDays);
        attributes.put("active", login != null || active > 0);
        attributes.put("lastActivityAt", text(lastActivity));
        attributes.put("daysSinceLastActivity", days(lastActivity, scope.now()));
        putPermissions(attributes, granted, permissions.unavailable());
        return scope.resource(TYPE, user.arn(), name + " (" + scope.account().id() + ")", attributes);
    }

    /**
     * {@code groups}, {@code policies} (name, arn, inline, group, admin), {@code directPolicies},
     * {@code admin}, {@code adminPolicies} and {@code tags}: all null when the permissions are
     * unknown, with the reason in {@code permissionsNotCollected}.
     */
    private static void putPermissions(ObjectNode attributes, IamPermissions.UserPermissions granted,
                                       String unavailable) {
        if (granted == null) {
            for (String field : List.of("groups", "policies", "directPolicies", "admin", "adminPolicies", "tags")) {
                attributes.putNull(field);
            }
            attributes.put("permissionsNotCollected", unavailable != null ? unavailable
                    : "the user was created after the account's authorization details were read");
            return;
        }
        attributes.set("groups", Json.strings(granted.groups()));
        ArrayNode policies = attributes.putArray("policies");
        for (IamPermissions.Policy policy : granted.policies()) {
            policies.addObject().put("name", policy.name()).put("arn", policy.arn()).put("inline", policy.inline())
                    .put("group", policy.group()).put("admin", policy.admin());
        }
        attributes.set("directPolicies", Json.strings(granted.directPolicies()));
        attributes.put("admin", granted.admin());
        attributes.set("adminPolicies", Json.strings(granted.adminPolicies()));
        ObjectNode tags = attributes.putObject("tags");
        granted.tags().forEach(tags::put);
        attributes.putNull("permissionsNotCollected");
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Whole days from then to now, or null when then is unknown. */
    static Long days(Instant then, Instant now) {
        return then == null ? null : Duration.between(then, now).toDays();
    }

    /** IAM says "N/A" for the service and region of a key never used. */
    private static String notApplicable(String value) {
        return value == null || "N/A".equals(value) ? null : value;
    }
}
