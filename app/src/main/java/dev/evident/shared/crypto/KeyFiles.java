package dev.evident.shared.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Key files kept outside the database (the secret-encryption key, the ledger signing key): created
 * readable by the owner only from the first byte, in folders only the owner can enter. On file
 * systems without POSIX permissions the files are created plainly (the folder's own protection
 * applies there).
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /** Creates {@code file} (which must not exist yet) owner-only, with its missing folders, and writes {@code text}. */
    public static void createPrivate(Path file, String text) throws IOException {
        createPrivateDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException nonPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException nonPosix) {
            Files.createDirectories(dir);
        }
    }
}
