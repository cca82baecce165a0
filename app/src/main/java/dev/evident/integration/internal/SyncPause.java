package dev.evident.integration.internal;

import java.time.Duration;

/** Waiting between tries of a collector; tests replace it to record the waits instead of sleeping. */
@FunctionalInterface
interface SyncPause {

    void pause(Duration duration) throws InterruptedException;
}
