package dev.evident.evidence.internal.ledger;

import static dev.evident.shared.Timestamps.toDb;

import dev.evident.shared.Timestamps;
import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.InvalidConfigurationException;
import dev.evident.shared.crypto.KeyFiles;
import dev.evident.verifier.Ed25519;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The installation's Ed25519 key that signs ledger checkpoints. The private key lives in a file
 * outside the database ({@code evident.evidence.ledger-key-file}, by default
 * {@code <data dir>/keys/ledger-ed25519.key}, PKCS#8 in base64), created owner-only on first start.
 * The public key is registered in {@code evidence_signing_key} under its key id, so checkpoints
 * signed by an earlier or another node's key remain verifiable.
 */
@Component
public class LedgerKeys {

    private static final Logger log = LoggerFactory.getLogger(LedgerKeys.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile boolean registered;

    LedgerKeys(EvidentProperties properties, JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        Path file = properties.evidence().ledgerKeyFile() == null || properties.evidence().ledgerKeyFile().isBlank()
                ? properties.dataDir().resolve("keys").resolve("ledger-ed25519.key")
                : Path.of(properties.evidence().ledgerKeyFile());
        KeyPair pair = loadOrCreate(file);
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.keyId = Ed25519.keyId(publicKey);
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return Ed25519.toPem(publicKey);
    }

    String sign(String statement) {
        ensureRegistered();
        return Ed25519.sign(privateKey, statement);
    }

    /** A key that signed some checkpoint, by its id: this node's, or one registered by another. */
    public Optional<PublicKey> publicKey(String id) {
        if (id.equals(keyId)) {
            return Optional.of(publicKey);
        }
        return jdbc.sql("SELECT public_key FROM evidence_signing_key WHERE key_id = :id").param("id", id)
                .query(String.class).optional().map(b64 -> Ed25519.publicKey(Base64.getDecoder().decode(b64)));
    }

    private void ensureRegistered() {
        if (registered) {
            return;
        }
        jdbc.sql("""
                INSERT INTO evidence_signing_key (key_id, public_key, created_at) VALUES (:id, :key, :now)
                ON CONFLICT DO NOTHING""")
                .param("id", keyId).param("key", Base64.getEncoder().encodeToString(publicKey.getEncoded()))
                .param("now", toDb(Timestamps.now(clock))).update();
        registered = true;
    }

    private static KeyPair loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(file).trim())));
                return new KeyPair(derivePublic(key), key);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            KeyFiles.createPrivate(file, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
            log.info("Created the evidence-ledger signing key at {} (key id {}) — back it up; keep the same file on every node",
                    file, Ed25519.keyId(pair.getPublic()));
            return pair;
        } catch (IOException e) {
            throw new InvalidConfigurationException("evident.evidence.ledger-key-file", "(" + file + ") cannot be read or "
                    + "created: " + e.getMessage(), "Make EVIDENT_DATA_DIR writable, or point "
                    + "EVIDENT_EVIDENCE_LEDGER_KEY_FILE at a readable key file.");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidConfigurationException("evident.evidence.ledger-key-file", "(" + file + ") is not an Ed25519 "
                    + "private key", "Restore the key file from your backup. Existing checkpoints stay verifiable with "
                    + "the public keys stored in the database; a new key only signs new checkpoints.");
        }
    }

    /** Java's PKCS#8 encoding of an Ed25519 key does not carry the public key; derive it. */
    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        byte[] pkcs8 = key.getEncoded();
        byte[] seed = new byte[32];
        System.arraycopy(pkcs8, pkcs8.length - 32, seed, 0, 32);
        byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        // X.509 SubjectPublicKeyInfo for Ed25519: fixed 12-byte prefix followed by the 32-byte key
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] der = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(raw, 0, der, prefix.length, raw.length);
        return Ed25519.publicKey(der);
    }
}
