#!/usr/bin/env python3
"""Writes the demo company's recorded cloud and identity-provider data (app/src/main/resources/demo/recorded/):

- okta-brightwave.json: the Okta Management API answers the Okta connector asks for (users, their factors and
  admin roles, password and MFA enrolment policies);
- google-brightwave.json: the OAuth token exchange and the Admin SDK answers of the Google Workspace connector
  (Directory users, the admin audit log's suspensions);
- aws-brightwave.json: the AWS answers of the AWS connector in organization mode, two accounts
  (management and production) and two regions (eu-central-1, us-east-1): STS, IAM, Organizations, S3 and
  S3 Control, CloudTrail, RDS, EC2, KMS and GuardDuty, each in its own wire protocol.

All are written from the vendors' published API references (not captured from real accounts), for the people of
hr-roster.csv (run generate-demo-recording.py first), so accounts join people across systems by email. Two
people have another primary address: Liam in Okta and Nadia in Google Workspace, where the roster address is an
alias. The story: mostly compliant, with three findings among these sources: a CI user's access key older than
90 days, an S3 bucket without versioning, and an Okta user whose authenticators were reset and who has not enrolled
a second factor again. The people who left are deactivated (Okta) or suspended (Google) the day after.

Requests are matched on more than method and path (see DemoReplay): "params" must all be present among the
query, form or top-level JSON body parameters, "headers" must be equal, "signedBy" is the access key id and
"scope" the region/service of the SigV4 credential scope. The most specific matching interaction answers.
Times use the placeholders of generate-demo-recording.py. Deterministic: run it again after changing the story.
"""
import base64
import csv
import json
import os
import urllib.parse

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "demo", "recorded")
DOMAIN = "brightwave.example"


def roster():
    with open(os.path.join(OUT, "hr-roster.csv")) as f:
        return list(csv.DictReader(f))


PEOPLE = roster()
ACTIVE = [p for p in PEOPLE if not p["End Date"] or not p["End Date"].startswith("{{date:-")]


def local(person):
    return person["Work Email"].split("@")[0]


def started_days_ago(person):
    """How many days ago the person started (placeholder dates are relative), for account creation times."""
    start = person["Start Date"]
    if start.startswith("{{date:-"):
        return int(start[len("{{date:-"):-2])
    year, month, day = (int(x) for x in start.split("-"))
    # days before 2026-11-30, the day the recordings were written; older than any history, exactness is moot
    import datetime
    return max(30, (datetime.date(2026, 11, 30) - datetime.date(year, month, day)).days)


def write(name, source, interactions):
    with open(os.path.join(OUT, name), "w") as f:
        f.write('{"source": "%s",\n "interactions": [\n' % source)
        f.write(",\n".join(json.dumps(x, separators=(",", ":")) for x in interactions))
        f.write("\n]}\n")
    print(name, len(interactions), "interactions")


def exchange(method, path, body, status=200, content_type="application/json", params=None, headers=None,
             signed_by=None, scope=None, raw=False):
    request = {"method": method, "path": path}
    if params:
        request["params"] = params
    if headers:
        request["headers"] = headers
    if signed_by:
        request["signedBy"] = signed_by
    if scope:
        request["scope"] = scope
    response = {"status": status, "headers": {"Content-Type": content_type}}
    if raw:
        response["text"] = body
    else:
        response["body"] = body
    return {"request": request, "response": response}


# --- Okta -------------------------------------------------------------------------------------------------------
OKTA_ORG = "https://brightwave.okta.com"
# Okta admin roles by roster address
OKTA_ROLES = {"maya": ["SUPER_ADMIN"], "diego": ["SUPER_ADMIN"], "jonas": ["READ_ONLY_ADMIN"],
              "aisha": ["USER_ADMIN"]}
ROLE_LABELS = {"SUPER_ADMIN": "Super Administrator", "READ_ONLY_ADMIN": "Read Only Administrator",
               "USER_ADMIN": "Group Administrator"}
# Carlos got a new phone; his authenticators were reset three days ago and only email is left
OKTA_EMAIL_ONLY = {"carlos"}
OKTA_SECURITY_KEY = {"maya", "diego", "tom"}
# Liam's Okta account was created under his long address; the roster's is his second email
OKTA_PRIMARY = {"liam": "liam.obrien@" + DOMAIN}


