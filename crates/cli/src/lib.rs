//! The `liaison` command line. `liaison` with no subcommand opens the window;
//! with one, it works headless (no display needed) on the same core.
//!
//! Failures print one line per problem on stderr, prefixed `liaison:`, and
//! exit 1 (2 for a wrong argument); nothing is written when a command fails.

mod memory;
mod progress;
mod render;
mod terminal;
mod window;

pub use memory::set_purge_delay;
pub use window::open_window;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use liaison_core::calendar::{ExportOptions, Method, Selection, Tasks};
use liaison_core::i18n::{self, t, Lang};
use liaison_core::interchange::Scope;
use liaison_core::model::{CalendarQuery, SearchKind, SearchResults, VisitQuery, VisitScope};
use liaison_core::model::{
    ConflictList, ConflictQuery, DueWithin, FollowUpQuery, FollowUpRegister, FollowUpSort, FollowUpStatus, ToAct,
    VisitKind, VisitStatus,
};
use liaison_core::{Error, Location, Service};
use liaison_documents::{DocKind, DocLang};
use std::io::IsTerminal;

#[derive(Debug, Parser)]
// The help of the command, its subcommands and their arguments is in the
// catalogue (help-… in locales/LANG/cli.ftl), in the language of the run:
// see `localized`.
#[command(name = "liaison", version)]
pub struct Cli {
    #[arg(long, global = true, env = "LIAISON_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    #[arg(long, global = true, value_name = "LANG", value_parser = parse_enum::<LangArg>)]
    pub lang: Option<LangArg>,

    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Sample(JsonFlag),
    Import(ImportArgs),
    #[command(subcommand)]
    Export(ExportCommand),
    Visits(VisitsArgs),
    FollowUps(FollowUpsArgs),
    Copy(CopyArgs),
    Carry(CarryArgs),
    Conflicts(ConflictsArgs),
    Acknowledge(AcknowledgeArgs),
    Search(SearchArgs),
    Calendar(CalendarArgs),
    Show(ShowArgs),
    Seating(SeatingArgs),
    Visa(VisaArgs),
    History(HistoryArgs),
    #[command(subcommand)]
    Doc(DocCommand),
    #[command(subcommand)]
    Team(TeamCommand),
}

/// What `--lang` names: one of Liaison's languages (`zh` for `zh-CN`), or,
/// for a document, `both`. Messages are then in the environment's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangArg {
    One(Lang),
    Both,
}

impl std::str::FromStr for LangArg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "both" => Ok(LangArg::Both),
            "zh" => Ok(LangArg::One(Lang::ZhCn)),
            _ => s.parse().map(LangArg::One).map_err(|e: String| format!("{e}, zh, both")),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    Briefing(BriefingArgs),
    Programme(DocArgs),
    Seating(DocArgs),
    Cards(DocArgs),
    Badges(DocArgs),
    Letter(LetterArgs),
    Template(TemplateArgs),
}

impl DocCommand {
    fn parts(&self) -> (DocKind, &DocArgs) {
        match self {
            DocCommand::Briefing(a) => (DocKind::Briefing, &a.doc),
            DocCommand::Programme(a) => (DocKind::Programme, a),
            DocCommand::Seating(a) => (DocKind::Seating, a),
            DocCommand::Cards(a) => (DocKind::Cards, a),
            DocCommand::Badges(a) => (DocKind::Badges, a),
            DocCommand::Letter(a) => (DocKind::Letter, &a.doc),
            // Prints a template; no document is typeset (see `run`).
            DocCommand::Template(_) => unreachable!("handled before"),
        }
    }
}

#[derive(Debug, Args)]
pub struct DocArgs {
    #[arg(long, value_name = "ID")]
    pub visit: String,
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LetterArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// Which letter, when no --template says.
    #[arg(long, value_name = "invitation|visa|thanks")]
    pub kind: Option<liaison_documents::LetterKind>,
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// One recipient (id or unique prefix): by default the guest
    /// delegation's head, or everyone with visa details.
    #[arg(long, value_name = "PERSON_ID")]
    pub person: Option<String>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[arg(value_name = "invitation|visa|thanks")]
    pub kind: liaison_documents::LetterKind,
}

#[derive(Debug, Args)]
pub struct BriefingArgs {
    #[command(flatten)]
    pub doc: DocArgs,
    /// The reader's zone, whose times the pack prints beside the visit's
    /// where they differ; the system's by default.
    #[arg(long, value_name = "ZONE")]
    pub zone: Option<String>,
}

