//! herald's events as Arrow record batches: the Parquet export, the Python
//! binding and Spark all write these.
//!
//! The columns are the store's ids (`event_id`, `canonical_id`,
//! `mentions`: null for events coded outside a store), the event's `day`
//! (its date when that names a day), then every column of the event schema
//! ([`herald_core::COLUMNS`]), typed as it says. [`schema`] gives them;
//! [`EventBatch`] fills them. The schema's metadata holds the
//! [`Provenance`] of the events (key [`PROVENANCE_KEY`]).
#![warn(missing_docs)]

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use herald_core::{Column, ColumnType, EventRecord, Provenance, Value, COLUMNS};

/// The schema metadata key of the events' provenance: a JSON array of
/// [`Provenance`] (one per configuration, as a store may hold several).
pub const PROVENANCE_KEY: &str = "herald:provenance";

/// The schema metadata key of the version of herald that wrote the batch.
pub const VERSION_KEY: &str = "herald:version";

/// What a store knows of an event that its record does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreIds {
    /// The report's id in the store.
    pub event_id: i64,
    /// The canonical event it is a report of.
    pub canonical_id: i64,
    /// Reports of that canonical event.
    pub mentions: i64,
}

/// The Arrow type of an event schema column.
pub fn data_type(column: &Column) -> DataType {
    match column.ty {
        ColumnType::Text => DataType::Utf8,
        ColumnType::Int64 => DataType::Int64,
        ColumnType::Int32 => DataType::Int32,
        ColumnType::Float32 => DataType::Float32,
        ColumnType::Float64 => DataType::Float64,
    }
}

/// The metadata of a batch of events coded by `provenance`.
pub fn metadata(provenance: &[Provenance]) -> HashMap<String, String> {
    // Serialising plain strings and vectors cannot fail.
    let json = serde_json::to_string(provenance).unwrap_or_default();
    HashMap::from([
        (PROVENANCE_KEY.to_string(), json),
        (VERSION_KEY.to_string(), env!("CARGO_PKG_VERSION").to_string()),
    ])
}

/// The schema of event batches, with the metadata of `provenance`.
pub fn schema(provenance: &[Provenance]) -> SchemaRef {
    let doc = |field: Field, doc: &str| {
        field.with_metadata(HashMap::from([("doc".to_string(), doc.to_string())]))
    };
    let mut fields = vec![
        doc(Field::new("event_id", DataType::Int64, true), "The report's id in the store."),
        doc(
            Field::new("canonical_id", DataType::Int64, true),
            "The canonical event (same dyad, code and day) it reports.",
        ),
        doc(Field::new("mentions", DataType::Int64, true), "Reports of the canonical event."),
        doc(Field::new("day", DataType::Date32, true), "The event's date, when it names a day."),
    ];
    fields.extend(COLUMNS.iter().map(|c| doc(Field::new(c.name, data_type(c), c.nullable), c.doc)));
    Arc::new(Schema::new_with_metadata(fields, metadata(provenance)))
}

enum Builder {
    Text(StringBuilder),
    Int64(Int64Builder),
    Int32(Int32Builder),
    Float32(Float32Builder),
    Float64(Float64Builder),
}

impl Builder {
    fn new(ty: ColumnType) -> Builder {
        match ty {
            ColumnType::Text => Builder::Text(StringBuilder::new()),
            ColumnType::Int64 => Builder::Int64(Int64Builder::new()),
            ColumnType::Int32 => Builder::Int32(Int32Builder::new()),
            ColumnType::Float32 => Builder::Float32(Float32Builder::new()),
            ColumnType::Float64 => Builder::Float64(Float64Builder::new()),
        }
    }

