#!/usr/bin/env bash
# lossfn benchmark: one sitting, interleaved repetitions, medians and ratios.
#
#   bench/run.sh PY_CORPUS [JAVA_CORPUS] [SINGLE_PY_FILE]
#
# PY_CORPUS and JAVA_CORPUS are directories of checked-out repositories (outside this repository);
# SINGLE_PY_FILE is one training script for the start-up measurement. Environment: RUNS (default 5),
# THREADS (all-cores count, default nproc), OUT (result folder, default bench/out), SKIP_BUILD=1,
# SKIP_BUNDLED=1 (skip the slow bundled-binding parse rows), BASE_JAR (an older lossfn.jar: adds a
# single-base row, the "before" of a start-up change).
#
# Rows (each a whole JVM process, timed with /usr/bin/time -v: wall, user+sys CPU, peak RSS):
#   parse-fast-1t / -Nt   parse only, exactly lossfn's parse (fast parser), no analysis
#   parse-bundled-1t      the same through the bundled binding (-Dlossfn.python.parser=bundled)
#   parse-raw-bundled-1t  the bundled binding's parseString alone (the old floor)
#   check-1t / check-Nt   full `lossfn check --threads 1|N` (java -jar: the JVM's defaults)
#   check-launcher-1t / -Nt   the same through the `lossfn` launcher (its JVM options for the machine)
#   check-base-Nt         BASE_JAR's `lossfn check --threads N`, when BASE_JAR is set (the "before")
#   java-parse-1t, java-check-1t / -Nt   the same for the Java corpus (JavaParser)
#   single-base           BASE_JAR's `java -jar lossfn.jar check FILE`, when BASE_JAR is set
#   single-default        `java -jar lossfn.jar check FILE` (JVM start-up included)
#   single-launcher       `./lossfn check FILE` (the launcher: CDS archive, start-up flags)
# The system load (1-minute average) is recorded before every run: this machine is shared.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py="${1:?usage: bench/run.sh PY_CORPUS [JAVA_CORPUS] [SINGLE_PY_FILE]}"
jc="${2:-}"
single="${3:-}"
runs="${RUNS:-5}"
n="${THREADS:-$(nproc)}"
out="${OUT:-$here/bench/out}"
mkdir -p "$out"
cli="$here/cli/target/lossfn.jar"
bench="$here/bench/target/lossfn-bench.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$here" && mvn -q -B -DskipTests -pl cli,bench -am package) || { echo "build failed" >&2; exit 2; }
fi
results="$out/runs.tsv"
: > "$results"

# run NAME CMD...: one timed run; appends "name wall cpu rss_kb load" to runs.tsv
run() {
  local name="$1"; shift
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  local tf="$out/time.$$"
  /usr/bin/time -v -o "$tf" "$@" > "$out/$name.out" 2> "$out/$name.err"
  local wall user sys rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tf")"
  user="$(awk -F': ' '/User time/ {print $2}' "$tf")"
  sys="$(awk -F': ' '/System time/ {print $2}' "$tf")"
  rss="$(awk -F': ' '/Maximum resident/ {print $2}' "$tf")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "$(awk "BEGIN{print $user+$sys}")" "$rss" "$load" >> "$results"
  printf '%-22s wall %7.2f s  cpu %7.2f s  rss %7d KB  load %s\n' "$name" "$wall" "$(awk "BEGIN{print $user+$sys}")" "$rss" "$load"
  rm -f "$tf"
}

check_args=(check --no-cache --exit-zero --format json -o /dev/null)
# The launcher's first run after a build writes its CDS archive: let a one-file check do that, before
# any timed row.
if [ -n "$single" ]; then
  "$here/lossfn" check --exit-zero "$single" > /dev/null 2>&1
fi
for r in $(seq 1 "$runs"); do
  echo "== round $r/$runs"
  run parse-fast-1t java -jar "$bench" parse py "$py" --threads 1
  run check-1t java -jar "$cli" "${check_args[@]}" --threads 1 "$py"
  run parse-fast-${n}t java -jar "$bench" parse py "$py" --threads "$n"
  run check-${n}t java -jar "$cli" "${check_args[@]}" --threads "$n" "$py"
  run check-launcher-1t "$here/lossfn" "${check_args[@]}" --threads 1 "$py"
  run check-launcher-${n}t "$here/lossfn" "${check_args[@]}" --threads "$n" "$py"
  [ -n "${BASE_JAR:-}" ] && run check-base-${n}t java -jar "$BASE_JAR" "${check_args[@]}" --threads "$n" "$py"
  if [ "${SKIP_BUNDLED:-0}" != 1 ] && [ "$r" -le 3 ]; then
    run parse-bundled-1t java -Dlossfn.python.parser=bundled -jar "$bench" parse py "$py" --threads 1
    run parse-raw-bundled-1t java -jar "$bench" parse py "$py" --threads 1 --parser raw-bundled
  fi
  if [ -n "$jc" ]; then
    run java-parse-1t java -jar "$bench" parse java "$jc" --threads 1
    run java-check-1t java -jar "$cli" "${check_args[@]}" --threads 1 "$jc"
    run java-check-${n}t java -jar "$cli" "${check_args[@]}" --threads "$n" "$jc"
  fi
