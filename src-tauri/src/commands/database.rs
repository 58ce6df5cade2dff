//! The Database setting: which database this window is on, a connection
//! test for a team database, and the switch (which restarts Liaison, so that
//! one window always belongs to one database).

use liaison_core::problem::Problem;
use liaison_core::settings::{self, TeamConnection};
use liaison_core::{Location, Service};
use serde::Serialize;
use ts_rs::TS;

use super::Db;
use crate::error::Result;

/// What the setting's dialog shows first.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct DatabaseSetting {
    /// Where this window's database is (a URL without its password).
    pub location: String,
    pub team: bool,
    /// The team connection's fields, when on one.
    pub connection: Option<TeamConnection>,
    /// The file "on this computer" means.
    pub default_file: String,
}

#[tauri::command]
pub async fn database_setting(db: Db<'_>) -> Result<DatabaseSetting> {
    let team = db.path().is_none();
    let location = db.location();
    Ok(DatabaseSetting {
        connection: if team { TeamConnection::from_url(&location) } else { None },
        location,
        team,
        default_file: liaison_core::service::default_path().map(|p| p.display().to_string()).unwrap_or_default(),
    })
}

/// What a connection test found.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct DatabaseCheck {
    /// What is there: the window words it in its language.
    #[ts(type = "number")]
    pub visits: u64,
    #[ts(type = "number")]
    pub people: u64,
    pub verified: bool,
    pub may_write: bool,
}

/// Opens the team database as the window would, says what it found, and
/// closes it. A failure says exactly what failed (the server, the
/// password, the database, its schema).
#[tauri::command]
pub async fn test_database(connection: TeamConnection) -> Result<DatabaseCheck> {
    let url = connection.to_url()?;
    let s = Service::open_team(&url).await?;
    let totals = s.totals().await;
    let may_write = s.may_write().await;
    let verified = s.verified();
    s.close().await;
    let (totals, may_write) = (totals?, may_write?);
    Ok(DatabaseCheck { visits: totals.visits, people: totals.people, verified, may_write })
}

/// Remembers the database to open (None: the file on this computer) and
/// starts Liaison again on it. A team database is tested first, so that a
/// switch never leaves Liaison unable to start.
#[tauri::command]
pub async fn switch_database(app: tauri::AppHandle, connection: Option<TeamConnection>) -> Result<()> {
    let location = match &connection {
        Some(c) => {
            let url = c.to_url()?;
            Service::open_team(&url).await?.close().await;
            Location::Team(url)
        }
        None => Location::File(
            liaison_core::service::default_path()
                .ok_or_else(|| liaison_core::Error::invalid("database", Problem::NoSettingsFolder))?,
        ),
    };
    settings::remember(match &location {
        Location::Team(_) => Some(&location),
        Location::File(_) => None,
    })?;
    // Named on the new process's command line: an inherited LIAISON_DB
    // would otherwise win over the setting.
    let exe = std::env::current_exe()
        .map_err(|source| liaison_core::Error::Io { path: "the liaison program".into(), source })?;
    let target = match &location {
        Location::File(p) => p.as_os_str().to_owned(),
        Location::Team(url) => url.into(),
    };
    let mut again = std::process::Command::new(exe);
    again.arg("--db").arg(target);
    // The window (liaison-window) starts again as itself, under the name it
    // was started by (`liaison`, as `liaison` hands over keeping it): GTK
    // names the window's class after it, which the desktop entry matches.
    #[cfg(unix)]
    if let Some(name) = std::env::args_os().next() {
        std::os::unix::process::CommandExt::arg0(&mut again, name);
    }
    again.spawn().map_err(|source| liaison_core::Error::Io { path: "the liaison program".into(), source })?;
    app.exit(0);
    Ok(())
}
