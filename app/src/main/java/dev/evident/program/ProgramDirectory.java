package dev.evident.program;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Read access to an organization's programs for other modules. */
public interface ProgramDirectory {

    /** The organization's programs, oldest first. */
    List<Program> programs(UUID orgId);

    Optional<Program> program(UUID orgId, UUID programId);

    /**
     * The categories of a framework that at least one of the organization's programs includes,
     * plus the framework's required categories (Security), which every program includes. Controls
     * may only be mapped to criteria of these categories.
     */
    Set<String> categoriesInScope(UUID orgId, String frameworkId);
}
