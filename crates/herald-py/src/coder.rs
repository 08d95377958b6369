//! The Python `Coder`: `herald_setup::build`'s coder, coding one story
//! into dicts or many into an Arrow table.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use arrow::array::RecordBatch;
use arrow::pyarrow::{IntoPyArrow, Table, ToPyArrow};
use herald_arrow::EventBatch;
use herald_coder::Syntax;
use herald_core::{CameoTable, ColumnType, Value, COLUMNS};
use herald_input::{InputWarning, Story};
use herald_petrarch::PetrarchFiles;
use herald_setup::{code_story, CodedStory, Options, Setup, SetupError};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Map;

use crate::errors::dictionary_error;
use crate::stories::{origin, Row, Stories};

/// Stories read from Python at a time, then coded without the GIL.
const CHUNK: usize = 2048;

/// Events per Arrow record batch.
const BATCH_ROWS: usize = 65_536;

/// A problem with one input row: `(row, story_id, kind, message)`, where
/// `kind` is `rejected` (not coded), `warning` (coded all the same, e.g.
/// undated) or `skipped` (a sentence left uncoded).
type Problem = (usize, Option<String>, &'static str, String);

/// A coder and the provenance of what it codes.
#[pyclass(frozen, module = "herald._herald")]
pub(crate) struct Coder {
    setup: Setup,
    cameo: CameoTable,
}

#[pymethods]
impl Coder {
    #[new]
    #[pyo3(signature = (dictionaries=None, petrarch=None, syntax=None))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<PathBuf>,
        petrarch: Option<&Bound<'_, PyDict>>,
        syntax: Option<&str>,
    ) -> PyResult<Coder> {
        let syntax = match syntax {
            None => None,
            Some("parse") => Some(Syntax::Parse),
            Some("word-order" | "word_order") => Some(Syntax::WordOrder),
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "syntax: expected 'parse' or 'word-order', not {other:?}"
                )))
            }
        };
        let petrarch = petrarch.map(petrarch_files).transpose()?;
        let options = Options { dictionaries, petrarch, syntax };
        let setup = py.detach(|| herald_setup::build(&options)).map_err(|e| match e {
            SetupError::BothSources => PyValueError::new_err(e.to_string()),
            e => dictionary_error(py, &e),
        })?;
        Ok(Coder { setup, cameo: CameoTable::embedded() })
    }

    /// The configuration, as JSON (`herald_core::Provenance`).
    #[getter]
    fn provenance(&self) -> String {
        serde_json::to_string(&self.setup.provenance).unwrap_or_default()
    }

    /// PETRARCH dictionary lines left out, each as `file:line:col: reason`.
    #[getter]
    fn dictionary_warnings(&self) -> Vec<String> {
        self.setup.skipped.iter().map(ToString::to_string).collect()
    }

    /// Codes one story: its events as dicts of the event schema's columns,
    /// and its problems.
    #[pyo3(signature = (text, date=None, story_id=None))]
    fn code<'py>(
        &self,
        py: Python<'py>,
        text: String,
        date: Option<String>,
        story_id: Option<String>,
    ) -> PyResult<(Bound<'py, PyList>, Vec<Problem>)> {
        let mut map = Map::new();
        map.insert("text".into(), text.into());
        map.insert("date".into(), date.into());
        map.insert("id".into(), story_id.into());
        let row = herald_input::Story::from_record(map, origin(0));
        let (coded, problems) = py.detach(|| self.code_rows(vec![row], 0));
        let events = PyList::empty(py);
        for record in coded.iter().flatten().flat_map(|c| &c.records) {
            let event = PyDict::new(py);
            for column in COLUMNS {
                let value = (column.get)(record);
                match value {
                    Value::Null => event.set_item(column.name, py.None())?,
                    Value::Text(s) => event.set_item(column.name, s)?,
                    Value::Int(n) => event.set_item(column.name, n)?,
                    // The decimal the score is written as (`2.8`), as in JSON.
                    Value::Float(x) => event
                        .set_item(column.name, x.to_string().parse().unwrap_or(f64::from(x)))?,
                    Value::Double(x) => event.set_item(column.name, x)?,
                }
            }
            events.append(event)?;
        }
        Ok((events, problems))
    }

    /// Codes many stories on `threads` threads (all cores if None): a
    /// `pyarrow.Table` of their events in input order, and the problems.
    #[pyo3(signature = (stories, threads=None))]
    fn code_many<'py>(
        &self,
        py: Python<'py>,
        stories: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<(Bound<'py, PyAny>, Vec<Problem>)> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        let mut source = Stories::new(stories)?;
        let mut batch = EventBatch::new(std::slice::from_ref(&self.setup.provenance));
        let schema = batch.schema();
        let mut batches: Vec<RecordBatch> = Vec::new();
        let mut problems = Vec::new();
        let mut first = 0;
        loop {
            let rows = source.chunk(first, CHUNK)?;
            if rows.is_empty() {
                break;
            }
            let n = rows.len();
            let done = py.detach(|| {
                let (coded, found) = pool.install(|| self.code_rows(rows, first));
                for record in coded.iter().flatten().flat_map(|c| &c.records) {
                    batch.push(record, None);
                    if batch.len() == BATCH_ROWS {
                        batches.push(batch.finish()?);
                    }
                }
                Ok::<_, arrow::error::ArrowError>(found)
            });
            problems.extend(done.map_err(|e| PyRuntimeError::new_err(e.to_string()))?);
            first += n;
        }
        if !batch.is_empty() {
            batches.push(batch.finish().map_err(|e| PyRuntimeError::new_err(e.to_string()))?);
        }
        let table =
            Table::try_new(batches, schema).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        Ok((table.into_pyarrow(py)?, problems))
    }
}

