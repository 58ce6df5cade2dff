//! The `liaison` command line. `liaison` with no subcommand opens the window;
//! with one, it works headless (no display needed) on the same core.
//!
//! Failures print one line per problem on stderr, prefixed `liaison:`, and
//! exit 1 (2 for a wrong argument); nothing is written when a command fails.

mod render;
mod terminal;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use liaison_core::calendar::{ExportOptions, Method, Selection, Tasks};
use liaison_core::i18n::{self, Lang};
use liaison_core::interchange::Scope;
use liaison_core::model::{VisitKind, VisitStatus};
use liaison_core::model::{VisitQuery, VisitScope};
use liaison_core::{Error, Location, Service};

const AFTER_HELP: &str = "\
Without a subcommand, liaison opens the desktop window.

The database is a file of your own (--db PATH, else $LIAISON_DB, else the
window's Database setting, else $XDG_DATA_HOME/liaison/liaison.db, usually
~/.local/share/liaison/liaison.db),
or your office's team database on PostgreSQL (--db postgres://USER@HOST/DB,
with the password from $PGPASSWORD or ~/.pgpass, and TLS as libpq's sslmode
says, e.g. ?sslmode=verify-full&sslrootcert=/path/to/ca.pem).

Examples:
  liaison invitation.ics                 open the window, with a preview of
                                         importing the file
  liaison sample                         load the sample visit
  liaison visits                         list visits, soonest first
  liaison show 5a3f1c2e                  one visit, by id or id prefix
  liaison export json -o backup.liaison.json
                                         everything, as one JSON document
  liaison import backup.liaison.json     merge a document back in
  liaison export ics --visit 5a3f -o visit.ics
                                         a visit for any calendar app
  liaison export ics --visit 5a3f --method request --organizer me@example.org
                                         the same, as an invitation
  liaison import agenda.ics --visit 5a3f --dry-run
                                         what importing a calendar would do
  liaison team init postgres://admin@db.example.org/liaison
                                         make an empty database a team database";

#[derive(Debug, Parser)]
#[command(
    name = "liaison",
    version,
    about = "Plan delegation visits and seminars",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// The database: a file's path, or a team database's postgres:// URL.
    #[arg(long, global = true, env = "LIAISON_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    /// The language of what liaison prints: en or zh-CN. Default: the
    /// first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that names one.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_enum::<Lang>)]
    pub lang: Option<Lang>,

    /// Calendar files (.ics) or Liaison documents (.json) to open in the
    /// window, each in a preview of what importing it would do. A window
    /// already open on the database receives them.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the sample visit (IPRCC at the National Institute of Vocational
    /// Education, 11 June 2021). Running it twice changes nothing.
    Sample(JsonFlag),
    /// Merge a Liaison JSON document, or a calendar file (.ics), into the
    /// database: all of it or nothing.
    Import(ImportArgs),
    /// Write the database, or one visit, as a file.
    #[command(subcommand)]
    Export(ExportCommand),
    /// List visits, soonest first.
    Visits(VisitsArgs),
    /// Show one visit: participants in precedence order, agenda, follow-ups.
    Show(ShowArgs),
    /// Who changed what on a visit (its participants, agenda and follow-ups
    /// too), newest first.
    History(HistoryArgs),
    /// Set up and look after a team database on PostgreSQL (for whoever
    /// administers it).
    #[command(subcommand)]
    Team(TeamCommand),
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The visit's id, or a unique prefix of it (4 characters or more).
    #[arg(value_name = "VISIT_ID")]
    pub visit: String,
    /// At most this many changes, the latest.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub last: u32,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Make an empty PostgreSQL database a Liaison team database.
    Init(TeamUrl),
    /// Check that a team database can be opened, and say exactly why not.
    Check(TeamUrl),
    /// Bring a team database to this version's schema, after a backup with
    /// pg_dump (coordinators' launches never migrate it).
    Migrate(TeamMigrateArgs),
}

