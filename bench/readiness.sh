#!/usr/bin/env bash
# Readiness and control-library server times at scale (issue 3's benchmark); results in docs/benchmarks.md.
#   bench/readiness.sh                          # embedded H2, 1,000 controls x 5 criteria
#   bench/readiness.sh --db postgres --db-url jdbc:postgresql://127.0.0.1:5432/postgres
#   bench/readiness.sh --help
# Needs a build first: ./mvnw -B install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_jar="$root/bench/target/evident-bench.jar"
if [[ ! -f "$bench_jar" ]]; then
  echo "readiness.sh: $bench_jar is missing; build with: ./mvnw -B install -DskipTests" >&2
  exit 2
fi
cd "$root"
exec "${JAVA:-java}" -cp "$bench_jar" dev.evident.bench.ReadinessLoadBenchmark "$@"
