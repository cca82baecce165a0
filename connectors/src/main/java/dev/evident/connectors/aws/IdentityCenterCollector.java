package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connectors.http.Json;
import software.amazon.awssdk.regions.Region;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code aws.sso_user}: the users of IAM Identity Center, with the AWS accounts each can reach and
 * through which permission sets (assigned to the user or to one of their groups), and whether any
 * of those grants full administrator access. Most organizations give people AWS access this way
 * rather than through IAM users.
 *
 * <p>Identity Center is read from the connection's own account (the management account, or a
 * delegated administrator), in the first configured region that has an instance; with none, the type
 * is collected empty. The Identity Center (sso-admin) and identity store APIs have no SDK module in
 * this build, so their JSON 1.1 protocols go through {@link SignedJsonClient}. Per instance:
 * ListUsers, ListGroups and ListGroupMemberships per group; per account, ListPermissionSetsProvisionedToAccount
 * and ListAccountAssignments per permission set provisioned to it; once per permission set met,
 * DescribePermissionSet, ListManagedPoliciesInPermissionSet, GetInlinePolicyForPermissionSet and
 * ListCustomerManagedPolicyReferencesInPermissionSet.
 *
 * <p>A permission set may attach customer managed policies by name: each account it is provisioned
 * to holds its own policy of that name, so whether it grants administrator access is decided per
 * account. Those policies are read, only where such a set is assigned and only when the set's AWS
 * managed and inline policies do not already settle it, with one GetAccountAuthorizationDetails
 * (customer managed policies only) per account, through the member role. An account whose role
 * cannot be assumed, or that denies the call, leaves those assignments' {@code admin} unknown; a
 * policy the account does not have grants nothing there.
 */
final class IdentityCenterCollector implements Collector {

    static final String TYPE = "aws.sso_user";
    private static final String SSO = "SWBExternalService.";
    private static final String STORE = "AWSIdentityStore.";

    private final AwsAccounts accounts;
    private final SignedJsonClient json;

    IdentityCenterCollector(AwsAccounts accounts, SignedJsonClient json) {
        this.accounts = accounts;
        this.json = json;
    }

    @Override
    public String resourceType() {
        return TYPE;
    }

    /**
     * A permission set: its name, whether its AWS managed and inline policies grant every action on
     * every resource (null: unknown), and the customer managed policies it attaches, as path and name.
     */
    private record PermissionSet(String arn, String name, Boolean admin, List<String> customerPolicies) {
    }

    /** One way a user reaches an account, and whether it makes them an administrator there (null: unknown). */
    private record Assignment(String accountId, String accountName, PermissionSet set, String group, Boolean admin) {
    }

    /** An Identity Center instance and the account and region it was found in. */
    record Instance(AwsCollector.Scope scope, JsonNode instance) {
    }

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException {
        Instant now = ctx.clock().instant();
        List<AwsAccounts.Member> members = accounts.members();
        Instance found = instance(now);
        return found == null ? java.util.Collections.emptyIterator()
                : read(found.scope(), found.instance(), members).iterator();
    }

    /**
     * The instance the connection's own account sees, in the first configured region (the home
     * region first) that has one; null when none has.
     */
    Instance instance(Instant now) throws CollectionException {
        List<AwsAccounts.Member> members = accounts.members();
        String hubId = accounts.hubAccountId();
        AwsAccounts.Member hub = members.stream().filter(m -> m.id().equals(hubId)).findFirst()
                .orElse(new AwsAccounts.Member(hubId, null));
        AwsAccounts.Account account = accounts.open(hub);
        for (Region region : regions()) {
            AwsCollector.Scope scope = new AwsCollector.Scope(account, region, now);
            JsonNode instance = first(scope, "sso:ListInstances", SSO + "ListInstances", Json.object(), "Instances");
            if (instance != null) {
                return new Instance(scope, instance);
            }
        }
        return null;
    }

    /** The home region first, then the others configured. */
    private List<Region> regions() {
        Set<Region> regions = new LinkedHashSet<>();
        regions.add(accounts.settings().homeRegion());
        regions.addAll(accounts.settings().regions());
        return List.copyOf(regions);
    }