#[derive(Debug, Args)]
pub struct TeamMigrateArgs {
    #[command(flatten)]
    pub target: TeamUrl,
    /// Where the backup goes.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub backup_dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct TeamUrl {
    /// postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…] (libpq's form).
    #[arg(value_name = "URL")]
    pub url: String,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print machine-readable JSON (documented in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A Liaison JSON document (.json) or a calendar file (.ics).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Calendar files: put new events and tasks into this visit (id or
    /// unique id prefix). Without it they go into the visit the file's known
    /// events belong to, or into a new visit.
    #[arg(long, value_name = "ID")]
    pub visit: Option<String>,
    /// Show what would be added, updated and left alone (for a JSON
    /// document, each field of a stored record that would change), and
    /// write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A Liaison JSON document (see docs/liaison.schema.json).
    Json(ExportJsonArgs),
    /// An iCalendar file (RFC 5545) for calendar apps: a visit, a person's
    /// itinerary, or everything.
    Ics(ExportIcsArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["visit", "person", "all"]))]
pub struct ExportIcsArgs {
    /// One visit (id or unique id prefix): its own all-day event, its agenda
    /// and its follow-ups.
    #[arg(long, value_name = "ID")]
    pub visit: Option<String>,
    /// A person's itinerary across visits (id or unique id prefix).
    #[arg(long, value_name = "ID")]
    pub person: Option<String>,
    /// Every visit.
    #[arg(long)]
    pub all: bool,
    /// publish: a calendar to import; request: an invitation to every
    /// participant with an email; cancel: withdraw what was sent.
    #[arg(long, value_parser = parse_enum::<Method>, default_value = "publish")]
    pub method: Method,
    /// todo: follow-ups as tasks (VTODO); events: as all-day events on their
    /// due date, for Google Calendar and Outlook, which ignore tasks; none.
    #[arg(long, value_parser = parse_enum::<Tasks>, default_value = "todo")]
    pub tasks: Tasks,
    /// The organiser's email. Default: the first host-side participant with
    /// an email.
    #[arg(long, value_name = "EMAIL")]
    pub organizer: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportJsonArgs {
    /// Only this visit (id or unique id prefix), with the people and
    /// organisations it needs.
    #[arg(long, value_name = "ID")]
    pub visit: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScopeArg {
    All,
    Upcoming,
    Past,
    Drafts,
}

#[derive(Debug, Args)]
pub struct VisitsArgs {
    /// Which visits to list.
    #[arg(long, value_enum, default_value = "all")]
    pub scope: ScopeArg,
    /// Only visits of this kind.
    #[arg(long, value_parser = parse_enum::<VisitKind>)]
    pub kind: Option<VisitKind>,
    /// Only visits with this status.
    #[arg(long, value_parser = parse_enum::<VisitStatus>)]
    pub status: Option<VisitStatus>,
    /// Only visits whose title, venue or organisations contain TEXT.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The visit's id, or a unique prefix of it (4 characters or more).
    #[arg(value_name = "VISIT_ID")]
    pub visit: String,
    #[command(flatten)]
    pub out: JsonFlag,
}

fn parse_enum<T: std::str::FromStr<Err = String>>(s: &str) -> Result<T, String> {
    s.parse()
}

/// What `main` should do after the command line has been read.
pub enum Launch {
    /// Open the window on this database, and preview importing these files
    /// (absolute paths) in it.
    Window { db: Location, files: Vec<PathBuf> },
    /// A headless command ran (or the arguments were wrong): exit with this.
    Exit(ExitCode),
}

/// Reads the process arguments and runs a headless command if there is one.
pub fn launch() -> Launch {
    launch_from(std::env::args_os())
}

pub fn launch_from<I, T>(args: I) -> Launch
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    // The environment's language until --lang is read (a wrong argument is
    // reported before it is).
    i18n::set_current(Lang::from_env());
    // The version says which databases this build reads, too: what an
    // administrator checks before upgrading an office.
    let version = liaison_core::service::version_text();
    // Once per process: clap takes a static string.
    let version: &'static str = Box::leak(version.into_boxed_str());
    let parsed = <Cli as clap::CommandFactory>::command()
        .version(version)
        .long_version(version)
        .try_get_matches_from(args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = e.print();
            return Launch::Exit(ExitCode::SUCCESS);
        }
        Err(e) => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ");
            eprintln!("liaison: {first} (see liaison --help)");
            return Launch::Exit(ExitCode::from(2));
        }
    };
    if let Some(lang) = cli.lang {
        i18n::set_current(lang);
    }
    // --db, else LIAISON_DB, else the window's Database setting, else the
    // default file.
    let remembered = match &cli.db {
        Some(_) => None,
        None => match liaison_core::settings::load() {
            Ok(s) => s.database.map(PathBuf::from),
            Err(e) => {
                eprintln!("liaison: {}", terminal::line(&e.to_string()));
                return Launch::Exit(ExitCode::FAILURE);
            }
        },
    };
    let db = match cli.db.clone().or(remembered).or_else(liaison_core::service::default_path) {
        Some(db) => Location::parse(db),
        None => {
            eprintln!("liaison: no data directory is known for this user; give --db PATH");
            return Launch::Exit(ExitCode::from(2));
        }
    };
    // A mistyped command would otherwise open the window on a file that is
    // not there.
    if let Some(missing) = cli.files.iter().find(|f| !f.exists()) {
        let shown = terminal::line(&missing.display().to_string());
        eprintln!("liaison: '{shown}' is neither a command nor a file (see liaison --help)");
        return Launch::Exit(ExitCode::from(2));
    }
    match cli.command {
        None => Launch::Window { db, files: absolute(cli.files, None) },
        Some(command) => Launch::Exit(run(command, &db)),
    }
}

