package dev.evident.verifier.cli;

/** A line of an export that is not what the format promises; the verdict cannot be trusted. */
final class ExportFormatException extends RuntimeException {

    ExportFormatException(String message) {
        super(message);
    }
}
