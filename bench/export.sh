#!/usr/bin/env bash
# Audit package export throughput against a plain copy of the same bytes, server heap capped at 256 MB
# (issue 4's benchmark); results in docs/benchmarks.md.
#   bench/export.sh                                      # 10,000 files / 2 GB on embedded H2
#   bench/export.sh --files 1000 --size 200m             # a quicker run
#   bench/export.sh --db postgres --db-url jdbc:postgresql://127.0.0.1:5432/postgres
#   bench/export.sh --help
# Needs a build first: ./mvnw -B install -DskipTests   (builds app/target/evident.jar and bench/target/evident-bench.jar)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_jar="$root/bench/target/evident-bench.jar"
if [[ ! -f "$bench_jar" ]]; then
  echo "export.sh: $bench_jar is missing; build with: ./mvnw -B install -DskipTests" >&2
  exit 2
fi
cd "$root"
exec "${JAVA:-java}" -cp "$bench_jar" dev.evident.bench.ExportBenchmark "$@"
