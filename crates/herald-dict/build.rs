//! The embedded dictionaries' SHA-256, computed once at build time (see
//! `Sources::embedded_sha256`): provenance records them without hashing
//! megabytes at every start.

use sha2::{Digest, Sha256};

const FILES: [&str; 6] =
    ["countries.tsv", "igos.tsv", "agents.tsv", "verbs.txt", "irregular_verbs.tsv", "actors.tsv"];

fn main() {
    for name in FILES {
        let path = format!("data/{name}");
        println!("cargo:rerun-if-changed={path}");
        let bytes = std::fs::read(&path).expect("an embedded dictionary file");
        let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        let var = name.replace(['.', '-'], "_").to_uppercase();
        println!("cargo:rustc-env=HERALD_SHA256_{var}={hex}");
    }
}
