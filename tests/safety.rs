//! Data safety of `--write`: a read-only directory or file system, a full
//! disk, a file replaced or modified while it is repaired, symbolic links,
//! and SIGINT or SIGTERM in the middle of a run. In each case every file is
//! either fully repaired or exactly as it was, no temporary file is left
//! behind, and errors name the file.
//!
//! Some cases need privileges: a full disk and a read-only file system are
//! made with a small tmpfs, which needs root (or CAP_SYS_ADMIN); a
//! read-only directory only stops a user who is not root, so as root the
//! binary is run as `nobody` through `setpriv`. When that is not possible
//! the test prints a note and skips that check; the unit tests in
//! `src/bin/unspin/write.rs` inject the same failures without privileges.

mod common;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::Scratch;

const SAMPLE: &str = include_str!("../samples/spun-article.txt");

/// The binary, run from the repository root, stdin closed.
fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_unspin"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn run(args: &[&str]) -> Output {
    command(args).output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// Temporary files of unspin's left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".unspin-"))
        .collect()
}

/// Whether the tests run as root, where permissions are not enforced.
#[cfg(unix)]
fn is_root(scratch: &Scratch) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = scratch.file(".probe-owner", b"");
    let uid = std::fs::metadata(&probe).unwrap().uid();
    std::fs::remove_file(probe).unwrap();
    uid == 0
}

/// Sends `signal` (`INT`, `TERM`) to a child.
fn kill(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} failed");
}

/// Waits for a child, killing it after `limit`.
fn wait(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("unspin did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().unwrap()
}

/// A spun text of a few paragraphs of the sample, different for each `i`.
fn spun_text(i: usize) -> String {
    let lines: Vec<&str> = SAMPLE.lines().collect();
    let mut text = format!("Report number {i}.\n");
    for k in 0..3 {
        text.push_str(lines[(i + k) % lines.len()]);
        text.push('\n');
    }
    text
}

/// A tmpfs mounted for a test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `size` at `dir`, or says why not and gives None.
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Tmpfs(dir.to_path_buf())),
            Ok(out) => {
                eprintln!(
                    "note: cannot mount a tmpfs ({}); skipping this check",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("note: cannot run mount ({e}); skipping this check");
                None
            }
        }
    }

    /// Makes the file system read-only.
    fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(
            status.success(),
            "cannot remount {} read-only",
            self.0.display()
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = |lazy: bool| {
            let mut umount = Command::new("umount");
            if lazy {
                umount.arg("-l");
            }
            match umount.arg(&self.0).output() {
                Ok(out) if out.status.success() => true,
                Ok(out) => {
                    eprintln!(
                        "note: umount {}{} failed: {}",
                        if lazy { "-l " } else { "" },
                        self.0.display(),
                        String::from_utf8_lossy(&out.stderr).trim()
                    );
                    false
                }
                Err(_) => false,
            }
        };
        // A process that another test spawned at the wrong moment may hold
        // the mount briefly; a lazy unmount detaches it anyway.
        let _ = unmounted(false) || unmounted(true);
    }
}

/// A read-only tmpfs at `dir` holding `name` with `contents`, or None
/// (with a note) where it cannot be mounted.
fn read_only_filesystem(dir: &Path, name: &str, contents: &str) -> Option<Tmpfs> {
    let tmpfs = Tmpfs::mount(dir, "1m")?;
    std::fs::write(dir.join(name), contents).unwrap();
    tmpfs.remount_read_only();
    Some(tmpfs)
}

/// Asserts that a failed `--write` of `file` left it as `original`, named
/// it in an error with `cause`, exited 2 and left no temporary file in
/// `dir`.
fn assert_failed_cleanly(out: &Output, file: &str, cause: &str, original: &str, dir: &Path) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("unspin: {file}: ")) && err.contains(cause),
        "the error should name {file} and say {cause:?}: {err}"
    );
    assert!(
        err.contains("the file is left as it was"),
        "the error should say the file is untouched: {err}"
    );
    assert_eq!(std::fs::read_to_string(file).unwrap(), original);
    assert_eq!(leftovers(dir), Vec::<String>::new());
}

// ---------------------------------------------------------------------
// A read-only directory or file system

