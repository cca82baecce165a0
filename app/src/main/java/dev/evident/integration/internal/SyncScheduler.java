package dev.evident.integration.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient.ScheduleOptions;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.evident.integration.BackgroundTasks;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs connection syncs with db-scheduler on the application's database: one task instance per
 * connection (id = connection id, data = organization id and what triggered the run) that reschedules
 * itself after every run. db-scheduler picks each due execution on exactly one node, so a cluster on
 * PostgreSQL syncs each connection once per interval; on H2 the same code runs on the single node.
 */
@Component
class SyncScheduler implements SmartLifecycle, BackgroundTasks {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    static final String TASK = "connection-sync";
    static final String SCHEDULED = "scheduled";
    static final String MANUAL = "manual";

    private final CustomTask<String> task;
    private final DataSource dataSource;
    /** Replaced by a fresh one when stopped: a db-scheduler Scheduler cannot be started again after it stopped. */
    private volatile Scheduler scheduler;
    private final ObjectProvider<SyncEngine> engine;
    /** Tasks of other modules (beans of type Task) that share this scheduler. */
    private final ObjectProvider<Task<?>> otherTasks;
    private final ConnectionStore store;
    private final IntegrationProperties properties;
    private final Clock clock;
    private volatile boolean running;

    SyncScheduler(DataSource dataSource, ObjectProvider<SyncEngine> engine, ObjectProvider<Task<?>> otherTasks,
                  ConnectionStore store, IntegrationProperties properties, Clock clock) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.otherTasks = otherTasks;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.task = Tasks.custom(TASK, String.class)
                // A run that threw (a bug, not a failing connection: those are recorded as failed syncs) tries again later.
                .onFailureReschedule(Schedules.fixedDelay(Duration.ofMinutes(5)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> run(instance));
        this.scheduler = newScheduler();
    }

    private Scheduler newScheduler() {
        List<Task<?>> tasks = new ArrayList<>();
        List<RecurringTask<?>> recurring = new ArrayList<>();
        tasks.add(task);
        otherTasks.orderedStream().forEach(t -> {
            if (t instanceof RecurringTask<?> r) {
                recurring.add(r); // planned by db-scheduler when it starts, unless planned already
            } else {
                tasks.add(t);
            }
        });
        return new SchedulerBuilder(dataSource, tasks)
                .startTasks(recurring)
                // The application's clock, which tests control, decides when a sync is due.
                .clock(() -> Timestamps.now(clock))
                .threads(Math.max(1, properties.scheduler().threads()))
                .pollingInterval(properties.scheduler().pollingInterval())
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    private CompletionHandler<String> run(TaskInstance<String> instance) {
        UUID connectionId = UUID.fromString(instance.getId());
        String[] data = instance.getData().split("\\|", 2);
        UUID orgId = UUID.fromString(data[0]);
        String trigger = data.length > 1 ? data[1] : SCHEDULED;
        Optional<SyncEngine.Outcome> outcome = engine.getObject().sync(orgId, connectionId, trigger);
        if (outcome.isEmpty()) {
            return (complete, ops) -> ops.remove();
        }
        Instant next = Timestamps.now(clock).plus(delay(outcome.get()));
        return (complete, ops) -> ops.reschedule(complete, next, orgId + "|" + SCHEDULED);
    }

    /**
     * After a good sync, the interval. After a failed or partial one, a retry that doubles with each
     * failure in a row (first sync delay, 2×, 4×, ...) but never beyond the interval, and never before the
     * source's Retry-After.
     */
    Duration delay(SyncEngine.Outcome outcome) {
        if (outcome.ok()) {
            return outcome.interval();
        }
        Duration retry = properties.firstSyncDelay().multipliedBy(1L << Math.min(20, Math.max(0, outcome.consecutiveFailures() - 1)));
        if (retry.compareTo(outcome.interval()) > 0) {
            retry = outcome.interval();
        }
        if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(retry) > 0) {
            retry = outcome.retryAfter();
        }
        return retry;
    }

    /** Plans the connection's next sync at {@code at}, replacing any plan it had. */
    void schedule(UUID orgId, UUID connectionId, Instant at) {
        scheduler.schedule(task.instance(connectionId.toString(), orgId + "|" + SCHEDULED), at,
                ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
    }

    /** Makes the connection's sync due now; false when one is running at this moment. */
    boolean runNow(UUID orgId, UUID connectionId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, connectionId.toString());
        Optional<ScheduledExecution<Object>> existing = scheduler.getScheduledExecution(id);
        if (existing.isPresent() && existing.get().isPicked()) {
            return false;
        }
        Instant now = Timestamps.now(clock);
        try {
            if (existing.isPresent()) {
                return scheduler.reschedule(id, now, orgId + "|" + MANUAL);
            }
            scheduler.schedule(task.instance(connectionId.toString(), orgId + "|" + MANUAL), now);
            return true;
        } catch (RuntimeException e) {
            // Picked by a node between the look-up and the update: that run is the one asked for.
            log.debug("Sync now of {} raced a starting run: {}", connectionId, e.getMessage());
            return false;
        }
    }

    void cancel(UUID connectionId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, connectionId.toString());
        if (scheduler.getScheduledExecution(id).filter(e -> !e.isPicked()).isPresent()) {
            try {
                scheduler.cancel(id);
            } catch (RuntimeException e) {
                // Running now: the run finds the connection gone or disabled and ends the schedule itself.
                log.debug("Could not cancel the sync of {}: {}", connectionId, e.getMessage());
            }
        }
    }

    /** When the connection syncs next; empty when it is not scheduled or a sync of it is running. */
    Optional<Instant> nextRun(UUID connectionId) {
        return scheduler.getScheduledExecution(TaskInstanceId.of(TASK, connectionId.toString()))
                .filter(e -> !e.isPicked()).map(ScheduledExecution::getExecutionTime);
    }

    @Override
    public boolean scheduleIfNotExists(TaskInstance<?> instance, Instant at) {
        return scheduler.scheduleIfNotExists(instance, at);
    }

    @Override
    public boolean exists(TaskInstanceId id) {
        return scheduler.getScheduledExecution(id).isPresent();
    }

    /** Looks for due executions now instead of at the next poll. */
    @Override
    public void checkNow() {
        if (running) {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    @Override
    public void start() {
        // Connections whose schedule went missing (restored database, a crash between the two writes) get one again.
        Instant first = Timestamps.now(clock).plus(properties.firstSyncDelay());
        for (ConnectionStore.Connection c : store.allEnabled()) {
            scheduler.scheduleIfNotExists(task.instance(c.id().toString(), c.orgId() + "|" + SCHEDULED), first);
        }
        if (properties.scheduler().enabled()) {
            scheduler.start(); // also schedules the recurring tasks of other modules
            running = true;
        }
    }

    @Override
    public void stop() {
        if (running) {
            scheduler.stop();
            running = false;
            // A context can be stopped and started again (Spring pauses cached test contexts, for one).
            scheduler = newScheduler();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
