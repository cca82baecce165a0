package dev.evident.connectors.aws;

import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.Json;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UserDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What each IAM user of one account may do, read with one paged GetAccountAuthorizationDetails call
 * (users, groups, and the account's own managed policies with their documents): the user's groups,
 * every policy that applies to the user (attached or inline, on the user or through a group),
 * whether any of them grants full administrator access, and the user's tags.
 *
 * <p>A policy grants administrator access when it is the AWS managed {@code AdministratorAccess}, or
 * when its document (the default version, for a customer managed policy) has an {@code Allow}
 * statement for every action ({@code *}) on every resource ({@code *}). A document that cannot be
 * read leaves that policy's answer unknown rather than "not admin".
 *
 * <p>Roles created before this call was in the read-only policy are refused it. The users are then
 * still collected, with their permissions unknown and the reason in {@link #unavailable()}.
 */
final class IamPermissions {

    static final String ACTION = "iam:GetAccountAuthorizationDetails";

    /** Tag keys (any case) whose value, when it is an address, is the user's email. */
    private static final Set<String> EMAIL_TAGS = Set.of("email", "e-mail", "mail");

    /** One policy that applies to a user; {@code group} is null when it is on the user itself. */
    record Policy(String name, String arn, boolean inline, String group, Boolean admin) {

        String describe() {
            return name + (group == null ? "" : " via group " + group);
        }
    }

    /** A user's groups, the policies that apply to them, and their tags. */
    record UserPermissions(List<String> groups, List<Policy> policies, Map<String, String> tags) {

        /** True when any policy grants full access; null when none does but one could not be read. */
        Boolean admin() {
            boolean unknown = false;
            for (Policy policy : policies) {
                if (Boolean.TRUE.equals(policy.admin())) {
                    return true;
                }
                unknown |= policy.admin() == null;
            }
            return unknown ? null : false;
        }

        List<String> adminPolicies() {
            return policies.stream().filter(p -> Boolean.TRUE.equals(p.admin())).map(Policy::describe).toList();
        }

        List<String> directPolicies() {
            return policies.stream().filter(p -> p.group() == null).map(Policy::name).toList();
        }

        /** The address in an email tag, lower-cased, or null. */
        String taggedEmail() {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                String value = tag.getValue() == null ? "" : tag.getValue().trim();
                if (EMAIL_TAGS.contains(tag.getKey().toLowerCase(Locale.ROOT)) && value.matches("[^@\\s]+@[^@\\s]+")) {
                    return value.toLowerCase(Locale.ROOT);
                }
            }
            return null;
        }
    }

    private final Map<String, UserPermissions> byUser;
    private final String unavailable;

    private IamPermissions(Map<String, UserPermissions> byUser, String unavailable) {
        this.byUser = byUser;
        this.unavailable = unavailable;
    }

    /** Reads the account's authorization details; AccessDenied leaves every user's permissions unknown. */
    static IamPermissions read(AwsCollector.Scope scope, IamClient iam) throws CollectionException {
        List<GetAccountAuthorizationDetailsResponse> pages = details(scope, iam, EntityType.USER, EntityType.GROUP,
                EntityType.LOCAL_MANAGED_POLICY);
        if (pages == null) {
            return new IamPermissions(Map.of(), "AWS denied " + ACTION + " for " + scope.where()
                    + "; allow it in the read-only policy to see groups, policies and administrators");
        }
        return of(pages);
    }

    static IamPermissions of(List<GetAccountAuthorizationDetailsResponse> pages) {
        Map<String, GroupDetail> groups = new HashMap<>();
        Map<String, ManagedPolicyDetail> managed = new HashMap<>();
        List<UserDetail> users = new ArrayList<>();
        for (GetAccountAuthorizationDetailsResponse page : pages) {
            page.groupDetailList().forEach(g -> groups.put(g.groupName(), g));
            page.policies().forEach(p -> managed.put(p.arn(), p));
            users.addAll(page.userDetailList());
        }
        Map<String, UserPermissions> byUser = new HashMap<>();
        for (UserDetail user : users) {
            List<Policy> policies = new ArrayList<>();
            add(policies, user.attachedManagedPolicies(), user.userPolicyList(), null, managed);
            for (String name : user.groupList()) {
                GroupDetail group = groups.get(name);
                if (group != null) {
                    add(policies, group.attachedManagedPolicies(), group.groupPolicyList(), name, managed);
                }
            }
            Map<String, String> tags = new LinkedHashMap<>();
            for (Tag tag : user.tags()) {
                tags.put(tag.key(), tag.value());
            }
            byUser.put(user.userName(), new UserPermissions(List.copyOf(user.groupList()), policies, tags));
        }
        return new IamPermissions(byUser, null);
    }

    /** The user's permissions, or null when they are unknown (refused, or the user appeared after the call). */
    UserPermissions of(String userName) {
        return byUser.get(userName);
    }

    /** Why no user's permissions are known, or null when they were read. */
    String unavailable() {
        return unavailable;
    }

    private static void add(List<Policy> into, List<AttachedPolicy> attached, List<PolicyDetail> inline, String group,
                            Map<String, ManagedPolicyDetail> managed) {
        for (AttachedPolicy policy : attached) {
            into.add(new Policy(policy.policyName(), policy.policyArn(), false, group,
                    managedAdmin(policy.policyArn(), managed)));
        }
        for (PolicyDetail policy : inline) {
            into.add(new Policy(policy.policyName(), null, true, group, grantsEverything(policy.policyDocument())));
        }
    }

    /**
     * The account's own (customer managed) policies by path and name ({@code /team/Name}), each with
     * whether its default version allows everything (null: unreadable), read with one paged
     * GetAccountAuthorizationDetails; null when AWS denies the call.
     */
    static Map<String, Boolean> localPolicies(AwsCollector.Scope scope, IamClient iam) throws CollectionException {
        List<GetAccountAuthorizationDetailsResponse> pages = details(scope, iam, EntityType.LOCAL_MANAGED_POLICY);
        if (pages == null) {
            return null;
        }
        Map<String, Boolean> byName = new HashMap<>();
        for (GetAccountAuthorizationDetailsResponse page : pages) {
            for (ManagedPolicyDetail policy : page.policies()) {
                String path = policy.path() == null || policy.path().isEmpty() ? "/" : policy.path();
                byName.put(path + policy.policyName(), defaultVersionGrantsEverything(policy));
            }
        }
        return byName;
    }

    /** Every page of the account's authorization details of these kinds; null when AWS denies the call. */
    private static List<GetAccountAuthorizationDetailsResponse> details(AwsCollector.Scope scope, IamClient iam,
                                                                        EntityType... kinds) throws CollectionException {
        return scope.callOrNone(ACTION, AwsErrors.ACCESS_DENIED,
                () -> iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(kinds)).stream().toList());
    }

    /** Whether an ARN is the AWS managed AdministratorAccess policy, in any partition. */
    static boolean isAdministratorAccess(String arn) {
        return arn != null && arn.matches("arn:[\\w-]+:iam::aws:policy/AdministratorAccess");
    }

    private static Boolean managedAdmin(String arn, Map<String, ManagedPolicyDetail> managed) {
        if (isAdministratorAccess(arn)) {
            return true;
        }
        ManagedPolicyDetail detail = managed.get(arn);
        if (detail == null) {
            // an AWS managed policy other than AdministratorAccess: none of them allows everything
            return arn != null && arn.matches("arn:[\\w-]+:iam::aws:policy/.*") ? false : null;
        }
        return defaultVersionGrantsEverything(detail);
    }

    /** Whether a managed policy's default version allows everything; null when it cannot be read. */
    private static Boolean defaultVersionGrantsEverything(ManagedPolicyDetail policy) {
        for (PolicyVersion version : policy.policyVersionList()) {
            if (Boolean.TRUE.equals(version.isDefaultVersion())) {
                return grantsEverything(version.document());
            }
        }
        return null;
    }

    /**
     * Whether a policy document allows every action on every resource. IAM hands documents out
     * URL-encoded (RFC 3986); null when the document cannot be read.
     */
    static Boolean grantsEverything(String encoded) {
        if (encoded == null) {
            return null;
        }
        JsonNode document;
        try {
            String text = encoded.trim().startsWith("{") ? encoded : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            document = Json.MAPPER.readTree(text);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
        JsonNode statements = document.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if ("Allow".equals(statement.path("Effect").asString(""))
                    && any(statement.path("Action"), "*", "*:*") && any(statement.path("Resource"), "*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(JsonNode values, String... wanted) {
        for (JsonNode value : values.isArray() ? values : List.of(values)) {
            for (String w : wanted) {
                if (value.isString() && w.equals(value.asString())) {
                    return true;
                }
            }
        }
        return false;
    }
}
