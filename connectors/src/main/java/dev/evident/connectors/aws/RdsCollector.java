package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code aws.rds_instance} and {@code aws.rds_cluster}: databases in each region with storage
 * encryption, backup retention, multi-AZ, public accessibility and deletion protection. Listings
 * follow RDS's {@code Marker}.
 */
final class RdsCollector extends AwsCollector {

    static final String INSTANCE = "aws.rds_instance";
    static final String CLUSTER = "aws.rds_cluster";

    private final boolean clusters;

    private RdsCollector(AwsAccounts accounts, boolean clusters) {
        super(accounts, clusters ? CLUSTER : INSTANCE, true);
        this.clusters = clusters;
    }

    static RdsCollector instances(AwsAccounts accounts) {
        return new RdsCollector(accounts, false);
    }

    static RdsCollector clusters(AwsAccounts accounts) {
        return new RdsCollector(accounts, true);
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        RdsClient rds = accounts.clients().build(RdsClient.builder(), scope.account().credentials(), scope.region());
        List<CollectedResource> result = new ArrayList<>();
        if (clusters) {
            for (DBCluster cluster : scope.call("rds:DescribeDBClusters",
                    () -> rds.describeDBClustersPaginator().dbClusters().stream().toList())) {
                ObjectNode attributes = scope.attributes();
                attributes.put("identifier", cluster.dbClusterIdentifier());
                attributes.put("arn", cluster.dbClusterArn());
                attributes.put("engine", cluster.engine());
                attributes.put("engineVersion", cluster.engineVersion());
                attributes.put("status", cluster.status());
                attributes.put("storageEncrypted", cluster.storageEncrypted());
                attributes.put("kmsKeyId", cluster.kmsKeyId());
                attributes.put("backupRetentionDays", cluster.backupRetentionPeriod());
                attributes.put("multiAz", cluster.multiAZ());
                attributes.put("publiclyAccessible", cluster.publiclyAccessible());
                attributes.put("deletionProtection", cluster.deletionProtection());
                attributes.put("members", cluster.dbClusterMembers().size());
                result.add(scope.resource(CLUSTER, cluster.dbClusterArn(), cluster.dbClusterIdentifier(), attributes));
            }
        } else {
            for (DBInstance db : scope.call("rds:DescribeDBInstances",
                    () -> rds.describeDBInstancesPaginator().dbInstances().stream().toList())) {
                ObjectNode attributes = scope.attributes();
                attributes.put("identifier", db.dbInstanceIdentifier());
                attributes.put("arn", db.dbInstanceArn());
                attributes.put("engine", db.engine());
                attributes.put("engineVersion", db.engineVersion());
                attributes.put("instanceClass", db.dbInstanceClass());
                attributes.put("status", db.dbInstanceStatus());
                attributes.put("clusterIdentifier", db.dbClusterIdentifier());
                attributes.put("storageEncrypted", db.storageEncrypted());
                attributes.put("kmsKeyId", db.kmsKeyId());
                attributes.put("backupRetentionDays", db.backupRetentionPeriod());
                attributes.put("multiAz", db.multiAZ());
                attributes.put("publiclyAccessible", db.publiclyAccessible());
                attributes.put("deletionProtection", db.deletionProtection());
                attributes.put("autoMinorVersionUpgrade", db.autoMinorVersionUpgrade());
                result.add(scope.resource(INSTANCE, db.dbInstanceArn(), db.dbInstanceIdentifier(), attributes));
            }
        }
        return result;
    }
}
