//! End-to-end tests through the real window: Xvfb, tauri-driver,
//! WebKitWebDriver and the real `liaison` binary on a temporary database.
//! Controls are found by their visible labels, as a person (or a screen
//! reader) finds them.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::NewSessionError;
use fantoccini::{Client, ClientBuilder, Locator};
use liaison_tests::{binary, clean, interop, liaison, ok, root, test_python, window_binary, write_large_document};
use serde_json::{json, Value};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A private X display and D-Bus session bus, gone when dropped. The bus is
/// how a second launch finds the first (single instance) on Linux.
struct Display {
    number: u32,
    xvfb: Child,
    bus: Option<(Child, String)>,
}

impl Display {
    fn start(width: u32, height: u32) -> Display {
        // Tests in this process run in parallel: each takes its own numbers.
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        for _ in 0..20 {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let number = 100 + (std::process::id() % 400) * 100 + n;
            let lock = PathBuf::from(format!("/tmp/.X{number}-lock"));
            if lock.exists() {
                // A display whose server is gone (killed, on an earlier run)
                // is free: its lock and socket are taken away, as Xvfb would.
                let holder = std::fs::read_to_string(&lock).ok().and_then(|t| t.trim().parse::<u32>().ok());
                if holder.is_none_or(|pid| Path::new(&format!("/proc/{pid}")).exists()) {
                    continue;
                }
                let _ = std::fs::remove_file(&lock);
                let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{number}"));
            }
            let mut xvfb = Command::new("Xvfb")
                .arg(format!(":{number}"))
                .args(["-screen", "0", &format!("{width}x{height}x24"), "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb (scripts/test installs it)");
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
            let until = Instant::now() + Duration::from_secs(10);
            while Instant::now() < until {
                if socket.exists() {
                    return Display { number, xvfb, bus: Self::start_bus(number) };
                }
                if let Ok(Some(_)) = xvfb.try_wait() {
                    break; // display taken meanwhile; try the next
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = xvfb.kill();
            let _ = xvfb.wait();
        }
        panic!("no X display could be started");
    }

    fn start_bus(number: u32) -> Option<(Child, String)> {
        let path = std::env::temp_dir().join(format!("liaison-e2e-bus-{}-{number}", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let address = format!("unix:path={}", path.display());
        let bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", &format!("--address={address}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let until = Instant::now() + Duration::from_secs(5);
        while !path.exists() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
        Some((bus, address))
    }

    fn name(&self) -> String {
        format!(":{}", self.number)
    }

    /// The environment a program on this display and bus needs.
    fn env(&self, c: &mut Command) {
        c.env("DISPLAY", self.name());
        if let Some((_, address)) = &self.bus {
            c.env("DBUS_SESSION_BUS_ADDRESS", address);
        }
    }

    /// The whole screen, as a person would see it.
    fn screenshot(&self, out: &Path) {
        let status = Command::new("/usr/bin/import")
            .env("DISPLAY", self.name())
            .args(["-window", "root"])
            .arg(out)
            .status()
            .expect("import (imagemagick)");
        assert!(status.success());
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some((bus, address)) = &mut self.bus {
            let _ = bus.kill();
            let _ = bus.wait();
            // Killed, the bus leaves its socket behind (one per test, in
            // /tmp, run after run).
            if let Some(path) = address.strip_prefix("unix:path=") {
                let _ = std::fs::remove_file(path);
            }
        }
        // SIGTERM, so that Xvfb takes its lock and socket away: killed,
        // it left them behind, a thousand after some weeks of runs.
        stop_gently(&mut self.xvfb);
    }
}

/// Stops a child with SIGTERM, and SIGKILL if it has not ended in 5 s.
fn stop_gently(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let until = Instant::now() + Duration::from_secs(5);
    while Instant::now() < until {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The live processes descended from `root` (zombies, which hold nothing
/// any more, left out), each with its name: what a tauri-driver started.
fn live_descendants(root: u32) -> Vec<(u32, String)> {
    // (pid, parent, name, state) of every process.
    let mut all = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        // "pid (name) state parent …", where the name may hold spaces and
        // parentheses of its own.
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let mut rest = stat[close + 1..].split_whitespace();
        let (Some(state), Some(parent)) = (rest.next(), rest.next().and_then(|p| p.parse::<u32>().ok())) else {
            continue;
        };
        all.push((pid, parent, stat[open + 1..close].to_owned(), state.to_owned()));
    }
    let mut found = Vec::new();
    let mut below = vec![root];
    while let Some(p) = below.pop() {
        for (pid, parent, name, state) in &all {
            if *parent == p {
                below.push(*pid);
                if state != "Z" {
                    found.push((*pid, name.clone()));
                }
            }
        }
    }
    found
}

/// tauri-driver, stopped with SIGTERM when dropped: SIGKILL would leave
/// WebKitWebDriver holding its port.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        stop_gently(&mut self.0);
    }
}

/// The app in its window, driven over WebDriver. Fields drop in order: the
/// session guard (in Drop below) first, then tauri-driver.
struct App {
    client: Option<Client>,
    session: String,
    port: u16,
    _driver: Driver,
}

impl App {
    async fn start(display: &Display, home: &Path, db: &Path) -> Res<App> {
        Self::start_with(display, home, db, &[]).await
    }

    /// Starts the app with more in its environment (a desktop setting).
    async fn start_with(display: &Display, home: &Path, db: &Path, env: &[(&str, &str)]) -> Res<App> {
        Self::start_full(display, home, db, env, &[]).await
    }

    /// Starts the app as `liaison ARGS…` (files to open).
    async fn start_full(display: &Display, home: &Path, db: &Path, env: &[(&str, &str)], args: &[&Path]) -> Res<App> {
        let (port, native) = (free_port(), free_port());
        let mut command = Command::new("tauri-driver");
        display.env(&mut command);
        // English unless a test says otherwise, whatever the machine's
        // language (the page follows the system's).
        command.env("LANG", "C.UTF-8").env_remove("LANGUAGE").env_remove("LC_ALL").env_remove("LC_MESSAGES");
        command.envs(env.iter().copied());
        let driver = Driver(
            command
                .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
                .env("LIAISON_DB", db)
                // Window state and WebKit caches stay inside the test's folder.
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("XDG_DATA_HOME", home.join("data"))
                .env("XDG_CACHE_HOME", home.join("cache"))
                .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
                // The file dialogs read and write here instead of opening.
                .env("LIAISON_TEST_DIALOG_DIR", dialog_dir(home))
                // "Open" notes the file here instead of starting a viewer.
                .env("LIAISON_TEST_OPEN_LOG", home.join("opened.txt"))
                .env_remove("WAYLAND_DISPLAY")
                // The app's own output arrives through tauri-driver; keep it.
                .stdout(Stdio::from(std::fs::File::create(home.join("driver.log"))?))
                .stderr(Stdio::from(std::fs::OpenOptions::new().append(true).open(home.join("driver.log"))?))
                .spawn()
                .expect("tauri-driver (scripts/test installs it)"),
        );
        step(|| format!("starting tauri-driver on port {port}"));
        poll_until(Duration::from_secs(20), async || {
            Ok(TcpStream::connect(("127.0.0.1", port))
                .map(drop)
                .map_err(|e| format!("tauri-driver did not start: {e}")))
        })
        .await?;
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), json!({ "application": window_binary(), "args": args }));
        caps.insert("browserName".into(), json!("wry"));
        // Creating the session starts the app through WebKitWebDriver. Now
        // and then (seen right after a rebuild) the driver drops that first
        // connection before answering; the app never started, so asking again
        // is safe. Anything else fails the test.
        step(|| "starting the app (a new WebDriver session)".into());
        let mut attempt = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e @ (NewSessionError::Lost(_) | NewSessionError::FailedC(_))) if attempt < 2 => {
                    attempt += 1;
                    eprintln!("new session lost ({e}); asking again");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => return Err(e.into()),
            }
        };
        let session = client.session_id().await?.unwrap_or_default();
        let app = App { client: Some(client), session, port, _driver: driver };
        app.wait_for("[data-ready]").await?;
        Ok(app)
    }

    fn c(&self) -> &Client {
        self.client.as_ref().expect("session open")
    }

    /// Closes the window (ending the app), then tauri-driver. Fails if the
    /// page saw an error that nothing caught (ui/src/lib/uncaught.ts).
    async fn quit(mut self) -> Res {
        let uncaught = self.close_window().await?;
        self.wait_ended().await?;
        match uncaught.as_str() {
            Some(error) => Err(format!("the page had an uncaught error: {error}").into()),
            None => Ok(()),
        }
    }

    /// Closes the window by ending the WebDriver session, which ends the
    /// app, without waiting for it to have ended; says the page's uncaught
    /// error, if it saw one.
    async fn close_window(&mut self) -> Res<Value> {
        step(|| "closing the app".into());
        let uncaught = self.js("return document.documentElement.dataset.uncaught ?? null").await?;
        if let Some(c) = self.client.take() {
            match c.close().await {
                // Ending the session ends the app; the connection may close
                // before the reply arrives. Anything WebDriver says is an error.
                Ok(()) | Err(fantoccini::error::CmdError::FailedC(_)) => {}
                Err(e) => return Err(format!("closing the session: {e}").into()),
            }
        }
        Ok(uncaught)
    }

    /// Waits until the app's processes have ended.
    async fn wait_ended(&self) -> Res {
        // The app ends with its session, in about 0.1 s here. Until it has,
        // it holds its database's single-instance name, and a Liaison started
        // on that database meanwhile hands its arguments to the one ending and
        // exits: a test that starts the app again on the same database then
        // waits for a window that never comes (the restart test hung there
        // once, in a run of the suite under load). So the
        // app's processes must be gone first, and a Liaison still running
        // long after its window was closed is a failure of its own.
        step(|| "waiting for the app's processes to end".into());
        let driver = self._driver.0.id();
        poll_until(Duration::from_secs(20), async || {
            let left: Vec<_> =
                live_descendants(driver).into_iter().filter(|(_, name)| name != "WebKitWebDriver").collect();
            Ok(if left.is_empty() {
                Ok(())
            } else {
                Err(format!("still running 20 s after the window was closed: {left:?}"))
            })
        })
        .await
    }

    /// What the page shows, for a wait that timed out: its heading, open
    /// dialog and messages, so that a failure on CI says where the window
    /// was instead of only what it was not. Best effort: a page that cannot
    /// answer says so.
    async fn shown(&self) -> String {
        let script = "const text = (e) => e ? e.textContent.replace(/\\s+/g, ' ').trim().slice(0, 200) : null;
            return { heading: text(document.querySelector('h1')), dialog: text(document.querySelector('dialog[open]')),
                     toasts: [...document.querySelectorAll('.toast')].map(text), focused: document.activeElement?.tagName ?? null };";
        match tokio::time::timeout(Duration::from_secs(5), self.c().execute(script, vec![])).await {
            Ok(Ok(v)) => format!("the page shows {v}"),
            Ok(Err(e)) => format!("the page did not say what it shows ({e})"),
            Err(_) => "the page did not say what it shows within 5 s".into(),
        }
    }

    /// Gives the window a new size and waits until the page has been laid
    /// out and drawn at it. WebDriver answers once the window has its size,
    /// not once the page has drawn itself at that size; a click or a
    /// screenshot straight after could still meet the old layout.
    async fn resize(&self, width: u32, height: u32) -> Res {
        step(|| format!("resizing the window to {width}×{height}"));
        let size = "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]";
        let chrome = self.js(size).await?;
        let (dw, dh) = (chrome[0].as_i64().unwrap_or(0), chrome[1].as_i64().unwrap_or(0));
        let want = json!([i64::from(width) - dw, i64::from(height) - dh]);
        self.c().set_window_rect(0, 0, width, height).await?;
        // Two frames: the first is drawn with the new size's layout, the
        // second starts once that one is on screen.
        let frames = "const done = arguments[arguments.length - 1];
            requestAnimationFrame(() => requestAnimationFrame(() => done([window.innerWidth, window.innerHeight])));";
        poll_until(Duration::from_secs(10), async || {
            let seen = self.c().execute_async(frames, vec![]).await?;
            Ok(if seen == want {
                Ok(())
            } else {
                Err(format!("the window asked for {width}×{height} shows a page of {seen}, not {want}"))
            })
        })
        .await
    }

    async fn wait_for(&self, css: &str) -> Res<Element> {
        step(|| format!("waiting for {css}"));
        match self.c().wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await {
            Ok(e) => Ok(e),
            Err(e) => Err(format!("waiting for {css}: {e}; {}", self.shown().await).into()),
        }
    }

    async fn wait_xpath(&self, xpath: &str) -> Res<Element> {
        step(|| format!("waiting for {xpath}"));
        match self.c().wait().at_most(Duration::from_secs(20)).for_element(Locator::XPath(xpath)).await {
            Ok(e) => Ok(e),
            Err(e) => Err(format!("waiting for {xpath}: {e}; {}", self.shown().await).into()),
        }
    }

    /// Does `act` again, three times in all, when it met an element that
    /// the page had drawn anew since `act` found it: a team database's data
    /// arriving after a reconnection redraws the open form, and the click
    /// on Save that followed failed in CI on the button it had just found
    /// (a stale element). A person uses the control that is there; any
    /// other failure fails at once. Each retry is written down in
    /// [`REDRAWS`], which the test command counts.
    async fn fresh<T>(&self, what: &str, act: impl AsyncFnMut() -> Res<T>) -> Res<T> {
        retry_stale(&artifacts().join(REDRAWS), what, act).await
    }

    async fn click(&self, text: &str) -> Res {
        // Buttons, and links (a visit's title in the list).
        let xpath = format!("//*[self::button or self::a][normalize-space()={}]", quote(text));
        self.fresh(&format!("clicking {text:?}"), async || {
            let b = self.wait_xpath(&xpath).await?;
            step(|| format!("clicking {text:?}"));
            b.click().await?;
            Ok(())
        })
        .await
    }

    /// The text of the element `css` finds, once there is one.
    async fn text(&self, css: &str) -> Res<String> {
        self.fresh(&format!("reading {css}"), async || Ok(self.wait_for(css).await?.text().await?)).await
    }

    /// The control a label names (exactly, or by its beginning with `…`).
    async fn field(&self, label: &str) -> Res<Element> {
        // The label's own text: a required field's "*" is a separate,
        // aria-hidden element and not part of its name.
        let test = match label.strip_suffix('…') {
            Some(start) => format!("starts-with(normalize-space(text()[1]), {})", quote(start)),
            None => format!("normalize-space(text()[1])={}", quote(label)),
        };
        let l = self.wait_xpath(&format!("//label[{test}]")).await?;
        let id = l.attr("for").await?.ok_or("label without for")?;
        Ok(self.c().find(Locator::Id(&id)).await?)
    }

    /// Waits until the field labelled `label` holds `expected`. The page may
    /// draw the field again meanwhile (data arriving after a reconnection):
    /// an element gone stale is looked up afresh.
    async fn wait_value(&self, label: &str, expected: &str) -> Res {
        step(|| format!("waiting until {label} holds {expected:?}"));
        poll_until(Duration::from_secs(10), async || {
            // A failure to find or read the field is a "not yet" here.
            let seen = match self.field(label).await {
                Ok(f) => f.prop("value").await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            Ok(match seen {
                Ok(v) if v.as_deref() == Some(expected) => Ok(()),
                Ok(v) => Err(format!("{label} holds {v:?}, not {expected:?}")),
                Err(e) => Err(format!("{label} could not be read ({e}), wanted {expected:?}")),
            })
        })
        .await
    }

    /// Types into a text field, as a person would.
    async fn type_in(&self, label: &str, text: &str) -> Res {
        self.fresh(&format!("typing in {label:?}"), async || {
            let f = self.field(label).await?;
            f.clear().await?;
            // WebKitWebDriver refuses to send no keys at all.
            if !text.is_empty() {
                f.send_keys(text).await?;
            }
            Ok(())
        })
        .await
    }

    /// Sets a date, time or select control; WebKit's date pickers take no
    /// typing, so the value is set and the input events a person's choice
    /// would cause are sent.
    async fn set(&self, label: &str, value: &str) -> Res {
        let f = self.field(label).await?;
        if f.attr("data-part").await?.is_some() {
            return self.type_date(&f, value).await;
        }
        let id = f.attr("id").await?.ok_or("control without id")?;
        // Focused first, as a person's choice would: a list may fill itself
        // only then (the calendar's zones).
        self.c().execute("document.getElementById(arguments[0]).focus()", vec![json!(id)]).await?;
        self.c()
            .execute(
                "const el = document.getElementById(arguments[0]);
                 if (el.tagName === 'SELECT' && ![...el.options].some(o => o.value === arguments[1])) {
                   const o = [...el.options].find(o => o.text.includes(arguments[1]));
                   if (!o) throw new Error('no option ' + arguments[1]);
                   el.value = o.value;
                 } else { el.value = arguments[1]; }
                 el.dispatchEvent(new Event('input', { bubbles: true }));
                 el.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![json!(id), json!(value)],
            )
            .await?;
        Ok(())
    }

    /// Types "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" into one of Liaison's date
    /// fields part by part, as a person would: each part is emptied, then its
    /// digits typed (the field moves on by itself when a part is full); a
    /// month shown by name is chosen from its list.
    async fn type_date(&self, first: &Element, value: &str) -> Res {
        let group = first.find(Locator::XPath("./ancestor::div[@data-datetime][1]")).await?;
        let (date, time) = value.split_once('T').unwrap_or((value, ""));
        let mut d = date.splitn(3, '-');
        let (year, month, day) = (d.next().unwrap_or(""), d.next().unwrap_or(""), d.next().unwrap_or(""));
        let (hour, minute) = time.split_once(':').unwrap_or(("", ""));
        for part in group.find_all(Locator::Css("[data-part]")).await? {
            let text = match part.attr("data-part").await?.as_deref() {
                Some("year") => year,
                Some("month") => month,
                Some("day") => day,
                Some("hour") => hour,
                Some("minute") => minute,
                other => return Err(format!("a date field with a part {other:?}").into()),
            };
            if part.tag_name().await? == "select" {
                part.select_by_value(text).await?;
                continue;
            }
            part.clear().await?;
            // WebDriver's clear says nothing to the page; an emptied part must
            // reach the field's value as typing would.
            self.c()
                .execute("arguments[0].dispatchEvent(new Event('input', { bubbles: true }))", vec![json!(part)])
                .await?;
            if !text.is_empty() {
                part.send_keys(text).await?;
            }
        }
        Ok(())
    }

    /// Chooses someone in a person picker: types part of the name, as a
    /// person would, and clicks the match the search offers.
    async fn choose(&self, label: &str, name: &str) -> Res {
        self.type_in(label, name).await?;
        let option = self
            .wait_xpath(&format!(
                "//ul[@role='listbox']/li[@role='option'][contains(normalize-space(), {})]",
                quote(name)
            ))
            .await?;
        option.click().await?;
        let chosen = self.field(label).await?.prop("value").await?.unwrap_or_default();
        if !chosen.contains(name) {
            return Err(format!("{label}: chose {chosen:?}, not {name:?}").into());
        }
        Ok(())
    }

    async fn texts(&self, css: &str) -> Res<Vec<String>> {
        step(|| format!("reading the texts of {css}"));
        let mut out = Vec::new();
        for e in self.c().find_all(Locator::Css(css)).await? {
            out.push(e.text().await?.trim().to_owned());
        }
        Ok(out)
    }

    async fn js(&self, script: &str) -> Res<Value> {
        step(|| format!("running {:?}", script.chars().take(80).collect::<String>()));
        Ok(self.c().execute(script, vec![]).await?)
    }

    /// Switches the window's language as the menu in its corner does (a
    /// change event on the select, which the page listens for), for tests
    /// that look at the other language after doing something in one.
    async fn set_language(&self, code: &str) -> Res {
        let code = serde_json::to_string(code)?;
        self.js(&format!(
            "const s = document.querySelector('select.language'); s.value = {code}; \
             s.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        ))
        .await?;
        Ok(())
    }

    async fn tab(&self, id: &str) -> Res {
        self.wait_for(&format!("#tab-{id}")).await?.click().await?;
        Ok(())
    }

    /// Waits until `css` matches `n` elements.
    async fn wait_count(&self, css: &str, n: usize) -> Res {
        step(|| format!("waiting for {n} of {css}"));
        poll_until(Duration::from_secs(20), async || {
            let found = self.c().find_all(Locator::Css(css)).await?.len();
            Ok(if found == n { Ok(()) } else { Err(format!("{css}: {found} elements, wanted {n}")) })
        })
        .await
    }

    /// Nothing wider than the window: no horizontal scrolling anywhere.
    async fn assert_no_overflow(&self, what: &str) -> Res {
        let v = self
            .js("const wide = [...document.querySelectorAll('body *')].filter(e => {
                   // Text only for screen readers is clipped to nothing, wherever it lies.
                   if (e.closest('.visually-hidden, .sr-only')) return false;
                   const r = e.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 1; });
                 return { inner: window.innerWidth, page: document.documentElement.scrollWidth,
                          wide: wide.slice(0, 5).map(e => e.tagName + '.' + e.className) };")
            .await?;
        let inner = v["inner"].as_f64().unwrap_or(0.0);
        assert!(v["page"].as_f64().unwrap_or(f64::MAX) <= inner, "{what}: page wider than the window: {v}");
        assert!(v["wide"].as_array().is_some_and(|a| a.is_empty()), "{what}: elements past the right edge: {v}");
        self.assert_top_bar_on_one_line(what).await
    }

    /// The top bar keeps to one line in English and Chinese at 1024 pixels
    /// and wider, whatever the database shows in it: a wrapped bar pushes
    /// its last buttons under the brand, which no overflow check sees. The
    /// pseudo-locale, 40% longer than English, may wrap: that is the bar's
    /// fallback for a longer language, not its look.
    async fn assert_top_bar_on_one_line(&self, what: &str) -> Res {
        let v = self
            .js("const bar = document.querySelector('header.topbar');
                 const items = [...bar.children].map(e => [e, e.getBoundingClientRect()])
                   .filter(([e, r]) => r.width > 0 && r.height > 0 && !e.classList.contains('visually-hidden'));
                 const first = items[0][1];
                 return { lang: document.documentElement.lang, inner: window.innerWidth, items: items.length,
                          below: items.filter(([e, r]) => r.top >= first.bottom)
                            .map(([e, r]) => e.tagName + '.' + e.className + ' ' + JSON.stringify(e.textContent.trim().slice(0, 30))),
                          widths: items.map(([e, r]) => [e.textContent.trim().slice(0, 12), Math.round(r.width)]),
                          gap: getComputedStyle(bar).columnGap, padding: getComputedStyle(bar).paddingLeft };")
            .await?;
        if v["lang"] == "en-XA" {
            return Ok(());
        }
        // The brand, the five sections and at least the help button.
        assert!(v["items"].as_u64().is_some_and(|n| n >= 4), "{what}: the top bar was not found whole: {v}");
        assert!(
            v["below"].as_array().is_some_and(|a| a.is_empty()),
            "{what}: the top bar wraps onto a second line: {v}"
        );
        Ok(())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A test that failed half-way still ends the session, which ends the
        // app; tauri-driver is stopped next, when `_driver` drops.
        if self.client.is_some() {
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.port)) {
                // Bounded: a driver whose app has gone by itself (the window
                // closed as a person closes it) may never answer, and a
                // test must not hang in its clean-up.
                let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
                let _ = s.set_write_timeout(Some(Duration::from_secs(10)));
                let _ = write!(
                    s,
                    "DELETE /session/{} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    self.session
                );
                let _ = std::io::Read::read(&mut s, &mut [0u8; 512]);
            }
        }
    }
}

/// Where "saved" calendar files go and where `import.ics` is "opened" from.
fn dialog_dir(home: &Path) -> PathBuf {
    let dir = home.join("files");
    std::fs::create_dir_all(&dir).expect("dialog folder");
    dir
}

/// The file in `tests/artifacts` where every retry of [`retry_stale`] in
/// the window tests is a line, named by its test. cargo test keeps a
/// passing test's standard error to itself, so the test command reads the
/// count here: how often the page redraws under a test is worth knowing
/// even when the retry saved it.
const REDRAWS: &str = "redraws.log";

/// Does `act` again, three times in all, while it fails on a stale element,
/// adding a line to `log` for each retry; see [`App::fresh`].
async fn retry_stale<T>(log: &Path, what: &str, mut act: impl AsyncFnMut() -> Res<T>) -> Res<T> {
    let mut tries = 1;
    loop {
        match act().await {
            Err(e) if tries < 3 && is_stale(&*e) => {
                let said = format!("{what}: the page drew it anew, once more");
                // The test's thread is named after it (libtest's runner).
                let test = std::thread::current().name().unwrap_or("a test").to_owned();
                let mut file = std::fs::OpenOptions::new().create(true).append(true).open(log)?;
                // One write of one line: the tests running beside this one
                // append to the same file, and their lines do not mix.
                file.write_all(format!("{test}: {said}\n").as_bytes())?;
                eprintln!("{said}");
                step(|| said);
                tries += 1;
            }
            done => return done,
        }
    }
}

/// Whether a WebDriver command failed on an element the page no longer holds.
///
/// WebKitWebDriver says so in two ways: the standard "stale element
/// reference", and, when the element leaves the document while the command
/// is under way (its own script hands the node back and finds it gone),
/// another status with the message "Stale element found when trying to
/// create the node handle". CI met the second once, on a click in the
/// visits list that a finished import was redrawing; it is as transient as
/// the first, so it is tried again as the first is.
fn is_stale(e: &(dyn std::error::Error + 'static)) -> bool {
    e.downcast_ref::<fantoccini::error::CmdError>().is_some_and(|e| {
        e.is_stale_element_reference()
            || matches!(e, fantoccini::error::CmdError::Standard(w) if w.message.contains("Stale element found"))
    })
}

/// An XPath string literal.
fn quote(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("concat('{}')", s.replace('\'', "', \"'\", '"))
    }
}

tokio::task_local! {
    /// The steps of the test running in this task, for [`within`].
    static TRAIL: Trail;
}

/// The last steps a test took, each with when it began. A test that runs
/// out of time names the WebDriver command it was waiting on, and whether
/// it hung at one step or went slowly through many (one such failure in
/// CI said only that the test took longer than its limit).
#[derive(Clone)]
struct Trail(std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<(Duration, String)>>>, Instant);

impl Trail {
    const KEPT: usize = 12;

    fn push(&self, what: String) {
        let mut steps = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if steps.len() == Self::KEPT {
            steps.pop_front();
        }
        steps.push_back((self.1.elapsed(), what));
    }

    /// The steps, the last one said to be `last`.
    fn told(&self, last: &str) -> String {
        let steps = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if steps.is_empty() {
            return "no step was taken".into();
        }
        let lines: Vec<String> =
            steps.iter().map(|(at, what)| format!("  at {:>6.1} s: {what}", at.as_secs_f64())).collect();
        format!("its last steps ({last}):\n{}", lines.join("\n"))
    }
}

/// Notes a step of the running test, if it runs [`within`] a limit.
fn step(what: impl FnOnce() -> String) {
    let _ = TRAIL.try_with(|t| t.push(what()));
}

/// A hung WebDriver command fails the test instead of stalling the run, and
/// a failure of either kind lists the steps that led to it.
async fn within(limit: Duration, steps: impl std::future::Future<Output = Res>) -> Res {
    let trail = Trail(Default::default(), Instant::now());
    match tokio::time::timeout(limit, TRAIL.scope(trail.clone(), steps)).await {
        Ok(Ok(())) => Ok(()),
        // A failure names its step too: one in CI said only "stale element".
        Ok(Err(e)) => Err(format!("{e}; {}", trail.told("it failed at the last one or after it")).into()),
        Err(_) => Err(format!("the test took longer than {limit:?}; {}", trail.told("the last one unfinished")).into()),
    }
}

/// Asks `check` every 50 ms until it answers `Ok`, for at most `limit`;
/// past that, its last `Err(seen)`, which says what it saw instead, is the
/// failure. An error of `check`'s own (WebDriver's, the file system's)
/// fails at once. One loop for every wait, so that none of them waits
/// forever or forgets to say what it last saw.
async fn poll_until<T>(limit: Duration, mut check: impl AsyncFnMut() -> Res<Result<T, String>>) -> Res<T> {
    let until = Instant::now() + limit;
    loop {
        match check().await? {
            Ok(done) => return Ok(done),
            Err(seen) if Instant::now() > until => return Err(seen.into()),
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

#[tokio::test]
async fn a_wait_that_runs_out_says_what_it_saw_last_and_one_that_is_answered_returns_the_answer() {
    let mut asked = 0;
    let started = Instant::now();
    let e = poll_until(Duration::from_millis(300), async || {
        asked += 1;
        Ok(Err::<(), _>(format!("seen {asked} times")))
    })
    .await
    .expect_err("never answered");
    assert!(started.elapsed() >= Duration::from_millis(300), "gave up early");
    assert!(asked > 1, "asked once only");
    assert_eq!(e.to_string(), format!("seen {asked} times"));
    let mut left = 3;
    let answer = poll_until(Duration::from_secs(5), async || {
        left -= 1;
        Ok(if left == 0 { Ok("answered") } else { Err("not yet".to_owned()) })
    })
    .await
    .expect("answered on the third asking");
    assert_eq!((answer, left), ("answered", 0));
    // An error of the check's own ends the wait at once.
    let mut tries = 0;
    let e = poll_until(Duration::from_secs(5), async || -> Res<Result<(), String>> {
        tries += 1;
        Err("the page is gone".into())
    })
    .await
    .expect_err("failed check");
    assert_eq!((e.to_string().as_str(), tries), ("the page is gone", 1));
}

#[tokio::test]
async fn a_stale_element_is_tried_again_twice_and_each_retry_is_written_down() {
    use fantoccini::error::{CmdError, ErrorStatus, WebDriver};
    let stale = || -> Box<dyn std::error::Error> {
        Box::new(CmdError::Standard(WebDriver::new(ErrorStatus::StaleElementReference, "drawn anew")))
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join(REDRAWS);
    let lines = || std::fs::read_to_string(&log).unwrap_or_default().lines().map(str::to_owned).collect::<Vec<_>>();
    // Stale once, then done: one retry, one line, named by this test.
    let mut tries = 0;
    let done = retry_stale(&log, "clicking \"Save\"", async || {
        tries += 1;
        if tries == 1 {
            Err(stale())
        } else {
            Ok(tries)
        }
    })
    .await
    .expect("the second try succeeds");
    assert_eq!(done, 2);
    assert_eq!(
        lines(),
        ["a_stale_element_is_tried_again_twice_and_each_retry_is_written_down: clicking \"Save\": the page drew it anew, once more"]
    );
    // Stale every time: three tries, then the stale error; two more lines.
    let mut tries = 0;
    let e = retry_stale(&log, "typing", async || -> Res<()> {
        tries += 1;
        Err(stale())
    })
    .await
    .expect_err("stale three times");
    assert!(is_stale(&*e), "{e}");
    assert_eq!((tries, lines().len()), (3, 3));
    // WebKit's other way of saying it (a node gone while the command ran,
    // under another status) is tried again too: one more line.
    let mut tries = 0;
    let done = retry_stale(&log, "clicking \"Import calendar…\"", async || {
        tries += 1;
        if tries == 1 {
            Err(Box::new(CmdError::Standard(WebDriver::new(
                ErrorStatus::UnknownError,
                "Stale element found when trying to create the node handle",
            ))) as Box<dyn std::error::Error>)
        } else {
            Ok(tries)
        }
    })
    .await
    .expect("the second try succeeds");
    assert_eq!((done, lines().len()), (2, 4));
    // Any other failure fails at once, and is not written down.
    let mut tries = 0;
    retry_stale(&log, "typing", async || -> Res<()> {
        tries += 1;
        Err("no such element".into())
    })
    .await
    .expect_err("not stale");
    assert_eq!((tries, lines().len()), (1, 4));
}

#[tokio::test]
async fn a_test_out_of_time_names_the_steps_it_took_and_the_one_it_hung_at() {
    let hung = within(Duration::from_millis(300), async {
        step(|| "clicking \"Save\"".into());
        step(|| "waiting for #never".into());
        std::future::pending::<()>().await;
        Ok(())
    })
    .await;
    let told = hung.expect_err("a test that never ends runs out of time").to_string();
    assert!(told.contains("longer than 300ms"), "{told}");
    assert!(told.contains("clicking \"Save\"\n") && told.ends_with("waiting for #never"), "{told}");
    // A test that fails names the step it failed at.
    let failed = within(Duration::from_secs(5), async {
        step(|| "clicking \"Save\"".into());
        Err("stale element".into())
    })
    .await;
    let told = failed.expect_err("a failure stays one").to_string();
    assert!(
        told.starts_with("stale element; ")
            && told.ends_with("the last one or after it):\n  at    0.0 s: clicking \"Save\""),
        "{told}"
    );
    // A step outside a limit goes nowhere, and does not fail.
    step(|| "unlimited".into());
    within(Duration::from_secs(5), async { Ok(()) }).await.expect("a test in time passes");
}

fn artifacts() -> PathBuf {
    let dir = root().join("tests/artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn new_visit(app: &App, title: &str, start: &str, end: &str) -> Res {
    app.click("New visit").await?;
    app.type_in("Title", title).await?;
    app.set("Start (visit's time)", start).await?;
    app.set("End (visit's time)", end).await?;
    app.type_in("Time zone", "Asia/Shanghai").await?;
    app.set("Kind", "incoming_delegation").await?;
    app.set("Status", "confirmed").await?;
    app.click("Create visit").await?;
    Ok(())
}

/// Loads the sample from the first-run screen and opens its visit.
async fn open_sample(app: &App) -> Res {
    app.click("Load sample visit").await?;
    app.click(SAMPLE_TITLE).await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    Ok(())
}

const SAMPLE_TITLE: &str = "IPRCC delegation visits the National Institute of Vocational Education";

async fn add_person(app: &App, name: &str, chinese: &str, title: &str, side: &str, role: &str) -> Res {
    app.type_in("Name in Latin letters", name).await?;
    app.type_in("Name in Chinese", chinese).await?;
    app.type_in("Title", title).await?;
    app.set("Side", side).await?;
    app.set("Role", role).await?;
    app.click("Add participant").await?;
    Ok(())
}

async fn add_item(app: &App, title: &str, start: &str, end: &str) -> Res {
    app.click("Add agenda item").await?;
    app.type_in("Title", title).await?;
    app.set("Start…", start).await?;
    app.set("End…", end).await?;
    app.click("Add to agenda").await?;
    app.wait_xpath(&format!("//strong[contains(@class, 'title') and normalize-space()={}]", quote(title))).await?;
    Ok(())
}

async fn add_follow_up(app: &App, title: &str, owner: &str, due: &str) -> Res {
    app.click("Add follow-up").await?;
    app.type_in("What was agreed", title).await?;
    app.choose("Owner", owner).await?;
    app.set("Due date", due).await?;
    app.click("Save follow-up").await?;
    app.wait_xpath(&format!(
        "//table[contains(@class, 'followups')]//td[starts-with(normalize-space(), {})]",
        quote(title)
    ))
    .await?;
    Ok(())
}

/// What a visit page shows, in order.
#[derive(Debug, PartialEq)]
struct Seen {
    hosts: Vec<String>,
    guests: Vec<String>,
    agenda: Vec<String>,
    follow_ups: Vec<String>,
}

async fn read_visit(app: &App) -> Res<Seen> {
    app.tab("participants").await?;
    app.wait_for("ol.people li").await?;
    let hosts = app.texts("section[aria-labelledby='side-host'] ol.people li .name").await?;
    let guests = app.texts("section[aria-labelledby='side-guest'] ol.people li .name").await?;
    app.tab("agenda").await?;
    app.wait_for(".timeline .title").await?;
    let agenda = app.texts(".timeline .title").await?;
    app.tab("follow-ups").await?;
    app.wait_for("table.followups tbody tr").await?;
    let follow_ups = app.texts("table.followups tbody tr td:first-child").await?;
    Ok(Seen { hosts, guests, agenda, follow_ups })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visit_planned_in_the_window_is_all_there_after_a_restart() -> Res {
    within(Duration::from_secs(180), a_visit_planned_in_the_window_is_all_there_after_a_restart_steps()).await
}

async fn a_visit_planned_in_the_window_is_all_there_after_a_restart_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");

    let app = App::start(&display, home.path(), &db).await?;
    app.wait_xpath("//h1[normalize-space()='Plan your first visit']").await?;
    new_visit(&app, "中国国际扶贫中心代表团来访 — IPRCC delegation visit", "2027-06-11T09:00", "2027-06-11T12:00")
        .await?;

    // On to the participants: two on each side, Chinese and English names.
    app.click("Add participant…").await?;
    add_person(&app, "He Zhen", "和震", "Dean", "host", "host").await?;
    app.wait_count("ol.people li", 1).await?;
    add_person(&app, "Li Na", "李娜", "Liaison officer", "host", "liaison_officer").await?;
    app.wait_count("ol.people li", 2).await?;
    add_person(&app, "Zhang Huidong", "张惠东", "Deputy Director General", "guest", "head_of_delegation").await?;
    app.wait_count("ol.people li", 3).await?;
    add_person(&app, "Anna Müller", "", "Programme officer", "guest", "member").await?;
    app.wait_count("ol.people li", 4).await?;

    app.tab("agenda").await?;
    add_item(&app, "Welcome 欢迎", "2027-06-11T09:00", "2027-06-11T09:30").await?;
    add_item(&app, "Talks on cooperation", "2027-06-11T09:30", "2027-06-11T11:00").await?;
    add_item(&app, "Tour of the training centre", "2027-06-11T11:00", "2027-06-11T12:00").await?;

    app.tab("follow-ups").await?;
    add_follow_up(&app, "Share video course resources", "Zhang Huidong", "2027-07-15").await?;
    add_follow_up(&app, "Plan a joint seminar", "He Zhen", "2027-09-30").await?;

    assert!(app.c().title().await?.contains("Liaison"));

    // A second launch hands over to the first window and exits.
    let mut second = Command::new(binary());
    display.env(&mut second);
    second
        .env("LIAISON_DB", &db)
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut second = second.spawn()?;
    let status =
        exit_within(&mut second, Duration::from_secs(20), "a second launch kept running beside the first").await?;
    assert!(status.success(), "second launch: {status}");
    app.wait_for("#visit-title").await?; // the first is still there

    // A size chosen now is the size next time.
    app.c().set_window_size(1100, 720).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let before = read_visit(&app).await?;
    assert_eq!(before.hosts, ["He Zhen", "Li Na"]);
    assert_eq!(before.guests, ["Zhang Huidong", "Anna Müller"]);
    assert_eq!(before.agenda, ["Welcome 欢迎", "Talks on cooperation", "Tour of the training centre"]);
    assert_eq!(before.follow_ups.len(), 2);
    app.quit().await?;

    // Start again on the same database.
    let app = App::start(&display, home.path(), &db).await?;
    app.wait_for("[data-loaded] table.visits").await?;
    let (_, _, width, height) = app.c().get_window_rect().await?;
    assert_eq!((width, height), (1100, 720), "the window size was not remembered");
    app.c().set_window_size(1280, 800).await?;
    app.click("中国国际扶贫中心代表团来访 — IPRCC delegation visit").await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    let after = read_visit(&app).await?;
    assert_eq!(after, before);

    // Chinese names are drawn with a CJK font, not boxes: the width of a
    // Chinese string matches that of a font that has the glyphs.
    app.tab("participants").await?;
    app.wait_for("ol.people li").await?;
    let fonts = app.js("return document.fonts.check('16px \"Noto Sans CJK SC\"', '和震')").await?;
    assert_eq!(fonts, json!(true), "no CJK font found");

    app.tab("agenda").await?;
    app.wait_for(".timeline .title").await?;
    app.assert_no_overflow("agenda at 1280×800").await?;
    display.screenshot(&artifacts().join("visit-agenda-1280x800.png"));
    app.tab("participants").await?;
    app.wait_for("ol.people li").await?;
    app.assert_no_overflow("participants at 1280×800").await?;
    display.screenshot(&artifacts().join("visit-participants-1280x800.png"));
    app.quit().await?;

    // The command line sees the same visit.
    let list: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"])))?;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_end_before_its_start_is_shown_at_that_field_and_nothing_is_saved() -> Res {
    within(Duration::from_secs(180), an_end_before_its_start_is_shown_at_that_field_and_nothing_is_saved_steps()).await
}

async fn an_end_before_its_start_is_shown_at_that_field_and_nothing_is_saved_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.click("New visit").await?;
    app.type_in("Title", "Seminar on rural revitalisation").await?;
    app.set("Start (visit's time)", "2027-03-10T10:00").await?;
    app.set("End (visit's time)", "2027-03-10T09:00").await?;
    app.type_in("Time zone", "Europe/Zurich").await?;
    app.click("Create visit").await?;
    let err = app.wait_for("#new-visit-end-error").await?;
    assert_eq!(err.text().await?, "must be after the start");
    // The input says so to assistive technology, and what was typed is kept.
    let end = app.field("End (visit's time)").await?;
    assert_eq!(end.attr("aria-invalid").await?.as_deref(), Some("true"));
    assert_eq!(end.attr("aria-describedby").await?.as_deref(), Some("new-visit-end-error"));
    assert_eq!(app.field("Title").await?.prop("value").await?.as_deref(), Some("Seminar on rural revitalisation"));
    // Leaving asks first, because of the unsaved form.
    app.click("Visits").await?;
    app.wait_xpath("//dialog[@open]//p[contains(., 'unsaved changes')]").await?;
    app.click("Leave").await?;
    app.wait_xpath("//h1[normalize-space()='Plan your first visit']").await?;
    app.quit().await?;
    assert_eq!(ok(liaison(&db, &["visits", "--json"])).trim(), "[]");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn dates_and_times_are_typed_part_by_part_in_the_windows_language() -> Res {
    within(Duration::from_secs(180), dates_and_times_are_typed_part_by_part_in_the_windows_language_steps()).await
}

/// The parts of the date field `id`, in the order shown, with the text
/// between them, its value and its weekday.
async fn date_field(app: &App, id: &str) -> Res<Value> {
    app.js(&format!(
        "const g = document.getElementById('{id}').closest('[data-datetime]');
         return {{ parts: [...g.querySelectorAll('[data-part]')].map(e => e.dataset.part),
                  seps: [...g.querySelectorAll('.sep')].map(e => e.textContent),
                  tags: [...g.querySelectorAll('[data-part]')].map(e => e.tagName.toLowerCase()),
                  month: g.querySelector('[data-part=month]').tagName === 'SELECT'
                    ? g.querySelector('[data-part=month]').selectedOptions[0].text
                    : g.querySelector('[data-part=month]').value,
                  value: g.dataset.value, weekday: g.parentElement.querySelector('.weekday').textContent }};"
    ))
    .await
}

async fn dates_and_times_are_typed_part_by_part_in_the_windows_language_steps() -> Res {
    let display = Display::start(1024, 700);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1024, 700).await?;
    app.click("New visit").await?;
    app.type_in("Title", "Seminar on rural revitalisation").await?;
    // English: the day, the month by name, the year, then the time.
    let start = date_field(&app, "new-visit-start").await?;
    assert_eq!(start["parts"], json!(["day", "month", "year", "hour", "minute"]), "{start}");
    assert_eq!(start["tags"], json!(["input", "select", "input", "input", "input"]), "{start}");
    // The keyboard alone: the label leads to the first part, a full part
    // moves on, "/" leaves the month's list, the time follows the year.
    app.wait_xpath("//label[starts-with(normalize-space(), 'Start (visit')]").await?.click().await?;
    app.c().active_element().await?.send_keys("10").await?;
    let focused = app.js("return document.activeElement.dataset.part").await?;
    assert_eq!(focused, json!("month"), "a full day moves on to the month");
    app.c().active_element().await?.select_by_value("03").await?;
    app.c().active_element().await?.send_keys("/").await?;
    app.c().active_element().await?.send_keys("2027").await?;
    app.c().active_element().await?.send_keys("10").await?;
    app.c().active_element().await?.send_keys("00").await?;
    let start = date_field(&app, "new-visit-start").await?;
    assert_eq!(
        (start["value"].as_str(), start["weekday"].as_str()),
        (Some("2027-03-10T10:00"), Some("Wed")),
        "{start}"
    );
    assert_eq!(start["month"], "Mar");
    // ↑ and ↓ step a part, and the weekday follows.
    let day = app.c().find(Locator::Css("#new-visit-start")).await?;
    day.send_keys("\u{E013}").await?; // ↑
    assert_eq!(date_field(&app, "new-visit-start").await?["weekday"], "Thu");
    day.send_keys("\u{E015}").await?; // ↓
    assert_eq!(date_field(&app, "new-visit-start").await?["value"], "2027-03-10T10:00");
    app.set("End (visit's time)", "2027-02-30T12:00").await?;
    app.type_in("Time zone", "Europe/Zurich").await?;
    app.assert_no_overflow("the new visit form at 1024x700").await?;
    display.screenshot(&artifacts().join("date-fields-1024x700.png"));

    // Chinese at once: year, month and day with their words, the same value.
    app.wait_for("select[aria-label='Language']").await?.select_by_value("zh-CN").await?;
    app.wait_xpath("//label[normalize-space(text()[1])='标题']").await?;
    let start = date_field(&app, "new-visit-start").await?;
    assert_eq!(start["parts"], json!(["year", "month", "day", "hour", "minute"]), "{start}");
    assert_eq!(start["seps"], json!(["年", "月", "日", ":"]), "{start}");
    assert_eq!(start["tags"], json!(["input", "input", "input", "input", "input"]), "{start}");
    assert_eq!(
        (start["value"].as_str(), start["weekday"].as_str()),
        (Some("2027-03-10T10:00"), Some("星期三")),
        "{start}"
    );
    app.assert_no_overflow("the new visit form in Chinese at 1024x700").await?;
    display.screenshot(&artifacts().join("date-fields-zh-CN-1024x700.png"));
    // A day that does not exist is Rust's to refuse, at its field, in Chinese.
    app.click("创建来访").await?;
    let err = app.wait_for("#new-visit-end-error").await?;
    assert!(err.text().await?.contains("“2027-02-30T12:00”不是日期和时间"), "{}", err.text().await?);
    assert_eq!(ok(liaison(&db, &["visits", "--json"])).trim(), "[]");
    app.set("结束（来访当地时间）", "2027-03-10T12:00").await?;
    assert_eq!(date_field(&app, "new-visit-end").await?["weekday"], "星期三");
    // Lists typed the Chinese way: ， and 、 separate as a comma does.
    app.type_in("议题（以逗号分隔）", "扶贫，职业教育、研讨会").await?;
    app.click("创建来访").await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    app.quit().await?;
    let visits: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"])))?;
    let id = visits[0]["id"].as_str().ok_or("no visit")?;
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", id, "--json"])))?;
    assert_eq!(
        (shown["visit"]["start_local"].as_str(), shown["visit"]["end_local"].as_str()),
        (Some("2027-03-10T10:00"), Some("2027-03-10T12:00"))
    );
    assert_eq!(shown["visit"]["topics"], json!(["扶贫", "职业教育", "研讨会"]));
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_title_made_of_html_is_shown_as_text() -> Res {
    within(Duration::from_secs(180), a_title_made_of_html_is_shown_as_text_steps()).await
}

async fn a_title_made_of_html_is_shown_as_text_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let title = "<img src=x onerror=alert(1)>";
    let app = App::start(&display, home.path(), &db).await?;
    new_visit(&app, title, "2027-05-01T10:00", "2027-05-01T11:00").await?;
    let h1 = app.wait_for("[data-loaded] #visit-title").await?;
    assert_eq!(h1.text().await?, title);
    assert_eq!(app.js("return document.querySelectorAll('img').length").await?, json!(0));
    app.click("← Visits").await?;
    // The list marks itself loaded; rows drawn before that may be redrawn.
    app.wait_for(".page[data-loaded] table.visits").await?;
    let cell = app.wait_xpath("//table[contains(@class,'visits')]//a[contains(@class,'title')]").await?;
    assert_eq!(cell.text().await?, title);
    assert_eq!(app.js("return document.querySelectorAll('img').length").await?, json!(0));
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sample_visit_fits_a_1024_by_700_window() -> Res {
    within(Duration::from_secs(180), the_sample_visit_fits_a_1024_by_700_window_steps()).await
}

async fn the_sample_visit_fits_a_1024_by_700_window_steps() -> Res {
    let display = Display::start(1024, 700);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1024, 700).await?;
    open_sample(&app).await?;
    for tab in ["overview", "participants", "agenda", "follow-ups", "notes", "history"] {
        app.tab(tab).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.assert_no_overflow(&format!("{tab} at 1024×700")).await?;
        display.screenshot(&artifacts().join(format!("sample-{tab}-1024x700.png")));
    }
    // About: the version, the schemas it reads, and where the data is.
    app.c().find(Locator::Css("button[aria-label='Keyboard shortcuts']")).await?.click().await?;
    let version = app.text("#about-version").await?;
    assert!(version.contains("database schema") && version.contains(env!("CARGO_PKG_VERSION")), "{version}");
    let data = app.text("#about-data").await?;
    assert!(data.contains(&db.display().to_string()), "{data}");
    display.screenshot(&artifacts().join("about-1024x700.png"));
    app.click("Close").await?;

    // A control the page draws anew between being found and being used is
    // found again and used (App::fresh): here the first try meets the old
    // one, as a step of the team-database test did in CI (most likely its
    // click on Save, once the data reloaded after the server came back).
    let put = "document.getElementById('probe')?.remove();
        const b = document.createElement('button'); b.id = 'probe'; b.textContent = 'Probe';
        Object.assign(b.style, { position: 'fixed', top: '0', left: '0', zIndex: '9999' });
        b.addEventListener('click', () => { b.dataset.pressed = 'yes'; });
        document.body.append(b);";
    // The retry goes through App::fresh's own retry_stale, but writes to a
    // log of its own: the test command's count of redraws (REDRAWS) is then
    // the retries nobody planned, and this test reads its own line.
    let planned = home.path().join(REDRAWS);
    let (mut tries, mut stale) = (0, 0);
    retry_stale(&planned, "pressing the probe", async || {
        tries += 1;
        app.js(put).await?;
        let probe = app.wait_for("#probe").await?;
        if tries == 1 {
            app.js(put).await?;
        }
        let pressed = probe.click().await;
        stale += usize::from(pressed.as_ref().is_err_and(|e| e.is_stale_element_reference()));
        Ok(pressed?)
    })
    .await?;
    assert_eq!((tries, stale), (2, 1), "one stale click, then one on the new button");
    let written = std::fs::read_to_string(&planned)?;
    assert_eq!(
        written.lines().collect::<Vec<_>>(),
        ["the_sample_visit_fits_a_1024_by_700_window: pressing the probe: the page drew it anew, once more"],
        "the planned retry is written down, once"
    );
    assert_eq!(
        app.js("const b = document.getElementById('probe'); b.remove(); return b.dataset.pressed").await?,
        "yes"
    );

    app.click("Directory").await?;
    app.wait_for("[data-loaded] .list li button").await?;
    app.assert_no_overflow("directory at 1024×700").await?;
    display.screenshot(&artifacts().join("directory-1024x700.png"));

    // The directory is searched in Rust: by the Chinese name here, which an
    // English reader sees beside the Latin one.
    app.type_in("Filter people", "张惠东").await?;
    app.wait_count(".list li button", 1).await?;
    assert_eq!(app.texts(".list li button .primary").await?, ["Zhang Huidong"]);
    assert_eq!(app.texts(".list li button .beside").await?, ["张惠东"]);
    // Someone new in the directory joins the visit through the person picker.
    app.click("New person").await?;
    app.type_in("Name in Latin letters", "Li Wei").await?;
    app.type_in("Name in Chinese", "李伟").await?;
    app.type_in("Title or rank", "Programme Officer").await?;
    app.click("Create").await?;
    app.wait_xpath("//p[normalize-space()='No visits yet.']").await?;
    app.click("Visits").await?;
    app.click(SAMPLE_TITLE).await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    app.tab("participants").await?;
    app.click("Add participant…").await?;
    app.type_in("Person", "李").await?;
    let option =
        app.wait_xpath("//ul[@role='listbox']/li[@role='option'][contains(normalize-space(), 'Li Wei')]").await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    display.screenshot(&artifacts().join("person-picker-1024x700.png"));
    option.click().await?;
    app.set("Side", "host").await?;
    app.click("Add participant").await?;
    app.wait_xpath("//ol[contains(@class,'people')]/li[contains(@aria-label, 'Li Wei (李伟)')]").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_follow_up_is_marked_done_from_the_register_and_the_overdue_count_falls() -> Res {
    within(Duration::from_secs(240), a_follow_up_is_marked_done_from_the_register_and_the_overdue_count_falls_steps())
        .await
}

/// Waits until the count beside the navigation's tab that starts with
/// `tab` reads `n` ("" for none shown).
async fn wait_count_beside(app: &App, tab: &str, n: &str) -> Res {
    poll_until(Duration::from_secs(10), async || {
        let seen = app
            .c()
            .execute(
                "const b = [...document.querySelectorAll('nav .tab')].find(t => t.textContent.startsWith(arguments[0]));
                 const c = b && b.querySelector('.overdue [aria-hidden]'); return c ? c.textContent : '';",
                vec![json!(tab)],
            )
            .await?;
        Ok(if seen == json!(n) { Ok(()) } else { Err(format!("the count beside {tab} reads {seen}, not {n}")) })
    })
    .await
}

/// Waits until the navigation's overdue count reads `n` ("" for none shown).
async fn wait_overdue(app: &App, n: &str) -> Res {
    wait_count_beside(app, "Follow-ups", n).await
}

async fn a_follow_up_is_marked_done_from_the_register_and_the_overdue_count_falls_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1280, 800).await?;
    open_sample(&app).await?;
    // Every follow-up of the sample was due in 2021 and is still open.
    wait_overdue(&app, "5").await?;
    app.wait_xpath("//nav//button[starts-with(normalize-space(), 'Follow-ups')]").await?.click().await?;
    app.wait_count(".page[data-loaded] table.register tbody tr", 5).await?;
    assert_eq!(app.texts("table.register td.due .late.small").await?.len(), 5, "each row says it is overdue");
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_no_overflow("the register at 1280×800").await?;
    assert_nothing_cut_off_or_overlapping(&app, "the register at 1280×800").await?;
    display.screenshot(&artifacts().join("register-1280x800.png"));

    // One row's status, in the row.
    let title = "Propose joint poverty-reduction training courses on vocational education";
    let status = app.wait_xpath(&format!("//select[@aria-label={}]", quote(&format!("Status of “{title}”")))).await?;
    status.select_by_value("done").await?;
    // Done is no longer "still to do": it leaves the register's first view.
    app.wait_count("table.register tbody tr", 4).await?;
    wait_overdue(&app, "4").await?;
    assert!(!app.texts("table.register td.agreed").await?.iter().any(|t| t.starts_with(title)));

    // Two rows at once.
    let ticks = app.c().find_all(Locator::Css("table.register tbody td.tick input")).await?;
    assert_eq!(ticks.len(), 4);
    ticks[0].click().await?;
    ticks[1].click().await?;
    app.wait_xpath("//*[normalize-space()='2 selected']").await?;
    app.set("Set status to", "dropped").await?;
    app.click("Apply").await?;
    app.wait_count("table.register tbody tr", 2).await?;
    wait_overdue(&app, "2").await?;

    // Stored: the command line reads the same database.
    let register: Value =
        serde_json::from_str(&ok(liaison(&db, &["follow-ups", "--json", "--status", "done,dropped"])))?;
    assert_eq!(register["total"], 3, "{register}");
    let done: Vec<&str> = register["rows"]
        .as_array()
        .ok_or("rows")?
        .iter()
        .filter(|r| r["follow_up"]["status"] == "done")
        .filter_map(|r| r["follow_up"]["title"].as_str())
        .collect();
    assert_eq!(done, [title]);

    // Every status, in Chinese, in the smaller window.
    app.set("Status", "").await?;
    app.wait_count("table.register tbody tr", 5).await?;
    app.resize(1024, 700).await?;
    app.set_language("zh-CN").await?;
    app.wait_xpath("//h1[normalize-space()='后续事项登记']").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_no_overflow("the register in Chinese at 1024×700").await?;
    assert_nothing_cut_off_or_overlapping(&app, "the register in Chinese at 1024×700").await?;
    display.screenshot(&artifacts().join("register-zh-1024x700.png"));
    let owners = app
        .js("return [...document.querySelectorAll('table.register td.owner')].map(c => c.textContent.trim());")
        .await?;
    assert!(
        owners
            .as_array()
            .ok_or("owners")?
            .iter()
            .any(|t| t.as_str().is_some_and(|t| t.starts_with("张惠东 (Zhang Huidong)"))),
        "{owners}"
    );
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_visit_is_planned_from_an_earlier_one() -> Res {
    within(Duration::from_secs(180), a_new_visit_is_planned_from_an_earlier_one_steps()).await
}

async fn a_new_visit_is_planned_from_an_earlier_one_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    open_sample(&app).await?;
    app.click("New visit from this one…").await?;
    // The title comes filled in; a wrong day is named at its field.
    app.wait_value("Title of the new visit", SAMPLE_TITLE).await?;
    app.type_in("Title of the new visit", "IPRCC returns").await?;
    app.click("Create the visit").await?;
    app.wait_xpath("//dialog//p[contains(@class,'field-error') and contains(normalize-space(), 'is required')]")
        .await?;
    app.set("First day", "2027-06-10").await?;
    display.screenshot(&artifacts().join("copy-visit-1280x800.png"));
    app.click("Create the visit").await?;
    app.wait_xpath("//h1[@id='visit-title' and normalize-space()='IPRCC returns']").await?;
    app.wait_count(".timeline .title", 6).await?;
    let detail: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"])))?;
    let copy = detail.as_array().ok_or("visits")?.iter().find(|v| v["title"] == "IPRCC returns").ok_or("no copy")?;
    assert_eq!((copy["start_local"].as_str(), copy["status"].as_str()), (Some("2027-06-10T09:00"), Some("draft")));
    let id = copy["id"].as_str().ok_or("id")?.to_owned();

    // What is still open from the earlier visit is offered, and carried in.
    app.tab("follow-ups").await?;
    app.wait_xpath("//h2[starts-with(normalize-space(), '5 open from earlier visits with')]").await?;
    app.click("Show them").await?;
    app.wait_count("ul.offered li", 5).await?;
    display.screenshot(&artifacts().join("carry-offer-1280x800.png"));
    app.click("Carry all into this visit").await?;
    app.wait_count("table.carried tbody tr", 5).await?;
    assert!(app.c().find_all(Locator::Css("section.offer")).await?.is_empty(), "nothing left to offer");
    let title = "Agree how to share video course resources";
    app.wait_xpath(&format!("//button[@aria-label={}]", quote(&format!("Take “{title}” off this visit"))))
        .await?
        .click()
        .await?;
    app.wait_count("table.carried tbody tr", 4).await?;
    app.wait_xpath("//h2[starts-with(normalize-space(), '1 open from earlier visits with')]").await?;
    display.screenshot(&artifacts().join("carried-1280x800.png"));
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", &id, "--json"])))?;
    assert_eq!(shown["carried"].as_array().map(Vec::len), Some(4));
    assert_eq!(shown["earlier_open"][0]["follow_up"]["title"], title);

    // The register, of this visit alone: its own follow-ups (none; the
    // carried ones are the earlier visit's), then of every visit again.
    app.click("Open in the register").await?;
    app.wait_xpath("//*[contains(@class,'chip-filter')]//strong[normalize-space()='IPRCC returns']").await?;
    app.wait_xpath("//p[normalize-space()='No follow-ups match these filters.']").await?;
    app.c().find(Locator::Css("button[aria-label=\"Show every visit's\"]")).await?.click().await?;
    app.wait_count(".page[data-loaded] table.register tbody tr", 5).await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visits_tabs_are_kept_and_the_next_visit_is_shown_in_the_same_elements() -> Res {
    within(Duration::from_secs(180), a_visits_tabs_are_kept_and_the_next_visit_is_shown_in_the_same_elements_steps())
        .await
}

/// Marks the element `css` finds with a property the page knows nothing
/// of: the same element later still has it, one built anew does not.
async fn mark(app: &App, css: &str) -> Res {
    let css = serde_json::to_string(css)?;
    app.js(&format!("document.querySelector({css}).__liaisonKept = true;")).await?;
    Ok(())
}

async fn marked(app: &App, css: &str) -> Res<bool> {
    let css = serde_json::to_string(css)?;
    Ok(app.js(&format!("return document.querySelector({css})?.__liaisonKept === true;")).await? == Value::Bool(true))
}

/// Issue 15: WebKitGTK keeps memory for every element a page builds and
/// drops, so a visit's page keeps its tabs' panels and shows the next visit
/// in them (lib/keep.ts). What that must not change: a panel not shown is
/// not in the page at all, what was typed and dropped on leaving a tab is
/// gone when coming back, and the next visit shows its own data, not the
/// last one's.
async fn a_visits_tabs_are_kept_and_the_next_visit_is_shown_in_the_same_elements_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    open_sample(&app).await?;
    app.wait_value("Title", SAMPLE_TITLE).await?;
    mark(&app, "#visit-overview-title").await?;

    // Another tab: the form is out of the page, not hidden in it.
    app.tab("agenda").await?;
    app.wait_for(".timeline .title").await?;
    let day = app.text("section.day h2").await?;
    mark(&app, ".timeline li.item").await?;
    let gone = app.js("return document.getElementById('visit-overview-title') === null").await?;
    assert_eq!(gone, Value::Bool(true), "the overview's form is still in the page behind the agenda");

    // Back to it: the same field, showing the visit as saved.
    app.tab("overview").await?;
    app.wait_value("Title", SAMPLE_TITLE).await?;
    assert!(marked(&app, "#visit-overview-title").await?, "the overview's form was built anew");

    // Typed and dropped: leaving asks, and coming back shows the saved title.
    app.type_in("Title", "Typed and dropped").await?;
    app.tab("agenda").await?;
    app.wait_xpath("//dialog[@open]//p[contains(., 'unsaved changes')]").await?;
    app.click("Leave").await?;
    app.wait_for(".timeline .title").await?;
    app.tab("overview").await?;
    app.wait_value("Title", SAMPLE_TITLE).await?;

    // The next visit, opened from this one: shown in the same elements,
    // with its own title, dates and agenda.
    app.click("New visit from this one…").await?;
    app.type_in("Title of the new visit", "IPRCC returns").await?;
    app.set("First day", "2027-06-10").await?;
    app.click("Create the visit").await?;
    app.wait_xpath("//h1[@id='visit-title' and normalize-space()='IPRCC returns']").await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    app.wait_count(".timeline .title", 6).await?;
    assert!(marked(&app, ".timeline li.item").await?, "the agenda's first row was built anew for the next visit");
    let next_day = app.text("section.day h2").await?;
    assert_ne!(next_day, day, "the next visit's agenda shows the first visit's day");

    // A row past a shorter list's end is kept out of the page, not dropped,
    // and the next longer list shows it again (RowPool): delete the last
    // item, duplicate the first, and every row shown is one built before.
    app.js("document.querySelectorAll('.timeline li.item').forEach((e) => { e.__liaisonKept = true; });").await?;
    let titles = "return [...document.querySelectorAll('.timeline .title')].map((e) => e.textContent);";
    let before: Vec<String> = serde_json::from_value(app.js(titles).await?)?;
    let gone = before.last().ok_or("no agenda")?.clone();
    let deletes = app.c().find_all(Locator::Css(".timeline li.item button.danger")).await?;
    deletes.last().ok_or("no delete button")?.click().await?;
    app.wait_xpath("//dialog[@open]//button[normalize-space()='Delete']").await?.click().await?;
    app.wait_count(".timeline .title", 5).await?;
    let after: Vec<String> = serde_json::from_value(app.js(titles).await?)?;
    assert_eq!(after, before[..5], "the kept row is still in the page");
    assert!(!after.contains(&gone), "{gone:?} is still shown: {after:?}");
    app.click("Duplicate").await?;
    app.wait_count(".timeline .title", 6).await?;
    let all_kept = app
        .js("const rows = [...document.querySelectorAll('.timeline li.item')];
             return [rows.length, rows.filter((e) => e.__liaisonKept === true).length];")
        .await?;
    assert_eq!(all_kept, serde_json::json!([6, 6]), "[rows shown, rows built before]: a row was built anew");
    app.tab("overview").await?;
    app.wait_value("Title", "IPRCC returns").await?;
    assert!(marked(&app, "#visit-overview-title").await?, "the overview's form was built anew for the next visit");

    // To the list and back: the page is out of the document while the list
    // is shown, and the visit opened again is shown in the same elements.
    app.click("← Visits").await?;
    app.wait_xpath("//a[normalize-space()='IPRCC returns']").await?;
    let gone = app.js("return document.getElementById('visit-title') === null").await?;
    assert_eq!(gone, Value::Bool(true), "the visit page is still in the document behind the list");
    app.click(SAMPLE_TITLE).await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    app.wait_value("Title", SAMPLE_TITLE).await?;
    assert!(marked(&app, "#visit-overview-title").await?, "the visit page was built anew after the list");
    app.quit().await?;
    let titles = ok(liaison(&db, &["visits", "--json"]));
    assert!(!titles.contains("Typed and dropped"), "the dropped title was saved: {titles}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_views_code_is_loaded_when_the_pointer_reaches_what_opens_it_not_at_start() -> Res {
    within(Duration::from_secs(120), a_views_code_is_loaded_when_the_pointer_reaches_what_opens_it_steps()).await
}

/// The chunks the page has loaded, by name: `<link>`s to
/// `assets/NAME-HASH.js` or `.css`.
async fn chunks(app: &App) -> Res<Vec<String>> {
    let js = "return [...document.querySelectorAll('link[href]')]
                .map((l) => l.getAttribute('href').split('/').pop().split('-')[0]);";
    Ok(serde_json::from_value(app.js(js).await?)?)
}

/// Waits until the page has loaded the chunk `name`; what it has then.
async fn wait_chunk(app: &App, name: &str) -> Res<Vec<String>> {
    poll_until(Duration::from_secs(5), async || {
        let now = chunks(app).await?;
        Ok(if now.iter().any(|c| c == name) { Ok(now) } else { Err(format!("no {name} chunk in {now:?}")) })
    })
    .await
}

/// Issue 15: the window's first chunk is the visits list. The other views
/// are chunks of their own (ui/src/lib/views.ts), loaded when the pointer
/// or the keyboard reaches what opens them (for a shortcut, when Ctrl goes
/// down), so that the click or the letter finds them there. A chunk's
/// styles and code come as `<link>`s named after it.
async fn a_views_code_is_loaded_when_the_pointer_reaches_what_opens_it_steps() -> Res {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction};
    use fantoccini::key::Key;
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.click("Load sample visit").await?;
    app.wait_xpath(&format!(
        "//h1[normalize-space()='Visits']/following::*[normalize-space()={}]",
        quote(SAMPLE_TITLE)
    ))
    .await?;
    let at_start = chunks(&app).await?;
    assert!(at_start.contains(&"index".to_owned()), "the first screen's own chunk: {at_start:?}");
    for later in ["CalendarView", "VisitPage", "VisitForm", "Directory", "SearchPalette", "catalogue.zh"] {
        assert!(!at_start.iter().any(|c| c.starts_with(later)), "{later} was loaded at start: {at_start:?}");
    }

    // Ctrl going down, before the letter of Ctrl+K or Ctrl+N: the search's
    // and a new visit's form's chunks, and no view's the keys do not open.
    let ctrl = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: Key::Control.into() })
        .then(KeyAction::Up { value: Key::Control.into() });
    app.c().perform_actions(ctrl).await?;
    app.c().release_actions().await?;
    wait_chunk(&app, "SearchPalette").await?;
    let loaded = wait_chunk(&app, "VisitForm").await?;
    assert!(!loaded.iter().any(|c| c == "CalendarView" || c == "VisitPage"), "only what the keys open: {loaded:?}");

    // The pointer on the navigation's Calendar: its chunk comes, the list stays.
    let calendar = app.wait_xpath("//nav//button[normalize-space()='Calendar']").await?;
    let hover = MouseActions::new("mouse".to_owned()).then(PointerAction::MoveToElement {
        element: calendar,
        duration: None,
        x: 0.0,
        y: 0.0,
    });
    app.c().perform_actions(hover).await?;
    app.c().release_actions().await?;
    let loaded = wait_chunk(&app, "CalendarView").await?;
    assert!(!loaded.iter().any(|c| c == "VisitPage"), "only what the pointer reached: {loaded:?}");
    app.wait_xpath("//h1[normalize-space()='Visits']").await?;
    // Keyboard focus on the list reaches the visits in it: a visit's page.
    app.js("document.querySelector('table.visits a.title').focus(); return null;").await?;
    wait_chunk(&app, "VisitPage").await?;
    // And each opens as before.
    app.click("Calendar").await?;
    app.wait_for(".calendar").await?;
    app.click("Visits").await?;
    app.click(SAMPLE_TITLE).await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn conflicts_across_two_visits_show_in_the_agenda_and_the_conflicts_view_and_resolve_when_an_item_moves() -> Res {
    within(
        Duration::from_secs(240),
        conflicts_across_two_visits_show_in_the_agenda_and_the_conflicts_view_and_resolve_when_an_item_moves_steps(),
    )
    .await
}

/// From the sample's page: a copy of it on the same day, "Twin visit".
async fn plan_twin_visit(app: &App) -> Res {
    app.click("New visit from this one…").await?;
    app.type_in("Title of the new visit", "Twin visit").await?;
    app.set("First day", "2021-06-11").await?;
    app.click("Create the visit").await?;
    app.wait_xpath("//h1[@id='visit-title' and normalize-space()='Twin visit']").await?;
    Ok(())
}

/// Waits until the navigation's count of open conflicts reads `n`.
async fn wait_open_conflicts(app: &App, n: &str) -> Res {
    wait_count_beside(app, "Conflicts", n).await
}

async fn conflicts_across_two_visits_show_in_the_agenda_and_the_conflicts_view_and_resolve_when_an_item_moves_steps(
) -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1280, 800).await?;
    open_sample(&app).await?;
    wait_open_conflicts(&app, "").await?;
    // A second visit on the same day with the same people: each of them is
    // in two places at once in every item.
    plan_twin_visit(&app).await?;
    let listed: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"])))?;
    let open = listed["open"].as_u64().ok_or("open")?;
    assert!(open >= 6, "{listed}");
    wait_open_conflicts(&app, &open.to_string()).await?;

    // The agenda says where each applies.
    app.wait_count(".timeline .title", 6).await?;
    let departure = app
        .wait_xpath(
            "//li[contains(@class,'item')][.//strong[contains(@class,'title') and normalize-space()='Departure']]",
        )
        .await?;
    let said = departure.find_all(Locator::Css("p.conflict")).await?;
    assert_eq!(said.len(), 1, "one other item");
    let text = said[0].text().await?;
    assert!(text.contains("are also in “Departure” (IPRCC delegation visits"), "{text}");
    assert_eq!(text.matches(" (").count(), 4, "three people, each with both name forms, and the visit: {text}");
    display.screenshot(&artifacts().join("agenda-conflicts-1280x800.png"));

    // The Conflicts view lists them all; one is accepted with why.
    app.wait_xpath("//nav//button[starts-with(normalize-space(), 'Conflicts')]").await?.click().await?;
    app.wait_count(".page[data-loaded] ul.conflicts > li", open as usize).await?;
    app.assert_no_overflow("the conflicts at 1280×800").await?;
    assert_nothing_cut_off_or_overlapping(&app, "the conflicts at 1280×800").await?;
    display.screenshot(&artifacts().join("conflicts-1280x800.png"));
    app.c().find(Locator::Css("ul.conflicts > li button.edit")).await?.click().await?;
    app.click("Acknowledge").await?;
    app.wait_xpath("//p[contains(@class,'field-error') and normalize-space()='is required']").await?;
    app.type_in("Why it is fine", "The twin is a rehearsal").await?;
    app.click("Acknowledge").await?;
    app.wait_count("ul.conflicts > li", open as usize - 1).await?;
    wait_open_conflicts(&app, &(open - 1).to_string()).await?;

    // Moving the twin's departure an hour later resolves its three.
    app.c().find(Locator::Css("ul.conflicts > li a")).await?;
    app.click("Visits").await?;
    app.wait_xpath("//a[normalize-space()='Twin visit']").await?.click().await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    app.tab("agenda").await?;
    // The conflicts arrive after the agenda and push the items down: a
    // click aimed before they are drawn can land beside the button.
    app.wait_for("p.conflict").await?;
    app.wait_xpath("//button[@aria-label='Edit Departure']").await?.click().await?;
    app.wait_for("#a-room").await?;
    app.set("Start…", "2021-06-11T12:40").await?;
    app.set("End…", "2021-06-11T13:00").await?;
    app.click("Save item").await?;
    wait_open_conflicts(&app, &(open - 4).to_string()).await?;
    let left: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"])))?;
    assert_eq!(left["open"].as_u64(), Some(open - 4), "{left}");
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_item_dragged_in_the_week_view_moves_its_conflicts_away_and_ctrl_z_brings_them_back() -> Res {
    within(
        Duration::from_secs(240),
        an_item_dragged_in_the_week_view_moves_its_conflicts_away_and_ctrl_z_brings_them_back_steps(),
    )
    .await
}

/// The twin visit's Departure, as the command line shows it: its id and start.
fn twin_departure(db: &Path) -> Res<(String, String)> {
    let visits: Value = serde_json::from_str(&ok(liaison(db, &["visits", "--scope", "all", "--json"])))?;
    let twin = visits
        .as_array()
        .ok_or("visits")?
        .iter()
        .find(|v| v["title"] == "Twin visit")
        .and_then(|v| v["id"].as_str())
        .ok_or("the twin")?
        .to_owned();
    let shown: Value = serde_json::from_str(&ok(liaison(db, &["show", &twin, "--json"])))?;
    let d =
        shown["agenda"].as_array().ok_or("agenda")?.iter().find(|a| a["title"] == "Departure").ok_or("departure")?;
    Ok((d["id"].as_str().ok_or("id")?.to_owned(), d["start_local"].as_str().ok_or("start")?.to_owned()))
}

async fn an_item_dragged_in_the_week_view_moves_its_conflicts_away_and_ctrl_z_brings_them_back_steps() -> Res {
    use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1280, 800).await?;
    open_sample(&app).await?;
    // Two visits at once with the same people: conflicts in every item.
    plan_twin_visit(&app).await?;
    let before: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"])))?;
    let open = before["open"].as_u64().ok_or("open")?;
    let (departure, start) = twin_departure(&db)?;
    let of_departure = before["conflicts"]
        .as_array()
        .ok_or("conflicts")?
        .iter()
        .filter(|c| c["items"].as_array().is_some_and(|i| i.iter().any(|i| i["id"] == departure.as_str())))
        .count() as u64;
    assert!(of_departure >= 1 && of_departure < open, "{before}");
    wait_open_conflicts(&app, &open.to_string()).await?;

    // The week of the visits, in Beijing's time, as the agenda has it.
    app.wait_xpath("//nav//button[normalize-space()='Calendar']").await?.click().await?;
    app.set("Times in", "Asia/Shanghai").await?;
    app.set("Go to", "2021-06-11").await?;
    app.wait_count(".day-col[data-date='2021-06-11'] .item", 12).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_no_overflow("the week at 1280×800").await?;
    display.screenshot(&artifacts().join("calendar-week-1280x800.png"));

    // The items in conflict say so, in the calendar too.
    // (They follow the items: the week is drawn first.)
    app.wait_count(".day-col .item.clash", 12).await?;
    let mark = app.texts(&format!(".item[data-id='{departure}'] .clash-mark")).await?;
    assert_eq!(mark, [format!("⚠ {of_departure}")]);

    // Dragged down an hour (48 pixels an hour).
    let item = app.wait_for(&format!(".item[data-id='{departure}']")).await?;
    let drag = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveToElement { element: item.clone(), duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(200)), x: 0.0, y: 20.0 })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(200)), x: 0.0, y: 28.0 })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    app.c().perform_actions(drag).await?;
    app.c().release_actions().await?;
    wait_open_conflicts(&app, &(open - of_departure).to_string()).await?;
    app.wait_for(&format!(".item[data-id='{departure}']:not(.clash)")).await?;
    let (_, moved) = twin_departure(&db)?;
    let hour = |t: &str| t[11..13].parse::<u32>().unwrap_or(99);
    assert_eq!((hour(&moved), &moved[13..]), (hour(&start) + 1, &start[13..]), "{start} → {moved}");
    let moved = app
        .wait_xpath("//p[contains(@class,'toast') and contains(normalize-space(),'Moved “Departure”')]")
        .await?
        .text()
        .await?;
    // The visit's dates as the window writes days, not as stored.
    assert!(
        moved.contains("outside the visit's dates (")
            && moved.contains("11 Jun 2021 09:00")
            && !moved.contains("2021-06-11"),
        "{moved}"
    );
    // A toast still shown when the window's language changes is worded
    // again in the new one, as everything else on screen is.
    app.set_language("zh-CN").await?;
    let moved = app
        .wait_xpath("//p[contains(@class,'toast') and contains(normalize-space(),'已移动“Departure”')]")
        .await?
        .text()
        .await?;
    assert!(moved.contains("不在来访日期之内") && moved.contains("2021年6月11日星期五 09:00"), "{moved}");
    display.screenshot(&artifacts().join("calendar-moved-zh-CN-1280x800.png"));
    app.set_language("en").await?;
    app.wait_xpath("//p[contains(@class,'toast') and contains(normalize-space(),'Moved “Departure”')]").await?;

    // Ctrl+Z puts it back, and its conflicts with it.
    app.c().find(Locator::Css("body")).await?.send_keys("\u{E009}z\u{E000}").await?;
    wait_open_conflicts(&app, &open.to_string()).await?;
    assert_eq!(twin_departure(&db)?.1, start);

    // The month, and a day opened from it; an item opens its visit, and
    // the visit goes back to the calendar.
    app.c().find(Locator::Css("body")).await?.send_keys("m").await?;
    app.wait_for(".month .cell.today, .month .cell").await?;
    app.wait_xpath("//h1[normalize-space()='June 2021']").await?;
    // "Go to" follows the calendar when › moves it, and moves it when typed.
    app.click("›").await?;
    app.wait_xpath("//h1[normalize-space()='July 2021']").await?;
    app.wait_for(".goto [data-datetime][data-value='2021-07-01']").await?;
    app.set("Go to", "2021-06-11").await?;
    app.wait_xpath("//h1[normalize-space()='June 2021']").await?;
    app.wait_xpath("//div[contains(@class,'cell')][.//button[normalize-space()='+9 more']]").await?;
    app.assert_no_overflow("the month at 1280×800").await?;
    display.screenshot(&artifacts().join("calendar-month-1280x800.png"));
    app.resize(1024, 700).await?;
    app.assert_no_overflow("the month at 1024×700").await?;
    display.screenshot(&artifacts().join("calendar-month-1024x700.png"));
    app.c().find(Locator::Css("body")).await?.send_keys("w").await?;
    app.wait_count(".day-col[data-date='2021-06-11'] .item", 12).await?;
    app.assert_no_overflow("the week at 1024×700").await?;
    display.screenshot(&artifacts().join("calendar-week-1024x700.png"));
    app.resize(1280, 800).await?;
    app.wait_for(&format!(".item[data-id='{departure}']")).await?.click().await?;
    app.wait_xpath("//h1[@id='visit-title' and normalize-space()='Twin visit']").await?;
    app.click("← Calendar").await?;
    app.wait_count(".day-col[data-date='2021-06-11'] .item", 12).await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_room_made_in_the_directory_goes_to_an_agenda_item_and_a_room_too_small_is_a_conflict() -> Res {
    within(
        Duration::from_secs(240),
        a_room_made_in_the_directory_goes_to_an_agenda_item_and_a_room_too_small_is_a_conflict_steps(),
    )
    .await
}

