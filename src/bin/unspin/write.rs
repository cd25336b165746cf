//! `--write`: replace a file with its repair, atomically.

use std::io::Write;
use std::path::Path;

/// Writes `text` over `path` through a temporary file in the same
/// directory, which is flushed to disk, given the original's permissions
/// and renamed over it. A symbolic link is followed, so the file it points
/// to is repaired and the link stays. If any step fails, the original is untouched and
/// the temporary file is removed.
pub fn atomic(path: &Path, text: &str) -> Result<(), String> {
    let name = path.display();
    // Write through a symbolic link to the file it points to.
    let resolved =
        std::fs::canonicalize(path).map_err(|e| format!("{name}: cannot resolve: {e}"))?;
    let path = resolved.as_path();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let metadata = std::fs::metadata(path).map_err(|e| format!("{name}: cannot stat: {e}"))?;
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
        .map_err(|e| format!("{name}: cannot write the repaired file: {e}"))?;
    std::fs::set_permissions(temp.path(), metadata.permissions())
        .map_err(|e| format!("{name}: cannot copy permissions: {e}"))?;
    temp.persist(path)
        .map_err(|e| format!("{name}: cannot replace the file: {}", e.error))?;
    Ok(())
}