def okta():
    interactions = []
    users, deactivated = [], []
    for n, person in enumerate(PEOPLE):
        who = local(person)
        ended = person["End Date"].startswith("{{date:-")
        if who == "marek":
            status_changed = "{{ago:127d2h}}"
        elif who == "ravi":
            status_changed = "{{ago:8d6h}}"
        else:
            status_changed = "{{ago:%dd}}" % min(started_days_ago(person), 200)
        uid = "00u%s%04d%s" % ("1b2w", 3817 + n * 7, who[:4].ljust(4, "x"))
        email = OKTA_PRIMARY.get(who, person["Work Email"])
        first, _, last = person["Full Name"].partition(" ")
        days = started_days_ago(person)
        user = {
            "id": uid, "status": "DEPROVISIONED" if ended else "ACTIVE",
            "created": "{{ago:%dd}}" % (days + 1), "activated": "{{ago:%dd}}" % days,
            "statusChanged": status_changed,
            "lastLogin": None if ended else "{{ago:%dd%dh}}" % (n % 4, 2 + n % 9),
            "lastUpdated": status_changed,
            "passwordChanged": "{{ago:%dd}}" % (min(days, 40 + n * 3)),
            "type": {"id": "oty1b2w3x4EXAMPLE0h7"},
            "profile": {"firstName": first, "lastName": last, "mobilePhone": None,
                        "secondEmail": person["Work Email"] if email != person["Work Email"] else None,
                        "login": email, "email": email},
            "credentials": {"password": {}, "provider": {"type": "OKTA", "name": "OKTA"}},
            "_links": {"self": {"href": "%s/api/v1/users/%s" % (OKTA_ORG, uid)}}}
        (deactivated if ended else users).append(user)
        if ended:
            continue
        factors = [{"id": "emf%s" % uid[3:], "factorType": "email", "provider": "OKTA", "vendorName": "OKTA",
                    "status": "ACTIVE", "created": "{{ago:%dd}}" % days, "lastUpdated": "{{ago:%dd}}" % days,
                    "profile": {"email": email}}]
        if who in OKTA_EMAIL_ONLY:
            pass
        else:
            factors.append({"id": "opf%s" % uid[3:], "factorType": "push", "provider": "OKTA", "vendorName": "OKTA",
                            "status": "ACTIVE", "created": "{{ago:%dd}}" % days, "lastUpdated": "{{ago:%dd}}" % days,
                            "profile": {"credentialId": email, "deviceType": "SmartPhone_IPhone" if n % 2
                                        else "SmartPhone_Android", "name": "Phone", "platform": "IOS" if n % 2
                                        else "ANDROID", "version": "17.4"}})
            factors.append({"id": "ost%s" % uid[3:], "factorType": "token:software:totp", "provider": "OKTA",
                            "vendorName": "OKTA", "status": "ACTIVE", "created": "{{ago:%dd}}" % days,
                            "lastUpdated": "{{ago:%dd}}" % days, "profile": {"credentialId": email}})
        if who in OKTA_SECURITY_KEY:
            factors.append({"id": "fwf%s" % uid[3:], "factorType": "webauthn", "provider": "FIDO", "vendorName": "FIDO",
                            "status": "ACTIVE", "created": "{{ago:300d}}", "lastUpdated": "{{ago:300d}}",
                            "profile": {"authenticatorName": "YubiKey 5 NFC"}})
        interactions.append(exchange("GET", "/api/v1/users/%s/factors" % uid, factors))
        roles = [{"id": "ra1b2w%s%s" % (who, r[:3].lower()), "label": ROLE_LABELS[r], "type": r, "status": "ACTIVE",
                  "created": "{{ago:400d}}", "lastUpdated": "{{ago:400d}}", "assignmentType": "USER"}
                 for r in OKTA_ROLES.get(who, [])]
        interactions.append(exchange("GET", "/api/v1/users/%s/roles" % uid, roles))
    interactions.insert(0, exchange("GET", "/api/v1/users", users, params={"limit": "200"}))
    interactions.insert(1, exchange("GET", "/api/v1/users", deactivated,
                                    params={"limit": "200", "filter": 'status eq "DEPROVISIONED"'}))
    everyone = "00g1b2w3x4EXAMPLE0h7"
    interactions.append(exchange("GET", "/api/v1/policies", [{
        "id": "00p1b2w3pwdDEFAULT0h7", "status": "ACTIVE", "name": "Default Policy",
        "description": "The default policy applies in all situations if no other policy applies.",
        "priority": 1, "system": True, "type": "PASSWORD", "created": "{{ago:900d}}", "lastUpdated": "{{ago:210d}}",
        "conditions": {"people": {"groups": {"include": [everyone]}}, "authProvider": {"provider": "OKTA"}},
        "settings": {"password": {
            "complexity": {"minLength": 14, "minLowerCase": 1, "minUpperCase": 1, "minNumber": 1, "minSymbol": 0,
                           "excludeUsername": True, "excludeAttributes": ["firstName", "lastName"],
                           "dictionary": {"common": {"exclude": True}}},
            "age": {"maxAgeDays": 0, "expireWarnDays": 0, "minAgeMinutes": 60, "historyCount": 10},
            "lockout": {"maxAttempts": 10, "autoUnlockMinutes": 0, "showLockoutFailures": False}},
            "recovery": {"factors": {"okta_email": {"status": "ACTIVE"}}},
            "delegation": {"options": {"skipUnlock": False}}}}], params={"type": "PASSWORD", "limit": "200"}))
    interactions.append(exchange("GET", "/api/v1/policies", [{
        "id": "00p1b2w3mfaDEFAULT0h7", "status": "ACTIVE", "name": "Default Policy",
        "description": "Okta Verify for everyone; security keys optional.", "priority": 1, "system": True,
        "type": "MFA_ENROLL", "created": "{{ago:900d}}", "lastUpdated": "{{ago:210d}}",
        "conditions": {"people": {"groups": {"include": [everyone]}}},
        "settings": {"type": "AUTHENTICATORS", "authenticators": [
            {"key": "okta_verify", "enroll": {"self": "REQUIRED"}},
            {"key": "okta_password", "enroll": {"self": "REQUIRED"}},
            {"key": "okta_email", "enroll": {"self": "REQUIRED"}},
            {"key": "webauthn", "enroll": {"self": "OPTIONAL"}}]}}], params={"type": "MFA_ENROLL", "limit": "200"}))
    write("okta-brightwave.json", "Okta Management API v1, written from the published API reference", interactions)


# --- Google Workspace ---------------------------------------------------------------------------------------------
GOOGLE_SUPER = {"maya", "diego"}
GOOGLE_DELEGATED = {"aisha"}
# enrolled by everyone (the new hire did it on day one, when the IT onboarding checklist asks for it)
GOOGLE_NO_2SV = set()
# Nadia's mailbox was created under her long address; the roster's address is an alias of it
GOOGLE_PRIMARY = {"nadia": "nadia.rahman@" + DOMAIN}
CONTRACTORS = {"ines", "oscar"}  # contractors sign in through Okta only, without a Brightwave mailbox


