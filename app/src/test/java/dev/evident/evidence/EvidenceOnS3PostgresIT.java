package dev.evident.evidence;

import dev.evident.testing.PostgresTest;

@PostgresTest
class EvidenceOnS3PostgresIT extends EvidenceOnS3Contract {
}
