package dev.evident.verifier.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar evident-verify.jar <file>}: lets anyone check an export offline, without
 * trusting the Evident server that produced it.
 */
public final class Main {

    static final int EXIT_VALID = 0;
    static final int EXIT_BROKEN = 1;
    static final int EXIT_ERROR = 2;

    private static final List<FileVerifier> VERIFIERS = List.of(new AuditLogVerifier());

    private static final String USAGE = """
            Usage: java -jar evident-verify.jar <file.jsonl>
                   java -jar evident-verify.jar --help | --version

            Verifies an Evident audit-log export offline: every entry's hash is recomputed
            and the chain from the first entry to the last is checked.

            Exit codes: 0 chain valid, 1 chain broken, 2 usage, read or format error.""";

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
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println(USAGE);
            return EXIT_ERROR;
        }
        return verifyFile(Path.of(args[0]), out, err);
    }

    private static int verifyFile(Path file, PrintStream out, PrintStream err) {
        FileVerifier verifier = VERIFIERS.stream().filter(v -> v.accepts(file)).findFirst().orElse(null);
        if (verifier == null) {
            err.println("error: " + file + ": unsupported file type, expected .jsonl audit-log export");
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
