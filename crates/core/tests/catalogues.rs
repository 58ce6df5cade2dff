//! The catalogues in locales/ against each other and against the code: every
//! language has every message with the same placeholders, every message is
//! used, and every message the code asks for exists. A missing translation,
//! a stale key or a renamed placeholder fails here, not in front of a user.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use liaison_core::calendar::{Method, Tasks};
use liaison_core::i18n::{Lang, CATALOGUES};
use liaison_core::model::*;

type Messages = BTreeMap<String, BTreeSet<String>>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Each message's id and the placeholders it uses (in its value, its
/// attributes, and every variant of a selector).
fn messages(lang: Lang, name: &str, text: &str) -> Messages {
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((_, errors)) => panic!("locales/{}/{name}.ftl does not parse: {errors:?}", lang.code()),
    };
    let mut out = Messages::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern_vars(&a.value, &mut vars);
                }
                assert!(out.insert(m.id.name.to_owned(), vars).is_none(), "{} {name}: {} twice", lang, m.id.name);
            }
            ast::Entry::Junk { content } => panic!("locales/{}/{name}.ftl: cannot read {content:?}", lang.code()),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

fn catalogue(lang: Lang, name: &str) -> Messages {
    let c = CATALOGUES.iter().find(|c| c.lang == lang && c.name == name).expect("catalogue compiled in");
    messages(lang, name, c.text)
}

/// The text of every file under `dir` with one of `exts`.
fn sources(dir: &Path, exts: &[&str], out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "bindings" && n != "node_modules") {
                sources(&path, exts, out);
            }
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)) {
            out.push_str(&std::fs::read_to_string(&path).expect("source"));
        }
    }
}

/// The code that formats each catalogue's messages.
fn code_of(name: &str) -> String {
    let mut out = String::new();
    let root = root();
    match name {
        "core" => sources(&root.join("crates/core/src"), &["rs"], &mut out),
        // The programme's own words: the command line's, and the desktop
        // shell's (its native dialogs), which share the binary.
        "cli" => {
            sources(&root.join("crates/cli/src"), &["rs"], &mut out);
            sources(&root.join("src-tauri/src"), &["rs"], &mut out);
        }
        "ui" => sources(&root.join("ui/src"), &["ts", "svelte"], &mut out),
        "documents" => sources(&root.join("crates/documents/src"), &["rs"], &mut out),
        other => panic!("no code is known for the catalogue {other}"),
    }
    out
}

/// The vocabulary's messages, which the code builds from stored codes
/// (`visit-kind-seminar`) rather than writing them out.
fn vocabulary_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    ids.extend(OrgKind::ALL.iter().map(|v| v.label_id()));
    ids.extend(VisitKind::ALL.iter().map(|v| v.label_id()));
    ids.extend(VisitStatus::ALL.iter().map(|v| v.label_id()));
    ids.extend(Side::ALL.iter().map(|v| v.label_id()));
    ids.extend(Role::ALL.iter().map(|v| v.label_id()));
    ids.extend(AgendaKind::ALL.iter().map(|v| v.label_id()));
    ids.extend(AgendaStatus::ALL.iter().map(|v| v.label_id()));
    ids.extend(FollowUpStatus::ALL.iter().map(|v| v.label_id()));
    ids.extend(ToAct::ALL.iter().map(|v| v.label_id()));
    ids.extend(ConflictKind::ALL.iter().map(|v| v.label_id()));
    ids.extend(AvailabilityKind::ALL.iter().map(|v| v.label_id()));
    ids.extend(SearchKind::ALL.iter().map(|v| v.label_id()));
    ids.extend(SearchField::ALL.iter().map(|v| v.label_id()));
    ids.extend(Method::ALL.iter().map(|v| v.label_id()));
    ids.extend(Tasks::ALL.iter().map(|v| v.label_id()));
    ids
}

