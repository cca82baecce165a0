package dev.evident.control;

import dev.evident.shared.security.Actor;
import java.util.List;
import java.util.UUID;

/** Changing controls from other modules (the demo company); pages and the API use the same rules. */
public interface ControlManagement {

    /**
     * Adopts library controls: those serving the given categories (all categories in scope when
     * empty), or exactly the given library control ids. Returns the controls created.
     */
    List<Control> adopt(Actor actor, List<String> categories, List<String> libraryControlIds);

    Control create(Actor actor, ControlInput input);

    Control update(Actor actor, UUID controlId, ControlInput input);

    /** A person's move: DEFINED ↔ IMPLEMENTED, or back down. */
    Control changeStatus(Actor actor, UUID controlId, String status, Long expectedVersion);
}
