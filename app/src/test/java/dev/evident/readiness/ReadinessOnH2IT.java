package dev.evident.readiness;

import dev.evident.testing.H2Test;

@H2Test
class ReadinessOnH2IT extends ReadinessContract {
}
