//! An .xls file checked before calamine reads it (issue 17's fuzzing, findings 3 and 6 in
//! ARCHITECTURE.md, "Fuzzing (issue 17)").
//!
//! calamine 0.38 (the newest) panics on some malformed compound documents (`cfb.rs`: a sector
//! past the end of the file, a cut FAT sector) and, while it opens an .xls, builds every sheet's
//! dense range from the cells' positions and reserves what a sheet's `DIMENSIONS` record claims:
//! a small file can ask for hundreds of gigabytes. So an .xls is read here first:
//!
//! - its container by the `cfb` crate (strict about sector chains and sizes); only the
//!   workbook stream is kept, written into a fresh compound document that calamine then reads,
//!   so calamine's own container reader only ever sees a well-formed file;
//! - its BIFF records, sheet by sheet as calamine walks them, for what calamine would allocate:
//!   the area from the first to the last cell, and the area a `DIMENSIONS` record claims. Past
//!   the cells limit (the `records` limit of [`crate::limits`]), the file is refused with a
//!   problem that names the sheet;
//! - the globals' records that calamine reads at fixed offsets without checking their length;
//! - the formulas: calamine parses every defined name's and every cell's formula token by token
//!   at fixed offsets, without a check (findings 7 and 9: a formula cut inside a token panics in
//!   it). Only the cells' cached values are read here, so in the copy calamine reads every
//!   formula's byte count is zeroed: it parses each formula as empty;
//! - the shared strings (finding 10): calamine reads a string's header across the table's
//!   `CONTINUE` records without a check, so a table cut inside one is refused.

use std::io::{Cursor, Read, Write};

use crate::ProblemKind;

use super::read::ReadError;

/// The compound document's signature: an .xls (or any OLE2 file) starts with it.
pub(super) const CFB_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads the workbook stream out of `bytes`, checks its sheets against `max_cells`, and
/// returns a fresh compound document holding that stream alone, for calamine.
pub(super) fn xls(bytes: &[u8], max_cells: usize) -> Result<Vec<u8>, ReadError> {
    let unreadable = |what: String| ReadError { sheet: None, kind: ProblemKind::Unreadable { message: what } };
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| unreadable(format!("not an .xls compound document: {e}")))?;
    let name = ["/Workbook", "/Book"].into_iter().find(|n| file.is_stream(n)).ok_or_else(|| unreadable("no workbook stream in the .xls file".into()))?;
    let mut stream = file.open_stream(name).map_err(|e| unreadable(format!("the workbook stream: {e}")))?;
    // A stream is made of the file's sectors: it cannot be longer than the file.
    if stream.len() > bytes.len() as u64 {
        return Err(unreadable(format!("the workbook stream claims {} bytes, more than the file's {}", stream.len(), bytes.len())));
    }
    let mut workbook = Vec::new();
    stream.read_to_end(&mut workbook).map_err(|e| unreadable(format!("the workbook stream: {e}")))?;
    drop(stream);
    check_sheets(&mut workbook, max_cells)?;
    let rewrite = || -> std::io::Result<Vec<u8>> {
        let mut out = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
        out.create_stream("/Workbook")?.write_all(&workbook)?;
        out.flush()?;
        Ok(out.into_inner().into_inner())
    };
    rewrite().map_err(|e| unreadable(format!("the workbook stream: {e}")))
}

/// The BIFF records of a stream: (type, where its data starts in `stream`, data), as
/// calamine's record iterator reads them (a `CONTINUE` record comes as a record of its own here;
/// it holds no cell).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, usize, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (head, rest) = stream.get(at..)?.split_first_chunk::<4>()?;
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = rest.get(..len)?;
        at += 4 + len;
        Some((u16::from_le_bytes([head[0], head[1]]), at - len, data))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 2).map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// A `BOUNDSHEET` record's sheet name when it is BIFF8's (a count, a flag, Latin-1 or UTF-16);
