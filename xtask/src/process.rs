//! Running commands: echoing them, finding tools, capturing output.

use crate::Result;
use std::process::{Command, Stdio};

/// Runs `cmd` in the workspace root with inherited output, printing it first.
pub fn run(cmd: &mut Command) -> Result {
    println!("  $ {}", describe(cmd));
    let status = cmd
        .current_dir(crate::root())
        .status()
        .map_err(|e| format!("{}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Runs `cmd` in the workspace root, echoing its output as it comes and also returning it, so
/// that test summaries can be read from it.
pub fn run_tee(cmd: &mut Command) -> Result<(bool, String)> {
    use std::io::{BufRead, BufReader, Write};
    println!("  $ {}", describe(cmd));
    let mut child = cmd
        .current_dir(crate::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", describe(cmd)))?;
    let stderr = child.stderr.take();
    let err_thread = std::thread::spawn(move || {
        let mut seen = String::new();
        if let Some(stderr) = stderr {
            for line in BufReader::new(stderr)
                .lines()
                .map_while(std::io::Result::ok)
            {
                eprintln!("{line}");
                seen.push_str(&line);
                seen.push('\n');
            }
        }
        seen
    });
    let mut out = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::io::Result::ok)
        {
            println!("{line}");
            let _ = std::io::stdout().flush();
            out.push_str(&line);
            out.push('\n');
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    out.push_str(&err_thread.join().unwrap_or_default());
    Ok((status.success(), out))
}

/// The trimmed stdout of `program args`, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Whether `program` is on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}
