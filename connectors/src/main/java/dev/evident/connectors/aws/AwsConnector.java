package dev.evident.connectors.aws;

import dev.evident.connector.Collector;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connector.Connector;
import dev.evident.connector.Testable;
import dev.evident.connectors.http.Sleeper;

import java.util.List;

/** One configured AWS connection: an account, or an organization's accounts. */
final class AwsConnector implements Connector, Testable {

    private final AwsAccounts accounts;
    private final Sleeper sleeper;

    AwsConnector(AwsAccounts accounts, Sleeper sleeper) {
        this.accounts = accounts;
        this.sleeper = sleeper;
    }

    @Override
    public List<Collector> collectors() {
        return List.of(
                new IamUserCollector(accounts),
                new IdentityCenterCollector(accounts, accounts.json()),
                new AccountCollector(accounts, sleeper),
                new S3BucketCollector(accounts),
                new CloudTrailCollector(accounts),
                RdsCollector.instances(accounts),
                RdsCollector.clusters(accounts),
                new SecurityGroupCollector(accounts),
                new KmsKeyCollector(accounts),
                new GuardDutyCollector(accounts, accounts.json()));
    }

    @Override
    public ConnectionTestResult testConnection() {
        return new AwsConnectionTest(accounts).run();
    }

    @Override
    public void close() {
        accounts.clients().close();
    }
}
