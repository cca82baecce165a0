/**
 * Shared kernel: identifiers, time, pagination, problem types, the permission model and the
 * audit contract. Every module may depend on it; it depends on no module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.evident.shared;
