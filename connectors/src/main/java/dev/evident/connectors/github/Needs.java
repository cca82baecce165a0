package dev.evident.connectors.github;

/** The permission each call needs, spelled for classic tokens, fine-grained tokens and Apps alike. */
final class Needs {

    static final String ORGANIZATION = "access to the organization (classic token: read:org scope; "
            + "fine-grained token or App: the organization as resource owner / App installed on it)";
    static final String MEMBERS = "the read:org scope (classic token) or the \"Members: read\" organization "
            + "permission (fine-grained token or GitHub App)";
    static final String TWO_FACTOR = "an organization owner's token with read:org (classic), or \"Members: read\" "
            + "(App); only owners can see who has 2FA disabled";
    static final String REPOSITORIES = "the repo scope (classic token) or \"Metadata: read\" repository "
            + "permission on all repositories (fine-grained token or GitHub App)";
    static final String ADMINISTRATION = "the repo scope with admin rights on the repository (classic token) or the "
            + "\"Administration: read\" repository permission (fine-grained token or GitHub App) to read branch protection";
    static final String PULL_REQUESTS = "the repo scope (classic token) or the \"Pull requests: read\" repository "
            + "permission (fine-grained token or GitHub App)";
    static final String DEPENDABOT = "the security_events scope, or repo (classic token), or the \"Dependabot alerts: "
            + "read\" repository permission (fine-grained token or GitHub App), as an owner or security manager";
    static final String COLLABORATORS = "the read:org and repo scopes (classic token) or the \"Metadata: read\" "
            + "repository permission on all repositories (fine-grained token or GitHub App), with write access to them, "
            + "to list each repository's outside collaborators";
    static final String USERS = "any valid token (public profiles)";

    private Needs() {
    }
}
