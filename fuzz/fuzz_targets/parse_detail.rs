//! `data/incident/<id>.json` read with every format setting (auto, sitrep, gitlab).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep::feed::{parse_detail, FormatChoice, Source};
use sitrep_fuzz::{check_detail, BASE};

fuzz_target!(|data: &[u8]| {
    let source = Source {
        file: "data/incident/fuzz.json",
        base: BASE,
    };
    for choice in [
        FormatChoice::Auto,
        FormatChoice::Sitrep,
        FormatChoice::Gitlab,
    ] {
        if let Ok(detail) = parse_detail(&source, data, choice) {
            check_detail(&detail);
        }
    }
});
