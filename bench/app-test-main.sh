# Sourced by the benchmarks that run on the app's test class path (checks.sh, sync.sh): runs the given
# class with BENCH_JAVA_OPTS (or the given default), after checking that it and the class path are built.
#   run_app_test_main <script name> <fully qualified class> <default JVM options> [arguments...]
run_app_test_main() {
  local script="$1" class="$2" default_opts="$3"
  shift 3
  local root classpath main
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  classpath="$root/app/target/bench-classpath.txt"
  main="$root/app/target/test-classes/${class//.//}.class"
  if [[ ! -f "$classpath" || ! -f "$main" ]]; then
    echo "$script: build first: ./mvnw -B -q -pl app -am test-compile dependency:build-classpath" \
         "-Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt" >&2
    exit 2
  fi
  cd "$root"
  # shellcheck disable=SC2086
  exec "${JAVA:-java}" ${BENCH_JAVA_OPTS:-$default_opts} \
    -cp "$root/app/target/test-classes:$root/app/target/classes:$(cat "$classpath")" "$class" "$@"
}