/// The files a second launch of the window (`liaison FILE…`, as a file
/// manager runs it) asks to open, as absolute paths: the window already open
/// receives that launch's arguments and its working folder. Arguments that
/// do not parse, or that name a subcommand, open nothing.
pub fn files_to_open<I, T>(args: I, cwd: &Path) -> Vec<PathBuf>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    match <Cli as clap::Parser>::try_parse_from(args) {
        Ok(Cli { command: None, files, .. }) => absolute(files, Some(cwd)),
        _ => Vec::new(),
    }
}

/// Paths made absolute against `cwd` (else the process's own), so that they
/// mean the same in a window started from another folder.
fn absolute(files: Vec<PathBuf>, cwd: Option<&Path>) -> Vec<PathBuf> {
    files
        .into_iter()
        .map(|f| match cwd {
            Some(cwd) if f.is_relative() => cwd.join(f),
            _ => std::path::absolute(&f).unwrap_or(f),
        })
        .collect()
}

fn run(command: Command, db: &Location) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("liaison: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let result = execute(command, db).await;
        // Closed before the process ends, so that SQLite folds the WAL into
        // the database file: a file copied as a backup then holds it all.
        let opened = std::mem::take(&mut *OPENED.lock().unwrap_or_else(|e| e.into_inner()));
        for store in opened {
            store.close().await;
        }
        result
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}

/// Prints an error as one line per problem.
fn report(e: &anyhow::Error) {
    match e.downcast_ref::<Error>() {
        Some(Error::Invalid(problems)) if problems.len() > 1 => {
            for p in problems {
                eprintln!("liaison: {}", terminal::line(&p.to_string()));
            }
            eprintln!("liaison: {} problems; nothing was written", problems.len());
        }
        // Our errors already include their cause in their message; the
        // alternate form would print it twice.
        _ => eprintln!("liaison: {}", terminal::line(&e.to_string())),
    }
}

/// The stores this run opened, to close when it ends.
static OPENED: std::sync::Mutex<Vec<Service>> = std::sync::Mutex::new(Vec::new());

/// Opens the database, and says where the copy is when opening it had to
/// migrate an older schema first (the user may want it back).
async fn open_store(db: &Location) -> anyhow::Result<Service> {
    let store = Service::open_at(db).await?;
    OPENED.lock().unwrap_or_else(|e| e.into_inner()).push(store.clone());
    if let Some(copy) = store.backup() {
        eprintln!(
            "liaison: {} was updated to this version's schema; the database as it was before is kept at {}",
            db.shown(),
            copy.display()
        );
    }
    Ok(store)
}

