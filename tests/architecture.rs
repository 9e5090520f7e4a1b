//! The layering rules of ARCHITECTURE.md, checked on the source: a rule
//! that only lives in a document is broken by the next change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 400;

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The tree checked; `MAILROOM_CHECK_SRC` points it at another checkout
/// (to see these checks fail on a tree that breaks the rules).
fn src() -> PathBuf {
    match std::env::var_os("MAILROOM_CHECK_SRC") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
    }
}

/// `src/web/pages/address/users.rs` → `["web", "pages", "address", "users"]`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Every `use` statement's paths, braces expanded one level deep.
fn used_paths(text: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut statement = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if statement.is_empty() {
            let Some(rest) = trimmed
                .strip_prefix("pub use ")
                .or_else(|| trimmed.strip_prefix("use "))
            else {
                continue;
            };
            statement.push_str(rest);
        } else {
            statement.push_str(trimmed);
        }
        if statement.ends_with(';') {
            let body = statement.trim_end_matches(';').replace(' ', "");
            match body.split_once('{') {
                Some((prefix, group)) => {
                    for item in group.trim_end_matches('}').split(',') {
                        let item = item.split('{').next().unwrap_or("");
                        if !item.is_empty() {
                            paths.push(format!("{prefix}{item}"));
                        }
                    }
                }
                None => paths.push(body),
            }
            statement.clear();
        }
    }
    paths
}

#[test]
fn no_source_file_is_over_400_lines() {
    let long: Vec<String> = sources(&src())
        .into_iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(&file).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}

#[test]
fn only_app_store_jobs_and_mailserver_touch_the_store() {
    let allowed = ["app", "store", "jobs", "mailserver"];
    let mut offenders = Vec::new();
    for file in sources(&src()) {
        let module = module_of(&file);
        let text = std::fs::read_to_string(&file).unwrap();
        let top = module.first().map(String::as_str).unwrap_or("");
        if !allowed.contains(&top)
            && (text.contains("crate::store") || text.contains("mailroom::store"))
        {
            offenders.push(file.display().to_string());
        }
        if top != "app" && text.contains("store_for_tests") {
            offenders.push(format!("{} (store_for_tests)", file.display()));
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

#[test]
fn web_reads_forms_into_types_and_asks_htmx_one_way() {
    let mut offenders = Vec::new();
    for file in sources(&src().join("web")) {
        let text = std::fs::read_to_string(&file).unwrap();
        if text.contains("Form<HashMap") || text.contains("Form<std::collections::HashMap") {
            offenders.push(format!("{}: untyped form", file.display()));
        }
        if file.file_name().is_some_and(|n| n != "htmx.rs") && text.contains("\"hx-request\"") {
            offenders.push(format!("{}: hand-written HX-Request check", file.display()));
        }
        if text.contains("name=(CSRF_FIELD)") && file.file_name().is_some_and(|n| n != "viewer.rs")
        {
            offenders.push(format!("{}: CSRF field written out", file.display()));
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

#[test]
fn modules_do_not_import_each_other_in_a_circle() {
    let files = sources(&src());
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        let text = std::fs::read_to_string(file).unwrap();
        for path in used_paths(&text) {
            let mut parts: Vec<&str> = path.split("::").collect();
            let mut target: Vec<String> = match parts.first() {
                Some(&"crate") => {
                    parts.remove(0);
                    Vec::new()
                }
                Some(&"super") => {
                    let mut base = from.clone();
                    while parts.first() == Some(&"super") {
                        parts.remove(0);
                        base.pop();
                    }
                    base
                }
                _ => continue,
            };
            // The longest prefix that is a module of ours.
            let mut best = None;
            for part in parts {
                target.push(part.to_owned());
                if modules.contains(&target) {
                    best = Some(target.clone());
                }
            }
            if let Some(to) = best
                && to != from
                && !from.starts_with(&to)
                && !to.starts_with(&from)
            {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    // A depth-first search for a path back to where it started.
    fn reaches(
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        from: &Vec<String>,
        goal: &Vec<String>,
        seen: &mut BTreeSet<Vec<String>>,
        path: &mut Vec<Vec<String>>,
    ) -> bool {
        for next in edges.get(from).into_iter().flatten() {
            if next == goal {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if reaches(edges, next, goal, seen, path) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    for module in edges.keys() {
        let mut path = vec![module.clone()];
        if reaches(&edges, module, module, &mut BTreeSet::new(), &mut path) {
            let shown: Vec<String> = path.iter().map(|m| m.join("::")).collect();
            panic!("an import cycle: {}", shown.join(" → "));
        }
    }
}
