#!/usr/bin/env python3
"""Writes the spreadsheet files that fuzzing found to crash calamine 0.38 or to make it
allocate without bound (issue 17; ARCHITECTURE.md, "Fuzzing (issue 17)", findings 3-6), from
the corpus files beside this folder. Each now reads to the problems of its .expected.txt
(tests/it/sheets.rs). Run from the repository's root: python3 tests/data/sheets/broken/make.py

members-xls-short-datemode.xls is not made here: it is libFuzzer's input as found (a DATEMODE
record with no data, which calamine reads two bytes of; finding 7), kept as it is; so is
members-xls-formula-past-end.xls (a FORMULA cell whose formula's byte count runs past its
record, which calamine slices without a check; finding 9: the guard now zeroes every
formula's byte count, and the file's truncated stream is what is reported).
"""
import io
import struct
import zipfile
from pathlib import Path

here = Path(__file__).parent
corpus = here.parent

SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")


def cfb_header(fat_sectors, first_dir):
    """A version 3 compound document header (512-byte sectors) whose FAT is in the sectors named."""
    h = bytearray(512)
    h[0:8] = SIGNATURE
    struct.pack_into("<HHHHH", h, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", h, 40, 0, len(fat_sectors), first_dir, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = list(fat_sectors) + [0xFFFFFFFF] * (109 - len(fat_sectors))
    struct.pack_into("<109I", h, 76, *difat)
    return bytes(h)


def fat(*entries):
    return struct.pack(f"<{len(entries)}I", *entries) + b"\xff" * (512 - 4 * len(entries))


# Finding 3, utils.rs:29: the one FAT sector is cut by the end of the file (one byte of it).
(here / "members-cfb-cut-fat.xls").write_bytes(cfb_header([0], 1) + b"\xfd")
# Finding 3, cfb.rs:320: the directory starts at sector 2; the file ends after sector 0 (the
# FAT), and calamine counts sectors up to the file's length over 512 (2) from after the header.
(here / "members-cfb-sector-past-end.xls").write_bytes(cfb_header([0], 2) + fat(0xFFFFFFFD, 0xFFFFFFFF, 0xFFFFFFFE))


def xls_patched(offset_of, patch):
    data = bytearray((corpus / "members.xls").read_bytes())
    at = data.find(offset_of)
    assert at > 0, offset_of
    patch(data, at + 4)
    return bytes(data)


# Finding 6: one cell moved to the last row and column a BIFF8 record can name (65,536 ×
# 65,536 cells in the dense range calamine builds: 137 GB).
(here / "members-xls-far-cell.xls").write_bytes(
    xls_patched(b"\xfd\x00\x0a\x00", lambda d, at: struct.pack_into("<HH", d, at, 0xFFFF, 0xFFFF))
)
# Finding 6: a DIMENSIONS record claiming 4,294,967,295 rows (calamine reserves room for them).
(here / "members-xls-claimed-rows.xls").write_bytes(
    xls_patched(b"\x00\x02\x0e\x00", lambda d, at: struct.pack_into("<I", d, at + 4, 0xFFFFFFFF))
)


def xlsx_patched(edit):
    src = zipfile.ZipFile(corpus / "members.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode()).encode()
            z.writestr(info.filename, data)
    return out.getvalue()


# Finding 4: a cell reference of nine letters (overflows calamine's column arithmetic; wrapped,
# it is column 2,431,782,359).
(here / "members-cell-ref-overflow.xlsx").write_bytes(xlsx_patched(lambda s: s.replace('<c r="A1"', '<c r="AAAAAAAAA1"', 1)))
# Finding 5: one value in Excel's last cell (calamine's whole-sheet range: 550 GB).
(here / "members-far-cell.xlsx").write_bytes(
    xlsx_patched(lambda s: s.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>', 1))
)