async fn a_room_made_in_the_directory_goes_to_an_agenda_item_and_a_room_too_small_is_a_conflict_steps() -> Res {
    let display = Display::start(1024, 700);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1024, 700).await?;
    open_sample(&app).await?;
    app.click("Directory").await?;
    app.wait_for(".directory[data-loaded]").await?;
    app.click("Rooms").await?;
    app.wait_for("[data-rooms-loaded]").await?;
    app.click("New room").await?;
    app.type_in("Name in Latin letters", "Meeting room").await?;
    app.type_in("Name in Chinese", "Room").await?;
    app.type_in("Building", "Main building").await?;
    app.type_in("Seats", "two").await?;
    app.click("Create").await?;
    app.wait_xpath("//p[contains(@class,'field-error') and normalize-space()='a whole number of seats, or nothing']")
        .await?;
    app.type_in("Seats", "2").await?;
    app.click("Create").await?;
    // Rust names the field: a Chinese name must be in Chinese.
    app.wait_xpath("//p[contains(@class,'field-error') and contains(normalize-space(), 'Chinese')]").await?;
    app.type_in("Name in Chinese", "会议室").await?;
    app.click("Create").await?;
    app.wait_xpath("//ul/li/button[contains(., 'Meeting room') and contains(., '会议室') and contains(., '2 seats')]")
        .await?;
    app.assert_no_overflow("the rooms at 1024×700").await?;
    assert_nothing_cut_off_or_overlapping(&app, "the rooms at 1024×700").await?;
    display.screenshot(&artifacts().join("rooms-1024x700.png"));

    // Four people in a room for two.
    app.click("Visits").await?;
    app.click(SAMPLE_TITLE).await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    app.tab("agenda").await?;
    app.wait_xpath("//button[@aria-label='Edit Talks on cooperation in vocational education']").await?.click().await?;
    app.set("Room", "Meeting room").await?;
    app.click("Save item").await?;
    let warning = app
        .wait_xpath("//p[contains(@class,'conflict') and starts-with(normalize-space(), 'Too many for the room: Meeting room (会议室)')]")
        .await?;
    assert!(warning.text().await?.contains("seats 2, and 4 are in this item"), "{}", warning.text().await?);
    app.wait_xpath(
        "//div[contains(@class,'small') and normalize-space()='Meeting room (会议室) · Main building · 2 seats']",
    )
    .await?;
    display.screenshot(&artifacts().join("agenda-room-1024x700.png"));
    let listed: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"])))?;
    assert_eq!(listed["conflicts"][0]["kind"], "over_capacity", "{listed}");
    assert_eq!(listed["conflicts"][0]["people"], 4);
    let ics = ok(liaison(&db, &["export", "ics", "--visit", "5a3f"]));
    assert!(ics.contains("LOCATION:Meeting room (会议室)\\, Main building"), "{ics}");
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_period_someone_is_unavailable_is_entered_in_the_directory_and_the_agenda_items_outside_it_are_conflicts(
) -> Res {
    within(
        Duration::from_secs(240),
        a_period_someone_is_unavailable_is_entered_in_the_directory_and_the_agenda_items_outside_it_are_conflicts_steps(
        ),
    )
    .await
}

