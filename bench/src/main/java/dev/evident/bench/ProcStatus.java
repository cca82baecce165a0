package dev.evident.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Memory of a live process as Linux reports it in {@code /proc/<pid>/status}: VmRSS is what is resident
 * now, VmHWM the peak resident size since the process started. Both are in KiB ("kB" in the file).
 */
record ProcStatus(long vmRssKib, long vmHwmKib) {

    static ProcStatus read(long pid) throws IOException {
        return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    static ProcStatus parse(String statusFile) {
        long rss = field(statusFile, "VmRSS").orElseThrow(
                () -> new IllegalArgumentException("no VmRSS line; is this a kernel thread or a zombie?"));
        return new ProcStatus(rss, field(statusFile, "VmHWM").orElse(rss));
    }

    /** The value of a line such as {@code VmRSS:\t  312456 kB}, in KiB. */
    static OptionalLong field(String statusFile, String name) {
        for (String line : statusFile.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).strip().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected " + name + " line: '" + line + "'");
                }
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    double vmRssMib() {
        return vmRssKib / 1024.0;
    }

    double vmHwmMib() {
        return vmHwmKib / 1024.0;
    }
}
