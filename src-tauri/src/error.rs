//! What a failed command sends to the UI: `{ kind, message, field, fields }`,
//! so that the UI can put each message next to the input it is about.

use liaison_core::{Error, FieldError};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct AppError {
    /// `invalid`, `not_found`, `conflict`, `malformed`, `io`, `refused`,
    /// `read_only`, `stale`, `internal` or `database`.
    pub kind: String,
    /// One sentence for a person.
    pub message: String,
    /// The first field at fault, if any.
    pub field: Option<String>,
    /// Every field at fault, for forms that show them all.
    pub fields: Vec<FieldError>,
    /// For an error about a record (not found, changed elsewhere): its
    /// message in the catalogue, which the window words in its language;
    /// "" when `message` is all there is.
    pub code: String,
    /// That message's values.
    #[ts(type = "Record<string, string | number>")]
    pub args: liaison_core::problem::Args,
    /// What the message is about, to put before it: a database's path, a
    /// file's place (path:line:column); "" for none.
    pub subject: String,
}

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        let fields = e.field_errors().to_vec();
        let message = match &e {
            // Users never see raw SQL errors; the detail goes to the log.
            Error::Database(_) | Error::Migrate(_) => {
                eprintln!("liaison: {e}");
                "The database could not complete this; nothing was changed.".to_owned()
            }
            // Our bug, not the user's: one plain sentence, and the detail
            // on its own line for a report.
            Error::Internal(detail) => {
                eprintln!("liaison: {e}");
                format!("Something went wrong inside Liaison; nothing was changed.\n{detail}")
            }
            Error::Invalid(list) if list.len() == 1 => list[0].message.clone(),
            Error::Invalid(list) => format!("{} fields need attention", list.len()),
            other => other.to_string(),
        };
        let problem = e.problem();
        AppError {
            kind: e.kind().to_owned(),
            message,
            field: fields.first().map(|f| f.field.clone()),
            fields,
            code: problem.as_ref().map(|p| p.code().to_owned()).unwrap_or_default(),
            args: problem.map(|p| p.json_args()).unwrap_or_default(),
            subject: e.subject().unwrap_or_default(),
        }
    }
}

pub type Result<T> = std::result::Result<T, AppError>;