async fn a_period_someone_is_unavailable_is_entered_in_the_directory_and_the_agenda_items_outside_it_are_conflicts_steps(
) -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1280, 800).await?;
    open_sample(&app).await?;
    wait_open_conflicts(&app, "").await?;
    app.click("Directory").await?;
    app.wait_for(".directory[data-loaded]").await?;
    app.wait_xpath("//li/button[contains(., 'He Zhen')]").await?.click().await?;
    app.click("Add a period…").await?;
    app.set("Kind", "only").await?;
    app.type_in("Time zone", "Asia/Shanghai").await?;
    app.set("First day", "2021-06-11").await?;
    app.set("Last day", "2021-06-11").await?;
    app.type_in("From (hh:mm)", "08:00").await?;
    app.type_in("Until (hh:mm)", "1000").await?;
    app.click("Add").await?;
    // Named at its field, and nothing was added.
    app.wait_xpath(
        "//p[contains(@class,'field-error') and contains(normalize-space(), 'is not a time of day like 09:30')]",
    )
    .await?;
    app.type_in("Until (hh:mm)", "10:00").await?;
    app.click("Add").await?;
    app.wait_xpath("//ul[contains(@class,'periods')]/li[contains(., 'Only available') and contains(., '08:00–10:00')]")
        .await?;
    display.screenshot(&artifacts().join("availability-1280x800.png"));

    // The dean is in three items after ten o'clock.
    let listed: Value = serde_json::from_str(&ok(liaison(&db, &["conflicts", "--json"])))?;
    let kinds: Vec<&str> =
        listed["conflicts"].as_array().ok_or("conflicts")?.iter().filter_map(|c| c["kind"].as_str()).collect();
    assert!(!kinds.is_empty() && kinds.iter().all(|k| *k == "outside_availability"), "{listed}");
    assert!(listed["conflicts"].as_array().ok_or("conflicts")?.iter().all(|c| c["person"]["name"] == "He Zhen"));
    wait_open_conflicts(&app, &kinds.len().to_string()).await?;
    app.wait_xpath("//nav//button[starts-with(normalize-space(), 'Conflicts')]").await?.click().await?;
    app.wait_count(".page[data-loaded] ul.conflicts > li", kinds.len()).await?;
    app.wait_xpath(
        "//ul[contains(@class,'conflicts')]/li[1]//p[contains(., 'Only available') and contains(., '08:00–10:00')]",
    )
    .await?;
    display.screenshot(&artifacts().join("conflicts-availability-1280x800.png"));
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn items_that_start_together_are_put_in_the_coordinators_order() -> Res {
    within(Duration::from_secs(180), items_that_start_together_are_put_in_the_coordinators_order_steps()).await
}

