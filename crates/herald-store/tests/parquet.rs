//! Parquet export reads back, row for row, with the parquet crate's own reader.

mod common;

use common::{add, event, story};
use herald_store::{write_parquet, EventFilter, Reader, Writer};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, Row};

#[test]
fn exported_events_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    let mut w = Writer::open(&path).unwrap();
    let a = story("a", None, "Iran hits Iraq hard.");
    let b = story("b", None, "Iran hits Iraq hard.");
    add(
        &mut w,
        &[
            (
                a.clone(),
                vec![
                    event(&a, "IRN", Some("IRQ"), "190", Some("2024-03-05")),
                    event(&a, "IRN", None, "040", None),
                ],
            ),
            (b.clone(), vec![event(&b, "IRN", Some("IRQ"), "190", Some("2024-03-05"))]),
        ],
    );
    let out = dir.path().join("events.parquet");
    let reader = Reader::open(&path).unwrap();
    let n = write_parquet(&reader, &EventFilter::default(), std::fs::File::create(&out).unwrap())
        .unwrap();
    assert_eq!(n, 3);

    let file = SerializedFileReader::new(std::fs::File::open(&out).unwrap()).unwrap();
    assert_eq!(file.metadata().file_metadata().num_rows(), 3);
    // The store's provenance is in the file's metadata, and every column of
    // the event schema is in the file.
    let kv = file.metadata().file_metadata().key_value_metadata().unwrap();
    assert!(kv.iter().any(|kv| kv.key == "herald:provenance"));
    let names: Vec<String> = file
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    for column in herald_core::COLUMNS {
        assert!(names.iter().any(|n| n == column.name), "{} missing", column.name);
    }
    let rows: Vec<Row> = file.get_row_iter(None).unwrap().map(Result::unwrap).collect();
    let get = |row: &Row, name: &str| {
        row.get_column_iter().find(|(n, _)| n.as_str() == name).unwrap().1.clone()
    };
    // Undated first: the target-less event, with nulls where there is no target.
    assert_eq!(get(&rows[0], "cameo"), Field::Str("040".into()));
    assert_eq!(get(&rows[0], "target_code"), Field::Null);
    assert_eq!(get(&rows[0], "day"), Field::Null);
    // Then the two reports of one event: same canonical id, two mentions, a DATE day.
    assert_eq!(get(&rows[1], "canonical_id"), get(&rows[2], "canonical_id"));
    assert_eq!(get(&rows[1], "mentions"), Field::Long(2));
    assert_eq!(get(&rows[1], "day"), Field::Date(19_787));
    assert_eq!(get(&rows[1], "target_code"), Field::Str("IRQ".into()));
    assert_eq!(get(&rows[1], "goldstein"), Field::Float(-10.0));
    assert_eq!(get(&rows[1], "quad_class"), Field::Int(4));
    assert_eq!(get(&rows[2], "story_id"), Field::Str("b".into()));
    assert_eq!(get(&rows[2], "sentence"), Field::Str("Iran hits Iraq hard.".into()));
}
