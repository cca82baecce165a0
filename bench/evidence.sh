#!/usr/bin/env bash
# Evidence ingest and ledger-verification throughput (issue 4's benchmark); results in docs/benchmarks.md.
#   bench/evidence.sh --db=postgres --db-url=jdbc:postgresql://127.0.0.1:5432/postgres   # 100,000 records
#   bench/evidence.sh --db=h2 --records=20000
#   bench/evidence.sh --help
# Needs the app jar and the bench jar: ./mvnw -B -pl app,bench -am package -DskipTests
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_jar="$root/bench/target/evident-bench.jar"
if [[ ! -f "$bench_jar" ]]; then
  echo "evidence.sh: $bench_jar is missing; build with: ./mvnw -B -pl app,bench -am package -DskipTests" >&2
  exit 2
fi
cd "$root"
exec "${JAVA:-java}" -cp "$bench_jar" dev.evident.bench.EvidenceBenchmark "$@"
