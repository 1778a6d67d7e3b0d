//! The command line speaks the terminal's language, chosen from `LC_ALL`, then `LC_MESSAGES`,
//! then `LANG`: its help, clap's refusals, the importer's `file:line` errors, the locale
//! check's report and every `error:` line. `C` (the harness's default) is English.

use crate::common;

use std::process::{Command, Output};

use common::{is_arabic, nashra_command, run_cli};

/// None of these commands gets as far as opening the database.
fn cli(lang: &str) -> Command {
    let mut command = nashra_command("sqlite:///nonexistent/nashra.db", "x");
    command.env("LANG", lang);
    command
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_is_in_the_terminal_language() {
    let arabic = run_cli(cli("ar_IQ.UTF-8"), &["--help"], "");
    assert_eq!(arabic.status.code(), Some(0));
    let help = stdout(&arabic);
    assert!(help.contains("الاستخدام: nashra [خيارات] <أمر>"), "{help}");
    assert!(help.contains("الأوامر:") && help.contains("الخيارات:"), "{help}");
    assert!(help.contains("إدارة حسابات المستخدمين."), "{help}");
    assert!(help.contains("اعرض المساعدة"), "{help}");
    for english in ["Usage:", "Commands:", "Options:", "Print help", "Manage user accounts"] {
        assert!(!help.contains(english), "{english:?} in {help}");
    }

    let sub = run_cli(cli("ar_IQ.UTF-8"), &["user", "add", "--help"], "");
    assert_eq!(sub.status.code(), Some(0));
    let help = stdout(&sub);
    assert!(help.contains("أنشئ مستخدمًا. تُقرأ كلمة المرور من الدخل القياسي."), "{help}");
    assert!(help.contains("الاسم المعروض."), "{help}");
    let import = stdout(&run_cli(cli("ar_IQ.UTF-8"), &["import", "--help"], ""));
    assert!(import.contains("الوسائط:"), "positional arguments get the Arabic heading: {import}");

    let english = run_cli(cli("C"), &["--help"], "");
    assert_eq!(english.status.code(), Some(0));
    let help = stdout(&english);
    assert!(help.contains("Usage: nashra [OPTIONS] <COMMAND>") && help.contains("Manage user accounts."), "{help}");
    assert!(!is_arabic(&help.replace("العربية", "")), "{help}");
}

#[test]
fn posix_order_picks_the_language() {
    let help = |vars: &[(&str, &str)]| {
        let mut command = cli("C");
        command.envs(vars.iter().copied());
        stdout(&run_cli(command, &["--help"], ""))
    };
    assert!(help(&[("LANG", "ar_IQ.UTF-8")]).contains("الاستخدام:"));
    assert!(help(&[("LANG", "C"), ("LC_MESSAGES", "ar_IQ.UTF-8")]).contains("الاستخدام:"));
    assert!(help(&[("LANG", "ar_IQ.UTF-8"), ("LC_ALL", "C")]).contains("Usage:"));
    assert!(help(&[("LANG", "ar_IQ.UTF-8"), ("LC_ALL", "")]).contains("الاستخدام:"), "empty means unset");
    assert!(help(&[("LANG", "POSIX")]).contains("Usage:"));
    assert!(help(&[("LANG", "fr_FR.UTF-8")]).contains("Usage:"), "a language not configured is English");
}

#[test]
fn clap_refusals_are_in_the_terminal_language() {
    let args = ["user", "add", "--email", "a@example.test"];
    let arabic = run_cli(cli("ar_IQ.UTF-8"), &args, "");
    assert_eq!(arabic.status.code(), Some(2));
    let said = stderr(&arabic);
    assert!(said.starts_with("خطأ: لم تُعطَ الوسائط الإلزامية الآتية:"), "{said}");
    assert!(said.contains("\n  --name <NAME>") && said.contains("--password-stdin"), "{said}");
    assert!(said.contains("الاستخدام: nashra user add [خيارات]"), "{said}");
    assert!(said.contains("لمزيد من المعلومات جرّب '--help'."), "{said}");
    assert!(!said.contains("required arguments"), "{said}");

    let english = run_cli(cli("C"), &args, "");
    assert_eq!(english.status.code(), Some(2));
    let said = stderr(&english);
    assert!(said.contains("the following required arguments were not provided:"), "{said}");
    assert!(said.contains("For more information, try '--help'."), "{said}");

    let unknown = run_cli(cli("ar_IQ.UTF-8"), &["usr"], "");
    assert_eq!(unknown.status.code(), Some(2));
    let said = stderr(&unknown);
    assert!(said.contains("أمر فرعي غير معروف 'usr'") && said.contains("يوجد أمر فرعي مشابه: 'user'"), "{said}");

    let role = ["user", "add", "--email", "a@example.test", "--name", "A", "--role", "owner", "--password-stdin"];
    let refused = run_cli(cli("ar_IQ.UTF-8"), &role, "");
    assert_eq!(refused.status.code(), Some(2));
    let said = stderr(&refused);
    assert!(
        said.contains("القيمة 'owner' غير صالحة") && said.contains("المتوقَّع admin أو editor أو reviewer"),
        "{said}"
    );
}

#[test]
fn import_errors_are_in_the_terminal_language() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(folder.path().join("stories")).unwrap();
    std::fs::write(folder.path().join("stories/empty.md"), "\n\n").unwrap();
    let dir = folder.path().to_str().unwrap();

    let arabic = run_cli(cli("ar_IQ.UTF-8"), &["import", dir], "");
    assert_eq!(arabic.status.code(), Some(1));
    let said = stderr(&arabic);
    assert!(said.contains("لم يُستورد شيء.") && said.contains("empty.md:1: الملف فارغ"), "{said}");

    let english = run_cli(cli("C"), &["import", dir], "");
    let said = stderr(&english);
    assert!(said.contains("Nothing was imported.") && said.contains("empty.md:1: the file is empty"), "{said}");

    std::fs::write(folder.path().join("stories/empty.md"), "+++\nslug = \"a\"\nlocale = \"xx\"\ntitle = \"A\"\n+++\n")
        .unwrap();
    let said = stderr(&run_cli(cli("ar_IQ.UTF-8"), &["import", dir], ""));
    assert!(said.contains("empty.md:1: اللغة «xx» ليست مُعدّة"), "{said}");
}

