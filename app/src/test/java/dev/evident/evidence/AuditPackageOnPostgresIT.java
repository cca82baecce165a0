package dev.evident.evidence;

import dev.evident.testing.PostgresTest;

@PostgresTest
class AuditPackageOnPostgresIT extends AuditPackageContract {
}
