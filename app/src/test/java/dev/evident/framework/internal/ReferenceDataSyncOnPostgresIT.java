package dev.evident.framework.internal;

import dev.evident.testing.PostgresTest;

@PostgresTest
class ReferenceDataSyncOnPostgresIT extends ReferenceDataSyncContract {
}
