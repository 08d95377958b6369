//! `herald._herald`, the native module of the Python package `herald`
//! (`python/herald`): a [`Coder`] built by `herald_setup::build`, whose
//! events come back as Arrow tables made in Rust, and the store read as
//! Arrow tables. The Python package wraps it with docstrings, warnings
//! and the Spark helper.
//!
//! Nothing here may abort the interpreter: errors become Python
//! exceptions, and a panic while coding a story becomes a problem of that
//! story's row.
#![warn(missing_docs)]

mod coder;
mod errors;
mod store;
mod stories;

use pyo3::prelude::*;

/// The module `herald._herald`.
#[pymodule]
fn _herald(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<coder::Coder>()?;
    m.add_function(wrap_pyfunction!(store::read_store, m)?)?;
    m.add_function(wrap_pyfunction!(coder::schema, m)?)?;
    m.add_function(wrap_pyfunction!(coder::columns, m)?)?;
    m.add("HeraldError", py.get_type::<errors::HeraldError>())?;
    m.add("DictionaryError", py.get_type::<errors::DictionaryError>())?;
    m.add("StoreError", py.get_type::<errors::StoreError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
