//! Liaison's core: the domain of delegation visits, its validation, the
//! storage behind it and the interchange format. It has no Tauri dependency: the
//! desktop shell, the command line and the tests all use it the same way.

pub mod benchdata;
pub mod calendar;
pub mod error;
pub mod files;
pub mod interchange;
pub mod model;
pub mod pause;
pub mod sample;
pub mod service;
mod storage;
pub mod time;
pub mod validate;

pub use error::{Error, FieldError, Result};
pub use service::{ChangeWatcher, Service};

/// Facts about the local database file that the tests of the file format
/// pin down (its mark, its schema version, when a bulk write rebuilds its
/// indexes). Not an interface: the storage itself stays private.
#[doc(hidden)]
pub mod testing {
    pub use crate::storage::sqlite::open::{schema_version, APPLICATION_ID};
    pub use crate::storage::sqlite::REINDEX_FROM_ROWS;
}