#[cfg(unix)]
#[test]
fn write_in_a_read_only_directory_leaves_the_file_and_names_it() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("safety-readonly-dir");
    let dir = scratch.path("locked");
    std::fs::create_dir(&dir).unwrap();
    let file = dir.join("spun.txt");
    let original = spun_text(1);
    std::fs::write(&file, &original).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut cmd = command(&["--write", path_str(&file)]);
    if is_root(&scratch) {
        // Root ignores the mode: run as nobody instead.
        let probe = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_unspin"))
            .arg("--version")
            .output();
        if !probe.is_ok_and(|out| out.status.success()) {
            eprintln!(
                "note: running as root, which ignores a directory's mode, and cannot run \
                 unspin as nobody with setpriv; skipping this check (see \
                 write_on_a_read_only_file_system_leaves_the_file_and_names_it)"
            );
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
            return;
        }
        cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_unspin"))
            .args(["--write", path_str(&file)])
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
    }
    let out = cmd.output().unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_failed_cleanly(
        &out,
        path_str(&file),
        &format!(
            "cannot create a temporary file in {}: Permission denied",
            std::fs::canonicalize(&dir).unwrap().display()
        ),
        &original,
        &dir,
    );
}

#[cfg(unix)]
#[test]
fn write_on_a_read_only_file_system_leaves_the_file_and_names_it() {
    let scratch = Scratch::new("safety-readonly-fs");
    let dir = scratch.path("mnt");
    let original = spun_text(2);
    let Some(_mount) = read_only_filesystem(&dir, "spun.txt", &original) else {
        return;
    };
    let file = dir.join("spun.txt");
    // Streaming (plain --write) and in memory (--write --score).
    for extra in [None, Some("--score")] {
        let mut args = vec!["--write", path_str(&file)];
        args.extend(extra);
        let out = run(&args);
        assert_failed_cleanly(
            &out,
            path_str(&file),
            "Read-only file system",
            &original,
            &dir,
        );
    }
}

// ---------------------------------------------------------------------
// A full disk

#[cfg(unix)]
#[test]
fn write_on_a_full_disk_leaves_the_file_and_names_it() {
    let scratch = Scratch::new("safety-full-disk");
    let dir = scratch.path("mnt");
    // 64 KiB of disk, a 40 KiB file: its repair does not fit beside it.
    let Some(_mount) = Tmpfs::mount(&dir, "64k") else {
        return;
    };
    let original = SAMPLE.repeat(7);
    assert!(original.len() > 36 * 1024);
    let file = dir.join("spun.txt");
    std::fs::write(&file, &original).unwrap();
    for extra in [None, Some("--score")] {
        let mut args = vec!["--write", path_str(&file)];
        args.extend(extra);
        let out = run(&args);
        assert_failed_cleanly(
            &out,
            path_str(&file),
            "cannot write the repaired file: No space left on device",
            &original,
            &dir,
        );
    }
}

// ---------------------------------------------------------------------
// A file changed while it is repaired

/// The test hook: a FIFO that unspin reads to its end just before each
/// check-and-rename, so the test can act at exactly that point.
struct Gate(PathBuf);

impl Gate {
    /// Makes the FIFO, or says why not and gives None.
    fn new(dir: &Path) -> Option<Gate> {
        let path = dir.join("gate.fifo");
        match Command::new("mkfifo").arg(&path).status() {
            Ok(status) if status.success() => Some(Gate(path)),
            _ => {
                eprintln!("note: cannot make a FIFO with mkfifo; skipping this check");
                None
            }
        }
    }

    /// The binary, paused before each rename at this gate.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = command(args);
        command.env("UNSPIN_TEST_PAUSE_BEFORE_RENAME", &self.0);
        command
    }

    /// Waits until `child` is paused at the gate and returns the writing
    /// end; dropping it lets the child go on.
    fn wait(&self, child: &mut Child) -> File {
        let (send, receive) = mpsc::channel();
        let path = self.0.clone();
        std::thread::spawn(move || {
            let _ = send.send(std::fs::OpenOptions::new().write(true).open(path));
        });
        let start = Instant::now();
        loop {
            if let Ok(opened) = receive.recv_timeout(Duration::from_millis(20)) {
                return opened.unwrap();
            }
            let exited = child.try_wait().unwrap();
            if exited.is_some() || start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                // Unblock the opening thread.
                let _ = File::open(&self.0);
                panic!("unspin never reached the rename (exit: {exited:?})");
            }
        }
    }
}

