#!/usr/bin/env bash
# Benchmark of `provider-audit export -o OUT.pdf`, the meeting's record as one PDF/A
# document: whole-process wall time (median of RUNS runs, hyperfine) and peak memory
# (maximum resident set size, GNU time) for
#   - the five sample audits and the selection meeting's comparison: at most 300 ms, 60 MiB;
#   - 20 full synthetic audits (examples/gen_audits, every question answered): at most 1 s.
# Exits 1 when a target is missed.
#
# Needs: hyperfine and GNU time (Debian: apt-get install hyperfine time).
# Usage: bench/pdf.sh            (builds the release binary and gen_audits if missing)
#        RUNS=30 BIN=path/to/provider-audit bench/pdf.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/provider-audit}
GEN=${GEN:-$(dirname "$BIN")/examples/gen_audits}
RUNS=${RUNS:-15}

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "bench/pdf.sh: $tool is missing (apt-get install hyperfine time)" >&2
        exit 2
    }
done
[[ -x "$BIN" ]] || cargo build --release --locked
[[ -x "$GEN" ]] || cargo build --release --locked --example gen_audits

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$GEN" --providers 20 --out "$dir/a20" >/dev/null 2>&1

status=0
echo "provider-audit export -o record.pdf ($(nproc) cores, $RUNS runs)"
measure() {
    local name=$1 target_ms=$2 target_mib=$3
    shift 3
    local command="$BIN export $* -o $dir/record.pdf"
    hyperfine --style none --warmup 3 --runs "$RUNS" --export-json "$dir/run.json" \
        "$command" >/dev/null 2>&1
    local median_ms peak_kib peak_mib pages size_kib verdict=ok
    median_ms=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$dir/run.json" | head -1 |
        awk '{ printf "%.1f", $1 * 1000 }')
    peak_kib=$(/usr/bin/time -v $command 2>&1 >/dev/null |
        sed -n 's/.*Maximum resident set size (kbytes): *//p')
    peak_mib=$(awk -v k="$peak_kib" 'BEGIN { printf "%.1f", k / 1024 }')
    size_kib=$(( $(stat -c %s "$dir/record.pdf") / 1024 ))
    pages=$(command -v pdfinfo >/dev/null && pdfinfo "$dir/record.pdf" | sed -n 's/^Pages: *//p' || echo "?")
    if awk -v t="$median_ms" -v m="$peak_mib" -v tt="$target_ms" -v mm="$target_mib" \
        'BEGIN { exit !(t > tt || m > mm) }'; then
        verdict="MISSED (targets: ${target_ms} ms, ${target_mib} MiB)"
        status=1
    fi
    printf '  %s: median %s ms, peak memory %s MiB, %s pages, file %s KiB: %s\n' \
        "$name" "$median_ms" "$peak_mib" "$pages" "$size_kib" "$verdict"
}
measure "the 5 samples and their comparison" 300 60 sample_audits/*.ron
measure "20 synthetic full audits" 1000 1000000 "$dir"/a20/*.ron
exit "$status"
