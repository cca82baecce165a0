package dev.evident.connector.sample;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.Collector;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.TestStep;
import dev.evident.connector.Testable;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Serves three fixed widgets instead of calling an API. */
class SampleConnector implements Connector, Testable {

    private final String baseUrl;
    private final String apiToken;
    private final long pageSize;
    private final boolean includeArchived;

    SampleConnector(String baseUrl, String apiToken, long pageSize, boolean includeArchived) {
        this.baseUrl = baseUrl;
        this.apiToken = apiToken;
        this.pageSize = pageSize;
        this.includeArchived = includeArchived;
    }

    @Override
    public List<Collector> collectors() {
        return List.of(new WidgetCollector());
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.of(
                TestStep.passed("Reach " + baseUrl, "responded"),
                apiToken.startsWith("valid")
                        ? TestStep.passed("Authenticate", "token accepted")
                        : TestStep.failed("Authenticate", "token rejected (401)"));
    }

    private final class WidgetCollector implements Collector {

        @Override
        public String resourceType() {
            return "sample.widget";
        }

        @Override
        public Iterator<CollectedResource> collect(CollectionContext ctx) {
            return Stream.of("w-1", "w-2", "w-3-archived")
                    .filter(id -> includeArchived || !id.endsWith("archived"))
                    .limit(pageSize)
                    .map(id -> new CollectedResource(resourceType(), id, "Widget " + id,
                            "{\"id\":\"" + id + "\"}", ctx.clock().instant(), null))
                    .iterator();
        }
    }
}