def google():
    interactions = [exchange("POST", "/token", {"access_token": "ya29.recorded-demo-access-token",
                                                "expires_in": 3599, "token_type": "Bearer"})]
    users = []
    for n, person in enumerate(PEOPLE):
        who = local(person)
        if who in CONTRACTORS or who == "marek":  # Marek's account was deleted after the data transfer
            continue
        primary = GOOGLE_PRIMARY.get(who, person["Work Email"])
        first, _, last = person["Full Name"].partition(" ")
        suspended = who == "ravi"
        aliases = [person["Work Email"]] if primary != person["Work Email"] else []
        user = {"kind": "admin#directory#user", "id": str(104729000000000000000 + n * 7919),
                "etag": '"brightwave-%d"' % n, "primaryEmail": primary,
                "name": {"givenName": first, "familyName": last, "fullName": person["Full Name"]},
                "isAdmin": who in GOOGLE_SUPER, "isDelegatedAdmin": who in GOOGLE_DELEGATED,
                "lastLoginTime": "{{ago:9d5h}}" if suspended else "{{ago:%dd%dh}}" % (n % 3, 1 + n % 8),
                "creationTime": "{{ago:%dd}}" % (started_days_ago(person) + 1), "agreedToTerms": True,
                "suspended": suspended, "archived": False, "changePasswordAtNextLogin": False,
                "ipWhitelisted": False,
                "emails": [{"address": primary, "primary": True}] + [{"address": a} for a in aliases],
                "customerId": "C03b7wave", "orgUnitPath": "/" + person["Department"], "isMailboxSetup": True,
                "isEnrolledIn2Sv": who not in GOOGLE_NO_2SV, "isEnforcedIn2Sv": True,
                "includeInGlobalAddressList": True}
        if aliases:
            user["aliases"] = aliases
        if suspended:
            user["suspensionReason"] = "ADMIN"
        users.append(user)
    interactions.append(exchange("GET", "/admin/directory/v1/users", {
        "kind": "admin#directory#users", "etag": '"brightwave-users"', "users": users},
        params={"customer": "my_customer", "projection": "basic", "maxResults": "500"}))
    interactions.append(exchange("GET", "/admin/reports/v1/activity/users/all/applications/admin", {
        "kind": "admin#reports#activities", "etag": '"brightwave-audit"', "items": [{
            "kind": "admin#reports#activity",
            "id": {"time": "{{ago:8d6h}}", "uniqueQualifier": "-6021587734217718034", "applicationName": "admin",
                   "customerId": "C03b7wave"},
            "actor": {"email": "aisha@" + DOMAIN, "profileId": "104729000000000063352"},
            "ipAddress": "203.0.113.24",
            "events": [{"type": "USER_SETTINGS", "name": "SUSPEND_USER",
                        "parameters": [{"name": "USER_EMAIL", "value": "ravi@" + DOMAIN}]}]}]},
        params={"eventName": "SUSPEND_USER"}))
    write("google-brightwave.json", "Google OAuth 2.0 token endpoint and Admin SDK (Directory API v1, Reports API "
          "v1), written from the published API references", interactions)


# --- AWS ----------------------------------------------------------------------------------------------------------
MGMT, PROD = "210987654321", "345678901234"
HUB_KEY = "AKIADEMOBRIGHTWAVE01"
PROD_KEY = "ASIADEMOBRIGHTWAVEPROD"
KEYS = {MGMT: HUB_KEY, PROD: PROD_KEY}
HOME, OTHER = "eu-central-1", "us-east-1"
IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/"
STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
RDS_NS = "http://rds.amazonaws.com/doc/2014-10-31/"
EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/"
S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/"
CLOUDTRAIL = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
KMS = "TrentService."
JSON11 = "application/x-amz-json-1.1"
FULL_BLOCK = ("<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
              "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>")


def ok(action, namespace, result):
    return ("<%sResponse xmlns=\"%s\"><%sResult>%s</%sResult><ResponseMetadata><RequestId>%s</RequestId>"
            "</ResponseMetadata></%sResponse>" % (action, namespace, action, result, action,
                                                  "7a62c49f-347e-4fc4-9331-%012d" % (len(result) * 7919 % 10 ** 12),
                                                  action))


# With an endpoint override the SDK signs IAM (a global service) for "aws-global", not us-east-1.
def query(account, action, result, namespace=IAM_NS, scope="aws-global/iam", params=None, status=200):
    p = {"Action": action}
    p.update(params or {})
    return exchange("POST", "/", result if status != 200 else ok(action, namespace, result), status=status,
                    content_type="text/xml", params=p, signed_by=KEYS[account], scope=scope, raw=True)


def iam_error(code, message, status=404):
    return ("<ErrorResponse xmlns=\"%s\"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
            "<RequestId>4a0a4b33-91c2-4d57-9e1f-5b2e6a0c7d11</RequestId></ErrorResponse>" % (IAM_NS, code, message))


def json11(account, region, service, target, body, params=None, status=200):
    return exchange("POST", "/", body, status=status, content_type=JSON11, params=params,
                    headers={"X-Amz-Target": target}, signed_by=KEYS[account], scope="%s/%s" % (region, service))


# IAM users: (account, name, console, mfa, keys as (id, created days ago, last used days ago or None))
IAM_USERS = [
    (MGMT, "maya@" + DOMAIN, True, True, []),
    (MGMT, "tom@" + DOMAIN, True, True, []),
    (MGMT, "diego@" + DOMAIN, True, True, [("AKIADEMODIEGO7Q2KXW4", 41, 2)]),
    (MGMT, "felix@" + DOMAIN, True, True, []),
    (MGMT, "terraform-ci", False, False, [("AKIADEMOTERRAFORM5RT", 63, 0)]),
    (PROD, "tom@" + DOMAIN, True, True, []),
    (PROD, "felix@" + DOMAIN, True, True, []),
    # deploys from CI with a key created before the rotation runbook; still used every day
    (PROD, "ci-deploy", False, False, [("AKIADEMOCIDEPLOY3M8N", 131, 0)]),
    (PROD, "metabase-athena", False, False, [("AKIADEMOMETABASE9J2P", 22, 0)]),
]

# IAM groups: account: [(group, members, AWS managed policies, customer managed policies, inline policies)];
# a customer managed or inline policy is (name, actions, resource)
ADMIN = ("*", "*")
IAM_GROUPS = {
    MGMT: [("administrators", ["maya@" + DOMAIN, "tom@" + DOMAIN], ["AdministratorAccess"], [], []),
           ("engineers", ["diego@" + DOMAIN, "felix@" + DOMAIN], ["ReadOnlyAccess"], [], []),
           # Terraform manages the whole organization: an administrator, on the approved list
           ("automation", ["terraform-ci"], [], [("terraform-apply",) + ADMIN], [])],
    PROD: [("administrators", ["tom@" + DOMAIN], ["AdministratorAccess"], [], []),
           ("oncall", ["felix@" + DOMAIN], ["PowerUserAccess"], [], []),
           ("deployers", ["ci-deploy"], [], [("deploy-releases", ["s3:PutObject", "ecs:UpdateService"],
                                              "arn:aws:s3:::brightwave-releases/*")], []),
           ("analytics-readers", ["metabase-athena"], ["AmazonAthenaFullAccess"], [],
            [("read-ingest", ["s3:GetObject", "s3:ListBucket"], "arn:aws:s3:::brightwave-prod-ingest-raw*")])],
}
IAM_TAGS = {"ci-deploy": {"owner": "tom@" + DOMAIN, "purpose": "deploys from CI"},
            "metabase-athena": {"team": "data"}, "terraform-ci": {"team": "platform"}}


