/**
 * Monitoring: checks (CEL expressions over the inventory, versioned, built-in and custom), their
 * evaluation after every sync, results kept as state intervals per (check, resource), exceptions, and
 * the evidence record each evaluation adds to the ledger. Publishes {@link dev.evident.monitoring.CheckStateChanged}.
 */
package dev.evident.monitoring;
