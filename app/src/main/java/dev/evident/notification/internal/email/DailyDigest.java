package dev.evident.notification.internal.email;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The daily digest: one email per member who chose it, listing the notifications no digest took yet.
 * Runs as the db-scheduler recurring task {@value #TASK} at {@code evident.notifications.email.digest-cron}
 * (UTC), so one node of a cluster runs it; the digest row per (member, day) stays the claim, so even a
 * second run the same day (a manual one, an overlapping node) sends each member one digest a day. A
 * digest that cannot be sent is marked FAILED and its notifications wait for the next day's.
 */
@Component
public class DailyDigest {

    static final String TASK = "daily-digest";

    /** The recurring task; it looks the digest up only when it runs. */
    @Configuration(proxyBeanMethods = false)
    static class Definition {

        @Bean
        RecurringTask<Void> dailyDigestTask(ObjectProvider<DailyDigest> digest, NotificationProperties properties) {
            String cron = properties.email().digestCron();
            return Tasks.recurring(TASK, Schedules.cron(cron == null || cron.isBlank() ? "-" : cron, ZoneOffset.UTC))
                    .execute((instance, context) -> digest.getObject().scheduled());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

    /** What one run did, for tests and logs. */
    public record Outcome(int sent, int failed) {
    }

    private final DigestStore store;
    private final Mailer mailer;
    private final OrganizationDirectory organizations;
    private final EmailBodies bodies;
    private final Clock clock;

    DailyDigest(DigestStore store, Mailer mailer, OrganizationDirectory organizations, EmailBodies bodies, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.organizations = organizations;
        this.bodies = bodies;
        this.clock = clock;
    }

    void scheduled() {
        Outcome outcome = run();
        if (outcome.sent() + outcome.failed() > 0) {
            log.info("Daily digest: {} sent, {} failed", outcome.sent(), outcome.failed());
        }
    }

    public Outcome run() {
        if (!mailer.enabled()) {
            return new Outcome(0, 0);
        }
        Instant now = Timestamps.now(clock);
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int sent = 0;
        int failed = 0;
        for (DigestStore.Recipient recipient : store.waiting(now)) {
            UUID id = Ids.next(clock);
            if (!store.claim(id, recipient, day, now)) {
                continue; // another node has it, or today's digest went out already
            }
            int taken = store.take(id, recipient, now);
            try {
                var member = organizations.member(recipient.orgId(), recipient.userId());
                if (taken == 0 || member.isEmpty()) {
                    store.finish(recipient.orgId(), id, "SKIPPED", taken, null, member.isEmpty() ? "no longer a member" : null);
                    continue;
                }
                var items = store.lines(recipient.orgId(), id).stream()
                        .map(l -> new EmailBodies.Item(l.subject(), l.body(), l.link())).toList();
                var rendered = bodies.digest(organizations.overview(recipient.orgId()).name(), items);
                mailer.send(member.get().email(), rendered.subject(), rendered.text(), rendered.html());
                store.finish(recipient.orgId(), id, "SENT", taken, Timestamps.now(clock), null);
                sent++;
            } catch (RuntimeException e) {
                log.warn("Could not send the daily digest to user {} of organization {}: {}", recipient.userId(),
                        recipient.orgId(), e.getMessage());
                store.release(recipient.orgId(), id);
                store.finish(recipient.orgId(), id, "FAILED", 0, null, e.getMessage());
                failed++;
            }
        }
        return new Outcome(sent, failed);
    }
}
