package dev.evident.evidence;

import dev.evident.testing.H2Test;

@H2Test
class EvidenceApiOnH2IT extends EvidenceApiContract {
}
