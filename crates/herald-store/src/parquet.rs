//! Events as a Parquet file, for DuckDB, Spark, pandas and the like: the
//! Arrow batches of `herald-arrow`, written by the `parquet` crate's
//! `ArrowWriter`.

use std::io::Write;

use herald_arrow::{EventBatch, StoreIds};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::{EventFilter, Page, Reader, StoreError};

/// Rows per row group: large enough for good compression and column
/// statistics, small enough that buffering one costs a few tens of MB.
const ROW_GROUP: usize = 100_000;

/// Writes the events matching `filter` to `out` as Parquet (Snappy
/// compressed), in the order of [`Reader::for_each_event`], with the
/// columns of [`herald_arrow::schema`]. The store's provenance is in the
/// file's key-value metadata (and the Arrow schema's). Returns the number
/// of rows.
pub fn write_parquet<W: Write + Send>(
    reader: &Reader,
    filter: &EventFilter,
    out: W,
) -> Result<u64, StoreError> {
    let provenance = reader.provenance()?;
    let mut batch = EventBatch::new(&provenance);
    let metadata = herald_arrow::metadata(&provenance)
        .into_iter()
        .map(|(key, value)| KeyValue::new(key, value))
        .collect();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(concat!("herald ", env!("CARGO_PKG_VERSION")).to_string())
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .set_key_value_metadata(Some(metadata))
        .build();
    let mut writer = ArrowWriter::try_new(out, batch.schema(), Some(props))?;
    let mut rows = 0u64;
    reader.for_each_event(filter, Page::default(), |e| {
        let mentions = i64::try_from(e.mentions).unwrap_or(i64::MAX);
        let ids = StoreIds { event_id: e.id, canonical_id: e.canonical, mentions };
        batch.push(&e.record, Some(ids));
        rows += 1;
        if batch.len() == ROW_GROUP {
            writer.write(&batch.finish()?)?;
        }
        Ok::<(), StoreError>(())
    })?;
    if !batch.is_empty() {
        writer.write(&batch.finish()?)?;
    }
    writer.close()?;
    Ok(rows)
}
