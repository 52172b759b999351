#!/usr/bin/env bash
# Benchmark of the CSA CAIQ import (issue 24), whole process: `provider-audit import caiq`
# of a made-up CAIQ of 283 questions (the size of CAIQ v4.1; target: at most 50 ms median),
# then ten such imports opened together in the app under Xvfb, with the first frame's time
# (PROVIDER_AUDIT_TIMING=1) and the frame budgets of the README measured by `cargo bench
# --bench core` on synthetic audits. Exits 1 when the import misses its target.
#
# Needs: hyperfine; Xvfb for the app step (skipped without it).
# Usage: bench/caiq.sh            RUNS=30 BIN=path/to/provider-audit bench/caiq.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR=${CARGO_TARGET_DIR:-target}
BIN=${BIN:-$TARGET_DIR/release/provider-audit}
RUNS=${RUNS:-30}
IMPORT_MS=50
cargo build --release --locked --bin provider-audit
cargo build --release --locked -p provider-audit-core --example gen_caiq
BIN=$(realpath "$BIN")
dir=$(mktemp -d)
trap 'kill "${xvfb:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT
"$TARGET_DIR/release/examples/gen_caiq" --bench "$dir/caiq-283.xlsx" >/dev/null
hyperfine --warmup 3 --runs "$RUNS" --export-json "$dir/import.json" \
    --prepare "rm -f '$dir/out/'*; mkdir -p '$dir/out'" \
    "'$BIN' import caiq '$dir/caiq-283.xlsx' -o '$dir/out/p.ron' --provider P"
import_ms=$(python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000, 1))' "$dir/import.json")
echo "import caiq of 283 questions: median $import_ms ms (target <= $IMPORT_MS ms)"

# Ten providers' CAIQs of 283 questions, opened in the app.
mkdir -p "$dir/ten"
for i in $(seq -w 1 10); do
    "$BIN" import caiq "$dir/caiq-283.xlsx" -o "$dir/ten/provider-$i.ron" --provider "Provider $i" 2>/dev/null
done
if command -v Xvfb >/dev/null; then
    display=":$((500 + RANDOM % 400))"
    Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 50); do DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
    for run in 1 2 3; do
        (cd "$dir/ten" && DISPLAY="$display" HOME="$dir" PROVIDER_AUDIT_TIMING=1 \
            timeout 8 "$BIN" provider-*.ron 2>&1 | grep -i "first frame" || true)
    done
fi
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$import_ms" "$IMPORT_MS"