def policy_document(actions, resource):
    statement = {"Effect": "Allow", "Action": actions, "Resource": resource}
    return urllib.parse.quote(json.dumps({"Version": "2012-10-17", "Statement": [statement]},
                                         separators=(",", ":")), safe="")


def authorization_details(account):
    """GetAccountAuthorizationDetails: users with their groups and tags, groups with their policies."""
    groups_of, users, groups, policies = {}, "", "", ""
    for group, members, managed, customer, inline in IAM_GROUPS[account]:
        for member in members:
            groups_of.setdefault(member, []).append(group)
        attached = "".join("<member><PolicyName>%s</PolicyName><PolicyArn>arn:aws:iam::aws:policy/%s</PolicyArn>"
                           "</member>" % (name, name) for name in managed)
        for name, actions, resource in customer:
            arn = "arn:aws:iam::%s:policy/%s" % (account, name)
            attached += "<member><PolicyName>%s</PolicyName><PolicyArn>%s</PolicyArn></member>" % (name, arn)
            policies += ("<member><PolicyName>%s</PolicyName><DefaultVersionId>v1</DefaultVersionId><PolicyId>ANPADEMO"
                         "%010d</PolicyId><Path>/</Path><PolicyVersionList><member><Document>%s</Document>"
                         "<IsDefaultVersion>true</IsDefaultVersion><VersionId>v1</VersionId>"
                         "<CreateDate>{{ago:300d}}</CreateDate></member></PolicyVersionList><Arn>%s</Arn>"
                         "<AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable></member>" % (
                             name, len(name) * 7919, policy_document(actions, resource), arn))
        group_inline = "".join("<member><PolicyName>%s</PolicyName><PolicyDocument>%s</PolicyDocument></member>" % (
            name, policy_document(actions, resource)) for name, actions, resource in inline)
        groups += ("<member><Path>/</Path><GroupName>%s</GroupName><GroupId>AGPADEMO%010d</GroupId>"
                   "<Arn>arn:aws:iam::%s:group/%s</Arn><CreateDate>{{ago:700d}}</CreateDate>"
                   "<GroupPolicyList>%s</GroupPolicyList><AttachedManagedPolicies>%s</AttachedManagedPolicies>"
                   "</member>" % (group, len(group) * 7919, account, group, group_inline, attached))
    for owner, name, console, mfa, keys in IAM_USERS:
        if owner != account:
            continue
        tags = "".join("<member><Key>%s</Key><Value>%s</Value></member>" % (k, v)
                       for k, v in sorted(IAM_TAGS.get(name, {}).items()))
        users += ("<member><Path>/</Path><UserName>%s</UserName><UserId>AIDADEMO%010d</UserId>"
                  "<Arn>arn:aws:iam::%s:user/%s</Arn><CreateDate>{{ago:%dd}}</CreateDate><UserPolicyList/>"
                  "<GroupList>%s</GroupList><AttachedManagedPolicies/><Tags>%s</Tags></member>" % (
                      name, len(name) * 7919 + int(account[:4]), account, name, 700 if console else 400,
                      "".join("<member>%s</member>" % g for g in groups_of.get(name, [])), tags))
    return ("<IsTruncated>false</IsTruncated><UserDetailList>%s</UserDetailList><GroupDetailList>%s</GroupDetailList>"
            "<RoleDetailList/><Policies>%s</Policies>" % (users, groups, policies))


# IAM Identity Center in the management account (HOME): people reach AWS through it, provisioned from
# the roster's engineering, security and data people; leavers are deprovisioned the day they leave.
SSO_INSTANCE = "arn:aws:sso:::instance/ssoins-6987c0e1bw7demo"
SSO_STORE = "d-9967bw7demo"
SSO_TARGET, STORE_TARGET = "SWBExternalService.", "AWSIdentityStore."
SSO_SETS = [  # (id, name, AWS managed policies, inline policy or None)
    ("a1b2c3d4e5f60001", "AdministratorAccess", ["AdministratorAccess"], None),
    ("a1b2c3d4e5f60002", "EngineerAccess", ["ReadOnlyAccess"],
     (["ecs:UpdateService", "logs:StartQuery", "logs:GetQueryResults"], "*")),
    ("a1b2c3d4e5f60003", "ReadOnly", ["ReadOnlyAccess"], None),
]
SSO_GROUPS = [("g-1bw7platformadmins", "platform-admins"), ("g-2bw7engineering", "engineering"),
              ("g-3bw7data", "data")]
SSO_ASSIGNMENTS = {  # account: [(permission set id, group id)]
    MGMT: [("a1b2c3d4e5f60001", "g-1bw7platformadmins"), ("a1b2c3d4e5f60003", "g-2bw7engineering")],
    PROD: [("a1b2c3d4e5f60001", "g-1bw7platformadmins"), ("a1b2c3d4e5f60002", "g-2bw7engineering"),
           ("a1b2c3d4e5f60003", "g-3bw7data")],
}


def sso_set_arn(set_id):
    return "arn:aws:sso:::permissionSet/ssoins-6987c0e1bw7demo/ps-" + set_id


