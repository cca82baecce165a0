package dev.evident.integration.internal;

import dev.evident.integration.ConnectionSynced;
import dev.evident.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * For integration tests: waits between collector tries are recorded and move the test clock instead
 * of sleeping, and every {@link ConnectionSynced} is captured (syncs run on scheduler threads).
 */
@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestSupport {

    /** The waits the sync engine asked for, in order. */
    public static final class Pauses implements SyncPause {
        private final MutableClock clock;
        private final List<Duration> pauses = new CopyOnWriteArrayList<>();

        Pauses(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
            clock.tick(duration);
        }

        public List<Duration> recorded() {
            return List.copyOf(pauses);
        }

        public void clear() {
            pauses.clear();
        }
    }

    public static final class SyncedEvents {
        private final List<ConnectionSynced> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ConnectionSynced event) {
            events.add(event);
        }

        public List<ConnectionSynced> of(java.util.UUID connectionId) {
            return events.stream().filter(e -> e.connectionId().equals(connectionId)).toList();
        }
    }

    /**
     * A second scheduler node on the same database, as another instance of the application would run it,
     * sharing this context's sync engine. Close it to stop it.
     */
    public static AutoCloseable secondNode(org.springframework.context.ApplicationContext context) {
        SyncScheduler node = new SyncScheduler(context.getBean(javax.sql.DataSource.class),
                context.getBeanProvider(SyncEngine.class),
                tasks(context),
                context.getBean(ConnectionStore.class),
                context.getBean(IntegrationProperties.class), context.getBean(java.time.Clock.class));
        node.start();
        return node::stop;
    }

    @SuppressWarnings("unchecked")
    private static org.springframework.beans.factory.ObjectProvider<com.github.kagkarlsson.scheduler.task.Task<?>> tasks(
            org.springframework.context.ApplicationContext context) {
        return (org.springframework.beans.factory.ObjectProvider<com.github.kagkarlsson.scheduler.task.Task<?>>) (Object)
                context.getBeanProvider(org.springframework.core.ResolvableType.forRawClass(
                        com.github.kagkarlsson.scheduler.task.Task.class));
    }

    @Bean
    @Primary
    Pauses recordingPause(MutableClock clock) {
        return new Pauses(clock);
    }

    @Bean
    SyncedEvents syncedEvents() {
        return new SyncedEvents();
    }
}
