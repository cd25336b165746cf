//! `--write`: replace a file with its repair, atomically.

use std::io::Write;
use std::path::Path;

/// Writes `text` over `path` atomically; see [`atomic_with`].
pub fn atomic(path: &Path, text: &str) -> Result<(), String> {
    atomic_with(path, |out| {
        out.write_all(text.as_bytes())
            .map(|()| true)
            .map_err(|e| format!("{}: cannot write the repaired file: {e}", path.display()))
    })
    .map(|_| ())
}

/// Replaces `path` with what `fill` writes, through a temporary file in the
/// same directory, which is flushed to disk, given the original's
/// permissions and renamed over it. `fill` returns whether anything changed;
/// when nothing did, the temporary file is dropped and the original is
/// left as it was. A symbolic link is followed, so the file it points to is
/// repaired and the link stays. If any step fails, the original is untouched
/// and the temporary file is removed. Returns whether the file was replaced.
pub fn atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<bool, String>,
) -> Result<bool, String> {
    replace(path, true, fill)
}

/// Writes `text` to `path`, a new file or one to replace, the same way, so
/// readers never see a half-written file. A file that already exists keeps
/// its permissions (and a symbolic link to it stays a link); a new file is
/// made readable by everyone (mode 0644).
pub fn create(path: &Path, text: &str) -> Result<(), String> {
    replace(path, false, |out| {
        out.write_all(text.as_bytes())
            .map(|()| true)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    })
    .map(|_| ())
}

/// The shared mechanism of [`atomic_with`] and [`create`]; `must_exist`
/// says whether `path` is a file to repair or may be new.
fn replace(
    path: &Path,
    must_exist: bool,
    fill: impl FnOnce(&mut dyn Write) -> Result<bool, String>,
) -> Result<bool, String> {
    let name = path.display();
    let resolved = match std::fs::canonicalize(path) {
        Ok(resolved) => resolved,
        Err(e) if must_exist => return Err(format!("{name}: cannot resolve: {e}")),
        Err(_) => path.to_path_buf(),
    };
    let path = resolved.as_path();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let existing = match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(e) if must_exist => return Err(format!("{name}: cannot stat: {e}")),
        Err(_) => None,
    };
    let temp = tempfile::Builder::new()
        .prefix(".unspin-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            format!(
                "{name}: cannot create a temporary file in {}: {e}",
                dir.display()
            )
        })?;
    let mut out = std::io::BufWriter::new(temp);
    if !fill(&mut out)? {
        return Ok(false);
    }
    let temp = out
        .into_inner()
        .map_err(|e| format!("{name}: cannot write: {}", e.error()))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| format!("{name}: cannot write: {e}"))?;
    let permissions = match existing {
        Some(permissions) => permissions,
        None => new_file_permissions(temp.as_file())?,
    };
    std::fs::set_permissions(temp.path(), permissions)
        .map_err(|e| format!("{name}: cannot set permissions: {e}"))?;
    temp.persist(path)
        .map_err(|e| format!("{name}: cannot replace the file: {}", e.error))?;
    Ok(true)
}

/// Permissions for a new report: 0644 on Unix (the temporary file is
/// private, 0600), unchanged elsewhere.
fn new_file_permissions(file: &std::fs::File) -> Result<std::fs::Permissions, String> {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut permissions = file
        .metadata()
        .map_err(|e| format!("cannot stat a temporary file: {e}"))?
        .permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        permissions.set_mode(0o644);
    }
    Ok(permissions)
}
