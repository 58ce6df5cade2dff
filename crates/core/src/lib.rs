//! Liaison's core: the domain of delegation visits, its validation, the
//! SQLite store and the interchange format. It has no Tauri dependency: the
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
pub mod store;
pub mod time;
pub mod validate;

pub use error::{Error, FieldError, Result};
pub use store::Store;
