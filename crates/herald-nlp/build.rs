//! The embedded model's SHA-256, computed once at build time: stores and
//! Parquet files record which model coded their events, and hashing 5 MB at
//! every start would cost more than loading the model.

use sha2::{Digest, Sha256};

fn main() {
    let path = "model/en.hnm";
    println!("cargo:rerun-if-changed={path}");
    let bytes = std::fs::read(path).expect("the embedded model model/en.hnm");
    let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=HERALD_MODEL_SHA256={hex}");
}
