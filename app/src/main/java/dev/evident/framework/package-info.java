/**
 * Reference frameworks (SOC 2 Trust Services Criteria, DC 200; later ISO 27001, PCI DSS, HIPAA)
 * as read-only data from the {@code catalog} module. Shared by every organization: no org_id.
 */
package dev.evident.framework;