    private List<CollectedResource> read(AwsCollector.Scope scope, JsonNode instance, List<AwsAccounts.Member> members)
            throws CollectionException {
        String instanceArn = instance.path("InstanceArn").asString();
        String storeId = instance.path("IdentityStoreId").asString();
        ObjectNode inInstance = Json.object().put("InstanceArn", instanceArn);
        ObjectNode inStore = Json.object().put("IdentityStoreId", storeId);

        Map<String, JsonNode> users = new LinkedHashMap<>();
        pages(scope, "identitystore:ListUsers", STORE + "ListUsers", inStore, "Users",
                u -> users.put(u.path("UserId").asString(), u));
        Map<String, String> groupNames = new HashMap<>();
        pages(scope, "identitystore:ListGroups", STORE + "ListGroups", inStore, "Groups",
                g -> groupNames.put(g.path("GroupId").asString(), g.path("DisplayName").asString(null)));
        Map<String, List<String>> groupsOfUser = new HashMap<>();
        Map<String, List<String>> membersOfGroup = new HashMap<>();
        for (String groupId : groupNames.keySet()) {
            pages(scope, "identitystore:ListGroupMemberships", STORE + "ListGroupMemberships",
                    inStore.deepCopy().put("GroupId", groupId), "GroupMemberships", m -> {
                        String userId = m.path("MemberId").path("UserId").asString(null);
                        if (userId != null) {
                            groupsOfUser.computeIfAbsent(userId, k -> new ArrayList<>()).add(groupNames.get(groupId));
                            membersOfGroup.computeIfAbsent(groupId, k -> new ArrayList<>()).add(userId);
                        }
                    });
        }

        Map<String, PermissionSet> sets = new HashMap<>();
        Map<String, List<Assignment>> byUser = new HashMap<>();
        Map<String, Map<String, Boolean>> customerPolicies = new HashMap<>();
        for (AwsAccounts.Member member : members) {
            ObjectNode inAccount = inInstance.deepCopy().put("AccountId", member.id());
            List<String> provisioned = new ArrayList<>();
            pages(scope, "sso:ListPermissionSetsProvisionedToAccount", SSO + "ListPermissionSetsProvisionedToAccount",
                    inAccount, "PermissionSets", arn -> provisioned.add(arn.asString()));
            for (String setArn : provisioned) {
                PermissionSet set = sets.get(setArn);
                if (set == null) {
                    set = permissionSet(scope, inInstance, setArn);
                    sets.put(setArn, set);
                }
                PermissionSet assigned = set;
                List<JsonNode> principals = new ArrayList<>();
                pages(scope, "sso:ListAccountAssignments", SSO + "ListAccountAssignments",
                        inAccount.deepCopy().put("PermissionSetArn", setArn), "AccountAssignments", principals::add);
                Boolean admin = principals.isEmpty() ? assigned.admin()
                        : adminIn(scope, member, assigned, customerPolicies);
                for (JsonNode a : principals) {
                    String principal = a.path("PrincipalId").asString("");
                    if ("GROUP".equals(a.path("PrincipalType").asString(""))) {
                        for (String userId : membersOfGroup.getOrDefault(principal, List.of())) {
                            byUser.computeIfAbsent(userId, k -> new ArrayList<>()).add(new Assignment(
                                    member.id(), member.name(), assigned, groupNames.get(principal), admin));
                        }
                    } else {
                        byUser.computeIfAbsent(principal, k -> new ArrayList<>())
                                .add(new Assignment(member.id(), member.name(), assigned, null, admin));
                    }
                }
            }
        }

        List<CollectedResource> result = new ArrayList<>();
        for (JsonNode user : users.values()) {
            String userId = user.path("UserId").asString();
            List<Assignment> reach = byUser.getOrDefault(userId, List.of());
            reach = reach.stream().sorted(Comparator.comparing(Assignment::accountId)
                    .thenComparing(a -> a.set().name() == null ? "" : a.set().name())
                    .thenComparing(a -> a.group() == null ? "" : a.group())).toList();
            ObjectNode attributes = scope.attributes();
            attributes.put("instanceArn", instanceArn);
            attributes.put("identityStoreId", storeId);
            attributes.put("userId", userId);
            String userName = user.path("UserName").asString(null);
            attributes.put("userName", userName);
            attributes.put("displayName", user.path("DisplayName").asString(null));
            List<String> emails = emails(user, userName);
            attributes.put("email", emails.isEmpty() ? null : emails.get(0));
            attributes.set("aliases", Json.strings(emails.size() > 1 ? emails.subList(1, emails.size()) : List.of()));
            attributes.set("groups", Json.strings(new TreeSet<>(groupsOfUser.getOrDefault(userId, List.of()))));
            putAssignments(attributes, reach);
            result.add(scope.resource(TYPE, instanceArn + "/" + userId, (userName == null ? userId : userName)
                    + " (Identity Center)", attributes));
        }
        return result;
    }

