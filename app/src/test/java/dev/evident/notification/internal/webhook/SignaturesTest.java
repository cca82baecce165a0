package dev.evident.notification.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // computed independently: hmac.new(b'whsec_test', b'1700000000.{"id":"1"}', hashlib.sha256).hexdigest()
        assertThat(Signatures.sign("whsec_test", 1_700_000_000L, "{\"id\":\"1\"}"))
                .isEqualTo("sha256=11bf4466ea17c3df3fd743af0b435368e16b7a05eb8eced85e8c4670767bdec5");
    }

    @Test
    void anotherTimestampOrBodyGivesAnotherSignature() {
        String signature = Signatures.sign("whsec_test", 1_700_000_000L, "{\"id\":\"1\"}");
        assertThat(Signatures.sign("whsec_test", 1_700_000_001L, "{\"id\":\"1\"}")).isNotEqualTo(signature);
        assertThat(Signatures.sign("whsec_test", 1_700_000_000L, "{\"id\":\"2\"}")).isNotEqualTo(signature);
        assertThat(Signatures.sign("whsec_other", 1_700_000_000L, "{\"id\":\"1\"}")).isNotEqualTo(signature);
    }
}
