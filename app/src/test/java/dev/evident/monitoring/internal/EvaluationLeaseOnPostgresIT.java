package dev.evident.monitoring.internal;

import dev.evident.testing.PostgresTest;

@PostgresTest
class EvaluationLeaseOnPostgresIT extends EvaluationLeaseContract {
}