    /// Appends `value`; a value of another type than the column's (which
    /// the event schema's tests rule out) is appended as null.
    fn append(&mut self, value: Value<'_>) {
        match (self, value) {
            (Builder::Text(b), Value::Text(s)) => b.append_value(s),
            (Builder::Int64(b), Value::Int(n)) => b.append_value(n),
            (Builder::Int32(b), Value::Int(n)) => b.append_option(i32::try_from(n).ok()),
            (Builder::Float32(b), Value::Float(x)) => b.append_value(x),
            (Builder::Float64(b), Value::Double(x)) => b.append_value(x),
            (Builder::Text(b), _) => b.append_null(),
            (Builder::Int64(b), _) => b.append_null(),
            (Builder::Int32(b), _) => b.append_null(),
            (Builder::Float32(b), _) => b.append_null(),
            (Builder::Float64(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int64(b) => Arc::new(b.finish()),
            Builder::Int32(b) => Arc::new(b.finish()),
            Builder::Float32(b) => Arc::new(b.finish()),
            Builder::Float64(b) => Arc::new(b.finish()),
        }
    }
}

/// Events being gathered into a [`RecordBatch`] of [`schema`].
pub struct EventBatch {
    schema: SchemaRef,
    ids: [Int64Builder; 3],
    day: Date32Builder,
    columns: Vec<Builder>,
    len: usize,
}

impl EventBatch {
    /// An empty batch whose schema carries `provenance`.
    pub fn new(provenance: &[Provenance]) -> EventBatch {
        EventBatch {
            schema: schema(provenance),
            ids: Default::default(),
            day: Date32Builder::new(),
            columns: COLUMNS.iter().map(|c| Builder::new(c.ty)).collect(),
            len: 0,
        }
    }

    /// Appends an event, with its ids if it is stored.
    pub fn push(&mut self, record: &EventRecord, ids: Option<StoreIds>) {
        let [event_id, canonical_id, mentions] = &mut self.ids;
        event_id.append_option(ids.map(|i| i.event_id));
        canonical_id.append_option(ids.map(|i| i.canonical_id));
        mentions.append_option(ids.map(|i| i.mentions));
        let day = record.day();
        self.day.append_option(day.and_then(|d| i32::try_from(d.days_since_epoch()).ok()));
        for (builder, column) in self.columns.iter_mut().zip(COLUMNS) {
            builder.append((column.get)(record));
        }
        self.len += 1;
    }

    /// Events appended since the last [`EventBatch::finish`].
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no event was appended since the last [`EventBatch::finish`].
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The schema of the batches this makes.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// The events appended so far, as a record batch; the builder starts
    /// over empty.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let mut arrays: Vec<ArrayRef> = self
            .ids
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef)
            .chain([Arc::new(self.day.finish()) as ArrayRef])
            .collect();
        arrays.extend(self.columns.iter_mut().map(Builder::finish));
        self.len = 0;
        RecordBatch::try_new(self.schema.clone(), arrays)
    }
}

#[cfg(test)]
mod tests {
    use arrow_array::{Array, Date32Array, Float32Array, StringArray};
    use herald_core::{ActorRecord, Span};

    use super::*;

    #[test]
    fn batches_have_every_column_with_its_values() {
        let record = EventRecord {
            story_id: "s".into(),
            date: Some("2024-03-05".into()),
            source: ActorRecord { code: "IRN".into(), span: Span::new(0, 4), ..Default::default() },
            cameo: "190".into(),
            goldstein: Some(-10.0),
            ..Default::default()
        };
        let undated = EventRecord { date: Some("1988".into()), goldstein: None, ..record.clone() };
        let mut batch = EventBatch::new(&[]);
        batch.push(&record, Some(StoreIds { event_id: 7, canonical_id: 3, mentions: 2 }));
        batch.push(&undated, None);
        let b = batch.finish().unwrap();
        assert_eq!((b.num_rows(), b.num_columns()), (2, COLUMNS.len() + 4));
        let col = |name: &str| b.column_by_name(name).unwrap().clone();
        let day = col("day");
        let day = day.as_any().downcast_ref::<Date32Array>().unwrap();
        assert_eq!((day.value(0), day.is_null(1)), (19_787, true));
        assert_eq!(col("event_id").null_count(), 1);
        let code = col("source_code");
        assert_eq!(code.as_any().downcast_ref::<StringArray>().unwrap().value(1), "IRN");
        let g = col("goldstein");
        let g = g.as_any().downcast_ref::<Float32Array>().unwrap();
        assert_eq!((g.value(0), g.is_null(1)), (-10.0, true));
        assert!(col("target_code").is_null(0));
        assert!(b.schema().metadata().contains_key(PROVENANCE_KEY));
        assert!(batch.is_empty());
    }
}
