package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.evident.integration.BackgroundTasks;
import dev.evident.integration.ConnectionSynced;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class EvaluationTasksTest {

    private final UUID org = UUID.randomUUID();
    private final UUID connection = UUID.randomUUID();
    private final ConnectionSynced synced = new ConnectionSynced(org, connection, "okta", UUID.randomUUID(),
            Instant.parse("2026-11-30T02:10:14Z"), List.of("okta.user"), List.of(), null, "digest");

    /** The sync's request, waiting until it is done once. */
    private EvaluationRequests oneWaitingRequest() {
        EvaluationRequests requests = mock(EvaluationRequests.class);
        AtomicBoolean done = new AtomicBoolean();
        when(requests.find(org, connection)).thenAnswer(call -> done.get() ? Optional.empty()
                : Optional.of(new EvaluationRequests.Request(org, connection, synced)));
        when(requests.done(org, connection, synced.syncId())).thenAnswer(call -> {
            done.set(true);
            return true;
        });
        return requests;
    }

    @Test
    void anEvaluationAskedForInPlaceWaitsForTheRunningOneAndDoesNotRepeatIt() throws Exception {
        EvaluationRequests requests = oneWaitingRequest();
        CheckEvaluation evaluation = mock(CheckEvaluation.class);
        CountDownLatch evaluating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        when(evaluation.afterSync(any())).thenAnswer(call -> {
            calls.incrementAndGet();
            evaluating.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            return List.of();
        });
        EvaluationLeases leases = mock(EvaluationLeases.class);
        when(leases.tryAcquire(any(), any(), any(), any(), any())).thenReturn(true);
        EvaluationTasks tasks = new EvaluationTasks(requests, evaluation, mock(BackgroundTasks.class), leases,
                Clock.fixed(Instant.parse("2026-11-30T02:10:15Z"), ZoneOffset.UTC));

        Thread task = new Thread(() -> tasks.evaluatePending(org, connection), "background task");
        task.start();
        assertThat(evaluating.await(30, TimeUnit.SECONDS)).isTrue();
        Thread inPlace = new Thread(() -> tasks.evaluatePending(org, connection), "seeding");
        inPlace.start();
        while (!tasks.waitingFor(connection)) {
            assertThat(calls.get()).as("the second caller waits instead of evaluating alongside").isEqualTo(1);
            Thread.onSpinWait();
        }
        release.countDown();
        task.join();
        inPlace.join();

        verify(evaluation, times(1)).afterSync(synced);
    }

    @Test
    void theClaimIsRenewedWhileALongEvaluationRunsAndGivenUpAtTheEnd() throws Exception {
        EvaluationRequests requests = oneWaitingRequest();
        CountDownLatch renewed = new CountDownLatch(3); // the claim, then two renewals
        EvaluationLeases leases = mock(EvaluationLeases.class);
        when(leases.tryAcquire(any(), any(), any(), any(), any())).thenAnswer(call -> {
            renewed.countDown();
            return true;
        });
        CheckEvaluation evaluation = mock(CheckEvaluation.class);
        when(evaluation.afterSync(any())).thenAnswer(call -> {
            assertThat(renewed.await(30, TimeUnit.SECONDS)).as("renewed while evaluating").isTrue();
            return List.of();
        });
        EvaluationTasks tasks = new EvaluationTasks(requests, evaluation, mock(BackgroundTasks.class), leases,
                Clock.fixed(Instant.parse("2026-11-30T02:10:15Z"), ZoneOffset.UTC), java.time.Duration.ofMillis(20));
        try {
            tasks.evaluatePending(org, connection);
        } finally {
            tasks.stopRenewing();
        }

        String node = tasksNode(leases);
        verify(leases).release(org, connection, node);
    }

    /** The holder name the node claimed with. */
    private static String tasksNode(EvaluationLeases leases) {
        ArgumentCaptor<String> holder = ArgumentCaptor.forClass(String.class);
        verify(leases, atLeast(3)).tryAcquire(any(), any(), holder.capture(), any(), any());
        assertThat(holder.getAllValues()).as("one holder throughout").containsOnly(holder.getValue());
        return holder.getValue();
    }
}
