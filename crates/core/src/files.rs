//! Files Liaison writes for the user (exports): written whole or not at all.

use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file beside it and a rename,
/// so that a failed write (a full disk, a closed network share) never leaves
/// half a file where a good one was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
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
    let tmp = dir.join(format!(".{name}.liaison-tmp"));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
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
    fn writes_whole_files_and_refuses_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ics");
        write_atomically(&p, b"x").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"x");
        assert!(write_atomically(&dir.path().join("no/such/a.ics"), b"x").is_err());
    }
}
