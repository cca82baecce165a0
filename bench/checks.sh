#!/usr/bin/env bash
# Continuous monitoring benchmark (issue 5): 60 checks over a generated 100,000-resource inventory on
# PostgreSQL (load + compile + evaluate, and the interval writes), the CEL evaluation rate next to
# hand-written Java, and the storage of a simulated year of hourly evaluation; results in docs/benchmarks.md.
#   bench/checks.sh                                            # 100,000 resources, 365 days, local PostgreSQL
#   bench/checks.sh --resources=20000 --days=30 --runs=3       # a quicker run
#   bench/checks.sh --db-url=jdbc:postgresql://127.0.0.1:5432/postgres --db-user=postgres
#   bench/checks.sh --help
# The engine is package-private, so the benchmark is in the app's test sources (ChecksBenchmark) and runs
# on the app's test class path. Build it first (writes app/target/bench-classpath.txt):
#   ./mvnw -B -q -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# JVM options: BENCH_JAVA_OPTS (default -Xmx3g).
set -euo pipefail
# shellcheck source=bench/app-test-main.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-test-main.sh"
run_app_test_main checks.sh dev.evident.monitoring.internal.ChecksBenchmark -Xmx3g "$@"
