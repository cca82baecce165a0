package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.verifier.CanonicalJson;
import dev.evident.verifier.ChainVerification;
import dev.evident.verifier.HashChain;
import org.junit.jupiter.api.Test;

class AuditChainFixturesTest {

    @Test
    void benchmarkChainVerifiesEndToEnd() {
        ChainVerification result = HashChain.verify(AuditChainFixtures.chain(500));

        assertThat(result.valid()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(500);
    }

    @Test
    void entryContentIsCanonicalJsonOfAuditLogSize() {
        String json = CanonicalJson.encode(AuditChainFixtures.content(4_217));

        assertThat(json).startsWith("{\"action\":\"user.role_changed\",\"actor\":{").contains("\"seq\":4217");
        assertThat(json.length()).isBetween(400, 700);
    }
}