def identity_center(interactions):
    def call(service, target, body, params=None):
        interactions.append(json11(MGMT, HOME, service, target, body, params=params))

    people = [p for p in ACTIVE if p["Department"] in ("Engineering", "Security", "Data")]
    users = [{"UserId": "9067bw7-%04d" % i, "UserName": p["Work Email"], "DisplayName": p["Full Name"],
              "Name": {"GivenName": p["Full Name"].split()[0], "FamilyName": p["Full Name"].split()[-1]},
              "Emails": [{"Value": p["Work Email"], "Type": "work", "Primary": True}], "IdentityStoreId": SSO_STORE}
             for i, p in enumerate(people)]
    call("sso", SSO_TARGET + "ListInstances", {"Instances": [
        {"InstanceArn": SSO_INSTANCE, "IdentityStoreId": SSO_STORE, "OwnerAccountId": MGMT, "Name": "brightwave",
         "Status": "ACTIVE", "CreatedDate": 1641081600}]})
    call("identitystore", STORE_TARGET + "ListUsers", {"Users": users})
    call("identitystore", STORE_TARGET + "ListGroups", {"Groups": [
        {"GroupId": gid, "DisplayName": name, "IdentityStoreId": SSO_STORE} for gid, name in SSO_GROUPS]})
    by_email = {u["UserName"]: u["UserId"] for u in users}
    members = {
        "g-1bw7platformadmins": ["maya@" + DOMAIN, "tom@" + DOMAIN],
        "g-2bw7engineering": [p["Work Email"] for p in people if p["Department"] in ("Engineering", "Security")],
        "g-3bw7data": [p["Work Email"] for p in people if p["Department"] == "Data"],
    }
    for gid, _ in SSO_GROUPS:
        call("identitystore", STORE_TARGET + "ListGroupMemberships", {"GroupMemberships": [
            {"MembershipId": "m-%s-%d" % (gid, n), "GroupId": gid, "MemberId": {"UserId": by_email[email]},
             "IdentityStoreId": SSO_STORE} for n, email in enumerate(members[gid]) if email in by_email]},
            params={"GroupId": gid})
    for set_id, name, managed, inline in SSO_SETS:
        arn = sso_set_arn(set_id)
        call("sso", SSO_TARGET + "DescribePermissionSet", {"PermissionSet": {
            "Name": name, "PermissionSetArn": arn, "SessionDuration": "PT8H", "CreatedDate": 1641081600}},
            params={"PermissionSetArn": arn})
        call("sso", SSO_TARGET + "ListManagedPoliciesInPermissionSet", {"AttachedManagedPolicies": [
            {"Arn": "arn:aws:iam::aws:policy/" + m, "Name": m} for m in managed]}, params={"PermissionSetArn": arn})
        policy = "" if inline is None else json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": inline[0], "Resource": inline[1]}]}, separators=(",", ":"))
        call("sso", SSO_TARGET + "GetInlinePolicyForPermissionSet", {"InlinePolicy": policy},
             params={"PermissionSetArn": arn})
        call("sso", SSO_TARGET + "ListCustomerManagedPolicyReferencesInPermissionSet",
             {"CustomerManagedPolicyReferences": []}, params={"PermissionSetArn": arn})
    for account, assignments in SSO_ASSIGNMENTS.items():
        sets = sorted({set_id for set_id, _ in assignments})
        call("sso", SSO_TARGET + "ListPermissionSetsProvisionedToAccount",
             {"PermissionSets": [sso_set_arn(s) for s in sets]}, params={"AccountId": account})
        for set_id in sets:
            call("sso", SSO_TARGET + "ListAccountAssignments", {"AccountAssignments": [
                {"AccountId": account, "PermissionSetArn": sso_set_arn(set_id), "PrincipalType": "GROUP",
                 "PrincipalId": gid} for sid, gid in assignments if sid == set_id]},
                params={"AccountId": account, "PermissionSetArn": sso_set_arn(set_id)})


BUCKETS = {  # account: [(name, region, created days ago, versioning, kms key or None, has policy)]
    MGMT: [("brightwave-org-cloudtrail", HOME, 900, "Enabled", "cloudtrail-logs", True),
           ("brightwave-terraform-state", HOME, 880, "Enabled", None, False)],
    PROD: [("brightwave-prod-ingest-raw", HOME, 700, "Enabled", "s3-ingest", False),
           ("brightwave-prod-backups", HOME, 690, "Enabled", "s3-ingest", False),
           ("brightwave-web-assets", OTHER, 640, "Enabled", None, True),
           # exports customers download: created for a pilot, versioning never turned on
           ("brightwave-analytics-exports", HOME, 45, None, None, False)],
}

KMS_KEYS = {  # (account, region): [(key id, description, created epoch, managed by)]
    (MGMT, HOME): [("6f1c2a9e-3b7d-4c5e-9a8f-0d1e2f3a4b5c", "cloudtrail-logs", 1640995200, "CUSTOMER"),
                   ("0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d", "Default key that protects my S3 objects when no other key "
                    "is defined", 1640995200, "AWS")],
    (PROD, HOME): [("1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", "aurora-analytics", 1672531200, "CUSTOMER"),
                   ("2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b", "s3-ingest", 1672531200, "CUSTOMER"),
                   ("3f4a5b6c-7d8e-4f9a-0b1c-2d3e4f5a6b7c", "Default key that protects my RDS database volumes when no "
                    "other key is defined", 1672531200, "AWS")],
}


def key_arn(account, region, key_id):
    return "arn:aws:kms:%s:%s:key/%s" % (region, account, key_id)


def credential_report(account):
    header = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
              "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
              "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
              "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
              "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated")
    root = ("<root_account>,arn:aws:iam::%s:root,2022-01-03T09:14:22+00:00,not_supported,2025-06-12T08:31:07+00:00,"
            "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A" % account)
    # user rows are not read by the connector (ListUsers and friends are); the root row is what matters
    return base64.b64encode((header + "\n" + root + "\n").encode()).decode()


def aws():
    interactions = []
    # Who the key is, the organization, and the member role in production
    interactions.append(query(MGMT, "GetCallerIdentity", "<Arn>arn:aws:iam::%s:user/evident-reader</Arn>"
                              "<UserId>AIDADEMOBRIGHTWAVE0001</UserId><Account>%s</Account>" % (MGMT, MGMT),
                              STS_NS, HOME + "/sts"))
    interactions.append(query(PROD, "GetCallerIdentity", "<Arn>arn:aws:sts::%s:assumed-role/EvidentReadOnly/evident"
                              "</Arn><UserId>AROADEMOBRIGHTWAVE0002:evident</UserId><Account>%s</Account>" % (PROD, PROD),
                              STS_NS, HOME + "/sts"))
    interactions.append(query(MGMT, "AssumeRole", (
        "<Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>recorded-demo-secret-production</SecretAccessKey>"
        "<SessionToken>recorded-demo-session-token-production</SessionToken><Expiration>{{date:1}}T12:00:00Z"
        "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::%s:assumed-role/EvidentReadOnly/evident</Arn>"
        "<AssumedRoleId>AROADEMOBRIGHTWAVE0002:evident</AssumedRoleId></AssumedRoleUser>" % (PROD_KEY, PROD)),
        STS_NS, HOME + "/sts", params={"RoleArn": "arn:aws:iam::%s:role/EvidentReadOnly" % PROD}))
    interactions.append(exchange("POST", "/", {"Accounts": [
        {"Id": MGMT, "Arn": "arn:aws:organizations::%s:account/o-bw7demo01/%s" % (MGMT, MGMT),
         "Email": "aws-management@" + DOMAIN, "Name": "Brightwave Management", "Status": "ACTIVE",
         "JoinedMethod": "INVITED", "JoinedTimestamp": 1640995200},
        {"Id": PROD, "Arn": "arn:aws:organizations::%s:account/o-bw7demo01/%s" % (MGMT, PROD),
         "Email": "aws-production@" + DOMAIN, "Name": "Brightwave Production", "Status": "ACTIVE",
         "JoinedMethod": "CREATED", "JoinedTimestamp": 1641081600}]}, content_type=JSON11,
        headers={"X-Amz-Target": "AWSOrganizationsV20161128.ListAccounts"}, signed_by=HUB_KEY,
        scope="us-east-1/organizations"))

    identity_center(interactions)
    for account in (MGMT, PROD):
        iam_account(interactions, account)
        s3_account(interactions, account)
        for region in (HOME, OTHER):
            regional(interactions, account, region)
    write("aws-brightwave.json", "AWS APIs (STS, IAM, Organizations, S3, S3 Control, CloudTrail, RDS, EC2, KMS, "
          "GuardDuty), written from the published API references", interactions)


