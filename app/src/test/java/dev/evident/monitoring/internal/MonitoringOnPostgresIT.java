package dev.evident.monitoring.internal;

import dev.evident.testing.PostgresTest;

@PostgresTest
class MonitoringOnPostgresIT extends MonitoringContract {
}
