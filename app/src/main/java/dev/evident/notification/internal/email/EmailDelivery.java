package dev.evident.notification.internal.email;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.evident.identity.OrganizationDirectory;
import dev.evident.integration.BackgroundTasks;
import dev.evident.notification.internal.email.EmailOutbox.Pending;
import dev.evident.shared.AfterCommit;
import dev.evident.shared.Ids;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Immediate email through an outbox: the email is a row written in the notification's transaction;
 * after the commit a db-scheduler task ({@value #TASK}, one execution per email, on one node) sends it.
 * The thread that published the change never talks to the SMTP server, so a slow or failing server
 * cannot slow or fail an evaluation. A failed try is retried after the next of
 * {@code evident.notifications.email.retry-delays}; after the last the email is FAILED. A sweep every
 * five minutes re-plans emails whose execution went missing (a node stopped between commit and plan).
 */
@Component
class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

    static final String TASK = "email-delivery";
    static final String SWEEP = "email-delivery-sweep";

    private final EmailOutbox outbox;
    private final Mailer mailer;
    private final OrganizationDirectory members;
    private final EmailBodies bodies;
    private final BackgroundTasks tasks;
    private final List<Duration> retryDelays;
    private final Clock clock;

    EmailDelivery(EmailOutbox outbox, Mailer mailer, OrganizationDirectory members, EmailBodies bodies,
                  BackgroundTasks tasks, NotificationProperties properties, Clock clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.members = members;
        this.bodies = bodies;
        this.tasks = tasks;
        this.retryDelays = properties.email().retryDelays();
        this.clock = clock;
    }

    @Configuration(proxyBeanMethods = false)
    static class Definitions {

        @Bean
        Task<String> emailDeliveryTask(ObjectProvider<EmailDelivery> delivery) {
            return Tasks.custom(TASK, String.class)
                    .onFailureReschedule(Schedules.fixedDelay(Duration.ofMinutes(5)))
                    .onDeadExecutionRevive()
                    .execute((instance, context) -> delivery.getObject().run(instance));
        }

        @Bean
        RecurringTask<Void> emailDeliverySweep(ObjectProvider<EmailDelivery> delivery) {
            return Tasks.recurring(SWEEP, Schedules.fixedDelay(Duration.ofMinutes(5)))
                    .execute((instance, context) -> delivery.getObject().sweep());
        }
    }

    /** In the notification's transaction: the email waits in the outbox and is planned once that commits. */
    void enqueue(UUID notificationId, UUID orgId, UUID userId) {
        UUID id = Ids.next(clock);
        Instant now = Timestamps.now(clock);
        outbox.add(id, notificationId, orgId, userId, now);
        AfterCommit.run(() -> plan(orgId, id, now));
    }

    private void plan(UUID orgId, UUID id, Instant at) {
        try {
            tasks.scheduleIfNotExists(new TaskInstance<>(TASK, id.toString(), orgId.toString()), at);
        } catch (RuntimeException e) {
            log.warn("Could not plan email {}: {} (the sweep will)", id, e.getMessage());
        }
    }

    CompletionHandler<String> run(TaskInstance<String> instance) {
        UUID id = UUID.fromString(instance.getId());
        UUID orgId = UUID.fromString(instance.getData());
        Optional<Instant> retry = attempt(orgId, id);
        if (retry.isPresent()) {
            return (complete, ops) -> ops.reschedule(complete, retry.get());
        }
        return (complete, ops) -> ops.remove();
    }

    /** One try of a waiting email; the time of the next try when it failed and may be tried again. */
    Optional<Instant> attempt(UUID orgId, UUID id) {
        Optional<Pending> found = outbox.pending(orgId, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Pending p = found.get();
        int attempts = p.attempts() + 1;
        Instant now = Timestamps.now(clock);
        Optional<OrganizationDirectory.MemberSummary> member = members.member(orgId, p.userId());
        if (member.isEmpty() || !mailer.enabled()) {
            outbox.finish(orgId, id, "SKIPPED", p.attempts(), now, member.isEmpty() ? "no longer a member" : "email is off");
            return Optional.empty();
        }
        try {
            var rendered = bodies.single(new EmailBodies.Item(p.subject(), p.body(), p.link()));
            mailer.send(member.get().email(), rendered.subject(), rendered.text(), rendered.html());
            outbox.finish(orgId, id, "SENT", attempts, Timestamps.now(clock), null);
            return Optional.empty();
        } catch (RuntimeException e) {
            if (attempts > retryDelays.size()) {
                log.warn("Email {} failed for good after {} tries: {}", id, attempts, e.getMessage());
                outbox.finish(orgId, id, "FAILED", attempts, now, e.getMessage());
                return Optional.empty();
            }
            Instant next = now.plus(retryDelays.get(attempts - 1));
            log.info("Email {} failed (try {}), trying again at {}: {}", id, attempts, next, e.getMessage());
            outbox.retryAt(orgId, id, attempts, next, e.getMessage());
            return Optional.of(next);
        }
    }

    /** Plans waiting emails that are overdue by a minute and have no execution. */
    void sweep() {
        Instant now = Timestamps.now(clock);
        for (Pending p : outbox.dueBefore(now.minus(Duration.ofMinutes(1)))) {
            if (!tasks.exists(TaskInstanceId.of(TASK, p.id().toString()))) {
                plan(p.orgId(), p.id(), now);
            }
        }
    }
}
