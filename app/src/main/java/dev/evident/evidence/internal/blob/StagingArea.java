package dev.evident.evidence.internal.blob;

import java.nio.file.Path;

/** The folder uploads are staged in while they arrive: on the data disk, so moving one into place is a rename. */
public record StagingArea(Path dir) {
}
