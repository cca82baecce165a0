package dev.evident.notification;

import dev.evident.testing.PostgresTest;

@PostgresTest
class DigestScheduleOnPostgresIT extends DigestScheduleContract {
}
