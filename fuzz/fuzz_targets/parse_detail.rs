//! `data/incident/<id>.json` read with every format setting (auto, sitrep, gitlab).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::feed::{parse_detail, FormatChoice};
use sitrep_fuzz::check_detail;

fuzz_target!(|data: &[u8]| {
    let file = "data/incident/fuzz.json";
    for choice in [
        FormatChoice::Auto,
        FormatChoice::Sitrep,
        FormatChoice::Gitlab,
    ] {
        if let Ok(detail) = parse_detail(file, data, choice) {
            check_detail(&detail);
        }
    }
});
