package dev.evident.testing;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits for work the application does on db-scheduler after a request returned: a test asserts on
 * its outcome once it is done, never after a fixed sleep. Fails when the work is not done within a
 * generous bound (which only a hung scheduler reaches).
 */
public final class BackgroundWork {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private BackgroundWork() {
    }

    /** Until no check evaluation of the organization is waiting or running. */
    public static void awaitEvaluations(JdbcClient jdbc, UUID orgId) {
        await("check evaluations of organization " + orgId, () -> jdbc.sql(
                "SELECT COUNT(*) FROM monitoring_evaluation_request WHERE org_id = :org")
                .param("org", orgId).query(Integer.class).single() == 0);
    }

    /** Until every immediate email of the organization was tried at least once (sent, or waiting to be tried again). */
    public static void awaitEmails(JdbcClient jdbc, UUID orgId) {
        await("emails of organization " + orgId, () -> jdbc.sql(
                "SELECT COUNT(*) FROM notification_email_outbox WHERE org_id = :org AND status = 'PENDING' AND attempts = 0")
                .param("org", orgId).query(Integer.class).single() == 0);
    }

    public static void await(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still waiting for " + what + " after " + LIMIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
