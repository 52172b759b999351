#!/usr/bin/env bash
# The spreadsheet comparison: the same 20 generated audits (gen_audits, fixed seed) as
#   a) the comparison image of `provider-audit export FILE... -o OUT.png`, and
#   b) the equivalent workbook a spreadsheet user would build (openpyxl; a sheet per
#      section of questions x providers with the app's verdict colours, a summary of
#      section scores, overall score and rank as formulas; bench/spreadsheet_workbook.py),
#      drawn to PNG by LibreOffice: `soffice --headless --convert-to png book.xlsx`.
# Times both whole processes in ALTERNATING runs (export, soffice, soffice, export, ...),
# reports each median, the ratio of medians and each peak memory (GNU time -v), and checks
# that the workbook's formulas, as LibreOffice computes them, give the product's scores.
#
# Needs: LibreOffice Calc and Draw (the PNG filter is Draw's), python3 with venv, GNU time.
# Installs them when it can (Debian, as root: apt-get; openpyxl from PyPI into a venv under
# /tmp); skips with a message and exit 0 where LibreOffice can't be had.
#
# Usage: bench/spreadsheet.sh
#        RUNS=10 PROVIDERS=20 SEED=1 OUT=/tmp/provider-audit-spreadsheet bench/spreadsheet.sh
# Leaves the audits, book.xlsx, both PNGs and the timings in $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/provider-audit}
GEN=${GEN:-target/release/examples/gen_audits}
RUNS=${RUNS:-10}
PROVIDERS=${PROVIDERS:-20}
SEED=${SEED:-1}
OUT=${OUT:-/tmp/provider-audit-spreadsheet}
VENV=${VENV:-/tmp/provider-audit-spreadsheet-venv}

say() { echo "bench/spreadsheet.sh: $*" >&2; }
skip() { say "SKIPPED: $*"; exit 0; }

apt_install() {
    [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || return 1
    say "installing $* (apt-get; LibreOffice takes several minutes)"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "$@"; } >"${TMPDIR:-/tmp}/spreadsheet-apt.log" 2>&1 ||
        { say "apt-get install $* failed (log: ${TMPDIR:-/tmp}/spreadsheet-apt.log)"; return 1; }
}

# LibreOffice: Calc reads the workbook, Draw's filter writes the PNG.
lo_ok() {
    command -v soffice >/dev/null &&
        compgen -G '/usr/lib/libreoffice/program/libsclo.so' >/dev/null &&
        compgen -G '/usr/lib/libreoffice/program/libsdlo.so' >/dev/null
}
if ! lo_ok; then
    apt_install libreoffice-calc libreoffice-draw || true
    lo_ok || skip "LibreOffice (Calc and Draw) is not installed and could not be installed;" \
        "on Debian: apt-get install --no-install-recommends libreoffice-calc libreoffice-draw"
fi
if [[ ! -x /usr/bin/time ]]; then
    apt_install time || true
    [[ -x /usr/bin/time ]] || skip "GNU time (/usr/bin/time) is missing: apt-get install time"
fi

# openpyxl in a venv of its own.
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import openpyxl' 2>/dev/null; then
    say "installing openpyxl into $VENV"
    { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q openpyxl; } >&2 ||
        skip "could not make a venv with openpyxl (python3 -m venv $VENV; $VENV/bin/pip install openpyxl)"
fi
PY="$VENV/bin/python"

if [[ ! -x "$BIN" || ! -x "$GEN" ]]; then
    cargo build --release --locked --bin provider-audit --example gen_audits
fi

