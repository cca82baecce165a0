package dev.evident.monitoring;

import dev.evident.testing.PostgresTest;

@PostgresTest
class AwsConnectionChecksOnPostgresIT extends AwsConnectionChecksContract {
}
