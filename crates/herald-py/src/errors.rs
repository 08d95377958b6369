//! herald's errors as Python exceptions.

use herald_setup::SetupError;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(herald, HeraldError, PyException, "An error of herald's.");
create_exception!(
    herald,
    DictionaryError,
    HeraldError,
    "A dictionary that cannot be used; `file`, `line` and `column` say where \
     (the first problem; `errors` lists them all)."
);
create_exception!(herald, StoreError, HeraldError, "An event store that cannot be read.");

/// Where a dictionary problem is, and what it is.
struct Problem {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

/// The problems of a setup error, each with its place when it has one.
fn problems(err: &SetupError) -> Vec<Problem> {
    let at = |file: &str, line: usize, column: usize, message: String| Problem {
        file: Some(file.to_string()),
        // PETRARCH errors about a whole file have line and column 0.
        line: (line > 0).then_some(line),
        column: (column > 0).then_some(column),
        message,
    };
    match err {
        SetupError::Dictionary(errors) => {
            errors.0.iter().map(|e| at(&e.file, e.line, e.column, e.message.clone())).collect()
        }
        SetupError::Petrarch(e) => vec![at(&e.path, e.line, e.column, e.kind.to_string())],
        SetupError::InvalidUtf8 { path, line, column, .. } => {
            vec![at(path, *line, *column, err.to_string())]
        }
        SetupError::Conventions { path, line } => vec![at(path, *line, 1, err.to_string())],
        SetupError::Io { path, .. }
        | SetupError::Unusable { path, .. }
        | SetupError::NotADirectory { path } => vec![at(path, 0, 0, err.to_string())],
        SetupError::NoDictionaries { dir } => vec![at(dir, 0, 0, err.to_string())],
        _ => vec![Problem { file: None, line: None, column: None, message: err.to_string() }],
    }
}

/// A [`DictionaryError`] for `err`, with the place of its first problem as
/// `file`, `line` and `column` (None where unknown) and every problem as
/// `errors`: a list of `(file, line, column, message)`.
pub(crate) fn dictionary_error(py: Python<'_>, err: &SetupError) -> PyErr {
    let problems = problems(err);
    let exception = DictionaryError::new_err(err.to_string());
    let first = problems.first();
    let value = exception.value(py);
    let set = || -> PyResult<()> {
        value.setattr("file", first.and_then(|p| p.file.clone()))?;
        value.setattr("line", first.and_then(|p| p.line))?;
        value.setattr("column", first.and_then(|p| p.column))?;
        let all: Vec<_> = problems
            .iter()
            .map(|p| (p.file.clone(), p.line, p.column, p.message.clone()))
            .collect();
        value.setattr("errors", all)
    };
    match set() {
        Ok(()) => exception,
        Err(e) => e,
    }
}

/// A [`StoreError`] for `err`.
pub(crate) fn store_error(err: &herald_store::StoreError) -> PyErr {
    StoreError::new_err(err.to_string())
}
