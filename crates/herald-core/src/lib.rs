//! Domain types shared by every stage of herald.
//!
//! A story is coded into [`Event`]s: *who* ([`ActorMention`]) did *what*
//! ([`EventCode`], a CAMEO code or a dictionary's own) to *whom*, with byte [`Span`]s into the
//! original story text as evidence. [`CameoTable`] knows every CAMEO code's
//! name, Goldstein score, quad class and PLOVER mapping. [`EventRecord`] is
//! the stable, serialisable output schema, and [`COLUMNS`] its flat columns,
//! from which every tabular output is derived. [`Date`] is the one calendar
//! date type: story dates, dated actor codes, the store's days and the
//! dates the text gives for events ([`EventDate`], with a [`Precision`]).
//! An event's [`Location`] is a place of herald's gazetteer.
//! [`Provenance`] records what coded a set of events.
//!
//! This crate does no I/O and holds no global state.
//!
//! ```
//! use herald_core::{CameoTable, EventCode};
//! let table = CameoTable::embedded();
//! let code = EventCode::parse("190").unwrap();
//! let entry = table.get(&code).unwrap();
//! assert_eq!(entry.goldstein, -10.0);
//! assert_eq!(entry.plover.as_deref(), Some("ASSAULT"));
//! assert_eq!(code.root().as_str(), "19");
//! ```
#![warn(missing_docs)]

mod cameo;
mod date;
mod event;
mod provenance;
mod record;
mod span;

pub use cameo::{CameoEntry, CameoTable, CameoTableError, EventCode, QuadClass, MAX_USER_CODE_LEN};
pub use date::{Date, DateError, Precision};
pub use event::{ActorMention, Diagnostic, DiagnosticKind, Event, EventDate, LocatedBy, Location};
pub use provenance::{Fingerprint, Provenance};
pub use record::{
    column, ActorRecord, Column, ColumnType, EventRecord, LocationRecord, Scope, StoryFields,
    Value, VerbRecord, COLUMNS,
};
pub use span::Span;
