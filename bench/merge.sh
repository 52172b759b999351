#!/usr/bin/env bash
# Benchmark of the team features of issue 25, whole process (median of RUNS runs,
# hyperfine): `provider-audit merge` of two comparisons of 5 providers x 142 annotations
# with 40 conflicting fields (target: at most 20 ms), and `provider-audit due` over 100
# full synthetic audits (target: at most 100 ms). Exits 1 when a target is missed.
#
# Needs: hyperfine (Debian: apt-get install hyperfine).
# Usage: bench/merge.sh             (builds the release binary and examples if missing)
#        RUNS=30 BIN=path/to/provider-audit bench/merge.sh
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=${BIN:-$TARGET_DIR/release/provider-audit}
RUNS=${RUNS:-20}
MERGE_MS=20
DUE_MS=100

command -v hyperfine >/dev/null || {
    echo "bench/merge.sh: hyperfine is missing (apt-get install hyperfine)" >&2
    exit 2
}
cargo build --release --locked --bin provider-audit
# The generators are the core's examples: no GUI or test dependency is built for them.
cargo build --release --locked -p provider-audit-core --example gen_merge --example synthetic_audits

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$TARGET_DIR/release/examples/gen_merge" --out "$dir/merge"
"$TARGET_DIR/release/examples/synthetic_audits" 100 "$dir/audits"

# The merge overwrites OURS: each run starts from a fresh copy. Exit 1 = conflicts remain.
cp "$dir/merge/ours.comparison.ron" "$dir/merge/ours.orig"
hyperfine --warmup 3 --runs "$RUNS" -i --export-json "$dir/merge.json" \
    --prepare "cp '$dir/merge/ours.orig' '$dir/merge/ours.comparison.ron'" \
    "'$BIN' merge '$dir/merge/base.comparison.ron' '$dir/merge/ours.comparison.ron' '$dir/merge/theirs.comparison.ron' --path meeting.comparison.ron"
# Exit 1 = something is due.
hyperfine --warmup 3 --runs "$RUNS" -i --export-json "$dir/due.json" \
    "'$BIN' due $dir/audits/*.ron --within 30d"

median_ms() {
    python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000, 1))' "$1"
}
merge_ms=$(median_ms "$dir/merge.json")
due_ms=$(median_ms "$dir/due.json")
conflicts=$(grep -c "on: Annotation" "$dir/merge/ours.comparison.ron" || true)
echo "merge: median $merge_ms ms (target <= $MERGE_MS ms), $conflicts conflicts written"
echo "due over 100 audits: median $due_ms ms (target <= $DUE_MS ms)"
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) and float(sys.argv[3]) <= float(sys.argv[4]) else 1)' \
    "$merge_ms" "$MERGE_MS" "$due_ms" "$DUE_MS"
