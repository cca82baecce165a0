package dev.evident.connectors.aws;

import dev.evident.connector.CollectionException;
import dev.evident.connector.UncheckedCollectionException;

import static org.assertj.core.api.Assertions.fail;

/** Runs one collector to the end and returns how it failed, as the sync engine would see it. */
final class AwsCollectorsFailures {

    private AwsCollectorsFailures() {
    }

    static CollectionException failure(AwsConnector connector, String type) {
        try {
            AwsTestSupport.collect(connector, type);
        } catch (CollectionException e) {
            return e;
        } catch (UncheckedCollectionException e) {
            return e.getCause();
        }
        return fail(type + " collected without failing");
    }
}
