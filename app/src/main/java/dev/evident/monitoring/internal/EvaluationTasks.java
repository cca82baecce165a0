package dev.evident.monitoring.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.evident.integration.BackgroundTasks;
import dev.evident.integration.ConnectionSynced;
import dev.evident.monitoring.internal.EvaluationRequests.Request;
import dev.evident.shared.AfterCommit;
import dev.evident.shared.Timestamps;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Check evaluation as work of its own, off the sync thread. A finished sync records an
 * {@link EvaluationRequests evaluation request} in its own transaction and, once that commits, plans
 * the db-scheduler task {@value #TASK} for the connection (one execution per connection, so syncs in a
 * row do not pile up: a later sync merges into the waiting request). The task evaluates until no newer
 * sync merged in while it ran, so a slow evaluation never delays a sync and a failing one never fails
 * it. A sync finishing while its connection's evaluation is already running plans a follow-up execution;
 * a sweep every minute re-plans any request whose execution went missing.
 *
 * <p>One evaluation of a connection runs at a time, in this process (a lock) and across nodes (an
 * {@link EvaluationLeases evaluation lease} in the database): the main execution and a follow-up may
 * be picked up by different nodes, and an evaluation asked for in place runs on the node that asked.
 */
@Component
class EvaluationTasks {

    private static final Logger log = LoggerFactory.getLogger(EvaluationTasks.class);

    static final String TASK = "check-evaluation";
    static final String SWEEP = "check-evaluation-sweep";
    private static final String FOLLOW_UP = "/again";
    /**
     * How long a claim on a connection's evaluation holds without renewal. The evaluating node renews
     * it every {@link #RENEW_EVERY} while it works, so a node that stopped (a crash, a restart in the
     * middle of an evaluation) holds the connection up for at most this long.
     */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    /** An evaluation still running after this long is presumed stuck: its claim is no longer renewed. */
    private static final Duration MAX_HOLD = Duration.ofMinutes(30);
    private static final Duration LEASE_POLL = Duration.ofMillis(250);

