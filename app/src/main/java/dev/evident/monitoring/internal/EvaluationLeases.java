package dev.evident.monitoring.internal;

import static dev.evident.shared.Timestamps.toDb;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims on a connection's evaluation across nodes: one node at a time evaluates a connection's
 * checks. A claim lapses unless renewed, so a node that stops mid-evaluation holds nobody up for
 * longer than the claim's length. Every change commits on its own at once (other nodes must see it,
 * whatever transaction the caller is in), and a lost race is an answer, not an error.
 */
@Repository
class EvaluationLeases {

    private final JdbcClient jdbc;
    private final TransactionTemplate own;

    EvaluationLeases(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Takes the claim (or extends this holder's own) until {@code now + length}; false while another holder's is current. */
    boolean tryAcquire(UUID orgId, UUID connectionId, String holder, Instant now, Duration length) {
        Boolean taken = own.execute(status -> jdbc.sql("""
                        UPDATE monitoring_evaluation_lease SET holder = :holder, held_until = :until
                        WHERE org_id = :org AND connection_id = :connection AND (holder = :holder OR held_until < :now)""")
                .param("holder", holder).param("until", toDb(now.plus(length))).param("now", toDb(now))
                .param("org", orgId).param("connection", connectionId).update() == 1);
        if (Boolean.TRUE.equals(taken)) {
            return true;
        }
        try {
            own.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO monitoring_evaluation_lease (org_id, connection_id, holder, held_until)
                            VALUES (:org, :connection, :holder, :until)""")
                    .param("org", orgId).param("connection", connectionId).param("holder", holder)
                    .param("until", toDb(now.plus(length))).update());
            return true;
        } catch (DuplicateKeyException heldElsewhere) {
            return false;
        }
    }

    /** Gives the claim up, if this holder still has it. */
    void release(UUID orgId, UUID connectionId, String holder) {
        own.executeWithoutResult(status -> jdbc.sql("""
                        DELETE FROM monitoring_evaluation_lease
                        WHERE org_id = :org AND connection_id = :connection AND holder = :holder""")
                .param("org", orgId).param("connection", connectionId).param("holder", holder).update());
    }
}
