#!/usr/bin/env bash
# bench/year.sh: issue 13's year of daily runs (see BENCHMARKS.md). Not part of the tests.
#
#   bench/year.sh [DAYS] [SCALE]       default: 365 days at scale 0.01
#
# Generates the dump and DAYS daily drops (books generate --scale SCALE --days DAYS), then runs them
# twice, each time in one JVM and Spark session (bench/year/YearRuns.java), a day after another:
#   maintain   books run, then books maintain (daily, as the job's maintain task)
#   none       books run only
# and writes WORK/report/: year.md (first, median and last daily wall time; live files, live bytes
# and bytes on disk per layer on the last day, with and without maintenance) and three charts
# (year-wall-time.png, year-live-files.png, year-disk-bytes.png); the per-day figures are in
# WORK/maintain.tsv and WORK/none.tsv. The Delta log's clock is simulated (each day moves the log
# files' times back one day); VACUUM runs with --retention 0h (see YearRuns.java).
#
# A full year at scale 0.01 is about 2 x 365 runs of 13 tasks: budget 8-10 hours on 2 idle cores.
# A smoke run: bench/year.sh 3.
#
# Environment: BENCH_WORK (default bench/work, git-ignored), BENCH_SEED (1), BOOKS_JAVA_OPTS
# (default -Xmx3g), BENCH_YEAR_VARIANTS (default "maintain none").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
days="${1:-365}"
scale="${2:-0.01}"
work="${BENCH_WORK:-$root/bench/work}/year-$scale-$days"
jar="$root/streams/target/books-lakehouse.jar"

if [[ ! -f "$jar" || ! -f "$root/streams/target/spark-java17.args" ]]; then
  (cd "$root" && mvn -B -q -pl streams -am -DskipTests package)
fi
classes="$root/bench/target/year"
if [[ ! -f "$classes/YearRuns.class" || "$root/bench/year/YearRuns.java" -nt "$classes/YearRuns.class" ]]; then
  mkdir -p "$classes"
  javac -cp "$jar:$root/streams/target/lib/*" -d "$classes" "$root/bench/year/YearRuns.java"
fi
cp="$classes:$jar:$root/streams/target/lib/*"
# The Java 17 flags Spark needs, from the argument file the build writes beside the jar (as bin/books).
opens="@$root/streams/target/spark-java17.args"

mkdir -p "$work"
if [[ ! -d "$work/drops" ]]; then
  "$root/bin/books" generate --scale "$scale" --days "$days" --seed "${BENCH_SEED:-1}" \
    --out "$work/drops"
fi
for variant in ${BENCH_YEAR_VARIANTS:-maintain none}; do
  rm -rf "${work:?}/$variant"
  # shellcheck disable=SC2086
  java ${BOOKS_JAVA_OPTS:--Xmx3g} "$opens" -cp "$cp" YearRuns run "$work/drops" \
    "$work/$variant" "$days" "$variant" "$work/$variant.tsv" >"$work/$variant.log" 2>&1 \
    || { echo "year.sh: the $variant run failed; see $work/$variant.log" >&2; exit 1; }
done
java -cp "$cp" YearRuns report "$work/maintain.tsv" "$work/none.tsv" "$work/report"
