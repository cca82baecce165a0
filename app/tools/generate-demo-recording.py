#!/usr/bin/env python3
"""Writes the demo company's recorded source data (app/src/main/resources/demo/recorded/):

- github-brightwave.json: the GitHub REST API answers (v2022-11-28) the GitHub connector asks for when it
  syncs the "brightwave" organization, as request/response pairs in the vendor's own response format,
  written from GitHub's published API reference (not captured from a real organization).
- hr-roster.csv: the HR system's export of the same company, in the column layout the HR roster
  connector documents.

Times relative to the day of replay are written as placeholders that the demo's replay renders:
{{ago:12d3h}} (an ISO instant 12 days and 3 hours before today's midnight UTC) and {{date:-9}} (an ISO
date 9 days before today). Run it again after changing the story below; the output is deterministic.
"""
import json
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "demo", "recorded")
ORG = "brightwave"
DOMAIN = "brightwave.example"
API = "https://api.github.com"

# name, email local part, department, manager (local part), type, start, end, github login, github role
PEOPLE = [
    ("Daniel Brooks", "daniel", "Leadership", "daniel", "Full-time", "2019-03-04", "", None, None),
    ("Maya Chen", "maya", "Engineering", "daniel", "Full-time", "2019-03-04", "", "maya-chen", "admin"),
    ("Tom Becker", "tom", "Engineering", "maya", "Full-time", "2020-01-06", "", "tbecker", "admin"),
    ("Lena Park", "lena", "Engineering", "maya", "Full-time", "2020-08-17", "", "lenapark", "member"),
    ("Priya Raman", "priya", "Engineering", "lena", "Full-time", "2022-02-14", "", "priya-raman", "member"),
    ("Diego Alvarez", "diego", "Security", "maya", "Full-time", "2021-03-01", "", "dalvarez", "member"),
    ("Jonas Weber", "jonas", "Operations", "daniel", "Full-time", "2021-06-01", "", "jonas-weber", "member"),
    ("Ahmed Farouk", "ahmed", "Engineering", "lena", "Full-time", "2021-10-04", "", "afarouk", "member"),
    ("Chloe Martin", "chloe", "Engineering", "lena", "Full-time", "2022-05-09", "", "chloem", "member"),
    ("Felix Wagner", "felix", "Engineering", "tom", "Full-time", "2021-01-11", "", "fwagner", "member"),
    ("Grace Liu", "grace", "Engineering", "lena", "Full-time", "2023-01-16", "", "graceliu", "member"),
    ("Hiro Tanaka", "hiro", "Engineering", "tom", "Full-time", "2022-09-05", "", "htanaka", "member"),
    ("Isabel Costa", "isabel", "Engineering", "lena", "Full-time", "2023-04-03", "", "icosta", "member"),
    ("Kwame Mensah", "kwame", "Engineering", "lena", "Full-time", "{{date:-12}}", "", "kmensah", "member"),
    ("Marta Nowak", "marta", "Engineering", "tom", "Full-time", "2024-02-12", "", "mnowak", "member"),
    ("Noah Fischer", "noah", "Engineering", "lena", "Full-time", "2022-11-07", "", "nfischer", "member"),
    ("Olga Petrova", "olga", "Data", "maya", "Full-time", "2021-07-19", "", "opetrova", "member"),
    ("Pablo Reyes", "pablo", "Data", "olga", "Full-time", "2024-06-03", "", "preyes", "member"),
    ("Rosa Bianchi", "rosa", "Engineering", "lena", "Full-time", "2023-08-21", "", "rbianchi", "member"),
    ("Yuki Sato", "yuki", "Engineering", "tom", "Full-time", "2024-09-16", "", "ysato", "member"),
    ("Ben Carter", "ben", "Product", "maya", "Full-time", "2022-03-07", "", "bcarter", "member"),
    ("Zoe Adams", "zoe", "Design", "ben", "Full-time", "2023-10-02", "", "zadams", "member"),
    ("Jonah Klein", "jonah", "Engineering", "lena", "Internship", "{{date:-70}}", "{{date:20}}", "jklein", "member"),
    # left nine days ago; the GitHub account is still there
    ("Ravi Shah", "ravi", "Engineering", "tom", "Full-time", "2021-04-12", "{{date:-9}}", "rshah", "member"),
    # left four months ago; the account was removed three days late (it is in the history, not the recording)
    ("Marek Kowalski", "marek", "Engineering", "lena", "Full-time", "2020-09-01", "{{date:-128}}", None, None),
    ("Ines Duarte", "ines", "Design", "zoe", "Contract", "{{date:-200}}", "{{date:60}}", "iduarte", "outside"),
    ("Oscar Lind", "oscar", "Engineering", "tom", "Contractor", "{{date:-90}}", "{{date:90}}", "oscarlind", "outside"),
    ("Nadia Rahman", "nadia", "Customer Success", "daniel", "Full-time", "2020-05-04", "", None, None),
    ("Sam Okafor", "sam", "Customer Success", "nadia", "Full-time", "2023-09-11", "", None, None),
    ("Carlos Mendes", "carlos", "Customer Success", "nadia", "Full-time", "2024-01-08", "", None, None),
    ("Hannah Keller", "hannah", "Finance", "daniel", "Full-time", "2021-02-01", "", None, None),
    ("Liam O'Brien", "liam", "Sales", "daniel", "Full-time", "2022-01-10", "", None, None),
    ("Aisha Bello", "aisha", "People", "daniel", "Full-time", "2021-09-06", "", None, None),
]
# A member nobody at Brightwave knows: added for a one-off consulting job and never removed.
STRANGER = ("James Pike", "james@pike-consulting.example", "jpike-consulting", "member")
NO_2FA = {"kmensah"}
# the outside collaborators' repositories (write access, no admin)
COLLABORATOR_GRANTS = {("iduarte", "web-app"), ("iduarte", "docs-site"), ("oscarlind", "load-tests"),
                       ("oscarlind", "infra")}

