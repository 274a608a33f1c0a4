//! Shell completions and man pages as a user builds them (`crossclaim
//! completions SHELL`, `crossclaim man -o DIR`, which `make completions` and
//! `make man` run): every shell's script and every page is generated, names
//! every command, and passes its shell's or roff's own check where that is
//! installed. The README's command list is checked against the same commands.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;

fn crossclaim() -> Command {
    Command::cargo_bin("crossclaim").expect("binary is built")
}

/// The commands of the tool, from its help (so a new one is checked too).
fn commands() -> Vec<String> {
    let help = crossclaim().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let listed = help
        .split("Commands:")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_default();
    let names: Vec<String> = listed
        .lines()
        // A name is indented two spaces; wrapped help text is indented more.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 10, "commands read from --help: {names:?}");
    names
}

/// Whether `program` can be run here (a shell or roff may not be installed).
fn installed(program: &str) -> bool {
    Process::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn completion(shell: &str) -> String {
    let out = crossclaim()
        .args(["completions", shell])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 script")
}

#[test]
fn every_shell_gets_a_completion_script_with_every_command_and_option() {
    let commands = commands();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = completion(shell);
        for command in &commands {
            assert!(script.contains(command.as_str()), "{shell}: no {command}");
        }
        // fish writes `-l exclude`, the others `--exclude`.
        for option in ["exclude", "fail-on", "max-bytes"] {
            assert!(script.contains(option), "{shell}: no --{option}");
        }
    }
}

#[test]
fn completion_scripts_parse_in_their_shells() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // bash is always there; the others are checked where they are installed.
    for (shell, check) in [
        ("bash", &["-n"][..]),
        ("zsh", &["-n"]),
        ("fish", &["--no-execute"]),
    ] {
        if shell != "bash" && !installed(shell) {
            continue;
        }
        let path = dir.path().join(format!("crossclaim.{shell}"));
        std::fs::write(&path, completion(shell)).expect("write");
        let out = Process::new(shell)
            .args(check)
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("{shell}: {e}"));
        assert!(
            out.status.success(),
            "{shell} rejects its script: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn bash_completes_a_command_name() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("crossclaim.bash");
    std::fs::write(&path, completion("bash")).expect("write");
    // What bash does on `crossclaim com<TAB>`.
    let script = format!(
        "source {}; COMP_WORDS=(crossclaim com); COMP_CWORD=1; COMP_LINE='crossclaim com'; \
         COMP_POINT=14; _crossclaim crossclaim com crossclaim; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display()
    );
    let out = Process::new("bash")
        .args(["-c", &script])
        .output()
        .expect("bash runs");
    let replies = String::from_utf8_lossy(&out.stdout);
    assert!(replies.lines().any(|l| l == "compare"), "{replies}");
    assert!(replies.lines().any(|l| l == "completions"), "{replies}");
}

#[test]
fn man_writes_a_page_for_the_tool_and_each_command() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let man = dir.path().join("man");
    crossclaim()
        .args(["man", "-o"])
        .arg(&man)
        .assert()
        .success();
    let page = |name: &str| {
        std::fs::read_to_string(man.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let main = page("crossclaim.1");
    assert!(main.contains(".TH crossclaim 1"), "{main}");
    assert!(
        main.contains(".SH \"EXIT STATUS\"\n.nf\n"),
        "the exit codes are a section of their own, lines as written: {main}"
    );
    for command in commands() {
        let sub = page(&format!("crossclaim-{command}.1"));
        assert!(
            sub.contains(&format!(".TH crossclaim-{command} 1")),
            "{sub}"
        );
        assert!(main.contains(&command), "crossclaim.1 lists no {command}");
    }
    assert!(page("crossclaim-compare.1").contains("exclude"));
    // Without -o the tool's page goes to standard output.
    crossclaim()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::eq(main.as_str()));
    check_roff(&man.join("crossclaim.1"));
    check_roff(&man.join("crossclaim-compare.1"));
}

/// groff formats the page without a warning, where groff is installed.
fn check_roff(page: &Path) {
    if !installed("groff") {
        return;
    }
    let out = Process::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(page)
        .output()
        .expect("groff runs");
    assert!(out.status.success(), "{}", page.display());
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(warnings.is_empty(), "{}: {warnings}", page.display());
}

#[test]
fn man_refuses_to_make_a_folder_named_dash() {
    let dir = tempfile::tempdir().expect("temporary folder");
    crossclaim()
        .current_dir(dir.path())
        .args(["man", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("crossclaim: error: `man -o -`"));
    assert!(!dir.path().join("-").exists());
}

#[test]
fn an_unknown_shell_is_an_error_in_the_tools_style() {
    crossclaim()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "crossclaim: error: invalid value 'tcsh' for '<SHELL>'",
        ));
}

#[test]
fn the_readme_lists_every_command() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    for command in commands() {
        assert!(
            readme.contains(&format!("\ncrossclaim {command} ")),
            "the README's command list has no `crossclaim {command}`"
        );
    }
}
