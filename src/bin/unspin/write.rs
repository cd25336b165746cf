//! `--write`: replace a file with its repair, atomically and safely.
//!
//! What this module promises (each point is tested in `tests/safety.rs`
//! and in the unit tests below):
//!
//! - The repair goes to a temporary file in the target's directory, which
//!   is flushed to disk, given the original's owner (where allowed) and
//!   permissions, and renamed over the original. Readers see the old file
//!   or the whole new one, never a mix.
//! - If any step fails (no temporary file can be made, the disk is full,
//!   the rename fails), the original is left as it was, the temporary file
//!   is removed, and the error names the file.
//! - Just before the rename the target is checked against what was opened
//!   (device, inode, length, modification time). If it was replaced,
//!   modified or removed meanwhile, the repair is dropped, not renamed over
//!   the newer content.
//! - A symbolic link is followed: the file it points to is repaired and the
//!   link stays a link.
//! - With [`catch_interrupts`], SIGINT and SIGTERM only set a flag. The
//!   file being written is abandoned (its temporary file removed) at the
//!   next write or read, or just before its rename; the caller stops
//!   between files.
//!
//! The check and the rename are two system calls, so a change that lands
//! between them still goes unnoticed; the window is microseconds wide.

use std::fs::{File, Metadata};
use std::io::{self, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use tempfile::NamedTempFile;

/// Test-only: when this environment variable names a FIFO, unspin opens it
/// and reads it to its end just before it checks a file and renames the
/// repair over it, so that a test can change the file or send a signal at
/// exactly that point. Nothing else reads it.
pub const PAUSE_BEFORE_RENAME: &str = "UNSPIN_TEST_PAUSE_BEFORE_RENAME";

// ---------------------------------------------------------------------
// Interruption

/// The flag the signal handlers set to the signal's number.
static FLAG: OnceLock<Result<Arc<AtomicUsize>, String>> = OnceLock::new();

/// From now on, SIGINT and SIGTERM no longer end the program at once: they
/// are recorded, and [`interrupted`] reports them, so that the program can
/// abandon the file it is writing and stop cleanly. Call it only when no
/// read can block for ever (stdin from a terminal would not notice the
/// signal). Calling it again does nothing.
///
/// # Errors
///
/// A message when a handler cannot be installed.
pub fn catch_interrupts() -> Result<(), String> {
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicUsize::new(0));
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register_usize(signal, Arc::clone(&flag), signal as usize)
                .map_err(|e| format!("cannot handle signal {signal}: {e}"))?;
        }
        Ok(flag)
    })
    .as_ref()
    .map(|_| ())
    .map_err(Clone::clone)
}

/// The signal (SIGINT or SIGTERM) that asked the program to stop, if one
/// has arrived since [`catch_interrupts`].
pub fn interrupted() -> Option<i32> {
    let flag = match FLAG.get() {
        Some(Ok(flag)) => flag.load(Ordering::SeqCst),
        _ => 0,
    };
    (flag != 0).then(|| i32::try_from(flag).unwrap_or(i32::MAX))
}

/// The name of a signal we catch, for messages.
pub fn signal_name(signal: i32) -> String {
    match signal {
        signal_hook::consts::SIGINT => "SIGINT".to_string(),
        signal_hook::consts::SIGTERM => "SIGTERM".to_string(),
        other => format!("signal {other}"),
    }
}

/// The error a read or write returns once a signal has arrived. Not
/// `ErrorKind::Interrupted`, which `write_all` and `read_to_end` retry.
fn interrupted_error() -> io::Error {
    io::Error::other("interrupted by a signal")
}

fn interrupted_message(name: &str) -> String {
    format!("{name}: interrupted; the file is left as it was")
}

// ---------------------------------------------------------------------
// The file to repair

/// What identifies a file's content as read: the same inode, length and
/// modification time mean nobody replaced or wrote to it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    #[cfg(unix)]
    device: u64,
    #[cfg(unix)]
    inode: u64,
    len: u64,
    modified: Option<SystemTime>,
}

impl Identity {
    fn of(metadata: &Metadata) -> Identity {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Identity {
            #[cfg(unix)]
            device: metadata.dev(),
            #[cfg(unix)]
            inode: metadata.ino(),
            len: metadata.len(),
            modified: metadata.modified().ok(),
        }
    }

