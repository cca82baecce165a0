package dev.evident.identity;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.audit.Audited;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import dev.evident.shared.security.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events published by the identity module. Each is audited; other modules may listen to them
 * (e.g. people management reacting to {@link MemberRemoved}).
 */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    private static AuditRecord userRecord(UUID orgId, UUID userId, String email, String ip, String action,
                                          Map<String, Object> summary) {
        return new AuditRecord(orgId, ActorType.USER, userId == null ? null : userId.toString(), email, ip,
                action, "user", userId == null ? null : userId.toString(), summary);
    }

    /** A user signed in; recorded in every organization they belong to. */
    public record UserSignedIn(UUID userId, String email, List<UUID> orgIds, String clientIp, String method)
            implements Audited {
        public List<AuditRecord> auditRecords() {
            return orgIds.stream().map(org -> userRecord(org, userId, email, clientIp, "sign_in.succeeded",
                    map("method", method))).toList();
        }
    }

    /** A sign-in was refused for a known account (unknown emails are only logged, they have no organization). */
    public record SignInFailed(UUID userId, String email, List<UUID> orgIds, String clientIp, String reason)
            implements Audited {
        public List<AuditRecord> auditRecords() {
            return orgIds.stream().map(org -> new AuditRecord(org, ActorType.ANONYMOUS, null, email, clientIp,
                    "sign_in.failed", "user", userId.toString(), map("reason", reason))).toList();
        }
    }

    public record UserSignedOut(UUID userId, String email, List<UUID> orgIds, String clientIp, boolean everywhere,
                                int sessionsEnded) implements Audited {
        public List<AuditRecord> auditRecords() {
            return orgIds.stream().map(org -> userRecord(org, userId, email, clientIp,
                    everywhere ? "sign_out.everywhere" : "sign_out", map("sessionsEnded", sessionsEnded))).toList();
        }
    }

    public record AccountChanged(UUID userId, String email, List<UUID> orgIds, String clientIp, String action,
                                 Map<String, Object> summary) implements Audited {
        public List<AuditRecord> auditRecords() {
            return orgIds.stream().map(org -> userRecord(org, userId, email, clientIp, action, summary)).toList();
        }
    }

    public record OrganizationCreated(Actor actor, UUID orgId, String name, String slug) implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor.inOrganization(orgId, Role.ADMIN), "organization.created",
                    "organization", orgId, map("name", name, "slug", slug)));
        }
    }

    public record OrganizationUpdated(Actor actor, UUID orgId, Map<String, Object> changes) implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "organization.updated", "organization", orgId, changes));
        }
    }

    public record MemberInvited(Actor actor, UUID invitationId, String email, Role role) implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "invitation.created", "invitation", invitationId,
                    map("email", email, "role", role.name())));
        }
    }

    public record InvitationRevoked(Actor actor, UUID invitationId, String email) implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "invitation.revoked", "invitation", invitationId, map("email", email)));
        }
    }

    public record MemberJoined(UUID orgId, UUID userId, String email, Role role, UUID invitationId, boolean newAccount,
                               String clientIp) implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(userRecord(orgId, userId, email, clientIp, "member.joined",
                    map("role", role.name(), "invitation", invitationId == null ? null : invitationId.toString(),
                            "newAccount", newAccount)));
        }
    }

    public record MemberRoleChanged(Actor actor, UUID userId, String email, Role from, Role to) implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "member.role_changed", "user", userId,
                    map("email", email, "role", AuditRecord.change(from, to))));
        }
    }

    public record MemberRemoved(Actor actor, UUID userId, String email, Role role) implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "member.removed", "user", userId,
                    map("email", email, "role", role.name())));
        }
    }

    public record ApiTokenCreated(Actor actor, UUID tokenId, String name, Role role, String prefix, String expiresAt)
            implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "api_token.created", "api_token", tokenId,
                    map("name", name, "role", role.name(), "prefix", prefix, "expiresAt", expiresAt)));
        }
    }

    public record ApiTokenRevoked(Actor actor, UUID tokenId, String name, String reason) implements Audited {
        public List<AuditRecord> auditRecords() {
            return List.of(AuditRecord.by(actor, "api_token.revoked", "api_token", tokenId, map("name", name, "reason", reason)));
        }
    }
}
