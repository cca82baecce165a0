package dev.evident.identity.internal.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions in the database tolerate concurrent requests. A page and the fragments it loads arrive
 * together, each with its own copy of the session; when two of them add the same attribute (the
 * current organization on the first request after sign-in, a fresh CSRF token), Spring Session's
 * plain INSERT lets the second fail on the primary key and answer 500. An upsert lets the last
 * writer win, which is what a single in-memory session would have done.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SessionStoreConfiguration.class);

    /** H2's form of the upsert; PostgreSQL's comes with Spring Session. */
    static final String H2_UPSERT_ATTRIBUTE = """
            MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
            KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
            VALUES (?, ?, ?)
            """;

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertSessionAttributes(DataSource dataSource) {
        String product = databaseProduct(dataSource);
        return repository -> {
            if (product.contains("postgresql")) {
                new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
            } else if (product.equals("h2")) {
                repository.setCreateSessionAttributeQuery(H2_UPSERT_ATTRIBUTE);
            } else {
                log.warn("Sessions are stored in {}, for which Evident knows no upsert: concurrent requests that add "
                        + "the same session attribute may fail (H2 and PostgreSQL are supported)", product);
            }
        };
    }

    private static String databaseProduct(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read which database holds the sessions: " + e.getMessage(), e);
        }
    }
}
