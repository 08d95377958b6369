//! `read_store`: a store's events as a `pyarrow.Table`.

use std::path::PathBuf;

use arrow::pyarrow::{IntoPyArrow, Table};
use herald_arrow::{EventBatch, StoreIds};
use herald_core::{Date, EventCode};
use herald_store::{BBox, EventFilter, Page, Reader, StoreError};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use crate::errors::store_error;

/// The events of the store at `path` that match the filters, as
/// `herald query` and `herald export` select them, with the columns of
/// the Parquet export.
#[pyfunction]
#[pyo3(signature = (path, actor=None, country=None, source=None, target=None,
                    source_country=None, target_country=None, cameo=None, root=None,
                    plover=None, quad=None, from_=None, to=None,
                    location_country=None, location_admin1=None, bbox=None))]
#[allow(clippy::too_many_arguments)] // One keyword argument per filter.
pub(crate) fn read_store(
    py: Python<'_>,
    path: PathBuf,
    actor: Option<String>,
    country: Option<String>,
    source: Option<String>,
    target: Option<String>,
    source_country: Option<String>,
    target_country: Option<String>,
    cameo: Option<String>,
    root: Option<String>,
    plover: Option<String>,
    quad: Option<u8>,
    from_: Option<String>,
    to: Option<String>,
    location_country: Option<String>,
    location_admin1: Option<String>,
    bbox: Option<(f64, f64, f64, f64)>,
) -> PyResult<Bound<'_, PyAny>> {
    let code = |what: &str, s: Option<String>| -> PyResult<Option<EventCode>> {
        s.map(|s| {
            EventCode::parse(&s)
                .ok_or_else(|| PyValueError::new_err(format!("{what}: {s:?} is not a CAMEO code")))
        })
        .transpose()
    };
    let day = |what: &str, s: Option<String>| -> PyResult<Option<Date>> {
        s.map(|s| Date::parse(&s).map_err(|e| PyValueError::new_err(format!("{what}: {e}"))))
            .transpose()
    };
    let filter = EventFilter {
        actor,
        country,
        source,
        target,
        source_country,
        target_country,
        cameo: code("cameo", cameo)?,
        root: code("root", root)?,
        plover,
        quad: quad
            .map(|q| {
                (1..=4).contains(&q).then_some(q).ok_or_else(|| {
                    PyValueError::new_err(format!("quad: {q} is not a quad class (1-4)"))
                })
            })
            .transpose()?,
        from: day("from", from_)?,
        to: day("to", to)?,
        location_country,
        location_admin1,
        bbox: bbox
            .map(|(a, b, c, d)| {
                BBox::parse(&format!("{a},{b},{c},{d}"))
                    .map_err(|e| PyValueError::new_err(format!("bbox: {e}")))
            })
            .transpose()?,
    };
    let read = py.detach(|| -> Result<_, StoreError> {
        let reader = Reader::open(&path)?;
        let mut batch = EventBatch::new(&reader.provenance()?);
        let schema = batch.schema();
        reader.for_each_event(&filter, Page::default(), |e| {
            let mentions = i64::try_from(e.mentions).unwrap_or(i64::MAX);
            let ids = StoreIds { event_id: e.id, canonical_id: e.canonical, mentions };
            batch.push(&e.record, Some(ids));
            Ok::<(), StoreError>(())
        })?;
        Ok((batch.finish(), schema))
    });
    let (batch, schema) = read.map_err(|e| store_error(&e))?;
    let batch = batch.map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    let table =
        Table::try_new(vec![batch], schema).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    table.into_pyarrow(py)
}
