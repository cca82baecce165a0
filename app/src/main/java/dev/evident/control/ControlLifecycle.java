package dev.evident.control;

import dev.evident.shared.security.Actor;
import java.util.UUID;

/**
 * How Evident itself moves controls to Evidenced and Tested, and back, when evidence coverage or
 * audit results change. People use the status endpoints instead, which allow only their moves.
 */
public interface ControlLifecycle {

    /**
     * Moves a control as the system; refused (IllegalStateException) when the lifecycle does not
     * allow the move from the current status.
     *
     * @param reason why, recorded in the audit log ("evidence covers all 4 quarters")
     */
    Control moveBySystem(Actor system, UUID controlId, ControlStatus target, String reason);
}
