package dev.evident.evidence.internal.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.InvalidConfigurationException;
import dev.evident.verifier.Ed25519;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerKeysTest {

    @TempDir
    Path dataDir;

    EvidentProperties properties(String keyFile) {
        var defaults = EvidentProperties.Evidence.defaults();
        var evidence = new EvidentProperties.Evidence(defaults.maxUploadSize(), defaults.maxRecordSize(),
                defaults.maxRecordsPerBatch(), defaults.checkpointInterval(), defaults.staleCheckInterval(),
                defaults.retention(), keyFile, "local", defaults.s3());
        return new EvidentProperties(dataDir, false, null, null, new EvidentProperties.Bootstrap(null, null, null, "x"),
                new EvidentProperties.SignIn(5, java.time.Duration.ofMinutes(15), 20), new EvidentProperties.Api(1_048_576),
                new EvidentProperties.Invitations(java.time.Duration.ofDays(7)), new EvidentProperties.Controls(16_777_216),
                evidence);
    }

    @Test
    void theKeyIsCreatedOwnerOnlyOnceAndReadBackWithTheSamePublicKey() throws Exception {
        LedgerKeys first = new LedgerKeys(properties(null), null, Clock.systemUTC());
        Path file = dataDir.resolve("keys/ledger-ed25519.key");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        LedgerKeys again = new LedgerKeys(properties(null), null, Clock.systemUTC());
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(again.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
        assertThat(Ed25519.fromPem(again.publicKeyPem()).getEncoded()).isEqualTo(first.publicKey().getEncoded());
    }

    @Test
    void aDamagedKeyFileStopsTheStartWithAClearMessage() throws Exception {
        Path file = dataDir.resolve("broken.key");
        Files.writeString(file, "not a key");
        assertThatThrownBy(() -> new LedgerKeys(properties(file.toString()), null, Clock.systemUTC()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("broken.key");
    }
}
