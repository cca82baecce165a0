package dev.evident.integration.testconnector;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connector.ConfigField;
import dev.evident.connector.ConfigSchema;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.TestStep;
import dev.evident.connector.Testable;
import dev.evident.connector.UploadedDocument;
import dev.evident.verifier.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A test-only connector, found through ServiceLoader like a real one: what its collectors do is
 * decided by the {@link Scripts} entry named in its {@code script} setting (succeed with given
 * accounts, fail, fail transiently, or be rate-limited). Without a script it always succeeds.
 */
public class ScriptedConnectorFactory implements ConnectorFactory {

    public static final String NAME = "scripted";
    public static final String ACCOUNT = "scripted.account";
    public static final String REPO = "scripted.repo";
    public static final String ROW = "scripted.row";

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.url("baseUrl", "API base URL").asRequired().withHelp("Where the scripted API lives"),
            ConfigField.secret("apiToken", "API token").withHelp("Tokens starting with 'valid' are accepted"),
            ConfigField.text("script", "Script").withHelp("Name of the test script to follow"),
            ConfigField.select("mode", "Collection mode", List.of("full", "incremental")).withDefault("full"),
            ConfigField.file("roster", "Roster file").withHelp("One person per line"),
            ConfigField.textarea("notes", "Notes"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Scripted test system";
    }

    @Override
    public String description() {
        return "A system whose behaviour tests script: accounts, repositories and an uploaded roster.";
    }

    @Override
    public ConfigSchema configSchema() {
        return SCHEMA;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        config.requireValid();
        return new ScriptedConnector(config.require("baseUrl"), config.secret("apiToken"), config.get("script").orElse(""));
    }

    static final class ScriptedConnector implements Connector, Testable {
        private final String baseUrl;
        private final String token;
        private final String script;

        ScriptedConnector(String baseUrl, String token, String script) {
            this.baseUrl = baseUrl;
            this.token = token;
            this.script = script;
        }

        @Override
        public List<Collector> collectors() {
            return List.of(new ScriptedCollector(script, ACCOUNT), new ScriptedCollector(script, REPO), new RowCollector());
        }

        @Override
        public ConnectionTestResult testConnection() {
            return ConnectionTestResult.of(TestStep.passed("Reach " + baseUrl, "responded"),
                    token.startsWith("valid") ? TestStep.passed("Authenticate", "token accepted")
                            : TestStep.failed("Authenticate", "token rejected (401)"));
        }
    }

    static final class ScriptedCollector implements Collector {
        private final String script;
        private final String type;

        ScriptedCollector(String script, String type) {
            this.script = script;
            this.type = type;
        }

        @Override
        public String resourceType() {
            return type;
        }

        @Override
        public Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException {
            Scripts.Step step = Scripts.next(script, type);
            if (step.failure() != null) {
                throw step.failure();
            }
            List<CollectedResource> resources = new ArrayList<>();
            for (Scripts.Account a : step.accounts()) {
                // Accounts carry an email attribute (null when unknown); repositories are not accounts.
                String attributes = type.equals(ACCOUNT) ? "{\"login\":\"" + a.login() + "\",\"email\":"
                        + (a.email() == null ? "null" : "\"" + a.email() + "\"") + ",\"aliases\":["
                        + String.join(",", a.aliases().stream().map(x -> "\"" + x + "\"").toList()) + "]}"
                        : "{\"name\":\"" + a.login() + "\"}";
                resources.add(new CollectedResource(type, a.id(), a.login(), attributes, ctx.clock().instant(),
                        Hashes.sha256Hex(type + ":" + attributes)));
            }
            return resources.iterator();
        }
    }

    /** One resource per line of the uploaded roster; none when nothing was uploaded. */
    static final class RowCollector implements Collector {
        @Override
        public String resourceType() {
            return ROW;
        }

        @Override
        public Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException {
            Optional<UploadedDocument> roster = ctx.document("roster");
            List<CollectedResource> rows = new ArrayList<>();
            if (roster.isPresent()) {
                String text;
                try (InputStream in = roster.get().open()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw CollectionException.permanent("cannot read " + roster.get().fileName(), e);
                }
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        String email = line.strip();
                        rows.add(new CollectedResource(ROW, email, email, "{\"email\":\"" + email + "\"}",
                                ctx.clock().instant(), Hashes.sha256Hex(line)));
                    }
                }
            }
            return rows.iterator();
        }
    }
}
