package dev.evident.connectors.http;

import java.time.Duration;

/** Waits between attempts; injected so tests can record the waits instead of sitting through them. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