# name, visibility, archived, protected, required approvals, status checks
REPOS = [
    ("api", "private", False, True, 2, ["build", "test", "integration-test"]),
    ("web-app", "private", False, True, 1, ["build", "test", "e2e"]),
    ("ingest-service", "private", False, True, 1, ["build", "test"]),
    ("query-engine", "private", False, True, 1, ["build", "test", "benchmarks"]),
    ("sdk-js", "public", False, True, 1, ["build", "test"]),
    ("sdk-python", "public", False, True, 1, ["lint", "test"]),
    ("infra", "private", False, True, 2, ["terraform-plan"]),
    ("helm-charts", "private", False, True, 1, ["lint"]),
    ("docs-site", "public", False, True, 1, ["build"]),
    ("compliance-docs", "private", False, True, 1, ["markdown-lint"]),
    ("load-tests", "private", False, True, 1, []),    # created six days ago: protected, but no CI to require yet
    ("legacy-dashboard", "private", True, False, 0, []),
]

# repository, number, title, author, merged by (None: closed unmerged), approvers, merged (days ago, hour)
PULLS = []
AUTHORS = ["priya-raman", "afarouk", "chloem", "fwagner", "graceliu", "htanaka", "icosta", "mnowak", "nfischer",
           "rbianchi", "ysato", "opetrova", "preyes", "lenapark", "tbecker", "dalvarez"]
TITLES = {
    "api": ["Add pagination to /v2/events", "Rate-limit API keys per project", "Return 422 for malformed filters",
            "Rotate signing keys without downtime", "Paginate audit exports", "Drop the v1 query endpoint"],
    "web-app": ["Dashboard: saved views", "Fix timezone in retention chart", "Upgrade to React 19",
                "Invite flow: resend button", "Accessible colour palette for charts"],
    "ingest-service": ["Back-pressure on Kafka lag", "Batch writes to S3 in 8 MB parts", "Reject events over 1 MB",
                       "Retry DLQ with jitter"],
    "query-engine": ["Vectorised group-by", "Cache compiled plans", "Fix NaN in percentile aggregation",
                     "Spill large joins to disk"],
    "infra": ["EKS 1.31 upgrade", "RDS storage autoscaling", "Tighten S3 bucket policies", "Move NAT to two AZs"],
    "sdk-js": ["Flush on page hide", "Typed event properties"],
    "sdk-python": ["Async client", "Python 3.13 support"],
    "helm-charts": ["Pod disruption budgets for ingest"],
}
number = {"api": 380, "web-app": 220, "ingest-service": 140, "query-engine": 95, "infra": 61, "sdk-js": 48,
          "sdk-python": 33, "helm-charts": 27}
