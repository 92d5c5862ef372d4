//! `sheets::import` of the input as a .csv file, for every kind of records, against the
//! organization and lists fixtures; what imports is put into a document, which must load,
//! and exported as .xlsx must import back to the same records (see `grassroots_fuzz::sheets`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| grassroots_fuzz::sheets("csv", data));
