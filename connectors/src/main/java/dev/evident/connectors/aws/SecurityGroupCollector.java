package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code aws.security_group}: EC2 security groups in each region, with their ingress rules and, computed
 * from them, which admin and database ports are open to the whole internet (0.0.0.0/0 or ::/0).
 * Listings follow EC2's {@code NextToken}.
 */
final class SecurityGroupCollector extends AwsCollector {

    static final String TYPE = "aws.security_group";
    static final List<Integer> ADMIN_PORTS = List.of(22, 3389);
    /** SQL Server, Oracle, MySQL/MariaDB/Aurora, PostgreSQL, Redshift, Redis, MongoDB, Elasticsearch, Memcached, Cassandra. */
    static final List<Integer> DATABASE_PORTS = List.of(1433, 1521, 3306, 5432, 5439, 6379, 27017, 9200, 11211, 9042);
    static final Set<String> INTERNET = Set.of("0.0.0.0/0", "::/0");

    SecurityGroupCollector(AwsAccounts accounts) {
        super(accounts, TYPE, true);
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        Ec2Client ec2 = accounts.clients().build(Ec2Client.builder(), scope.account().credentials(), scope.region());
        List<SecurityGroup> groups = scope.call("ec2:DescribeSecurityGroups",
                () -> ec2.describeSecurityGroupsPaginator().securityGroups().stream().toList());
        List<CollectedResource> result = new ArrayList<>();
        for (SecurityGroup group : groups) {
            ObjectNode attributes = scope.attributes();
            attributes.put("groupId", group.groupId());
            attributes.put("groupName", group.groupName());
            attributes.put("description", group.description());
            attributes.put("vpcId", group.vpcId());
            ArrayNode rules = attributes.putArray("ingressRules");
            Set<Integer> admin = new TreeSet<>();
            Set<Integer> database = new TreeSet<>();
            boolean anyFromInternet = false;
            boolean allTraffic = false;
            for (IpPermission permission : group.ipPermissions()) {
                List<String> v4 = permission.ipRanges().stream().map(IpRange::cidrIp).toList();
                List<String> v6 = permission.ipv6Ranges().stream().map(Ipv6Range::cidrIpv6).toList();
                String protocol = permission.ipProtocol();
                ObjectNode rule = rules.addObject().put("protocol", protocol)
                        .put("fromPort", permission.fromPort()).put("toPort", permission.toPort());
                rule.set("cidrs", dev.evident.connectors.http.Json.strings(v4));
                rule.set("ipv6Cidrs", dev.evident.connectors.http.Json.strings(v6));
                rule.put("sourceGroups", permission.userIdGroupPairs().size());
                boolean internet = v4.stream().anyMatch(INTERNET::contains) || v6.stream().anyMatch(INTERNET::contains);
                rule.put("fromInternet", internet);
                if (!internet) {
                    continue;
                }
                anyFromInternet = true;
                allTraffic |= "-1".equals(protocol);
                ADMIN_PORTS.stream().filter(p -> covers(permission, p)).forEach(admin::add);
                DATABASE_PORTS.stream().filter(p -> covers(permission, p)).forEach(database::add);
            }
            attributes.put("openToInternet", anyFromInternet);
            attributes.put("allTrafficOpenToInternet", allTraffic);
            attributes.set("adminPortsOpenToInternet", ints(admin));
            attributes.set("databasePortsOpenToInternet", ints(database));
            attributes.put("adminPortOpenToInternet", !admin.isEmpty());
            attributes.put("databasePortOpenToInternet", !database.isEmpty());
            String arn = "arn:" + AwsSettings.partition(scope.region()) + ":ec2:" + scope.region().id() + ":"
                    + scope.account().id() + ":security-group/" + group.groupId();
            result.add(scope.resource(TYPE, arn, group.groupName() + " (" + group.groupId() + ")", attributes));
        }
        return result;
    }

    /** Whether a rule lets TCP traffic to the port in: protocol -1 (all), or tcp with the port in range. */
    static boolean covers(IpPermission permission, int port) {
        String protocol = permission.ipProtocol();
        if ("-1".equals(protocol)) {
            return true;
        }
        if (!"tcp".equals(protocol) && !"6".equals(protocol)) {
            return false;
        }
        Integer from = permission.fromPort();
        Integer to = permission.toPort();
        return from != null && to != null && from <= port && port <= to;
    }

    private static ArrayNode ints(Set<Integer> values) {
        ArrayNode array = dev.evident.connectors.http.Json.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
