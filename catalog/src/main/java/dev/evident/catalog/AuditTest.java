package dev.evident.catalog;

import java.util.Objects;

/** How an auditor would test a control: the method and a one-line procedure to follow. */
public record AuditTest(TestMethod method, String procedure) {

    public AuditTest {
        Objects.requireNonNull(method, "test method");
        Checks.notBlank(procedure, "test procedure");
    }
}
