//! The layering rules of ARCHITECTURE.md, checked on the source: a rule
//! that only lives in a document is broken by the next change.

mod graph;
mod planted;

use graph::{Source, cycles, edges, forbidden, sibling_edge, unused};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 400;

/// ARCHITECTURE.md's "may use" column: each top-level module of `src/` and
/// the modules of ours it may name (a module, or one item of one).
#[rustfmt::skip]
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("memory", &[]),
    ("text", &[]),
    ("throttle", &["model"]),
    ("i18n", &["model"]),
    ("urls", &["model"]),
    ("doveadm", &["model"]),
    ("dns", &["model"]),
    ("bulk", &["model", "i18n", "text"]),
    ("mail", &["model", "i18n"]),
    ("store", &["model", "text"]),
    // The mail server's doors read the store (and stream its backup): they
    // never name the Writer.
    ("mailserver", &["model", "throttle", "store::Store", "store::StoreError", "store::prelude",
                     "store::backup", "store::Reader"]),
    ("app", &["model", "store", "mail", "i18n", "urls", "bulk", "text", "throttle", "dns",
              "doveadm", "mailserver"]),
    // Jobs name the store's queue only; the work is app's.
    ("jobs", &["app", "model", "mail", "doveadm", "store::Queue", "store::JobSettings",
               "store::StoreError"]),
    ("setup_files", &["model", "mailserver", "doveadm"]),
    ("config", &["app", "model", "jobs", "doveadm", "mailserver"]),
    ("http", &["app", "model", "i18n"]),
    ("metrics", &["app", "http::bearer"]),
    ("web", &["app", "model", "urls", "i18n", "http", "metrics::track_http",
              "bulk::report_csv", "setup_files::autoconfig"]),
    ("api", &["app", "model", "urls", "http", "metrics::track_http", "bulk::report_csv",
              "web::layout"]),
    ("server", &["app", "config", "http", "jobs", "mail", "mailserver", "metrics", "web", "api"]),
    ("cli", &["app", "server", "config", "model", "i18n", "mailserver", "setup_files",
              "http::client_ip", "doveadm"]),
    // `cli` is main.rs's own child module (the binary's), named bare.
    ("main", &["config", "app", "i18n", "model", "bulk", "memory"]),
];

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

fn tree() -> Vec<Source> {
    sources(&src())
        .into_iter()
        .map(|file| Source {
            module: module_of(&file),
            text: std::fs::read_to_string(&file).unwrap(),
            file: file.strip_prefix(src()).unwrap().display().to_string(),
        })
        .collect()
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
    let found = cycles(&edges(&tree()).unwrap());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Page families that borrow from each other, not from `pages/common`.
fn borrowed_between_pages(edges: &[graph::Edge]) -> Vec<String> {
    let pages = ["web".to_owned(), "pages".to_owned()];
    edges
        .iter()
        .filter_map(|edge| {
            let (folder, from, to) = sibling_edge(edge)?;
            (folder == pages && to != "common")
                .then(|| format!("pages/{from} → pages/{to} ({}: {})", edge.file, edge.path))
        })
        .collect()
}

#[test]
fn page_families_share_only_through_common() {
    let found = borrowed_between_pages(&edges(&tree()).unwrap());
    assert!(
        found.is_empty(),
        "move to web/pages/common: {}",
        found.join("\n")
    );
}

#[test]
fn the_table_allows_nothing_that_is_not_used() {
    let found = unused(&edges(&tree()).unwrap(), ALLOWED);
    assert!(
        found.is_empty(),
        "remove from the table: {}",
        found.join(", ")
    );
}

#[test]
fn each_layer_uses_only_what_the_table_allows() {
    let found = forbidden(&edges(&tree()).unwrap(), ALLOWED);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
