package dev.evident.evidence;

import java.util.List;
import java.util.UUID;

/** Period coverage of controls by evidence (see {@link Coverage}). */
public interface EvidenceCoverage {

    /** One control's coverage of one program's period, as of today. */
    Coverage coverage(UUID orgId, UUID controlId, UUID programId);

    /** Every applicable control serving the program, in reference order, computed with one evidence query. */
    List<Coverage> programCoverage(UUID orgId, UUID programId);
}
