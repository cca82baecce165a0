/**
 * The organization's controls: copies adopted from Evident's library or written by the
 * organization, mapped to criteria, owned by people and moved through the lifecycle Defined →
 * Implemented → Evidenced → Tested. Also controls as code (YAML export and import).
 * Other modules read controls through {@link dev.evident.control.ControlDirectory}, move them to
 * Evidenced and Tested through {@link dev.evident.control.ControlLifecycle}, and listen to
 * {@link dev.evident.control.ControlEvents}.
 */
package dev.evident.control;
