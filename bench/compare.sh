#!/usr/bin/env bash
# A/B of two builds or JVM flag sets on the same data (issue #19: every optimisation pays for itself).
#
#   bench/compare.sh [--runs N] [--sizes small,large] [--only package,verify,unpack,install,start]
#                    [--work DIR] NAME=HOME[@JAVA_OPTS] NAME=HOME[@JAVA_OPTS]
#
# HOME is a checkout whose jars are built (bin/ and TOOL/target/slipway-TOOL.jar, as bin/launcher.sh
# finds them); @JAVA_OPTS, when given, is that variant's SLIPWAY_JAVA_OPTS (else the launcher's
# default). Uses bench/run's generated projects under WORK (default bench/target; made if missing) and
# an archive packaged once by the first variant. Runs the two variants alternately, run by run, the
# first one first on odd runs, each after a sync, and prints medians of wall time, peak RSS and CPU
# (GNU time) as a Markdown table, also appended to WORK/compare.md. Unpacked trees are kept under
# WORK/.compare-trash (ext4 without a journal: see bench/run); delete it when done.
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
RUNS=3 SIZES=small ONLY=package,verify,unpack WORK="$HERE/bench/target" SEED=7
VARIANTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *=*) VARIANTS+=("$1"); shift ;;
    *) echo "bench/compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ "${#VARIANTS[@]}" = 2 ] || { echo "bench/compare.sh: give two variants, NAME=HOME[@JAVA_OPTS]" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/compare.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$WORK/.compare-trash"
WORK=$(cd "$WORK" && pwd)
LOG="$WORK/compare.log"
TRASH="$WORK/.compare-trash"
wants() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
name() { echo "${1%%=*}"; }
home() { local v=${1#*=}; echo "${v%%@*}"; }

# timed OUT VARIANT TOOL ARGS...: runs the variant's launcher with its SLIPWAY_JAVA_OPTS after a
# sync, appends "wall_s maxrss_kb user_s sys_s" to OUT.
timed() {
  local out=$1 v=$2 tool=$3; shift 3
  local -a opts=(env -u SLIPWAY_JAVA_OPTS)
  case "$v" in *@*) opts=(env "SLIPWAY_JAVA_OPTS=${v#*@}") ;; esac
  sync
  echo "-- $v $tool $*" >> "$LOG"
  /usr/bin/time -f '%e %M %U %S' -o "$out.t" "${opts[@]}" "$(home "$v")/bin/$tool" "$@" >> "$LOG" 2>&1 \
    || echo "bench/compare.sh: failed: $v $tool $* (see $LOG)" >&2
  tail -n 1 "$out.t" >> "$out"; rm -f "$out.t"
}
median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END {printf "%.3f", NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
cpu() { awk '{print $3+$4}' "$1" > "$1.cpu"; median "$1.cpu" 1; }
row() {
  local what=$1 a=$2 b=$3
  local wa wb ra rb
  wa=$(median "$a" 1); wb=$(median "$b" 1); ra=$(median "$a" 2); rb=$(median "$b" 2)
  echo "| $what | $wa / $wb | $(awk -v a="$wa" -v b="$wb" 'BEGIN{printf "%+.1f%%", (b-a)/a*100}') | $(awk -v k="$ra" 'BEGIN{printf "%.0f", k/1024}') / $(awk -v k="$rb" 'BEGIN{printf "%.0f", k/1024}') | $(awk -v a="$ra" -v b="$rb" 'BEGIN{printf "%+.1f%%", (b-a)/a*100}') | $(cpu "$a") / $(cpu "$b") | $(median "$a" 4) / $(median "$b" 4) |"
}

A=${VARIANTS[0]} B=${VARIANTS[1]}
OUT="$WORK/.compare.$$"
mkdir -p "$OUT"
{
  echo
  echo "### $(name "$A") vs $(name "$B"), $(date -u +%H:%MZ), $RUNS runs, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "$(name "$A") = ${A#*=}; $(name "$B") = ${B#*=}"
  echo
  echo "| size: measurement | wall s A / B | B vs A | peak RSS MB A / B | B vs A | CPU s A / B | sys s A / B |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} > "$OUT/table"
# both MEASUREMENT FN: FN VARIANT FILE for each run, the order alternating.
both() {
  : > "$OUT/$1.a"; : > "$OUT/$1.b"
  for i in $(seq "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then "$2" "$A" "$OUT/$1.a" "$i"; "$2" "$B" "$OUT/$1.b" "$i"
    else "$2" "$B" "$OUT/$1.b" "$i"; "$2" "$A" "$OUT/$1.a" "$i"; fi
  done
  row "$1" "$OUT/$1.a" "$OUT/$1.b" >> "$OUT/table"
}

IFS=, read -r -a SIZE_LIST <<< "$SIZES"
for SIZE in "${SIZE_LIST[@]}"; do
  wants package || wants verify || wants unpack || continue
  D="$WORK/$SIZE"
  if [ ! -f "$D/.generated-$SEED" ]; then
    rm -rf "$D"; mkdir -p "$D"
    java "$HERE/bench/Generate.java" --out "$D/project" --size "$SIZE" --seed "$SEED" >> "$LOG" 2>&1
    touch "$D/.generated-$SEED"
  fi
  ARCHIVE="$D/compare-archive"
  if [ ! -f "$ARCHIVE/.ready" ]; then
    rm -rf "$ARCHIVE"; mkdir -p "$ARCHIVE"
    timed "$ARCHIVE/.time" "$A" packager package "$D/project" --out "$ARCHIVE"
    ls "$ARCHIVE"/*.tar.gz > /dev/null && touch "$ARCHIVE/.ready"
  fi
  TGZ=$(ls "$ARCHIVE"/*.tar.gz)
  package_one() { rm -rf "$OUT/pkg"; mkdir -p "$OUT/pkg"; timed "$2" "$1" packager package "$D/project" --out "$OUT/pkg"; }
  verify_one() { timed "$2" "$1" installer verify "$TGZ"; }
  unpack_one() { timed "$2" "$1" installer unpack "$TGZ" "$TRASH/$SIZE-$(name "$1")-$$-$3"; }
  if wants package; then both "$SIZE: package" package_one; fi
  if wants verify; then both "$SIZE: verify" verify_one; fi
  if wants unpack; then both "$SIZE: unpack" unpack_one; fi
done
TRAINING="$HERE/installer/src/cds/cds-training-1.0.0-training.tar.gz"
install_one() {
  rm -rf "$OUT/root"; mkdir -p "$OUT/root/shared"
  timed "$2" "$1" installer install "$TRAINING" --root "$OUT/root" --allow-root-app --allow-node-mismatch --smoke-timeout 60
}
start_one() { timed "$2" "$1" installer --version; }
if wants install; then both "install (cds-training release, fresh root)" install_one; fi
if wants start; then both "installer --version" start_one; fi
echo "load at end $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/table"
tee -a "$WORK/compare.md" < "$OUT/table"
rm -rf "$OUT"