#[derive(Debug, Args)]
pub struct SeatingArgs {
    #[arg(value_name = "VISIT_ID")]
    pub visit: String,
    #[arg(long, value_name = "right|left")]
    pub honour: Option<liaison_core::seating::Honour>,
    #[arg(long, value_name = "behind|beside")]
    pub interpreter: Option<liaison_core::seating::InterpreterSeat>,
    #[arg(long, value_name = "N")]
    pub table_size: Option<u32>,
    #[arg(long = "swap", value_name = "PERSON,PERSON")]
    pub swap: Vec<String>,
    #[arg(long = "swap-banquet", value_name = "PERSON,PERSON")]
    pub swap_banquet: Vec<String>,
    #[arg(long)]
    pub reset: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct VisaArgs {
    #[arg(value_name = "VISIT_ID")]
    pub visit: String,
    /// Whose details to keep or delete (id or unique prefix).
    #[arg(long, value_name = "PERSON_ID")]
    pub person: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub passport_name: Option<String>,
    #[arg(long, value_name = "F|M|X")]
    pub gender: Option<String>,
    #[arg(long, value_name = "COUNTRY")]
    pub nationality: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub born: Option<String>,
    #[arg(long, value_name = "NUMBER")]
    pub passport: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub expires: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub relationship: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub expenses: Option<String>,
    /// Delete --person's details.
    #[arg(long, conflicts_with = "purge")]
    pub delete: bool,
    /// Delete every passport detail kept for the visit, in one step.
    #[arg(long)]
    pub purge: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[arg(value_name = "VISIT_ID")]
    pub visit: String,
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub last: u32,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    Init(TeamUrl),
    Check(TeamUrl),
    Migrate(TeamMigrateArgs),
}

#[derive(Debug, Args)]
pub struct TeamMigrateArgs {
    #[command(flatten)]
    pub target: TeamUrl,
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub backup_dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct TeamUrl {
    #[arg(value_name = "URL")]
    pub url: String,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_name = "ID")]
    pub visit: Option<String>,
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    Json(ExportJsonArgs),
    Ics(ExportIcsArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["visit", "person", "all"]))]
