package dev.evident.platform;

import dev.evident.testing.H2Test;

@H2Test
class SessionConcurrencyOnH2IT extends SessionConcurrencyContract {
}