/// Removes a database file this run created and then wrote nothing to.
fn remove_database(db: &Location) {
    let Location::File(db) = db else { return };
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The store, if the database file exists. Commands that only read do not
/// create a database as a side effect.
async fn existing_store(db: &Location) -> anyhow::Result<Option<Service>> {
    if db.exists() {
        Ok(Some(open_store(db).await?))
    } else {
        Ok(None)
    }
}

async fn execute(command: Command, db: &Location) -> anyhow::Result<()> {
    match command {
        Command::Team(TeamCommand::Init(args)) => {
            require_server_url(&args.url)?;
            let roles = Service::init_team(&args.url).await?;
            println!(
                "{}",
                terminal::text(&format!(
                    "{} is now a Liaison team database.\nMake each login a member of {} (reads and writes) \
                     or {} (reads only), e.g.: GRANT {} TO alice;",
                    Location::parse(&args.url).shown(),
                    roles.coordinators,
                    roles.viewers,
                    roles.coordinators
                ))
            );
            Ok(())
        }
        Command::Team(TeamCommand::Migrate(args)) => {
            require_server_url(&args.target.url)?;
            if !args.backup_dir.is_dir() {
                return Err(
                    Error::invalid("--backup-dir", format!("{} is not a folder", args.backup_dir.display())).into()
                );
            }
            let done = Service::migrate_team(&args.target.url, &args.backup_dir).await?;
            let shown = Location::parse(&args.target.url).shown();
            let text = match &done.backup {
                None => format!("{shown} already has schema version {}; nothing to do", done.to),
                Some(backup) => format!(
                    "{shown} was migrated from schema version {} to {}; the database as it was is backed up in {} \
                     (pg_restore reads it)",
                    done.from,
                    done.to,
                    backup.display()
                ),
            };
            println!("{}", terminal::text(&text));
            Ok(())
        }
        Command::Team(TeamCommand::Check(args)) => {
            require_server_url(&args.url)?;
            let store = Service::open_team(&args.url).await?;
            let totals = store.totals().await?;
            store.close().await;
            println!(
                "{}",
                terminal::text(&format!(
                    "{} is a Liaison team database this version can use: {} visits, {} people",
                    store.location(),
                    totals.visits,
                    totals.people
                ))
            );
            Ok(())
        }
        Command::Sample(out) => {
            let store = open_store(db).await?;
            let report = store.load_sample().await?;
            print_or_json(out.json, &report, || render::import_report(&report, "sample"))
        }
        Command::Import(args) => {
            let name = args.file.display().to_string();
            let ics = match liaison_core::files::kind_by_name(&args.file) {
                Some(liaison_core::files::FileKind::Document) => false,
                Some(liaison_core::files::FileKind::Calendar) => true,
                None => anyhow::bail!("{name}: unknown file type; give a .json or an .ics file"),
            };
            if !ics && args.visit.is_some() {
                anyhow::bail!("--visit is for calendar files (.ics)");
            }
            let bytes = std::fs::read(&args.file).map_err(|source| Error::Io { path: name.clone(), source })?;
            if ics {
                // Planning needs the database; a refused file must still
                // leave no database behind where there was none.
                let fresh = !db.exists();
                let store = open_store(db).await?;
                let planned = async {
                    let into = match &args.visit {
                        Some(v) => Some(store.resolve_visit(v).await?),
                        None => None,
                    };
                    if args.dry_run {
                        store.preview_ics(&bytes, &name, into).await
                    } else {
                        store.import_ics(&bytes, &name, into).await
                    }
                }
                .await;
                let plan = match planned {
                    Ok(plan) => plan,
                    Err(e) => {
                        store.close().await;
                        if fresh {
                            remove_database(db);
                        }
                        return Err(e.into());
                    }
                };
                return print_or_json(args.out.json, &plan, || render::ics_plan(&plan, &name, args.dry_run));
            }
            if args.dry_run {
                let preview = match existing_store(db).await? {
                    Some(store) => store.preview_json(&bytes, &name).await,
                    None => Service::open_in_memory().await?.preview_json(&bytes, &name).await,
                }
                .map_err(|e| e.in_file(&name))?;
                return print_or_json(args.out.json, &preview, || render::json_preview(&preview, &name));
            }
            let report = if db.exists() {
                // Fields a record leaves out keep what is stored: checked
                // against the database.
                open_store(db).await?.import_json(&bytes, &name).await
            } else {
                // Nothing stored yet: the whole file is checked before a
                // database is even created.
                let checked = liaison_core::interchange::check_document(&bytes, &name).map_err(|e| e.in_file(&name))?;
                open_store(db).await?.import_checked(checked).await
            }
            .map_err(|e| e.in_file(&name))?;
            print_or_json(args.out.json, &report, || render::import_report(&report, &name))
        }
        Command::Export(ExportCommand::Json(args)) => {
            let store = existing_store(db).await?;
            let text = match (&store, &args.visit) {
                (Some(store), Some(v)) => store.export_json(Scope::Visit(store.resolve_visit(v).await?)).await?,
                (Some(store), None) => store.export_json(Scope::All).await?,
                (None, Some(v)) => return Err(Error::not_found("visit", v).into()),
                (None, None) => Service::open_in_memory().await?.export_json(Scope::All).await?,
            };
            write_output(args.output.as_deref(), text.as_bytes())
        }
        Command::Export(ExportCommand::Ics(args)) => {
            let Some(store) = existing_store(db).await? else {
                let (what, id) = match (&args.visit, &args.person) {
                    (Some(v), _) => ("visit", v.clone()),
                    (_, Some(p)) => ("person", p.clone()),
                    _ => ("visit", "any".to_owned()),
                };
                return Err(Error::not_found(what, id).into());
            };
            let selection = match (&args.visit, &args.person) {
                (Some(v), _) => Selection::Visit(store.resolve_visit(v).await?),
                (_, Some(p)) => Selection::Person(store.resolve_person(p).await?),
                _ => Selection::All,
            };
            if let Some(email) = &args.organizer {
                let mut p = liaison_core::error::Problems::new();
                liaison_core::validate::email(&mut p, "--organizer", email);
                p.finish(|| ())?;
            }
            let opts = ExportOptions {
                method: args.method,
                tasks: args.tasks,
                organizer: args.organizer.clone(),
                lang: i18n::current(),
                ..ExportOptions::default()
            };
            let exported = store.export_ics(selection, &opts).await?;
            for w in &exported.warnings {
                eprintln!("liaison: warning: {}", terminal::line(&w.to_string()));
            }
            write_output(args.output.as_deref(), exported.text.as_bytes())?;
            if let Some(path) = &args.output {
                eprintln!("{}", terminal::text(&render::exported(&exported, &path.display().to_string())));
            }
            Ok(())
        }
        Command::Visits(args) => {
            let query = VisitQuery {
                scope: match args.scope {
                    ScopeArg::All => VisitScope::All,
                    ScopeArg::Upcoming => VisitScope::Upcoming,
                    ScopeArg::Past => VisitScope::Past,
                    ScopeArg::Drafts => VisitScope::Drafts,
                },
                kind: args.kind,
                status: args.status,
                text: args.search.unwrap_or_default(),
                offset: 0,
                limit: 0,
            };
            let visits = match existing_store(db).await? {
                Some(store) => store.visit_page(&query).await?.visits,
                None => Vec::new(),
            };
            print_or_json(args.out.json, &visits, || render::visits(&visits))
        }
        Command::History(args) => {
            let Some(store) = existing_store(db).await? else {
                return Err(Error::not_found("visit", &args.visit).into());
            };
            // A deleted visit has a history too: its full id still finds it.
            let id = match args.visit.trim().parse::<uuid::Uuid>() {
                Ok(id) => id,
                Err(_) => store.resolve_visit(&args.visit).await?,
            };
            let lines = store.visit_history(id, args.last).await?;
            print_or_json(args.out.json, &lines, || render::history(&lines))
        }
        Command::Show(args) => {
            let Some(store) = existing_store(db).await? else {
                return Err(Error::not_found("visit", &args.visit).into());
            };
            let id = store.resolve_visit(&args.visit).await?;
            let detail = store.visit_detail(id).await?;
            print_or_json(args.out.json, &detail, || render::visit(&detail))
        }
    }
}

/// The team commands take a server's URL, never a file.
fn require_server_url(url: &str) -> anyhow::Result<()> {
    match Location::parse(url) {
        Location::Team(_) => Ok(()),
        Location::File(_) => Err(Error::invalid("URL", format!("'{url}' is not a postgres:// URL")).into()),
    }
}

/// Names the file in field errors and refusals from an import.
fn print_or_json<T: serde::Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) -> anyhow::Result<()> {
    let out = if json {
        let mut s = terminal::json(&serde_json::to_string_pretty(value)?);
        s.push('\n');
        s
    } else {
        terminal::text(&text())
    };
    write_output(None, out.as_bytes())
}

/// Writes to stdout, or to a file through a temporary file and a rename, so
/// that a failed write never leaves half a file behind.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    let Some(path) = path else {
        let mut out = std::io::stdout().lock();
        // A closed pipe (liaison visits | head) is not an error worth a message.
        match out.write_all(bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => return Ok(()),
        }
    };
    if path.parent().filter(|d| !d.as_os_str().is_empty()).is_some_and(|d| !d.is_dir()) {
        anyhow::bail!("{}: the folder {} does not exist", path.display(), path.parent().unwrap_or(path).display());
    }
    Ok(liaison_core::files::write_atomically(path, bytes)?)
}
