package dev.evident.connectors.github;

import java.time.Duration;

/** Waits between attempts; injected so tests can record the waits instead of sitting through them. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
