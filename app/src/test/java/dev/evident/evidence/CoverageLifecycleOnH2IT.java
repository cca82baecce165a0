package dev.evident.evidence;

import dev.evident.testing.H2Test;

@H2Test
class CoverageLifecycleOnH2IT extends CoverageLifecycleContract {
}
