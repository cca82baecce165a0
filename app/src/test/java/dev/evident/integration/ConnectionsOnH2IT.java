package dev.evident.integration;

import dev.evident.testing.H2Test;

@H2Test
class ConnectionsOnH2IT extends ConnectionsContract {
}
