# Installs what Liaison needs to build, run and test, when it is missing.
# Sourced by scripts/app and scripts/test; safe to run again and again.
#
#   setup_app   system packages to build and run the window, npm packages
#   setup_test  setup_app plus the test tools (Xvfb, WebKit's WebDriver,
#               tauri-driver, a Python venv and an npm folder with
#               independent checkers)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# apt packages, installed only when missing.
need_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

need_tools() {
  command -v cargo >/dev/null || { echo "Rust is needed: https://rustup.rs" >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node.js and npm are needed (Node 20.19 or newer)" >&2; exit 1; }
}

# npm packages of a folder from its lock file; reinstalled only when the
# lock changes.
npm_ci_in() {
  local dir="$1" stamp="$1/node_modules/.liaison-lock"
  if ! cmp -s "$dir/package-lock.json" "$stamp" 2>/dev/null; then
    say "installing npm packages in ${dir#"$ROOT"/} (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}

need_npm() {
  npm_ci_in "$ROOT/ui"
}

APP_PACKAGES=(build-essential pkg-config libwebkit2gtk-4.1-dev fonts-noto-cjk)
# dbus: the end-to-end tests and scripts/bench-app give the app a session bus.
# x11-utils and xdotool: the end-to-end tests find and answer native dialogs.
# python3-gi and gir1.2-ical-3.0: libical, one of the independent readers of
# our calendar files (tests/interop/ics_libical.py, with the system Python).
# postgresql: the core's tests run a second time on a throwaway server of
# its own (scripts/pg-test-server), never on one the machine runs; openssl
# makes that server's TLS certificates.
# desktop-file-utils, appstream, shared-mime-info and libglib2.0-bin (gio):
# scripts/test-package validates the package's desktop entry and metainfo,
# and asks GLib what opens our files once it is installed.
# poppler-utils (pdftotext, pdffonts, pdftoppm) and qpdf: independent readers
# of the PDF documents Liaison typesets.
TEST_PACKAGES=(webkit2gtk-driver xvfb xauth imagemagick python3-venv dbus x11-utils xdotool python3-gi
  gir1.2-ical-3.0 postgresql openssl desktop-file-utils appstream shared-mime-info libglib2.0-bin
  poppler-utils qpdf)

setup_app() {
  need_tools
  need_packages "${APP_PACKAGES[@]}"
  need_npm
}

# The Python checkers the tests call: tools that are not ours, reading what
# Liaison writes.
need_python_tools() {
  local venv="$TOOLS/venv" req="$ROOT/tests/requirements.txt"
  if [ ! -x "$venv/bin/python" ]; then
    say "creating the test tools' Python venv"
    python3 -m venv "$venv"
  fi
  if ! cmp -s "$req" "$venv/.liaison-requirements" 2>/dev/null; then
    say "installing Python test tools"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
    cp "$req" "$venv/.liaison-requirements"
  fi
}

# tauri-driver drives the real window through WebKitWebDriver. '^2': a bare
# install would pick a 3.0 alpha.
need_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver"
    cargo install --locked --quiet tauri-driver --version '^2'
  fi
}

setup_test() {
  setup_app
  need_packages "${TEST_PACKAGES[@]}"
  need_python_tools
  # Mozilla's ical.js, the parser of Thunderbird, reads our calendar files.
  npm_ci_in "$ROOT/tests/interop"
  need_tauri_driver
}
