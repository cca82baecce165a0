#!/usr/bin/env bash
# Sync benchmark (issue 6): an AWS organization of 20 accounts x 4 regions with 50,000 resources, 5,000 Okta
# users, 5,000 Google Workspace users and a 5,000-person HR roster, served by local stubs that generate their
# answers from a seeded model, synced by the real connectors through Evident's own sync path into PostgreSQL,
# then every built-in check evaluated; results in docs/benchmarks.md.
#   bench/sync.sh                                              # full size, local PostgreSQL
#   bench/sync.sh --accounts=2 --regions=1 --resources=500 --okta-users=50 --google-users=50   # a quick run
#   bench/sync.sh --runs=2 --evaluation-runs=5                 # a second sync of everything (steady state)
#   bench/sync.sh --db-url=jdbc:postgresql://127.0.0.1:5432/postgres --db-user=postgres
#   bench/sync.sh --help
# SyncEngine is package-private, so the benchmark is in the app's test sources (SyncBenchmark) and runs on the
# app's test class path. Build it first (writes app/target/bench-classpath.txt):
#   ./mvnw -B -q -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# JVM options: BENCH_JAVA_OPTS (default -Xmx2g); the peak heap is reported against that maximum.
set -euo pipefail
# shellcheck source=bench/app-test-main.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-test-main.sh"
run_app_test_main sync.sh dev.evident.integration.internal.SyncBenchmark -Xmx2g "$@"
