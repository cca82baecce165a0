/**
 * Integration: connections to outside systems (a connector from {@code connector-api}, its settings
 * and encrypted credentials), their scheduled and on-demand syncs, and the inventory of resources
 * the last successful sync of each connection collected. Other modules read the inventory through
 * {@link dev.evident.integration.Inventory} and react to {@link dev.evident.integration.ConnectionSynced};
 * {@link dev.evident.integration.ConnectionHealth} names the connections that keep failing.
 * Resource types and their attributes: docs/resources.md.
 */
package dev.evident.integration;
