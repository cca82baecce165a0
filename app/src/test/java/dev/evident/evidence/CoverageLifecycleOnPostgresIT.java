package dev.evident.evidence;

import dev.evident.testing.PostgresTest;

@PostgresTest
class CoverageLifecycleOnPostgresIT extends CoverageLifecycleContract {
}
