package dev.evident.readiness;

/** How well one criterion is met by the design of its controls. */
public enum Verdict {
    /** Every applicable mapped control is implemented and owned. */
    MET,
    /** Some, not all, of the applicable mapped controls are implemented and owned. */
    PARTIALLY_MET,
    /** No applicable control is mapped, or none of the mapped ones is implemented and owned. */
    GAP
}
