package dev.evident.connectors.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records each wait and moves the clock on by it, instead of sleeping; safe for readers on several threads. */
public final class RecordingSleeper implements Sleeper {

    public final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final TestClock clock;

    public RecordingSleeper(TestClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }
}
