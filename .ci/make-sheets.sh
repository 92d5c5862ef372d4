#!/usr/bin/env bash
# Makes the spreadsheet test corpus (tests/data/sheets) from the CSV templates in
# tests/data/sheets/src with a real office suite: LibreOffice Calc, headless (Debian's
# libreoffice-calc-nogui; `bash .ci/setup.sh fixtures` installs it). The generated files are
# checked in, so `make test` never needs LibreOffice; run this (`make sheets-fixtures`) after
# changing a template, then look at the diff of the .expected.txt files the tests compare.
#   - every template → .csv (UTF-8, copied), .xlsx, .xls, .ods;
#   - members.csv also → members-gbk.csv (GBK, as Chinese Excel saves "CSV");
#   - members.csv is read with every column as text (an office that formatted the ID column
#     as text); members-broken.csv with Calc's own detection, so ID numbers become number
#     cells and lose their last digits, as they do when typed into a general cell.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir="$top/tests/data/sheets"
soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || { echo "no soffice: bash .ci/setup.sh fixtures" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# CSV import options: comma, double quote, UTF-8 (76), from line 1, then column formats.
text_columns=$(seq 1 20 | sed 's|$|/2|' | paste -sd/)
for src in "$dir"/src/*.csv; do
  name=$(basename "$src" .csv)
  case "$name" in
    members) formats="$text_columns" ;;
    *) formats="" ;;
  esac
  cp "$src" "$dir/$name.csv"
  for target in xlsx xls ods; do
    filter="$target"
    [ "$target" = xls ] && filter='xls:MS Excel 97'
    "$soffice" --headless -env:UserInstallation=file://"$work"/profile \
      --infilter="CSV:44,34,76,1,$formats" --convert-to "$filter" --outdir "$work" "$src" >/dev/null
    mv "$work/$name.$target" "$dir/$name.$target"
  done
done
iconv -f UTF-8 -t GBK "$dir/src/members.csv" > "$dir/members-gbk.csv"
ls -l "$dir"
