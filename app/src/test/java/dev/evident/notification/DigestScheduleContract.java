package dev.evident.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.integration.BackgroundTasks;
import dev.evident.identity.Provisioning;
import dev.evident.monitoring.CheckStateChanged;
import dev.evident.monitoring.CheckStateChanges;
import dev.evident.shared.Timestamps;
import dev.evident.shared.security.Role;
import dev.evident.testing.BackgroundWork;
import dev.evident.testing.GreenMailServer;
import dev.evident.testing.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The daily digest as a db-scheduler recurring task: planned once in the shared table (so one node
 * of a cluster sends it) at the configured time, run by the scheduler when the clock gets there, and
 * planned again for the next day.
 */
@TestPropertySource(properties = {
        "evident.notifications.email.from=Evident <evident@test.example>",
        "evident.notifications.email.digest-cron=0 0 8 * * *"})
abstract class DigestScheduleContract extends IntegrationTest {

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        GreenMailServer.register(registry);
    }

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Provisioning provisioning;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BackgroundTasks tasks;

    private Instant nextDigest() {
        List<Object> times = jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'daily-digest'")
                .query((rs, i) -> rs.getObject(1)).list();
        assertThat(times).as("one planned digest for the whole cluster").hasSize(1);
        return Timestamps.fromDb(times.get(0));
    }

    @Test
    void theSchedulerSendsTheDigestAtTheConfiguredTimeAndPlansTheNextDay() {
        Instant planned = nextDigest();
        assertThat(LocalTime.ofInstant(planned, ZoneOffset.UTC)).isEqualTo(LocalTime.of(8, 0));

        Organization org = newOrganization("Scheduled digest");
        String suffix = Long.toString(System.nanoTime(), 36);
        String email = "dora-" + suffix + "@digest.example";
        UUID dora = provisioning.addUser(org.id(), email, "Dora Digest", "a long member passphrase " + suffix,
                Role.CONTRIBUTOR, "test");
        jdbc.sql("INSERT INTO notification_preference (org_id, user_id, email_mode, updated_at) VALUES (:org, :user, "
                        + "'DAILY_DIGEST', :at)")
                .param("org", org.id()).param("user", dora).param("at", Timestamps.toDb(clock.instant())).update();
        String controlId = NotificationDeliveryContract.control(org, "DS-01", dora);
        if (!clock.instant().isBefore(planned)) {
            clock.set(planned.minus(Duration.ofMinutes(1)));
        }
        events.publishEvent(CheckStateChanges.of(new CheckStateChanged(org.id(), UUID.randomUUID(),
                "github.branch-protection", "Default branch is protected", 1, "high", "github.repository", "acme/digest",
                "acme/digest", "fail", "pass", "no review required", clock.instant(),
                List.of(UUID.fromString(controlId)))));
        assertThat(GreenMailServer.to(email)).as("kept for the digest").isEmpty();

        clock.set(planned.plusSeconds(1));
        tasks.checkNow();
        BackgroundWork.await("the scheduled digest", () -> !GreenMailServer.to(email).isEmpty());
        List<MimeMessage> sent = GreenMailServer.to(email);
        assertThat(sent).hasSize(1);
        assertThat(GreenMailServer.subject(sent.get(0))).startsWith("Evident daily digest: 1 notification");
        BackgroundWork.await("the next day's plan", () -> nextDigest().equals(planned.plus(Duration.ofDays(1))));
    }
}
