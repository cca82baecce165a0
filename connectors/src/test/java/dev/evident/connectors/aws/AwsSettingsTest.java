package dev.evident.connectors.aws;

import dev.evident.connector.ConfigProblem;
import dev.evident.connector.ConnectorConfig;
import dev.evident.connector.InvalidConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings the form cannot check: the role ARN, region names, the member role; each refused naming its field. */
class AwsSettingsTest {

    private static Map<String, String> valid() {
        return new HashMap<>(Map.of("accessKeyId", "AKIAIOSFODNN7EXAMPLE", "secretAccessKey", "secret",
                "regions", "us-east-1"));
    }

    private static AwsSettings read(Map<String, String> values) {
        return AwsSettings.read(ConnectorConfig.of(new AwsConnectorFactory().configSchema(), values));
    }

    private static ConfigProblem problem(Map<String, String> values) {
        InvalidConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidConfigException.class,
                () -> read(values));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void readsRegionsInOrderWithoutDuplicates() {
        Map<String, String> values = valid();
        values.put("regions", " eu-west-1,us-east-1  eu-west-1 ");
        values.put("roleArn", "arn:aws:iam::111122223333:role/audit/EvidentReadOnly");
        values.put("externalId", "evident-acme");

        AwsSettings settings = read(values);

        assertThat(settings.regions()).containsExactly(Region.EU_WEST_1, Region.US_EAST_1);
        assertThat(settings.homeRegion()).isEqualTo(Region.EU_WEST_1);
        assertThat(settings.organizationMode()).isFalse();
        assertThat(settings.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/audit/EvidentReadOnly");
    }

    @Test
    void aMalformedRoleArnNamesTheField() {
        Map<String, String> values = valid();
        values.put("roleArn", "arn:aws:iam::1111:user/EvidentReadOnly");

        ConfigProblem problem = problem(values);

        assertThat(problem.field()).isEqualTo("roleArn");
        assertThat(problem.message()).contains("arn:aws:iam::123456789012:role/").contains("1111:user");
    }

    @Test
    void unknownRegionsAreListed() {
        Map<String, String> values = valid();
        values.put("regions", "us-east-1, eu-west-9, useast2");

        ConfigProblem problem = problem(values);

        assertThat(problem.field()).isEqualTo("regions");
        assertThat(problem.message()).contains("unknown region names: eu-west-9, useast2 (");
    }

    @Test
    void regionsOfTwoPartitionsAreRefused() {
        Map<String, String> values = valid();
        values.put("regions", "us-east-1, cn-north-1");

        assertThat(problem(values).field()).isEqualTo("regions");
    }

    @Test
    void anExternalIdWithoutRoleIsRefused() {
        Map<String, String> values = valid();
        values.put("externalId", "evident-acme");

        assertThat(problem(values).field()).isEqualTo("externalId");
    }

    @Test
    void aMemberRoleArnInsteadOfNameIsRefused() {
        Map<String, String> values = valid();
        values.put("organizationMode", "true");
        values.put("memberRoleName", "arn:aws:iam::111122223333:role/EvidentReadOnly");

        assertThat(problem(values).field()).isEqualTo("memberRoleName");
    }

    @Test
    void organizationModeDefaultsTheMemberRole() {
        Map<String, String> values = valid();
        values.put("organizationMode", "true");

        assertThat(read(values).memberRoleName()).isEqualTo(AwsSettings.DEFAULT_MEMBER_ROLE);
    }

    @Test
    void anAccessKeyOfTheWrongShapeIsRefusedBeforeAnyCall() {
        Map<String, String> values = valid();
        values.put("accessKeyId", "wJalrXUtnFEMI/K7MDENG");

        assertThat(problem(values).field()).isEqualTo("accessKeyId");
    }

    @Test
    void theFactoryRefusesWhatTheSettingsRefuse() {
        Map<String, String> values = valid();
        values.put("roleArn", "EvidentReadOnly");

        assertThatThrownBy(() -> new AwsConnectorFactory().create(
                ConnectorConfig.of(new AwsConnectorFactory().configSchema(), values)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("roleArn");
    }
}