/// `None` for older formats, whose names are in the file's code page.
fn sheet_name(data: &[u8]) -> Option<String> {
    let (&count, rest) = data.get(6..)?.split_first()?;
    let (&flags, text) = rest.split_first()?;
    let count = usize::from(count);
    if flags & 1 == 1 {
        let units: Vec<u16> = text.get(..count * 2)?.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
        String::from_utf16(&units).ok()
    } else {
        Some(text.get(..count)?.iter().map(|&b| char::from(b)).collect())
    }
}

/// The rows and columns from `first` to `last` (inclusive), `None` when `last` is before
/// `first`.
pub(super) fn extent(first: (u32, u32), last: (u32, u32)) -> Option<(u64, u64)> {
    (last.0 >= first.0 && last.1 >= first.1).then(|| (u64::from(last.0 - first.0) + 1, u64::from(last.1 - first.1) + 1))
}

/// Every worksheet of the workbook stream, walked as calamine walks it: from the position its
/// `BOUNDSHEET` record gives to its `EOF`, skipping nested substreams (embedded charts); then
/// zeroes the byte count of every formula calamine parses (see the module's note).
fn check_sheets(stream: &mut [u8], max_cells: usize) -> Result<(), ReadError> {
    let (mut sheets, mut formulas) = (Vec::new(), Vec::new());
    // The shared-string table being read: its SST record and the CONTINUE records after it
    // (calamine joins those that start more than 4 bytes before the stream's end).
    let mut sst: Option<Vec<&[u8]>> = None;
    let strings = |parts: Option<Vec<&[u8]>>| match parts.and_then(|p| sst_cut(&p)) {
        Some(n) => Err(ReadError { sheet: None, kind: ProblemKind::Unreadable { message: format!("the shared strings (SST): string {n} is cut inside its header") } }),
        None => Ok(()),
    };
    for (typ, at, data) in records(stream) {
        if let (0x003C, Some(parts)) = (typ, &mut sst)
            && at < stream.len()
        {
            parts.push(data);
            continue;
        }
        strings(sst.take())?;
        // Records calamine reads at fixed offsets without a length check (a short one panics
        // in it: fuzzing found DATEMODE with no data): FILEPASS, CODEPAGE, DATEMODE and
        // EXTERNSHEET (2 bytes), BOF and XF (4), BOUNDSHEET (6, then its name), LBL (14 and
        // its formula).
        let least = match typ {
            0x002F | 0x0042 | 0x0022 | 0x0017 => 2,
            0x0809 | 0x00E0 => 4,
            0x0085 => 6,
            // LBL (a defined name): its fixed part is 14 bytes, and its formula (`cce` bytes,
            // at offset 4) is taken from the record's end.
            0x0018 => 14 + u16_at(data, 4).map_or(0, |cce| cce as usize),
            _ => 0,
        };
        if data.len() < least {
            return Err(ReadError { sheet: None, kind: short(typ, data, least) });
        }
        match typ {
            // LBL: its formula's byte count is at offset 4.
            0x0018 => formulas.push(at + 4),
            0x00FC => sst = Some(vec![data]),
            0x0085 => {
                if let Some(position) = u32_at(data, 0) {
                    sheets.push((position as usize, sheet_name(data).unwrap_or_else(|| format!("#{}", sheets.len() + 1))));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    strings(sst)?;
    for (position, name) in sheets {
        let problem = |kind: ProblemKind| ReadError { sheet: Some(name.clone()), kind };
        let too_large = |(rows, columns): (u64, u64)| {
            (rows.saturating_mul(columns) > max_cells as u64).then(|| problem(ProblemKind::SheetTooLarge { rows, columns, max: max_cells }))
        };
        let Some(sheet) = stream.get(position..) else {
            return Err(problem(ProblemKind::Unreadable { message: format!("the sheet starts at byte {position}, past the end of the workbook ({} bytes)", stream.len()) }));
        };
        let (mut first, mut last) = ((u32::MAX, u32::MAX), (0, 0));
        let mut cell = |row: u32, column: u32| {
            first = (first.0.min(row), first.1.min(column));
            last = (last.0.max(row), last.1.max(column));
        };
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (typ, at, data) in records(sheet) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                // Records calamine reads at fixed offsets whatever their length: FORMULA's
                // formula byte count at 20 (finding 9), MERGECELLS' count and as many 8-byte
                // ranges (finding 13).
                0x0006 if data.len() < 22 => return Err(problem(short(typ, data, 22))),
                0x00E5 if data.len() < merged(data) => return Err(problem(short(typ, data, merged(data)))),
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // DIMENSIONS: calamine reserves room for the area it claims.
                0x0200 => {
                    if let Some(claimed) = dimensions(data) {
                        let Some(area) = extent(claimed.0, claimed.1) else {
                            return Err(problem(ProblemKind::Unreadable { message: "its DIMENSIONS record ends before it starts".into() }));
                        };
                        if let Some(e) = too_large(area) {
                            return Err(e);
                        }
                    }
                }
                // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA: a cell at (row, column).
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    if typ == 0x0006 {
                        formulas.push(position + at + 20);
                    }
                    if let (Some(row), Some(column)) = (u16_at(data, 0), u16_at(data, 2)) {
                        cell(row, column);
                    }
                }
                // MULRK: a row of cells from one column to another (calamine refuses one whose
                // length does not match; one that ends before it starts overflows it).
                0x00BD if data.len() >= 6 => {
                    let (Some(row), Some(from), Some(to)) = (u16_at(data, 0), u16_at(data, 2), u16_at(data, data.len() - 2)) else { continue };
                    if to < from {
                        return Err(problem(ProblemKind::Unreadable { message: format!("row {}: a MULRK record whose last column is before its first", row + 1) }));
                    }
                    if data.len() == 6 + 6 * (to - from + 1) as usize {
                        cell(row, from);
                        cell(row, to);
                    }
                }
                _ => {}
            }
        }
        if let Some(area) = extent(first, last)
            && let Some(e) = too_large(area)
        {
            return Err(e);
        }
    }
    for at in formulas {
        if let Some(count) = stream.get_mut(at..at + 2) {
            count.fill(0);
        }
    }
    Ok(())
}

/// The shared-string table (`parts`: the SST record's data, then each CONTINUE's), walked as
/// calamine 0.38's `parse_sst` walks it: `Some(n)` when it would read the `n`th string's run
/// count (2 bytes) or extension size (4) past the end of its part, or the first byte of an
/// empty CONTINUE that the string's characters go on into: each a panic in calamine. Where
/// calamine stops with an error of its own, `None`.
fn sst_cut(parts: &[&[u8]]) -> Option<usize> {
    let (first, mut rest) = parts.split_first()?;
    let mut data = first.get(8..)?;
    // The next part, `None` past the last.
    fn next<'a>(data: &mut &'a [u8], rest: &mut &[&'a [u8]]) -> Option<()> {
        (*data, *rest) = rest.split_first().map(|(part, r)| (*part, r))?;
        Some(())
    }
    for n in 1.. {
        if data.is_empty() {
            next(&mut data, &mut rest)?;
            if data.is_empty() {
                continue;
            }
        }
        let (Some(chars), Some(&flags)) = (u16_at(data, 0), data.get(2)) else { return None };
        data = &data[3..];
        let mut field = |bytes: usize, present: bool| match data.get(..bytes) {
            _ if !present => Some(0),
            Some(b) => {
                data = &data[bytes..];
                Some(b.iter().rev().fold(0usize, |n, &b| n << 8 | usize::from(b)))
            }
            None => None,
        };
        let (Some(runs), Some(extension)) = (field(2, flags & 8 != 0), field(4, flags & 4 != 0)) else { return Some(n) };
        // The characters, 1 or 2 bytes each, on into CONTINUE records (each starting with
        // its own width flag).
        let (mut left, mut wide) = (chars as usize, flags & 1 != 0);
        loop {
            let take = left.min(data.len() >> usize::from(wide));
            data = &data[take << usize::from(wide)..];
            left -= take;
            if left == 0 {
                break;
            }
            next(&mut data, &mut rest)?;
            let Some((&flag, chars)) = data.split_first() else { return Some(n) };
            (wide, data) = (flag & 1 != 0, chars);
        }
        // calamine skips the runs and the extension (an `i32`, negative read as huge) and
        // stops with an error of its own past the table's end.
        for mut skip in [runs * 4, extension as i32 as usize] {
            while skip > 0 {
                if data.is_empty() {
                    next(&mut data, &mut rest)?;
                }
                let take = skip.min(data.len());
                data = &data[take..];
                skip -= take;
            }
        }
    }
    None
}

/// The bytes calamine reads of a MERGECELLS record: its count, then 8 a range.
fn merged(data: &[u8]) -> usize {
    2 + 8 * u16_at(data, 0).map_or(0, |n| n as usize)
}

/// A record shorter than the `least` bytes calamine reads of it.
fn short(typ: u16, data: &[u8], least: usize) -> ProblemKind {
    ProblemKind::Unreadable { message: format!("a record of type 0x{typ:04X} with {} bytes, fewer than its {least}", data.len()) }
}

/// A `DIMENSIONS` record's first and last cell, as calamine reads it (BIFF8's 32-bit rows or
/// older 16-bit ones; a first column past 255, or past the last, read as 0). `None` when the
/// record's length is neither (calamine refuses the file then).
fn dimensions(data: &[u8]) -> Option<((u32, u32), (u32, u32))> {
    let (first_row, end_row, first_column, end_column) = match data.len() {
        10 => (u16_at(data, 0)?, u16_at(data, 2)?, u16_at(data, 4)?, u16_at(data, 6)?),
        14 | 16 => (u32_at(data, 0)?, u32_at(data, 4)?, u16_at(data, 8)?, u16_at(data, 10)?),
        _ => return None,
    };
    let first_column = if first_column > 0xFF || end_column < first_column { 0 } else { first_column };
    let first = (first_row, first_column);
    Some(if end_row >= 1 && end_column >= 1 { (first, (end_row - 1, end_column - 1)) } else { (first, first) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend_from_slice(&(data.len() as u16).to_le_bytes());
        r.extend_from_slice(data);
        r
    }

    /// A workbook stream: globals (BOF, a BOUNDSHEET per sheet, EOF), then each sheet's records
    /// between a BOF and an EOF.
    fn workbook(sheets: &[Vec<Vec<u8>>]) -> Vec<u8> {
        let bof = record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]);
        let bound_len = 4 + 6;
        let globals_len = bof.len() + sheets.len() * (4 + bound_len) + 4;
        let mut globals = bof.clone();
        let mut bodies = Vec::new();
        for (i, records) in sheets.iter().enumerate() {
            let position = (globals_len + bodies.len()) as u32;
            let mut data = position.to_le_bytes().to_vec();
            data.extend_from_slice(&[0, 0, 2, 0, b'S', b'0' + i as u8]);
            globals.extend(record(0x0085, &data));
            bodies.extend_from_slice(&bof);
            for r in records {
                bodies.extend_from_slice(r);
            }
            bodies.extend(record(0x000A, &[]));
        }
        globals.extend(record(0x000A, &[]));
        assert_eq!(globals.len(), globals_len);
        globals.extend(bodies);
        globals
    }

    fn number(row: u16, column: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&column.to_le_bytes());
        d.extend_from_slice(&[0; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn a_sheet_within_the_limit_passes_and_one_past_it_is_named() {
        let mut stream = workbook(&[vec![number(0, 0), number(9, 9)], vec![number(0, 0), number(999, 99)]]);
        assert!(check_sheets(&mut stream, 100).is_err_and(|e| e.sheet.as_deref() == Some("S1")
            && e.kind == ProblemKind::SheetTooLarge { rows: 1000, columns: 100, max: 100 }));
        assert!(check_sheets(&mut stream, 100_000).is_ok());
    }

    #[test]
    fn a_claimed_dimension_counts_and_one_that_ends_before_it_starts_is_refused() {
        let dims = |first_row: u32, end_row: u32| {
            let mut d = first_row.to_le_bytes().to_vec();
            d.extend_from_slice(&end_row.to_le_bytes());
            d.extend_from_slice(&[0, 0, 0, 1, 0, 0]);
            record(0x0200, &d)
        };
        // 65,536 rows × 256 columns claimed by a file with one cell.
        let mut big = workbook(&[vec![dims(0, 65_536), number(0, 0)]]);
        assert!(check_sheets(&mut big, 1_000_000).is_err_and(|e| matches!(e.kind, ProblemKind::SheetTooLarge { rows: 65_536, columns: 256, .. })));
        let mut backwards = workbook(&[vec![dims(10, 5)]]);
        assert!(check_sheets(&mut backwards, 1_000_000).is_err_and(|e| matches!(e.kind, ProblemKind::Unreadable { .. })));
    }

    #[test]
    fn a_sheet_past_the_end_of_the_stream_and_a_backwards_mulrk_are_refused() {
        let mut bound = 10_000u32.to_le_bytes().to_vec();
        bound.extend_from_slice(&[0, 0, 1, 0, b'S']);
        let mut stream = [record(0x0085, &bound), record(0x000A, &[])].concat();
        assert!(check_sheets(&mut stream, 100).is_err_and(|e| e.sheet.as_deref() == Some("S")));
        let mut mulrk = 0u16.to_le_bytes().to_vec();
        mulrk.extend_from_slice(&5u16.to_le_bytes());
        mulrk.extend_from_slice(&[0; 6]);
        mulrk.extend_from_slice(&2u16.to_le_bytes());
        assert!(check_sheets(&mut workbook(&[vec![record(0x00BD, &mulrk)]]), 100).is_err());
    }

    #[test]
    fn a_short_record_calamine_reads_at_fixed_offsets_is_refused() {
        // DATEMODE (0x0022) with no data: calamine reads two bytes of it (found by fuzzing).
        let mut stream = [record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]), record(0x0022, &[]), record(0x000A, &[])].concat();
        assert!(check_sheets(&mut stream, 100).is_err_and(|e| e.sheet.is_none() && matches!(&e.kind, ProblemKind::Unreadable { message } if message.contains("0x0022"))));
        let mut stream = [record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]), record(0x0022, &[1, 0]), record(0x000A, &[])].concat();
        assert!(check_sheets(&mut stream, 100).is_ok());
        // A defined name whose formula (20 bytes, says its cce) is longer than the record.
        let mut lbl = vec![0u8; 16];
        lbl[4] = 20;
        let mut stream = [record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]), record(0x0018, &lbl), record(0x000A, &[])].concat();
        assert!(check_sheets(&mut stream, 100).is_err());
    }

    #[test]
    fn every_formula_calamine_parses_is_handed_over_empty_and_a_short_formula_record_is_refused() {
        // A defined name and a cell whose formulas are cut inside a token (PtgRef3d needs 6
        // bytes after its ptg; these have 1): calamine would slice past their ends.
        let mut lbl = vec![0u8; 16];
        lbl[4] = 2;
        lbl[14] = 0x3A;
        let mut formula = vec![0u8; 25];
        formula[20] = 3;
        formula[22] = 0x3A;
        let mut stream = workbook(&[vec![record(0x0006, &formula)]]);
        let bof = record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]);
        stream.splice(bof.len()..bof.len(), record(0x0018, &lbl));
        // The sheet moved by the name's record: its BOUNDSHEET's position follows it.
        let position = bof.len() + 4 + lbl.len() + 4;
        let moved = u32::from_le_bytes(stream[position..position + 4].try_into().unwrap()) + 4 + lbl.len() as u32;
        stream[position..position + 4].copy_from_slice(&moved.to_le_bytes());
        let before = stream.clone();
        assert!(check_sheets(&mut stream, 100).is_ok());
        let changed: Vec<usize> = (0..stream.len()).filter(|&i| stream[i] != before[i]).collect();
        let name = bof.len() + 4 + 4;
        let cell = stream.len() - 4 - formula.len() + 20;
        assert_eq!(changed, [name, cell]);
        // A FORMULA record too short to hold its byte count is refused, naming its sheet.
        let mut cut = workbook(&[vec![record(0x0006, &[0; 21])]]);
        assert!(check_sheets(&mut cut, 100).is_err_and(|e| e.sheet.as_deref() == Some("S0")
            && matches!(&e.kind, ProblemKind::Unreadable { message } if message.contains("0x0006 with 21 bytes"))));
        // MERGECELLS: two ranges claimed, one there (finding 13); two there, and none, pass.
        let merged = |count: u8, ranges: usize| record(0x00E5, &[&[count, 0][..], &vec![0; 8 * ranges]].concat());
        let mut cut = workbook(&[vec![merged(2, 1)]]);
        assert!(check_sheets(&mut cut, 100).is_err_and(|e| matches!(&e.kind, ProblemKind::Unreadable { message } if message.contains("0x00E5 with 10 bytes, fewer than its 18"))));
        assert!(check_sheets(&mut workbook(&[vec![merged(2, 2), merged(0, 0)]]), 100).is_ok());
        assert!(check_sheets(&mut workbook(&[vec![record(0x00E5, &[1])]]), 100).is_err());
    }

    #[test]
    fn a_shared_string_cut_inside_its_header_is_found_and_a_whole_table_passes() {
        // Two strings: "ab" (1 byte a character) and "中文" (2 bytes), the second's characters
        // going on into a CONTINUE record whose first byte says they are 2 bytes wide.
        let head = [2u8, 0, 0, 0, 2, 0, 0, 0];
        let whole: [&[u8]; 2] = [&[&head[..], &[2, 0, 0, b'a', b'b', 2, 0, 1, 0x2D, 0x4E][..]].concat(), &[1, 0x87, 0x65]];
        assert_eq!(sst_cut(&whole), None);
        // A run count announced (flags 8) with one byte of it left: calamine reads two.
        assert_eq!(sst_cut(&[&[&head[..], &[2, 0, 0, b'a', b'b', 1, 0, 8, 7][..]].concat()]), Some(2));
        // An extension size (flags 4) cut short.
        assert_eq!(sst_cut(&[&[&head[..], &[1, 0, 4, 9, 0][..]].concat()]), Some(1));
        // Characters going on into an empty CONTINUE: calamine reads its first byte.
        assert_eq!(sst_cut(&[&whole[0][..], &[]]), Some(2));
        // Characters going on past the last part: calamine's own error, not a cut.
        assert_eq!(sst_cut(&whole[..1]), None);
        // Through a check of the stream: the problem names the string.
        let bof = record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]);
        let mut stream = [bof.clone(), record(0x00FC, whole[0]), record(0x003C, &[]), record(0x000A, &[])].concat();
        assert!(check_sheets(&mut stream, 100).is_err_and(|e| matches!(&e.kind, ProblemKind::Unreadable { message } if message.contains("string 2"))));
        let mut stream = [bof, record(0x00FC, whole[0]), record(0x003C, whole[1]), record(0x000A, &[])].concat();
        assert!(check_sheets(&mut stream, 100).is_ok());
    }

    #[test]
    fn a_file_that_is_no_compound_document_is_unreadable_not_a_panic() {
        let mut bytes = CFB_SIGNATURE.to_vec();
        bytes.resize(513, 0);
        assert!(xls(&bytes, 100).is_err_and(|e| matches!(e.kind, ProblemKind::Unreadable { .. })));
    }
}
