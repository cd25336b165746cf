#!/usr/bin/env bash
# Whole-process speed comparison (issues 6 and 17): the unspin binary against
# two peers on the same dictionary: the aho-corasick program on text of at
# least 64 MiB, Python flashtext (per line, and far slower) on 8 MiB of the
# same mix. Then benches/RESULTS.md is rewritten with the medians.
#
#   bash benches/compare.sh
#
# Peers: a small aho-corasick program (benches/compare/aho-peer/) and Python
# flashtext (benches/compare/flashtext_peer.py, in a virtual environment this
# script makes). Both load the dictionary from `unspin --dump-dictionary`.
# Everything built or generated goes under target/compare/. Needs cargo and
# python3, and reaches only crates.io and PyPI (and Debian's archive, to
# install hyperfine when it is missing and apt-get is there).
#
# Settings, from the environment:
#   COMPARE_MB=64         size of the text in MiB
#   COMPARE_SMALL_MB=8    size of the text flashtext is compared on, in MiB
#   COMPARE_RUNS=15       timed runs of unspin and the aho-corasick program,
#                         in turn: a round runs each once
#   COMPARE_WARMUP=1      untimed runs before those
#   COMPARE_SLOW_RUNS=3   timed runs of flashtext (no warm-up)
#   COMPARE_NO_APT=1      do not apt-get install hyperfine; time with a bash loop
#   COMPARE_RESULTS=FILE  where to write the results (default benches/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${COMPARE_MB:-64}
SMALL_MB=${COMPARE_SMALL_MB:-8}
RUNS=${COMPARE_RUNS:-15}
WARMUP=${COMPARE_WARMUP:-1}
SLOW_RUNS=${COMPARE_SLOW_RUNS:-3}
RESULTS=${COMPARE_RESULTS:-benches/RESULTS.md}
OUT=target/compare
mkdir -p "$OUT"
SECONDS=0

say() { printf '== %s\n' "$*" >&2; }

# 1. unspin and its dictionary.
say "cargo build --release"
cargo build --release --quiet
UNSPIN=target/release/unspin
DICT=$OUT/dictionary.tsv
"$UNSPIN" --dump-dictionary >"$DICT"
say "dictionary: $(wc -l <"$DICT") entries in $DICT"

# 2. The text.
TEXT=$OUT/input-${MB}MiB.txt
if [ ! -s "$TEXT" ] || [ ! -s "$OUT/input-mix.txt" ] || [ benches/compare/make-text.py -nt "$TEXT" ] \
  || [ tests/fixtures/clean-en.txt -nt "$TEXT" ] || [ samples/spun-article.txt -nt "$TEXT" ]; then
  say "writing $TEXT"
  python3 benches/compare/make-text.py "$TEXT.tmp" "$MB" 2>"$OUT/input-mix.txt"
  mv "$TEXT.tmp" "$TEXT"
fi
cat "$OUT/input-mix.txt" >&2
SMALL=$OUT/input-${SMALL_MB}MiB.txt
if [ ! -s "$SMALL" ] || [ benches/compare/make-text.py -nt "$SMALL" ] \
  || [ tests/fixtures/clean-en.txt -nt "$SMALL" ] || [ samples/spun-article.txt -nt "$SMALL" ]; then
  say "writing $SMALL"
  python3 benches/compare/make-text.py "$SMALL.tmp" "$SMALL_MB" 2>"$OUT/input-small-mix.txt"
  mv "$SMALL.tmp" "$SMALL"
fi

# 3. The aho-corasick program.
say "cargo build --release (benches/compare/aho-peer)"
cargo build --release --quiet --manifest-path benches/compare/aho-peer/Cargo.toml \
  --target-dir "$OUT/aho-peer-target"
AHO=$OUT/aho-peer-target/release/aho-peer

# 4. flashtext in a virtual environment.
VENV=$OUT/venv
if [ ! -x "$VENV/bin/python" ]; then
  say "python3 -m venv $VENV"
  if ! python3 -m venv "$VENV"; then
    # Debian's python3 keeps venv in a package of its own.
    if [ -z "${COMPARE_NO_APT:-}" ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      rm -rf "$VENV"
      python3 -m venv "$VENV"
    else
      echo "compare.sh: python3 -m venv failed (install python3-venv)" >&2
      exit 1
    fi
  fi
fi
if ! "$VENV/bin/python" -c 'import flashtext' 2>/dev/null; then
  say "pip install flashtext==2.7"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check flashtext==2.7
fi
PY=$VENV/bin/python

# 5. Timing.
if ! command -v hyperfine >/dev/null && [ -z "${COMPARE_NO_APT:-}" ] \
  && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  say "apt-get install hyperfine"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; } \
    || echo "compare.sh: could not install hyperfine; timing with a bash loop" >&2
fi
if [ -n "${COMPARE_NO_APT:-}" ] || ! command -v hyperfine >/dev/null; then
  HYPERFINE=
  TIMER="a bash loop around each run (date +%s.%N)"
else
  HYPERFINE=$(command -v hyperfine)
  TIMER="$(hyperfine --version)"
fi

KEYS=(unspin-auto unspin-auto-1t unspin-aggressive unspin-aggressive-1t aho-peer unspin-auto-small flashtext)
declare -A CMD
CMD[unspin-auto]="$UNSPIN $TEXT"
CMD[unspin-auto-1t]="$UNSPIN --threads 1 $TEXT"
CMD[unspin-aggressive]="$UNSPIN --mode aggressive $TEXT"
CMD[unspin-aggressive-1t]="$UNSPIN --mode aggressive --threads 1 $TEXT"
CMD[aho-peer]="$AHO $DICT $TEXT"
CMD[unspin-auto-small]="$UNSPIN $SMALL"
CMD[flashtext]="$PY benches/compare/flashtext_peer.py $DICT $SMALL"

