//! `mailroom check`: the database's soundness, in words and an exit code.

use mailroom::Config;

pub fn check(config: &Config) -> anyhow::Result<()> {
    let path = config.database_path();
    let report = mailroom::app::check_database(&path)?;
    let counted: Vec<String> = report
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(table, n)| format!("{table} {n}"))
        .collect();
    println!("{}: {}", path.display(), counted.join(", "));
    for problem in &report.problems {
        println!("problem: {problem}");
    }
    if report.is_sound() {
        println!("ok: every record reads and every index entry points at a record");
        Ok(())
    } else {
        anyhow::bail!(
            "{} problem(s) found; nothing was changed",
            report.problems.len()
        )
    }
}
