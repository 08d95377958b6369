//! Loading dictionaries from disk.

use std::path::Path;

use anyhow::{Context, Result};
use herald_dict::{Dictionaries, Sources};

/// The embedded dictionaries, with any herald-format files found in `dir`
/// replacing their embedded namesakes.
pub fn load(dir: Option<&Path>) -> Result<Dictionaries> {
    let Some(dir) = dir else { return Ok(Dictionaries::embedded()) };
    if !dir.is_dir() {
        anyhow::bail!("{}: not a directory", dir.display());
    }
    let read = |name: &str| -> Result<Option<(String, String)>> {
        let path = dir.join(name);
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(Some((path.display().to_string(), text)))
    };
    let countries = read("countries.tsv")?;
    let organisations = read("igos.tsv")?;
    let agents = read("agents.tsv")?;
    let verbs = read("verbs.txt")?;
    let irregular = read("irregular_verbs.tsv")?;
    let actors = read("actors.tsv")?;
    let discards = read("discards.txt")?;
    let all = [&countries, &organisations, &agents, &verbs, &irregular, &actors, &discards];
    if all.iter().all(|f| f.is_none()) {
        anyhow::bail!(
            "{}: no herald dictionary files (countries.tsv, igos.tsv, agents.tsv, verbs.txt, irregular_verbs.tsv, actors.tsv, discards.txt) and no PETRARCH dictionaries",
            dir.display()
        );
    }
    let embedded = Sources::embedded();
    let sources = Sources {
        countries: pick(&countries, embedded.countries),
        organisations: pick(&organisations, embedded.organisations),
        agents: pick(&agents, embedded.agents),
        verbs: pick(&verbs, embedded.verbs),
        irregular_verbs: pick(&irregular, embedded.irregular_verbs),
        actors: pick(&actors, embedded.actors),
        discards: pick(&discards, embedded.discards),
    };
    Dictionaries::from_sources(sources).map_err(|e| anyhow::anyhow!("dictionary errors:\n{e}"))
}

/// The file read from disk if there is one, else the embedded source.
fn pick<'a>(
    file: &'a Option<(String, String)>,
    embedded: Option<(&'a str, &'a str)>,
) -> Option<(&'a str, &'a str)> {
    file.as_ref().map(|(n, t)| (n.as_str(), t.as_str())).or(embedded)
}