impl Coder {
    /// Codes `rows` (the first is row `first`) in parallel on the current
    /// rayon pool, in order. A story whose coding panicked (which the
    /// coder's invariants rule out) is a rejected row, not a lost batch.
    fn code_rows(&self, rows: Vec<Row>, first: usize) -> (Vec<Option<CodedStory>>, Vec<Problem>) {
        use rayon::prelude::*;
        let coded: Vec<Result<CodedStory, String>> = rows
            .par_iter()
            .map(|row| match row {
                Ok(story) => catch_unwind(AssertUnwindSafe(|| {
                    code_story(&self.setup.coder, &self.cameo, story)
                }))
                .map_err(|panic| {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    format!("internal error while coding: {message}")
                }),
                Err(e) => Err(e.to_string()),
            })
            .collect();
        let mut problems = Vec::new();
        let mut out = Vec::with_capacity(coded.len());
        for (i, (row, coded)) in rows.iter().zip(coded).enumerate() {
            let at = first + i;
            let id = row.as_ref().ok().map(|s: &Story| s.id.clone());
            if let Ok(story) = row {
                for InputWarning::InvalidDate { reason, .. } in &story.warnings {
                    problems.push((at, id.clone(), "warning", format!("{reason}; coded undated")));
                }
            }
            match coded {
                Ok(coded) => {
                    for d in &coded.skipped {
                        let message =
                            format!("sentence {} not coded: {}", d.sentence_index, d.message);
                        problems.push((at, id.clone(), "skipped", message));
                    }
                    out.push(Some(coded));
                }
                Err(message) => {
                    problems.push((at, id.clone(), "rejected", message));
                    out.push(None);
                }
            }
        }
        (out, problems)
    }
}

/// PETRARCH files from a dict: `verbs`, `actors` (a path or a list, earlier
/// files first), `agents`, `discards`.
fn petrarch_files(files: &Bound<'_, PyDict>) -> PyResult<PetrarchFiles> {
    let mut out = PetrarchFiles::default();
    for (key, value) in files.iter() {
        let key: String = key.extract()?;
        match key.as_str() {
            "verbs" => out.verbs = Some(value.extract()?),
            "actors" => {
                out.actors = match value.extract::<PathBuf>() {
                    Ok(path) => vec![path],
                    Err(_) => value.extract()?,
                }
            }
            "agents" => out.agents = Some(value.extract()?),
            "discards" => out.discards = Some(value.extract()?),
            other => {
                return Err(PyValueError::new_err(format!(
                    "petrarch: unknown key {other:?} (expected verbs, actors, agents, discards)"
                )))
            }
        }
    }
    Ok(out)
}

/// The Arrow schema of event tables (`code_many`, `read_store`, the
/// Parquet export and Spark).
#[pyfunction]
pub(crate) fn schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    herald_arrow::schema(&[]).as_ref().to_pyarrow(py)
}

/// The event schema's columns: `(name, type, nullable, doc)`.
#[pyfunction]
pub(crate) fn columns() -> Vec<(&'static str, &'static str, bool, &'static str)> {
    COLUMNS
        .iter()
        .map(|c| {
            let ty = match c.ty {
                ColumnType::Text => "string",
                ColumnType::Int64 => "int64",
                ColumnType::Int32 => "int32",
                ColumnType::Float32 => "float32",
                ColumnType::Float64 => "float64",
            };
            (c.name, ty, c.nullable, c.doc)
        })
        .collect()
}
