package dev.evident.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.ContextConfiguration;

/** Runs a test class against a fresh in-memory H2 database (the embedded default's engine). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("h2")
@ContextConfiguration(initializers = H2Database.class, inheritInitializers = false)
public @interface H2Test {
}
