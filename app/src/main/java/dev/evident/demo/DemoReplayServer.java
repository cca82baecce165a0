package dev.evident.demo;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Plays the recorded APIs back to the demo company's connections, one {@link DemoReplay} per recording
 * (GitHub, Okta, Google Workspace, AWS), started only in demo mode. The real connectors talk to them
 * through their configurable base URLs or endpoint override, so demo syncs run the real collectors and
 * never leave the machine.
 */
@Component
class DemoReplayServer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoReplayServer.class);

    private final Clock clock;
    private final Map<String, DemoReplay> running = new LinkedHashMap<>();

    DemoReplayServer(Clock clock) {
        this.clock = clock;
    }

    /** Starts the replay of the recording if it is not running; returns its base URL. */
    synchronized String start(String recording) {
        DemoReplay replay = running.get(recording);
        if (replay == null) {
            replay = DemoReplay.start(recording, clock);
            running.put(recording, replay);
            log.info("Demo mode: the recorded {} is replayed at {}", recording, replay.baseUrl());
        }
        return replay.baseUrl();
    }

    /** The base URL of a running replay, or null. */
    synchronized String baseUrl(String recording) {
        DemoReplay replay = running.get(recording);
        return replay == null ? null : replay.baseUrl();
    }

    @Override
    public synchronized void destroy() {
        running.values().forEach(DemoReplay::stop);
        running.clear();
    }
}
