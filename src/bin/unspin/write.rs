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
    let name = path.display();
    let resolved =
        std::fs::canonicalize(path).map_err(|e| format!("{name}: cannot resolve: {e}"))?;
    let path = resolved.as_path();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let metadata = std::fs::metadata(path).map_err(|e| format!("{name}: cannot stat: {e}"))?;
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
        .map_err(|e| format!("{name}: cannot write the repaired file: {}", e.error()))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| format!("{name}: cannot write the repaired file: {e}"))?;
    std::fs::set_permissions(temp.path(), metadata.permissions())
        .map_err(|e| format!("{name}: cannot copy permissions: {e}"))?;
    temp.persist(path)
        .map_err(|e| format!("{name}: cannot replace the file: {}", e.error))?;
    Ok(true)
}

/// Writes `text` to `path`, a new file or one to replace, through a
/// temporary file in the same directory that is flushed to disk and then
/// renamed into place, so readers never see a half-written file. A file
/// that already exists keeps its permissions (and a symbolic link to it
/// stays a link); a new file is made readable by everyone (mode 0644).
pub fn create(path: &Path, text: &str) -> Result<(), String> {
    let name = path.display();
    // Replace the file a symbolic link points to, as `atomic` does.
    let resolved = std::fs::canonicalize(path).ok();
    let path = resolved.as_deref().unwrap_or(path);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".unspin-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            format!(
                "{name}: cannot create a temporary file in {}: {e}",
                dir.display()
            )
        })?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("{name}: cannot write: {e}"))?;
    let permissions = match std::fs::metadata(path) {
        Ok(metadata) => metadata.permissions(),
        Err(_) => new_file_permissions(temp.as_file())?,
    };
    std::fs::set_permissions(temp.path(), permissions)
        .map_err(|e| format!("{name}: cannot set permissions: {e}"))?;
    temp.persist(path)
        .map_err(|e| format!("{name}: cannot write: {}", e.error))?;
    Ok(())
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
