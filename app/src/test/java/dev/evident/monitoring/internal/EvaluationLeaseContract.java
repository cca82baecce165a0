package dev.evident.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.evident.integration.BackgroundTasks;
import dev.evident.integration.ConnectionSynced;
import dev.evident.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One evaluation of a connection at a time across nodes. Two {@link EvaluationTasks} built on the
 * same database stand for two nodes: each has its own in-process lock, so only the lease in the
 * database can keep them apart.
 */
abstract class EvaluationLeaseContract extends IntegrationTest {

    @Autowired
    EvaluationRequests requests;

    @Autowired
    EvaluationLeases leases;

    private EvaluationTasks node(CheckEvaluation evaluation) {
        return new EvaluationTasks(requests, evaluation, mock(BackgroundTasks.class), leases, clock);
    }

    private ConnectionSynced synced(UUID org, UUID connection) {
        return new ConnectionSynced(org, connection, "okta", UUID.randomUUID(), clock.instant(), List.of("okta.user"),
                List.of(), null, "digest");
    }

    @Test
    void aSecondNodeWaitsForTheFirstNodesEvaluationOfTheSameConnectionAndFindsItDone() throws Exception {
        UUID org = newOrganization("Lease").id();
        UUID connection = UUID.randomUUID();
        ConnectionSynced synced = synced(org, connection);
        requests.request(synced, clock.instant());

        CountDownLatch evaluating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger firstNode = new AtomicInteger();
        CheckEvaluation slow = mock(CheckEvaluation.class);
        when(slow.afterSync(any())).thenAnswer(call -> {
            firstNode.incrementAndGet();
            evaluating.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            return List.of();
        });
        AtomicInteger secondNode = new AtomicInteger();
        CheckEvaluation counting = mock(CheckEvaluation.class);
        when(counting.afterSync(any())).thenAnswer(call -> {
            secondNode.incrementAndGet();
            return List.of();
        });

        Thread a = new Thread(() -> node(slow).evaluatePending(org, connection), "node a");
        a.start();
        assertThat(evaluating.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(leases.tryAcquire(org, connection, "node c", Instant.now(), Duration.ofMinutes(1)))
                .as("the running evaluation holds the lease").isFalse();
        Thread b = new Thread(() -> node(counting).evaluatePending(org, connection), "node b");
        b.start();
        b.join(1_000);
        assertThat(b.isAlive()).as("node b waits while node a evaluates").isTrue();
        assertThat(secondNode.get()).isZero();

        release.countDown();
        a.join(30_000);
        b.join(30_000);
        assertThat(b.isAlive()).isFalse();
        assertThat(firstNode.get()).isEqualTo(1);
        assertThat(secondNode.get()).as("the request was done when node b got its turn").isZero();
        assertThat(requests.find(org, connection)).isEmpty();
        assertThat(leases.tryAcquire(org, connection, "node c", Instant.now(), Duration.ofMinutes(1)))
                .as("both released the lease").isTrue();
        leases.release(org, connection, "node c");
    }

    @Test
    void differentConnectionsAreEvaluatedAtTheSameTime() {
        UUID org = newOrganization("Lease").id();
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant now = Instant.now();

        assertThat(leases.tryAcquire(org, one, "node a", now, Duration.ofMinutes(1))).isTrue();
        assertThat(leases.tryAcquire(org, other, "node b", now, Duration.ofMinutes(1))).isTrue();
        leases.release(org, one, "node a");
        leases.release(org, other, "node b");
    }

    @Test
    void aClaimLeftByANodeThatStoppedLapsesAndAnotherNodeTakesIt() {
        UUID org = newOrganization("Lease").id();
        UUID connection = UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(leases.tryAcquire(org, connection, "stopped node", now.minus(Duration.ofMinutes(20)),
                Duration.ofMinutes(15))).isTrue();

        assertThat(leases.tryAcquire(org, connection, "node b", now, Duration.ofMinutes(15))).isTrue();
        assertThat(leases.tryAcquire(org, connection, "stopped node", now, Duration.ofMinutes(15)))
                .as("the lapsed holder cannot take it back").isFalse();
        leases.release(org, connection, "stopped node");
        assertThat(leases.tryAcquire(org, connection, "node c", now, Duration.ofMinutes(15)))
                .as("releasing someone else's claim does nothing").isFalse();
        leases.release(org, connection, "node b");
    }

    @Test
    void theHolderRenewsItsOwnClaim() {
        UUID org = newOrganization("Lease").id();
        UUID connection = UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(leases.tryAcquire(org, connection, "node a", now, Duration.ofMinutes(1))).isTrue();
        assertThat(leases.tryAcquire(org, connection, "node a", now.plusSeconds(50), Duration.ofMinutes(1))).isTrue();

        assertThat(leases.tryAcquire(org, connection, "node b", now.plusSeconds(90), Duration.ofMinutes(1)))
                .as("renewed at 50 s, the claim holds until 110 s").isFalse();
        leases.release(org, connection, "node a");
    }
}