async fn items_that_start_together_are_put_in_the_coordinators_order_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    open_sample(&app).await?;
    app.tab("agenda").await?;
    add_item(&app, "Badge handout", "2021-06-11T09:00", "2021-06-11T09:05").await?;
    // By their ends until an order is given: the shorter first.
    app.wait_count(".timeline .title", 7).await?;
    assert_eq!(app.texts(".timeline .title").await?[..2], ["Badge handout", "Arrival and welcome"]);
    app.wait_xpath(
        "//button[@aria-label='Put “Arrival and welcome” before “Badge handout”, which starts at the same time']",
    )
    .await?
    .click()
    .await?;
    app.wait_xpath("(//strong[contains(@class,'title')])[1][normalize-space()='Arrival and welcome']").await?;
    assert_eq!(app.texts(".timeline .title").await?[..2], ["Arrival and welcome", "Badge handout"]);
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    let titles: Vec<&str> =
        shown["agenda"].as_array().ok_or("agenda")?.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(titles[..2], ["Arrival and welcome", "Badge handout"]);
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_items_chair_and_speakers_are_chosen_in_its_form_in_speaking_order() -> Res {
    within(Duration::from_secs(180), an_items_chair_and_speakers_are_chosen_in_its_form_in_speaking_order_steps()).await
}

