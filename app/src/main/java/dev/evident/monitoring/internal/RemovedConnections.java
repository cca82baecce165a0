package dev.evident.monitoring.internal;

import dev.evident.integration.ConnectionRemoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted connection's resources are gone: their open results end when it is deleted (in the same
 * transaction), so check counts and control status keep no failure of a resource that no longer
 * exists, and no evaluation waiting for it runs. The history before stays. A cross-source check whose
 * resources come from another connection but joined the deleted one's is corrected by that
 * connection's next sync.
 */
@Component
class RemovedConnections {

    private static final Logger log = LoggerFactory.getLogger(RemovedConnections.class);

    private final ResultIntervals intervals;
    private final EvaluationRequests requests;

    RemovedConnections(ResultIntervals intervals, EvaluationRequests requests) {
        this.intervals = intervals;
        this.requests = requests;
    }

    @EventListener
    void on(ConnectionRemoved removed) {
        int closed = intervals.closeConnection(removed.orgId(), removed.connectionId(), removed.at());
        requests.forget(removed.orgId(), removed.connectionId());
        log.info("Connection {} ({}) deleted: {} open check results ended", removed.connectionId(), removed.connector(),
                closed);
    }
}
