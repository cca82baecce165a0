package dev.evident.program;

import dev.evident.testing.PostgresTest;

@PostgresTest
class ProgramApiOnPostgresIT extends ProgramApiContract {
}
