package dev.evident.catalog;

import java.util.List;

/**
 * A grouping of library controls (access control, change management, ...), used to filter the
 * library and to keep control ids readable: each domain owns the id prefixes of its controls.
 */
public record ControlDomain(String id, String name, List<String> idPrefixes) {

    public ControlDomain {
        Checks.notBlank(id, "domain id");
        Checks.notBlank(name, "domain name");
        idPrefixes = Checks.notEmpty(idPrefixes, "domain id prefixes");
    }
}