def iam_account(interactions, account):
    members = ""
    for owner, name, console, mfa, keys in IAM_USERS:
        if owner != account:
            continue
        created = 700 if console else 400
        members += ("<member><Path>/</Path><UserName>%s</UserName><UserId>AIDADEMO%010d</UserId>"
                    "<Arn>arn:aws:iam::%s:user/%s</Arn><CreateDate>{{ago:%dd}}</CreateDate>%s</member>" % (
                        name, len(name) * 7919 + int(account[:4]), account,
                        name, created, "<PasswordLastUsed>{{ago:%dd3h}}</PasswordLastUsed>" % (len(name) % 5)
                        if console else ""))
        devices = ("<member><UserName>%s</UserName><SerialNumber>arn:aws:iam::%s:mfa/%s</SerialNumber>"
                   "<EnableDate>{{ago:%dd}}</EnableDate></member>" % (name, account, name.split("@")[0], created - 1)
                   ) if mfa else ""
        interactions.append(query(account, "ListMFADevices", "<IsTruncated>false</IsTruncated><MFADevices>%s"
                                  "</MFADevices>" % devices, params={"UserName": name}))
        metadata = ""
        for key_id, age, used in keys:
            metadata += ("<member><UserName>%s</UserName><AccessKeyId>%s</AccessKeyId><Status>Active</Status>"
                         "<CreateDate>{{ago:%dd}}</CreateDate></member>" % (name, key_id, age))
            interactions.append(query(account, "GetAccessKeyLastUsed", (
                "<AccessKeyLastUsed><LastUsedDate>{{ago:%dd2h}}</LastUsedDate><Region>%s</Region><ServiceName>%s"
                "</ServiceName></AccessKeyLastUsed><UserName>%s</UserName>" % (
                    used, HOME, "s3" if "metabase" not in name else "athena", name)), params={"AccessKeyId": key_id}))
        interactions.append(query(account, "ListAccessKeys", "<UserName>%s</UserName><AccessKeyMetadata>%s"
                                  "</AccessKeyMetadata><IsTruncated>false</IsTruncated>" % (name, metadata),
                                  params={"UserName": name}))
        if console:
            interactions.append(query(account, "GetLoginProfile", (
                "<LoginProfile><UserName>%s</UserName><CreateDate>{{ago:%dd}}</CreateDate>"
                "<PasswordResetRequired>false</PasswordResetRequired></LoginProfile>" % (name, created)),
                params={"UserName": name}))
        else:
            interactions.append(query(account, "GetLoginProfile", iam_error(
                "NoSuchEntity", "Login Profile for User %s cannot be found." % name), params={"UserName": name},
                status=404))
    interactions.append(query(account, "ListUsers", "<Users>%s</Users><IsTruncated>false</IsTruncated>" % members))
    interactions.append(query(account, "GetAccountAuthorizationDetails", authorization_details(account)))
    interactions.append(query(account, "GenerateCredentialReport", "<State>COMPLETE</State><Description>Report "
                              "is ready</Description>"))
    interactions.append(query(account, "GetCredentialReport", "<Content>%s</Content><ReportFormat>text/csv"
                              "</ReportFormat><GeneratedTime>{{ago:0d}}</GeneratedTime>" % credential_report(account)))
    interactions.append(query(account, "GetAccountPasswordPolicy", (
        "<PasswordPolicy><AllowUsersToChangePassword>true</AllowUsersToChangePassword>"
        "<RequireLowercaseCharacters>true</RequireLowercaseCharacters><RequireUppercaseCharacters>true"
        "</RequireUppercaseCharacters><MinimumPasswordLength>14</MinimumPasswordLength><RequireNumbers>true"
        "</RequireNumbers><RequireSymbols>true</RequireSymbols><ExpirePasswords>false</ExpirePasswords>"
        "<PasswordReusePrevention>24</PasswordReusePrevention><HardExpiry>false</HardExpiry></PasswordPolicy>")))


def s3_xml(account, path, body, scope, params, status=200):
    return exchange("GET", path, body, status=status, content_type="application/xml", params=params,
                    signed_by=KEYS[account], scope=scope, raw=True)


def s3_error(code, message):
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>%s</Message>"
            "<RequestId>4442587FB7D0A2F9</RequestId><HostId>h0stIdEXAMPLE=</HostId></Error>" % (code, message))


