//! The documents the real binary typesets, read by tools that are not ours:
//! poppler's `pdftotext` (the text a reader can select, search and copy)
//! and `pdffonts` (which fonts the file carries), and `qpdf --check` (the
//! file's structure). The tests install them (scripts/setup.sh).

use std::path::Path;
use std::process::Command;

use liaison_tests::*;
use serde_json::Value;

const SAMPLE: &str = "5a3f";

fn tool(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is not installed ({e}): run scripts/test"))
}

/// The PDF's text as `pdftotext` reads it, each run of blanks and line
/// breaks one space: a title that wraps onto two lines is still found.
fn text_of(pdf: &Path) -> String {
    text_as(pdf, &[])
}

/// The same with poppler's options: `-raw` keeps the order the text was
/// drawn in, which for badges two to a row is badge by badge.
fn text_as(pdf: &Path, options: &[&str]) -> String {
    let mut args = options.to_vec();
    args.extend([pdf.to_str().unwrap(), "-"]);
    let out = tool("pdftotext", &args);
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that every font of the PDF is embedded and subset, and that
/// qpdf finds its structure sound; returns how many fonts it has.
fn fonts_embedded_and_sound(pdf: &Path) -> usize {
    let out = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(out.status.success(), "pdffonts: {}", String::from_utf8_lossy(&out.stderr));
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    // name, type…, encoding, emb, sub, uni, object, generation: read from the right.
    let rows: Vec<Vec<&str>> = listing.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    assert!(!rows.is_empty(), "no fonts in {}:\n{listing}", pdf.display());
    for row in &rows {
        let n = row.len();
        assert!(n >= 6 && row[n - 5] == "yes" && row[n - 4] == "yes", "a font not embedded and subset:\n{listing}");
    }
    let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "qpdf --check: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    rows.len()
}

/// Where each of `wanted` is found in `text`, each after the one before.
#[track_caller]
fn in_order(text: &str, wanted: &[String], what: &str) {
    let mut from = 0;
    for w in wanted {
        let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
        match text[from..].find(&w) {
            Some(at) => from += at + w.len(),
            None => panic!("{what}: {w:?} not found after position {from} in:\n{text}"),
        }
    }
}

/// The first page of `pdf` as tests/artifacts/`name`.png, to look at.
fn render(pdf: &Path, name: &str) {
    let dir = root().join("tests/artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    let out = tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            dir.join(name).to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join(format!("{name}.png")).exists());
}

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("liaison.db");
    ok(liaison(&db, &["sample"]));
    (dir, db)
}

#[test]
fn the_programme_holds_every_agenda_title_in_order_with_real_text_and_embedded_fonts() {
    let (dir, db) = sample();
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", SAMPLE, "--json"]))).unwrap();
    let titles: Vec<String> =
        shown["agenda"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_owned()).collect();
    assert!(titles.len() >= 5, "{titles:?}");
    let mut checked = 0;
    for (lang, heading, day) in [
        ("en", vec!["Programme"], vec!["Friday 11 June 2021"]),
        ("zh", vec!["日程安排"], vec!["2021 年 6 月 11 日 星期五"]),
        ("both", vec!["日程安排", "Programme"], vec!["2021 年 6 月 11 日 星期五", "Friday 11 June 2021"]),
    ] {
        let pdf = dir.path().join(format!("programme-{lang}.pdf"));
        ok(liaison(&db, &["doc", "programme", "--visit", SAMPLE, "--lang", lang, "-o", pdf.to_str().unwrap()]));
        let text = text_of(&pdf);
        let mut wanted: Vec<String> = heading.iter().map(|s| s.to_string()).collect();
        wanted.extend(day.iter().map(|s| s.to_string()));
        wanted.extend(titles.iter().cloned());
        in_order(&text, &wanted, lang);
        // The chair and the speakers of the talks, in both forms of their names.
        assert!(
            text.contains("张惠东 (Zhang Huidong) → 和震 (He Zhen)")
                || text.contains("Zhang Huidong (张惠东) → He Zhen (和震)"),
            "{lang}: {text}"
        );
        assert!(fonts_embedded_and_sound(&pdf) >= 2, "{lang}");
        render(&pdf, &format!("document-programme-{lang}"));
        checked += 1;
    }
    assert_eq!(checked, 3);
}

#[test]
fn what_a_coordinator_typed_is_printed_as_text_never_run_as_typst() {
    let (dir, db) = sample();
    let mut doc: Value = serde_json::from_str(&ok(liaison(&db, &["export", "json", "--visit", SAMPLE]))).unwrap();
    // Markup, code and a file read: each would change the page, or fail it,
    // if the template ever read the title as Typst.
    let typed = r#"#read("/etc/passwd") *bold* $x^2$ #panic("no") \ [link] <label> @ref // not a comment"#;
    let agenda = doc["visits"][0]["agenda"].as_array_mut().unwrap();
    agenda[0]["title"] = Value::from(typed);
    let file = dir.path().join("typed.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    ok(liaison(&db, &["import", file.to_str().unwrap()]));
    let pdf = dir.path().join("typed.pdf");
    ok(liaison(&db, &["doc", "programme", "--visit", SAMPLE, "--lang", "en", "-o", pdf.to_str().unwrap()]));
    let text = text_of(&pdf);
    assert!(text.contains(typed), "the title as typed is not in:\n{text}");
    assert!(!text.contains("root:"), "a file of this machine was read");
}

#[test]
fn text_no_installed_font_can_show_is_refused_naming_its_script_and_nothing_is_written() {
    let (dir, db) = sample();
    let mut doc: Value = serde_json::from_str(&ok(liaison(&db, &["export", "json", "--visit", SAMPLE]))).unwrap();
    // Linear B: no font a desktop installs has it.
    doc["visits"][0]["agenda"][1]["title"] = Value::from("Tablet 𐀀𐀁 reading");
    let file = dir.path().join("linear-b.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    ok(liaison(&db, &["import", file.to_str().unwrap()]));
    let pdf = dir.path().join("linear-b.pdf");
    let out = liaison(&db, &["doc", "programme", "--visit", SAMPLE, "-o", pdf.to_str().unwrap()]);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(stderr(&out).contains("Linear B"), "{}", stderr(&out));
    assert!(!pdf.exists(), "a document was written");
    let zh = liaison_zh(&db, &["doc", "programme", "--visit", SAMPLE, "-o", pdf.to_str().unwrap()]);
    assert!(stderr(&zh).contains("本机没有能显示"), "{}", stderr(&zh));
}

#[test]
fn a_wrong_language_or_visit_is_refused_by_name() {
    let (dir, db) = sample();
    let pdf = dir.path().join("x.pdf");
    let out = liaison(&db, &["doc", "programme", "--visit", SAMPLE, "--lang", "fr", "-o", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--lang") && stderr(&out).contains("both"), "{}", stderr(&out));
    let out = liaison(&db, &["doc", "programme", "--visit", "ffff", "-o", pdf.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("ffff"), "{}", stderr(&out));
    assert!(!pdf.exists());
}

/// The sample's people as `show --json` lists them (hosts first, each side
/// by precedence): each one's name forms.
fn participants(db: &Path) -> Vec<(String, String)> {
    let shown: Value = serde_json::from_str(&ok(liaison(db, &["show", SAMPLE, "--json"]))).unwrap();
    shown["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_owned(), p["chinese_name"].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn name_cards_and_badges_name_everyone_in_both_forms_in_precedence_order() {
    let (dir, db) = sample();
    let people = participants(&db);
    assert!(people.len() >= 4 && people.iter().all(|(n, c)| !n.is_empty() && !c.is_empty()), "{people:?}");
    let mut checked = 0;
    for kind in ["cards", "badges"] {
        for lang in ["zh", "en", "both"] {
            let pdf = dir.path().join(format!("{kind}-{lang}.pdf"));
            ok(liaison(&db, &["doc", kind, "--visit", SAMPLE, "--lang", lang, "-o", pdf.to_str().unwrap()]));
            let text = if kind == "badges" { text_as(&pdf, &["-raw"]) } else { text_of(&pdf) };
            // Each person's two name forms, the document's language first,
            // and the people in precedence order.
            let wanted: Vec<String> = people
                .iter()
                .flat_map(|(name, chinese)| match lang {
                    "en" => [name.clone(), chinese.clone()],
                    _ => [chinese.clone(), name.clone()],
                })
                .collect();
            if kind == "badges" {
                in_order(&text, &wanted, &format!("{kind} {lang}"));
            } else {
                // A card's back face is upside down: poppler reads it too,
                // its lines bottom to top; the front face is read in order.
                for (name, chinese) in &people {
                    assert!(text.matches(name.as_str()).count() >= 2, "{kind} {lang}: {name} on both faces in {text}");
                    assert!(text.matches(chinese.as_str()).count() >= 2, "{kind} {lang}: {chinese} on both faces");
                }
                let pages = tool("pdfinfo", &[pdf.to_str().unwrap()]);
                let info = String::from_utf8_lossy(&pages.stdout).into_owned();
                let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().to_owned());
                assert_eq!(pages, Some(people.len().to_string()), "one card a page: {info}");
            }
            assert!(fonts_embedded_and_sound(&pdf) >= 1);
            render(&pdf, &format!("document-{kind}-{lang}"));
            checked += 1;
        }
    }
    assert_eq!(checked, 6);
}

/// Page `page` of `pdf` as tests/artifacts/`name`.png.
fn render_page(pdf: &Path, name: &str, page: u32) {
    let dir = root().join("tests/artifacts");
    // The folder is not in the repository: whichever test renders first makes it.
    std::fs::create_dir_all(&dir).unwrap();
    let page = page.to_string();
    let (pdf, out) = (pdf.to_str().unwrap(), dir.join(name));
    let args = ["-png", "-r", "80", "-f", &page, "-l", &page, "-singlefile", pdf, out.to_str().unwrap()];
    let done = tool("pdftoppm", &args);
    assert!(done.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&done.stderr));
}

#[test]
fn the_briefing_pack_holds_the_programme_both_delegations_in_precedence_and_earlier_visits_with_the_guest() {
    let (dir, db) = sample();
    // An earlier visit with the same guest, which the pack recalls.
    let mut doc: Value = serde_json::from_str(&ok(liaison(&db, &["export", "json", "--visit", SAMPLE]))).unwrap();
    let visit = &mut doc["visits"][0];
    visit["id"] = Value::from("7c1d0000-0000-4000-8000-0000000000e1");
    visit["title"] = Value::from("First exchange on poverty-reduction training");
    visit["uid"] = Value::from("first-exchange-2019@liaison.test");
    visit["start"] = Value::from("2019-04-02T09:00:00+08:00");
    visit["end"] = Value::from("2019-04-02T12:00:00+08:00");
    for list in ["participants", "agenda", "follow_ups"] {
        visit[list] = Value::Array(Vec::new());
    }
    let file = dir.path().join("earlier.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    ok(liaison(&db, &["import", file.to_str().unwrap()]));

    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", SAMPLE, "--json"]))).unwrap();
    let titles: Vec<String> =
        shown["agenda"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_owned()).collect();
    let people = participants(&db);
    assert!(titles.len() >= 5 && people.len() >= 4);
    let mut checked = 0;
    for (lang, headings, reader) in [
        (
            "en",
            [
                "Briefing pack",
                "Purpose",
                "Programme",
                "Delegations",
                "Notes on people",
                "Earlier contacts",
                "Logistics",
            ],
            "Paris 03:00–03:15",
        ),
        (
            "zh",
            ["访问简报", "访问目的", "日程安排", "双方人员", "人员及单位简介", "往来情况", "后勤安排"],
            "巴黎 03:00–03:15",
        ),
        (
            "both",
            ["访问简报", "访问目的", "日程安排", "双方人员", "人员及单位简介", "往来情况", "后勤安排"],
            "巴黎 03:00–03:15",
        ),
    ] {
        let pdf = dir.path().join(format!("briefing-{lang}.pdf"));
        let args = ["doc", "briefing", "--visit", SAMPLE, "--lang", lang, "--zone", "Europe/Paris", "-o"];
        ok(liaison(&db, &[&args[..], &[pdf.to_str().unwrap()]].concat()));
        // In the order drawn: poppler's reading order of a table's cells is
        // its own guess.
        let text = text_as(&pdf, &["-raw"]);
        let [cover, purpose, programme, delegations, notes, history, logistics] = headings.map(String::from);
        // The cover, the purpose, every agenda title in order with the
        // reader's times beside; the delegations; the history with the
        // earlier visit; then logistics.
        let mut wanted = vec![cover, purpose, programme, reader.to_owned()];
        wanted.extend(titles.iter().cloned());
        wanted.extend([delegations.clone(), notes.clone(), history]);
        wanted.extend(["First exchange on poverty-reduction training".to_owned(), logistics]);
        in_order(&text, &wanted, lang);
        // Between the delegations' heading and the notes' (people are named
        // again after): each person in precedence order, the document's
        // language's form of the name first.
        let from = text.find(&delegations).unwrap();
        let section = &text[from..from + text[from..].find(&notes).unwrap()];
        let names: Vec<String> = people
            .iter()
            .flat_map(|(name, chinese)| match lang {
                "en" => [name.clone(), chinese.clone()],
                _ => [chinese.clone(), name.clone()],
            })
            .collect();
        in_order(section, &names, &format!("{lang}: the delegations"));
        assert!(fonts_embedded_and_sound(&pdf) >= 2, "{lang}");
        render_page(&pdf, &format!("document-briefing-{lang}-1"), 1);
        render_page(&pdf, &format!("document-briefing-{lang}-2"), 2);
        checked += 1;
    }
    assert_eq!(checked, 3);

    // A reader in the visit's own zone gets its times alone.
    let pdf = dir.path().join("briefing-shanghai.pdf");
    let args = ["doc", "briefing", "--visit", SAMPLE, "--lang", "en", "--zone", "Asia/Shanghai", "-o"];
    ok(liaison(&db, &[&args[..], &[pdf.to_str().unwrap()]].concat()));
    let text = text_of(&pdf);
    assert!(text.contains("09:00–09:15") && !text.contains("Paris"), "{text}");
    // A zone that does not exist is refused by name, and nothing written.
    let pdf = dir.path().join("briefing-nowhere.pdf");
    let args = ["doc", "briefing", "--visit", SAMPLE, "--zone", "Mars/Olympus", "-o"];
    let out = liaison(&db, &[&args[..], &[pdf.to_str().unwrap()]].concat());
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--zone") && stderr(&out).contains("Mars/Olympus"), "{}", stderr(&out));
    assert!(!pdf.exists());
}

#[test]
fn the_seating_plan_names_everyone_in_both_forms_and_follows_the_visits_convention() {
    let (dir, db) = sample();
    let people = participants(&db);
    let hosts: Vec<(String, String)> = {
        let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", SAMPLE, "--json"]))).unwrap();
        let list = shown["participants"].as_array().unwrap();
        list.iter()
            .filter(|p| p["side"] == "host")
            .map(|p| (p["name"].as_str().unwrap().to_owned(), p["chinese_name"].as_str().unwrap().to_owned()))
            .collect()
    };
    assert_eq!(hosts.len(), 2, "{hosts:?}");
    // In the order drawn: each seat's name forms together.
    let drawn = |lang: &str, name: &str| {
        let pdf = dir.path().join(format!("seating-{name}.pdf"));
        ok(liaison(&db, &["doc", "seating", "--visit", SAMPLE, "--lang", lang, "-o", pdf.to_str().unwrap()]));
        assert!(fonts_embedded_and_sound(&pdf) >= 1, "{name}");
        render_page(&pdf, &format!("document-seating-{name}-1"), 1);
        (text_as(&pdf, &["-raw"]), pdf)
    };
    // Read by position (poppler's default): along one row, left to right.
    let placed = |name: &str| {
        let pdf = dir.path().join(format!("seating-{name}.pdf"));
        ok(liaison(&db, &["doc", "seating", "--visit", SAMPLE, "--lang", "en", "-o", pdf.to_str().unwrap()]));
        text_of(&pdf)
    };
    let mut checked = 0;
    for lang in ["zh", "en", "both"] {
        let (text, pdf) = drawn(lang, lang);
        // Everyone at the meeting table, then again at the banquet: both
        // forms of each name, the document's language's first.
        let (first_page, _) = text.split_at(text.find(if lang == "en" { "Banquet" } else { "宴会" }).unwrap());
        for (name, chinese) in &people {
            let pair = match lang {
                "en" => [name.clone(), chinese.clone()],
                _ => [chinese.clone(), name.clone()],
            };
            in_order(first_page, &pair, &format!("{lang}: the meeting table"));
            assert!(text.matches(name.as_str()).count() >= 2, "{lang}: {name} at the table and the banquet");
        }
        if lang == "both" {
            render_page(&pdf, "document-seating-both-2", 2);
        }
        checked += 1;
    }
    assert_eq!(checked, 3);
    // The host side's order on the page, from the hosts' left: the second
    // host on the principal's right, then (Chinese domestic practice) on
    // the left, once the visit says so.
    let host_order = |text: &str| {
        let at = |n: &str| text.find(n).unwrap_or_else(|| panic!("{n} not in {text}"));
        at(&hosts[0].0) < at(&hosts[1].0)
    };
    let right = placed("right");
    assert!(host_order(&right), "the principal left of the second: {right}");
    ok(liaison(&db, &["seating", SAMPLE, "--honour", "left"]));
    let left = placed("left");
    assert!(!host_order(&left), "the second left of the principal: {left}");
    assert!(left.contains("The left hand ranks above the right"), "{left}");
    // A swap of someone not on the visit is refused by name, and nothing is saved.
    let out = liaison(&db, &["seating", SAMPLE, "--swap", "5a3f1c2e-0000-4000-8000-000000000011,ffffffff"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("ffffffff"), "{}", stderr(&out));
    let plan: Value = serde_json::from_str(&ok(liaison(&db, &["seating", SAMPLE, "--json"]))).unwrap();
    assert_eq!(plan["revision"], Value::from(1));
}

const ZHANG: &str = "5a3f1c2e-0000-4000-8000-000000000011";

/// Keeps Zhang Huidong's passport data for the sample's visa letters, with
/// `more` options beside the required ones.
fn keep_zhangs_passport(db: &Path, more: &[&str]) {
    let mut args = vec![
        "visa",
        SAMPLE,
        "--person",
        ZHANG,
        "--passport-name",
        "ZHANG HUIDONG",
        "--gender",
        "M",
        "--nationality",
        "China",
        "--born",
        "1968-05-02",
    ];
    args.extend_from_slice(more);
    ok(liaison(db, &args));
}
const STAFF: &str = "5a3f1c2e-0000-4000-8000-000000000013";

/// The office's visa letter template in `lang`: Liaison's own, printed by
/// `doc template`, with the office's settings filled in and its letterhead,
/// signature and seal beside it (SVG, which Typst draws).
fn office_template(db: &Path, dir: &Path, lang: &str) -> std::path::PathBuf {
    let text = ok(liaison(db, &["doc", "template", "visa", "--lang", lang]));
    let svg = |shape: &str, w: u32, h: u32| {
        format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">{shape}</svg>"#)
    };
    let images = [
        (
            "head",
            svg(
                r##"<rect x="3" y="3" width="594" height="74" fill="none" stroke="#1f3f77" stroke-width="6"/>"##,
                600,
                80,
            ),
        ),
        (
            "sign",
            svg(
                r##"<path d="M5 40 C 40 0, 60 80, 100 30 S 160 60, 195 20" fill="none" stroke="#222" stroke-width="3"/>"##,
                200,
                60,
            ),
        ),
        ("seal", svg(r##"<circle cx="60" cy="60" r="54" fill="none" stroke="#c00" stroke-width="6"/>"##, 120, 120)),
    ];
    for (name, image) in images {
        std::fs::write(dir.join(format!("{name}.svg")), image).unwrap();
    }
    let text = text
        .replace(
            "signatory:\n",
            "letterhead: head.svg\nsignature: sign.svg\nseal: seal.svg\nsignatory: Wang Fang 王芳\n",
        )
        .replace("signatory_title:\n", "signatory_title: Director, International Cooperation Office\n")
        .replace("inviter_address:\n", "inviter_address: 19 Xinjiekouwai Street, Haidian District, Beijing 100875\n")
        .replace("inviter_phone:\n", "inviter_phone: +86 10 5880 0000\n");
    let file = dir.join(format!("visa-{lang}.txt"));
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_visa_letter_carries_what_a_consulate_expects_from_the_offices_template() {
    let (dir, db) = sample();
    keep_zhangs_passport(
        &db,
        &[
            "--passport",
            "e 1234 5678",
            "--expires",
            "2030-01-01",
            "--relationship",
            "Deputy Director General of a partner centre",
            "--expenses",
            "The host covers accommodation and local transport",
        ],
    );
    let mut checked = 0;
    for (lang, wanted) in [
        (
            "en",
            vec![
                "Visa invitation for ZHANG HUIDONG",
                "19 Xinjiekouwai Street",
                "+86 10 5880 0000",
                "Gender: Male",
                "Date of birth: 2 May 1968",
                "E12345678",
                "Deputy Director General of a partner centre",
                "Dates of the visit: Friday 11 June 2021",
                "The host covers accommodation",
                "Wang Fang 王芳",
            ],
        ),
        (
            "zh",
            vec![
                "邀请函",
                "ZHANG HUIDONG",
                "性别：男",
                "出生日期：1968 年 5 月 2 日",
                "护照号码：E12345678",
                "19 Xinjiekouwai Street",
                "+86 10 5880 0000",
                "Wang Fang 王芳",
            ],
        ),
    ] {
        let template = office_template(&db, dir.path(), lang);
        let pdf = dir.path().join(format!("visa-{lang}.pdf"));
        ok(liaison(
            &db,
            &[
                "doc",
                "letter",
                "--visit",
                SAMPLE,
                "--template",
                template.to_str().unwrap(),
                "-o",
                pdf.to_str().unwrap(),
            ],
        ));
        let text = text_of(&pdf);
        let wanted: Vec<String> = wanted.into_iter().map(String::from).collect();
        in_order(&text, &wanted, &format!("the visa letter in {lang}"));
        assert!(fonts_embedded_and_sound(&pdf) >= 1);
        render_page(&pdf, &format!("document-letter-visa-{lang}"), 1);
        checked += 1;
    }
    assert_eq!(checked, 2);

    // Liaison's own visa template lacks the office's details: refused, naming what.
    let pdf = dir.path().join("builtin.pdf");
    let out = liaison(&db, &["doc", "letter", "--visit", SAMPLE, "--kind", "visa", "-o", pdf.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("{signatory}") || stderr(&out).contains("{inviter_address}"), "{}", stderr(&out));
    assert!(!pdf.exists());

    // Passport data never leaves in a calendar file or a JSON export.
    let ics = ok(liaison(&db, &["export", "ics", "--visit", SAMPLE]));
    let json = ok(liaison(&db, &["export", "json"]));
    for secret in ["E12345678", "ZHANG HUIDONG", "1968"] {
        assert!(!ics.contains(secret) && !json.contains(secret), "{secret} left Liaison");
    }
    assert!(ics.contains("BEGIN:VEVENT") && json.contains("IPRCC"), "the exports are not empty");

    // Deleted in one step after the visit: then there is nobody to write to.
    ok(liaison(&db, &["visa", SAMPLE, "--purge"]));
    let template = office_template(&db, dir.path(), "en");
    let out = liaison(
        &db,
        &["doc", "letter", "--visit", SAMPLE, "--template", template.to_str().unwrap(), "-o", pdf.to_str().unwrap()],
    );
    assert!(!out.status.success() && stderr(&out).contains("nobody"), "{}", stderr(&out));
}

#[test]
fn an_unknown_placeholder_or_missing_passport_data_is_refused_by_name_and_nothing_is_written() {
    let (dir, db) = sample();
    keep_zhangs_passport(&db, &["--passport", "E12345678"]);
    let template = office_template(&db, dir.path(), "en");
    let text = std::fs::read_to_string(&template).unwrap();
    let pdf = dir.path().join("letter.pdf");
    let letter = |template: &Path, extra: &[&str]| {
        let mut args = vec!["doc", "letter", "--visit", SAMPLE, "--template", template.to_str().unwrap()];
        args.extend_from_slice(extra);
        args.extend(["-o", pdf.to_str().unwrap()]);
        liaison(&db, &args)
    };
    // A misspelt placeholder: its name, line and column.
    let body_line = text.lines().position(|l| l.contains("Passport number:")).unwrap() + 1;
    let wrong = dir.path().join("wrong.txt");
    std::fs::write(&wrong, text.replace("{passport_number}", "{pasport_number}")).unwrap();
    let out = letter(&wrong, &[]);
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.contains("{pasport_number}") && message.contains(&format!("line {body_line}, column 18")),
        "{message}"
    );
    assert!(!pdf.exists());
    // A passport with no expiry, in a template that prints it: named, with the person.
    let expiry = dir.path().join("expiry.txt");
    std::fs::write(
        &expiry,
        text.replace(
            "Passport number: {passport_number}",
            "Passport number: {passport_number}, valid until {passport_expiry}",
        ),
    )
    .unwrap();
    let out = letter(&expiry, &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("{passport_expiry}") && stderr(&out).contains("Zhang Huidong"), "{}", stderr(&out));
    assert!(!pdf.exists());
    // Someone whose passport data is not kept: no visa letter for them.
    let out = letter(&template, &["--person", STAFF]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("Training Division staff") && stderr(&out).contains("passport"), "{}", stderr(&out));
    assert!(!pdf.exists());
    // And in Chinese.
    let zh = liaison_zh(
        &db,
        &["doc", "letter", "--visit", SAMPLE, "--template", wrong.to_str().unwrap(), "-o", pdf.to_str().unwrap()],
    );
    assert!(stderr(&zh).contains("占位符{pasport_number}"), "{}", stderr(&zh));
}

#[test]
fn invitation_and_thank_you_letters_go_to_the_guests_head_in_each_language() {
    let (dir, db) = sample();
    let mut checked = 0;
    for kind in ["invitation", "thanks"] {
        for (lang, wanted) in [
            ("en", vec!["Dear Zhang Huidong,"]),
            ("zh", vec!["张惠东", "Deputy Director General："]),
            ("both", vec!["张惠东", "Deputy Director General：", "Dear Zhang Huidong,"]),
        ] {
            let pdf = dir.path().join(format!("{kind}-{lang}.pdf"));
            ok(liaison(
                &db,
                &["doc", "letter", "--visit", SAMPLE, "--kind", kind, "--lang", lang, "-o", pdf.to_str().unwrap()],
            ));
            let wanted: Vec<String> = wanted.into_iter().map(String::from).collect();
            in_order(&text_of(&pdf), &wanted, &format!("{kind} {lang}"));
            assert!(fonts_embedded_and_sound(&pdf) >= 1);
            checked += 1;
        }
        render_page(&dir.path().join(format!("{kind}-both.pdf")), &format!("document-letter-{kind}-both"), 1);
    }
    assert_eq!(checked, 6);
    // Without --kind or --template: which letter is asked, by name.
    let out = liaison(&db, &["doc", "letter", "--visit", SAMPLE, "-o", dir.path().join("x.pdf").to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("--kind"), "{}", stderr(&out));
}

/// Liaison's own programs (the command line and the window) carry no
/// Typst: the typesetter is a program of its own beside them, which the
/// documents above were all made by. Typst's code named in the binaries'
/// symbols tells which holds it.
#[test]
fn typst_lives_in_the_typesetter_not_in_liaisons_own_binary() {
    let liaison = binary();
    let typesetter = liaison.with_file_name("liaison-typeset");
    let holds_typst = |path: &Path| {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        bytes.windows(13).any(|w| w == b"typst_library")
    };
    assert!(holds_typst(&typesetter), "the typesetter is built with Typst");
    for own in [liaison.clone(), liaison.with_file_name("liaison-window")] {
        assert!(!holds_typst(&own), "{} links Typst", own.display());
    }
}