done
if [ -n "$single" ]; then
  for r in $(seq 1 $((runs * 2))); do
    [ -n "${BASE_JAR:-}" ] && run single-base java -jar "$BASE_JAR" check --exit-zero "$single"
    run single-default java -jar "$cli" check --exit-zero "$single"
    run single-launcher "$here/lossfn" check --exit-zero "$single"
  done
fi

lines="$(find "$py" -name '*.py' -type f -print0 | xargs -0 cat | wc -l)"
jlines=0
[ -n "$jc" ] && jlines="$(find "$jc" -name '*.java' -type f -print0 | xargs -0 cat | wc -l)"
echo
echo "Python corpus: $lines lines; Java corpus: $jlines lines; $n cores; $runs rounds"
echo
# medians per row, then ratios
awk -F'\t' -v lines="$lines" -v jlines="$jlines" -v n="$n" '
function median(arr, k,   i, j, t, m) {
  for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
  m = int((k + 1) / 2); return (k % 2) ? arr[m] : (arr[k/2] + arr[k/2+1]) / 2
}
{ name = $1; k = ++cnt[name]; W[name, k] = $2; C[name, k] = $3; R[name, k] = $4; L[name, k] = $5
  if (!(name in seen)) { seen[name] = 1; order[++names] = name } }
END {
  printf "| row | runs | median wall s | median cpu s | median peak RSS MB | load (min-max) | lines/s (wall) |\n|---|---|---|---|---|---|---|\n"
  for (o = 1; o <= names; o++) {
    name = order[o]; k = cnt[name]
    for (i = 1; i <= k; i++) { wa[i] = W[name, i]; ca[i] = C[name, i]; ra[i] = R[name, i] }
    lo = 1e9; hi = 0; for (i = 1; i <= k; i++) { if (L[name, i] < lo) lo = L[name, i]; if (L[name, i] > hi) hi = L[name, i] }
    mw[name] = median(wa, k); mc[name] = median(ca, k); mr[name] = median(ra, k)
    nl = (name ~ /^java-/) ? jlines : (name ~ /^single/ ? 0 : lines)
    printf "| %s | %d | %.2f | %.2f | %.0f | %.2f-%.2f | %s |\n", name, k, mw[name], mc[name], mr[name] / 1024, lo, hi, nl ? sprintf("%.0f", nl / mw[name]) : "-"
  }
  print ""
  if (("check-1t" in mw) && ("parse-fast-1t" in mw)) {
    printf "check / parse-only, 1 thread:   wall %.2fx  cpu %.2fx\n", mw["check-1t"] / mw["parse-fast-1t"], mc["check-1t"] / mc["parse-fast-1t"]
    printf "check / parse-only, %d threads:  wall %.2fx\n", n, mw["check-" n "t"] / mw["parse-fast-" n "t"]
    printf "check %d threads vs 1 thread:    %.2fx faster\n", n, mw["check-1t"] / mw["check-" n "t"]
    printf "parse-only %d threads vs 1:      %.2fx faster\n", n, mw["parse-fast-1t"] / mw["parse-fast-" n "t"]
    printf "check lines/s per core:         1 thread %.0f; %d threads %.0f (wall), %.0f per CPU-second (1 thread)\n", lines / mw["check-1t"], n, lines / mw["check-" n "t"] / n, lines / mc["check-1t"]
  }
  if ("check-launcher-1t" in mw) {
    printf "launcher: check / parse-only 1 thread wall %.2fx, %d threads wall %.2fx; %d threads vs 1: %.2fx\n", mw["check-launcher-1t"] / mw["parse-fast-1t"], n, mw["check-launcher-" n "t"] / mw["parse-fast-" n "t"], n, mw["check-launcher-1t"] / mw["check-launcher-" n "t"]
    printf "launcher: check lines/s per core: 1 thread %.0f; %d threads %.0f (wall)\n", lines / mw["check-launcher-1t"], n, lines / mw["check-launcher-" n "t"] / n
  }
  if ("check-base-" n "t" in mw)
    printf "before (BASE_JAR), %d threads: %.2f s wall; now %.2f s (java -jar), %.2f s (launcher)\n", n, mw["check-base-" n "t"], mw["check-" n "t"], mw["check-launcher-" n "t"]
  if ("parse-bundled-1t" in mw)
    printf "fast vs bundled parse (lossfn parse, 1 thread): %.2fx; vs raw bundled parseString: %.2fx\n", mw["parse-bundled-1t"] / mw["parse-fast-1t"], mw["parse-raw-bundled-1t"] / mw["parse-fast-1t"]
  if ("java-check-1t" in mw)
    printf "Java: check / parse-only 1 thread %.2fx; %d threads vs 1: %.2fx\n", mw["java-check-1t"] / mw["java-parse-1t"], n, mw["java-check-1t"] / mw["java-check-" n "t"]
  if ("single-default" in mw)
    printf "single file: default %.0f ms (cpu %.0f ms), launcher %.0f ms (cpu %.0f ms)\n", mw["single-default"] * 1000, mc["single-default"] * 1000, mw["single-launcher"] * 1000, mc["single-launcher"] * 1000
  if ("single-base" in mw)
    printf "single file before (BASE_JAR): %.0f ms (cpu %.0f ms)\n", mw["single-base"] * 1000, mc["single-base"] * 1000
}' "$results" | tee "$out/summary.md"