#[test]
fn error_lines_are_in_the_terminal_language() {
    let refused = run_cli(cli("ar_IQ.UTF-8"), &["--database", "mysql://x", "user", "list"], "");
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    assert!(said.starts_with("خطأ: "), "{said}");
    let english = run_cli(cli("C"), &["--database", "mysql://x", "user", "list"], "");
    assert!(stderr(&english).starts_with("Error: "), "{}", stderr(&english));
}

#[test]
fn the_locale_check_reports_in_the_terminal_language() {
    let ok = run_cli(cli("ar_IQ.UTF-8"), &["check-locales"], "");
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("اللغات سليمة: en, ar توافق en"), "{}", stdout(&ok));

    let dir = tempfile::tempdir().unwrap();
    let fields = std::fs::read_to_string(common::repo_dir().join("locales/ar/fields.ftl")).unwrap();
    let broken: Vec<&str> = fields.lines().filter(|l| !l.starts_with("field-invalid-email")).collect();
    std::fs::create_dir_all(dir.path().join("ar")).unwrap();
    std::fs::write(dir.path().join("ar/fields.ftl"), broken.join("\n")).unwrap();
    let folder = dir.path().to_str().unwrap();
    let arabic = run_cli(cli("ar_IQ.UTF-8"), &["check-locales", "--locales", folder], "");
    assert_eq!(arabic.status.code(), Some(1));
    assert!(
        stdout(&arabic).contains("[ar] تنقصها الرسالة field-invalid-email (الموجودة في en)"),
        "{}",
        stdout(&arabic)
    );
    assert!(stderr(&arabic).contains("مشكلة واحدة في اللغات في"), "{}", stderr(&arabic));
    let english = run_cli(cli("C"), &["check-locales", "--locales", folder], "");
    assert!(stdout(&english).contains("[ar] missing message field-invalid-email (present in en)"));
    assert!(stderr(&english).contains("One locale problem in"), "{}", stderr(&english));
}
