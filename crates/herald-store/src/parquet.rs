//! Events as a Parquet file, for DuckDB, Spark, pandas and the like.
//!
//! Written with the `parquet` crate's low-level column writers rather than
//! through Arrow: the rows are flat, and leaving Arrow out keeps it out of
//! herald's build.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DataType, FloatType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedFileWriter, SerializedRowGroupWriter};
use parquet::schema::parser::parse_message_type;

use herald_core::Date;

use crate::{EventFilter, Page, Reader, StoreError, StoredEvent};

/// The file's schema: one row per event report, the columns of `herald code
/// --format csv` plus the store's ids, mention counts and the event's day.
const SCHEMA: &str = "message herald_event {
    REQUIRED INT64 event_id;
    REQUIRED INT64 canonical_id;
    REQUIRED INT64 mentions;
    REQUIRED BYTE_ARRAY story_id (STRING);
    REQUIRED INT64 sentence_index;
    OPTIONAL BYTE_ARRAY date (STRING);
    OPTIONAL INT32 day (DATE);
    REQUIRED BYTE_ARRAY source_code (STRING);
    OPTIONAL BYTE_ARRAY source_country (STRING);
    REQUIRED BYTE_ARRAY source_text (STRING);
    REQUIRED INT64 source_start;
    REQUIRED INT64 source_end;
    OPTIONAL BYTE_ARRAY target_code (STRING);
    OPTIONAL BYTE_ARRAY target_country (STRING);
    OPTIONAL BYTE_ARRAY target_text (STRING);
    OPTIONAL INT64 target_start;
    OPTIONAL INT64 target_end;
    REQUIRED BYTE_ARRAY cameo (STRING);
    REQUIRED BYTE_ARRAY cameo_root (STRING);
    OPTIONAL BYTE_ARRAY cameo_name (STRING);
    OPTIONAL BYTE_ARRAY plover (STRING);
    OPTIONAL FLOAT goldstein;
    OPTIONAL INT32 quad_class;
    REQUIRED BYTE_ARRAY verb_text (STRING);
    REQUIRED INT64 verb_start;
    REQUIRED INT64 verb_end;
    REQUIRED BYTE_ARRAY pattern (STRING);
    REQUIRED BYTE_ARRAY sentence (STRING);
}";

/// Rows per row group: large enough for good compression and column
/// statistics, small enough that buffering one costs a few tens of MB.
const ROW_GROUP: usize = 100_000;

/// Writes the events matching `filter` to `out` as Parquet (Snappy
/// compressed), in the order of [`Reader::for_each_event`]. Returns the
/// number of rows.
pub fn write_parquet<W: Write + Send>(
    reader: &Reader,
    filter: &EventFilter,
    out: W,
) -> Result<u64, StoreError> {
    let schema = Arc::new(parse_message_type(SCHEMA)?);
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(concat!("herald ", env!("CARGO_PKG_VERSION")).to_string())
        .build();
    let mut writer = SerializedFileWriter::new(out, schema, Arc::new(props))?;
    let mut buf = Buffers::default();
    let mut rows = 0u64;
    reader.for_each_event(filter, Page::default(), |e| {
        buf.push(&e);
        rows += 1;
        if buf.len == ROW_GROUP {
            buf.flush(&mut writer)?;
        }
        Ok::<(), StoreError>(())
    })?;
    if buf.len > 0 {
        buf.flush(&mut writer)?;
    }
    writer.close()?;
    Ok(rows)
}

/// One column's values, and its definition levels (1 present, 0 null) when nullable.
struct Column<T> {
    values: Vec<T>,
    defs: Option<Vec<i16>>,
}

impl<T> Column<T> {
    fn required() -> Column<T> {
        Column { values: Vec::new(), defs: None }
    }

    fn optional() -> Column<T> {
        Column { values: Vec::new(), defs: Some(Vec::new()) }
    }

    fn push(&mut self, value: T) {
        self.values.push(value);
        if let Some(defs) = &mut self.defs {
            defs.push(1);
        }
    }

    /// Only for optional columns: a null is a definition level of 0 and no value.
    fn push_opt(&mut self, value: Option<T>) {
        match value {
            Some(v) => self.push(v),
            None => {
                if let Some(defs) = &mut self.defs {
                    defs.push(0);
                }
            }
        }
    }

