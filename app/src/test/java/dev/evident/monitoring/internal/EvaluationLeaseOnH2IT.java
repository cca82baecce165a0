package dev.evident.monitoring.internal;

import dev.evident.testing.H2Test;

@H2Test
class EvaluationLeaseOnH2IT extends EvaluationLeaseContract {
}
