package dev.evident.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.EvidentProperties.Api;
import dev.evident.shared.config.EvidentProperties.Bootstrap;
import dev.evident.shared.config.EvidentProperties.Controls;
import dev.evident.shared.config.EvidentProperties.Invitations;
import dev.evident.shared.config.EvidentProperties.SignIn;
import dev.evident.shared.config.InvalidConfigurationException;
import dev.evident.shared.crypto.SecretBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final String SEED = "JBSWY3DPEHPK3PXP";

    @TempDir
    Path dataDir;

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static EvidentProperties properties(Path dataDir, String secretKeyFile) {
        return new EvidentProperties(dataDir, false, null, secretKeyFile, new Bootstrap(null, null, null, "My organization"),
                new SignIn(5, Duration.ofMinutes(15), 20), new Api(1_048_576), new Invitations(Duration.ofDays(7)), new Controls(16_777_216),
                EvidentProperties.Evidence.defaults());
    }

    @Test
    void encryptedSecretDecryptsToTheOriginal() {
        SecretBox box = SecretBox.withKey(randomKey());

        String sealed = box.encrypt(SEED);

        assertThat(sealed).startsWith("v1:").doesNotContain(SEED);
        assertThat(box.decrypt(sealed)).isEqualTo(SEED);
    }

    @Test
    void nonAsciiSecretsSurviveTheRoundTrip() {
        SecretBox box = SecretBox.withKey(randomKey());

        assertThat(box.decrypt(box.encrypt("pässwörd ✓"))).isEqualTo("pässwörd ✓");
        assertThat(box.decrypt(box.encrypt(""))).isEmpty();
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTimeBecauseOfTheRandomNonce() {
        SecretBox box = SecretBox.withKey(randomKey());

        String first = box.encrypt(SEED);
        String second = box.encrypt(SEED);

        assertThat(first).isNotEqualTo(second);
        byte[] firstNonce = Arrays.copyOf(Base64.getDecoder().decode(first.substring(3)), 12);
        byte[] secondNonce = Arrays.copyOf(Base64.getDecoder().decode(second.substring(3)), 12);
        assertThat(firstNonce).isNotEqualTo(secondNonce);
    }

    @Test
    void tamperedCiphertextIsRefused() {
        SecretBox box = SecretBox.withKey(randomKey());
        byte[] raw = Base64.getDecoder().decode(box.encrypt(SEED).substring(3));
        raw[raw.length - 20] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Decryption failed");
    }

    @Test
    void tamperedNonceIsRefused() {
        SecretBox box = SecretBox.withKey(randomKey());
        byte[] raw = Base64.getDecoder().decode(box.encrypt(SEED).substring(3));
        raw[0] ^= 0x01;

        assertThatThrownBy(() -> box.decrypt("v1:" + Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secretSealedUnderAnotherKeyCannotBeOpened() {
        String sealed = SecretBox.withKey(randomKey()).encrypt(SEED);

        assertThatThrownBy(() -> SecretBox.withKey(randomKey()).decrypt(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the secret key does not match the data");
    }

    @Test
    void valueWithoutTheVersionPrefixIsNotACiphertext() {
        SecretBox box = SecretBox.withKey(randomKey());

        assertThatThrownBy(() -> box.decrypt(SEED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an Evident ciphertext");
        assertThatThrownBy(() -> box.decrypt(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstStartCreatesAKeyFileOnlyTheOwnerCanRead() throws IOException {
        new SecretBox(properties(dataDir, null));

        Path keyFile = dataDir.resolve("keys").resolve("secret.key");
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).trim())).hasSize(32);
    }

    @Test
    void laterStartsReuseTheKeyFileSoEarlierSecretsStayReadable() throws IOException {
        String sealed = new SecretBox(properties(dataDir, null)).encrypt(SEED);
        Path keyFile = dataDir.resolve("keys").resolve("secret.key");
        String keyBefore = Files.readString(keyFile);

        SecretBox restarted = new SecretBox(properties(dataDir, null));

        assertThat(restarted.decrypt(sealed)).isEqualTo(SEED);
        assertThat(Files.readString(keyFile)).isEqualTo(keyBefore);
    }

    @Test
    void explicitKeyFileIsUsedInsteadOfTheDataDirectory() throws IOException {
        byte[] key = randomKey();
        Path keyFile = dataDir.resolve("elsewhere").resolve("evident.key");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");

        SecretBox box = new SecretBox(properties(dataDir, keyFile.toString()));

        assertThat(SecretBox.withKey(key).decrypt(box.encrypt(SEED))).isEqualTo(SEED);
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void keyFileThatDoesNotHoldA256BitKeyStopsTheStart() throws IOException {
        Path keyFile = dataDir.resolve("keys").resolve("secret.key");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> new SecretBox(properties(dataDir, null)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.setting()).isEqualTo("evident.secret-key-file");
                    assertThat(e.getMessage()).contains("does not hold a 256-bit key");
                    assertThat(e.fix()).contains("Restore the original key file");
                });
    }

    @Test
    void keyFileThatIsNotBase64StopsTheStartNamingTheSetting() throws IOException {
        Path keyFile = dataDir.resolve("keys").resolve("secret.key");
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, "this is not a key!");

        assertThatThrownBy(() -> new SecretBox(properties(dataDir, null)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("evident.secret-key-file"));
    }
}
