//! The core's typed errors. The shell and the command line turn these into
//! `{ kind, message, field }` for the UI or one line on stderr; users never see
//! a raw SQL error.

use serde::Serialize;
use ts_rs::TS;

use crate::problem::Problem;

/// One problem with one field of a form or one value of a file. `field` is
/// the form field name (`"end"`, `"email"`) or, for imported documents, a JSON
/// path (`$.visits[0].agenda[2].end`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    /// The problem in the process's language (the command line's; the
    /// window renders `code` in its own).
    pub message: String,
    /// The problem's message in the `core` catalogue (locales/LANG/core.ftl),
    /// "" when `message` is all there is.
    pub code: String,
    /// The message's placeholders.
    #[ts(type = "Record<string, string | number>")]
    pub args: crate::problem::Args,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: impl Into<Problem>) -> Self {
        let problem = problem.into();
        Self {
            field: field.into(),
            message: problem.to_string(),
            code: problem.code().to_owned(),
            args: problem.json_args(),
        }
    }

    /// The same error, with its field moved under `prefix` (a JSON path).
    pub fn under(self, prefix: &str) -> Self {
        let field = if self.field.is_empty() {
            prefix.to_owned()
        } else if self.field.starts_with('[') {
            format!("{prefix}{}", self.field)
        } else {
            format!("{prefix}.{}", self.field)
        };
        Self { field, ..self }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule. Never empty.
    #[error("{}", join_errors(.0))]
    Invalid(Vec<FieldError>),

    #[error("{}", self.problem().map(|p| p.to_string()).unwrap_or_default())]
    NotFound { entity: &'static str, id: String },

    /// The action is valid on its own but clashes with what is stored
    /// (deleting an organisation that still hosts visits, say).
    #[error("{0}")]
    Conflict(Problem),

    /// A file that is not well-formed (JSON syntax, wrong shape), with the
    /// position of the problem.
    #[error("{path}:{line}:{column}: {problem}")]
    Malformed { path: String, line: usize, column: usize, problem: Box<Problem> },

    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },

    /// A save based on a revision of the record that is no longer the
    /// latest: another window, the command line or an import changed it
    /// since it was opened. Nothing was written.
    #[error("{}", self.problem().map(|p| p.to_string()).unwrap_or_default())]
    Stale { entity: &'static str, id: String },

    /// A database file Liaison will not open, left as it was: another
    /// program's, no database at all, or made by a newer Liaison.
    #[error("{path} {problem}")]
    Refused { path: String, problem: Problem },

    /// The user may read this database but not change it (a viewer of a
    /// team database). Nothing was written.
    #[error("{0}")]
    ReadOnly(Problem),

    /// Liaison's own fault, not the user's: a worker thread that died, a
    /// value that would not serialise, a stored value that does not read
    /// back. Shown as "Something went wrong" with this as the detail.
    #[error("something went wrong inside Liaison: {0}")]
    Internal(String),

    /// Long work the user stopped (Cancel, Ctrl-C): rolled back whole,
    /// nothing of it written.
    #[error("{}", Problem::Cancelled)]
    Cancelled,

    #[error("database error: {0}")]
    Database(sqlx::Error),

    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match e {
            // A stored value that does not read back as its type is not the
            // database failing but Liaison (or something editing its file)
            // having written what it cannot read.
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
                Error::Internal(format!("a stored value does not read back: {e}"))
            }
            other => Error::Database(other),
        }
    }
}

fn join_errors(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

impl Error {
    /// The same error, saying which file it is about: each field becomes
    /// `name: field` (a document's problems name their place in it, such as
    /// `visits[3].title`), and a conflict names the file and that nothing
    /// was written.
    pub fn in_file(self, name: &str) -> Self {
        match self {
            Error::Invalid(list) => Error::Invalid(
                list.into_iter()
                    .map(|mut f| {
                        f.field = if f.field.is_empty() { name.to_owned() } else { format!("{name}: {}", f.field) };
                        f
                    })
                    .collect(),
            ),
            // The refusal stays a conflict; the file it came from is said
            // as its field, as for the file's other problems.
            Error::Conflict(p) => Error::Conflict(Problem::InFile { file: name.to_owned(), problem: p.to_string() }),
            other => other,
        }
    }

    pub fn invalid(field: impl Into<String>, problem: impl Into<Problem>) -> Self {
        Error::Invalid(vec![FieldError::new(field, problem)])
    }

    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound { entity, id: id.to_string() }
    }

    /// A short machine-readable name for the kind of error, shared by the
    /// command line's `--json` output and the UI.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Malformed { .. } => "malformed",
            Error::Io { .. } => "io",
            Error::Stale { .. } => "stale",
            Error::Refused { .. } => "refused",
            Error::ReadOnly(_) => "read_only",
            Error::Internal(_) => "internal",
            Error::Cancelled => "cancelled",
            Error::Database(_) | Error::Migrate(_) => "database",
        }
    }

    /// The problem, as a code of the catalogue and its values, for the
    /// errors that have one beside a field's (the window words it in its
    /// language; `Display` in the process's).
    pub fn problem(&self) -> Option<Problem> {
        match self {
            Error::NotFound { entity, id } => {
                Some(Problem::NotFound { entity: crate::problem::entity_key(entity), id: id.clone() })
            }
            Error::Stale { entity, .. } => Some(Problem::Stale { entity: crate::problem::entity_key(entity) }),
            Error::Conflict(p) | Error::ReadOnly(p) => Some(p.clone()),
            Error::Refused { problem, .. } => Some(problem.clone()),
            Error::Malformed { problem, .. } => Some((**problem).clone()),
            Error::Database(_) | Error::Migrate(_) => Some(Problem::DatabaseFailed),
            Error::Internal(detail) => Some(Problem::InternalFault { detail: detail.clone() }),
            Error::Cancelled => Some(Problem::Cancelled),
            _ => None,
        }
    }

    /// What the problem is about, said before it: a database's path or
    /// server, a file's place (path:line:column). None when the problem
    /// says it all or is about fields.
    pub fn subject(&self) -> Option<String> {
        match self {
            Error::Refused { path, .. } => Some(path.clone()),
            Error::Malformed { path, line, column, .. } => Some(format!("{path}:{line}:{column}:")),
            _ => None,
        }
    }

    /// The field errors, if this is a validation error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Collects field errors so that a form or file reports all its problems at
/// once instead of one per attempt.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: impl Into<String>, problem: impl Into<Problem>) {
        self.0.push(FieldError::new(field, problem));
    }

    pub fn extend(&mut self, errors: impl IntoIterator<Item = FieldError>) {
        self.0.extend(errors);
    }

    /// Keeps the value of `result`, or records its field errors.
    pub fn take<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(Error::Invalid(errors)) => {
                self.0.extend(errors);
                None
            }
            Err(other) => {
                self.0.push(FieldError::new("", other.to_string()));
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems so far: a check that follows others can tell
    /// whether they found something.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn into_inner(self) -> Vec<FieldError> {
        self.0
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(Error::Invalid(self.0))
        }
    }
}
