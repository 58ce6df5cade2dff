//! What Liaison remembers between launches: which database it opens when
//! none is named (`--db`, `LIAISON_DB`). The window's Database setting
//! writes it; the window and the command line read it.
//!
//! A team database is remembered as its connection (server, database, user,
//! TLS), never with a password: libpq's `~/.pgpass` or `PGPASSWORD` hold
//! that, as for `psql`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Problems, Result};
use crate::problem::Problem;
use crate::service::Location;

/// How a team database's connection checks who the server is (libpq's
/// `sslmode`, the ones worth offering).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum TlsMode {
    /// Encrypted, and the server's certificate checked against the CA file
    /// and its name against the host: what to use across a network.
    #[default]
    VerifyFull,
    /// Encrypted, the certificate not checked: anyone on the path could
    /// stand in for the server.
    Require,
    /// No encryption: only for a server on this computer.
    Disable,
}

impl TlsMode {
    fn as_sslmode(self) -> &'static str {
        match self {
            TlsMode::VerifyFull => "verify-full",
            TlsMode::Require => "require",
            TlsMode::Disable => "disable",
        }
    }
}

/// A team database's connection as the Database setting's form has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct TeamConnection {
    pub host: String,
    /// Empty for PostgreSQL's 5432.
    pub port: String,
    pub database: String,
    pub user: String,
    pub tls: TlsMode,
    /// The office's CA certificate (PEM), for `verify-full`; empty to use
    /// the public CAs.
    pub ca_file: String,
}

impl TeamConnection {
    /// The libpq URL, or every field that is wrong, by name.
    pub fn to_url(&self) -> Result<String> {
        let mut p = Problems::new();
        let host = self.host.trim();
        let ok_name =
            |s: &str| !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "/?#@".contains(c));
        if !ok_name(host) {
            p.push("host", Problem::HostRequired);
        }
        let port = self.port.trim();
        if !port.is_empty() && !port.parse::<u16>().is_ok_and(|n| n > 0) {
            p.push("port", Problem::PortInvalid);
        }
        if !ok_name(self.database.trim()) {
            p.push("database", Problem::DatabaseNameRequired);
        }
        if !ok_name(self.user.trim()) {
            p.push("user", Problem::UserRequired);
        }
        let ca = self.ca_file.trim();
        if !ca.is_empty() && !Path::new(ca).is_file() {
            p.push("ca_file", Problem::NotAFile { path: ca.to_string() });
        }
        p.finish(|| ())?;
        let mut url = url::Url::parse("postgres://localhost/").map_err(|e| Error::Internal(e.to_string()))?;
        url.set_host(Some(host)).map_err(|e| Error::invalid("host", e.to_string()))?;
        if !port.is_empty() {
            url.set_port(port.parse().ok()).map_err(|_| Error::invalid("port", Problem::PortInvalid))?;
        }
        url.set_username(self.user.trim()).map_err(|_| Error::invalid("user", Problem::UserInvalid))?;
        url.set_path(&format!("/{}", self.database.trim()));
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("sslmode", self.tls.as_sslmode());
            if !ca.is_empty() && self.tls == TlsMode::VerifyFull {
                q.append_pair("sslrootcert", ca);
            }
        }
        Ok(url.to_string())
    }

    /// The form's fields for a URL, as far as it has them.
    pub fn from_url(text: &str) -> Option<Self> {
        let url = url::Url::parse(text).ok()?;
        let query: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
        Some(Self {
            host: url.host_str().unwrap_or_default().to_owned(),
            port: url.port().map(|p| p.to_string()).unwrap_or_default(),
            database: url.path().trim_start_matches('/').to_owned(),
            user: url.username().to_owned(),
            tls: match query.get("sslmode").map(String::as_str) {
                Some("require" | "prefer" | "allow") => TlsMode::Require,
                Some("disable") => TlsMode::Disable,
                _ => TlsMode::VerifyFull,
            },
            ca_file: query.get("sslrootcert").cloned().unwrap_or_default(),
        })
    }
}

/// The settings file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The database to open when none is named: a path, or a team
    /// database's URL without a password. None: the default file.
    pub database: Option<String>,
}

/// `$XDG_CONFIG_HOME/liaison/settings.json` (usually `~/.config/liaison/settings.json`).
pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("liaison").join("settings.json"))
}

/// The settings, or the defaults when there are none. A file that does not
/// read is named, never silently replaced.
pub fn load() -> Result<Settings> {
    let Some(path) = path() else { return Ok(Settings::default()) };
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| crate::interchange::malformed_json(path.display().to_string(), e.line(), e.column(), &e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(source) => Err(Error::Io { path: path.display().to_string(), source }),
    }
}

/// Remembers `location` as the database to open (None: the default file).
/// A URL with a password in it is refused: passwords belong in `~/.pgpass`.
pub fn remember(location: Option<&Location>) -> Result<()> {
    let database = match location {
        None => None,
        Some(Location::File(p)) => Some(p.display().to_string()),
        Some(Location::Team(url)) => {
            if url::Url::parse(url).is_ok_and(|u| u.password().is_some()) {
                return Err(Error::invalid("database", Problem::PasswordInUrl));
            }
            Some(url.clone())
        }
    };
    let path = path().ok_or_else(|| Error::invalid("database", Problem::NoSettingsFolder))?;
    if let Some(dir) = path.parent() {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|source| Error::Io { path: dir.display().to_string(), source })?;
    }
    let mut text = serde_json::to_string_pretty(&Settings { database }).map_err(|e| Error::Internal(e.to_string()))?;
    text.push('\n');
    crate::files::write_atomically(&path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_becomes_a_url_and_back() {
        let c = TeamConnection {
            host: "db.example.org".into(),
            port: "6543".into(),
            database: "liaison".into(),
            user: "alice".into(),
            tls: TlsMode::VerifyFull,
            ca_file: "/etc/hosts".into(),
        };
        let url = c.to_url().unwrap();
        assert_eq!(url, "postgres://alice@db.example.org:6543/liaison?sslmode=verify-full&sslrootcert=%2Fetc%2Fhosts");
        assert_eq!(TeamConnection::from_url(&url), Some(c));
    }

    #[test]
    fn a_password_is_never_remembered() {
        let with = Location::Team("postgres://alice:secret@db.example.org/liaison".into());
        let e = remember(Some(&with)).unwrap_err();
        assert_eq!(e.field_errors()[0].field, "database");
        assert!(e.to_string().contains(".pgpass"), "{e}");
    }

    #[test]
    fn every_wrong_field_is_named() {
        let c = TeamConnection { port: "99999".into(), ca_file: "/no/such.pem".into(), ..Default::default() };
        let fields: Vec<String> = c.to_url().unwrap_err().field_errors().iter().map(|f| f.field.clone()).collect();
        assert_eq!(fields, ["host", "port", "database", "user", "ca_file"]);
    }
}