    /**
     * {@code assignments}, {@code accounts}, {@code active} (reaches at least one account),
     * {@code admin} and {@code adminAssignments}.
     */
    private static void putAssignments(ObjectNode attributes, List<Assignment> reach) {
        ArrayNode list = attributes.putArray("assignments");
        Set<String> accountIds = new TreeSet<>();
        List<String> adminVia = new ArrayList<>();
        boolean unknown = false;
        for (Assignment a : reach) {
            list.addObject().put("accountId", a.accountId()).put("accountName", a.accountName())
                    .put("permissionSet", a.set().name()).put("permissionSetArn", a.set().arn())
                    .put("group", a.group()).put("admin", a.admin());
            accountIds.add(a.accountId());
            if (Boolean.TRUE.equals(a.admin())) {
                adminVia.add(a.set().name() + " in " + a.accountId() + (a.accountName() == null ? ""
                        : " (" + a.accountName() + ")") + (a.group() == null ? "" : " via group " + a.group()));
            }
            unknown |= a.admin() == null;
        }
        attributes.set("accounts", Json.strings(accountIds));
        attributes.put("active", !reach.isEmpty());
        attributes.put("admin", !adminVia.isEmpty() ? Boolean.TRUE : unknown ? null : Boolean.FALSE);
        attributes.set("adminAssignments", Json.strings(adminVia));
    }

    /** The primary address first, then the others, lower-cased; the user name when it is the only address. */
    private static List<String> emails(JsonNode user, String userName) {
        List<String> result = new ArrayList<>();
        for (JsonNode email : user.path("Emails")) {
            String value = email.path("Value").asString("").trim().toLowerCase(Locale.ROOT);
            if (!value.contains("@") || result.contains(value)) {
                continue;
            }
            if (email.path("Primary").asBoolean(false)) {
                result.add(0, value);
            } else {
                result.add(value);
            }
        }
        if (result.isEmpty() && userName != null && userName.contains("@")) {
            result.add(userName.toLowerCase(Locale.ROOT));
        }
        return result;
    }

    private PermissionSet permissionSet(AwsCollector.Scope scope, ObjectNode inInstance, String arn)
            throws CollectionException {
        ObjectNode request = inInstance.deepCopy().put("PermissionSetArn", arn);
        JsonNode described = call(scope, "sso:DescribePermissionSet", SSO + "DescribePermissionSet", request);
        String name = described.path("PermissionSet").path("Name").asString(arn.substring(arn.lastIndexOf('/') + 1));
        boolean[] admin = {false};
        pages(scope, "sso:ListManagedPoliciesInPermissionSet", SSO + "ListManagedPoliciesInPermissionSet",
                request, "AttachedManagedPolicies", p -> admin[0] |=
                        IamPermissions.isAdministratorAccess(p.path("Arn").asString(null)));
        if (!admin[0]) {
            String inline = call(scope, "sso:GetInlinePolicyForPermissionSet", SSO + "GetInlinePolicyForPermissionSet",
                    request).path("InlinePolicy").asString("");
            Boolean grants = inline.isBlank() ? Boolean.FALSE : IamPermissions.grantsEverything(inline);
            if (grants == null || grants) {
                return new PermissionSet(arn, name, grants, List.of());
            }
            List<String> customer = new ArrayList<>();
            pages(scope, "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
                    SSO + "ListCustomerManagedPolicyReferencesInPermissionSet", request,
                    "CustomerManagedPolicyReferences", p -> customer.add(policyPath(p.path("Path").asString(null))
                            + p.path("Name").asString("")));
            return new PermissionSet(arn, name, Boolean.FALSE, List.copyOf(customer));
        }
        return new PermissionSet(arn, name, true, List.of());
    }

