#!/usr/bin/env bash
# The whole benchmark suite, one command: bench/run-all.sh
#
# 1. load + validate + score for 5, 20, 100, 500 audits and the UI frame (overview and the
#    largest section with 5, 20, 100 providers; 100 providers x 500 questions): cargo bench;
# 2. `summary` of 100 full audits and `diff` of two full audits, whole process (hyperfine);
# 3. `export` of 20 full audits to PNG and SVG, time and peak memory (bench/export.sh), and
#    the PDF record of the samples and of 20 synthetic audits (bench/pdf.sh);
# 4. the app under Xvfb with 20 audits: time to the first frame and resident memory;
# 5. the spreadsheet comparison with LibreOffice (bench/spreadsheet.sh; SKIP_SPREADSHEET=1
#    leaves it out, it installs LibreOffice when missing).
# Figures are medians; budgets are in the README. Needs hyperfine, GNU time, xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked --example gen_audits
BIN=target/release/provider-audit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== core and UI frame (cargo bench --bench core)"
cargo bench --locked --bench core

echo "== the spreadsheet round trip: workbook and import (cargo bench -p provider-audit-core --bench workbook)"
cargo bench --locked -p provider-audit-core --bench workbook

echo "== summary of 100 audits, whole process"
target/release/examples/gen_audits --providers 100 --out "$work/a100" 2>/dev/null
hyperfine -N --warmup 3 --runs 20 "$BIN summary $(ls "$work"/a100/*.ron | tr '\n' ' ')" 2>&1 | grep -E "Time|Range"

echo "== diff of two full audits of one provider, whole process"
target/release/examples/gen_audits --providers 2 --out "$work/d2" 2>/dev/null
hyperfine -N --warmup 3 --runs 30 "$BIN diff --format json $(ls "$work"/d2/*.ron | tr '\n' ' ')" 2>&1 | grep -E "Time|Range"

echo "== export of 20 audits"
BIN=$BIN bench/export.sh

echo "== the PDF record"
BIN=$BIN bench/pdf.sh

echo "== the app under Xvfb with 20 audits (software rendering)"
target/release/examples/gen_audits --providers 20 --out "$work/a20" 2>/dev/null
for run in 1 2 3 4 5; do
    XDG_DATA_HOME="$work/data$run" PROVIDER_AUDIT_TIMING=1 xvfb-run -a -s "-screen 0 1600x1000x24" \
        bash -c "$BIN $work/a20/*.ron & pid=\$!; sleep 5; grep VmHWM /proc/\$pid/status; kill \$pid" 2>&1 |
        grep -E "first frame|VmHWM" | tr '\n' ' '
    echo
done

if [[ "${SKIP_SPREADSHEET:-0}" != 1 ]]; then
    echo "== the spreadsheet comparison"
    bench/spreadsheet.sh
fi
