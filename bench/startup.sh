#!/usr/bin/env bash
# Cold-start benchmark of evident.jar: time to readiness UP and idle resident memory.
# Run from anywhere; paths such as --jar are relative to the repository root.
#   bench/startup.sh                                   # 5 runs on embedded H2
#   bench/startup.sh --db postgres --db-url jdbc:postgresql://127.0.0.1:5432/postgres --db-user postgres
#   bench/startup.sh --help
# Needs a build first: ./mvnw -B -o install -DskipTests   (builds app/target/evident.jar and bench/target/evident-bench.jar)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_jar="$root/bench/target/evident-bench.jar"
if [[ ! -f "$bench_jar" ]]; then
  echo "startup.sh: $bench_jar is missing; build with: ./mvnw -B -o install -DskipTests" >&2
  exit 2
fi
cd "$root"
exec "${JAVA:-java}" -cp "$bench_jar" dev.evident.bench.StartupBenchmark "$@"