/// Runs `--write` (with `extra` arguments) on a spun file, does `change`
/// to the file while unspin is paused before the rename, and returns the
/// output, the file's path and the scratch directory.
fn change_before_rename(
    name: &str,
    extra: &[&str],
    change: impl FnOnce(&Path),
) -> Option<(Output, PathBuf, Scratch)> {
    let scratch = Scratch::new(name);
    let gate = Gate::new(&scratch.0)?;
    let file = scratch.path("spun.txt");
    std::fs::write(&file, spun_text(3)).unwrap();
    let mut args = vec!["--write", path_str(&file)];
    args.extend(extra);
    let mut child = gate.command(&args).spawn().unwrap();
    let paused = gate.wait(&mut child);
    change(&file);
    drop(paused);
    let out = wait(child, Duration::from_secs(60));
    assert_eq!(leftovers(&scratch.0), Vec::<String>::new());
    Some((out, file, scratch))
}

/// Asserts that `out` refused to write `file` because it `changed`.
fn assert_not_clobbered(out: &Output, file: &Path, changed: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("unspin: {}: {changed}", file.display())),
        "{err}"
    );
    assert!(err.contains("the repair is not written"), "{err}");
    assert!(!err.contains("unspin: repaired"), "{err}");
}

#[test]
fn a_file_replaced_during_write_is_not_clobbered() {
    const NEWER: &str = "A newer version, written by someone else: Planet War II.\n";
    for extra in [&[][..], &["--score"][..]] {
        let Some((out, file, _scratch)) = change_before_rename("safety-replaced", extra, |file| {
            let newer = file.with_file_name("newer.txt");
            std::fs::write(&newer, NEWER).unwrap();
            std::fs::rename(&newer, file).unwrap();
        }) else {
            return;
        };
        assert_not_clobbered(
            &out,
            &file,
            "replaced by another file while it was being repaired",
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), NEWER);
    }
}

#[test]
fn a_file_modified_during_write_is_not_clobbered() {
    let Some((out, file, _scratch)) = change_before_rename("safety-modified", &[], |file| {
        let mut appended = std::fs::OpenOptions::new().append(true).open(file).unwrap();
        std::io::Write::write_all(&mut appended, b"A line added meanwhile.\n").unwrap();
    }) else {
        return;
    };
    assert_not_clobbered(&out, &file, "modified while it was being repaired");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{}A line added meanwhile.\n", spun_text(3))
    );
}

#[test]
fn a_file_removed_during_write_is_not_recreated() {
    let Some((out, file, _scratch)) = change_before_rename("safety-removed", &[], |file| {
        std::fs::remove_file(file).unwrap()
    }) else {
        return;
    };
    assert_not_clobbered(&out, &file, "removed while it was being repaired");
    assert!(!file.exists());
}

// ---------------------------------------------------------------------
// Symbolic links

