package dev.evident.shared.security;

/**
 * What a caller may do inside one organization. Controllers declare one of these per method
 * (see {@link RequiresPermission}); roles are fixed bundles of them (see {@link Role}).
 * Later modules add their own constants here.
 */
public enum Permission {
    ORGANIZATION_READ,
    ORGANIZATION_MANAGE,
    ORGANIZATION_CREATE,
    MEMBERS_READ,
    MEMBERS_MANAGE,
    INVITATIONS_MANAGE,
    TOKENS_MANAGE,
    AUDIT_LOG_READ,
    METRICS_READ,
    /** See programs, their scope, system description and readiness. */
    PROGRAMS_READ,
    /** Create, rescope and delete programs. */
    PROGRAMS_MANAGE,
    /** See the organization's controls and their mappings. */
    CONTROLS_READ,
    /** Adopt, write, map, assign and delete controls; import controls as code. */
    CONTROLS_MANAGE,
    /** Move controls one owns through their lifecycle (Defined, Implemented). */
    CONTROLS_OPERATE,
    /** See evidence, its content, coverage and the ledger. */
    EVIDENCE_READ,
    /** Add evidence (files, links, records), supersede it, link it to controls. */
    EVIDENCE_WRITE,
    /** Export audit packages of a program's evidence. */
    EVIDENCE_EXPORT,
    /** See connections (credentials always masked), their sync history, the inventory and identity links. */
    INTEGRATIONS_READ,
    /** Add, change, test, sync and delete connections; upload their documents; manage identity links. */
    INTEGRATIONS_MANAGE,
    /** Register webhook endpoints, rotate their secrets, read their delivery log and redeliver. */
    WEBHOOKS_MANAGE,
    /** See checks, their versions, results, history and exceptions; dry-run an expression. */
    CHECKS_READ,
    /** Create, change, disable and evaluate checks; accept failing resources with exceptions. */
    CHECKS_MANAGE;

    /** Authority name used by Spring Security for non-controller endpoints (actuator). */
    public String authority() {
        return "PERM_" + name();
    }
}
