//! Stories from Python: an iterable of dicts, or Arrow data (a pyarrow
//! Table, RecordBatch or RecordBatchReader, or anything else with
//! `__arrow_c_stream__` or `__arrow_c_array__`), read as JSONL records are.

use std::collections::VecDeque;

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::compute::cast;
use arrow::datatypes::DataType;
use arrow::error::ArrowError;
use arrow::ffi_stream::ArrowArrayStreamReader;
use arrow::pyarrow::FromPyArrow;
use herald_input::{InputError, Origin, Story};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyIterator, PyString};
use serde_json::{Map, Value};

/// A story as read, or why it could not be.
pub(crate) type Row = Result<Story, InputError>;

/// The fields of a story that herald reads from Arrow columns of these names.
const FIELDS: [&str; 6] = ["id", "date", "text", "url", "title", "source"];

/// Where a story without an id comes from: `stories:N`, N its 1-based position.
pub(crate) fn origin(row: usize) -> Origin {
    Origin { file: "stories".to_string(), line: row + 1 }
}

/// The stories of a Python object, read a chunk at a time.
pub(crate) enum Stories<'py> {
    Dicts(Bound<'py, PyIterator>),
    Arrow {
        batches: Box<dyn Iterator<Item = Result<RecordBatch, ArrowError>>>,
        pending: VecDeque<Row>,
    },
}

impl<'py> Stories<'py> {
    /// Arrow data, or else an iterable of dicts.
    pub(crate) fn new(stories: &Bound<'py, PyAny>) -> PyResult<Stories<'py>> {
        let py = stories.py();
        if stories.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))? {
            let reader = ArrowArrayStreamReader::from_pyarrow_bound(stories)?;
            return Ok(Stories::Arrow { batches: Box::new(reader), pending: VecDeque::new() });
        }
        if stories.hasattr(pyo3::intern!(py, "__arrow_c_array__"))? {
            let batch = RecordBatch::from_pyarrow_bound(stories)?;
            let batches = Box::new(std::iter::once(Ok(batch)));
            return Ok(Stories::Arrow { batches, pending: VecDeque::new() });
        }
        if stories.is_instance_of::<PyString>() || stories.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(
                "stories: expected an iterable of dicts or Arrow data, not a single story",
            ));
        }
        Ok(Stories::Dicts(stories.try_iter()?))
    }

    /// Up to `n` more stories, numbered from `first`; empty at the end.
    pub(crate) fn chunk(&mut self, first: usize, n: usize) -> PyResult<Vec<Row>> {
        let mut out = Vec::with_capacity(n);
        match self {
            Stories::Dicts(iter) => {
                for item in iter.by_ref().take(n) {
                    let row = first + out.len();
                    out.push(from_dict(&item?, row)?);
                }
            }
            Stories::Arrow { batches, pending } => {
                while out.len() < n {
                    if let Some(row) = pending.pop_front() {
                        out.push(row);
                        continue;
                    }
                    match batches.next() {
                        Some(batch) => {
                            let batch = batch.map_err(to_py)?;
                            pending.extend(from_batch(&batch, first + out.len())?);
                        }
                        None => break,
                    }
                }
            }
        }
        Ok(out)
    }
}

fn to_py(err: ArrowError) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(err.to_string())
}

/// A story from a dict with JSONL's fields. Anything but a dict is a bad row.
fn from_dict(item: &Bound<'_, PyAny>, row: usize) -> PyResult<Row> {
    let Ok(dict) = item.cast::<PyDict>() else {
        let message = format!("expected a dict, not {}", item.get_type().name()?);
        return Ok(Err(InputError::Malformed { origin: origin(row), message }));
    };
    let mut map = Map::new();
    for (key, value) in dict.iter() {
        map.insert(key.str()?.to_string(), json(&value)?);
    }
    Ok(Story::from_record(map, origin(row)))
}

/// A Python value as JSON: dates (anything with `isoformat`) and other
/// objects become their text.
fn json(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    let py = value.py();
    Ok(if value.is_none() {
        Value::Null
    } else if value.is_instance_of::<PyBool>() {
        Value::Bool(value.extract()?)
    } else if value.is_instance_of::<PyInt>() {
        match value.extract::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => Value::String(value.str()?.to_string()),
        }
    } else if value.is_instance_of::<PyFloat>() {
        Value::from(value.extract::<f64>()?)
    } else if value.is_instance_of::<PyString>() {
        Value::String(value.extract()?)
    } else if value.hasattr(pyo3::intern!(py, "isoformat"))? {
        Value::String(value.call_method0(pyo3::intern!(py, "isoformat"))?.extract()?)
    } else {
        Value::String(value.str()?.to_string())
    })
}

/// The stories of a record batch, from its columns named as [`FIELDS`]
/// (any type that casts to text: a `date32` date reads `YYYY-MM-DD`).
fn from_batch(batch: &RecordBatch, first: usize) -> PyResult<Vec<Row>> {
    let mut columns = Vec::new();
    for name in FIELDS {
        if let Some(column) = batch.column_by_name(name) {
            let text = cast(column, &DataType::Utf8).map_err(to_py)?;
            columns.push((name, text));
        }
    }
    let rows = (0..batch.num_rows()).map(|i| {
        let mut map = Map::new();
        for (name, column) in &columns {
            let column = column.as_string::<i32>();
            if column.is_valid(i) {
                map.insert(name.to_string(), Value::String(column.value(i).to_string()));
            }
        }
        Story::from_record(map, origin(first + i))
    });
    Ok(rows.collect())
}
