//! WebKit's memory pressure handler, given a limit the window's web process
//! can reach (issue 15).
//!
//! The web process keeps text caches (the widths of words measured, where
//! lines may break, glyphs drawn) that grow with every text it has shown
//! and are emptied only under memory pressure. WebKit's default limit is
//! the machine's memory, so on a laptop the window never comes near it and
//! the caches, and the allocator's pages they scatter, only grow: the same
//! elements shown 1,200 times with text never shown before grew the web
//! process's private memory by 67 MiB, against 13 MiB with the same text
//! (scripts/bench-app `workload-dom:retext` and `:reuse`).
//!
//! The limit can only be given when the web context is made, and wry makes
//! it without one. So before the window is made, the web context's GObject
//! constructor is wrapped: it sets the `memory-pressure-settings` construct
//! property to ours and goes on to WebKit's own. Nothing else of WebKit's
//! is touched, and if a later wry made the context with settings of its
//! own, ours would replace them only for this property.

use std::ffi::CStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use gtk::glib::gobject_ffi as gobject;
use webkit2gtk::ffi as webkit;

/// The handler's settings: the limit in MB, the fractions of it where
/// WebKit starts to release caches (conservative) and everything it can
/// (strict, a garbage collection and compiled code dropped), and how often
/// it looks, in seconds. The process is never killed (a kill threshold of
/// 0): a window that died for using memory would lose what was typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub limit_mb: u32,
    pub conservative: f64,
    pub strict: f64,
    pub poll_seconds: f64,
}

impl Settings {
    /// `LIMIT,CONSERVATIVE,STRICT,POLL`, as scripts/bench-app passes it in
    /// `LIAISON_WEB_MEMORY` to compare settings; `off` for WebKit's own.
    pub fn parse(text: &str) -> Result<Option<Self>, String> {
        if text.trim() == "off" {
            return Ok(None);
        }
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [limit, conservative, strict, poll] = parts[..] else {
            return Err(format!(
                "LIAISON_WEB_MEMORY: {text:?} is not LIMIT_MB,CONSERVATIVE,STRICT,POLL_SECONDS or off"
            ));
        };
        let number = |what: &str, s: &str| {
            s.parse::<f64>().map_err(|_| format!("LIAISON_WEB_MEMORY: {what} {s:?} is not a number"))
        };
        let limit_mb = limit
            .parse::<u32>()
            .map_err(|_| format!("LIAISON_WEB_MEMORY: the limit {limit:?} is not a whole number of MB"))?;
        let settings = Self {
            limit_mb,
            conservative: number("the conservative fraction", conservative)?,
            strict: number("the strict fraction", strict)?,
            poll_seconds: number("the polling interval", poll)?,
        };
        // WebKit's own rules (webkit_memory_pressure_settings_set_*): it
        // would print a critical warning and ignore a value outside them.
        if limit_mb == 0 {
            return Err("LIAISON_WEB_MEMORY: the limit must be more than 0 MB".into());
        }
        if !(0.0 < settings.conservative && settings.conservative < settings.strict && settings.strict < 1.0) {
            return Err("LIAISON_WEB_MEMORY: the fractions must be 0 < conservative < strict < 1".into());
        }
        if settings.poll_seconds <= 0.0 {
            return Err("LIAISON_WEB_MEMORY: the polling interval must be more than 0 s".into());
        }
        Ok(Some(settings))
    }
}

type Constructor =
    unsafe extern "C" fn(gtk::glib::ffi::GType, u32, *mut gobject::GObjectConstructParam) -> *mut gobject::GObject;

static WEBKITS: OnceLock<Constructor> = OnceLock::new();
static SETTINGS: OnceLock<Settings> = OnceLock::new();
/// Web contexts given our settings, for the test that they are.
static GIVEN: AtomicUsize = AtomicUsize::new(0);

/// Web contexts made from now on get `settings`. Call before the window is
/// made, on the thread that makes it; a second call changes nothing.
pub fn install(settings: Settings) {
    if SETTINGS.set(settings).is_err() {
        return;
    }
    // SAFETY: the class is WebKit's, referenced here and never released,
    // so it lives as long as the process; its first member is the
    // GObjectClass. The constructor is replaced once (SETTINGS guards it)
    // before any web context exists, on the main thread that makes them.
    unsafe {
        let class = gobject::g_type_class_ref(webkit::webkit_web_context_get_type()).cast::<gobject::GObjectClass>();
        let Some(webkits) = (*class).constructor else { return };
        let _ = WEBKITS.set(webkits);
        (*class).constructor = Some(construct);
    }
}

