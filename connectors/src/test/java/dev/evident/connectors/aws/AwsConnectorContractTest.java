package dev.evident.connectors.aws;

import dev.evident.connector.ConnectorFactory;
import dev.evident.connector.testkit.ConnectorContractTest;

import java.util.Map;

class AwsConnectorContractTest extends ConnectorContractTest {

    @Override
    protected ConnectorFactory factory() {
        return new AwsConnectorFactory();
    }

    @Override
    protected Map<String, String> validConfig() {
        return Map.of("accessKeyId", "AKIAIOSFODNN7EXAMPLE", "secretAccessKey", "contractTestDummySecretKeyValue",
                "roleArn", "arn:aws:iam::111122223333:role/EvidentReadOnly", "externalId", "evident-contract",
                "regions", "us-east-1, eu-west-1");
    }
}
