//! The window's commands, one module per area. Each only translates between
//! IPC and liaison-core: no SQL, no rules.

pub mod calendar;
pub mod database;
pub mod directory;
pub mod documents;
pub mod imports;
pub mod perf;
pub mod visits;
pub mod work;

use liaison_core::Service;
use tauri::State;

pub type Db<'a> = State<'a, Service>;

/// The window's language as Rust knows it: a tag the page sends (`zh-CN`);
/// English for any other, such as the pseudo-locale of the layout tests.
pub fn language(tag: &str) -> liaison_core::i18n::Lang {
    tag.parse().unwrap_or(liaison_core::i18n::Lang::En)
}

/// What the user knows a chosen file by in a message: its name, or the
/// whole path when it has none.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
