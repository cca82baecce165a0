package dev.evident.program;

import dev.evident.shared.security.Actor;
import java.util.UUID;

/** Changing programs from other modules (the demo company); pages and the API use the same rules. */
public interface ProgramManagement {

    Program create(Actor actor, ProgramInput input);

    /** @param expectedVersion the version read (optimistic locking) */
    Program update(Actor actor, UUID programId, ProgramInput input, Long expectedVersion);

    void delete(Actor actor, UUID programId);
}
