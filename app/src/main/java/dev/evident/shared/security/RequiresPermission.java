package dev.evident.shared.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission a controller method needs in the caller's current organization.
 * Every controller method carries this, {@link SignedIn} or {@link PublicEndpoint}; a method
 * with none is refused at run time and fails the architecture test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {
    Permission value();
}
