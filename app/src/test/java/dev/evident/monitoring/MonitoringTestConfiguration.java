package dev.evident.monitoring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/** An in-memory inventory in place of the integration module's, and a recorder of state changes. */
@TestConfiguration(proxyBeanMethods = false)
public class MonitoringTestConfiguration {

    @Bean
    @Primary
    InMemoryInventory inMemoryInventory() {
        return new InMemoryInventory();
    }

    @Bean
    StateChanges stateChanges() {
        return new StateChanges();
    }

    /** Every CheckStateChanged published, in order. */
    public static class StateChanges {
        private final List<CheckStateChanged> all = new CopyOnWriteArrayList<>();
        private final List<String> threads = new CopyOnWriteArrayList<>();

        @EventListener
        void on(CheckStateChanged changed) {
            synchronized (this) {
                all.add(changed);
                threads.add(Thread.currentThread().getName());
            }
        }

        /** The names of the threads that published the organization's changes. */
        public List<String> threads(java.util.UUID orgId) {
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < Math.min(all.size(), threads.size()); i++) {
                if (all.get(i).orgId().equals(orgId)) {
                    out.add(threads.get(i));
                }
            }
            return out;
        }

        public List<CheckStateChanged> of(java.util.UUID orgId, String checkKey) {
            return all.stream().filter(c -> c.orgId().equals(orgId) && c.checkKey().equals(checkKey)).toList();
        }
    }
}