    /// Whether both describe the same file (not necessarily unchanged).
    fn same_file(&self, other: &Identity) -> bool {
        #[cfg(unix)]
        {
            self.device == other.device && self.inode == other.inode
        }
        #[cfg(not(unix))]
        {
            let _ = other;
            true
        }
    }
}

/// A file opened to be repaired in place: the path to replace, with
/// symbolic links followed, and what the file was when it was opened.
#[derive(Debug)]
pub struct Target {
    /// The path as the user gave it, for messages.
    name: String,
    /// The path to replace: `name` with symbolic links resolved.
    path: PathBuf,
    /// What the file was when opened.
    identity: Identity,
    metadata: Metadata,
}

/// The content of a [`Target`], read from the file opened with it. Reads
/// fail once a signal has arrived (see [`catch_interrupts`]).
#[derive(Debug)]
pub struct Source(File);

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if interrupted().is_some() {
            return Err(interrupted_error());
        }
        self.0.read(buf)
    }
}

impl Source {
    /// Goes back to the start, to read the file again.
    ///
    /// # Errors
    ///
    /// A message naming `name` when the file cannot seek.
    pub fn rewind(&mut self, name: &str) -> Result<(), String> {
        self.0
            .rewind()
            .map_err(|e| format!("{name}: cannot read: {e}"))
    }
}

impl Target {
    /// Opens `path` to be repaired in place. The identity is taken from the
    /// open file, so it describes exactly what will be read.
    ///
    /// # Errors
    ///
    /// A message naming the file when it cannot be opened: it does not
    /// exist, is a dangling symbolic link, is a directory or not a regular
    /// file, or cannot be read.
    pub fn open(path: &Path) -> Result<(Target, Source), String> {
        let name = path.display().to_string();
        let not_regular =
            || format!("{name}: not a regular file; --write repairs only regular files");
        // Checked before opening: opening a FIFO would wait for a writer.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            return Err(not_regular());
        }
        let file = crate::inputs::open(path)?;
        let resolved = std::fs::canonicalize(path)
            .map_err(|e| format!("{name}: cannot resolve the path: {e}"))?;
        let metadata = file
            .metadata()
            .map_err(|e| format!("{name}: cannot stat: {e}"))?;
        if !metadata.is_file() {
            return Err(not_regular());
        }
        let target = Target {
            name,
            path: resolved,
            identity: Identity::of(&metadata),
            metadata,
        };
        Ok((target, Source(file)))
    }

    /// The path as the user gave it.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Checks, just before the rename, that `path` is still the file opened