def s3_account(interactions, account):
    interactions.append(s3_xml(account, "/v20180820/configuration/publicAccessBlock",
                               "<PublicAccessBlockConfiguration>%s</PublicAccessBlockConfiguration>" % FULL_BLOCK,
                               HOME + "/s3", None))
    listing = ""
    for name, region, created, versioning, kms, policy in BUCKETS[account]:
        listing += ("<Bucket><Name>%s</Name><CreationDate>{{ago:%dd}}</CreationDate><BucketRegion>%s</BucketRegion>"
                    "</Bucket>" % (name, created, region))
        scope = region + "/s3"
        path = "/" + name
        rule = ("<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>%s</KMSMasterKeyID>" % key_arn(
            account, region, next(k[0] for k in KMS_KEYS[(account, HOME)] if k[1] == kms)) if kms
                else "<SSEAlgorithm>AES256</SSEAlgorithm>")
        interactions.append(s3_xml(account, path, (
            "<ServerSideEncryptionConfiguration xmlns=\"%s\"><Rule><ApplyServerSideEncryptionByDefault>%s"
            "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>%s</BucketKeyEnabled></Rule>"
            "</ServerSideEncryptionConfiguration>" % (S3_NS, rule, "true" if kms else "false")), scope,
            {"encryption": ""}))
        interactions.append(s3_xml(account, path, "<PublicAccessBlockConfiguration>%s</PublicAccessBlockConfiguration>"
                                   % FULL_BLOCK, scope, {"publicAccessBlock": ""}))
        interactions.append(s3_xml(account, path, "<PolicyStatus><IsPublic>false</IsPublic></PolicyStatus>"
                                   if policy else s3_error("NoSuchBucketPolicy", "The bucket policy does not exist"),
                                   scope, {"policyStatus": ""}, status=200 if policy else 404))
        interactions.append(s3_xml(account, path, "<VersioningConfiguration xmlns=\"%s\">%s</VersioningConfiguration>"
                                   % (S3_NS, "<Status>%s</Status>" % versioning if versioning else ""), scope,
                                   {"versioning": ""}))
        logs = "brightwave-org-cloudtrail" if account == MGMT else "brightwave-prod-backups"
        interactions.append(s3_xml(account, path, (
            "<BucketLoggingStatus xmlns=\"%s\"><LoggingEnabled><TargetBucket>%s</TargetBucket><TargetPrefix>"
            "s3-access/%s/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>" % (S3_NS, logs, name))
            if name != logs else "<BucketLoggingStatus xmlns=\"%s\"/>" % S3_NS, scope, {"logging": ""}))
    interactions.append(s3_xml(account, "/", (
        "<ListAllMyBucketsResult xmlns=\"%s\"><Owner><DisplayName>aws-%s</DisplayName><ID>%s</ID></Owner>"
        "<Buckets>%s</Buckets></ListAllMyBucketsResult>" % (S3_NS, account, "79a59df900b949e55d96a1e698fbac" + account[:2],
                                                            listing)), HOME + "/s3", {"max-buckets": "1000"}))


TRAIL_ARN = "arn:aws:cloudtrail:%s:%s:trail/brightwave-org-trail" % (HOME, MGMT)


