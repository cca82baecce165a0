package dev.evident.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints runs as they finish, then a summary table and Markdown rows for docs/benchmarks.md. */
final class StartupReport {

    /** The targets from the startup issue, checked against the medians. */
    static final double TARGET_READY_SECONDS = 6.0;
    static final double TARGET_IDLE_RSS_MIB = 400.0;

    private static final String HEADER = String.format(Locale.ROOT, "%6s %10s %12s %12s %12s %12s %9s %5s %12s %12s",
            "run", "ready (s)", "context (s)", "JVM up (s)", "idle RSS", "peak RSS", "stop (s)", "exit",
            "app CPU (s)", "other cores");

    private final PrintStream out;

    StartupReport(PrintStream out) {
        this.out = out;
    }

    void header(StartupOptions options, String detail) {
        out.printf(Locale.ROOT, "Evident startup benchmark: %s, %d runs, idle wait %d s%n",
                options.setupLabel(), options.runs(), options.idleSeconds());
        out.println(detail);
        out.println("  context/JVM up: Spring Boot's 'Started ... in X seconds (process running for Y)'; RSS in MiB;");
        out.println("  app CPU: CPU time the app used until ready; other cores: CPU used meanwhile by other processes");
        out.println(HEADER);
    }

    void run(StartupRun r) {
        out.println(row(Integer.toString(r.run()), r));
        out.flush();
    }

    void discarded(StartupRun r) {
        out.println(row(Integer.toString(r.run()), r) + "  discarded: other processes were busy");
        out.flush();
    }

    void summary(StartupOptions options, List<StartupRun> runs, List<StartupRun> discarded) {
        double ready = medianReady(runs);
        double rss = medianRss(runs);
        out.printf(Locale.ROOT, "%6s %10.3f %12s %12s %12.1f%n", "median", ready, "", "", rss);
        out.println();
        out.printf(Locale.ROOT, "Target time-to-ready <= %.0f s (median): %s (%.2f s)%n",
                TARGET_READY_SECONDS, verdict(ready <= TARGET_READY_SECONDS), ready);
        out.printf(Locale.ROOT, "Target idle RSS <= %.0f MiB (median):   %s (%.0f MiB)%n",
                TARGET_IDLE_RSS_MIB, verdict(rss <= TARGET_IDLE_RSS_MIB), rss);
        out.println();
        out.println("Markdown rows for docs/benchmarks.md:");
        out.println();
        markdown(options, runs).forEach(out::println);
        if (!discarded.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "Discarded (other processes above %.2f cores): runs %s%n",
                    options.maxOtherCores().getAsDouble(),
                    String.join(", ", discarded.stream().map(r -> String.format(Locale.ROOT, "%d (%.2f s, %.2f cores)",
                            r.run(), r.readySeconds(), r.otherCores())).toList()));
        }
        out.flush();
    }

    static List<String> markdown(StartupOptions options, List<StartupRun> runs) {
        String setup = options.setupLabel();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("| Setup | Run | Time to ready (s) | Idle RSS (MiB) | Peak RSS (MiB) | Spring \"Started in\" (s)"
                + " | App CPU to ready (s) | Other processes (cores) |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (StartupRun r : runs) {
            lines.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.0f | %s | %.1f | %.2f |", setup, r.run(),
                    r.readySeconds(), r.idle().vmRssMib(), r.idle().vmHwmMib(),
                    r.started().map(s -> String.format(Locale.ROOT, "%.2f", s.contextSeconds())).orElse("–"),
                    r.appCpuSeconds(), r.otherCores()));
        }
        lines.add(String.format(Locale.ROOT, "| %s | **median** | **%.2f** | **%.0f** | | | | |", setup,
                medianReady(runs), medianRss(runs)));
        return lines;
    }

    static double medianReady(List<StartupRun> runs) {
        return Stats.median(runs.stream().map(StartupRun::readySeconds).toList());
    }

    static double medianRss(List<StartupRun> runs) {
        return Stats.median(runs.stream().map(r -> r.idle().vmRssMib()).toList());
    }

    private static String row(String label, StartupRun r) {
        return String.format(Locale.ROOT, "%6s %10.3f %12s %12s %12.1f %12.1f %9.2f %5d %12.2f %12.2f%s", label,
                r.readySeconds(),
                r.started().map(s -> String.format(Locale.ROOT, "%.3f", s.contextSeconds())).orElse("-"),
                r.started().map(s -> String.format(Locale.ROOT, "%.3f", s.processSeconds())).orElse("-"),
                r.idle().vmRssMib(), r.idle().vmHwmMib(), r.stop().took().toMillis() / 1000.0, r.stop().exitCode(),
                r.appCpuSeconds(), r.otherCores(), r.stop().forced() ? "  (killed: no exit within 30 s of SIGTERM)" : "");
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }
}