    fn write<D, W>(&mut self, rg: &mut SerializedRowGroupWriter<'_, W>) -> Result<(), StoreError>
    where
        D: DataType<T = T>,
        W: Write + Send,
    {
        let Some(mut col) = rg.next_column()? else {
            // The buffers are written in schema order, one per column.
            return Err(parquet::errors::ParquetError::General(
                "more buffers than schema columns".into(),
            )
            .into());
        };
        col.typed::<D>().write_batch(&self.values, self.defs.as_deref(), None)?;
        col.close()?;
        self.values.clear();
        if let Some(defs) = &mut self.defs {
            defs.clear();
        }
        Ok(())
    }
}

fn text(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A row group being buffered; fields in schema order.
struct Buffers {
    len: usize,
    event_id: Column<i64>,
    canonical_id: Column<i64>,
    mentions: Column<i64>,
    story_id: Column<ByteArray>,
    sentence_index: Column<i64>,
    date: Column<ByteArray>,
    day: Column<i32>,
    source_code: Column<ByteArray>,
    source_country: Column<ByteArray>,
    source_text: Column<ByteArray>,
    source_start: Column<i64>,
    source_end: Column<i64>,
    target_code: Column<ByteArray>,
    target_country: Column<ByteArray>,
    target_text: Column<ByteArray>,
    target_start: Column<i64>,
    target_end: Column<i64>,
    cameo: Column<ByteArray>,
    cameo_root: Column<ByteArray>,
    cameo_name: Column<ByteArray>,
    plover: Column<ByteArray>,
    goldstein: Column<f32>,
    quad_class: Column<i32>,
    verb_text: Column<ByteArray>,
    verb_start: Column<i64>,
    verb_end: Column<i64>,
    pattern: Column<ByteArray>,
    sentence: Column<ByteArray>,
}

impl Default for Buffers {
    fn default() -> Buffers {
        use Column as C;
        Buffers {
            len: 0,
            event_id: C::required(),
            canonical_id: C::required(),
            mentions: C::required(),
            story_id: C::required(),
            sentence_index: C::required(),
            date: C::optional(),
            day: C::optional(),
            source_code: C::required(),
            source_country: C::optional(),
            source_text: C::required(),
            source_start: C::required(),
            source_end: C::required(),
            target_code: C::optional(),
            target_country: C::optional(),
            target_text: C::optional(),
            target_start: C::optional(),
            target_end: C::optional(),
            cameo: C::required(),
            cameo_root: C::required(),
            cameo_name: C::optional(),
            plover: C::optional(),
            goldstein: C::optional(),
            quad_class: C::optional(),
            verb_text: C::required(),
            verb_start: C::required(),
            verb_end: C::required(),
            pattern: C::required(),
            sentence: C::required(),
        }
    }
}

impl Buffers {
    fn push(&mut self, e: &StoredEvent) {
        let r = &e.record;
        let t = r.target.as_ref();
        self.len += 1;
        self.event_id.push(e.id);
        self.canonical_id.push(e.canonical);
        self.mentions.push(i64::try_from(e.mentions).unwrap_or(i64::MAX));
        self.story_id.push(text(&r.story_id));
        self.sentence_index.push(int(r.sentence_index));
        self.date.push_opt(r.date.as_deref().map(text));
        self.day.push_opt(
            e.day
                .as_deref()
                .and_then(|d| Date::parse(d).ok())
                .and_then(|d| i32::try_from(d.days_since_epoch()).ok()),
        );
        self.source_code.push(text(&r.source.code));
        self.source_country.push_opt(r.source.country.as_deref().map(text));
        self.source_text.push(text(&r.source.text));
        self.source_start.push(int(r.source.span.start));
        self.source_end.push(int(r.source.span.end));
        self.target_code.push_opt(t.map(|t| text(&t.code)));
        self.target_country.push_opt(t.and_then(|t| t.country.as_deref()).map(text));
        self.target_text.push_opt(t.map(|t| text(&t.text)));
        self.target_start.push_opt(t.map(|t| int(t.span.start)));
        self.target_end.push_opt(t.map(|t| int(t.span.end)));
        self.cameo.push(text(&r.cameo));
        self.cameo_root.push(text(&r.cameo_root));
        self.cameo_name.push_opt(r.cameo_name.as_deref().map(text));
        self.plover.push_opt(r.plover.as_deref().map(text));
        self.goldstein.push_opt(r.goldstein);
        self.quad_class.push_opt(r.quad_class.map(i32::from));
        self.verb_text.push(text(&r.verb.text));
        self.verb_start.push(int(r.verb.span.start));
        self.verb_end.push(int(r.verb.span.end));
        self.pattern.push(text(&r.pattern));
        self.sentence.push(text(&r.sentence));
    }

    fn flush<W: Write + Send>(
        &mut self,
        writer: &mut SerializedFileWriter<W>,
    ) -> Result<(), StoreError> {
        let mut rg = writer.next_row_group()?;
        self.event_id.write::<Int64Type, _>(&mut rg)?;
        self.canonical_id.write::<Int64Type, _>(&mut rg)?;
        self.mentions.write::<Int64Type, _>(&mut rg)?;
        self.story_id.write::<ByteArrayType, _>(&mut rg)?;
        self.sentence_index.write::<Int64Type, _>(&mut rg)?;
        self.date.write::<ByteArrayType, _>(&mut rg)?;
        self.day.write::<Int32Type, _>(&mut rg)?;
        self.source_code.write::<ByteArrayType, _>(&mut rg)?;
        self.source_country.write::<ByteArrayType, _>(&mut rg)?;
        self.source_text.write::<ByteArrayType, _>(&mut rg)?;
        self.source_start.write::<Int64Type, _>(&mut rg)?;
        self.source_end.write::<Int64Type, _>(&mut rg)?;
        self.target_code.write::<ByteArrayType, _>(&mut rg)?;
        self.target_country.write::<ByteArrayType, _>(&mut rg)?;
        self.target_text.write::<ByteArrayType, _>(&mut rg)?;
        self.target_start.write::<Int64Type, _>(&mut rg)?;
        self.target_end.write::<Int64Type, _>(&mut rg)?;
        self.cameo.write::<ByteArrayType, _>(&mut rg)?;
        self.cameo_root.write::<ByteArrayType, _>(&mut rg)?;
        self.cameo_name.write::<ByteArrayType, _>(&mut rg)?;
        self.plover.write::<ByteArrayType, _>(&mut rg)?;
        self.goldstein.write::<FloatType, _>(&mut rg)?;
        self.quad_class.write::<Int32Type, _>(&mut rg)?;
        self.verb_text.write::<ByteArrayType, _>(&mut rg)?;
        self.verb_start.write::<Int64Type, _>(&mut rg)?;
        self.verb_end.write::<Int64Type, _>(&mut rg)?;
        self.pattern.write::<ByteArrayType, _>(&mut rg)?;
        self.sentence.write::<ByteArrayType, _>(&mut rg)?;
        rg.close()?;
        self.len = 0;
        Ok(())
    }
}
