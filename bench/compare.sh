#!/usr/bin/env bash
# Two builds of provider-audit measured back to back in the same conditions (a change's
# before and after): `summary` of 100 full synthetic audits and `export` to PNG of 20 full
# audits with a comparison (the inputs of bench/export.sh), whole process, hyperfine, each
# pair run twice in alternating order so that a change in the machine's load hits both.
# Prints the medians (ms) of every run.
#
# Usage: bench/compare.sh BEFORE_BIN AFTER_BIN [SYNTHETIC_AUDITS_BIN]
#        RUNS=30 bench/compare.sh ...
# The audits come from the core's example (the same generator as the top-level
# `gen_audits`, without building the app's dev-dependencies):
#        cargo build --release -p provider-audit-core --example synthetic_audits
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=$1
AFTER=$2
GEN=${3:-target/release/examples/synthetic_audits}
RUNS=${RUNS:-30}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$GEN" 100 "$dir/a100"
summary_files=$(ls "$dir"/a100/*.ron | tr '\n' ' ')

# The export inputs, as bench/export.sh makes them (20 audits and a comparison of them).
mkdir -p "$dir/e20"
audits=()
for i in $(seq -w 1 20); do
    file="$dir/e20/provider-$i.ron"
    "$AFTER" new --provider "Provider $i Cloud AB" -o "$file" 2>/dev/null
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
{
    echo "("
    echo "    format: 1,"
    printf '    audits: ['
    for file in "${audits[@]}"; do printf '(path: "%s"), ' "$(basename "$file")"; done
    echo "],"
    echo '    section_weights: {"legal": 2.0, "org": 1.5},'
    echo '    must_have: ["legal.eu-jurisdiction.operation", "org.iso27001"],'
    echo '    annotations: ['
    for i in $(seq -w 1 20); do
        echo "        (provider: \"Provider $i Cloud AB\", question: \"tech.lb.source-ip\", flag: Weak, comment: \"PROXY protocol only on request\", author: \"bench\"),"
        echo "        (provider: \"Provider $i Cloud AB\", question: \"tech.az.locations\", flag: FollowUp, comment: \"Ask for the addresses\", author: \"bench\"),"
    done
    echo '    ],'
    echo '    decision: (provider: "Provider 01 Cloud AB", rationale: "Best score among those passing every must-have.", decided_by: "CISO board", decided_on: "2026-12-01"),'
    echo ")"
} >"$dir/e20/meeting.comparison.ron"

# The same output from both (the summary's text; the PNG's bytes may differ by encoder).
"$BEFORE" summary $summary_files >"$dir/before.txt" 2>/dev/null || true
"$AFTER" summary $summary_files >"$dir/after.txt" 2>/dev/null || true
cmp -s "$dir/before.txt" "$dir/after.txt" && echo "summary: same output" || echo "summary: OUTPUT DIFFERS"

median() {
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('  '.join(f\"{x['command']}: {x['median']*1000:.1f} ms (min {x['min']*1000:.1f})\" for x in r))" "$1"
}
for round in 1 2; do
    if [[ $round == 1 ]]; then first=$BEFORE; second=$AFTER; a=before; b=after; else first=$AFTER; second=$BEFORE; a=after; b=before; fi
    hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$dir/s$round.json" \
        -n "summary $a" "$first summary $summary_files" \
        -n "summary $b" "$second summary $summary_files" >/dev/null 2>&1
    median "$dir/s$round.json"
    hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$dir/e$round.json" \
        -n "export png $a" "$first export $dir/e20/meeting.comparison.ron -o $dir/$a.png" \
        -n "export png $b" "$second export $dir/e20/meeting.comparison.ron -o $dir/$b.png" >/dev/null 2>&1
    median "$dir/e$round.json"
done
ls -l "$dir"/before.png "$dir"/after.png | awk '{print "  " $9 ": " $5 " bytes"}'
