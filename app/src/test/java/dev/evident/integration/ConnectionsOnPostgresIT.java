package dev.evident.integration;

import dev.evident.testing.PostgresTest;

@PostgresTest
class ConnectionsOnPostgresIT extends ConnectionsContract {
}
