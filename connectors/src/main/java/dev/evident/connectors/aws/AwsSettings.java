package dev.evident.connectors.aws;

import dev.evident.connector.ConfigProblem;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.InvalidConfigException;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One connection's settings, checked beyond what the form schema can: the role ARN's shape, the
 * region names, the member role name.
 *
 * @param roleArn        the role to assume from the access key, or null to use the key directly
 * @param memberRoleName the role assumed in each member account in organization mode, else null
 * @param endpoint       one base URL used for every service (test servers, other partitions), or null
 */
record AwsSettings(String accessKeyId, String secretAccessKey, String sessionToken, String roleArn, String externalId,
                   String memberRoleName, List<Region> regions, URI endpoint) {

    static final String ACCESS_KEY_ID = "accessKeyId";
    static final String SECRET_ACCESS_KEY = "secretAccessKey";
    static final String SESSION_TOKEN = "sessionToken";
    static final String ROLE_ARN = "roleArn";
    static final String EXTERNAL_ID = "externalId";
    static final String ORGANIZATION_MODE = "organizationMode";
    static final String MEMBER_ROLE_NAME = "memberRoleName";
    static final String REGIONS = "regions";
    static final String ENDPOINT_URL = "endpointUrl";

    static final String DEFAULT_MEMBER_ROLE = "EvidentReadOnly";

    /** arn:PARTITION:iam::ACCOUNT:role/PATH/NAME, as IAM shows a role's ARN. */
    static final Pattern ROLE_ARN_FORMAT =
            Pattern.compile("arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern ACCESS_KEY_FORMAT = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{12,124}");
    private static final Pattern ROLE_NAME_FORMAT = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID_FORMAT = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    boolean organizationMode() {
        return memberRoleName != null;
    }

    /** The first configured region: where STS is called and global services are signed for. */
    Region homeRegion() {
        return regions.get(0);
    }

    static AwsSettings read(ConnectorConfig config) {
        config.requireValid();
        List<ConfigProblem> problems = new ArrayList<>();
        String accessKeyId = config.require(ACCESS_KEY_ID).strip();
        if (!ACCESS_KEY_FORMAT.matcher(accessKeyId).matches()) {
            problems.add(new ConfigProblem(ACCESS_KEY_ID, "Access key ID must look like AKIA… (20 capital letters "
                    + "and digits), as shown under IAM > Users > Security credentials; was " + shown(accessKeyId)));
        }
        String secret = config.secret(SECRET_ACCESS_KEY).strip();
        String sessionToken = config.has(SESSION_TOKEN) ? config.secret(SESSION_TOKEN).strip() : null;
        String roleArn = config.get(ROLE_ARN).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (roleArn != null && !ROLE_ARN_FORMAT.matcher(roleArn).matches()) {
            problems.add(new ConfigProblem(ROLE_ARN, "Role ARN must look like arn:aws:iam::123456789012:role/"
                    + "EvidentReadOnly (IAM > Roles > the role > ARN); was " + shown(roleArn)));
        }
        String externalId = config.get(EXTERNAL_ID).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (externalId != null && roleArn == null) {
            problems.add(new ConfigProblem(EXTERNAL_ID, "External ID is only used when assuming a role: set the "
                    + "role ARN too, or leave the external ID empty"));
        } else if (externalId != null && !EXTERNAL_ID_FORMAT.matcher(externalId).matches()) {
            problems.add(new ConfigProblem(EXTERNAL_ID, "External ID must be 2 to 1224 letters, digits or +=,.@:/-"));
        }
        String memberRole = null;
        if (config.getBoolean(ORGANIZATION_MODE)) {
            memberRole = config.get(MEMBER_ROLE_NAME).map(String::strip).filter(s -> !s.isEmpty())
                    .orElse(DEFAULT_MEMBER_ROLE);
            if (!ROLE_NAME_FORMAT.matcher(memberRole).matches()) {
                problems.add(new ConfigProblem(MEMBER_ROLE_NAME, "Member account role must be a role name such as "
                        + DEFAULT_MEMBER_ROLE + " (not an ARN: the account ID differs per member)"));
            }
        }
        List<Region> regions = regions(config.require(REGIONS), problems);
        URI endpoint = config.get(ENDPOINT_URL).map(String::strip).filter(s -> !s.isEmpty()).map(URI::create)
                .orElse(null);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new AwsSettings(accessKeyId, secret, sessionToken, roleArn, externalId, memberRole, regions, endpoint);
    }

    private static List<Region> regions(String value, List<ConfigProblem> problems) {
        Set<Region> result = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : value.split("[,\\s]+")) {
            if (name.isEmpty()) {
                continue;
            }
            Region region = Region.of(name.strip().toLowerCase(java.util.Locale.ROOT));
            if (Region.regions().contains(region) && !region.isGlobalRegion()) {
                result.add(region);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(new ConfigProblem(REGIONS, "Regions has unknown region names: " + String.join(", ", unknown)
                    + " (use codes such as us-east-1, eu-west-1, ap-southeast-2)"));
        } else if (result.isEmpty()) {
            problems.add(new ConfigProblem(REGIONS, "Regions must name at least one region, such as us-east-1"));
        } else if (result.stream().map(AwsSettings::partition).distinct().count() > 1) {
            problems.add(new ConfigProblem(REGIONS, "Regions mixes partitions (" + result + "): one connection "
                    + "reads one partition; create a second connection for aws-cn or aws-us-gov regions"));
        }
        return List.copyOf(result);
    }

    /** The partition a region belongs to, by its name: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b. */
    static String partition(Region region) {
        String id = region.id();
        if (id.startsWith("cn-")) {
            return "aws-cn";
        } else if (id.startsWith("us-gov-")) {
            return "aws-us-gov";
        } else if (id.startsWith("us-isob-")) {
            return "aws-iso-b";
        } else if (id.startsWith("us-iso-")) {
            return "aws-iso";
        }
        return "aws";
    }

    private static String shown(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
