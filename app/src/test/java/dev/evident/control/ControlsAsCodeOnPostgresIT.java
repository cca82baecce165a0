package dev.evident.control;

import dev.evident.testing.PostgresTest;

@PostgresTest
class ControlsAsCodeOnPostgresIT extends ControlsAsCodeContract {
}
