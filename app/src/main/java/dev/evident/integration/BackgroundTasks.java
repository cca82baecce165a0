package dev.evident.integration;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Instant;

/**
 * The application's db-scheduler, which the integration module runs for its syncs and shares: any
 * bean of type {@link com.github.kagkarlsson.scheduler.task.Task} (a one-time, custom or recurring
 * task of another module) is registered with it at start-up. db-scheduler picks each due execution
 * on exactly one node, so a cluster on PostgreSQL runs each execution once; on H2 the same code runs
 * on the single node. Recurring tasks are scheduled by db-scheduler itself when it starts.
 */
public interface BackgroundTasks {

    /**
     * Plans the instance at {@code at} unless an execution with the same task and id exists already
     * (planned or running); returns whether it planned one.
     */
    boolean scheduleIfNotExists(TaskInstance<?> instance, Instant at);

    /** Whether an execution of the instance is planned or running. */
    boolean exists(TaskInstanceId id);

    /** Looks for due executions now instead of at the next poll. */
    void checkNow();
}
