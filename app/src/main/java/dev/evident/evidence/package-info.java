/**
 * Evidence: files, captured links and records, each stored once by SHA-256, attributed, dated by
 * the interval it proves, linked to controls and programs, and recorded in the organization's
 * tamper-evident ledger (hash chain with signed checkpoints and Merkle inclusion proofs). Period
 * coverage per control, audit packages that verify offline. Formats: docs/evidence-format.md.
 * Other modules read evidence through {@link dev.evident.evidence.EvidenceDirectory} and add
 * records through {@link dev.evident.evidence.EvidenceIngest}.
 */
package dev.evident.evidence;
