#!/usr/bin/env bash
# Benchmark of `provider-audit export`: 20 full audits (every question answered) and a
# comparison with weights, must-haves, annotations and a decision, drawn to PNG and to SVG.
# Reports the whole-process wall time (median of RUNS runs, hyperfine) and the peak
# memory (maximum resident set size, GNU time) of each, against the targets of issue 5:
# at most 100 ms and 30 MiB. Exits 1 when a target is missed.
#
# Needs: hyperfine and GNU time (Debian: apt-get install hyperfine time).
# Usage: bench/export.sh            (builds target/release/provider-audit if missing)
#        RUNS=30 BIN=path/to/provider-audit bench/export.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/provider-audit}
RUNS=${RUNS:-15}
PROVIDERS=${PROVIDERS:-20}
TARGET_MS=100
TARGET_MIB=30

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "bench/export.sh: $tool is missing (apt-get install hyperfine time)" >&2
        exit 2
    }
done
if [[ ! -x "$BIN" ]]; then
    cargo build --release --locked
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Full audits: the blank audit of `provider-audit new`, every entry answered with a
# sentence and a verdict (about 60% Meets, 20% Partial, 10% Gap, 10% no answer).
audits=()
for i in $(seq -w 1 "$PROVIDERS"); do
    file="$dir/provider-$i.ron"
    "$BIN" new --provider "Provider $i Cloud AB" -o "$file" 2>/dev/null
    awk -v seed="$((10#$i))" '
        BEGIN { split("Meets Meets Meets Meets Meets Meets Partial Partial Gap NoAnswer", v, " ") }
        /\(answer: ""\),$/ {
            n++
            verdict = v[(n * 7 + seed * 3) % 10 + 1]
            sub(/\(answer: ""\),$/, "(answer: \"We do, in all three zones; documented in our service description, section " n ", and shown in the trial.\", verdict: " verdict ", provenance: Evidenced),")
        }
        { print }
    ' "$file" >"$file.tmp"
    mv "$file.tmp" "$file"
    audits+=("$file")
done

# A comparison of them all, with the meeting's work.
{
    echo "("
    echo "    format: 1,"
    printf '    audits: ['
    for file in "${audits[@]}"; do printf '(path: "%s"), ' "$(basename "$file")"; done
    echo "],"
    echo '    section_weights: {"legal": 2.0, "org": 1.5},'
    echo '    must_have: ["legal.eu-jurisdiction.operation", "org.iso27001"],'
    echo '    annotations: ['
    for i in $(seq -w 1 "$PROVIDERS"); do
        echo "        (provider: \"Provider $i Cloud AB\", question: \"tech.lb.source-ip\", flag: Weak, comment: \"PROXY protocol only on request\", author: \"bench\"),"
        echo "        (provider: \"Provider $i Cloud AB\", question: \"tech.az.locations\", flag: FollowUp, comment: \"Ask for the addresses\", author: \"bench\"),"
    done
    echo '    ],'
    echo '    decision: (provider: "Provider 01 Cloud AB", rationale: "Best score among those passing every must-have.", decided_by: "CISO board", decided_on: "2026-12-01"),'
    echo ")"
} >"$dir/meeting.comparison.ron"

"$BIN" check "$dir/meeting.comparison.ron" >/dev/null 2>&1 || {
    echo "bench/export.sh: the generated files do not check clean:" >&2
    "$BIN" check "$dir/meeting.comparison.ron" >&2
    exit 2
}

status=0
echo "provider-audit export, $PROVIDERS full audits and a comparison ($(nproc) cores, $RUNS runs)"
for format in png svg; do
    out="$dir/out.$format"
    command="$BIN export $dir/meeting.comparison.ron -o $out"
    hyperfine --style none --warmup 3 --runs "$RUNS" --export-json "$dir/$format.json" \
        "$command" >/dev/null 2>&1
    median_ms=$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$dir/$format.json" | head -1 |
        awk '{ printf "%.1f", $1 * 1000 }')
    peak_kib=$(/usr/bin/time -v $command 2>&1 >/dev/null |
        sed -n 's/.*Maximum resident set size (kbytes): *//p')
    peak_mib=$(awk -v k="$peak_kib" 'BEGIN { printf "%.1f", k / 1024 }')
    size_kib=$(( $(stat -c %s "$out") / 1024 ))
    verdict=ok
    if awk -v t="$median_ms" -v m="$peak_mib" -v tt="$TARGET_MS" -v mm="$TARGET_MIB" \
        'BEGIN { exit !(t > tt || m > mm) }'; then
        verdict="MISSED (targets: ${TARGET_MS} ms, ${TARGET_MIB} MiB)"
        status=1
    fi
    printf '  %s: median %s ms, peak memory %s MiB, file %s KiB: %s\n' \
        "$format" "$median_ms" "$peak_mib" "$size_kib" "$verdict"
done
exit "$status"
