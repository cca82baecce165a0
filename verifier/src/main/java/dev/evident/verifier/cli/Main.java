package dev.evident.verifier.cli;

import dev.evident.verifier.Ed25519;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

/**
 * {@code java -jar evident-verify.jar <file>}: lets anyone check an export offline, without
 * trusting the Evident server that produced it.
 */
public final class Main {

    static final int EXIT_VALID = 0;
    static final int EXIT_BROKEN = 1;
    static final int EXIT_ERROR = 2;

    private static final String USAGE = """
            Usage: java -jar evident-verify.jar <file.jsonl>
                   java -jar evident-verify.jar [--public-key key.pem] <package.zip>
                   java -jar evident-verify.jar --help | --version

            Verifies offline, without trusting the server that produced the file:
              - an audit-log export (.jsonl): every entry's hash is recomputed and the chain
                from the first entry to the last is checked;
              - an evidence audit package (.zip): every file's SHA-256 and size, every item's
                metadata and ledger entry, the ledger chain, every inclusion proof and the
                checkpoint's Ed25519 signature. --public-key pins the key the checkpoint must
                be signed with; without it the key shipped in the package is trusted.

            Exit codes: 0 valid, 1 broken (tampered or damaged), 2 usage, read or format error.""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Everything except the process exit, so tests can run the CLI in-process. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return EXIT_VALID;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("evident-verify " + version());
            return EXIT_VALID;
        }
        PublicKey pinned = null;
        String[] rest = args;
        if (args.length == 3 && args[0].equals("--public-key")) {
            try {
                pinned = Ed25519.fromPem(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("error: cannot read the public key " + args[1] + ": " + e.getMessage());
                return EXIT_ERROR;
            } catch (IllegalArgumentException e) {
                err.println("error: " + args[1] + ": " + e.getMessage());
                return EXIT_ERROR;
            }
            rest = new String[] {args[2]};
        }
        if (rest.length != 1 || rest[0].startsWith("-")) {
            err.println(USAGE);
            return EXIT_ERROR;
        }
        return verifyFile(Path.of(rest[0]), pinned, out, err);
    }

    private static int verifyFile(Path file, PublicKey pinned, PrintStream out, PrintStream err) {
        List<FileVerifier> verifiers = List.of(new AuditLogVerifier(), new PackageFileVerifier(pinned));
        FileVerifier verifier = verifiers.stream().filter(v -> v.accepts(file)).findFirst().orElse(null);
        if (verifier == null) {
            err.println("error: " + file + ": unsupported file type, expected a .jsonl audit-log export or a .zip "
                    + "evidence package");
            return EXIT_ERROR;
        }
        if (pinned != null && verifier instanceof AuditLogVerifier) {
            err.println("error: --public-key applies to evidence packages (.zip) only");
            return EXIT_ERROR;
        }
        if (!Files.isRegularFile(file)) {
            err.println("error: " + file + ": no such file");
            return EXIT_ERROR;
        }
        try {
            return verifier.verify(file, out);
        } catch (ExportFormatException e) {
            err.println("error: " + e.getMessage());
        } catch (CharacterCodingException e) {
            err.println("error: " + file + ": not valid UTF-8 text");
        } catch (NoSuchFileException e) {
            err.println("error: " + file + ": no such file");
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
        }
        return EXIT_ERROR;
    }

    private static String version() {
        // Set from the pom by the jar manifest; absent when running from an IDE or test classpath.
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "(development build)";
    }
}
