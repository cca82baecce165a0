package dev.evident.evidence;

import dev.evident.testing.H2Test;

@H2Test
class CoverageApiOnH2IT extends CoverageApiContract {
}
