package dev.evident.bench;

import java.util.Optional;

/**
 * What one cold start measured.
 *
 * @param readySeconds wall time from launching the process until the readiness probe answered UP
 * @param started      Spring Boot's own "Started ... in" figures, if the log had them
 * @param idle         resident memory after the idle wait
 * @param stop         how the graceful stop went
 * @param appCpuSeconds CPU time the application used until it was ready (more than the wall time when
 *                      start-up work ran on several cores)
 * @param otherCores    average cores used by other processes while it started: near 0 on a quiet
 *                      machine; a clearly higher value means the run competed for CPU
 */
record StartupRun(int run, double readySeconds, Optional<StartupLog.Started> started, ProcStatus idle,
                  EvidentProcess.Stop stop, double appCpuSeconds, double otherCores) {
}