async fn an_items_chair_and_speakers_are_chosen_in_its_form_in_speaking_order_steps() -> Res {
    let display = Display::start(1024, 700);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1024, 700).await?;
    open_sample(&app).await?;
    app.tab("agenda").await?;
    // The sample's talks are chaired by the dean, the guest speaking first.
    app.wait_xpath("//div[contains(@class,'small') and normalize-space()='Chaired by He Zhen (和震)']").await?;
    app.wait_xpath(
        "//div[contains(@class,'small') and normalize-space()='Speakers: Zhang Huidong (张惠东) → He Zhen (和震)']",
    )
    .await?;
    let summary = "Summary of next steps and group photo";
    app.wait_xpath(&format!("//button[@aria-label='Edit {summary}']")).await?.click().await?;
    app.set("Chair", "Zhang Huidong").await?;
    app.set("Add a speaker…", "Zhang Huidong").await?;
    app.set("Add a speaker…", "He Zhen").await?;
    // The dean speaks first after all.
    app.wait_xpath("//button[@aria-label='He Zhen (和震) speaks before Zhang Huidong (张惠东)']")
        .await?
        .click()
        .await?;
    app.wait_xpath("(//fieldset[contains(@class,'speakers')]//li/span)[1][normalize-space()='He Zhen (和震)']").await?;
    app.assert_no_overflow("the item form with its chair and speakers at 1024×700").await?;
    display.screenshot(&artifacts().join("agenda-chair-speakers-1024x700.png"));
    // Whoever is no longer in the item neither chairs nor speaks.
    app.wait_xpath("//fieldset[contains(@class,'who')]//label[contains(., 'Zhang Huidong')]/input")
        .await?
        .click()
        .await?;
    app.wait_value("Chair", "").await?;
    app.wait_count(".speakers li", 1).await?;
    app.wait_xpath("//fieldset[contains(@class,'who')]//label[contains(., 'Zhang Huidong')]/input")
        .await?
        .click()
        .await?;
    app.set("Chair", "Zhang Huidong").await?;
    app.set("Add a speaker…", "Zhang Huidong").await?;
    app.click("Save item").await?;
    app.wait_xpath("//div[contains(@class,'small') and normalize-space()='Chaired by Zhang Huidong (张惠东)']").await?;
    app.wait_xpath(
        "//div[contains(@class,'small') and normalize-space()='Speakers: He Zhen (和震) → Zhang Huidong (张惠东)']",
    )
    .await?;
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    let item = shown["agenda"].as_array().ok_or("agenda")?.iter().find(|a| a["title"] == summary).ok_or("item")?;
    assert_eq!(item["chair_id"], "5a3f1c2e-0000-4000-8000-000000000011", "{item}");
    assert_eq!(
        item["speaker_ids"],
        json!(["5a3f1c2e-0000-4000-8000-000000000012", "5a3f1c2e-0000-4000-8000-000000000011"]),
        "{item}"
    );
    // The same form in Chinese: the names in both forms and the longer
    // labels still fit the smaller window.
    app.set_language("zh-CN").await?;
    app.wait_xpath(&format!("//button[@aria-label='编辑 {summary}']")).await?.click().await?;
    app.wait_count(".speakers li", 2).await?;
    app.js("document.querySelector('fieldset.speakers').scrollIntoView({ block: 'center' });").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_no_overflow("the item form with its chair and speakers in Chinese at 1024×700").await?;
    display.screenshot(&artifacts().join("agenda-chair-speakers-zh-CN-1024x700.png"));
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_is_found_by_two_chinese_characters_from_the_search_box() -> Res {
    within(Duration::from_secs(180), a_person_is_found_by_two_chinese_characters_from_the_search_box_steps()).await
}

async fn a_person_is_found_by_two_chinese_characters_from_the_search_box_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1280, 800).await?;
    app.click("Load sample visit").await?;
    app.wait_for("table.visits").await?;
    // Ctrl+K, from anywhere.
    app.c().find(Locator::Css("body")).await?.send_keys("\u{E009}k\u{E000}").await?;
    let input = app.wait_for("dialog[open].search-palette input[type=search]").await?;
    input.send_keys("和震").await?;
    // One person, the match marked: the characters as text, not markup.
    app.wait_xpath("//dialog[@open]//div[@role='option'][.//mark[normalize-space()='和震']]").await?;
    let groups = app.texts("dialog[open].search-palette .group").await?;
    assert_eq!(groups, ["People"], "only a person has 和震 in it");
    assert_eq!(app.texts("dialog[open].search-palette [role=option] .title").await?, ["He Zhen · 和震"]);
    app.assert_no_overflow("the search at 1280×800").await?;
    display.screenshot(&artifacts().join("search-1280x800.png"));

    // Latin words find more kinds, the one in the minutes shown in context.
    input.clear().await?;
    input.send_keys("HE ZHEN").await?;
    app.wait_xpath("//dialog[@open]//div[contains(@class,'group')][normalize-space()='Visits']").await?;
    let snippet = app.texts("dialog[open].search-palette .snippet").await?;
    assert!(snippet.iter().any(|s| s.starts_with("Minutes:") && s.contains("He Zhen")), "{snippet:?}");
    // Three kinds, a snippet each way, in a smaller window too.
    app.resize(1024, 700).await?;
    app.assert_no_overflow("the search at 1024×700").await?;
    display.screenshot(&artifacts().join("search-1024x700.png"));
    app.resize(1280, 800).await?;
    // Back to the person, and Enter opens their page.
    input.clear().await?;
    input.send_keys("和震").await?;
    app.wait_xpath("//dialog[@open]//div[@role='option'][@aria-selected='true'][.//mark[normalize-space()='和震']]")
        .await?;
    input.send_keys("\u{E007}").await?; // Enter
    app.wait_value("Name in Chinese", "和震").await?;
    app.wait_value("Name in Latin letters", "He Zhen").await?;
    assert!(app.js("return document.querySelector('dialog.search-palette').open").await? == json!(false));

    // A person renamed is found by the new name at once, not by the old.
    app.type_in("Name in Chinese", "和振华").await?;
    app.click("Save").await?;
    app.wait_xpath("//button[contains(normalize-space(),'和振华')]").await?;
    app.c().find(Locator::Css("body")).await?.send_keys("\u{E009}k\u{E000}").await?;
    let input = app.wait_for("dialog[open].search-palette input[type=search]").await?;
    input.clear().await?;
    input.send_keys("振华").await?;
    app.wait_xpath("//dialog[@open]//div[@role='option'][.//mark[normalize-space()='振华']]").await?;
    input.clear().await?;
    input.send_keys("和震").await?;
    app.wait_xpath("//dialog[@open]//p[contains(normalize-space(),'Nothing found for “和震”')]").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visit_goes_out_to_a_calendar_file_and_a_calendar_file_comes_in() -> Res {
    within(Duration::from_secs(180), a_visit_goes_out_to_a_calendar_file_and_a_calendar_file_comes_in_steps()).await
}

async fn a_visit_goes_out_to_a_calendar_file_and_a_calendar_file_comes_in_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let files = dialog_dir(home.path());
    let app = App::start(&display, home.path(), &db).await?;
    open_sample(&app).await?;

    // An invitation needs an organiser: nobody in the sample has an email,
    // so the refusal is shown at that field and no file is written.
    app.click("Export to calendar…").await?;
    app.set("Send as", "invitation").await?;
    app.click("Export…").await?;
    let err = app.wait_for("#export-organizer-error").await?;
    assert!(err.text().await?.contains("organiser"), "{}", err.text().await?);
    assert_eq!(std::fs::read_dir(&files)?.count(), 0);
    display.screenshot(&artifacts().join("calendar-export-1280x800.png"));
    // With an organiser there is still nobody to invite (RFC 5546: an
    // invitation has attendees): refused at the method, no file.
    app.type_in("Organiser's email (optional)", "desk@iprcc.example").await?;
    app.click("Export…").await?;
    let err = app.wait_for("#export-method-error").await?;
    assert!(err.text().await?.contains("nothing here can be sent as an invitation"), "{}", err.text().await?);
    assert_eq!(std::fs::read_dir(&files)?.count(), 0);
    // Published instead, with that organiser.
    app.set("Send as", "publish").await?;
    app.click("Export…").await?;
    let toast =
        app.wait_xpath("//p[contains(@class,'toast') and starts-with(normalize-space(), 'Calendar saved')]").await?;
    assert!(toast.text().await?.contains("7 events, 5 tasks"), "{}", toast.text().await?);
    // The save dialog suggests a name made from the title (shortened).
    let file = files.join(liaison_core::files::file_name_from(SAMPLE_TITLE, "ics"));
    let text = std::fs::read_to_string(&file)?;
    assert!(text.contains("METHOD:PUBLISH\r\n") && text.contains("ORGANIZER:mailto:desk@iprcc.example"));
    // Read by a parser that is not ours.
    let read: Value = serde_json::from_str(&interop(&test_python(), "ics_python.py", &[&file]))?;
    assert_eq!(read["components"].as_array().map(Vec::len), Some(12));

    // A file from elsewhere: a preview first, then the import.
    std::fs::write(
        files.join("import.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:lunch-1@example.org\r\n\
         DTSTART;TZID=China Standard Time:20210611T120000\r\nDTEND;TZID=China Standard Time:20210611T130000\r\n\
         SUMMARY:Working lunch\\, canteen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )?;
    app.click("Import calendar…").await?;
    app.wait_xpath("//h2[normalize-space()='Import import.ics']").await?;
    app.wait_xpath("//h3[starts-with(normalize-space(), 'Will be added')]").await?;
    display.screenshot(&artifacts().join("calendar-import-preview-1280x800.png"));
    let before: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(before["agenda"].as_array().map(Vec::len), Some(6), "nothing written by the preview");
    app.click("Import").await?;
    app.wait_xpath("//*[contains(@class,'timeline') or contains(@class,'agenda')]//*[contains(normalize-space(), 'Working lunch, canteen')]").await?;
    let after: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(after["agenda"].as_array().map(Vec::len), Some(7));

    // A broken file: the line is named and nothing changes.
    std::fs::write(files.join("import.ics"), "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY\r\n")?;
    app.click("Import calendar…").await?;
    let refused =
        app.wait_xpath("//h2[normalize-space()='This file cannot be imported']/following-sibling::p[1]").await?;
    assert!(refused.text().await?.contains("import.ics:3:8"), "{}", refused.text().await?);
    app.click("Close").await?;
    let last: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(last["agenda"], after["agenda"]);
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_import_shows_its_progress_and_cancel_undoes_it() -> Res {
    within(Duration::from_secs(240), a_long_import_shows_its_progress_and_cancel_undoes_it_steps()).await
}

async fn a_long_import_shows_its_progress_and_cancel_undoes_it_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let files = dialog_dir(home.path());
    // Enough events that a debug build takes seconds to read them through.
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Conference\r\n");
    for i in 0..60_000 {
        // Within the years Liaison takes (to 2200).
        let day = format!("{}{:02}{:02}", 2031 + i / 336 % 60, 1 + i / 28 % 12, 1 + i % 28);
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:long-{i}@example.org\r\nDTSTART:{day}T090000Z\r\nDTEND:{day}T100000Z\r\n\
             SUMMARY:Session {i}\r\nEND:VEVENT\r\n"
        ));
    }
    ics.push_str("END:VCALENDAR\r\n");
    std::fs::write(files.join("import.ics"), ics)?;
    let app = App::start(&display, home.path(), &db).await?;
    // The window at 1024×700 on a larger screen, so that all of it shows.
    app.resize(1024, 700).await?;
    let progress = "//dialog[@open and contains(@class,'progress')]";
    let stopped = "//p[contains(@class,'toast') and contains(normalize-space(),'Stopped: nothing of it was written.')]";

    // The preview reads the file through: its progress shows, and Cancel
    // stops it with no preview.
    app.click("Import calendar…").await?;
    app.wait_xpath(&format!("{progress}//h2[normalize-space()='Checking the file…']")).await?;
    app.wait_xpath(&format!("{progress}//progress")).await?;
    display.screenshot(&artifacts().join("import-progress-1024x700.png"));
    app.wait_xpath(&format!("{progress}//button[normalize-space()='Cancel']")).await?.click().await?;
    app.wait_xpath(stopped).await?;
    assert!(app.c().find_all(Locator::XPath("//h2[normalize-space()='Import import.ics']")).await?.is_empty());
    assert!(app.c().find_all(Locator::XPath(progress)).await?.is_empty(), "the progress closes");

    // Again, to the preview: every event counted, the first listed.
    app.click("Import calendar…").await?;
    app.c()
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::XPath(
            "//h3[starts-with(normalize-space(), 'Will be added')]/span[normalize-space()='60000']",
        ))
        .await?;
    // The first cancel's message has gone (it shows for 4 s).
    for _ in 0..100 {
        if app.c().find_all(Locator::XPath(stopped)).await?.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The import: cancelled once it is writing, it leaves nothing behind.
    app.click("Import").await?;
    app.c()
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::XPath(&format!("{progress}//h2[normalize-space()='Importing…']")))
        .await?;
    app.wait_xpath(&format!("{progress}//button[normalize-space()='Cancel']")).await?.click().await?;
    app.c().wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath(stopped)).await?;
    app.quit().await?;
    assert_eq!(ok(liaison(&db, &["visits", "--json"])).trim(), "[]", "the new visit was rolled back");
    Ok(())
}

/// A large Liaison document opened with the window: its preview and its
/// import show how far they have got, and Cancel leaves nothing of it.
#[tokio::test(flavor = "multi_thread")]
async fn a_long_document_import_shows_its_progress_and_cancel_undoes_it() -> Res {
    within(Duration::from_secs(300), a_long_document_import_shows_its_progress_and_cancel_undoes_it_steps()).await
}

async fn a_long_document_import_shows_its_progress_and_cancel_undoes_it_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let file = home.path().join("partners.liaison.json");
    // Enough visits that a debug build takes seconds to check and write them.
    write_large_document(&file, 6_000, 8_000, 7);
    // The preview is held at its finishing step (a pause point of the
    // debug build) until the test lets it go.
    let held = home.path().join("finishing");
    let env =
        [("LIAISON_TEST_PAUSE", "json-import:finishing"), ("LIAISON_TEST_PAUSE_FILE", held.to_str().ok_or("path")?)];
    let app = App::start_full(&display, home.path(), &db, &env, &[&file]).await?;
    app.resize(1024, 700).await?;
    let progress = "//dialog[@open and contains(@class,'progress')]";
    let stopped = "//p[contains(@class,'toast') and contains(normalize-space(),'Stopped: nothing of it was written.')]";

    // The preview checks the document through with its progress showing.
    app.wait_xpath(&format!("{progress}//h2[normalize-space()='Checking the file…']")).await?;
    // Then says that only the finishing step is left, which cannot be
    // stopped: a moving bar, and no Cancel to press.
    app.c()
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::XPath(&format!("{progress}//h2[normalize-space()='Finishing…']")))
        .await?;
    assert!(held.exists(), "the preview reached its finishing step");
    let state = app
        .js("const d = document.querySelector('dialog.progress'); \
             return [d.querySelector('progress').hasAttribute('value'), d.querySelector('button').disabled];")
        .await?;
    assert_eq!(state, json!([false, true]), "a bar of unknown length, and Cancel not offered");
    display.screenshot(&artifacts().join("document-import-finishing-1024x700.png"));
    app.set_language("zh-CN").await?;
    app.wait_xpath(&format!("{progress}//h2[normalize-space()='正在收尾……']")).await?;
    display.screenshot(&artifacts().join("document-import-finishing-zh-CN-1024x700.png"));
    app.set_language("en").await?;
    std::fs::remove_file(&held)?;
    app.c()
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::XPath("//h2[normalize-space()='Import partners.liaison.json']"))
        .await?;
    assert!(app.c().find_all(Locator::XPath(progress)).await?.is_empty(), "the progress closes");

    // The import: cancelled part way, it leaves nothing behind.
    app.click("Import").await?;
    app.wait_xpath(&format!("{progress}//h2[normalize-space()='Importing…']")).await?;
    display.screenshot(&artifacts().join("document-import-progress-1024x700.png"));
    app.wait_xpath(&format!("{progress}//button[normalize-space()='Cancel']")).await?.click().await?;
    app.c().wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath(stopped)).await?;
    assert!(app
        .c()
        .find_all(Locator::XPath("//h2[normalize-space()='Import partners.liaison.json']"))
        .await?
        .is_empty());
    app.quit().await?;
    assert_eq!(ok(liaison(&db, &["visits", "--json"])).trim(), "[]", "the visits were rolled back");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_document_shows_that_it_is_typesetting_and_cancel_saves_nothing() -> Res {
    within(Duration::from_secs(180), a_long_document_shows_that_it_is_typesetting_and_cancel_saves_nothing_steps())
        .await
}

async fn a_long_document_shows_that_it_is_typesetting_and_cancel_saves_nothing_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let files = dialog_dir(home.path());
    // The typesetting of the PDF is held (a pause point of the debug
    // build) until the test lets it go: as long as a long document takes.
    let held = home.path().join("typesetting");
    let held_env = held.to_str().ok_or("path")?;
    let env = [("LIAISON_TEST_PAUSE", "document:pdf"), ("LIAISON_TEST_PAUSE_FILE", held_env)];
    let app = App::start_with(&display, home.path(), &db, &env).await?;
    app.resize(1024, 700).await?;
    open_sample(&app).await?;
    app.tab("documents").await?;
    app.wait_xpath("(//div[contains(@class,'pages')]/img)[1]").await?;
    let progress = "//dialog[@open and contains(@class,'progress')]";
    let save = "//button[normalize-space()='Save as PDF…' and not(@disabled)]";

    // Saving typesets the PDF: once it has taken a moment the panel says
    // so (a moving bar, no percentage), and Cancel stops it with nothing
    // saved and no dialog.
    app.wait_xpath(save).await?.click().await?;
    poll_until(Duration::from_secs(10), async || {
        Ok(if held.exists() { Ok(()) } else { Err("the typesetting never reached its pause point".to_owned()) })
    })
    .await?;
    app.wait_xpath(&format!("{progress}//h2[normalize-space()='Typesetting the document…']")).await?;
    let endless = app.js("return document.querySelector('dialog.progress progress').hasAttribute('value');").await?;
    assert_eq!(endless, json!(false), "a bar of unknown length");
    display.screenshot(&artifacts().join("document-progress-1024x700.png"));
    app.wait_xpath(&format!("{progress}//button[normalize-space()='Cancel']")).await?.click().await?;
    app.wait_xpath(
        "//p[contains(@class,'toast') and contains(normalize-space(),'Stopped: nothing of it was written.')]",
    )
    .await?;
    assert!(app.c().find_all(Locator::XPath(progress)).await?.is_empty(), "the progress closes");
    // The typesetting, let go, ends in its own time; what it makes is not saved.
    std::fs::remove_file(&held)?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(std::fs::read_dir(&files)?.count(), 0, "nothing saved");

    // Saved when left to finish (the pause point lets it through now).
    app.wait_xpath(save).await?.click().await?;
    app.c()
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::XPath("//p[contains(@class,'toast') and starts-with(normalize-space(), 'Saved')]"))
        .await?;
    assert!(app.c().find_all(Locator::XPath(progress)).await?.is_empty(), "the progress closes");
    assert_eq!(std::fs::read_dir(&files)?.count(), 1, "the PDF");
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dark_desktop_gets_the_dark_theme() -> Res {
    within(Duration::from_secs(180), a_dark_desktop_gets_the_dark_theme_steps()).await
}

async fn a_dark_desktop_gets_the_dark_theme_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    // What a GNOME desktop set to dark gives GTK applications.
    let app = App::start_with(&display, home.path(), &db, &[("GTK_THEME", "Adwaita:dark")]).await?;
    open_sample(&app).await?;
    assert_eq!(app.js("return matchMedia('(prefers-color-scheme: dark)').matches").await?, json!(true));
    // The page itself is dark and its text light.
    let background = luminance(&app, "document.body", "backgroundColor").await?;
    let text = luminance(&app, "document.querySelector('#visit-title')", "color").await?;
    assert!(background < 0.05, "page background luminance {background}");
    assert!(text > 0.6, "title luminance {text}");
    app.assert_no_overflow("dark theme at 1280×800").await?;
    display.screenshot(&artifacts().join("sample-overview-dark-1280x800.png"));
    app.quit().await?;
    Ok(())
}

/// Relative luminance (WCAG: 0 black, 1 white) of a computed colour.
async fn luminance(app: &App, element: &str, property: &str) -> Res<f64> {
    let script = format!(
        "const c = getComputedStyle({element}).{property}.match(/[\\d.]+/g).slice(0, 3).map(Number);
         return c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                 .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);"
    );
    app.js(&script).await?.as_f64().ok_or_else(|| format!("no colour for {element}").into())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_save_over_a_change_made_on_the_command_line_asks_before_overwriting() -> Res {
    within(Duration::from_secs(180), a_save_over_a_change_made_on_the_command_line_asks_before_overwriting_steps())
        .await
}

/// Changes the sample visit's title from the command line, as a second
/// writer on the same database while the window is open.
fn retitle_from_the_command_line(home: &Path, db: &Path, title: &str) -> Res {
    let mut doc: Value = serde_json::from_str(&ok(liaison(db, &["export", "json"])))?;
    doc["visits"][0]["title"] = json!(title);
    let file = home.join("retitled.json");
    std::fs::write(&file, doc.to_string())?;
    ok(liaison(db, &["import", file.to_str().ok_or("path")?]));
    Ok(())
}

async fn a_save_over_a_change_made_on_the_command_line_asks_before_overwriting_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    open_sample(&app).await?;

    // A change made on the command line shows without a restart, in the
    // page and in the untouched form.
    let changed = Instant::now();
    retitle_from_the_command_line(home.path(), &db, "Renamed while the window was open")?;
    app.wait_xpath("//h1[@id='visit-title'][normalize-space()='Renamed while the window was open']").await?;
    eprintln!("a change made elsewhere showed after {:?}", changed.elapsed());
    let title = app.field("Title").await?.prop("value").await?;
    assert_eq!(title.as_deref(), Some("Renamed while the window was open"));

    // Type in the form; meanwhile the command line changes the visit. The
    // page shows theirs, and the form keeps what was typed.
    app.type_in("Title", "Mine: talks on training courses").await?;
    retitle_from_the_command_line(home.path(), &db, "Theirs: renamed on the command line")?;
    app.wait_xpath("//h1[@id='visit-title'][normalize-space()='Theirs: renamed on the command line']").await?;
    let typed = app.field("Title").await?.prop("value").await?;
    assert_eq!(typed.as_deref(), Some("Mine: talks on training courses"));
    app.click("Save").await?;
    app.wait_xpath("//dialog[@open]//p[contains(., 'changed elsewhere since you opened it')]").await?;
    display.screenshot(&artifacts().join("stale-save-1280x800.png"));
    // Nothing was written over theirs while the question is open.
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(shown["visit"]["title"], "Theirs: renamed on the command line");
    app.click("Reload theirs").await?;
    app.wait_xpath("//h1[@id='visit-title'][normalize-space()='Theirs: renamed on the command line']").await?;
    let title = app.field("Title").await?.prop("value").await?;
    assert_eq!(title.as_deref(), Some("Theirs: renamed on the command line"));

    // Again, and this time the coordinator keeps their own version.
    app.type_in("Title", "Mine, kept on purpose").await?;
    retitle_from_the_command_line(home.path(), &db, "Theirs, second time")?;
    app.click("Save").await?;
    app.wait_xpath("//dialog[@open]//p[contains(., 'changed elsewhere since you opened it')]").await?;
    app.click("Keep mine").await?;
    app.wait_xpath("//h1[@id='visit-title'][normalize-space()='Mine, kept on purpose']").await?;
    app.quit().await?;
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(shown["visit"]["title"], "Mine, kept on purpose");
    Ok(())
}

