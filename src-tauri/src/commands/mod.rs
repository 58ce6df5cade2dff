//! The window's commands, one module per area. Each only translates between
//! IPC and liaison-core: no SQL, no rules.

pub mod calendar;
pub mod database;
pub mod directory;
pub mod imports;
pub mod perf;
pub mod visits;

use liaison_core::Service;
use tauri::State;

pub type Db<'a> = State<'a, Service>;
