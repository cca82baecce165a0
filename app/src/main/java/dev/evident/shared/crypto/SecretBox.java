package dev.evident.shared.crypto;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.InvalidConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets stored in the database (TOTP seeds now, connector credentials later) with
 * AES-256-GCM. The key lives outside the database — in {@code EVIDENT_DATA_DIR/keys/secret.key}
 * or the file named by {@code evident.secret-key-file} — so a database dump alone reveals nothing.
 * Ciphertext format: "v1:" + base64(12-byte nonce || ciphertext+tag).
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    @org.springframework.beans.factory.annotation.Autowired
    public SecretBox(EvidentProperties properties) {
        Path file = (properties.secretKeyFile() == null || properties.secretKeyFile().isBlank()
                ? properties.dataDir().resolve("keys").resolve("secret.key")
                : Path.of(properties.secretKeyFile())).toAbsolutePath();
        this.key = new SecretKeySpec(loadOrCreate(file), "AES");
    }

    private SecretBox(SecretKeySpec key) {
        this.key = key;
    }

    /** For tests and tools: a box over a given 256-bit key. */
    public static SecretBox withKey(byte[] rawKey) {
        return new SecretBox(new SecretKeySpec(rawKey, "AES"));
    }

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not an Evident ciphertext");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: the secret key does not match the data "
                    + "(was the key file replaced?)", e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        try {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // Created owner-only from the first byte: there is no moment when others could read it.
            KeyFiles.createPrivate(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            log.info("Created a new secret-encryption key at {} — back it up together with the database", file);
            return fresh;
        } catch (IOException e) {
            throw new InvalidConfigurationException("evident.secret-key-file", "(" + file + ") cannot be created: "
                    + e.getMessage(), "Make EVIDENT_DATA_DIR writable, or point EVIDENT_SECRET_KEY_FILE at a readable key file.");
        }
    }

    private static byte[] read(Path file) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new InvalidConfigurationException("evident.secret-key-file", "(" + file + ") cannot be read: "
                    + e.getMessage(), "Make the key file readable by the user running Evident.");
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("evident.secret-key-file", "(" + file + ") is not a base64 key",
                    "Restore the original key file from your backup; a new key cannot read secrets encrypted with the old one.");
        }
        if (decoded.length != 32) {
            throw new InvalidConfigurationException("evident.secret-key-file", "(" + file + ") does not hold a 256-bit key",
                    "Restore the original key file from your backup; a new key cannot read secrets encrypted with the old one.");
        }
        return decoded;
    }
}