    /** IAM's path of a policy: "/" unless given, always starting and ending with "/". */
    private static String policyPath(String path) {
        if (path == null || path.isBlank()) {
            return "/";
        }
        String p = path.startsWith("/") ? path : "/" + path;
        return p.endsWith("/") ? p : p + "/";
    }

    /**
     * Whether a permission set makes its users administrators in one account: its AWS managed and
     * inline policies, or else the customer managed policies it names, as that account defines them.
     */
    private Boolean adminIn(AwsCollector.Scope hub, AwsAccounts.Member member, PermissionSet set,
                            Map<String, Map<String, Boolean>> customerPolicies) {
        if (!Boolean.FALSE.equals(set.admin()) || set.customerPolicies().isEmpty()) {
            return set.admin();
        }
        Map<String, Boolean> local = customerPolicies.computeIfAbsent(member.id(), id -> localPolicies(hub, member));
        if (local == null) {
            return null;
        }
        boolean unknown = false;
        for (String policy : set.customerPolicies()) {
            Boolean grants = local.getOrDefault(policy, Boolean.FALSE); // a policy the account lacks grants nothing
            if (Boolean.TRUE.equals(grants)) {
                return true;
            }
            unknown |= grants == null;
        }
        return unknown ? null : Boolean.FALSE;
    }

    /** The member account's customer managed policies, or null when they cannot be read. */
    private Map<String, Boolean> localPolicies(AwsCollector.Scope hub, AwsAccounts.Member member) {
        try {
            AwsAccounts.Account account = accounts.open(member);
            AwsCollector.Scope scope = new AwsCollector.Scope(account, null, hub.now());
            return IamPermissions.localPolicies(scope, accounts.clients().iam(account.credentials(),
                    accounts.settings().homeRegion()));
        } catch (CollectionException cannotRead) {
            return null;
        }
    }

    /** The first element of a listing's array, or null when it is empty. */
    private JsonNode first(AwsCollector.Scope scope, String action, String target, ObjectNode body, String field)
            throws CollectionException {
        JsonNode page = call(scope, action, target, body);
        JsonNode items = page.path(field);
        return items.isArray() && !items.isEmpty() ? items.get(0) : null;
    }

    /** Every element of a paged listing: the request with MaxResults, and NextToken after the first page. */
    private void pages(AwsCollector.Scope scope, String action, String target, ObjectNode request, String field,
                       Consumer<JsonNode> each) throws CollectionException {
        String next = null;
        do {
            ObjectNode body = request.deepCopy().put("MaxResults", 100);
            if (next != null) {
                body.put("NextToken", next);
            }
            JsonNode page = call(scope, action, target, body);
            page.path(field).forEach(each);
            next = page.path("NextToken").asString(null);
        } while (next != null && !next.isEmpty());
    }

    private JsonNode call(AwsCollector.Scope scope, String action, String target, ObjectNode body)
            throws CollectionException {
        boolean store = target.startsWith(STORE);
        String region = scope.region().id();
        URI endpoint = accounts.settings().endpoint() != null ? accounts.settings().endpoint()
                : URI.create("https://" + (store ? "identitystore." : "sso.") + region + ".amazonaws.com"
                + (region.startsWith("cn-") ? ".cn" : ""));
        return scope.call(action, () -> json.call(endpoint, store ? "identitystore" : "sso", region, target,
                Json.write(body), scope.account().credentials()));
    }
}
