package dev.evident.readiness;

import dev.evident.testing.PostgresTest;

@PostgresTest
class ReadinessOnPostgresIT extends ReadinessContract {
}