/// as `expected`: not removed, not replaced by another file, not written
/// to. The message names the file and says that the repair is not written.
fn check_unchanged(name: &str, path: &Path, expected: &Identity) -> Result<(), String> {
    let now = match std::fs::metadata(path) {
        Ok(metadata) => Identity::of(&metadata),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(format!(
                "{name}: removed while it was being repaired; the repair is not written"
            ))
        }
        Err(e) => {
            return Err(format!(
                "{name}: cannot check the file before replacing it: {e}; it is left as it was"
            ))
        }
    };
    if !now.same_file(expected) {
        return Err(format!(
            "{name}: replaced by another file while it was being repaired; \
             the newer file is left as it is and the repair is not written"
        ));
    }
    if now != *expected {
        return Err(format!(
            "{name}: modified while it was being repaired; \
             the newer content is left as it is and the repair is not written"
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------
// Replacing

/// Replaces the target with `text`; see [`atomic_with`].
///
/// # Errors
///
/// As [`atomic_with`].
pub fn atomic(target: &Target, text: &str) -> Result<bool, String> {
    atomic_with(target, |out| {
        out.write_all(text.as_bytes())
            .map(|()| true)
            .map_err(|e| format!("{}: cannot write the repaired file: {e}", target.name))
    })
}

/// Replaces the target with what `fill` writes, through a temporary file
/// in the same directory, which is flushed to disk, given the original's
/// owner and permissions and renamed over it, if the target is still the
/// file that was opened. `fill` returns whether anything changed; when
/// nothing did, the temporary file is dropped and the original is left as
/// it was. If any step fails, the original is untouched and the temporary
/// file is removed. Returns whether the file was replaced.
///
/// # Errors
///
/// A message naming the file: `fill`'s own, or what failed while the
/// repair was written, checked or renamed.
pub fn atomic_with(
    target: &Target,
    fill: impl FnOnce(&mut dyn Write) -> Result<bool, String>,
) -> Result<bool, String> {
    replace(
        &target.name,
        &target.path,
        Some(&target.identity),
        Some(&target.metadata),
        &Real,
        fill,
    )
}

/// Writes `text` to `path`, a new file or one to replace, the same way, so
/// readers never see a half-written file. A file that already exists keeps
/// its permissions (and a symbolic link to it stays a link); a new file is
/// made readable by everyone (mode 0644).
///
/// # Errors
///
/// A message naming the file when it cannot be written.
pub fn create(path: &Path, text: &str) -> Result<(), String> {
    let name = path.display().to_string();
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let existing = std::fs::metadata(&resolved).ok();
    replace(&name, &resolved, None, existing.as_ref(), &Real, |out| {
        out.write_all(text.as_bytes())
            .map(|()| true)
            .map_err(|e| format!("{name}: cannot write: {e}"))
    })
    .map(|_| ())
}

/// The operations of [`replace`] that tests replace to provoke failures.
trait Hooks {
    /// The signal that asked the program to stop, if one has arrived.
    fn signal(&self) -> Option<i32> {
        interrupted()
    }

    /// Creates the temporary file in `dir`.
    fn temp_in(&self, dir: &Path) -> io::Result<NamedTempFile> {
        tempfile::Builder::new()
            .prefix(".unspin-")
            .suffix(".tmp")
            .tempfile_in(dir)
    }

    /// The writer through which the repair reaches the temporary file.
    fn sink<'f>(&self, file: &'f File) -> Box<dyn Write + 'f> {
        Box::new(file)
    }

    /// Runs just before the target is checked and renamed over.
    fn before_rename(&self, _path: &Path) {}
}

/// The hooks of a real run.
struct Real;

impl Hooks for Real {
    fn before_rename(&self, _path: &Path) {
        if let Some(fifo) = std::env::var_os(PAUSE_BEFORE_RENAME) {
            let _ = std::fs::read(fifo);
        }
    }
}

/// The writer under the buffer: refuses to write once a signal has
/// arrived, and keeps the first error, so that the message can say what
/// went wrong whatever `fill` made of it.
struct Sink<'f, 'h> {
    inner: Box<dyn Write + 'f>,
    hooks: &'h dyn Hooks,
    error: Option<String>,
}

impl Sink<'_, '_> {
    fn check<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result {
            self.error.get_or_insert_with(|| e.to_string());
        }
        result
    }
}

impl Write for Sink<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.hooks.signal().is_some() {
            return Err(interrupted_error());
        }
        let result = self.inner.write(buf);
        self.check(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.check(result)
    }
}

