package dev.evident.verifier.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One kind of file the CLI can verify. New kinds (evidence packages) plug in here without
 * touching argument handling in {@link Main}.
 */
interface FileVerifier {

    boolean accepts(Path file);

    /** Verifies the file, prints the verdict to {@code out}, and returns the process exit code. */
    int verify(Path file, PrintStream out) throws IOException;
}
