package dev.evident.connectors.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

/**
 * IAM Identity Center (sso-admin, JSON 1.1, signing name {@code sso}) and identity store
 * ({@code identitystore}) answers in one region, shaped as in their API references.
 */
final class IdentityCenterStub {

    static final String SSO = "SWBExternalService.";
    static final String STORE = "AWSIdentityStore.";
    static final String INSTANCE = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
    static final String STORE_ID = "d-9067a1b2c3";

    private final RegionalStub regional;
    private final String region;

    IdentityCenterStub(RegionalStub regional, String region) {
        this.regional = regional;
        this.region = region;
    }

    static String setArn(String id) {
        return "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-" + id;
    }

    MappingBuilder sso(String operation) {
        return regional.json(region, "sso", SSO + operation);
    }

    MappingBuilder store(String operation) {
        return regional.json(region, "identitystore", STORE + operation);
    }

    void instance() {
        regional.stub(sso("ListInstances"), RegionalStub.json("{\"Instances\":[{\"InstanceArn\":\"" + INSTANCE
                + "\",\"IdentityStoreId\":\"" + STORE_ID + "\",\"OwnerAccountId\":\"123456789012\",\"Name\":\"acme\","
                + "\"Status\":\"ACTIVE\",\"CreatedDate\":1.7040672E9}]}"));
    }

    void noInstance() {
        regional.stub(sso("ListInstances"), RegionalStub.json("{\"Instances\":[]}"));
    }

    /** One page of ListUsers; {@code token} is the NextToken it was asked with (null: the first). */
    void users(String token, String next, String... users) {
        MappingBuilder request = store("ListUsers").withRequestBody(matchingJsonPath("$.IdentityStoreId",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(STORE_ID)));
        request = token == null ? request.withRequestBody(matchingJsonPath("$[?(!@.NextToken)]"))
                : request.withRequestBody(containing("\"NextToken\":\"" + token + "\""));
        regional.stub(request, RegionalStub.json("{\"Users\":[" + String.join(",", users) + "]"
                + (next == null ? "" : ",\"NextToken\":\"" + next + "\"") + "}"));
    }

    static String user(String id, String userName, String displayName, String... emails) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < emails.length; i++) {
            list.append(i == 0 ? "" : ",").append("{\"Value\":\"").append(emails[i]).append("\",\"Type\":\"work\","
                    + "\"Primary\":").append(i == 0).append('}');
        }
        return "{\"UserId\":\"" + id + "\",\"UserName\":\"" + userName + "\",\"DisplayName\":\"" + displayName
                + "\",\"Emails\":[" + list + "],\"IdentityStoreId\":\"" + STORE_ID + "\"}";
    }

    void groups(String... idAndName) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < idAndName.length; i += 2) {
            list.append(i == 0 ? "" : ",").append("{\"GroupId\":\"").append(idAndName[i])
                    .append("\",\"DisplayName\":\"").append(idAndName[i + 1]).append("\",\"IdentityStoreId\":\"")
                    .append(STORE_ID).append("\"}");
        }
        regional.stub(store("ListGroups"), RegionalStub.json("{\"Groups\":[" + list + "]}"));
    }

    void members(String groupId, String... userIds) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < userIds.length; i++) {
            list.append(i == 0 ? "" : ",").append("{\"MembershipId\":\"m-").append(groupId).append(i)
                    .append("\",\"GroupId\":\"").append(groupId).append("\",\"MemberId\":{\"UserId\":\"")
                    .append(userIds[i]).append("\"},\"IdentityStoreId\":\"").append(STORE_ID).append("\"}");
        }
        regional.stub(store("ListGroupMemberships").withRequestBody(containing("\"GroupId\":\"" + groupId + "\"")),
                RegionalStub.json("{\"GroupMemberships\":[" + list + "]}"));
    }

    /** A permission set with these AWS managed policies and this inline policy (null: none). */
    void permissionSet(String id, String name, String inlinePolicy, String... managed) {
        String arn = setArn(id);
        regional.stub(sso("DescribePermissionSet").withRequestBody(containing(arn)), RegionalStub.json(
                "{\"PermissionSet\":{\"Name\":\"" + name + "\",\"PermissionSetArn\":\"" + arn + "\","
                        + "\"SessionDuration\":\"PT8H\",\"CreatedDate\":1.7040672E9}}"));
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < managed.length; i++) {
            list.append(i == 0 ? "" : ",").append("{\"Arn\":\"arn:aws:iam::aws:policy/").append(managed[i])
                    .append("\",\"Name\":\"").append(managed[i]).append("\"}");
        }
        regional.stub(sso("ListManagedPoliciesInPermissionSet").withRequestBody(containing(arn)),
                RegionalStub.json("{\"AttachedManagedPolicies\":[" + list + "]}"));
        regional.stub(sso("GetInlinePolicyForPermissionSet").withRequestBody(containing(arn)), RegionalStub.json(
                "{\"InlinePolicy\":" + (inlinePolicy == null ? "\"\""
                        : dev.evident.connectors.http.Json.MAPPER.writeValueAsString(inlinePolicy)) + "}"));
        regional.stub(sso("ListCustomerManagedPolicyReferencesInPermissionSet").withRequestBody(containing(arn)),
                RegionalStub.json("{\"CustomerManagedPolicyReferences\":[]}"));
    }

    /** The customer managed policies a permission set attaches, as {path or null, name}. */
    void customerPolicies(String setId, String[]... pathAndName) {
        StringBuilder list = new StringBuilder();
        for (String[] policy : pathAndName) {
            list.append(list.isEmpty() ? "" : ",").append("{\"Name\":\"").append(policy[1]).append('"')
                    .append(policy[0] == null ? "" : ",\"Path\":\"" + policy[0] + "\"").append('}');
        }
        regional.stub(sso("ListCustomerManagedPolicyReferencesInPermissionSet").withRequestBody(containing(setArn(setId)))
                .atPriority(1), RegionalStub.json("{\"CustomerManagedPolicyReferences\":[" + list + "]}"));
    }

    void provisioned(String account, String... setIds) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < setIds.length; i++) {
            list.append(i == 0 ? "" : ",").append('"').append(setArn(setIds[i])).append('"');
        }
        regional.stub(sso("ListPermissionSetsProvisionedToAccount").withRequestBody(containing("\"AccountId\":\""
                + account + "\"")), RegionalStub.json("{\"PermissionSets\":[" + list + "]}"));
    }

    /** Assignments as {principalType, principalId}. */
    void assignments(String account, String setId, String[]... principals) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < principals.length; i++) {
            list.append(i == 0 ? "" : ",").append("{\"AccountId\":\"").append(account)
                    .append("\",\"PermissionSetArn\":\"").append(setArn(setId)).append("\",\"PrincipalType\":\"")
                    .append(principals[i][0]).append("\",\"PrincipalId\":\"").append(principals[i][1]).append("\"}");
        }
        regional.stub(sso("ListAccountAssignments").withRequestBody(containing("\"AccountId\":\"" + account + "\""))
                .withRequestBody(containing(setArn(setId))), RegionalStub.json("{\"AccountAssignments\":[" + list + "]}"));
    }
}
