//! Lists the shipped languages from `i18n/*.json`, so adding a language is adding one
//! catalogue file. Each catalogue names itself (`"name"`: the language in that language).

use std::fmt::Write;
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=i18n");
    let mut languages: Vec<(String, String)> = fs::read_dir("i18n")
        .expect("i18n/ holds the message catalogues")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let code = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            let name = catalogue_name(&text).unwrap_or_else(|problem| {
                panic!("{}: {problem}", path.display());
            });
            (code, name)
        })
        .collect();
    // English first (the default and fallback), then by code.
    languages.sort_by_key(|(code, _)| (code != "en", code.clone()));
    let mut out = String::from("&[");
    for (code, name) in &languages {
        write!(out, "({code:?}, {name:?}),").unwrap();
    }
    out.push(']');
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("languages.rs");
    fs::write(dest, out).unwrap();
}

/// The catalogue's top-level `"name"`: the language in that language.
fn catalogue_name(text: &str) -> Result<String, String> {
    let catalogue: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    match catalogue.get("name") {
        Some(serde_json::Value::String(name)) if !name.is_empty() => Ok(name.clone()),
        _ => Err("needs a top-level \"name\" (the language in that language)".to_string()),
    }
}
