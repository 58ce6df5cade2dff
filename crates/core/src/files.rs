//! Files Liaison writes for the user (exports): written whole or not at all.

use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` whole or not at all ([`AtomicFile`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
    file.commit()
}

/// A file written whole or not at all, power loss included, however long
/// it takes to write: into a temporary file beside it (a new, uniquely
/// named file, so that nothing planted at that name, a symlink say, is ever
/// followed), flushed to disk, renamed over `path`, and the folder flushed
/// so that the rename itself is on disk. Dropped without
/// [`AtomicFile::commit`] (an error, a cancel), the temporary file is
/// removed and `path` is as it was. A file that is replaced keeps its
/// permissions (an export a user made private stays so).
pub struct AtomicFile {
    path: std::path::PathBuf,
    tmp: std::path::PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self> {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

        let io = |source| Error::Io { path: path.display().to_string(), source };
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(Error::Io {
                path: path.display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("the folder {} does not exist", dir.display()),
                ),
            });
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("export");
        let keep = std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.permissions().mode() & 0o7777);
        let (tmp, file) = loop {
            let tmp = dir.join(format!(".{name}.{}.liaison-tmp", uuid::Uuid::new_v4().simple()));
            match std::fs::OpenOptions::new().write(true).create_new(true).mode(keep.unwrap_or(0o666)).open(&tmp) {
                Ok(f) => break (tmp, f),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io(e)),
            }
        };
        let this =
            AtomicFile { path: path.to_owned(), tmp, file: Some(std::io::BufWriter::with_capacity(1 << 20, file)) };
        if let (Some(mode), Some(f)) = (keep, this.file.as_ref()) {
            // The umask narrowed the mode at creation; the old file's wins.
            f.get_ref().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(io)?;
        }
        Ok(this)
    }

    /// Puts the file in place: until now, `path` is as it was.
    pub fn commit(mut self) -> Result<()> {
        let io = |source| Error::Io { path: self.path.display().to_string(), source };
        let Some(file) = self.file.take() else { return Ok(()) };
        let done = (|| {
            let file = file.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            drop(file);
            crate::pause::point("export:before-rename");
            std::fs::rename(&self.tmp, &self.path)?;
            // The rename is durable only once the folder is.
            let dir = self.path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            std::fs::File::open(dir)?.sync_all()
        })();
        if done.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        done.map_err(io)
    }
}

impl std::io::Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("the file was already put in place")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().map_or(Ok(()), |f| f.flush())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// A file name made from a title: what a save dialog suggests. Keeps letters
/// of any script; drops what file systems or shells trip over.
pub fn file_name_from(title: &str, extension: &str) -> String {
    let mut name: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.chars().count() > 60 {
        name = name.chars().take(60).collect::<String>().trim_end().to_owned();
    }
    if name.is_empty() {
        name = "liaison".into();
    }
    format!("{name}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_any_script_and_drop_separators() {
        assert_eq!(file_name_from("IPRCC / NIVE: visit, 2021", "ics"), "IPRCC NIVE visit 2021.ics");
        assert_eq!(file_name_from("张惠东 行程", "ics"), "张惠东 行程.ics");
        assert_eq!(file_name_from("../..", "ics"), "liaison.ics");
    }

    #[test]
    fn a_replaced_file_keeps_its_permissions_and_no_temporary_file_is_left() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ics");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.ics"]);
    }

    #[test]
    fn a_symlink_planted_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        // The name earlier versions used for their temporary file.
        std::os::unix::fs::symlink(&victim, dir.path().join(".a.ics.liaison-tmp")).unwrap();
        write_atomically(&dir.path().join("a.ics"), b"x").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(dir.path().join("a.ics")).unwrap(), b"x");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: the rename fails.
        let p = dir.path().join("a.ics");
        std::fs::create_dir(&p).unwrap();
        std::fs::write(p.join("inside"), b"kept").unwrap();
        assert!(write_atomically(&p, b"x").is_err());
        assert_eq!(std::fs::read(p.join("inside")).unwrap(), b"kept");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.ics"]);
    }

    #[test]
    fn a_file_dropped_before_it_is_put_in_place_leaves_the_old_one() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ics");
        std::fs::write(&p, b"old").unwrap();
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"half of a new").unwrap();
        drop(f);
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.ics"]);
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"new, ").unwrap();
        f.write_all(b"in two writes").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new, in two writes");
    }

    #[test]
    fn writes_whole_files_and_refuses_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ics");
        write_atomically(&p, b"x").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"x");
        assert!(write_atomically(&dir.path().join("no/such/a.ics"), b"x").is_err());
    }
}

/// What a file holds, by its name: a Liaison document (`.json`, so also
/// `.liaison.json`) or a calendar (`.ics` and its rarer spellings); None for
/// a name that says neither. One list for the command line and the window.
pub fn kind_by_name(path: &Path) -> Option<FileKind> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("json") => Some(FileKind::Document),
        Some("ics" | "ical" | "ifb" | "icalendar") => Some(FileKind::Calendar),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Document,
    Calendar,
}
