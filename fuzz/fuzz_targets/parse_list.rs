//! `data/list.json` with format detection, as the page polls it; the same bytes as an archive.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::feed::{parse_archive, parse_list, FormatChoice, Source, LIST_PATH};
use sitrep_fuzz::{check_incidents, check_list, BASE};

fuzz_target!(|data: &[u8]| {
    let source = Source {
        file: LIST_PATH,
        base: BASE,
    };
    if let Ok(list) = parse_list(&source, data, FormatChoice::Auto) {
        check_list(&list);
    }
    let archive = Source {
        file: "data/archive/2025.json",
        base: BASE,
    };
    if let Ok(incidents) = parse_archive(&archive, data) {
        check_incidents(&incidents, true);
    }
});