/// The shared mechanism of [`atomic_with`] and [`create`]. `path` is the
/// resolved path to replace and `name` the path to name in messages.
/// `identity`, for a file being repaired, is what it was when opened (it
/// is checked before the rename); `metadata` is that of the file being
/// replaced, if there is one, whose owner and permissions the new one gets.
fn replace(
    name: &str,
    path: &Path,
    identity: Option<&Identity>,
    metadata: Option<&Metadata>,
    hooks: &dyn Hooks,
    fill: impl FnOnce(&mut dyn Write) -> Result<bool, String>,
) -> Result<bool, String> {
    if hooks.signal().is_some() {
        return Err(interrupted_message(name));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = hooks.temp_in(dir).map_err(|e| {
        format!(
            "{name}: cannot create a temporary file in {}: {e}; the file is left as it was",
            dir.display()
        )
    })?;
    let write_failed = |e: &dyn std::fmt::Display| {
        format!("{name}: cannot write the repaired file: {e}; the file is left as it was")
    };
    let mut out = BufWriter::new(Sink {
        inner: hooks.sink(temp.as_file()),
        hooks,
        error: None,
    });
    let filled = match fill(&mut out) {
        Ok(true) => out.flush().map(|()| true).map_err(|e| write_failed(&e)),
        other => other,
    };
    // Whatever is still buffered is dropped with the temporary file.
    let Sink {
        error: write_error, ..
    } = out.into_parts().0;
    let changed = match (filled, write_error) {
        (Err(_), _) if hooks.signal().is_some() => return Err(interrupted_message(name)),
        // The writer's own error says what went wrong better than `fill`.
        (Err(_), Some(error)) => return Err(write_failed(&error)),
        (Err(message), None) => return Err(message),
        (Ok(changed), _) => changed,
    };
    if !changed {
        return Ok(false);
    }
    let file = temp.as_file();
    file.sync_all().map_err(|e| write_failed(&e))?;
    let permissions = match metadata {
        Some(metadata) => {
            keep_owner(file, metadata);
            metadata.permissions()
        }
        None => new_file_permissions(file)?,
    };
    file.set_permissions(permissions)
        .map_err(|e| format!("{name}: cannot set permissions: {e}; the file is left as it was"))?;
    hooks.before_rename(path);
    if hooks.signal().is_some() {
        return Err(interrupted_message(name));
    }
    if let Some(identity) = identity {
        check_unchanged(name, path, identity)?;
    }
    temp.persist(path).map_err(|e| {
        format!(
            "{name}: cannot replace the file: {}; it is left as it was",
            e.error
        )
    })?;
    Ok(true)
}

/// Gives the temporary file the original's owner and group, so that
/// repairing someone else's file (as root) does not take it from them.
/// Where that is not allowed, it tries the group alone, and otherwise
/// leaves the file owned by whoever runs unspin, as any editor would.
fn keep_owner(file: &File, original: &Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(temp) = file.metadata() else { return };
        if (temp.uid(), temp.gid()) == (original.uid(), original.gid()) {
            return;
        }
        if std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(original.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (file, original);
}

/// Permissions for a new report: 0644 on Unix (the temporary file is
/// private, 0600), unchanged elsewhere.
fn new_file_permissions(file: &File) -> Result<std::fs::Permissions, String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    /// Something done to the target before the rename.
    type Change = Box<dyn Fn(&Path)>;

    /// Faults to inject into [`replace`].
    #[derive(Default)]
    struct Faults {
        /// Creating the temporary file fails with this OS error.
        create: Option<i32>,
        /// Writes fail with this OS error after this many bytes.
        write: Option<(usize, i32)>,
        /// A signal "arrives" after this many writes.
        signal_after_writes: Option<usize>,
        writes: Rc<Cell<usize>>,
        /// Runs before the rename.
        before_rename: Option<Change>,
        /// A signal "arrives" before the rename.
        signal_before_rename: bool,
        renaming: Cell<bool>,
    }

    impl Hooks for Faults {
        fn signal(&self) -> Option<i32> {
            let late = self
                .signal_after_writes
                .is_some_and(|n| self.writes.get() > n);
            (late || (self.signal_before_rename && self.renaming.get())).then_some(2)
        }

        fn temp_in(&self, dir: &Path) -> io::Result<NamedTempFile> {
            match self.create {
                Some(code) => Err(io::Error::from_raw_os_error(code)),
                None => Real.temp_in(dir),
            }
        }

        fn sink<'f>(&self, file: &'f File) -> Box<dyn Write + 'f> {
            let counted = Counted {
                file,
                writes: Rc::clone(&self.writes),
            };
            match self.write {
                Some((left, code)) => Box::new(FailAfter {
                    inner: counted,
                    left,
                    code,
                }),
                None => Box::new(counted),
            }
        }

        fn before_rename(&self, path: &Path) {
            self.renaming.set(true);
            if let Some(hook) = &self.before_rename {
                hook(path);
            }
        }
    }

    /// Counts the writes that reach the file.
    struct Counted<'f> {
        file: &'f File,
        writes: Rc<Cell<usize>>,
    }

    impl Write for Counted<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.writes.set(self.writes.get() + 1);
            self.file.write(buf)
        }

        fn flush(&mut self) -> io::Result<()> {
            self.file.flush()
        }
    }

    /// A disk that fills up: writes fail with `code` after `left` bytes.
    struct FailAfter<W> {
        inner: W,
        left: usize,
        code: i32,
    }

    impl<W: Write> Write for FailAfter<W> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::Error::from_raw_os_error(self.code));
            }
            let n = self.inner.write(&buf[..buf.len().min(self.left)])?;
            self.left -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    const ORIGINAL: &str = "Planet War II veterans met regulation enforcement.\n";

    /// A directory holding `file.txt` with [`ORIGINAL`], opened as a target.
    fn setup() -> (tempfile::TempDir, PathBuf, Target) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.txt");
        std::fs::write(&path, ORIGINAL).unwrap();
        let (target, _) = Target::open(&path).unwrap();
        (dir, path, target)
    }

    /// Replaces the target with `text` repeated `times` times.
    fn run(target: &Target, hooks: &Faults, text: &str, times: usize) -> Result<bool, String> {
        replace(
            &target.name,
            &target.path,
            Some(&target.identity),
            Some(&target.metadata),
            hooks,
            |out| {
                for _ in 0..times {
                    out.write_all(text.as_bytes())
                        .map_err(|e| format!("fill failed: {e}"))?;
                }
                Ok(true)
            },
        )
    }

    /// The names in `dir`: only `file.txt` when nothing was left behind.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_when_nothing_fails() {
        let (dir, path, target) = setup();
        assert_eq!(run(&target, &Faults::default(), "new\n", 3), Ok(true));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\nnew\nnew\n");
        assert_eq!(names(dir.path()), ["file.txt"]);
    }

    #[test]
    fn an_unchanged_file_is_not_touched() {
        let (dir, path, target) = setup();
        let result = replace(
            &target.name,
            &target.path,
            Some(&target.identity),
            Some(&target.metadata),
            &Faults::default(),
            |out| {
                out.write_all(b"ignored")
                    .map(|()| false)
                    .map_err(|e| e.to_string())
            },
        );
        assert_eq!(result, Ok(false));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), ORIGINAL);
        let now = Identity::of(&std::fs::metadata(&path).unwrap());
        assert_eq!(now, target.identity);
        assert_eq!(names(dir.path()), ["file.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_full_disk_leaves_the_original_and_no_temporary_file() {
        const ENOSPC: i32 = 28;
        // 100 KiB of output; the disk fills at the first byte, inside the
        // buffer's first write, at its boundary, mid-way, and at the very
        // end (which only the final flush reaches).
        let line = "World War II veterans met law enforcement.\n";
        let total = line.len() * 2400;
        for left in [0, 1, 8191, 8192, 50_000, total - 1] {
            let (dir, path, target) = setup();
            let hooks = Faults {
                write: Some((left, ENOSPC)),
                ..Faults::default()
            };
            let error = run(&target, &hooks, line, 2400).unwrap_err();
            assert_eq!(
                error,
                format!(
                    "{}: cannot write the repaired file: No space left on device (os error 28); \
                     the file is left as it was",
                    path.display()
                ),
                "failing after {left} bytes"
            );
            assert_eq!(std::fs::read_to_string(&path).unwrap(), ORIGINAL);
            assert_eq!(
                names(dir.path()),
                ["file.txt"],
                "failing after {left} bytes"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_that_refuses_new_files_leaves_the_original() {
        const EACCES: i32 = 13;
        const EROFS: i32 = 30;
        for code in [EACCES, EROFS] {
            let (dir, path, target) = setup();
            let hooks = Faults {
                create: Some(code),
                ..Faults::default()
            };
            let error = run(&target, &hooks, "new\n", 1).unwrap_err();
            let cause = io::Error::from_raw_os_error(code);
            assert_eq!(
                error,
                format!(
                    "{}: cannot create a temporary file in {}: {cause}; the file is left as it was",
                    path.display(),
                    target.path.parent().unwrap().display()
                )
            );
            assert_eq!(std::fs::read_to_string(&path).unwrap(), ORIGINAL);
            assert_eq!(names(dir.path()), ["file.txt"]);
        }
    }

    /// Runs a repair whose `before_rename` hook does `change` to the
    /// file, and returns the error.
    fn changed_before_rename(
        change: impl Fn(&Path) + 'static,
    ) -> (tempfile::TempDir, PathBuf, String) {
        let (dir, path, target) = setup();
        let hooks = Faults {
            before_rename: Some(Box::new(change)),
            ..Faults::default()
        };
        let error = run(&target, &hooks, "repaired\n", 1).unwrap_err();
        assert!(
            error.starts_with(&format!("{}: ", path.display())),
            "{error}"
        );
        (dir, path, error)
    }

    #[test]
    fn a_file_replaced_before_the_rename_is_not_clobbered() {
        let (dir, path, error) = changed_before_rename(|path| {
            let newer = path.with_file_name("newer");
            std::fs::write(&newer, ORIGINAL).unwrap();
            std::fs::rename(&newer, path).unwrap();
        });
        assert!(error.contains("replaced by another file"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), ORIGINAL);
        assert_eq!(names(dir.path()), ["file.txt"]);
    }

    #[test]
    fn a_file_modified_before_the_rename_is_not_clobbered() {
        // Appended to: same inode, another length.
        let (dir, path, error) = changed_before_rename(|path| {
            let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
            file.write_all(b"more\n").unwrap();
        });
        assert!(error.contains("modified while"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{ORIGINAL}more\n")
        );
        assert_eq!(names(dir.path()), ["file.txt"]);
        // Rewritten at the same length: the modification time tells.
        let (dir, path, error) = changed_before_rename(|path| {
            let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
            (&file)
                .write_all(&ORIGINAL.as_bytes().to_ascii_uppercase())
                .unwrap();
            let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
            file.set_modified(later).unwrap();
        });
        assert!(error.contains("modified while"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            ORIGINAL.to_ascii_uppercase()
        );
        assert_eq!(names(dir.path()), ["file.txt"]);
    }

    #[test]
    fn a_file_removed_before_the_rename_is_not_recreated() {
        let (dir, path, error) = changed_before_rename(|path| std::fs::remove_file(path).unwrap());
        assert!(error.contains("removed while"), "{error}");
        assert!(!path.exists());
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_signal_while_writing_abandons_the_file() {
        let (dir, path, target) = setup();
        let hooks = Faults {
            signal_after_writes: Some(3),
            ..Faults::default()
        };
        let error = run(&target, &hooks, &"x".repeat(10_000), 100).unwrap_err();
        assert_eq!(
            error,
            format!(
                "{}: interrupted; the file is left as it was",
                path.display()
            )
        );
        assert!(hooks.writes.get() <= 4, "{} writes", hooks.writes.get());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), ORIGINAL);
        assert_eq!(names(dir.path()), ["file.txt"]);
    }

    #[test]
    fn a_signal_before_the_rename_abandons_the_file() {
        let (dir, path, target) = setup();
        let hooks = Faults {
            signal_before_rename: true,
            ..Faults::default()
        };
        let error = run(&target, &hooks, "repaired\n", 1).unwrap_err();
        assert!(
            error.ends_with("interrupted; the file is left as it was"),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), ORIGINAL);
        assert_eq!(names(dir.path()), ["file.txt"]);
    }

    #[test]
    fn a_fill_error_is_reported_as_it_is() {
        let (dir, path, target) = setup();
        let result = replace(
            &target.name,
            &target.path,
            Some(&target.identity),
            Some(&target.metadata),
            &Faults::default(),
            |out| {
                out.write_all(b"half").unwrap();
                Err("file.txt:3:1: not valid UTF-8".to_string())
            },
        );
        assert_eq!(result, Err("file.txt:3:1: not valid UTF-8".to_string()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), ORIGINAL);
        assert_eq!(names(dir.path()), ["file.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn opening_names_dangling_links_directories_and_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("nowhere.txt", &link).unwrap();
        let error = Target::open(&link).unwrap_err();
        assert_eq!(
            error,
            format!(
                "{}: a symbolic link to nowhere.txt, which does not exist",
                link.display()
            )
        );
        let error = Target::open(dir.path()).unwrap_err();
        assert_eq!(error, format!("{}: is a directory", dir.path().display()));
        let error = Target::open(Path::new("/dev/null")).unwrap_err();
        assert_eq!(
            error,
            "/dev/null: not a regular file; --write repairs only regular files"
        );
    }
}
