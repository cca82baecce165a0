package dev.evident.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.evident.shared.audit.AuditRecord;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import dev.evident.shared.security.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

    private final UUID orgId = UUID.randomUUID();

    @Test
    void recordByAnActorCarriesWhoDidItFromWhere() {
        UUID userId = UUID.randomUUID();
        UUID memberId = UUID.randomUUID();
        Actor actor = new Actor(ActorType.USER, userId, "maya@brightwave.example", orgId, Role.ADMIN, userId, "203.0.113.7");

        AuditRecord record = AuditRecord.by(actor, "member.removed", "user", memberId, Map.of("email", "sam@brightwave.example"));

        assertThat(record.orgId()).isEqualTo(orgId);
        assertThat(record.actorType()).isEqualTo(ActorType.USER);
        assertThat(record.actorId()).isEqualTo(userId.toString());
        assertThat(record.actorLabel()).isEqualTo("maya@brightwave.example");
        assertThat(record.clientIp()).isEqualTo("203.0.113.7");
        assertThat(record.targetId()).isEqualTo(memberId.toString());
        assertThat(record.summary()).containsExactly(entry("email", "sam@brightwave.example"));
    }

    @Test
    void systemActorHasNoIdAndNoAddress() {
        AuditRecord record = AuditRecord.by(Actor.system(orgId, "bootstrap"), "organization.created", "organization",
                orgId, null);

        assertThat(record.actorType()).isEqualTo(ActorType.SYSTEM);
        assertThat(record.actorId()).isNull();
        assertThat(record.actorLabel()).isEqualTo("bootstrap");
        assertThat(record.clientIp()).isNull();
        assertThat(record.summary()).isEmpty();
    }

    @Test
    void summaryIsACopyThatCannotChangeAfterTheFact() {
        Map<String, Object> summary = new HashMap<>();
        summary.put("name", "Acme Cloud");
        AuditRecord record = new AuditRecord(orgId, ActorType.SYSTEM, null, "bootstrap", null, "organization.created",
                "organization", orgId.toString(), summary);

        summary.put("name", "Changed later");

        assertThat(record.summary()).containsExactly(entry("name", "Acme Cloud"));
        assertThatThrownBy(() -> record.summary().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void summaryKeepsTheOrderItWasWrittenIn() {
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("zeta", 1);
        summary.put("alpha", 2);
        summary.put("mid", 3);

        AuditRecord record = new AuditRecord(orgId, ActorType.SYSTEM, null, null, null, "x.y", null, null, summary);

        assertThat(record.summary().keySet()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void updateIsSummarizedAsFromAndToStrings() {
        Map<String, Object> change = AuditRecord.change(Role.CONTRIBUTOR, Role.AUDITOR);

        assertThat(change).containsExactly(entry("from", "CONTRIBUTOR"), entry("to", "AUDITOR"));
    }

    @Test
    void fieldThatWasUnsetIsSummarizedAsNull() {
        Map<String, Object> change = AuditRecord.change(null, "https://evident.acme.example");

        assertThat(change).containsEntry("from", null).containsEntry("to", "https://evident.acme.example");
    }

    @Test
    void recordWithoutOrganizationActorTypeOrActionIsRejected() {
        assertThatThrownBy(() -> new AuditRecord(null, ActorType.USER, null, null, null, "sign_in.failed", null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("orgId");
        assertThatThrownBy(() -> new AuditRecord(orgId, null, null, null, null, "sign_in.failed", null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("actorType");
        assertThatThrownBy(() -> new AuditRecord(orgId, ActorType.USER, null, null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("action");
    }
}
