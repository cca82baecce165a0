package dev.evident.testing;

import java.nio.file.Files;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Each Spring test context gets its own fresh in-memory H2 database (PostgreSQL mode) and data folder. */
public class H2Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = "evident-" + UUID.randomUUID();
        TestPropertyValues.of(
                "evident.db.url=jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "evident.db.username=sa", "evident.db.password=",
                "evident.data-dir=" + DataDirs.fresh()).applyTo(context);
    }

    static final class DataDirs {
        private DataDirs() {
        }

        static String fresh() {
            try {
                var dir = Files.createTempDirectory("evident-test-");
                dir.toFile().deleteOnExit();
                return dir.toString();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
