#!/usr/bin/env bash
# Build the one-folder bundle with .ci/planner.spec, as on Windows, and run the built program:
# a screenshot of the window and the commands that load every file-format library. A data file
# or a lazily imported module that the bundle left out fails here, not on an office's PC.
set -euo pipefail
cd "$(dirname "$0")/.."

.venv/bin/pip install -q -e ".[build]"
rm -rf build/bundle dist/bundle
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist/bundle --workpath build/bundle \
    .ci/planner.spec
BUNDLE=dist/bundle/PolicyPlanner
GUI="$BUNDLE/PolicyPlanner"
CLI="$BUNDLE/PolicyPlanner-console"

WORK="$(mktemp -d)/省发改委 地区处"   # Chinese characters and a space, as office folders have
mkdir -p "$WORK"
export PLANNER_DATA_DIR="$WORK/数据"   # the per-user data folder, kept out of this machine's own

"$GUI" --screenshot "$WORK/窗口.png"   # first start: the built-in document, a new planner.db
test -s "$WORK/窗口.png" && test -s "$PLANNER_DATA_DIR/planner.db"

DB="$WORK/台账 数据.db"
PLAN=$("$CLI" --db "$DB" demo | tail -n 1)
"$CLI" --db "$DB" plans
"$CLI" --db "$DB" export-docx --plan "$PLAN" "$WORK/实施方案.docx"
"$CLI" --db "$DB" export-docx --plan "$PLAN" "$WORK/进展情况报告.docx" --report progress
"$CLI" --db "$DB" export-xlsx --plan "$PLAN" "$WORK/台账.xlsx"
"$CLI" --db "$DB" export-xlsx --plan "$PLAN" --by-unit "$WORK/分单位"
"$CLI" --db "$DB" import-xlsx --plan "$PLAN" "$WORK/台账.xlsx" --json
cp resources/policy_regional_strategy_guidance.txt "$WORK/指导意见.txt"
soffice --headless --convert-to pdf --outdir "$WORK" "$WORK/指导意见.txt" >/dev/null
"$CLI" parse-policy "$WORK/指导意见.pdf" >/dev/null   # pypdf, loaded only for PDFs
"$CLI" --db "$DB" import-policy tests/fixtures/texts/govcn_webcopy.txt  # not a built-in document
"$GUI" --db "$DB" --screenshot "$WORK/演示方案.png"
test -s "$WORK/实施方案.docx" && test -s "$WORK/进展情况报告.docx" && test -s "$WORK/台账.xlsx"
# The libraries loaded only by some commands: chinese-calendar (reply-by dates), icalendar,
# python-calamine and rapidfuzz (a returned .xls matched by content), QtCharts (the 总览 window).
"$CLI" --db "$DB" export-docx --plan "$PLAN" "$WORK/催办单.docx" --report reminder
"$CLI" --db "$DB" export-docx --plan "$PLAN" "$WORK/情况通报.docx" --report bulletin
ROUND=$("$CLI" --db "$DB" round-start --plan "$PLAN" --name "2026年11月进展报送" --due 2026-12-10)
"$CLI" --db "$DB" round-status "$ROUND" --json >/dev/null
"$CLI" --db "$DB" export-ics --plan "$PLAN" "$WORK/日历.ics"
cp tests/fixtures/returns/base.db "$WORK/base.db"
"$CLI" --db "$WORK/base.db" import-xlsx --plan 2 tests/fixtures/returns/01_lo_resave.xls --dry-run --json
test -s "$WORK/催办单.docx" && test -s "$WORK/情况通报.docx" && test -s "$WORK/日历.ics"
ls "$BUNDLE"/_internal/PySide6/QtCharts.* "$BUNDLE"/_internal/PySide6/Qt/lib/libQt6Charts.so.6 >/dev/null

echo "bundle: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE; ran the window and every exporter from it"
