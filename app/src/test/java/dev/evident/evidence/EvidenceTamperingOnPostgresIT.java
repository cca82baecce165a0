package dev.evident.evidence;

import dev.evident.testing.PostgresTest;

@PostgresTest
class EvidenceTamperingOnPostgresIT extends EvidenceTamperingContract {
}
