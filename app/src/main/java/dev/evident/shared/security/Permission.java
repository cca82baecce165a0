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
    METRICS_READ;

    /** Authority name used by Spring Security for non-controller endpoints (actuator). */
    public String authority() {
        return "PERM_" + name();
    }
}
