//! The checks' own tests: each rule broken on purpose, in a copy of the real
//! tree held in memory, in each way a path can be written, must be reported.

use super::graph::{cycles, edges, forbidden};
use super::{ALLOWED, borrowed_between_pages, tree};

/// The real tree with `code` appended to the file `file`.
fn planted(file: &str, code: &str) -> Vec<super::Source> {
    let mut sources = tree();
    let source = sources
        .iter_mut()
        .find(|s| s.file == file)
        .unwrap_or_else(|| panic!("{file} is not in src/"));
    source.text.push_str(code);
    sources
}

fn cycles_in(file: &str, code: &str) -> Vec<String> {
    cycles(&edges(&planted(file, code)).unwrap())
}

fn forbidden_in(file: &str, code: &str) -> Vec<String> {
    forbidden(&edges(&planted(file, code)).unwrap(), ALLOWED)
}

#[test]
fn the_real_tree_parses_and_has_references() {
    let found = edges(&tree()).unwrap();
    assert!(
        found
            .iter()
            .any(|e| e.from.first().is_some_and(|m| m == "jobs")
                && e.to.first().is_some_and(|m| m == "app")),
        "jobs' handlers call app: the reader must see it"
    );
}

#[test]
fn a_cycle_closed_by_an_inline_path_is_found() {
    // jobs calls app; app naming jobs in a function body closes the circle.
    let found = cycles_in(
        "app/outbox.rs",
        "\nfn planted() { crate::jobs::planted(); }\n",
    );
    assert!(
        found
            .iter()
            .any(|c| c.contains("a cycle in src") && c.contains("crate::jobs::planted")),
        "{found:?}"
    );
}

#[test]
fn a_cycle_closed_inside_a_macro_body_is_found() {
    let found = cycles_in(
        "app/outbox.rs",
        "\nfn planted() { let _ = format!(\"{}\", super::super::jobs::planted()); }\n",
    );
    assert!(
        found
            .iter()
            .any(|c| c.contains("super::super::jobs::planted")),
        "{found:?}"
    );
}

#[test]
fn a_cycle_between_a_parents_child_and_another_folder_is_found() {
    // app/outbox.rs is inside the app folder: to the rest of src, the folder is one unit.
    let found = cycles_in(
        "app/outbox.rs",
        "\nmod planted { use crate::jobs::planted; }\n",
    );
    assert!(
        found.iter().any(|c| c.contains("crate::jobs::planted")),
        "{found:?}"
    );
}

#[test]
fn a_cycle_between_siblings_of_one_folder_is_found() {
    let a = "\nfn planted_a() { super::sharing::planted(); }\n";
    let b = "\nfn planted_b() { super::addresses::planted(); }\n";
    let mut sources = planted("cli/addresses.rs", a);
    sources
        .iter_mut()
        .find(|s| s.file == "cli/sharing.rs")
        .unwrap()
        .text
        .push_str(b);
    let found = cycles(&edges(&sources).unwrap());
    assert!(
        found.iter().any(|c| c.contains("a cycle in cli")),
        "{found:?}"
    );
}

#[test]
fn model_using_i18n_is_refused_however_it_is_written() {
    for code in [
        "\nuse crate::i18n::Localize;\n",
        "\nfn planted() -> crate::model::Lang { crate::i18n::current() }\n",
        "\nfn planted() -> String { t!(\"planted\") }\n",
        "\nfn planted() -> String { crate::t!(\"planted\") }\n",
        // Through an alias of the crate root.
        "\nuse crate as root;\nfn planted() { root::i18n::current(); }\n",
    ] {
        let found = forbidden_in("model/address.rs", code);
        assert!(
            found.iter().any(|f| f.starts_with("model → i18n")),
            "{code}: {found:?}"
        );
    }
}

#[test]
fn store_using_app_is_refused_even_from_its_tests() {
    for code in [
        "\nfn planted(_: &crate::app::App) {}\n",
        // Through the crate root's re-export.
        "\nfn planted(_: &crate::App) {}\n",
        "\n#[cfg(test)]\nmod planted { use super::super::super::app::App; }\n",
    ] {
        let found = forbidden_in("store/backup.rs", code);
        assert!(
            found.iter().any(|f| f.starts_with("store → app")),
            "{code}: {found:?}"
        );
    }
}

#[test]
fn a_file_that_does_not_parse_is_an_error_not_a_pass() {
    assert!(edges(&planted("model/address.rs", "\nfn (")).is_err());
}

#[test]
fn a_page_borrowing_from_another_page_is_refused() {
    let sources = planted(
        "web/pages/dashboard.rs",
        "\nfn planted() { let _ = super::quota::planted(); }\n",
    );
    let found = borrowed_between_pages(&edges(&sources).unwrap());
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("pages/dashboard → pages/quota")),
        "{found:?}"
    );
    let common = planted(
        "web/pages/dashboard.rs",
        "\nfn planted() { let _ = super::common::service_domain(\"x\"); }\n",
    );
    assert!(borrowed_between_pages(&edges(&common).unwrap()).is_empty());
}

#[test]
fn a_cycle_through_a_parents_private_import_is_found() {
    // cli/mod.rs imports from sharing; addresses names it through super::.
    let mut sources = planted("cli/mod.rs", "\nuse self::sharing::planted_share;\n");
    for (file, code) in [
        (
            "cli/addresses.rs",
            "\nfn planted_a() { super::planted_share(); }\n",
        ),
        (
            "cli/sharing.rs",
            "\nfn planted_b() { super::addresses::planted(); }\n",
        ),
    ] {
        sources
            .iter_mut()
            .find(|s| s.file == file)
            .unwrap()
            .text
            .push_str(code);
    }
    let found = cycles(&edges(&sources).unwrap());
    assert!(
        found.iter().any(|c| c.contains("a cycle in cli")),
        "{found:?}"
    );
}