day = 178
i = 0
while day > 1:
    for repo, titles in TITLES.items():
        if day <= 1:
            break
        if (i + len(repo)) % 3 == 0 or repo in ("api", "web-app"):
            number[repo] += 1 + i % 3
            author = AUTHORS[(i * 7 + len(repo)) % len(AUTHORS)]
            approver = AUTHORS[(i * 5 + 3) % len(AUTHORS)]
            if approver == author:
                approver = "lenapark" if author != "lenapark" else "tbecker"
            merger = author if i % 4 == 0 else approver
            approvers = [approver] + (["dalvarez"] if repo in ("api", "infra") and author != "dalvarez" else
                                      ["tbecker"] if repo in ("api", "infra") else [])
            title = titles[i % len(titles)]
            PULLS.append((repo, number[repo], title, author, merger, approvers, day, 9 + i % 8))
            day -= 3 if i % 2 else 4
            i += 1
# the emergency change: merged by Tom without anyone approving it, sixteen days ago
PULLS.append(("api", 431, "Hotfix: raise ingest rate limit during incident INC-231", "fwagner", "tbecker", [], 16, 23))
# closed without merging
PULLS.append(("web-app", 266, "Experiment: new onboarding checklist", "zadams", None, [], 30, 14))


def ago(days, hour, minute=0):
    """A placeholder for an instant `days` before today's midnight, at hour:minute."""
    back = days * 24 - hour
    return "{{ago:%dd%dh}}" % (back // 24, back % 24) if back % 24 else "{{ago:%dd}}" % (back // 24)


def user(login, uid):
    return {"login": login, "id": uid, "node_id": "MDQ6VXNlcj%d" % uid,
            "avatar_url": "https://avatars.githubusercontent.com/u/%d?v=4" % uid, "gravatar_id": "",
            "url": "%s/users/%s" % (API, login), "html_url": "https://github.com/%s" % login,
            "type": "User", "site_admin": False}


interactions = []


def add(path, body, status=200, headers=None):
    h = {"Content-Type": "application/json; charset=utf-8", "X-GitHub-Api-Version-Selected": "2022-11-28",
         "x-ratelimit-limit": "5000", "x-ratelimit-remaining": str(4999 - len(interactions)),
         "x-ratelimit-resource": "core"}
    h.update(headers or {})
    interactions.append({"request": {"method": "GET", "path": path},
                         "response": {"status": status, "headers": h, "body": body}})


add("/orgs/%s" % ORG, {
    "login": ORG, "id": 91823311, "node_id": "O_kgDOBXkCTw", "url": "%s/orgs/%s" % (API, ORG),
    "repos_url": "%s/orgs/%s/repos" % (API, ORG), "description": "Product analytics for B2B SaaS",
    "name": "Brightwave Analytics", "company": None, "blog": "https://brightwave.example", "location": "Berlin",
    "email": "engineering@brightwave.example", "is_verified": True, "has_organization_projects": True,
    "public_repos": 3, "followers": 41, "html_url": "https://github.com/%s" % ORG,
    "created_at": "2019-03-11T09:12:40Z", "type": "Organization", "total_private_repos": 9, "plan":
        {"name": "team", "space": 976562499, "private_repos": 999999, "filled_seats": 26, "seats": 30},
    "default_repository_permission": "read", "members_can_create_repositories": True,
    "two_factor_requirement_enabled": False, "members_allowed_repository_creation_type": "private",
    "members_can_create_public_repositories": False, "members_can_create_private_repositories": True,
    "web_commit_signoff_required": False, "dependabot_alerts_enabled_for_new_repositories": True})

uid = 5100231
members, outside = {"admin": [], "member": []}, []
profiles = []
for name, local, dept, manager, kind, start, end, login, role in PEOPLE:
    if login is None:
        continue
    uid += 7919
    entry = user(login, uid)
    (outside if role == "outside" else members[role]).append(entry)
    profiles.append((login, uid, name, local + "@" + DOMAIN))
uid += 7919
members[STRANGER[3]].append(user(STRANGER[2], uid))
profiles.append((STRANGER[2], uid, STRANGER[0], STRANGER[1]))

for role in ("admin", "member"):
    add("/orgs/%s/members?role=%s&per_page=100" % (ORG, role), members[role])
add("/orgs/%s/members?filter=2fa_disabled&per_page=100" % ORG,
    [m for m in members["admin"] + members["member"] if m["login"] in NO_2FA])
add("/orgs/%s/outside_collaborators?per_page=100" % ORG, outside)
add("/orgs/%s/outside_collaborators?filter=2fa_disabled&per_page=100" % ORG, [])
for login, uid_, name, email in profiles:
    body = user(login, uid_)
    body.update({"name": name, "company": "@brightwave" if email.endswith(DOMAIN) else "Pike Consulting",
                 "blog": "", "location": None, "email": email, "hireable": None, "bio": None,
                 "public_repos": uid_ % 17, "followers": uid_ % 23, "following": uid_ % 11,
                 "created_at": "20%02d-0%d-1%dT10:00:00Z" % (12 + uid_ % 10, 1 + uid_ % 9, uid_ % 10),
                 "updated_at": "{{ago:40d}}"})
    add("/users/%s" % login, body)

repo_bodies = []
rid = 481200000
for name, visibility, archived, protected, approvals, checks in REPOS:
    rid += 104729
    repo_bodies.append({
        "id": rid, "node_id": "R_kgDOH%d" % rid, "name": name, "full_name": "%s/%s" % (ORG, name),
        "private": visibility != "public", "owner": {"login": ORG, "id": 91823311, "type": "Organization"},
        "html_url": "https://github.com/%s/%s" % (ORG, name), "fork": False,
        "url": "%s/repos/%s/%s" % (API, ORG, name),
        "created_at": "{{ago:6d}}" if name == "load-tests" else "20%02d-0%d-0%dT08:30:00Z" % (19 + rid % 5, 1 + rid % 9, 1 + rid % 9),
        "pushed_at": "{{ago:1d}}", "default_branch": "main", "visibility": visibility, "archived": archived,
        "disabled": False, "language": "Java" if name in ("api", "ingest-service", "query-engine") else None})
    path = "/repos/%s/%s/branches/main/protection" % (ORG, name)
    if protected:
        url = "%s/repos/%s/%s/branches/main/protection" % (API, ORG, name)
        add(path, {
            "url": url,
            "required_status_checks": {"url": url + "/required_status_checks", "strict": True, "contexts": checks,
                                       "checks": [{"context": c, "app_id": 15368} for c in checks]},
            "required_pull_request_reviews": {"url": url + "/required_pull_request_reviews",
                                              "dismiss_stale_reviews": True, "require_code_owner_reviews": True,
                                              "require_last_push_approval": False,
                                              "required_approving_review_count": approvals},
            "required_signatures": {"url": url + "/required_signatures", "enabled": False},
            "enforce_admins": {"url": url + "/enforce_admins", "enabled": True},
            "required_linear_history": {"enabled": True}, "allow_force_pushes": {"enabled": False},
            "allow_deletions": {"enabled": False}, "block_creations": {"enabled": False},
            "required_conversation_resolution": {"enabled": True}, "lock_branch": {"enabled": False},
            "allow_fork_syncing": {"enabled": False}})
    else:
        add(path, {"message": "Branch not protected",
                   "documentation_url": "https://docs.github.com/rest/branches/branch-protection#get-branch-protection",
                   "status": "404"}, status=404)
    add("/repos/%s/%s/rules/branches/main?per_page=100" % (ORG, name), [])
    grants = [c for c in outside if (c["login"], name) in COLLABORATOR_GRANTS]
    add("/repos/%s/%s/collaborators?affiliation=outside&per_page=100" % (ORG, name), [dict(
        c, permissions={"admin": False, "maintain": False, "push": True, "triage": True, "pull": True},
        role_name="write") for c in grants])
add("/orgs/%s/repos?type=all&per_page=100" % ORG, repo_bodies)

by_repo = {}
for pull in PULLS:
    by_repo.setdefault(pull[0], []).append(pull)
prid = 2012000000
for name, *_ in REPOS:
    listing = []
    for repo, n, title, author, merger, approvers, days, hour in sorted(by_repo.get(name, []), key=lambda p: (p[6], -p[7])):
        prid += 7
        merged = ago(days, hour) if merger else None
        updated = ago(days, hour, 5)
        base = {"url": "%s/repos/%s/%s/pulls/%d" % (API, ORG, repo, n), "id": prid, "number": n, "state": "closed",
                "locked": False, "title": title, "user": {"login": author, "type": "User"},
                "html_url": "https://github.com/%s/%s/pull/%d" % (ORG, repo, n),
                "created_at": ago(days + 1 + n % 3, hour), "updated_at": updated,
                "closed_at": ago(days, hour), "merged_at": merged,
                "base": {"label": "%s:main" % ORG, "ref": "main"}, "head": {"ref": "change-%d" % n},
                "draft": False, "author_association": "MEMBER"}
        listing.append(base)
        detail = dict(base)
        detail.update({"merged": merger is not None,
                       "merged_by": {"login": merger, "type": "User"} if merger else None,
                       "comments": n % 4, "review_comments": len(approvers) * 2, "commits": 1 + n % 5,
                       "additions": 10 + n * 3 % 400, "deletions": n * 7 % 120, "changed_files": 1 + n % 9})
        add("/repos/%s/%s/pulls/%d" % (ORG, repo, n), detail)
        reviews = []
        for k, reviewer in enumerate(approvers):
            if k == 0 and n % 5 == 0:
                reviews.append({"id": prid * 10 + 9, "user": {"login": reviewer, "type": "User"}, "body": "A question inline.",
                                "state": "COMMENTED", "submitted_at": ago(days, hour + 3),
                                "author_association": "MEMBER"})
            reviews.append({"id": prid * 10 + k, "user": {"login": reviewer, "type": "User"}, "body": "",
                            "state": "APPROVED", "submitted_at": ago(days, hour + 1), "author_association": "MEMBER"})
        add("/repos/%s/%s/pulls/%d/reviews?per_page=100" % (ORG, repo, n), reviews)
    add("/repos/%s/%s/pulls?state=closed&sort=updated&direction=desc&per_page=100" % (ORG, name), listing)


def alert(number_, repo, severity, package, ecosystem, ghsa, cve, summary, days):
    return {"number": number_, "state": "open",
            "dependency": {"package": {"ecosystem": ecosystem, "name": package}, "manifest_path": "package-lock.json"
                           if ecosystem == "npm" else "pom.xml", "scope": "runtime"},
            "security_advisory": {"ghsa_id": ghsa, "cve_id": cve, "summary": summary, "severity": severity},
            "security_vulnerability": {"package": {"ecosystem": ecosystem, "name": package}, "severity": severity},
            "url": "%s/repos/%s/%s/dependabot/alerts/%d" % (API, ORG, repo, number_),
            "html_url": "https://github.com/%s/%s/security/dependabot/%d" % (ORG, repo, number_),
            "created_at": ago(days, 6), "updated_at": ago(days, 6),
            "repository": {"id": 0, "name": repo, "full_name": "%s/%s" % (ORG, repo), "private": True}}


add("/orgs/%s/dependabot/alerts?state=open&per_page=100" % ORG, [
    alert(14, "web-app", "high", "undici", "npm", "GHSA-c76h-2ccp-4975", "CVE-2025-22150",
          "Use of insufficiently random values in undici", 9),
    alert(6, "ingest-service", "critical", "com.fasterxml.jackson.core:jackson-databind", "maven",
          "GHSA-57j2-w4cx-62h2", "CVE-2025-52999", "Deeply nested input may exhaust the stack", 3),
])

with open(os.path.join(OUT, "github-brightwave.json"), "w") as f:
    f.write('{"source": "GitHub REST API 2022-11-28, written from the published API reference",\n')
    f.write(' "organization": "%s",\n "interactions": [\n' % ORG)
    f.write(",\n".join(json.dumps(x, separators=(",", ":")) for x in interactions))
    f.write("\n]}\n")

with open(os.path.join(OUT, "hr-roster.csv"), "w") as f:
    f.write("Full Name,Work Email,Department,Manager Email,Employment Type,Start Date,End Date\n")
    for name, local, dept, manager, kind, start, end, *_ in PEOPLE:
        quoted = '"%s"' % name if "," in name or "'" in name else name
        f.write("%s,%s@%s,%s,%s@%s,%s,%s,%s\n" % (quoted, local, DOMAIN, dept, manager, DOMAIN, kind, start, end))
print(len(interactions), "interactions,", len(PULLS), "pull requests,", len(PEOPLE), "people")
