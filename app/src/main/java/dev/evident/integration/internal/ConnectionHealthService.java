package dev.evident.integration.internal;

import dev.evident.integration.ConnectionHealth;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class ConnectionHealthService implements ConnectionHealth {

    private final ConnectionService connections;

    ConnectionHealthService(ConnectionService connections) {
        this.connections = connections;
    }

    @Override
    public List<FailingConnection> failing(UUID orgId) {
        return connections.failing(orgId).stream().map(c -> new FailingConnection(c.id(), c.displayName(), c.connector(),
                c.consecutiveFailures(), c.lastSuccessAt(), c.lastError())).toList();
    }
}