pub struct ExportIcsArgs {
    #[arg(long, value_name = "ID")]
    pub visit: Option<String>,
    #[arg(long, value_name = "ID")]
    pub person: Option<String>,
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_parser = parse_enum::<Method>, default_value = "publish")]
    pub method: Method,
    #[arg(long, value_parser = parse_enum::<Tasks>, default_value = "todo")]
    pub tasks: Tasks,
    #[arg(long, value_name = "EMAIL")]
    pub organizer: Option<String>,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportJsonArgs {
    #[arg(long, value_name = "ID")]
    pub visit: Option<String>,
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
    #[arg(long, value_enum, default_value = "all")]
    pub scope: ScopeArg,
    #[arg(long, value_parser = parse_enum::<VisitKind>)]
    pub kind: Option<VisitKind>,
    #[arg(long, value_parser = parse_enum::<VisitStatus>)]
    pub status: Option<VisitStatus>,
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DueArg {
    Overdue,
    ThisWeek,
    ThisMonth,
    None,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Due,
    Title,
    Status,
    Owner,
    Counterpart,
    Visit,
    ToAct,
}

#[derive(Debug, Args)]
pub struct FollowUpsArgs {
    #[arg(long, value_parser = parse_enum::<FollowUpStatus>, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<FollowUpStatus>,
    #[arg(long, value_name = "PERSON_ID")]
    pub owner: Option<String>,
    #[arg(long, value_name = "ORG")]
    pub counterpart: Option<String>,
    #[arg(long, value_name = "VISIT_ID")]
    pub visit: Option<String>,
    #[arg(long, value_parser = parse_enum::<ToAct>, value_name = "WHO")]
    pub to_act: Option<ToAct>,
    #[arg(long, value_enum)]
    pub due: Option<DueArg>,
    #[arg(long, value_enum, default_value = "due")]
    pub sort: SortArg,
    #[arg(long)]
    pub desc: bool,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    #[arg(value_name = "VISIT_ID")]
    pub visit: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start_date: String,
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct CarryArgs {
    #[arg(value_name = "FOLLOW_UP_ID")]
    pub follow_up: String,
    #[arg(long, value_name = "VISIT_ID")]
    pub into: String,
    #[arg(long)]
    pub undo: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct ConflictsArgs {
    #[arg(long, value_name = "VISIT_ID")]
    pub visit: Option<String>,
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    #[arg(long, default_value_t = 7, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(liaison_core::schedule::MAX_DAYS)))]
    pub days: u32,
    #[arg(long, value_name = "ZONE")]
    pub zone: Option<String>,
    #[arg(long, value_parser = parse_enum::<VisitKind>, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<VisitKind>,
    #[arg(long, value_parser = parse_enum::<VisitStatus>, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<VisitStatus>,
    #[arg(long, value_name = "ORG")]
    pub organisation: Option<String>,
    #[arg(long, value_name = "PERSON_ID")]
    pub person: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    pub text: Vec<String>,
    #[arg(long, value_parser = parse_enum::<SearchKind>, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<SearchKind>,
    #[arg(long, default_value_t = liaison_core::search::DEFAULT_LIMIT, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(liaison_core::search::MAX_LIMIT)))]
    pub limit: u32,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Debug, Args)]
pub struct AcknowledgeArgs {
    #[arg(value_name = "KEY")]
    pub key: String,
    #[arg(long, value_name = "TEXT", required_unless_present = "undo")]
    pub note: Option<String>,
    #[arg(long, conflicts_with = "note")]
    pub undo: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
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
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let asked = lang_asked(&args);
    let parsed = localized(<Cli as clap::CommandFactory>::command(), "help", asked)
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
            eprintln!("liaison: {}", t!(asked, "cli-see-help", error = parse_error(&e, asked)));
            return Launch::Exit(ExitCode::from(2));
        }
    };
    if let Some(LangArg::One(lang)) = cli.lang {
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
            eprintln!("liaison: {}", t!(i18n::current(), "cli-no-data-folder"));
            return Launch::Exit(ExitCode::from(2));
        }
    };
    // A mistyped command would otherwise open the window on a file that is
    // not there.
    if let Some(missing) = cli.files.iter().find(|f| !f.exists()) {
        let shown = terminal::line(&missing.display().to_string());
        let error = t!(i18n::current(), "cli-neither-command-nor-file", name = shown);
        eprintln!("liaison: {}", t!(i18n::current(), "cli-see-help", error = error));
        return Launch::Exit(ExitCode::from(2));
    }
    match cli.command {
        None => Launch::Window { db, files: absolute(cli.files, None) },
        Some(command) => Launch::Exit(run(command, &db, cli.lang)),
    }
}