/// The ids the code asks for by name: `t!(lang, "id"` in Rust, `t("id"` in
/// the page.
fn asked_for(code: &str, ui: bool) -> BTreeSet<String> {
    let opener = if ui { "t(\"" } else { "t!(" };
    let mut ids = BTreeSet::new();
    for (i, _) in code.match_indices(opener) {
        // `t!(`, not `format!(`.
        if code[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let rest = &code[i + opener.len()..];
        let rest = if ui { rest } else { rest.split_once('"').map_or("", |(_, r)| r) };
        if let Some((id, _)) = rest.split_once('"') {
            ids.insert(id.to_owned());
        }
    }
    ids
}

#[test]
fn every_language_has_every_message_with_the_same_placeholders() {
    let names: BTreeSet<_> = CATALOGUES.iter().map(|c| c.name).collect();
    let mut compared = 0;
    for name in &names {
        let english = catalogue(Lang::En, name);
        for lang in Lang::ALL.iter().copied().filter(|l| *l != Lang::En) {
            let other = catalogue(lang, name);
            let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty(), "locales/{lang}/{name}.ftl lacks {missing:?}");
            assert!(extra.is_empty(), "locales/{lang}/{name}.ftl has messages English does not: {extra:?}");
            for (id, vars) in &english {
                assert_eq!(&other[id], vars, "{lang} {name}: {id} uses other placeholders than in English");
                compared += 1;
            }
        }
    }
    // The catalogues are not empty: the comparison above compared something.
    assert!(compared >= 60, "only {compared} messages compared");
}

#[test]
fn every_message_is_used_and_every_message_asked_for_exists() {
    let vocabulary = vocabulary_ids();
    let mut checked = 0;
    for name in ["core", "cli", "ui", "documents"] {
        let english = catalogue(Lang::En, name);
        let code = code_of(name);
        let unused: Vec<_> = english
            .keys()
            .filter(|id| {
                let quoted = format!("\"{id}\"");
                // The command line's help messages are named after its
                // commands and arguments: liaison-cli's test
                // every_command_and_argument_has_its_help_in_every_language
                // matches them to the command tree both ways.
                let help = name == "cli" && (id.as_str() == "help" || id.starts_with("help-"));
                !(code.contains(&quoted) || help || (name == "core" && vocabulary.contains(*id)))
            })
            .collect();
        assert!(unused.is_empty(), "locales/en/{name}.ftl: not used by the code: {unused:?}");
        checked += english.len();
    }
    // What the code asks for, by literal id, from the catalogues it formats.
    let mut known: BTreeSet<String> = BTreeSet::new();
    for name in ["core", "cli", "documents"] {
        known.extend(catalogue(Lang::En, name).into_keys());
    }
    let mut rust = String::new();
    for dir in ["crates/core/src", "crates/documents/src", "crates/cli/src", "src-tauri/src"] {
        sources(&root().join(dir), &["rs"], &mut rust);
    }
    let asked = asked_for(&rust, false);
    let unknown: Vec<_> = asked.iter().filter(|id| !known.contains(*id)).collect();
    assert!(unknown.is_empty(), "asked for by the Rust code, in no catalogue: {unknown:?}");
    // Every value of the vocabulary has its label.
    let core = catalogue(Lang::En, "core");
    let unlabelled: Vec<_> = vocabulary.iter().filter(|id| !core.contains_key(*id)).collect();
    assert!(unlabelled.is_empty(), "no label for {unlabelled:?}");
    assert!(checked >= 70 && asked.len() >= 20, "{checked} messages, {} asked for", asked.len());
}

/// Every zone a visit can be planned in has a city in every language, and
/// every language's file names the same zones (scripts/zone-cities writes
/// them from CLDR).
#[test]
fn every_time_zone_has_its_city_in_every_language() {
    use liaison_core::i18n::{zone_city, Lang, ZONE_FILES};
    let ids = |text: &str| -> Vec<String> {
        text.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').next().unwrap_or("").to_owned()).collect()
    };
    let english = ids(ZONE_FILES[0].1);
    assert!(english.len() > 400, "{} zones", english.len());
    for (lang, text) in ZONE_FILES {
        assert_eq!(ids(text), english, "{lang:?} names other zones than English");
    }
    let mut checked = 0;
    let mut missing = Vec::new();
    for z in chrono_tz::TZ_VARIANTS {
        let id = z.name();
        // Zones without a place: UTC offsets, and the old POSIX-style names.
        if id.starts_with("Etc/") || !id.contains('/') {
            continue;
        }
        for &lang in Lang::ALL {
            checked += 1;
            if zone_city(lang, id).is_none() {
                missing.push(format!("{id} ({lang:?})"));
            }
        }
    }
    assert!(checked > 700, "{checked}");
    assert!(missing.is_empty(), "zones without a city: {missing:?}");
}
