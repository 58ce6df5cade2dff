//! Names of people and organisations in up to three forms, and which of them
//! a reader sees first.
//!
//! A Chinese protocol office writes a German guest as 于尔根·米勒 on a name
//! card and as Jürgen Müller in an email; a Russian guest also has Иван Петров,
//! the name in his own script. So a name is data in three forms:
//! - `name`: the Latin form, as on a passport or a delegation list;
//! - `chinese_name`: the Chinese form;
//! - `native_name`: the form in the person's own script when it is neither
//!   Latin nor Chinese (Cyrillic, Arabic, Devanagari, Japanese kana...).
//!
//! Any one of them is enough. Readers of Chinese see the Chinese form first,
//! everyone else the Latin one; the other form that tells the most goes
//! beside it. The window mirrors [`Names::first`] and [`Names::beside`] in
//! `ui/src/lib/names.ts` (it must re-order names on a language switch without
//! asking the core again); the names test there checks the same cases.

use crate::i18n::Lang;

/// The three forms of one name, borrowed from a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Names<'a> {
    pub latin: &'a str,
    pub chinese: &'a str,
    pub native: &'a str,
}

impl<'a> Names<'a> {
    pub fn new(latin: &'a str, chinese: &'a str, native: &'a str) -> Self {
        Self { latin, chinese, native }
    }

    /// The order in which a reader of `lang` looks for a form to show first.
    fn order(&self, lang: Lang) -> [&'a str; 3] {
        match lang {
            Lang::ZhCn => [self.chinese, self.latin, self.native],
            Lang::En => [self.latin, self.native, self.chinese],
        }
    }

    /// The form shown first: the reader's own when the record has it.
    pub fn first(&self, lang: Lang) -> &'a str {
        self.order(lang).into_iter().find(|s| !s.is_empty()).unwrap_or("")
    }

    /// The form shown beside the first, if another one says something more:
    /// for a reader of Chinese the Latin form (else the own script), for
    /// others the own script (else the Chinese form).
    pub fn beside(&self, lang: Lang) -> Option<&'a str> {
        let first = self.first(lang);
        self.order(lang).into_iter().skip_while(|s| *s != first).skip(1).find(|s| !s.is_empty() && *s != first)
    }

    /// "First (beside)", or the first form alone.
    pub fn shown(&self, lang: Lang) -> String {
        match self.beside(lang) {
            Some(b) => format!("{} ({b})", self.first(lang)),
            None => self.first(lang).to_owned(),
        }
    }

    /// What lists sort by whatever the language: the Latin form, else the
    /// Chinese one, else the own script (the storage sorts the same way).
    pub fn sort_key(&self) -> &'a str {
        [self.latin, self.chinese, self.native].into_iter().find(|s| !s.is_empty()).unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.latin.is_empty() && self.chinese.is_empty() && self.native.is_empty()
    }
}

/// An organisation's short label for a reader of `lang`: in Chinese its
/// Chinese name (a Chinese office says 中国国际扶贫中心, not IPRCC), else its
/// acronym; in other languages its acronym, else its first name form.
/// Mirrored by `orgLabel` in ui/src/lib/names.ts.
pub fn org_short<'a>(acronym: &'a str, names: Names<'a>, lang: Lang) -> &'a str {
    match lang {
        Lang::ZhCn if !names.chinese.is_empty() => names.chinese,
        _ if !acronym.is_empty() => acronym,
        _ => names.first(lang),
    }
}

/// Whether a name is written in Chinese characters: Han ideographs, with
/// the separators Chinese uses in transcribed names (于尔根·米勒) and
/// spaces, and nothing else. Used to sort names of the old two-form model
/// (a Latin name and a "native" one) into the three forms: in a database of
/// an earlier schema and in interchange documents of version 1. The SQL
/// migrations apply the same test. A Japanese name all in kanji counts as
/// Chinese: a Chinese office writes it with those characters.
pub fn is_chinese(s: &str) -> bool {
    has_han(s) && s.chars().all(|c| is_han(c) || matches!(c, '·' | '・' | '•' | ' ' | '\u{3000}'))
}

/// Whether a text has a Chinese character in it.
pub fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

/// The CJK Unified Ideographs, extension A, the compatibility ideographs and
/// extensions B to H.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{323AF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_language_picks_the_first_form_and_the_other_goes_beside() {
        let german = Names::new("Jürgen Müller", "于尔根·米勒", "");
        assert_eq!(german.shown(Lang::ZhCn), "于尔根·米勒 (Jürgen Müller)");
        assert_eq!(german.shown(Lang::En), "Jürgen Müller (于尔根·米勒)");

        let russian = Names::new("Ivan Petrov", "伊万·彼得罗夫", "Иван Петров");
        assert_eq!(russian.shown(Lang::ZhCn), "伊万·彼得罗夫 (Ivan Petrov)");
        assert_eq!(russian.shown(Lang::En), "Ivan Petrov (Иван Петров)");

        let only_chinese = Names::new("", "和震", "");
        assert_eq!(only_chinese.shown(Lang::En), "和震");
        assert_eq!(only_chinese.beside(Lang::En), None);
        let only_own_script = Names::new("", "", "Иван Петров");
        assert_eq!(only_own_script.shown(Lang::ZhCn), "Иван Петров");

        let latin_and_own = Names::new("Ivan Petrov", "", "Иван Петров");
        assert_eq!(latin_and_own.shown(Lang::ZhCn), "Ivan Petrov (Иван Петров)");
        // The same text twice is said once.
        assert_eq!(Names::new("IPRCC", "IPRCC", "").shown(Lang::ZhCn), "IPRCC");
        assert_eq!(Names::new("", "", "").shown(Lang::En), "");
        assert_eq!(Names::new("Zhang", "张", "").sort_key(), "Zhang");
        assert_eq!(Names::new("", "张", "Чжан").sort_key(), "张");
    }

    #[test]
    fn an_organisation_is_called_what_its_reader_calls_it() {
        let iprcc = Names::new("International Poverty Reduction Center in China", "中国国际扶贫中心", "");
        assert_eq!(org_short("IPRCC", iprcc, Lang::ZhCn), "中国国际扶贫中心");
        assert_eq!(org_short("IPRCC", iprcc, Lang::En), "IPRCC");
        let bibb = Names::new("Federal Institute for Vocational Education and Training", "", "");
        assert_eq!(org_short("BIBB", bibb, Lang::ZhCn), "BIBB");
        assert_eq!(org_short("", bibb, Lang::En), "Federal Institute for Vocational Education and Training");
        let ras = Names::new("", "", "Российская академия наук");
        assert_eq!(org_short("", ras, Lang::ZhCn), "Российская академия наук");
    }

    #[test]
    fn chinese_names_are_told_from_names_in_other_scripts() {
        for s in ["张惠东", "于尔根·米勒", "中国国际扶贫中心", "山田太郎", "𠀾 王"] {
            assert!(is_chinese(s), "{s}");
        }
        for s in ["", "·", "Иван Петров", "やまだ たろう", "김민준", "张 Zhang", "IPRCC", "张（主任）"]
        {
            assert!(!is_chinese(s), "{s}");
        }
    }
}