/// A parse error of clap's in `lang`: the kinds a person meets most, from
/// the catalogue; any other in clap's own (English) words.
fn parse_error(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    match e.kind() {
        ErrorKind::UnknownArgument => t!(lang, "cli-unknown-argument", arg = get(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => t!(lang, "cli-unknown-command", command = get(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let (value, arg, mut valid) =
                (get(ContextKind::InvalidValue), get(ContextKind::InvalidArg), get(ContextKind::ValidValue));
            // Our own parsers (parse_enum) name the values they take after
            // "one of: "; they are codes, the same in every language.
            if let Some(source) = std::error::Error::source(e) {
                if let Some((_, list)) = source.to_string().split_once("one of: ") {
                    valid = list.to_owned();
                }
            }
            if valid.is_empty() {
                t!(lang, "cli-invalid-value", value = value, arg = arg)
            } else {
                t!(lang, "cli-invalid-value-choices", value = value, arg = arg, valid = valid)
            }
        }
        ErrorKind::MissingRequiredArgument => t!(lang, "cli-missing-arguments", args = get(ContextKind::InvalidArg)),
        _ => {
            let text = e.render().to_string();
            text.lines().next().unwrap_or("").trim_start_matches("error: ").to_owned()
        }
    }
}

/// The language `--lang` asks for, read before the arguments are parsed
/// (the help is in it); else the environment's.
fn lang_asked(args: &[std::ffi::OsString]) -> Lang {
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(w) = words.next() {
        let value = match w.strip_prefix("--lang") {
            Some("") => words.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| v.parse().ok()) {
            return lang;
        }
    }
    Lang::from_env()
}

/// The command's help in `lang`, from the catalogue: the command's own
/// (`path`: help, help-import, help-export-ics), each argument's (PATH--ID,
/// else help--ID for the arguments several commands share), the headings,
/// and the help and version flags, which clap would write in English.
pub fn localized(mut cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    let word = |id: &str| i18n::tr(lang, id, &[]);
    if let Some(about) = i18n::tr_if_any(lang, path) {
        cmd = cmd.about(about);
    }
    if path == "help" {
        cmd = cmd.after_help(word("help-after")).disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(word("help-version-flag")),
        );
    }
    cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            word("help-heading-usage")
        ))
        .subcommand_help_heading(word("help-heading-commands"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(clap::Arg::new("help").short('h').long("help").action(clap::ArgAction::Help).help(word("help-flag")));
    let args: Vec<(String, bool)> = cmd.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
    for (id, positional) in args {
        let help =
            i18n::tr_if_any(lang, &format!("{path}--{id}")).or_else(|| i18n::tr_if_any(lang, &format!("help--{id}")));
        let heading = word(if positional { "help-heading-arguments" } else { "help-heading-options" });
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading);
            match help {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    let subcommands: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_owned()).collect();
    for name in subcommands {
        let sub = format!("{path}-{name}");
        cmd = cmd.mut_subcommand(name, |c| localized(c, &sub, lang));
    }
    cmd
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

fn run(command: Command, db: &Location, lang: Option<LangArg>) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("liaison: {}", t!(i18n::current(), "cli-cannot-start", error = e.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let result = execute(command, db, lang).await;
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
            eprintln!("liaison: {}", t!(i18n::current(), "cli-problems", count = problems.len()));
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
        let said = t!(i18n::current(), "cli-migrated", database = db.shown(), copy = copy.display().to_string());
        eprintln!("liaison: {said}");
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

/// An import's outcome; a refused import leaves no database behind where
/// there was none before it (`fresh`).
async fn undone_if_refused<T>(
    store: &Service,
    db: &Location,
    fresh: bool,
    done: liaison_core::Result<T>,
) -> liaison_core::Result<T> {
    if done.is_err() {
        store.close().await;
        if fresh {
            remove_database(db);
        }
    }
    done
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

async fn execute(command: Command, db: &Location, lang: Option<LangArg>) -> anyhow::Result<()> {
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
                None => anyhow::bail!(t!(i18n::current(), "cli-unknown-file-type", name = name.as_str())),
            };
            if !ics && args.visit.is_some() {
                anyhow::bail!(t!(i18n::current(), "cli-visit-for-calendars"));
            }
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
                    // Read from the file as it goes (twice: checked, then
                    // written), never whole into memory.
                    let input = liaison_core::calendar::import::IcsInput::File(&args.file);
                    let (work, bar) = progress::bar();
                    let done = if args.dry_run {
                        store.preview_ics_from(input, &name, into, i18n::current(), &work).await
                    } else {
                        store.import_ics_from(input, &name, into, i18n::current(), &work).await
                    };
                    drop(bar);
                    done
                }
                .await;
                let plan = undone_if_refused(&store, db, fresh, planned).await?;
                return print_or_json(args.out.json, &plan, || render::ics_plan(&plan, &name, args.dry_run));
            }
            let bytes = std::fs::read(&args.file).map_err(|source| Error::Io { path: name.clone(), source })?;
            let (work, bar) = progress::bar();
            if args.dry_run {
                let preview = match existing_store(db).await? {
                    Some(store) => store.preview_json_with(&bytes, &name, &work).await,
                    None => Service::open_in_memory().await?.preview_json_with(&bytes, &name, &work).await,
                };
                drop(bar);
                let preview = preview.map_err(|e| e.in_file(&name))?;
                return print_or_json(args.out.json, &preview, || render::json_preview(&preview, &name));
            }
            // Read, checked and written a chunk at a time, in one
            // transaction; fields a record leaves out keep what is stored.
            // A refused file leaves no database behind where there was none.
            let fresh = !db.exists();
            let store = open_store(db).await?;
            let imported = store.import_json_with(&bytes, &name, &work).await.map_err(|e| e.in_file(&name));
            drop(bar);
            let report = undone_if_refused(&store, db, fresh, imported).await?;
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
            // Written as it is made, into the file (in place only once
            // whole) or down the pipe.
            let (work, bar) = progress::bar();
            let exported = match args.output.as_deref() {
                Some(path) => {
                    check_folder(path)?;
                    let mut file = liaison_core::files::AtomicFile::create(path)?;
                    let name = path.display().to_string();
                    let e = store.export_ics_to(selection, &opts, &mut file, &name, &work).await?;
                    file.commit()?;
                    e
                }
                None => {
                    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout());
                    let written = store.export_ics_to(selection, &opts, &mut out, "standard output", &work).await;
                    let flushed = written.and_then(|e| {
                        out.flush().map(|()| e).map_err(|source| Error::Io { path: "standard output".into(), source })
                    });
                    match flushed {
                        Ok(e) => e,
                        // A closed pipe (liaison export ics | head) is not an
                        // error worth a message.
                        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
                            return Ok(())
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            };
            drop(bar);
            for w in &exported.warnings {
                eprintln!("liaison: {}", terminal::line(&t!(i18n::current(), "warning", text = w.as_str())));
            }
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
        Command::FollowUps(args) => {
            // --today: what was overdue on another day (and tests that do
            // not depend on the day they run).
            let today = match &args.today {
                Some(day) => liaison_core::time::parse_date(day).map_err(|m| Error::invalid("--today", m))?,
                None => liaison_core::time::today(),
            };
            let Some(store) = existing_store(db).await? else {
                let empty = FollowUpRegister { rows: Vec::new(), total: 0, overdue: 0 };
                return print_or_json(args.out.json, &empty, || render::follow_ups(&empty));
            };
            let query = FollowUpQuery {
                statuses: args.status,
                owner_id: match &args.owner {
                    Some(o) => Some(store.resolve_person(o).await?),
                    None => None,
                },
                counterpart_org_id: match &args.counterpart {
                    Some(o) => Some(store.resolve_organisation(o).await?),
                    None => None,
                },
                visit_id: match &args.visit {
                    Some(v) => Some(store.resolve_visit(v).await?),
                    None => None,
                },
                to_act: args.to_act,
                due: match args.due {
                    None => DueWithin::Any,
                    Some(DueArg::Overdue) => DueWithin::Overdue,
                    Some(DueArg::ThisWeek) => DueWithin::ThisWeek,
                    Some(DueArg::ThisMonth) => DueWithin::ThisMonth,
                    Some(DueArg::None) => DueWithin::NoDate,
                },
                sort: match args.sort {
                    SortArg::Due => FollowUpSort::Due,
                    SortArg::Title => FollowUpSort::Title,
                    SortArg::Status => FollowUpSort::Status,
                    SortArg::Owner => FollowUpSort::Owner,
                    SortArg::Counterpart => FollowUpSort::Counterpart,
                    SortArg::Visit => FollowUpSort::Visit,
                    SortArg::ToAct => FollowUpSort::ToAct,
                },
                descending: args.desc,
                offset: 0,
                limit: 0,
            };
            let register = store.follow_up_register(&query, today).await?;
            print_or_json(args.out.json, &register, || render::follow_ups(&register))
        }
        Command::Copy(args) => {
            let Some(store) = existing_store(db).await? else {
                return Err(Error::not_found("visit", &args.visit).into());
            };
            let from = store.resolve_visit(&args.visit).await?;
            let title = match args.title {
                Some(t) => t,
                None => store.visit(from).await?.title,
            };
            let input = liaison_core::validate::VisitCopyInput { title, start_date: args.start_date };
            // The fields are named as they are typed here.
            let saved = store.copy_visit(from, &input).await.map_err(|e| match e {
                Error::Invalid(mut problems) => {
                    for p in &mut problems {
                        p.field = format!("--{}", p.field.replace('_', "-"));
                    }
                    Error::Invalid(problems)
                }
                other => other,
            })?;
            for w in &saved.warnings {
                eprintln!("liaison: {}", terminal::line(&t!(i18n::current(), "warning", text = w.message.as_str())));
            }
            let detail = store.visit_detail(saved.record.id).await?;
            print_or_json(args.out.json, &detail, || render::visit(&detail))
        }
        Command::Carry(args) => {
            let Some(store) = existing_store(db).await? else {
                return Err(Error::not_found("follow_up", &args.follow_up).into());
            };
            let follow_up = store.resolve_follow_up(&args.follow_up).await?;
            let into = store.resolve_visit(&args.into).await?;
            if args.undo {
                store.uncarry_follow_up(into, follow_up).await?;
            } else {
                store.carry_follow_up(into, follow_up).await?;
            }
            let detail = store.visit_detail(into).await?;
            print_or_json(args.out.json, &detail, || render::visit(&detail))
        }
        Command::Conflicts(args) => {
            let Some(store) = existing_store(db).await? else {
                let none = ConflictList { conflicts: Vec::new(), open: 0, acknowledged: 0 };
                return print_or_json(args.out.json, &none, || render::conflicts(&none));
            };
            let visit_id = match &args.visit {
                Some(v) => Some(store.resolve_visit(v).await?),
                None => None,
            };
            let list = store.conflicts(&ConflictQuery { visit_id, acknowledged: args.all }).await?;
            print_or_json(args.out.json, &list, || render::conflicts(&list))
        }
        Command::Calendar(args) => {
            let query = CalendarQuery {
                first_day: args.from.unwrap_or_else(|| liaison_core::time::today().to_string()),
                days: args.days,
                // The machine's zone, as a desktop calendar shows times.
                zone: args.zone.unwrap_or_else(|| iana_time_zone::get_timezone().unwrap_or_else(|_| "UTC".into())),
                visit_kinds: args.kind,
                visit_statuses: args.status,
                organisation_id: None,
                person_id: None,
                room_id: None,
                conflicts: true,
                per_day: None,
            };
            // The fields are named as they are typed here.
            let named = |e: Error| match e {
                Error::Invalid(mut problems) => {
                    for p in &mut problems {
                        p.field = match p.field.as_str() {
                            "first_day" => "--from".into(),
                            other => format!("--{other}"),
                        };
                    }
                    Error::Invalid(problems)
                }
                other => other,
            };
            let Some(store) = existing_store(db).await? else {
                // Nothing planned; the question is still checked.
                let range = Service::open_in_memory().await?.calendar(&query).await.map_err(named)?;
                return print_or_json(args.out.json, &range, || render::calendar(&range));
            };
            let query = CalendarQuery {
                organisation_id: match &args.organisation {
                    Some(o) => Some(store.resolve_organisation(o).await?),
                    None => None,
                },
                person_id: match &args.person {
                    Some(p) => Some(store.resolve_person(p).await?),
                    None => None,
                },
                ..query
            };
            let range = store.calendar(&query).await.map_err(named)?;
            print_or_json(args.out.json, &range, || render::calendar(&range))
        }
        Command::Search(args) => {
            let query =
                liaison_core::search::SearchQuery { text: args.text.join(" "), kinds: args.kind, limit: args.limit };
            let results = match existing_store(db).await? {
                Some(store) => store.search(&query).await?,
                None => SearchResults { query: query.text.clone(), groups: Vec::new() },
            };
            print_or_json(args.out.json, &results, || render::search(&results))
        }
        Command::Acknowledge(args) => {
            let Some(store) = existing_store(db).await? else {
                return Err(Error::invalid("KEY", liaison_core::problem::Problem::NoSuchConflict).into());
            };
            let done = match &args.note {
                Some(note) if !args.undo => store.acknowledge_conflict(&args.key, note).await,
                _ => store.unacknowledge_conflict(&args.key).await,
            };
            // The fields are named as they are typed here.
            done.map_err(|e| match e {
                Error::Invalid(mut problems) => {
                    for p in &mut problems {
                        p.field = if p.field == "note" { "--note".into() } else { "KEY".into() };
                    }
                    Error::Invalid(problems)
                }
                other => other,
            })?;
            Ok(())
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
        Command::Seating(args) => {
            let Some(store) = existing_store(db).await? else {
                return Err(Error::not_found("visit", &args.visit).into());
            };
            let id = store.resolve_visit(&args.visit).await?;
            let mut plan = store.seating(id).await?;
            let changing = args.honour.is_some()
                || args.interpreter.is_some()
                || args.table_size.is_some()
                || args.reset
                || !args.swap.is_empty()
                || !args.swap_banquet.is_empty();
            if changing {
                let mut rules = plan.rules.clone();
                if args.reset {
                    rules.meeting_swaps.clear();
                    rules.banquet_swaps.clear();
                }
                rules.honour = args.honour.unwrap_or(rules.honour);
                rules.interpreter = args.interpreter.unwrap_or(rules.interpreter);
                rules.table_size = args.table_size.unwrap_or(rules.table_size);
                for (flag, pairs, at) in [
                    ("--swap", &args.swap, liaison_core::seating::SeatingAt::Meeting),
                    ("--swap-banquet", &args.swap_banquet, liaison_core::seating::SeatingAt::Banquet),
                ] {
                    for pair in pairs {
                        let Some((a, b)) = pair.split_once(',') else {
                            return Err(Error::invalid(
                                flag,
                                t!(i18n::current(), "cli-seating-pair", value = pair.as_str()),
                            )
                            .into());
                        };
                        let (a, b) = (store.resolve_person(a.trim()).await?, store.resolve_person(b.trim()).await?);
                        rules.swaps_mut(at).push((a, b));
                    }
                }
                plan = store.save_seating(id, plan.revision, rules).await?;
            }
            let detail = store.visit_detail(id).await?;
            print_or_json(args.out.json, &plan, || render::seating(&plan, &detail))
        }
        Command::Visa(args) => {
            let Some(store) = existing_store(db).await? else {
                return Err(Error::not_found("visit", &args.visit).into());
            };
            let id = store.resolve_visit(&args.visit).await?;
            let person = match &args.person {
                Some(p) => Some(store.resolve_person(p).await?),
                None => None,
            };
            let fields = [
                &args.passport_name,
                &args.gender,
                &args.nationality,
                &args.born,
                &args.passport,
                &args.expires,
                &args.relationship,
                &args.expenses,
            ];
            let setting = fields.iter().any(|f| f.is_some());
            if args.purge {
                let gone = store.purge_visa_details(id).await?;
                eprintln!("{}", t!(i18n::current(), "cli-visa-purged", count = gone));
            } else if args.delete || setting {
                let Some(person) = person else {
                    return Err(Error::invalid("--person", liaison_core::problem::Problem::Required).into());
                };
                if args.delete {
                    store.delete_visa_details(id, person).await?;
                } else {
                    // What is not given stays as it was.
                    let kept = store.visa_details(id).await?.into_iter().find(|d| d.person_id == person);
                    let was =
                        |f: fn(&liaison_core::visa::VisaDetails) -> String| kept.as_ref().map(f).unwrap_or_default();
                    let input = liaison_core::visa::VisaInput {
                        passport_name: args.passport_name.clone().unwrap_or_else(|| was(|d| d.passport_name.clone())),
                        gender: args.gender.clone().unwrap_or_else(|| was(|d| d.gender.clone())),
                        nationality: args.nationality.clone().unwrap_or_else(|| was(|d| d.nationality.clone())),
                        date_of_birth: args.born.clone().unwrap_or_else(|| was(|d| d.date_of_birth.to_string())),
                        passport_number: args.passport.clone().unwrap_or_else(|| was(|d| d.passport_number.clone())),
                        passport_expiry: args
                            .expires
                            .clone()
                            .unwrap_or_else(|| was(|d| d.passport_expiry.map(|e| e.to_string()).unwrap_or_default())),
                        relationship: args.relationship.clone().unwrap_or_else(|| was(|d| d.relationship.clone())),
                        expenses: args.expenses.clone().unwrap_or_else(|| was(|d| d.expenses.clone())),
                    };
                    let base = kept.map_or(0, |d| d.revision);
                    store.save_visa_details(id, person, base, &input).await?;
                }
            }
            let list = store.visa_details(id).await?;
            let detail = store.visit_detail(id).await?;
            print_or_json(args.out.json, &list, || render::visas(&list, &detail))
        }
        Command::Doc(DocCommand::Template(args)) => {
            // Liaison's own template, to start an office's from.
            let lang = match lang {
                Some(LangArg::One(l)) => l,
                _ => i18n::current(),
            };
            write_output(None, args.kind.builtin(lang).as_bytes())
        }
        Command::Doc(doc) => {
            let (kind, args) = doc.parts();
            // A PDF is not for a terminal; to a pipe or a file it may go.
            if args.output.is_none() && std::io::stdout().is_terminal() {
                return Err(Error::invalid("--output", t!(i18n::current(), "cli-doc-needs-output")).into());
            }
            let Some(store) = existing_store(db).await? else {
                return Err(Error::not_found("visit", &args.visit).into());
            };
            let zone = match &doc {
                DocCommand::Briefing(b) => b.zone.as_deref(),
                _ => None,
            };
            let reader = match zone {
                Some(z) => Some(liaison_core::time::parse_zone(z).map_err(|p| Error::invalid("--zone", p))?),
                None => iana_time_zone::get_timezone().ok().and_then(|z| z.parse().ok()),
            };
            let id = store.resolve_visit(&args.visit).await?;
            let source = store.briefing(id).await?;
            let doc_lang = match lang {
                Some(LangArg::Both) => DocLang::Both,
                Some(LangArg::One(Lang::ZhCn)) => DocLang::Zh,
                Some(LangArg::One(Lang::En)) => DocLang::En,
                None if i18n::current() == Lang::ZhCn => DocLang::Zh,
                None => DocLang::En,
            };
            let letter = match &doc {
                DocCommand::Letter(l) => {
                    let template = l.template.as_deref().map(liaison_documents::TemplateFile::read).transpose()?;
                    let person = match &l.person {
                        Some(p) => Some(store.resolve_person(p).await?),
                        None => None,
                    };
                    let kind = l.kind.unwrap_or(liaison_documents::LetterKind::Invitation);
                    if template.is_none() && l.kind.is_none() {
                        return Err(Error::invalid("--kind", t!(i18n::current(), "cli-letter-kind")).into());
                    }
                    // Passport data is read only for a visa letter.
                    let visas = match (&template, kind) {
                        (Some(_), _) | (None, liaison_documents::LetterKind::Visa) => store.visa_details(id).await?,
                        _ => Vec::new(),
                    };
                    Some(liaison_documents::LetterRequest { kind, template, person, visas })
                }
                _ => None,
            };
            let options = liaison_documents::DocOptions { lang: doc_lang, reader, letter };
            let job = liaison_documents::document(kind, &source, &options)?;
            // Typst runs in a process of its own (see
            // liaison_documents::typesetter), which leaves when this ends.
            let typeset =
                tokio::task::spawn_blocking(move || liaison_documents::Typesetter::beside_this_program().pdf(&job));
            let pdf = progress::spinning(liaison_core::progress::Stage::Typesetting, typeset)
                .await
                .map_err(|e| Error::Internal(format!("typesetting: {e}")))??;
            write_output(args.output.as_deref(), &pdf.bytes)
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
    check_folder(path)?;
    Ok(liaison_core::files::write_atomically(path, bytes)?)
}

/// A file can go at `path`: its folder is there.
fn check_folder(path: &Path) -> anyhow::Result<()> {
    if path.parent().filter(|d| !d.as_os_str().is_empty()).is_some_and(|d| !d.is_dir()) {
        anyhow::bail!(t!(
            i18n::current(),
            "cli-no-such-folder",
            path = path.display().to_string(),
            folder = path.parent().unwrap_or(path).display().to_string()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The help messages a command tree asks for: each command's
    /// (`help-export-ics`) and each of its arguments' (`help-import--visit`,
    /// or the shared `help--json`), with whether it was found in `lang`.
    fn asked(cmd: &clap::Command, path: &str, lang: Lang, out: &mut Vec<(String, bool)>) {
        out.push((path.to_owned(), i18n::tr_if_any(lang, path).is_some()));
        for a in cmd.get_arguments() {
            let (own, shared) = (format!("{path}--{}", a.get_id()), format!("help--{}", a.get_id()));
            match i18n::tr_if_any(lang, &own) {
                Some(_) => out.push((own, true)),
                None => out.push((shared.clone(), i18n::tr_if_any(lang, &shared).is_some())),
            }
        }
        for c in cmd.get_subcommands() {
            asked(c, &format!("{path}-{}", c.get_name()), lang, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_every_language() {
        let cmd = Cli::command();
        let mut used = std::collections::BTreeSet::new();
        for &lang in Lang::ALL {
            let mut list = Vec::new();
            asked(&cmd, "help", lang, &mut list);
            let missing: Vec<_> = list.iter().filter(|(_, found)| !found).map(|(id, _)| id).collect();
            assert!(missing.is_empty(), "{lang:?}: no help for {missing:?}");
            assert!(list.len() > 40, "only {} helps asked for", list.len());
            used.extend(list.into_iter().map(|(id, _)| id));
        }
        // And no help message is left over from a command or an argument
        // that is gone.
        let words = ["help-heading-usage", "help-heading-commands", "help-heading-arguments", "help-heading-options"];
        let own = ["help-flag", "help-version-flag", "help-after"];
        let catalogue = i18n::CATALOGUES.iter().find(|c| c.lang == Lang::En && c.name == "cli").map_or("", |c| c.text);
        let left_over: Vec<&str> = catalogue
            .lines()
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
            .filter(|id| *id == "help" || id.starts_with("help-"))
            .filter(|id| !used.contains(*id) && !words.contains(id) && !own.contains(id))
            .collect();
        assert!(left_over.is_empty(), "help for nothing: {left_over:?}");
    }

    #[test]
    fn the_help_is_in_the_language_asked_for() {
        let help = |lang| localized(Cli::command(), "help", lang).render_help().to_string();
        assert!(help(Lang::ZhCn).contains("规划代表团来访与研讨会"));
        assert!(help(Lang::En).contains("Plan delegation visits and seminars"));
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_asked(&args(&["liaison", "--lang", "zh-CN", "visits"])), Lang::ZhCn);
        assert_eq!(lang_asked(&args(&["liaison", "visits", "--lang=zh-CN"])), Lang::ZhCn);
    }
}
