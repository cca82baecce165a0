package dev.evident.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A control from Evident's built-in library: what an organization does, how an auditor tests it,
 * the evidence it produces and the criteria it helps meet. Organizations adopt copies of these.
 *
 * @param domain    the id of the {@link ControlDomain} it belongs to
 * @param ownerRole a suggested owner, which the adopting organization replaces with a person
 * @param criteria  requirement ids of the framework the library maps to, such as CC6.1
 */
public record LibraryControl(String id, String title, String description, String domain, ControlType type,
                             ControlNature nature, ControlFrequency frequency, String ownerRole, AuditTest test,
                             List<String> evidence, List<String> criteria) {

    public LibraryControl {
        Checks.notBlank(id, "control id");
        Checks.notBlank(title, "control title");
        Checks.notBlank(description, "control description");
        Checks.notBlank(domain, "control domain");
        Objects.requireNonNull(type, "control type");
        Objects.requireNonNull(nature, "control nature");
        Objects.requireNonNull(frequency, "control frequency");
        Checks.notBlank(ownerRole, "control owner role");
        Objects.requireNonNull(test, "control test");
        evidence = Checks.notEmpty(evidence, "control evidence");
        criteria = Checks.notEmpty(criteria, "control criteria");
    }
}
