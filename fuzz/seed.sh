#!/usr/bin/env bash
# Fills corpus/<target>/ with seeds from the project's own files and tests: the RON
# fixtures and samples, the Markdown pages, the CSV and ODS files of seeds/, and every XML
# part of a real pre-filled workbook (written by the release binary), each prefixed with
# the byte that makes `workbook_xlsx` put it back in its place.
# Usage (in fuzz/): ./seed.sh [path/to/provider-audit]
set -euo pipefail
cd "$(dirname "$0")"
BIN=${1:-../target/release/provider-audit}
mkdir -p corpus/{audit,comparison,questionnaire,workbook_xlsx,workbook_ods,workbook_csv,questionnaire_markdown}
# Copies FILES... into DIR, each name prefixed with its folder's name (several folders
# hold files of the same name).
seed() {
    local dir=$1
    shift
    for file in "$@"; do
        cp "$file" "$dir/$(basename "$(dirname "$file")")-$(basename "$file")"
    done
}
seed corpus/audit ../tests/fixtures/*.ron ../tests/fixtures/hostile/*.ron ../sample_audits/*.ron
seed corpus/comparison ../tests/fixtures/comparison*.ron ../sample_audits/*.comparison.ron
seed corpus/questionnaire ../assets/provider-audit.questionnaire.ron ../sample_audits/platform-requirements/*.questionnaire.ron
seed corpus/questionnaire_markdown ../assets/upstream/provider-audit.md ../sample_audits/platform-requirements/*.md
seed corpus/workbook_csv seeds/workbook_csv/*
seed corpus/workbook_ods seeds/workbook_ods/*
if [[ -x "$BIN" ]]; then
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    "$BIN" workbook --from ../sample_audits/nordlys.ron -o "$dir/nordlys.xlsx" 2>/dev/null
    python3 - "$dir/nordlys.xlsx" corpus/workbook_xlsx <<'PY'
import sys, zipfile
archive = zipfile.ZipFile(sys.argv[1])
# The same parts, in the same order, as the target's choice among them.
xml = [n for n in archive.namelist() if n.endswith(".xml") or n.endswith(".rels")]
for index, name in enumerate(xml):
    with open(f"{sys.argv[2]}/{index:02}-{name.replace('/', '_')}", "wb") as seed:
        seed.write(bytes([index]) + archive.read(name))
PY
else
    echo "seed.sh: $BIN not built: no xlsx seeds (the target starts from its own workbook)" >&2
fi
