package dev.evident.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a policy document counts as administrator access. */
class IamPermissionsTest {

    private static Boolean grants(String document) {
        return IamPermissions.grantsEverything(IamStub.encode(document));
    }

    @Test
    void allowOfEveryActionOnEveryResourceIsAdministratorAccess() {
        assertThat(grants("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}")).isTrue();
        assertThat(grants("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"*:*\"],\"Resource\":[\"*\"]}]}"))
                .isTrue();
        assertThat(IamPermissions.grantsEverything("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}}")).as("a document that is not encoded").isTrue();
    }

    @Test
    void narrowerOrDeniedStatementsAreNot() {
        assertThat(grants("{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}")).isFalse();
        assertThat(grants("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}")).isFalse();
        assertThat(grants("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::a\"}}"))
                .isFalse();
        assertThat(grants("{\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\"],\"Resource\":\"*\"}}"))
                .as("PowerUserAccess's shape").isFalse();
        assertThat(grants("{\"Version\":\"2012-10-17\",\"Statement\":[]}")).isFalse();
    }

    @Test
    void anUnreadableDocumentIsUnknownNotSafe() {
        assertThat(IamPermissions.grantsEverything("%7B%22Statement")).isNull();
        assertThat(IamPermissions.grantsEverything("%zz")).isNull();
        assertThat(IamPermissions.grantsEverything(null)).isNull();
    }
}
