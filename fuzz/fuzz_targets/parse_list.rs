//! `data/list.json` with format detection, as the page polls it; the same bytes as an archive.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::feed::{parse_archive, parse_list, FormatChoice, LIST_PATH};
use sitrep_fuzz::{check_incidents, check_list};

fuzz_target!(|data: &[u8]| {
    if let Ok(list) = parse_list(LIST_PATH, data, FormatChoice::Auto) {
        check_list(&list);
    }
    let archive = "data/archive/2025.json";
    if let Ok(incidents) = parse_archive(archive, data) {
        check_incidents(&incidents, true);
    }
});