/// Where [`launch`] puts the app's stderr.
fn launch_log(home: &Path, db: &Path) -> PathBuf {
    home.join(format!("{}.stderr", db.file_name().map_or("liaison".into(), |n| n.to_string_lossy())))
}

/// Runs the app itself (no WebDriver) on `display`, with `db`.
fn launch(display: &Display, home: &Path, db: &Path) -> Res<Child> {
    launch_with(display, home, db, &[])
}

/// Runs `liaison ARGS…` in `home`, as a file manager would.
fn launch_with(display: &Display, home: &Path, db: &Path, args: &[&str]) -> Res<Child> {
    let mut c = Command::new(binary());
    c.args(args).current_dir(home);
    display.env(&mut c);
    Ok(c.env("LIAISON_DB", db)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdout(Stdio::null())
        // To a file: a pipe nobody reads could fill up and stall the app.
        .stderr(Stdio::from(std::fs::File::create(launch_log(home, db))?))
        .spawn()?)
}

/// The visible windows on `display` whose title is `name`.
fn visible_windows(display: &Display, name: &str) -> Vec<String> {
    let out = Command::new("xdotool")
        .env("DISPLAY", display.name())
        .args(["search", "--onlyvisible", "--name", &format!("^{name}$")])
        .output()
        .expect("xdotool (scripts/test installs it)");
    String::from_utf8_lossy(&out.stdout).split_whitespace().map(str::to_owned).collect()
}

/// The visible windows on `display` of the process `pid`.
fn windows_of(display: &Display, pid: u32) -> Vec<String> {
    let out = Command::new("xdotool")
        .env("DISPLAY", display.name())
        .args(["search", "--onlyvisible", "--pid", &pid.to_string()])
        .output()
        .expect("xdotool (scripts/test installs it)");
    String::from_utf8_lossy(&out.stdout).split_whitespace().map(str::to_owned).collect()
}

/// What `seen` finds, asked as [`poll_until`] asks, while `child` runs:
/// `failure` if it finds nothing within `limit` or `child` ends first, and
/// then `child` is killed and reaped, so that no test leaves an app behind.
async fn while_running<T>(
    child: &mut Child,
    limit: Duration,
    failure: &str,
    mut seen: impl FnMut() -> Option<T>,
) -> Res<T> {
    let found = poll_until(limit, async || match seen() {
        Some(found) => Ok(Ok(found)),
        None => match child.try_wait()? {
            Some(status) => Err(format!("{failure}: the app ended ({status})").into()),
            None => Ok(Err(failure.to_owned())),
        },
    })
    .await;
    if found.is_err() {
        let _ = child.kill();
        let _ = child.wait();
    }
    found
}