# time_once KEY: runs KEY once, its output thrown away, and adds its wall
# time in seconds as a line to $OUT/times-KEY.txt.
time_once() {
  local key=$1 s e
  local -a cmd
  read -r -a cmd <<<"${CMD[$key]}"
  s=$(date +%s.%N)
  "${cmd[@]}" >/dev/null
  e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f\n", e - s }' >>"$OUT/times-$key.txt"
}

# time_runs KEY RUNS WARMUP: writes one wall time a line to $OUT/times-KEY.txt.
time_runs() {
  local key=$1 runs=$2 warmup=$3 i
  local -a cmd
  read -r -a cmd <<<"${CMD[$key]}"
  say "timing $key: $runs run(s) after $warmup warm-up(s): ${CMD[$key]}"
  if [ -n "$HYPERFINE" ]; then
    local shell_opt=() help
    help=$("$HYPERFINE" --help)
    # -N (no intermediate shell) exists from hyperfine 1.13 on.
    if [[ $help == *shell=none* ]]; then shell_opt=(-N); fi
    "$HYPERFINE" "${shell_opt[@]}" --style basic --warmup "$warmup" --runs "$runs" \
      --export-json "$OUT/hyperfine-$key.json" -n "$key" "${CMD[$key]}" >&2
    python3 -c 'import json,sys; print("\n".join(str(t) for t in json.load(open(sys.argv[1]))["results"][0]["times"]))' \
      "$OUT/hyperfine-$key.json" >"$OUT/times-$key.txt"
  else
    for ((i = 0; i < warmup; i++)); do "${cmd[@]}" >/dev/null; done
    : >"$OUT/times-$key.txt"
    for ((i = 0; i < runs; i++)); do
      time_once "$key"
      tail -n 1 "$OUT/times-$key.txt" >&2
    done
  fi
}

# rss_run KEY: one more run, its output kept and its peak RSS (KiB) recorded.
rss_run() {
  local key=$1
  local -a cmd
  read -r -a cmd <<<"${CMD[$key]}"
  rm -f "$OUT/rss-$key.txt"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$OUT/rss-$key.txt" "${cmd[@]}" >"$OUT/output-$key.txt"
  else
    "${cmd[@]}" >"$OUT/output-$key.txt"
  fi
}

# time_in_turn KEY...: RUNS rounds, each running every program once, in
# turn, timed by the bash loop; so whatever else the machine does during
# the measurement falls on all of them alike, and their ratios hold even on
# a busy machine (runs of one program after another, as hyperfine makes
# them, put a quiet minute on one and a busy one on the next).
time_in_turn() {
  local key i
  local -a cmd
  for key in "$@"; do
    read -r -a cmd <<<"${CMD[$key]}"
    say "warming up $key: $WARMUP run(s): ${CMD[$key]}"
    for ((i = 0; i < WARMUP; i++)); do "${cmd[@]}" >/dev/null; done
    : >"$OUT/times-$key.txt"
  done
  say "timing $# programs in turn: $RUNS round(s)"
  for ((i = 0; i < RUNS; i++)); do
    for key in "$@"; do
      time_once "$key"
    done
  done
}

time_in_turn unspin-auto unspin-auto-1t unspin-aggressive unspin-aggressive-1t aho-peer unspin-auto-small
time_runs flashtext "$SLOW_RUNS" 0
for key in "${KEYS[@]}"; do
  say "one more run of $key for peak RSS and its output"
  rss_run "$key"
done

# 6. The results.
mem_kib=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
if git diff --quiet HEAD -- 2>/dev/null; then dirty=""; else dirty=" (with uncommitted changes)"; fi
{
  echo "DATE=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "NPROC=$(nproc)"
  echo "MEM=$(awk -v k="$mem_kib" 'BEGIN { printf "%.1f GiB", k / 1048576 }')"
  echo "KERNEL=$(uname -sr)"
  echo "RUSTC=$(rustc --version)"
  echo "PYTHON=$("$PY" --version 2>&1)"
  echo "AHO_VERSION=$(awk '/^name = "aho-corasick"/ { getline; gsub(/[^0-9.]/, ""); print }' benches/compare/aho-peer/Cargo.lock)"
  echo "FLASHTEXT_VERSION=$("$VENV/bin/pip" show flashtext 2>/dev/null | awk '/^Version:/ { print $2 }')"
  echo "TIMER=the programs but flashtext in turn, each run timed by a bash loop (date +%s.%N); flashtext by $TIMER"
  echo "COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty"
  echo "INPUT=$TEXT"
  echo "INPUT_SMALL=$SMALL"
  echo "INPUT_SPUN=$(sed -n 's/.*bytes, \([0-9.]*%\).*/\1/p' "$OUT/input-mix.txt")"
  echo "DICT=$DICT"
  echo "RUNS=$RUNS"
  echo "WARMUP=$WARMUP"
  echo "SLOW_RUNS=$SLOW_RUNS"
  for key in "${KEYS[@]}"; do
    name=${key^^}
    echo "CMD_${name//-/_}=${CMD[$key]}"
  done
} >"$OUT/meta.env"
python3 benches/compare/report.py "$OUT" "$RESULTS"
say "done in ${SECONDS} s"