/// The wrapped constructor: our settings in, then WebKit's constructor.
unsafe extern "C" fn construct(
    type_: gtk::glib::ffi::GType,
    n: u32,
    params: *mut gobject::GObjectConstructParam,
) -> *mut gobject::GObject {
    // SAFETY: GObject passes every construct property of the type, `n` of
    // them, each with its spec and a value of the spec's type, which the
    // property's owner (WebKit) reads after this. A boxed value takes the
    // settings made here as its own (g_value_take_boxed).
    unsafe {
        if let Some(s) = SETTINGS.get() {
            for i in 0..n as usize {
                let p = &*params.add(i);
                if CStr::from_ptr((*p.pspec).name) == c"memory-pressure-settings" {
                    let made = webkit::webkit_memory_pressure_settings_new();
                    webkit::webkit_memory_pressure_settings_set_memory_limit(made, s.limit_mb);
                    webkit::webkit_memory_pressure_settings_set_strict_threshold(made, s.strict);
                    webkit::webkit_memory_pressure_settings_set_conservative_threshold(made, s.conservative);
                    webkit::webkit_memory_pressure_settings_set_kill_threshold(made, 0.0);
                    webkit::webkit_memory_pressure_settings_set_poll_interval(made, s.poll_seconds);
                    gobject::g_value_take_boxed(p.value, made.cast());
                    GIVEN.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        let webkits = WEBKITS.get().expect("installed before the first web context");
        webkits(type_, n, params)
    }
}

#[cfg(test)]
mod tests {
    use super::{install, Settings, GIVEN};
    use std::sync::atomic::Ordering;

    /// An X server of the test's own (WebKit makes a style context, which
    /// needs a display, with each web context); Xvfb picks a free number and
    /// writes it on the pipe (-displayfd).
    struct Xvfb(std::process::Child);

    impl Xvfb {
        fn start() -> (Xvfb, String) {
            use std::io::BufRead;
            let mut child = std::process::Command::new("Xvfb")
                .args(["-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("Xvfb (scripts/test installs it)");
            let mut number = String::new();
            let out = child.stdout.take().expect("Xvfb's pipe");
            std::io::BufReader::new(out).read_line(&mut number).expect("Xvfb's display number");
            (Xvfb(child), format!(":{}", number.trim()))
        }
    }

    impl Drop for Xvfb {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    #[test]
    fn a_web_context_made_after_install_is_given_the_settings() {
        let (_xvfb, display) = Xvfb::start();
        // The one test in this binary that uses a display or GTK.
        std::env::set_var("DISPLAY", &display);
        gtk::init().expect("GTK on the test's display");
        install(Settings { limit_mb: 200, conservative: 0.2, strict: 0.75, poll_seconds: 5.0 });
        let before = GIVEN.load(Ordering::Relaxed);
        // As wry makes the window's (web_context.rs: a builder, built).
        let context = webkit2gtk::WebContext::builder().build();
        assert_eq!(GIVEN.load(Ordering::Relaxed), before + 1, "the settings were not given to {context:?}");
        let _another = webkit2gtk::WebContext::new();
        assert_eq!(GIVEN.load(Ordering::Relaxed), before + 2);
    }

    #[test]
    fn settings_are_read_and_checked() {
        assert_eq!(
            Settings::parse("128, 0.3,0.6,10"),
            Ok(Some(Settings { limit_mb: 128, conservative: 0.3, strict: 0.6, poll_seconds: 10.0 }))
        );
        assert_eq!(Settings::parse("off"), Ok(None));
        // The window's own pass WebKit's rules, which would ignore them
        // with a warning on standard error otherwise.
        let shipped = crate::WEB_MEMORY.expect("the window sets a limit");
        let text = format!("{},{},{},{}", shipped.limit_mb, shipped.conservative, shipped.strict, shipped.poll_seconds);
        assert_eq!(Settings::parse(&text), Ok(Some(shipped)));
        for (bad, says) in [
            ("128,0.3,0.6", "is not LIMIT_MB"),
            ("lots,0.3,0.6,10", "the limit \"lots\""),
            ("0,0.3,0.6,10", "more than 0 MB"),
            ("128,0.7,0.6,10", "0 < conservative < strict < 1"),
            ("128,0.3,1.5,10", "0 < conservative < strict < 1"),
            ("128,0.3,0.6,0", "more than 0 s"),
            ("128,0.3,0.6,soon", "the polling interval \"soon\""),
        ] {
            let e = Settings::parse(bad).expect_err(bad);
            assert!(e.contains(says), "{bad}: {e}");
        }
    }
}
