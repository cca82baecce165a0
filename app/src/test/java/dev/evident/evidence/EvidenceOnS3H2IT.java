package dev.evident.evidence;

import dev.evident.testing.H2Test;

@H2Test
class EvidenceOnS3H2IT extends EvidenceOnS3Contract {
}
