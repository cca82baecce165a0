/**
 * Monitoring: checks (CEL expressions over the inventory, versioned, built-in and custom), their
 * evaluation after every sync, results kept as state intervals per (check, resource), exceptions, and
 * the evidence record each evaluation adds to the ledger. Publishes {@link dev.evident.monitoring.CheckStateChanged}
 * for every outcome change and {@link dev.evident.monitoring.ChecksEvaluated} after the checks of a sync ran
 * (the evidence module turns it into ledger records). Reference: docs/checks.md.
 */
package dev.evident.monitoring;
