package dev.evident.monitoring;

import dev.evident.testing.H2Test;

@H2Test
class AwsConnectionChecksOnH2IT extends AwsConnectionChecksContract {
}
