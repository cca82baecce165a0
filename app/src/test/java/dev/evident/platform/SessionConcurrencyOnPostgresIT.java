package dev.evident.platform;

import dev.evident.testing.PostgresTest;

@PostgresTest
class SessionConcurrencyOnPostgresIT extends SessionConcurrencyContract {
}
