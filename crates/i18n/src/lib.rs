//! Liaison's words in each language. The catalogues are Fluent files, one
//! folder per language under `locales/` (`en`, `zh-CN`), compiled into the
//! binary; the window's page reads the same files. Fluent because one format
//! then serves Rust and TypeScript alike (`fluent-bundle`, `@fluent/bundle`),
//! and because plurals, gender and word order are the translator's to write
//! in the catalogue, never ours to assemble from pieces.
//!
//! A third language is a folder of catalogue files and a line in
//! [`Lang`]; the test `catalogues` checks that every language has every
//! message, with the same placeholders, and that every message is used.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language Liaison speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::ZhCn];

    /// The BCP 47 tag, which is also the catalogue's folder name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language Liaison has for a locale as systems and browsers write
    /// it (`zh_CN.UTF-8`, `zh-Hans-CN`, `zh`, `en_GB`, `en-US`), if any. `C`
    /// and `POSIX` are English.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        // Language part: before the territory, codeset and modifier.
        let language = locale.split(['_', '-', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
        match language.as_str() {
            "en" | "c" | "posix" => Some(Lang::En),
            // Simplified Chinese is what Liaison has; Taiwan's and Hong
            // Kong's readers get it too rather than English until a zh-TW
            // catalogue exists.
            "zh" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// The command line's language, as POSIX and gettext choose messages:
    /// the first language of `LANGUAGE` Liaison has (when a locale is set at
    /// all), else `LC_ALL`, else `LC_MESSAGES`, else `LANG`; English when none
    /// names a language Liaison has.
    pub fn from_env() -> Lang {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any source of variables (tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        let locale = set("LC_ALL").or_else(|| set("LC_MESSAGES")).or_else(|| set("LANG"));
        // gettext ignores LANGUAGE under the C locale; so does Liaison.
        if locale.as_deref().is_some_and(|l| l != "C" && l != "POSIX") {
            if let Some(list) = set("LANGUAGE") {
                if let Some(lang) = list.split(':').find_map(Lang::from_locale) {
                    return lang;
                }
            }
        }
        locale.as_deref().and_then(Lang::from_locale).unwrap_or(Lang::En)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    /// Exactly a tag Liaison has (`en`, `zh-CN`): what `--lang` takes.
    fn from_str(s: &str) -> Result<Self, String> {
        Lang::ALL.iter().copied().find(|l| l.code().eq_ignore_ascii_case(s)).ok_or_else(|| {
            let all: Vec<_> = Lang::ALL.iter().map(|l| l.code()).collect();
            format!("'{s}' is not one of: {}", all.join(", "))
        })
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One catalogue file: its language, its name (`cli`, `core`, `ui`) and text.
pub struct Catalogue {
    pub lang: Lang,
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! catalogues {
    ($($lang:ident $dir:literal [$($name:literal),+]);+ $(;)?) => {
        /// Every catalogue file compiled in (the window's are read by the page;
        /// they are here for the test that compares languages).
        pub const CATALOGUES: &[Catalogue] = &[
            $($(Catalogue {
                lang: Lang::$lang,
                name: $name,
                text: include_str!(concat!("../../../locales/", $dir, "/", $name, ".ftl")),
            },)+)+
        ];
    };
}

catalogues! {
    En "en" ["core", "cli", "ui", "documents"];
    ZhCn "zh-CN" ["core", "cli", "ui", "documents"];
}

/// Each language's `zones.txt` (written by scripts/zone-cities from CLDR):
/// the city a reader knows each time zone by.
pub const ZONE_FILES: &[(Lang, &str)] = &[
    (Lang::En, include_str!("../../../locales/en/zones.txt")),
    (Lang::ZhCn, include_str!("../../../locales/zh-CN/zones.txt")),
];

/// The city a reader of `lang` knows the IANA zone `id` by ("上海" for
/// Asia/Shanghai), if CLDR names one (UTC and Etc/GMT+5 have none).
pub fn zone_city(lang: Lang, id: &str) -> Option<&'static str> {
    static CITIES: [OnceLock<std::collections::HashMap<&'static str, &'static str>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    CITIES[lang.index()]
        .get_or_init(|| {
            let text = ZONE_FILES.iter().find(|(l, _)| *l == lang).map_or("", |(_, t)| t);
            text.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).collect()
        })
        .get(id)
        .copied()
}

/// A zone as a reader of `lang` is shown it: its city, or its id when it has
/// none.
pub fn zone_name(lang: Lang, id: &str) -> String {
    zone_city(lang, id).unwrap_or(id).to_owned()
}

/// The catalogues Rust formats from: the page has its own bundle of `ui`.
const RUST_CATALOGUES: &[&str] = &["core", "cli", "documents"];

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang.index()].get_or_init(|| {
        let tag: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // Isolation marks (FSI, PDI) help right-to-left text only; Liaison's
        // languages are left-to-right, and a terminal prints the marks as
        // junk.
        bundle.set_use_isolating(false);
        // MOMENT($start): a wall-clock time as the reader's language writes
        // it; the window's bundles have the same function (i18n.svelte.ts).
        let _ = bundle.add_function("MOMENT", |positional, _named| match positional.first() {
            Some(FluentValue::String(s)) => FluentValue::from(moment(s)),
            Some(other) => other.clone(),
            None => FluentValue::None,
        });
        for c in CATALOGUES.iter().filter(|c| c.lang == lang && RUST_CATALOGUES.contains(&c.name)) {
            // A catalogue that does not parse fails the test `catalogues`;
            // what does parse is still used.
            let resource = match FluentResource::try_new(c.text.to_owned()) {
                Ok(r) | Err((r, _)) => r,
            };
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

/// A wall-clock time ("2021-06-11T09:00") as the command line writes times
/// everywhere ("2021-06-11 09:00", as `liaison show` does), in every
/// language; a date stays as it is. The window's MOMENT writes the day in its
/// language instead ("Fri 11 Jun 2021", "2021年6月11日星期五"), as its lists do.
/// Anything else is returned as it is.
pub fn moment(text: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M") {
        Ok(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => text.to_owned(),
    }
}

/// A value for a placeholder.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

macro_rules! number_arg {
    ($($t:ty),+) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                // Counts and limits of Liaison's records: far inside f64's
                // exact integers.
                Arg::Number(n as f64)
            }
        }
    )+};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64);

/// The message `id` in `lang`, with its placeholders filled. A message that
/// is missing (which the test `catalogues` prevents) shows its id rather
/// than nothing.
pub fn tr(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    format(lang, id, args).unwrap_or_else(|| id.to_owned())
}

/// The message `id` in `lang` if the catalogue has it (ids made from
/// names, such as a command-line option's help).
pub fn tr_if_any(lang: Lang, id: &str) -> Option<String> {
    format(lang, id, &[])
}

fn format(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id).and_then(|m| m.value())?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
}

/// `t!(lang, "id")` or `t!(lang, "id", name = value, …)`: [`tr`] with the
/// placeholders named as in the catalogue.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::tr($lang, $id, &[$((stringify!($name), $crate::Arg::from($value))),*])
    };
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language of this process's messages (the command line sets it once
/// from `--lang` or the environment; errors' `Display` uses it).
pub fn current() -> Lang {
    Lang::ALL.get(CURRENT.load(Ordering::Relaxed) as usize).copied().unwrap_or(Lang::En)
}

pub fn set_current(lang: Lang) {
    CURRENT.store(lang.index() as u8, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_named_by_their_city_in_each_language() {
        assert_eq!(zone_city(Lang::ZhCn, "Asia/Shanghai"), Some("上海"));
        assert_eq!(zone_city(Lang::En, "Asia/Shanghai"), Some("Shanghai"));
        // The tz database's current id and CLDR's older one alike.
        assert_eq!(zone_city(Lang::En, "Asia/Kolkata"), zone_city(Lang::En, "Asia/Calcutta"));
        assert_eq!(zone_city(Lang::ZhCn, "America/Argentina/Buenos_Aires"), Some("布宜诺斯艾利斯"));
        assert_eq!(zone_name(Lang::ZhCn, "Etc/GMT+5"), "Etc/GMT+5");
        assert_eq!(zone_city(Lang::En, "UTC"), None);
    }

    #[test]
    fn system_locales_map_to_the_languages_liaison_has() {
        for (locale, lang) in [
            ("zh_CN.UTF-8", Some(Lang::ZhCn)),
            ("zh-Hans-CN", Some(Lang::ZhCn)),
            ("zh_TW.UTF-8", Some(Lang::ZhCn)),
            ("en_GB.UTF-8", Some(Lang::En)),
            ("en-US", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("de_DE.UTF-8", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_locale(locale), lang, "{locale}");
        }
    }

    #[test]
    fn the_environment_chooses_as_gettext_does() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
        };
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
        assert_eq!(Lang::from_vars(env(&[("LANG", "zh_CN.UTF-8")])), Lang::ZhCn);
        assert_eq!(Lang::from_vars(env(&[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_vars(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")])), Lang::ZhCn);
        // LANGUAGE's first language Liaison has wins over the locale...
        assert_eq!(Lang::from_vars(env(&[("LANG", "en_US.UTF-8"), ("LANGUAGE", "de:zh_CN:en")])), Lang::ZhCn);
        // ...except under the C locale, as with gettext.
        assert_eq!(Lang::from_vars(env(&[("LANG", "C"), ("LANGUAGE", "zh_CN")])), Lang::En);
        // A language Liaison does not have: English.
        assert_eq!(Lang::from_vars(env(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
    }

    #[test]
    fn placeholders_come_from_the_catalogue() {
        assert_eq!(t!(Lang::En, "show-times-in", zone = "Berlin"), "times in Berlin time");
        assert_eq!(t!(Lang::ZhCn, "show-times-in", zone = "柏林"), "时间为柏林时间");
        assert_eq!(tr(Lang::En, "no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn moments_are_written_as_the_command_line_writes_times() {
        assert_eq!(moment("2021-06-11T09:00"), "2021-06-11 09:00");
        assert_eq!(moment("2021-06-13"), "2021-06-13");
        // Not a moment: as it is.
        assert_eq!(moment("2021-02-30T09:00"), "2021-02-30T09:00");
        assert_eq!(moment("soon"), "soon");
        // Through the catalogue's MOMENT().
        assert_eq!(
            t!(Lang::En, "warning-outside-visit", start = "2021-06-11T09:00", end = "2021-06-13T12:00"),
            "is outside the visit's dates (2021-06-11 09:00 – 2021-06-13 12:00)"
        );
        assert_eq!(
            t!(Lang::ZhCn, "warning-outside-visit", start = "2021-06-11T09:00", end = "2021-06-13T12:00"),
            "不在来访日期之内（2021-06-11 09:00 至 2021-06-13 12:00）"
        );
    }

    #[test]
    fn lang_parses_only_its_own_tags() {
        assert_eq!("zh-CN".parse::<Lang>(), Ok(Lang::ZhCn));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("zh_CN.UTF-8".parse::<Lang>().is_err());
    }
}