    private final EvaluationRequests requests;
    private final CheckEvaluation evaluation;
    /**
     * One evaluation of a connection at a time in this process. db-scheduler runs one execution per
     * connection, but an evaluation asked for in place ({@code MonitoringHistory.evaluateNow}, demo
     * seeding) would otherwise run alongside it: the same checks twice, and a caller that returns before
     * the results it needs are written.
     */
    private final Map<UUID, ReentrantLock> evaluating = new ConcurrentHashMap<>();
    private final BackgroundTasks tasks;
    private final EvaluationLeases leases;
    /** This process among the nodes, as the holder of its leases. */
    private final String node = "node-" + UUID.randomUUID();
    private final Clock clock;
    /** Leases measure elapsed time, not the business time {@code clock} tells (which tests move on by days). */
    private final Clock leaseClock = Clock.systemUTC();
    private final Duration renewEvery;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "evaluation-lease");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    EvaluationTasks(EvaluationRequests requests, CheckEvaluation evaluation, BackgroundTasks tasks,
                    EvaluationLeases leases, Clock clock) {
        this(requests, evaluation, tasks, leases, clock, RENEW_EVERY);
    }

    /** With the claim renewed every {@code renewEvery} (shorter in tests). */
    EvaluationTasks(EvaluationRequests requests, CheckEvaluation evaluation, BackgroundTasks tasks,
                    EvaluationLeases leases, Clock clock, Duration renewEvery) {
        this.renewEvery = renewEvery;
        this.requests = requests;
        this.evaluation = evaluation;
        this.tasks = tasks;
        this.leases = leases;
        this.clock = clock;
    }

    /** The db-scheduler tasks; they only look up the runner when an execution runs. */
    @Configuration(proxyBeanMethods = false)
    static class Definitions {

        @Bean
        Task<String> checkEvaluationTask(ObjectProvider<EvaluationTasks> runner) {
            return Tasks.custom(TASK, String.class)
                    .onFailureReschedule(Schedules.fixedDelay(Duration.ofMinutes(1)))
                    .onDeadExecutionRevive()
                    .execute((instance, context) -> runner.getObject().run(instance));
        }

        @Bean
        RecurringTask<Void> checkEvaluationSweep(ObjectProvider<EvaluationTasks> runner) {
            return Tasks.recurring(SWEEP, Schedules.fixedDelay(Duration.ofMinutes(1)))
                    .execute((instance, context) -> runner.getObject().sweep());
        }
    }

    /** In the sync's transaction: the request commits with the sync's record, the task is planned after. */
    @EventListener
    void on(ConnectionSynced synced) {
        requests.request(synced, Timestamps.now(clock));
        AfterCommit.run(() -> plan(synced.orgId(), synced.connectionId()));
    }

    /** Plans the connection's evaluation now; a follow-up when one is running and may have read too early. */
    void plan(UUID orgId, UUID connectionId) {
        try {
            Instant now = Timestamps.now(clock);
            if (!tasks.scheduleIfNotExists(new TaskInstance<>(TASK, connectionId.toString(), orgId.toString()), now)) {
                tasks.scheduleIfNotExists(new TaskInstance<>(TASK, connectionId + FOLLOW_UP, orgId.toString()), now);
            }
        } catch (RuntimeException e) {
            // The request is stored: the sweep plans it.
            log.warn("Could not plan the check evaluation of connection {}: {}", connectionId, e.getMessage());
        }
    }

    CompletionHandler<String> run(TaskInstance<String> instance) {
        UUID connectionId = UUID.fromString(instance.getId().replace(FOLLOW_UP, ""));
        UUID orgId = UUID.fromString(instance.getData());
        evaluatePending(orgId, connectionId);
        return (complete, ops) -> ops.remove();
    }

    /**
     * Evaluates the connection's request, again while newer syncs merged into it during the evaluation;
     * waits first for an evaluation of the same connection running here or on another node.
     */
    void evaluatePending(UUID orgId, UUID connectionId) {
        ReentrantLock lock = evaluating.computeIfAbsent(connectionId, id -> new ReentrantLock());
        lock.lock();
        try {
            acquireLease(orgId, connectionId);
            ScheduledFuture<?> renewing = renewWhileEvaluating(orgId, connectionId);
            try {
                evaluateRequests(orgId, connectionId);
            } finally {
                renewing.cancel(false);
                leases.release(orgId, connectionId, node);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Renews this node's claim every {@code renewEvery} until cancelled, for at most {@link #MAX_HOLD}. */
    private ScheduledFuture<?> renewWhileEvaluating(UUID orgId, UUID connectionId) {
        Instant until = leaseClock.instant().plus(MAX_HOLD);
        return heartbeat.scheduleAtFixedRate(() -> {
            Instant now = leaseClock.instant();
            if (now.isBefore(until)) {
                try {
                    leases.tryAcquire(orgId, connectionId, node, now, LEASE);
                } catch (RuntimeException e) {
                    log.warn("Could not renew the evaluation claim on connection {}: {}", connectionId, e.getMessage());
                }
            }
        }, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopRenewing() {
        heartbeat.shutdownNow();
    }

    /**
     * Waits for another node's evaluation of the connection to end (or its claim to lapse, at most
     * {@link #LEASE} after that node stopped renewing it), then claims it.
     */
    private void acquireLease(UUID orgId, UUID connectionId) {
        while (!leases.tryAcquire(orgId, connectionId, node, leaseClock.instant(), LEASE)) {
            try {
                Thread.sleep(LEASE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for another node's evaluation of connection "
                        + connectionId, e);
            }
        }
    }

    /** Whether a caller waits for the connection's running evaluation (for tests). */
    boolean waitingFor(UUID connectionId) {
        ReentrantLock lock = evaluating.get(connectionId);
        return lock != null && lock.hasQueuedThreads();
    }

    private void evaluateRequests(UUID orgId, UUID connectionId) {
        for (Optional<Request> r = requests.find(orgId, connectionId); r.isPresent(); r = requests.find(orgId, connectionId)) {
            ConnectionSynced synced = r.get().synced();
            try {
                evaluation.afterSync(synced);
            } catch (RuntimeException e) {
                log.warn("Could not evaluate checks after sync {} of organization {}: {}", synced.syncId(), orgId,
                        e.getMessage(), e);
            }
            if (requests.done(orgId, connectionId, synced.syncId())) {
                return;
            }
        }
    }

    /** Plans requests that have waited a minute without an execution (a node stopped between commit and plan). */
    void sweep() {
        Instant now = Timestamps.now(clock);
        for (Request r : requests.waitingSince(now.minus(Duration.ofMinutes(1)))) {
            if (!tasks.exists(TaskInstanceId.of(TASK, r.connectionId().toString()))
                    && !tasks.exists(TaskInstanceId.of(TASK, r.connectionId() + FOLLOW_UP))) {
                plan(r.orgId(), r.connectionId());
            }
        }
    }
}