def regional(interactions, account, region):
    # CloudTrail: the organization trail, created in the management account, is listed in every account and region
    interactions.append(json11(account, region, "cloudtrail", CLOUDTRAIL + "DescribeTrails", {"trailList": [{
        "Name": "brightwave-org-trail", "S3BucketName": "brightwave-org-cloudtrail",
        "IncludeGlobalServiceEvents": True, "IsMultiRegionTrail": True, "HomeRegion": HOME, "TrailARN": TRAIL_ARN,
        "LogFileValidationEnabled": True, "HasCustomEventSelectors": False, "HasInsightSelectors": False,
        "IsOrganizationTrail": True,
        "KmsKeyId": key_arn(MGMT, HOME, KMS_KEYS[(MGMT, HOME)][0][0])}]}))
    if region == HOME:
        if account == MGMT:
            interactions.append(json11(account, region, "cloudtrail", CLOUDTRAIL + "GetTrailStatus", {
                "IsLogging": True, "LatestDeliveryTime": 1764460800, "StartLoggingTime": 1641000000,
                "LatestDigestDeliveryTime": 1764460800}, params={"Name": TRAIL_ARN}))
        else:
            # a member account may not read the organization trail's status
            interactions.append(json11(account, region, "cloudtrail", CLOUDTRAIL + "GetTrailStatus", {
                "__type": "TrailNotFoundException", "message": "Unknown trail: %s for the user: %s" % (TRAIL_ARN, account)},
                params={"Name": TRAIL_ARN}, status=400))
    # RDS: the analytics database (Aurora PostgreSQL) and Metabase's own database, in production's home region
    instances, clusters = "", ""
    if account == PROD and region == HOME:
        aurora_key = key_arn(PROD, HOME, KMS_KEYS[(PROD, HOME)][0][0])
        clusters = ("<DBCluster><DBClusterIdentifier>analytics-core</DBClusterIdentifier><DBClusterArn>"
                    "arn:aws:rds:%s:%s:cluster:analytics-core</DBClusterArn><Engine>aurora-postgresql</Engine>"
                    "<EngineVersion>16.4</EngineVersion><Status>available</Status><StorageEncrypted>true"
                    "</StorageEncrypted><KmsKeyId>%s</KmsKeyId><BackupRetentionPeriod>14</BackupRetentionPeriod>"
                    "<MultiAZ>true</MultiAZ><PubliclyAccessible>false</PubliclyAccessible><DeletionProtection>true"
                    "</DeletionProtection><DBClusterMembers>%s</DBClusterMembers></DBCluster>" % (
                        HOME, PROD, aurora_key, "".join(
                            "<DBClusterMember><DBInstanceIdentifier>analytics-core-%d</DBInstanceIdentifier>"
                            "<IsClusterWriter>%s</IsClusterWriter></DBClusterMember>" % (i, "true" if i == 1 else "false")
                            for i in (1, 2))))
        for ident, cls, engine, version, cluster, retention, multi in (
                ("analytics-core-1", "db.r7g.xlarge", "aurora-postgresql", "16.4", "analytics-core", 14, False),
                ("analytics-core-2", "db.r7g.xlarge", "aurora-postgresql", "16.4", "analytics-core", 14, False),
                ("metabase", "db.t4g.medium", "postgres", "16.4", None, 7, True)):
            instances += ("<DBInstance><DBInstanceIdentifier>%s</DBInstanceIdentifier><DBInstanceClass>%s"
                          "</DBInstanceClass><Engine>%s</Engine><EngineVersion>%s</EngineVersion><DBInstanceStatus>"
                          "available</DBInstanceStatus>%s<StorageEncrypted>true</StorageEncrypted><KmsKeyId>%s"
                          "</KmsKeyId><BackupRetentionPeriod>%d</BackupRetentionPeriod><MultiAZ>%s</MultiAZ>"
                          "<PubliclyAccessible>false</PubliclyAccessible><DeletionProtection>true</DeletionProtection>"
                          "<AutoMinorVersionUpgrade>true</AutoMinorVersionUpgrade><DBInstanceArn>"
                          "arn:aws:rds:%s:%s:db:%s</DBInstanceArn></DBInstance>" % (
                              ident, cls, engine, version, "<DBClusterIdentifier>%s</DBClusterIdentifier>" % cluster
                              if cluster else "", aurora_key, retention, "true" if multi else "false", HOME, PROD,
                              ident))
    interactions.append(query(account, "DescribeDBInstances", "<DBInstances>%s</DBInstances>" % instances, RDS_NS,
                              region + "/rds"))
    interactions.append(query(account, "DescribeDBClusters", "<DBClusters>%s</DBClusters>" % clusters, RDS_NS,
                              region + "/rds"))
    # EC2 security groups: every VPC's default group; production's load balancer, services and database groups
    vpc = "vpc-0%s%s" % (account[-4:], "a1" if region == HOME else "b2")
    default_id = "sg-0%s%s00" % (account[-4:], "a1" if region == HOME else "b2")
    groups = [security_group(account, default_id, "default", "default VPC security group", vpc,
                             [("-1", None, None, [], [default_id])])]
    if account == PROD and region == HOME:
        groups += [
            security_group(account, "sg-0a1b2c3d4e5f60001", "alb-public", "Public load balancer (HTTPS)", vpc,
                           [("tcp", 443, 443, ["0.0.0.0/0", "::/0"], []), ("tcp", 80, 80, ["0.0.0.0/0", "::/0"], [])]),
            security_group(account, "sg-0a1b2c3d4e5f60002", "app-services", "ECS services behind the load balancer",
                           vpc, [("tcp", 8080, 8080, [], ["sg-0a1b2c3d4e5f60001"])]),
            security_group(account, "sg-0a1b2c3d4e5f60003", "aurora-analytics", "Aurora analytics-core", vpc,
                           [("tcp", 5432, 5432, [], ["sg-0a1b2c3d4e5f60002"]), ("tcp", 5432, 5432, ["10.20.0.0/16"], [])]),
        ]
    interactions.append(exchange("POST", "/", (
        "<DescribeSecurityGroupsResponse xmlns=\"%s\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
        "<securityGroupInfo>%s</securityGroupInfo></DescribeSecurityGroupsResponse>" % (EC2_NS, "".join(groups))),
        content_type="text/xml;charset=UTF-8", params={"Action": "DescribeSecurityGroups"}, signed_by=KEYS[account],
        scope=region + "/ec2", raw=True))
    # KMS: customer keys rotate; AWS managed keys are listed too and left out by the connector
    keys = KMS_KEYS.get((account, region), [])
    interactions.append(json11(account, region, "kms", KMS + "ListKeys", {"Keys": [
        {"KeyId": k[0], "KeyArn": key_arn(account, region, k[0])} for k in keys], "Truncated": False}))
    for key_id, description, created, manager in keys:
        arn = key_arn(account, region, key_id)
        interactions.append(json11(account, region, "kms", KMS + "DescribeKey", {"KeyMetadata": {
            "AWSAccountId": account, "KeyId": key_id, "Arn": arn, "CreationDate": created, "Enabled": True,
            "Description": description, "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": "Enabled", "Origin": "AWS_KMS",
            "KeyManager": manager, "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT",
            "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "MultiRegion": False}}, params={"KeyId": arn}))
        interactions.append(json11(account, region, "kms", KMS + "GetKeyRotationStatus", {
            "KeyRotationEnabled": True, "KeyId": arn, "RotationPeriodInDays": 365,
            "NextRotationDate": 1785542400}, params={"KeyId": key_id}))
    # GuardDuty: on in every account and region
    detector = "%s%s" % ("a1b2c3d4e5f6a7b8c9d0e1f2" if region == HOME else "0f1e2d3c4b5a69788796a5b4", account[-8:])
    interactions.append(exchange("GET", "/detector", {"detectorIds": [detector]}, params={"maxResults": "50"},
                                 signed_by=KEYS[account], scope=region + "/guardduty"))
    interactions.append(exchange("GET", "/detector/" + detector, {
        "createdAt": "2023-03-14T10:02:11.000Z", "findingPublishingFrequency": "SIX_HOURS",
        "serviceRole": "arn:aws:iam::%s:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty"
                       % account, "status": "ENABLED", "updatedAt": "2025-02-03T08:45:40.000Z",
        "features": [{"name": "CLOUD_TRAIL", "status": "ENABLED"}, {"name": "DNS_LOGS", "status": "ENABLED"},
                     {"name": "FLOW_LOGS", "status": "ENABLED"}, {"name": "S3_DATA_EVENTS", "status": "ENABLED"},
                     {"name": "RDS_LOGIN_EVENTS", "status": "ENABLED"}], "tags": {}},
        signed_by=KEYS[account], scope=region + "/guardduty"))


def security_group(account, group_id, name, description, vpc, rules):
    permissions = ""
    for protocol, start, end, cidrs, sources in rules:
        v4 = "".join("<item><cidrIp>%s</cidrIp></item>" % c for c in cidrs if ":" not in c)
        v6 = "".join("<item><cidrIpv6>%s</cidrIpv6></item>" % c for c in cidrs if ":" in c)
        pairs = "".join("<item><userId>%s</userId><groupId>%s</groupId></item>" % (account, s) for s in sources)
        ports = "" if start is None else "<fromPort>%d</fromPort><toPort>%d</toPort>" % (start, end)
        permissions += ("<item><ipProtocol>%s</ipProtocol>%s<groups>%s</groups><ipRanges>%s</ipRanges>"
                        "<ipv6Ranges>%s</ipv6Ranges><prefixListIds/></item>" % (protocol, ports, pairs, v4, v6))
    return ("<item><ownerId>%s</ownerId><groupId>%s</groupId><groupName>%s</groupName><groupDescription>%s"
            "</groupDescription><vpcId>%s</vpcId><ipPermissions>%s</ipPermissions><ipPermissionsEgress><item>"
            "<ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>"
            "<ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress></item>" % (
                account, group_id, name, description, vpc, permissions))


okta()
google()
aws()
