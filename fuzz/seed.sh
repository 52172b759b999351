#!/usr/bin/env bash
# Fills corpus/<target>/ with seeds from the project's own files and tests: the RON
# fixtures and samples, the Markdown pages, the CSV and ODS files of seeds/, and every XML
# part of a real pre-filled workbook (written by the release binary), each prefixed with
# the byte that makes `workbook_xlsx` put it back in its place.
# Usage (in fuzz/): ./seed.sh [path/to/provider-audit]
set -euo pipefail
cd "$(dirname "$0")"
BIN=${1:-../target/release/provider-audit}
mkdir -p corpus/{audit,comparison,questionnaire,workbook_xlsx,workbook_ods,workbook_csv,questionnaire_markdown,caiq_workbook,merge_driver}
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
# The CAIQ target: every XML part of a sample CAIQ workbook, prefixed with its index.
python3 - ../sample_audits/caiq/brassworks.xlsx corpus/caiq_workbook <<'PY'
import sys, zipfile
archive = zipfile.ZipFile(sys.argv[1])
xml = [n for n in archive.namelist() if n.endswith(".xml") or n.endswith(".rels")]
for index, name in enumerate(xml):
    with open(f"{sys.argv[2]}/{index:02}-{name.replace('/', '_')}", "wb") as seed:
        seed.write(bytes([index]) + archive.read(name))
PY
# The merge driver: three versions joined by NUL bytes (base, ours, theirs).
merge_seed() {
    local name=$1
    shift
    { cat "$1"; printf '\0'; cat "$2"; printf '\0'; cat "$3"; } >"corpus/merge_driver/$name"
}
merge_seed comparisons ../tests/fixtures/comparison.ron ../tests/fixtures/comparison.ron ../sample_audits/selection-meeting.comparison.ron
merge_seed comparisons-both ../sample_audits/selection-meeting.comparison.ron ../tests/fixtures/comparison.ron ../sample_audits/caiq/caiq.comparison.ron
merge_seed audits ../sample_audits/nordlys-2025.ron ../sample_audits/nordlys.ron ../sample_audits/nordlys-2025.ron
merge_seed audits-both ../tests/fixtures/alpha.ron ../tests/fixtures/beta.ron ../tests/fixtures/alpha.ron
merge_seed caiq-audits ../sample_audits/caiq/2025/nimbus-hollow.ron ../sample_audits/caiq/nimbus-hollow.ron ../sample_audits/caiq/2025/nimbus-hollow.ron
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
