//! Compiles the gazetteer table into the binary form the crate embeds.

#[path = "src/hash.rs"]
mod hash;
#[path = "build/pack.rs"]
mod pack;

use std::path::PathBuf;

fn main() {
    for input in ["data/gazetteer.tsv", "build/pack.rs", "src/hash.rs"] {
        println!("cargo:rerun-if-changed={input}");
    }
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let text =
        std::fs::read_to_string(dir.join("data/gazetteer.tsv")).expect("read data/gazetteer.tsv");
    let bytes = pack::pack(&text).unwrap_or_else(|e| panic!("data/gazetteer.tsv: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("gazetteer.bin"), bytes).expect("write gazetteer.bin");
}