/// The exit status of `child` once it has ended; `failure`, with the child
/// killed, if it is still running after `limit`.
async fn exit_within(child: &mut Child, limit: Duration, failure: &str) -> Res<std::process::ExitStatus> {
    let ended = poll_until(limit, async || Ok(child.try_wait()?.ok_or_else(|| failure.to_owned()))).await;
    if ended.is_err() {
        let _ = child.kill();
        let _ = child.wait();
    }
    ended
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_the_window_cannot_open_is_explained_in_a_dialog() -> Res {
    within(Duration::from_secs(120), a_database_the_window_cannot_open_is_explained_in_a_dialog_steps()).await
}

async fn a_database_the_window_cannot_open_is_explained_in_a_dialog_steps() -> Res {
    let display = Display::start(1024, 700);
    let home = tempfile::tempdir()?;
    let db = home.path().join("places.sqlite");
    let made = Command::new(test_python())
        .args([
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table moz_places(url)'); c.commit()",
        ])
        .arg(&db)
        .status()?;
    assert!(made.success());
    let before = std::fs::read(&db)?;
    let mut app = launch(&display, home.path(), &db)?;
    // The dialog is the one thing on screen: the window stays hidden.
    let dialog = while_running(&mut app, Duration::from_secs(20), "no dialog came up", || {
        visible_windows(&display, "Liaison").pop()
    })
    .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(visible_windows(&display, "Liaison"), [dialog.clone()], "the dialog alone, no empty window");
    display.screenshot(&artifacts().join("cannot-open-database-1024x700.png"));
    assert!(app.try_wait()?.is_none(), "the app waits for the dialog");
    // Click its OK button, the full width of the dialog at its foot, as a
    // person would (the pointer goes through XTEST like a real mouse; GTK
    // ignores synthetic key events sent to a window).
    let geometry = Command::new("xdotool")
        .env("DISPLAY", display.name())
        .args(["getwindowgeometry", "--shell", &dialog])
        .output()?;
    let geometry = String::from_utf8_lossy(&geometry.stdout).into_owned();
    let get = |key: &str| -> Res<i64> {
        let line = geometry.lines().find_map(|l| l.strip_prefix(key)).ok_or(format!("no {key} in {geometry}"))?;
        Ok(line.trim().parse()?)
    };
    let (x, y) = (get("X=")? + get("WIDTH=")? / 2, get("Y=")? + get("HEIGHT=")? - 12);
    let clicked = Command::new("xdotool")
        .env("DISPLAY", display.name())
        .args(["mousemove", "--sync", &x.to_string(), &y.to_string(), "click", "1"])
        .status()?;
    assert!(clicked.success());
    let status = exit_within(&mut app, Duration::from_secs(20), "the app did not exit").await?;
    assert_eq!(status.code(), Some(1));
    let err = std::fs::read_to_string(launch_log(home.path(), &db))?;
    assert!(err.contains("not Liaison's"), "{err}");
    assert_eq!(std::fs::read(&db)?, before, "the file was changed");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_launch_on_another_database_opens_its_own_window() -> Res {
    within(Duration::from_secs(120), a_launch_on_another_database_opens_its_own_window_steps()).await
}

async fn a_launch_on_another_database_opens_its_own_window_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let first_db = home.path().join("first.db");
    let app = App::start(&display, home.path(), &first_db).await?;
    // Another file: a window of its own, which stays.
    let other_db = home.path().join("other.db");
    let mut other = launch(&display, home.path(), &other_db)?;
    while_running(&mut other, Duration::from_secs(20), "the launch on another database opened no window", || {
        (visible_windows(&display, "Liaison").len() >= 2).then_some(())
    })
    .await?;
    poll_until(Duration::from_secs(20), async || {
        Ok(if other_db.exists() { Ok(()) } else { Err("the second window has no database of its own".to_owned()) })
    })
    .await?;
    // The same file again, by another name: handed to the first, and gone,
    // without creating or migrating anything.
    let same = home.path().join("./first.db");
    let mut again = launch(&display, home.path(), &same)?;
    let status =
        exit_within(&mut again, Duration::from_secs(20), "a launch on the same file by another name kept running")
            .await?;
    assert!(status.success(), "{status}");
    assert_eq!(visible_windows(&display, "Liaison").len(), 2);
    let _ = other.kill();
    let _ = other.wait();
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_launch_while_a_closed_window_is_still_ending_opens_a_window_of_its_own() -> Res {
    within(Duration::from_secs(120), a_launch_while_a_closed_window_is_still_ending_steps()).await
}

/// A file opened the moment the window was closed: the app that had the
/// database is still ending (held here at a pause point after its window
/// went, as a slow exit would be), and the launch must not hand its files
/// to it and exit, which would leave the coordinator with no window at all.
async fn a_launch_while_a_closed_window_is_still_ending_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let held = home.path().join("held");
    let env = [("LIAISON_TEST_PAUSE", "shell:exit"), ("LIAISON_TEST_PAUSE_FILE", held.to_str().ok_or("path")?)];
    let app = App::start_with(&display, home.path(), &db, &env).await?;
    let uncaught = app.js("return document.documentElement.dataset.uncaught ?? null").await?;
    assert_eq!(uncaught, Value::Null, "the page had an uncaught error");
    // Closed as a person closes it (ending the WebDriver session would
    // kill the app rather than close its window).
    let [window] = &visible_windows(&display, "Liaison")[..] else { return Err("not one window".into()) };
    let closed = Command::new(test_python())
        .env("DISPLAY", display.name())
        .arg(root().join("tests/interop/x11_close_window.py"))
        .arg(window)
        .status()?;
    assert!(closed.success(), "asking the window to close: {closed}");
    step(|| "waiting for the app to be held after its window went".into());
    poll_until(Duration::from_secs(20), async || {
        Ok(if held.exists() { Ok(()) } else { Err("the closed app never reached its pause point".to_owned()) })
    })
    .await?;
    // (Its X window may still be listed: the app is held on the thread
    // that would tell the X server it is gone.)
    let mut again = launch(&display, home.path(), &db)?;
    let pid = again.id();
    let opened = while_running(&mut again, Duration::from_secs(20), "the launch opened no window of its own", || {
        (!windows_of(&display, pid).is_empty()).then_some(())
    })
    .await;
    // The app that was ending goes on, and ends.
    std::fs::remove_file(&held)?;
    opened?;
    app.wait_ended().await?;
    assert_eq!(windows_of(&display, pid).len(), 1, "the new window stays");
    assert!(again.try_wait()?.is_none(), "the new launch is still running");
    stop_gently(&mut again);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn files_opened_with_liaison_show_their_import_preview() -> Res {
    within(Duration::from_secs(180), files_opened_with_liaison_show_their_import_preview_steps()).await
}

/// `liaison FILE…` is what a file manager runs for an .ics or a Liaison
/// document: at launch the first file's preview shows; a later launch hands
/// its files to the open window, which shows them one after the other.
async fn files_opened_with_liaison_show_their_import_preview_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    ok(liaison(&db, &["sample"]));
    let invitation = home.path().join("invitation.ics");
    std::fs::write(
        &invitation,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Mail//EN\r\nBEGIN:VEVENT\r\n\
         UID:seminar-2021-07@example.org\r\nDTSTAMP:20210601T000000Z\r\n\
         DTSTART;TZID=Asia/Shanghai:20210715T093000\r\nDTEND;TZID=Asia/Shanghai:20210715T113000\r\n\
         SUMMARY:Seminar on rural vocational training 乡村职业培训研讨会\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )?;
    let app = App::start_full(&display, home.path(), &db, &[], &[&invitation]).await?;
    app.wait_xpath("//h2[normalize-space()='Import invitation.ics']").await?;
    app.wait_xpath("//li[contains(normalize-space(), '乡村职业培训研讨会')]").await?;
    display.screenshot(&artifacts().join("opened-calendar-1280x800.png"));
    let before: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"])))?;
    assert_eq!(before.as_array().map(Vec::len), Some(1), "nothing written by the preview");
    app.click("Import").await?;
    app.wait_xpath("//p[contains(@class,'toast') and starts-with(normalize-space(), 'Imported invitation.ics')]")
        .await?;
    let after: Value = serde_json::from_str(&ok(liaison(&db, &["visits", "--json"])))?;
    assert_eq!(after.as_array().map(Vec::len), Some(2), "the invitation became a visit: {after}");

    // A document that renames the sample visit, and a broken calendar file,
    // handed to the open window by a second launch (relative paths, from
    // that launch's folder).
    let mut document: Value = serde_json::from_str(&ok(liaison(&db, &["export", "json", "--visit", "5a3f"])))?;
    document["visits"][0]["title"] = json!("IPRCC visit, revised programme");
    std::fs::write(home.path().join("revised.liaison.json"), serde_json::to_vec_pretty(&document)?)?;
    std::fs::write(home.path().join("broken.ics"), "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY\r\n")?;
    let mut second = launch_with(&display, home.path(), &db, &["broken.ics", "revised.liaison.json"])?;
    let status = exit_within(&mut second, Duration::from_secs(20), "the second launch kept running").await?;
    assert!(status.success(), "the second launch hands its files over and ends: {status}");
    assert_eq!(visible_windows(&display, "Liaison").len(), 1);
    let refused =
        app.wait_xpath("//h2[normalize-space()='This file cannot be imported']/following-sibling::p[1]").await?;
    assert!(refused.text().await?.contains("broken.ics:3:8"), "{}", refused.text().await?);
    app.click("Close").await?;
    // Then the next file: the document's preview names the field it changes.
    app.wait_xpath("//h2[normalize-space()='Import revised.liaison.json']").await?;
    let change = app.wait_xpath("//ul[contains(@class,'changes')]/li").await?;
    let text = change.text().await?;
    assert!(text.contains("title") && text.contains("IPRCC visit, revised programme"), "{text}");
    display.screenshot(&artifacts().join("opened-document-1280x800.png"));
    let unchanged: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(unchanged["visit"]["title"], SAMPLE_TITLE, "nothing written by the preview");
    app.click("Import").await?;
    app.wait_xpath("//p[contains(@class,'toast') and starts-with(normalize-space(), 'Imported revised.liaison.json')]")
        .await?;
    let renamed: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(renamed["visit"]["title"], "IPRCC visit, revised programme");
    // The list shows the new title.
    app.click("← Visits").await?;
    app.wait_xpath("//a[normalize-space()='IPRCC visit, revised programme']").await?;

    // A document whose organisation takes the stored visit's id is refused
    // at its path, as on the command line, and writes nothing.
    let mut organisation = document["organisations"][0].clone();
    organisation["id"] = document["visits"][0]["id"].clone();
    let clash = json!({"format": "liaison", "version": document["version"], "organisations": [organisation],
                       "people": [], "visits": []});
    std::fs::write(home.path().join("clash.liaison.json"), clash.to_string())?;
    let before = ok(liaison(&db, &["export", "json"]));
    let mut third = launch_with(&display, home.path(), &db, &["clash.liaison.json"])?;
    assert!(
        exit_within(&mut third, Duration::from_secs(20), "the third launch kept running").await?.success(),
        "the third launch hands over"
    );
    let refused =
        app.wait_xpath("//h2[normalize-space()='This file cannot be imported']/following-sibling::p[1]").await?;
    let text = refused.text().await?;
    let visit_id = document["visits"][0]["id"].as_str().ok_or("visit id")?;
    assert!(
        text.contains(&format!("$.organisations[0].id: id {visit_id} already belongs to a visit in the database")),
        "{text}"
    );
    display.screenshot(&artifacts().join("document-id-taken-1280x800.png"));
    app.click("Close").await?;
    assert_eq!(ok(liaison(&db, &["export", "json"])), before, "nothing written");
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_of_an_older_schema_is_copied_aside_and_the_window_says_where() -> Res {
    within(Duration::from_secs(120), a_database_of_an_older_schema_is_copied_aside_and_the_window_says_where_steps())
        .await
}

async fn a_database_of_an_older_schema_is_copied_aside_and_the_window_says_where_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    std::fs::copy(root().join("crates/core/tests/fixtures/schema-1.db"), &db)?;
    let app = App::start(&display, home.path(), &db).await?;
    let toast = app.wait_xpath("//p[contains(@class,'toast') and contains(., 'is kept at')]").await?;
    let text = toast.text().await?;
    let path = text.split("is kept at ").nth(1).ok_or("no path")?.trim();
    assert!(Path::new(path).exists(), "{text}");
    assert!(path.starts_with(home.path().to_str().ok_or("path")?), "beside the database: {path}");
    display.screenshot(&artifacts().join("database-updated-1280x800.png"));
    // The sample from the old database is all there.
    app.click(SAMPLE_TITLE).await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    app.quit().await?;
    Ok(())
}

/// Two coordinators, each in a window of their own (own display, own
/// session bus), on one team database; then a viewer. Needs the PostgreSQL
/// test server: scripts/test runs it on its own, with LIAISON_TEST_POSTGRES.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it on its own"]
async fn two_windows_on_one_team_database_see_each_others_saves() -> Res {
    within(Duration::from_secs(240), two_windows_on_one_team_database_see_each_others_saves_steps()).await
}

/// Opens the (only) visit the list shows, loaded before the window started.
async fn open_listed_visit(app: &App) -> Res {
    app.wait_for(".page[data-loaded] table.visits").await?;
    // The list may be drawn again as a team database's data arrives.
    app.fresh("opening the first visit listed", async || {
        Ok(app.wait_xpath("//table[contains(@class,'visits')]//a[contains(@class,'title')]").await?.click().await?)
    })
    .await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    Ok(())
}

async fn two_windows_on_one_team_database_see_each_others_saves_steps() -> Res {
    let url = liaison_core::testing::team_database().await;
    let setup = liaison_core::Service::open_team(&url).await?;
    setup.load_sample().await?;
    setup.close().await;
    let db = Path::new(&url);

    let (display_a, display_b) = (Display::start(1280, 800), Display::start(1280, 800));
    let (home_a, home_b) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let a = App::start(&display_a, home_a.path(), db).await?;
    let b = App::start(&display_b, home_b.path(), db).await?;
    open_listed_visit(&a).await?;
    open_listed_visit(&b).await?;
    assert_eq!(a.texts("header .chip").await?, ["Team database", "Connection not verified"]);

    // A saves; B's page and untouched form show it within a moment.
    a.type_in("Title", "Renamed in window A").await?;
    a.click("Save").await?;
    let saved = Instant::now();
    b.wait_xpath("//h1[@id='visit-title'][normalize-space()='Renamed in window A']").await?;
    eprintln!("a colleague's save showed after {:?}", saved.elapsed());
    assert_eq!(b.field("Title").await?.prop("value").await?.as_deref(), Some("Renamed in window A"));

    // B types; A saves again; B's save is refused with the choice to reload.
    b.type_in("Title", "Typed in window B").await?;
    a.type_in("Title", "Saved again in window A").await?;
    a.click("Save").await?;
    b.wait_xpath("//h1[@id='visit-title'][normalize-space()='Saved again in window A']").await?;
    assert_eq!(
        b.field("Title").await?.prop("value").await?.as_deref(),
        Some("Typed in window B"),
        "kept what was typed"
    );
    b.click("Save").await?;
    b.wait_xpath("//dialog[@open]//p[contains(., 'changed elsewhere since you opened it')]").await?;
    b.click("Reload theirs").await?;
    b.wait_xpath("//h1[@id='visit-title'][normalize-space()='Saved again in window A']").await?;

    // The history says who did what, newest first.
    b.tab("history").await?;
    b.wait_for("ol.history li").await?;
    let lines = b.texts("ol.history li .text").await?;
    let user = url::Url::parse(&url)?.username().to_owned();
    assert_eq!(
        lines.first().map(String::as_str),
        Some(format!("{user} renamed the visit 'Renamed in window A' to 'Saved again in window A'").as_str()),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 3, "{lines:?}");
    b.assert_no_overflow("history at 1280×800").await?;
    display_b.screenshot(&artifacts().join("team-history-1280x800.png"));
    // A coordinator's top bar on a team database, with both chips and New
    // visit, keeps to one line at the smallest size in both languages.
    b.resize(1024, 700).await?;
    b.assert_no_overflow("a coordinator's team window at 1024×700").await?;
    display_b.screenshot(&artifacts().join("team-history-1024x700.png"));
    b.set_language("zh-CN").await?;
    b.wait_xpath("//header//span[contains(@class,'short')][.='团队']").await?;
    b.assert_no_overflow("a coordinator's team window in Chinese at 1024×700").await?;
    display_b.screenshot(&artifacts().join("team-history-zh-CN-1024x700.png"));
    a.quit().await?;
    b.quit().await?;

    // A viewer reads everything and is offered no editing.
    let role = format!("viewer_{}", uuid::Uuid::new_v4().simple());
    let mut admin = url.parse::<sqlx::postgres::PgConnectOptions>()?;
    admin = admin.database("postgres");
    {
        use sqlx::{ConnectOptions, Connection};
        let mut c = admin.connect().await?;
        sqlx::raw_sql(&format!("CREATE ROLE {role} LOGIN PASSWORD 'pw'; GRANT liaison_template_viewer TO {role};"))
            .execute(&mut c)
            .await?;
        c.close().await?;
    }
    let mut as_viewer = url::Url::parse(&url)?;
    as_viewer.set_username(&role).map_err(|_| "user")?;
    as_viewer.set_password(Some("pw")).map_err(|_| "password")?;
    let viewer =
        App::start_with(&display_a, home_a.path(), Path::new(as_viewer.as_str()), &[("PGPASSWORD", "pw")]).await?;
    open_listed_visit(&viewer).await?;
    assert!(viewer.texts("header .chip").await?.contains(&"Read only".to_owned()));
    for edit in ["header .edit", ".actions-top .danger"] {
        let shown = viewer.js(&format!("return getComputedStyle(document.querySelector('{edit}')).display")).await?;
        assert_eq!(shown, json!("none"), "{edit} is hidden from a viewer");
    }
    viewer.tab("agenda").await?;
    let edits = viewer.js("return [...document.querySelectorAll('main .edit')].filter(e => getComputedStyle(e).display !== 'none').length").await?;
    assert_eq!(edits, json!(0));
    display_a.screenshot(&artifacts().join("team-viewer-1280x800.png"));

    // The Database setting's connection test, with the office's CA: it says
    // what is there and what this user may do; a wrong name is said too.
    let ca = std::env::var("LIAISON_TEST_POSTGRES_CA").map_err(|_| "LIAISON_TEST_POSTGRES_CA (scripts/test)")?;
    let u = url::Url::parse(&url)?;
    viewer.click("Database…").await?;
    viewer.wait_for("dialog[open].database input[name=db-kind][value=team]").await?;
    viewer.js("document.querySelector('input[name=db-kind][value=team]').click()").await?;
    viewer.type_in("Server", "localhost").await?;
    viewer.type_in("Port", &u.port().ok_or("port")?.to_string()).await?;
    viewer.type_in("Database", u.path().trim_start_matches('/')).await?;
    viewer.type_in("User name", "nobody_at_all").await?;
    viewer.type_in("Your office's CA certificate…", &ca).await?;
    viewer.click("Test connection").await?;
    let refused = viewer.wait_xpath("//dialog[@open]//p[@role='alert']").await?.text().await?;
    assert!(refused.contains("nobody_at_all") || refused.contains("password"), "{refused}");
    viewer.type_in("User name", &role).await?;
    viewer.click("Test connection").await?;
    let ok = viewer.wait_xpath("//dialog[@open]//p[@role='status']").await?.text().await?;
    assert!(ok.contains("Connected") && ok.contains("read it, not change it") && ok.contains("verified"), "{ok}");
    viewer.assert_no_overflow("database dialog at 1280×800").await?;
    display_a.screenshot(&artifacts().join("team-database-setting-1280x800.png"));
    viewer.click("Cancel").await?;
    // A viewer's header, with every chip, at the smallest size.
    viewer.resize(1024, 700).await?;
    viewer.assert_no_overflow("a viewer's window at 1024×700").await?;
    display_a.screenshot(&artifacts().join("team-viewer-1024x700.png"));
    viewer.quit().await?;
    Ok(())
}

/// A TCP relay between the window and the test server that can cut every
/// connection and refuse new ones, as a network that fails would.
struct Relay {
    port: u16,
    cut: std::sync::Arc<std::sync::atomic::AtomicBool>,
    links: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Relay {
    async fn start(to: u16) -> Res<Relay> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = listener.local_addr()?.port();
        let cut = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let links = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (c, l) = (cut.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if c.load(std::sync::atomic::Ordering::SeqCst) {
                    continue; // dropped: refused
                }
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(("127.0.0.1", to)).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                l.lock().unwrap().push(link);
            }
        });
        Ok(Relay { port, cut, links })
    }

    fn cut(&self) {
        self.cut.store(true, std::sync::atomic::Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn mend(&self) {
        self.cut.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it on its own"]
async fn a_team_database_that_stops_answering_is_said_and_nothing_typed_is_lost() -> Res {
    within(Duration::from_secs(240), a_team_database_that_stops_answering_is_said_and_nothing_typed_is_lost_steps())
        .await
}

async fn a_team_database_that_stops_answering_is_said_and_nothing_typed_is_lost_steps() -> Res {
    let url = liaison_core::testing::team_database().await;
    let setup = liaison_core::Service::open_team(&url).await?;
    setup.load_sample().await?;
    setup.close().await;
    let mut through = url::Url::parse(&url)?;
    let relay = Relay::start(through.port().ok_or("port")?).await?;
    through.set_port(Some(relay.port)).map_err(|_| "port")?;

    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let app = App::start(&display, home.path(), Path::new(through.as_str())).await?;
    open_listed_visit(&app).await?;
    app.type_in("Title", "Typed while the server was away").await?;

    relay.cut();
    let banner = app.text("p.banner[role='alert']").await?;
    assert!(banner.contains("does not answer") && banner.contains("out of date"), "{banner}");
    display.screenshot(&artifacts().join("team-unreachable-1280x800.png"));
    // The page and what was typed in it are still there.
    app.wait_for("[data-loaded] #visit-title").await?;
    app.wait_value("Title", "Typed while the server was away").await?;

    relay.mend();
    app.wait_count("p.banner[role='alert']", 0).await?;
    app.wait_value("Title", "Typed while the server was away").await?;
    app.click("Save").await?;
    app.wait_xpath("//h1[@id='visit-title'][normalize-space()='Typed while the server was away']").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the PostgreSQL test server: scripts/test runs it on its own"]
async fn switching_to_a_team_database_starts_liaison_again_on_it_and_remembers_it() -> Res {
    within(Duration::from_secs(180), switching_to_a_team_database_starts_liaison_again_on_it_and_remembers_it_steps())
        .await
}

async fn switching_to_a_team_database_starts_liaison_again_on_it_and_remembers_it_steps() -> Res {
    let url = liaison_core::testing::team_database().await;
    let setup = liaison_core::Service::open_team(&url).await?;
    setup.load_sample().await?;
    setup.close().await;
    let u = url::Url::parse(&url)?;
    let database = u.path().trim_start_matches('/').to_owned();
    let password = u.password().ok_or("the test server's password")?.to_owned();
    let ca = std::env::var("LIAISON_TEST_POSTGRES_CA").map_err(|_| "LIAISON_TEST_POSTGRES_CA (scripts/test)")?;

    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let file = home.path().join("liaison.db");
    let app = App::start_with(&display, home.path(), &file, &[("PGPASSWORD", password.as_str())]).await?;
    app.wait_for(".page[data-loaded]").await?;
    app.click("Database…").await?;
    // The choices appear once the dialog has read the setting, so that the
    // setting arriving cannot undo the choice below.
    app.wait_for("dialog[open].database input[name=db-kind][value=team]").await?;
    app.js("document.querySelector('input[name=db-kind][value=team]').click()").await?;
    app.type_in("Server", "localhost").await?;
    app.type_in("Port", &u.port().ok_or("port")?.to_string()).await?;
    app.type_in("Database", &database).await?;
    app.type_in("User name", u.username()).await?;
    app.type_in("Your office's CA certificate…", &ca).await?;
    app.click("Switch and restart").await?;

    // Remembered, without the password.
    let settings = home.path().join("config/liaison/settings.json");
    poll_until(Duration::from_secs(20), async || {
        Ok(if settings.exists() { Ok(()) } else { Err("the switch wrote no settings".to_owned()) })
    })
    .await?;
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&settings)?)?;
    let remembered = saved["database"].as_str().ok_or("a database in the settings")?.to_owned();
    assert!(remembered.contains(&database) && remembered.contains("sslmode=verify-full"), "{remembered}");
    assert!(!remembered.contains(&password), "no password in the settings: {remembered}");

    // A new Liaison opens on the team database: its window shows the visit
    // that is there and not in the file.
    let waited = poll_until(Duration::from_secs(30), async || {
        Ok(if visible_windows(&display, "Liaison").is_empty() { Err(String::new()) } else { Ok(()) })
    })
    .await;
    if waited.is_err() {
        // Name the cause: whether the new Liaison is still running, and what
        // it and the old one said (their output reaches the driver's log).
        let running = Command::new("pgrep").args(["-af", "liaison"]).output()?;
        let log = std::fs::read_to_string(home.path().join("driver.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        return Err(format!(
            "no window after the switch\nliaison processes:\n{}\nthe driver's log, last lines:\n{}",
            String::from_utf8_lossy(&running.stdout),
            lines[lines.len().saturating_sub(40)..].join("\n")
        )
        .into());
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    display.screenshot(&artifacts().join("team-after-switch-1280x800.png"));
    drop(app);
    let stopped = Command::new("pkill").args(["-f", &format!("liaison --db postgres://.*{database}")]).status()?;
    assert!(stopped.success(), "the restarted Liaison was running on the team database");

    // The command line follows the setting too when no database is named.
    let mut c = Command::new(binary());
    c.args(["visits", "--json"]);
    clean(&mut c);
    let listed = c
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("PGPASSWORD", &password)
        .output()?;
    let visits: Value = serde_json::from_str(&ok(listed))?;
    assert_eq!(visits[0]["title"], SAMPLE_TITLE);
    Ok(())
}

/// The visible text outside data (marked `data-data` in the markup, such as
/// a visit's title) that holds a Latin word: what a Chinese reader would
/// find untranslated. Returns the words and how many text nodes were read.
async fn latin_outside_data(app: &App) -> Res<(Vec<String>, u64)> {
    latin_outside_data_except(app, "[data-data]").await
}

/// The same, skipping what `except` matches as well as data.
async fn latin_outside_data_except(app: &App, except: &str) -> Res<(Vec<String>, u64)> {
    let script = "const except = arguments[0];
             const allowed = new Set(['Liaison', 'Ctrl', 'iCalendar']);
             const found = []; let read = 0;
             const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
             for (let n = walker.nextNode(); n; n = walker.nextNode()) {
               const el = n.parentElement;
               if (!el || !n.textContent.trim()) continue;
               if (el.closest('[data-data], script, style, input, textarea, option, [hidden], [aria-hidden=true]')) continue;
               if (el.closest(except)) continue;
               if (el.getClientRects().length === 0) continue;
               read++;
               for (const w of n.textContent.match(/[A-Za-z]{2,}/g) ?? []) if (!allowed.has(w)) found.push(w + ' in ' + el.tagName);
             }
             return { found, read };";
    let v = app.c().execute(script, vec![json!(except)]).await?;
    let found = v["found"].as_array().ok_or("found")?.iter().filter_map(|w| w.as_str().map(str::to_owned)).collect();
    Ok((found, v["read"].as_u64().unwrap_or(0)))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_switches_to_chinese_at_once_keeps_what_is_typed_and_remembers_it() -> Res {
    within(
        Duration::from_secs(180),
        the_window_switches_to_chinese_at_once_keeps_what_is_typed_and_remembers_it_steps(),
    )
    .await
}

async fn the_window_switches_to_chinese_at_once_keeps_what_is_typed_and_remembers_it_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    ok(liaison(&db, &["sample"]));
    let app = App::start(&display, home.path(), &db).await?;
    app.wait_for("[data-loaded]").await?;
    // English first (the test machine's language), the sample in the list.
    app.wait_xpath("//h1[normalize-space()='Visits']").await?;
    app.type_in("Search", "IPRCC").await?;
    app.wait_xpath("//p[contains(@class,'count') and normalize-space()='1 visit']").await?;

    // The switch, as a person uses it: the select named "Language".
    let switch = app.wait_for("select[aria-label='Language']").await?;
    switch.select_by_value("zh-CN").await?;
    app.wait_xpath("//h1[normalize-space()='来访']").await?;
    for heading in ["时间（来访当地）", "来访", "主方 → 客方", "状态"] {
        app.wait_xpath(&format!("//table[@aria-label='来访']//th[normalize-space()={}]", quote(heading))).await?;
    }
    app.wait_xpath("//span[contains(@class,'badge') and normalize-space()='已完成']").await?;
    app.wait_xpath("//div[normalize-space()='出访团组']").await?;
    app.wait_xpath("//div[contains(@class,'line') and normalize-space()='2021年6月11日星期五 09:00–12:00']").await?;
    app.wait_xpath("//p[contains(@class,'count') and normalize-space()='1 个来访']").await?;
    let typed = app.c().find(Locator::Id("visit-search")).await?.prop("value").await?;
    assert_eq!(typed.as_deref(), Some("IPRCC"), "what was typed is kept");
    let (latin, read) = latin_outside_data(&app).await?;
    assert!(latin.is_empty(), "untranslated on the visits list: {latin:?}");
    assert!(read >= 20, "only {read} text nodes were read");
    display.screenshot(&artifacts().join("visits-zh-CN-1280x800.png"));
    app.assert_no_overflow("the visits list in Chinese").await?;
    // A visit's page, tab by tab: nothing untranslated outside data. (The
    // history tab's sentences are checked in the directory below.)
    app.click(SAMPLE_TITLE).await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    for tab in ["概况", "参加人员", "日程", "后续事项", "备注和纪要", "修改记录"] {
        app.wait_xpath(&format!("//div[@role='tablist']/button[starts-with(normalize-space(), {})]", quote(tab)))
            .await?;
    }
    app.wait_xpath("//button[normalize-space()='导出到日历…']").await?;
    let mut pages = 0;
    for (tab, expected) in [
        ("overview", "//label[normalize-space(text()[1])='标题']"),
        ("participants", "//h2[normalize-space()='主方']"),
        ("agenda", "//h2[normalize-space()='2021年6月11日星期五']"),
        ("follow-ups", "//th[normalize-space()='商定事项']"),
        ("notes", "//label[normalize-space(text()[1])='纪要']"),
    ] {
        app.tab(tab).await?;
        app.wait_xpath(expected).await?;
        let (latin, read) = latin_outside_data(&app).await?;
        assert!(latin.is_empty(), "untranslated on the {tab} tab: {latin:?}");
        assert!(read >= 15, "{tab}: only {read} text nodes were read");
        app.assert_no_overflow(&format!("the {tab} tab in Chinese")).await?;
        display.screenshot(&artifacts().join(format!("visit-{tab}-zh-CN-1280x800.png")));
        pages += 1;
    }
    assert_eq!(pages, 5);
    // The visit's zone by its city in Chinese, its id kept beside as data.
    app.wait_xpath("//span[@title='Asia/Shanghai' and normalize-space()='上海']").await?;
    // A reader of Chinese sees the Chinese form of each name first, the
    // Latin one beside it (the core's rule, mirrored by the window).
    app.tab("participants").await?;
    let first = app.texts("li[id^='participant-'] .who .name").await?;
    let beside = app.texts("li[id^='participant-'] .who .beside").await?;
    assert!(first.contains(&"张惠东".to_owned()) && first.contains(&"和震".to_owned()), "{first:?}");
    assert!(beside.contains(&"Zhang Huidong".to_owned()), "{beside:?}");
    // Organisations by their Chinese name, not their English acronym.
    let details = app.texts("li[id^='participant-'] .who .muted").await?;
    assert!(
        details.iter().any(|d| d.contains("中国国际扶贫中心")) && !details.iter().any(|d| d.contains("IPRCC")),
        "{details:?}"
    );
    // The calendar export's dialog, its choices included.
    app.click("导出到日历…").await?;
    app.wait_xpath("//h2[normalize-space()='导出到日历']").await?;
    let chosen = app.js("return document.getElementById('export-method').selectedOptions[0].text").await?;
    assert_eq!(chosen, json!("可导入或订阅的日历"));
    let (latin, _) = latin_outside_data(&app).await?;
    assert!(latin.is_empty(), "untranslated in the export dialog: {latin:?}");
    app.click("取消").await?;
    // A rule broken in a form is said in Chinese at its field (Rust sends
    // the problem's code; the window words it), and nothing is saved.
    app.tab("overview").await?;
    app.set("结束（来访当地时间）", "2021-06-11T08:00").await?;
    app.click("保存").await?;
    let err = app.wait_for("#visit-overview-end-error").await?;
    assert_eq!(err.text().await?, "必须晚于开始时间");
    app.click("放弃修改").await?;
    let stored: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(stored["visit"]["end_local"], "2021-06-11T12:00", "nothing was saved");
    // A visit shortened past some of its items: saved, with each item named
    // and its time written the Chinese way (MOMENT() in the catalogue), not
    // as stored ("2021-06-11T10:15"). Then put back.
    app.set("结束（来访当地时间）", "2021-06-11T10:00").await?;
    app.click("保存").await?;
    app.wait_xpath("//p[contains(@class,'warning') and contains(., '现已不在来访日期之内')]").await?;
    let warned = app.texts("p.warning").await?;
    assert!(
        warned.iter().all(|w| w.contains("（2021年6月11日星期五 ") && !w.contains("2021-06-11")),
        "each late item with its day and time in Chinese: {warned:?}"
    );
    assert!(warned.len() >= 2, "{warned:?}");
    app.assert_no_overflow("a visit's warnings in Chinese").await?;
    display.screenshot(&artifacts().join("visit-warnings-zh-CN-1280x800.png"));
    app.set("结束（来访当地时间）", "2021-06-11T12:00").await?;
    app.click("保存").await?;
    app.wait_count("p.warning", 0).await?;
    app.click("← 来访").await?;
    app.wait_xpath("//h1[normalize-space()='来访']").await?;
    // The directory, with a person chosen.
    app.click("通讯录").await?;
    app.wait_for(".directory[data-loaded]").await?;
    app.wait_xpath("//li/button[contains(., 'Zhang Huidong')]").await?.click().await?;
    app.wait_xpath("//label[normalize-space(text()[1])='职务或职级']").await?;
    // The name's forms in the reader's order: Chinese first.
    let labels = app.texts("form .grid > .field > label").await?;
    assert_eq!(labels[..3], ["中文姓名", "拉丁字母姓名", "本国文字姓名"], "{labels:?}");
    // The history's sentences are Rust's, in the window's language; the
    // names and titles inside them are data, so they are checked by their
    // words instead: "root 创建了人员 Zhang Huidong".
    let (latin, read) = latin_outside_data_except(&app, "ol.history li .text").await?;
    assert!(latin.is_empty(), "untranslated in the directory: {latin:?}");
    let said = app.text("ol.history li .text").await?;
    assert!(said.contains("创建了人员"), "{said}");
    assert!(read >= 15, "the directory: only {read} text nodes were read");
    // Its time stamp the Chinese way too ("2026年12月6日 22:50"), from the
    // window's formatter, not the system's language (English here).
    let when = app.text("ol.history li time").await?;
    assert!(
        when.contains('年') && when.contains('日') && !when.chars().any(|c| c.is_ascii_alphabetic()),
        "a history line's time in Chinese: {when:?}"
    );
    app.assert_no_overflow("the directory in Chinese").await?;
    display.screenshot(&artifacts().join("directory-zh-CN-1280x800.png"));
    // The calendar's month: its title and the weekdays in Chinese.
    app.click("日历").await?;
    app.set("跳转到", "2021-06-11").await?;
    app.click("月").await?;
    app.wait_xpath("//h1[normalize-space()='2021年6月']").await?;
    let (latin, read) = latin_outside_data(&app).await?;
    assert!(latin.is_empty(), "untranslated in the calendar's month: {latin:?}");
    assert!(read >= 15, "the calendar: only {read} text nodes were read");
    app.assert_no_overflow("the calendar's month in Chinese").await?;
    display.screenshot(&artifacts().join("calendar-month-zh-CN-1280x800.png"));
    app.quit().await?;

    // Remembered: the next start is in Chinese, at the smallest window too.
    drop(display);
    let display = Display::start(1024, 700);
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1024, 700).await?;
    app.wait_xpath("//h1[normalize-space()='来访']").await?;
    app.wait_for("[data-loaded]").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_no_overflow("the visits list in Chinese at 1024x700").await?;
    display.screenshot(&artifacts().join("visits-zh-CN-1024x700.png"));
    // And back to English at once.
    app.wait_for("select[aria-label='语言']").await?.select_by_value("en").await?;
    app.wait_xpath("//h1[normalize-space()='Visits']").await?;
    app.wait_xpath("//div[contains(@class,'line') and normalize-space()='Fri, 11 Jun 2021, 09:00–12:00']").await?;
    app.quit().await?;
    Ok(())
}

/// Words a layout hides: a label, heading, button or tab whose text is
/// wider than its box (cut off, or spilling over its neighbour), and
/// neighbours in a row or bar that overlap. Data that ends in an ellipsis
/// on purpose (`.line`, `data-data`) is not counted.
async fn assert_nothing_cut_off_or_overlapping(app: &App, what: &str) -> Res<u64> {
    let v = app
        .js("const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
             const cut = [];
             let read = 0;
             for (const e of document.querySelectorAll('button, label, th, h1, h2, h3, legend, .badge, .chip, [role=tab], p')) {
               if (!visible(e) || e.closest('[data-data], .line, .visually-hidden, .sr-only')) continue;
               read++;
               if (e.scrollWidth > e.clientWidth + 1) cut.push(e.tagName + ': ' + e.textContent.trim().slice(0, 40));
             }
             const overlap = [];
             for (const row of document.querySelectorAll('.topbar, .row, .actions, .tabs, .scopes, nav')) {
               if (!visible(row)) continue;
               const kids = [...row.children].filter(visible).map((k) => [k, k.getBoundingClientRect()]);
               for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) {
                 const [a, r] = kids[i], [b, q] = kids[j];
                 const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
                 const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
                 if (w > 1 && h > 1) overlap.push(a.textContent.trim().slice(0, 30) + ' / ' + b.textContent.trim().slice(0, 30));
               }
             }
             return { cut, overlap, read };")
        .await?;
    let cut = v["cut"].as_array().map_or(0, Vec::len);
    let overlap = v["overlap"].as_array().map_or(0, Vec::len);
    assert!(cut == 0 && overlap == 0, "{what}: cut off {}, overlapping {}", v["cut"], v["overlap"]);
    Ok(v["read"].as_u64().unwrap_or(0))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pseudo_locale_forty_percent_longer_fits_a_1024_by_700_window() -> Res {
    within(Duration::from_secs(180), a_pseudo_locale_forty_percent_longer_fits_a_1024_by_700_window_steps()).await
}

/// Every word from the catalogue accented and 40% longer, in brackets: a
/// view that cuts off, overflows or overlaps shows it here before a
/// translation does.
async fn a_pseudo_locale_forty_percent_longer_fits_a_1024_by_700_window_steps() -> Res {
    let display = Display::start(1024, 700);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    ok(liaison(&db, &["sample"]));
    let app = App::start(&display, home.path(), &db).await?;
    app.resize(1024, 700).await?;
    app.js("localStorage.setItem('liaison.lang', 'en-XA'); return null").await?;
    // WebDriver's own refresh returns once the new page has loaded: a
    // reload started from a script raced the next look-up, which then
    // failed with "Callback was not called before the unload event".
    app.c().refresh().await?;
    app.wait_for("[data-ready] [data-loaded]").await?;
    app.wait_xpath("//h1[normalize-space()='⟦Ṽíšíţš··⟧' or starts-with(normalize-space(), '⟦')]").await?;
    let mut read = 0;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_no_overflow("the visits list, pseudo-locale").await?;
    read += assert_nothing_cut_off_or_overlapping(&app, "the visits list, pseudo-locale").await?;
    display.screenshot(&artifacts().join("visits-pseudo-1024x700.png"));
    // The title is cut to fit (data ends in an ellipsis), and WebDriver
    // clicks an element at its centre, which is then out of view: the row
    // is what a person clicks.
    app.c().find(Locator::Css(".visits tbody tr[aria-rowindex] td.status")).await?.click().await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    for tab in ["overview", "participants", "agenda", "follow-ups", "notes", "history"] {
        app.tab(tab).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let what = format!("the {tab} tab, pseudo-locale");
        // First, so that a failure below leaves its picture.
        display.screenshot(&artifacts().join(format!("visit-{tab}-pseudo-1024x700.png")));
        app.assert_no_overflow(&what).await?;
        read += assert_nothing_cut_off_or_overlapping(&app, &what).await?;
    }
    app.c().find(Locator::Css("nav button:nth-child(3)")).await?.click().await?;
    app.wait_for(".directory[data-loaded]").await?;
    app.wait_xpath("//li/button[contains(., 'Zhang Huidong')]").await?.click().await?;
    app.wait_for("#d-name").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_no_overflow("the directory, pseudo-locale").await?;
    read += assert_nothing_cut_off_or_overlapping(&app, "the directory, pseudo-locale").await?;
    display.screenshot(&artifacts().join("directory-pseudo-1024x700.png"));
    // The register and the conflicts (a second visit on the same day, so
    // that there are some).
    ok(liaison(&db, &["copy", "5a3f", "--start-date", "2021-06-11", "--title", "Twin"]));
    for (n, view, ready) in [(4, "register", "table.register tbody tr"), (5, "conflicts", "ul.conflicts > li")] {
        app.c().find(Locator::Css(&format!("nav button:nth-child({n})"))).await?.click().await?;
        app.wait_for(&format!(".page[data-loaded] {ready}")).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        display.screenshot(&artifacts().join(format!("{view}-pseudo-1024x700.png")));
        let what = format!("the {view}, pseudo-locale");
        app.assert_no_overflow(&what).await?;
        read += assert_nothing_cut_off_or_overlapping(&app, &what).await?;
    }
    // The calendar: the week of the two visits, and its month.
    app.c().find(Locator::Css("nav button:nth-child(2)")).await?.click().await?;
    app.wait_for(".page.calendar[data-loaded]").await?;
    let goto = app.wait_for("#cal-goto").await?;
    app.type_date(&goto, "2021-06-11").await?;
    app.wait_count(".day-col[data-date='2021-06-11'] .item", 12).await?;
    for (key, view) in [("w", "calendar-week"), ("m", "calendar-month")] {
        app.c().find(Locator::Css("body")).await?.send_keys(key).await?;
        app.wait_for(if key == "m" { ".month .cell" } else { ".day-col .item" }).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        display.screenshot(&artifacts().join(format!("{view}-pseudo-1024x700.png")));
        let what = format!("the {view}, pseudo-locale");
        app.assert_no_overflow(&what).await?;
        read += assert_nothing_cut_off_or_overlapping(&app, &what).await?;
    }
    assert!(read >= 150, "only {read} labels, headings and buttons were looked at");
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_briefing_pack_is_previewed_in_both_languages_and_saved_as_a_pdf_others_can_read() -> Res {
    within(
        Duration::from_secs(180),
        the_briefing_pack_is_previewed_in_both_languages_and_saved_as_a_pdf_others_can_read_steps(),
    )
    .await
}

async fn the_briefing_pack_is_previewed_in_both_languages_and_saved_as_a_pdf_others_can_read_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let files = dialog_dir(home.path());
    let app = App::start(&display, home.path(), &db).await?;
    open_sample(&app).await?;
    // The pointer on the Documents tab starts the typesetter, before the
    // click asks for anything.
    use fantoccini::actions::{InputSource, MouseActions, PointerAction};
    let typesetters = |app: &App| {
        live_descendants(app._driver.0.id()).into_iter().filter(|(_, name)| name == "liaison-typeset").count()
    };
    let typesetters_become = async |app: &App, n: usize, why: &str| {
        poll_until(Duration::from_secs(20), async || {
            Ok(if typesetters(app) == n { Ok(()) } else { Err(why.to_owned()) })
        })
        .await
    };
    assert_eq!(typesetters(&app), 0, "a typesetter before the documents were reached");
    let documents = app.wait_for("#tab-documents").await?;
    let hover = MouseActions::new("mouse".to_owned()).then(PointerAction::MoveToElement {
        element: documents,
        duration: None,
        x: 0.0,
        y: 0.0,
    });
    app.c().perform_actions(hover).await?;
    app.c().release_actions().await?;
    typesetters_become(&app, 1, "no typesetter once the pointer was on the tab").await?;
    app.tab("documents").await?;
    // The briefing pack in both languages is what the tab opens on: its
    // pages as images of what will print.
    app.wait_value("Document", "briefing").await?;
    app.wait_value("Language", "both").await?;
    app.wait_for(".pages[aria-busy='false'][data-shown='briefing|both'] img").await?;
    let pages = app.js("return document.querySelectorAll('.pages img').length;").await?;
    let alt = app.js("return document.querySelector('.pages img').alt;").await?;
    assert_eq!(alt, json!(format!("Page 1 of {pages}")));
    // The image is drawn, not a broken link: the browser decoded it.
    let drawn =
        app.js("const i = document.querySelector('.pages img'); return i.complete && i.naturalWidth > 100;").await?;
    assert_eq!(drawn, json!(true));
    app.assert_no_overflow("the documents tab at 1280×800").await?;
    display.screenshot(&artifacts().join("documents-briefing-both-1280x800.png"));
    app.wait_xpath("//button[normalize-space()='Save as PDF…' and not(@disabled)]").await?.click().await?;
    app.wait_xpath("//p[contains(@class,'toast') and starts-with(normalize-space(), 'Saved')]").await?;
    let saved: Vec<PathBuf> = std::fs::read_dir(&files)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    assert_eq!(saved.len(), 1, "{saved:?}");
    let pdf = &saved[0];
    assert_eq!(pdf.extension().and_then(|e| e.to_str()), Some("pdf"));
    // Read by poppler and qpdf, not by us: the pack's headings in both
    // languages; every agenda title in order; then both delegations, each
    // person in precedence order with both forms of their name; every font
    // embedded.
    let text = Command::new("pdftotext").arg(pdf).arg("-").output()?;
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    let mut wanted: Vec<String> = ["访问简报", "Briefing pack", "访问目的", "Purpose", "日程安排", "Programme"]
        .into_iter()
        .chain(["2021 年 6 月 11 日 星期五", "Friday 11 June 2021"])
        .map(String::from)
        .collect();
    wanted.extend(
        shown["agenda"].as_array().ok_or("agenda")?.iter().filter_map(|a| a["title"].as_str()).map(String::from),
    );
    wanted.extend(["双方人员", "Delegations"].map(String::from));
    for p in shown["participants"].as_array().ok_or("participants")? {
        wanted.extend([&p["chinese_name"], &p["name"]].iter().filter_map(|n| n.as_str()).map(String::from));
    }
    wanted.extend(["后勤安排", "Logistics"].map(String::from));
    let mut from = 0;
    let mut found = 0;
    for wanted in &wanted {
        let wanted = wanted.split_whitespace().collect::<Vec<_>>().join(" ");
        let at = text[from..].find(&wanted).ok_or_else(|| format!("{wanted:?} not in order in: {text}"))?;
        from += at + wanted.len();
        found += 1;
    }
    assert!(found >= 24, "{found}");
    let fonts = Command::new("pdffonts").arg(pdf).output()?;
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    let rows: Vec<Vec<&str>> = fonts.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    assert!(!rows.is_empty() && rows.iter().all(|r| r.len() >= 6 && r[r.len() - 5] == "yes"), "{fonts}");
    assert!(Command::new("qpdf").arg("--check").arg(pdf).output()?.status.success());
    // "Open" hands the saved file to the system's viewer (here, a log).
    app.click("Open").await?;
    let log = home.path().join("opened.txt");
    let opened = poll_until(Duration::from_secs(5), async || {
        let opened = std::fs::read_to_string(&log).unwrap_or_default();
        Ok(if opened.is_empty() { Err("Open handed nothing to a viewer".to_owned()) } else { Ok(opened) })
    })
    .await?;
    assert_eq!(PathBuf::from(opened), *pdf);
    // Name cards: a page per person on the visit.
    app.set("Document", "cards").await?;
    let people = shown["participants"].as_array().ok_or("participants")?.len();
    app.wait_xpath(&format!("//div[contains(@class,'pages')]/img[@alt='Page 1 of {people}']")).await?;
    display.screenshot(&artifacts().join("documents-cards-both-1280x800.png"));
    app.set("Document", "programme").await?;
    // The smaller window, in Chinese: the preview follows the language.
    app.resize(1024, 700).await?;
    app.set("Language", "zh").await?;
    app.wait_for(".pages[aria-busy='false'][data-shown='programme|zh'] img").await?;
    let asked = app.js("return document.querySelector('.pages').dataset.asked;").await?;
    app.set_language("zh-CN").await?;
    app.wait_xpath("//button[normalize-space()='另存为 PDF…']").await?;
    // The pages do not depend on the window's language: they stay, and are
    // not typeset again (only an error shown is asked for again, to come in
    // the new language).
    let after = app.js("return document.querySelector('.pages').dataset.asked;").await?;
    assert_eq!(after, asked, "the window's language typeset the preview again");
    app.wait_for(".pages[aria-busy='false'][data-shown='programme|zh'] img").await?;
    app.assert_no_overflow("the documents tab in Chinese at 1024×700").await?;
    display.screenshot(&artifacts().join("documents-programme-zh-1024x700.png"));
    // The pages are blobs, let go with their preview (issue 15: as data
    // URLs, every preview's pages stayed in the engine's memory). A page's
    // address draws while it is shown and no longer once the tab is left.
    let page = app.js("return document.querySelector('.pages img').src;").await?;
    assert!(page.as_str().is_some_and(|s| s.starts_with("blob:")), "{page}");
    let draws = "const done = arguments[arguments.length - 1]; const i = new Image();
                 i.onload = () => done(i.naturalWidth > 100); i.onerror = () => done(false); i.src = arguments[0];";
    assert_eq!(app.c().execute_async(draws, vec![page.clone()]).await?, json!(true), "a page shown draws");
    // The page's <img> is kept by the test past the tab: the SVG document
    // drawn in it goes with its source, not with the element, which lasts
    // until the garbage collector reaps it (issue 15).
    app.js("window.__keptPage = document.querySelector('.pages img'); return null;").await?;
    app.tab("overview").await?;
    app.wait_for("#visit-overview-title").await?;
    assert_eq!(app.c().execute_async(draws, vec![page]).await?, json!(false), "a page let go");
    let kept = app.js("const i = window.__keptPage; return [i.isConnected, i.hasAttribute('src')];").await?;
    assert_eq!(kept, json!([false, false]), "a page's <img> left the tab without its source");
    // The typesetter that made the pages goes a moment after the tab is
    // left, not after its idle minute (issue 15: 55–65 MiB held for nothing).
    assert_eq!(typesetters(&app), 1, "the typesetter that made the pages is not running");
    typesetters_become(&app, 0, "the typesetter stayed after the documents tab was left").await?;
    // An error the preview shows is Rust's words: a switch of the window's
    // language asks for it again, once, in the new language. (The sample
    // keeps nobody's visa details: nobody to write a visa letter to.)
    app.tab("documents").await?;
    app.set("文件", "letter:visa").await?;
    app.wait_xpath("//section[contains(@class,'documents')]//p[@role='alert' and contains(., '签证邀请函')]").await?;
    app.wait_for(".pages[aria-busy='false'][data-shown='letter:visa|both']").await?;
    let asked = app.js("return Number(document.querySelector('.pages').dataset.asked);").await?;
    app.set_language("en").await?;
    app.wait_xpath(
        "//section[contains(@class,'documents')]//p[@role='alert' and contains(., 'nobody to write this visa letter')]",
    )
    .await?;
    let after = app.js("return Number(document.querySelector('.pages').dataset.asked);").await?;
    assert_eq!(after.as_u64(), asked.as_u64().map(|n| n + 1), "asked again once, for the error's words");
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_seating_plan_follows_the_visits_convention_and_a_swap_is_saved_with_the_visit() -> Res {
    within(Duration::from_secs(180), the_seating_plan_steps()).await
}

/// The visit's seating plan once the window's save of `revision` has landed.
async fn seating_saved(db: &Path, revision: u32) -> Res<Value> {
    poll_until(Duration::from_secs(10), async || {
        let plan: Value = serde_json::from_str(&ok(liaison(db, &["seating", "5a3f", "--json"])))?;
        Ok(if plan["revision"] == json!(revision) {
            Ok(plan)
        } else {
            Err(format!("revision {revision} was never saved; the plan is at {}", plan["revision"]))
        })
    })
    .await
}

async fn the_seating_plan_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let app = App::start(&display, home.path(), &db).await?;
    open_sample(&app).await?;
    app.tab("documents").await?;
    app.set("Document", "seating").await?;
    app.wait_value("Higher-ranking hand", "right").await?;
    app.wait_xpath("(//div[contains(@class,'pages')]/img)[1]").await?;
    let hosts = |plan: &Value| -> Vec<String> {
        plan["hosts"]["front"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default()
    };
    let read = || -> Res<Value> { Ok(serde_json::from_str(&ok(liaison(&db, &["seating", "5a3f", "--json"])))?) };
    let before = read()?;
    assert_eq!(before["revision"], json!(0));
    let by_rules = hosts(&before);
    assert_eq!(by_rules.len(), 2, "{before}");

    // Chinese domestic practice: the second host moves to the principal's left.
    app.set("Higher-ranking hand", "left").await?;
    let plan = seating_saved(&db, 1).await?;
    assert_eq!(plan["rules"]["honour"], json!("left"), "{plan}");
    let mut mirrored = by_rules.clone();
    mirrored.reverse();
    assert_eq!(hosts(&plan), mirrored);

    // The two hosts change places at the meeting table: saved with the visit.
    app.set("Person", "He Zhen").await?;
    app.set("Changes places with", "International cooperation liaison").await?;
    app.click("Swap seats").await?;
    let plan = seating_saved(&db, 2).await?;
    assert_eq!(plan["rules"]["meeting_swaps"].as_array().map(Vec::len), Some(1), "{plan}");
    assert_eq!(hosts(&plan), by_rules, "the swap undoes the mirror");
    app.wait_xpath("(//div[contains(@class,'pages')]/img)[1]").await?;
    app.assert_no_overflow("the seating plan at 1280×800").await?;
    display.screenshot(&artifacts().join("documents-seating-both-1280x800.png"));

    // Back to protocol order, in Chinese at the smaller size.
    app.resize(1024, 700).await?;
    app.set_language("zh-CN").await?;
    app.click("恢复礼宾顺序").await?;
    let plan = seating_saved(&db, 3).await?;
    assert_eq!(plan["rules"].get("meeting_swaps"), None, "{plan}");
    assert_eq!(hosts(&plan), mirrored);
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.assert_no_overflow("the seating plan in Chinese at 1024×700").await?;
    display.screenshot(&artifacts().join("documents-seating-zh-1024x700.png"));
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visa_letter_is_made_from_the_offices_template_and_its_passport_data_deleted_in_one_step() -> Res {
    within(Duration::from_secs(180), visa_letter_steps()).await
}

async fn visa_letter_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    let files = dialog_dir(home.path());
    // The office's template, where the dialog will "choose" it.
    let template = ok(liaison(&db, &["doc", "template", "visa", "--lang", "en"]))
        .replace("signatory:\n", "signatory: Wang Fang\n")
        .replace("signatory_title:\n", "signatory_title: Director, International Cooperation Office\n")
        .replace("inviter_address:\n", "inviter_address: 19 Xinjiekouwai Street, Beijing\n")
        .replace("inviter_phone:\n", "inviter_phone: +86 10 5880 0000\n");
    std::fs::create_dir_all(&files)?;
    std::fs::write(files.join("visa-template.txt"), template)?;
    let app = App::start(&display, home.path(), &db).await?;
    open_sample(&app).await?;
    app.tab("documents").await?;
    app.set("Document", "letter:visa").await?;
    // Nobody has passport data yet: the preview says so instead of pages.
    app.wait_xpath("//p[contains(@class,'error') and contains(., 'nobody')]").await?;
    app.click("Choose template…").await?;
    app.wait_xpath("//strong[normalize-space()='visa-template.txt']").await?;
    let row = "//tr[td[normalize-space()='Zhang Huidong (张惠东)']]";
    app.wait_xpath(&format!("{row}//button[normalize-space()='Enter passport data']")).await?.click().await?;
    // A wrong passport number is refused at its field, and nothing is kept.
    app.type_in("Full name as in the passport", "ZHANG HUIDONG").await?;
    app.set("Gender (as in the passport)", "M").await?;
    app.type_in("Nationality", "China").await?;
    app.type_in("Date of birth", "1968-05-02").await?;
    app.type_in("Passport number", "E1").await?;
    app.type_in("Relationship to the inviting institution", "Deputy Director General of a partner centre").await?;
    app.type_in("Who pays for what", "The host covers accommodation").await?;
    app.click("Save passport data").await?;
    app.wait_xpath("//span[contains(@class,'error') and contains(., 'is not a passport number')]").await?;
    let kept = ok(liaison(&db, &["visa", "5a3f", "--json"]));
    assert_eq!(serde_json::from_str::<Value>(&kept)?, json!([]));
    app.type_in("Passport number", "E12345678").await?;
    app.click("Save passport data").await?;
    app.wait_xpath(&format!("{row}/td[normalize-space()='Passport data kept']")).await?;
    // The letter's pages, then the PDF, read by poppler.
    app.wait_xpath("(//div[contains(@class,'pages')]/img)[1]").await?;
    app.assert_no_overflow("the visa letter at 1280×800").await?;
    display.screenshot(&artifacts().join("documents-letter-visa-1280x800.png"));
    // The button is disabled while a preview is being made: wait for it.
    app.wait_xpath("//button[normalize-space()='Save as PDF…' and not(@disabled)]").await?.click().await?;
    app.wait_xpath("//p[contains(@class,'toast') and starts-with(normalize-space(), 'Saved')]").await?;
    let pdf = std::fs::read_dir(&files)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .ok_or("no PDF saved")?;
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in ["ZHANG HUIDONG", "Passport number: E12345678", "19 Xinjiekouwai Street", "Wang Fang"] {
        assert!(text.contains(wanted), "{wanted} not in {text}");
    }
    // In Chinese at the smaller size, the form open: nothing cut or overlapping.
    app.resize(1024, 700).await?;
    app.set_language("zh-CN").await?;
    app.wait_xpath(&format!(
        "{}//button[normalize-space()='修改']",
        row.replace("Zhang Huidong (张惠东)", "张惠东 (Zhang Huidong)")
    ))
    .await?
    .click()
    .await?;
    app.wait_xpath("//label[normalize-space()='护照号码']").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.assert_no_overflow("the visa details in Chinese at 1024×700").await?;
    display.screenshot(&artifacts().join("documents-letter-visa-zh-1024x700.png"));
    app.set_language("en").await?;
    // Deleted for the whole visit in one step.
    app.click("Delete all passport data of this visit").await?;
    app.wait_xpath("//dialog[@open]//button[normalize-space()='Delete all passport data of this visit']")
        .await?
        .click()
        .await?;
    app.wait_xpath(&format!("{row}/td[normalize-space()='No passport data']")).await?;
    let kept = ok(liaison(&db, &["visa", "5a3f", "--json"]));
    assert_eq!(serde_json::from_str::<Value>(&kept)?, json!([]));
    app.quit().await?;
    Ok(())
}

/// A thousand organisations made a thousand options in each visit form
/// opened, and the window kept the memory (issue 15): a long list is made
/// when its select is focused. Chosen from, it works as any select.
#[tokio::test(flavor = "multi_thread")]
async fn an_organisation_is_chosen_from_a_long_list_made_only_when_it_is_wanted() -> Res {
    within(Duration::from_secs(180), an_organisation_is_chosen_from_a_long_list_made_only_when_it_is_wanted_steps())
        .await
}

async fn an_organisation_is_chosen_from_a_long_list_made_only_when_it_is_wanted_steps() -> Res {
    let display = Display::start(1280, 800);
    let home = tempfile::tempdir()?;
    let db = home.path().join("liaison.db");
    ok(liaison(&db, &["sample"]));
    let partners: Vec<Value> = (1..=80)
        .map(|i| {
            json!({"id": format!("7b000000-0000-4000-8000-{i:012}"), "name": format!("Partner institute {i:02}"),
                   "native_name": "", "acronym": "", "country": "Germany", "kind": "university", "notes": ""})
        })
        .collect();
    let doc = home.path().join("partners.json");
    std::fs::write(&doc, serde_json::to_vec(&json!({"format": "liaison", "version": 4, "organisations": partners}))?)?;
    ok(liaison(&db, &["import", doc.to_str().ok_or("path")?]));
    let all: Value = serde_json::from_str(&ok(liaison(&db, &["export", "json"])))?;
    let organisations = all["organisations"].as_array().ok_or("organisations")?.len();
    assert!(organisations > 80, "{organisations} organisations");

    let app = App::start(&display, home.path(), &db).await?;
    app.click(SAMPLE_TITLE).await?;
    app.wait_for("[data-loaded] #visit-title").await?;
    // Shown, not yet wanted: "—" and the guest chosen, no more.
    app.wait_count("#visit-overview-guest option", 2).await?;
    let chosen = app.text("#visit-overview-guest option:checked").await?;
    assert!(chosen.contains("IPRCC"), "the sample's guest is shown: {chosen}");
    // The visit form's list of zones is the window's one list.
    app.wait_count("datalist#zones", 1).await?;

    app.set("Guest organisation", "Partner institute 42").await?;
    app.wait_count("#visit-overview-guest option", organisations + 1).await?;
    app.click("Save").await?;
    app.wait_xpath("//*[normalize-space()='Visit saved']").await?;
    let shown: Value = serde_json::from_str(&ok(liaison(&db, &["show", "5a3f", "--json"])))?;
    assert_eq!(shown["visit"]["guest_org_id"], "7b000000-0000-4000-8000-000000000042");
    app.quit().await?;
    Ok(())
}