# 1. The audits. The binaries are copied first, so that a rebuild in the shared target
# directory during the runs changes nothing.
rm -rf "$OUT"
mkdir -p "$OUT/audits" "$OUT/lo" "$OUT/csv" "$OUT/bin"
cp "$BIN" "$OUT/bin/provider-audit"
cp "$GEN" "$OUT/bin/gen_audits"
BIN="$OUT/bin/provider-audit"
GEN="$OUT/bin/gen_audits"
"$GEN" --providers "$PROVIDERS" --seed "$SEED" --out "$OUT/audits" 2>/dev/null
audits=("$OUT"/audits/*.ron)
"$BIN" check "${audits[@]}" >/dev/null 2>&1 || { say "the generated audits do not check clean"; exit 2; }

# 2. The workbook.
"$PY" bench/spreadsheet_workbook.py --bin "$BIN" -o "$OUT/book.xlsx" "${audits[@]}"

# A profile of LibreOffice's own, so that no other running soffice takes the conversion
# over; created by the warm-up, as a user's would already exist.
profile="file://$OUT/lo-profile"
export_cmd=("$BIN" export "${audits[@]}" -o "$OUT/export.png")
soffice_cmd=(soffice "-env:UserInstallation=$profile" --headless --convert-to png
    --outdir "$OUT/lo" "$OUT/book.xlsx")

# The formulas as LibreOffice computes them (the first sheet, Summary, as CSV) against
# `provider-audit summary`.
soffice "-env:UserInstallation=$profile" --headless --convert-to csv --outdir "$OUT/csv" \
    "$OUT/book.xlsx" >/dev/null 2>&1
"$PY" bench/spreadsheet_workbook.py --bin "$BIN" --expect-scores "$OUT/csv/book.csv" "${audits[@]}"

# 3. Alternating runs, after a warm-up of each.
"${export_cmd[@]}" >/dev/null 2>&1
"${soffice_cmd[@]}" >/dev/null 2>&1
[[ -s "$OUT/export.png" && -s "$OUT/lo/book.png" ]] || { say "a warm-up run wrote no PNG"; exit 2; }

run() { # run NAME CMD...: appends the wall time in ms to $OUT/NAME.ms
    local name=$1 start end
    shift
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || { say "$name failed: $*"; exit 2; }
    end=$EPOCHREALTIME
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", (e - s) * 1000 }' >>"$OUT/$name.ms"
}
for i in $(seq 1 "$RUNS"); do
    if ((i % 2)); then
        run export "${export_cmd[@]}"
        run soffice "${soffice_cmd[@]}"
    else
        run soffice "${soffice_cmd[@]}"
        run export "${export_cmd[@]}"
    fi
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
peak_mib() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null |
        sed -n 's/.*Maximum resident set size (kbytes): *//p' | awk '{ printf "%.1f", $1 / 1024 }'
}
export_ms=$(median "$OUT/export.ms")
soffice_ms=$(median "$OUT/soffice.ms")
export_mib=$(peak_mib "${export_cmd[@]}")
soffice_mib=$(peak_mib "${soffice_cmd[@]}")
size() { echo $(( $(stat -c %s "$1") / 1024 )); }
dims() { "$PY" -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }

echo "Spreadsheet comparison: $PROVIDERS generated audits (seed $SEED), $(nproc) cores (load average $(cut -d" " -f1-3 /proc/loadavg)), $RUNS alternating runs each"
echo "  provider-audit export -> PNG:        median $export_ms ms, peak memory $export_mib MiB," \
    "$(dims "$OUT/export.png") px, $(size "$OUT/export.png") KiB"
echo "  soffice --convert-to png book.xlsx:  median $soffice_ms ms, peak memory $soffice_mib MiB," \
    "$(dims "$OUT/lo/book.png") px, $(size "$OUT/lo/book.png") KiB"
awk -v a="$soffice_ms" -v b="$export_ms" -v ma="$soffice_mib" -v mb="$export_mib" \
    'BEGIN { printf "  ratio of medians (LibreOffice / provider-audit): %.1fx time, %.1fx peak memory\n", a / b, ma / mb }'
echo "  runs (ms): export $(sort -g "$OUT/export.ms" | tr '\n' ' ')"
echo "             soffice $(sort -g "$OUT/soffice.ms" | tr '\n' ' ')"
echo "  files in $OUT: book.xlsx, export.png, lo/book.png (LibreOffice draws the first page of the first sheet only)"