#[cfg(unix)]
#[test]
fn write_through_a_symlink_repairs_the_target_and_keeps_the_link() {
    let scratch = Scratch::new("safety-symlink");
    std::fs::create_dir(scratch.path("files")).unwrap();
    std::fs::create_dir(scratch.path("links")).unwrap();
    let target = scratch.path("files/spun.txt");
    std::fs::write(
        &target,
        "Planet War II veterans met regulation enforcement.\n",
    )
    .unwrap();
    let link = scratch.path("links/spun.txt");
    std::os::unix::fs::symlink("../files/spun.txt", &link).unwrap();
    let out = run(&["--write", path_str(&link)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "World War II veterans met law enforcement.\n"
    );
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("../files/spun.txt")
    );
    assert_eq!(leftovers(&scratch.path("files")), Vec::<String>::new());
    assert_eq!(leftovers(&scratch.path("links")), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn write_to_a_dangling_symlink_is_a_clear_error() {
    let scratch = Scratch::new("safety-dangling");
    let link = scratch.path("link.txt");
    std::os::unix::fs::symlink("missing.txt", &link).unwrap();
    let out = run(&["--write", path_str(&link)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "unspin: {}: a symbolic link to missing.txt, which does not exist\n",
            link.display()
        )
    );
    assert!(
        !scratch.path("missing.txt").exists(),
        "the target was created"
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(leftovers(&scratch.0), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn write_through_a_symlink_into_a_read_only_place_leaves_the_target() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("safety-symlink-readonly");
    let dir = scratch.path("locked");
    let original = spun_text(4);
    let root = is_root(&scratch);
    // Root ignores a directory's mode; it is stopped by a read-only mount.
    let _mount = if root {
        let Some(mount) = read_only_filesystem(&dir, "spun.txt", &original) else {
            return;
        };
        Some(mount)
    } else {
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("spun.txt"), &original).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        None
    };
    let link = scratch.path("link.txt");
    std::os::unix::fs::symlink(dir.join("spun.txt"), &link).unwrap();
    let out = run(&["--write", path_str(&link)]);
    if !root {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let cause = if root {
        "Read-only file system"
    } else {
        "Permission denied"
    };
    assert_failed_cleanly(&out, path_str(&link), cause, &original, &dir);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(leftovers(&scratch.0), Vec::<String>::new());
}

// ---------------------------------------------------------------------
// Other files

#[cfg(unix)]
#[test]
fn write_refuses_a_fifo_without_waiting_on_it() {
    let scratch = Scratch::new("safety-fifo");
    let Some(gate) = Gate::new(&scratch.0) else {
        return;
    };
    let child = command(&["--write", path_str(&gate.0)]).spawn().unwrap();
    let out = wait(child, Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "unspin: {}: not a regular file; --write repairs only regular files\n",
            gate.0.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn write_as_root_keeps_the_owner_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let scratch = Scratch::new("safety-owner");
    if !is_root(&scratch) {
        eprintln!("note: not root, so files of other users cannot be made; skipping");
        return;
    }
    let file = scratch.file("spun.txt", spun_text(5).as_bytes());
    std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = run(&["--write", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_ne!(std::fs::read_to_string(&file).unwrap(), spun_text(5));
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
}

// ---------------------------------------------------------------------
// Interruption

/// `count` spun files in `dir/name`, with what `--write --threads 1`
/// makes of them: `(path, original, repaired)`.
fn many_files(scratch: &Scratch, name: &str, count: usize) -> Vec<(PathBuf, String, String)> {
    let dir = scratch.path(name);
    let expected = scratch.path(&format!("{name}-expected"));
    std::fs::create_dir(&dir).unwrap();
    std::fs::create_dir(&expected).unwrap();
    for i in 0..count {
        let name = format!("{i:04}.txt");
        std::fs::write(dir.join(&name), spun_text(i)).unwrap();
        std::fs::write(expected.join(&name), spun_text(i)).unwrap();
    }
    let out = run(&["--write", "--threads", "1", path_str(&expected)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (0..count)
        .map(|i| {
            let name = format!("{i:04}.txt");
            let repaired = std::fs::read_to_string(expected.join(&name)).unwrap();
            assert_ne!(repaired, spun_text(i), "{name} needs repair");
            (dir.join(&name), spun_text(i), repaired)
        })
        .collect()
}

/// Checks each file against its original and its repair; returns how
/// many were repaired. `reported` are the files unspin said it repaired.
fn check_repaired_or_untouched(files: &[(PathBuf, String, String)], reported: &[String]) -> usize {
    let mut repaired = 0;
    for (path, original, expected) in files {
        let now = std::fs::read_to_string(path).unwrap();
        let said = reported.iter().any(|r| r == path_str(path));
        if now == *expected {
            assert!(said, "{} was repaired but not reported", path.display());
            repaired += 1;
        } else {
            assert!(
                now == *original,
                "{} is neither its original nor its repair",
                path.display()
            );
            assert!(!said, "{} was reported repaired but is not", path.display());
        }
    }
    repaired
}

/// The files named in `repaired FILE (N edits)` lines.
fn reported(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|line| line.strip_prefix("unspin: repaired "))
        .filter_map(|rest| rest.rsplit_once(" (").map(|(file, _)| file.to_string()))
        .collect()
}

#[cfg(unix)]
#[test]
fn sigint_during_write_leaves_every_file_repaired_or_untouched() {
    let scratch = Scratch::new("safety-sigint");
    let files = many_files(&scratch, "files", 300);
    let dir = scratch.path("files");
    let mut child = command(&["--write", path_str(&dir)]).spawn().unwrap();
    // Interrupt once the first file is repaired, when the handler is
    // surely installed and most files are still to do.
    let lines = BufReader::new(child.stderr.take().unwrap());
    let (send, receive) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in lines.lines() {
            let line = line.unwrap();
            if line.starts_with("unspin: repaired ") {
                let _ = send.send(());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    receive
        .recv_timeout(Duration::from_secs(60))
        .expect("a first file is repaired");
    kill(&child, "INT");
    let out = wait(child, Duration::from_secs(60));
    let err = reader.join().unwrap();
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.ends_with(
            "unspin: stopped by SIGINT; every file is either repaired or left as it was\n"
        ),
        "{err}"
    );
    let repaired = check_repaired_or_untouched(&files, &reported(&err));
    eprintln!("{repaired} of {} files repaired before SIGINT", files.len());
    assert!(repaired >= 1);
    assert!(
        repaired < files.len(),
        "the run ended before SIGINT arrived; nothing was interrupted"
    );
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn sigterm_before_a_rename_abandons_that_file_and_stops() {
    // Deterministic: unspin pauses at the gate before each rename; the
    // test lets five files through and sends SIGTERM at the sixth.
    let scratch = Scratch::new("safety-sigterm-gate");
    let Some(gate) = Gate::new(&scratch.0) else {
        return;
    };
    let files = many_files(&scratch, "files", 20);
    let dir = scratch.path("files");
    let mut child = gate.command(&["--write", path_str(&dir)]).spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    for (path, _, _) in &files[..5] {
        drop(gate.wait(&mut child));
        // The file is renamed and reported before the next pause.
        let line = lines.next().unwrap().unwrap();
        assert!(
            line.starts_with(&format!("unspin: repaired {} (", path.display())),
            "{line}"
        );
    }
    let paused = gate.wait(&mut child);
    kill(&child, "TERM");
    // Let the handler run before unspin goes on.
    std::thread::sleep(Duration::from_millis(100));
    drop(paused);
    let err: Vec<String> = lines.map(Result::unwrap).collect();
    let out = wait(child, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(143), "{err:?}");
    assert_eq!(
        err,
        [
            format!(
                "unspin: {}: interrupted; the file is left as it was",
                files[5].0.display()
            ),
            "unspin: stopped by SIGTERM; every file is either repaired or left as it was"
                .to_string()
        ]
    );
    let names: Vec<String> = files[..5]
        .iter()
        .map(|(path, _, _)| path_str(path).to_string())
        .collect();
    assert_eq!(check_repaired_or_untouched(&files, &names), 5);
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn sigterm_while_a_large_file_is_written_leaves_it_untouched() {
    let scratch = Scratch::new("safety-sigterm-large");
    // About 17 MB: long enough that the signal arrives mid-file.
    let original = SAMPLE.repeat(3000);
    let file = scratch.file("large.txt", original.as_bytes());
    let child = command(&["--write", &file]).spawn().unwrap();
    // The temporary file appears once the file is found valid UTF-8 and
    // its repair begins.
    let start = Instant::now();
    while leftovers(&scratch.0).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    kill(&child, "TERM");
    let signalled = Instant::now();
    let out = wait(child, Duration::from_secs(60));
    eprintln!("unspin stopped {:?} after SIGTERM", signalled.elapsed());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(143), "{err}");
    assert_eq!(
        err,
        format!(
            "unspin: {file}: interrupted; the file is left as it was\n\
             unspin: stopped by SIGTERM; every file is either repaired or left as it was\n"
        )
    );
    assert!(std::fs::read_to_string(&file).unwrap() == original);
    assert_eq!(leftovers(&scratch.0), Vec::<String>::new());
}
