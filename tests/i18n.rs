//! The catalogues under `locales/`: every message in every language with
//! the same arguments, nothing the code does not use, and no English left
//! in the templates outside them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

const LANGUAGES: [&str; 4] = ["en", "fr", "de", "it"];

/// Message id → the variables it uses, for one language's files.
fn catalogue(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut messages = BTreeMap::new();
    for file in files(&Path::new("locales").join(lang), "ftl") {
        let source = fs::read_to_string(&file).unwrap();
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
        for entry in resource.body {
            match entry {
                Entry::Message(message) => {
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &message.value {
                        collect(value, &mut variables);
                    }
                    let id = message.id.name.to_owned();
                    assert!(
                        messages.insert(id.clone(), variables).is_none(),
                        "{id} twice in {lang}"
                    );
                }
                Entry::Junk { content } => panic!("{}: cannot parse {content}", file.display()),
                _ => {}
            }
        }
    }
    messages
}

fn collect(pattern: &Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                collect(&variant.value, into);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found
}

/// The ids the code asks for: `t!("id"…)` and `tl!(lang, "id"…)`.
fn used_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for file in files(Path::new("src"), "rs") {
        let source = fs::read_to_string(&file).unwrap();
        for pattern in ["t!(", "tl!("] {
            for (at, _) in source.match_indices(pattern) {
                let preceding = source[..at].chars().next_back();
                let line_start = source[..at].rfind('\n').map_or(0, |n| n + 1);
                let in_comment = source[line_start..at].contains("//");
                if in_comment || preceding.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                if let Some(id) = first_literal(&source[at + pattern.len()..]) {
                    ids.insert(id);
                }
            }
        }
    }
    ids
}

/// The first string literal of a macro call's arguments, when it is the
/// first or second argument (`t!("id")`, `tl!(lang, "id")`).
fn first_literal(call: &str) -> Option<String> {
    let head: String = call.chars().take(120).collect();
    let start = head.find('"')?;
    let before = &head[..start];
    if before.contains(')') || before.matches(',').count() > 1 {
        return None;
    }
    let rest = &head[start + 1..];
    let end = rest.find('"')?;
    let id = &rest[..end];
    id.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        .then(|| id.to_owned())
}

#[test]
fn every_language_has_every_message_with_the_same_arguments() {
    let english = catalogue("en");
    assert!(english.len() > 500, "{} messages", english.len());
    for lang in &LANGUAGES[1..] {
        let other = catalogue(lang);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang} has messages English lacks: {extra:?}"
        );
        for (id, variables) in &english {
            assert_eq!(&other[id], variables, "{lang}: {id} uses other arguments");
        }
    }
}

#[test]
fn the_catalogues_hold_exactly_what_the_code_asks_for() {
    let english = catalogue("en");
    let used = used_ids();
    let unknown: Vec<_> = used
        .iter()
        .filter(|id| !english.contains_key(*id))
        .collect();
    let unused: Vec<_> = english.keys().filter(|id| !used.contains(*id)).collect();
    assert!(
        unknown.is_empty(),
        "asked for but not in the catalogue: {unknown:?}"
    );
    assert!(
        unused.is_empty(),
        "in the catalogue but never asked for: {unused:?}"
    );
}

#[test]
fn templates_hold_no_english_outside_the_catalogues() {
    let mut found = Vec::new();
    for dir in ["src/web", "src/mail"] {
        for file in files(Path::new(dir), "rs") {
            let source = fs::read_to_string(&file).unwrap();
            for (line, text) in template_texts(&source) {
                found.push(format!("{}:{line}: {text:?}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English in templates:\n{}",
        found.join("\n")
    );
}

/// Attributes whose values people read.
const READ_ATTRIBUTES: [&str; 5] = ["placeholder", "aria-label", "title", "alt", "hx-confirm"];

/// String literals inside `html! { … }` that people would read: text
/// between elements, and the values of `READ_ATTRIBUTES`. A literal made of
/// symbols only (" · ", "✓ ") is not language.
fn template_texts(source: &str) -> Vec<(usize, String)> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let (mut i, mut depth, mut html_at) = (0, 0usize, Vec::<usize>::new());
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
            continue;
        }
        if let Some(raw) = rest
            .strip_prefix('r')
            .filter(|r| r.starts_with("#\"") || r.starts_with('"'))
        {
            let hashes = raw.len() - raw.trim_start_matches('#').len();
            let close = format!("\"{}", "#".repeat(hashes));
            let body = 2 + hashes;
            i += body + rest[body..].find(&close).unwrap_or(0) + close.len();
            continue;
        }
        if let Some(after) = rest.strip_prefix('\'') {
            // A char literal ('x', '\n') or a lifetime: skip just past it.
            let skip = after.find('\'').filter(|n| *n <= 10).map_or(1, |n| n + 2);
            i += if after.starts_with(|c: char| c.is_alphabetic()) && skip > 3 {
                1
            } else {
                skip
            };
            continue;
        }
        if rest.starts_with('"') {
            let mut end = 1;
            let raw = rest.as_bytes();
            while end < raw.len() && raw[end] != b'"' {
                end += if raw[end] == b'\\' { 2 } else { 1 };
            }
            let text = &rest[1..end];
            if !html_at.is_empty() && reads_as_language(text) && read_in_template(source, i) {
                found.push((source[..i].matches('\n').count() + 1, text.to_owned()));
            }
            i += end + 1;
            continue;
        }
        if rest.starts_with("html!") && rest[5..].trim_start().starts_with('{') {
            i += 5 + rest[5..].find('{').unwrap_or(0) + 1;
            depth += 1;
            html_at.push(depth);
            continue;
        }
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                if html_at.last() == Some(&depth) {
                    html_at.pop();
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    found
}

fn reads_as_language(text: &str) -> bool {
    let letters = text.chars().collect::<Vec<_>>();
    letters
        .windows(2)
        .any(|w| w[0].is_alphabetic() && w[1].is_alphabetic())
}

/// Whether the literal at `at` is text or a read attribute's value, rather
/// than a class, a URL or an argument of a Rust call inside a splice.
fn read_in_template(source: &str, at: usize) -> bool {
    let before = source[..at].trim_end();
    if let Some(attribute) = before.strip_suffix('=') {
        let name: String = attribute
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return READ_ATTRIBUTES.contains(&name.as_str());
    }
    // Inside `( … )` opened after the last element brace: Rust, not text.
    let mut open = 0i32;
    for c in before.chars().rev() {
        match c {
            ')' => open += 1,
            '(' if open == 0 => return false,
            '(' => open -= 1,
            '{' | '}' | ';' if open == 0 => return true,
            _ => {}
        }
    }
    true
}

#[test]
fn the_scanner_finds_english_where_people_read_it() {
    let template = r#"fn f() -> Markup { html! { p { "Hello there" } input placeholder="Your name"; a href="/x" class="y" { (t!("id")) } (format!("{} x", 1)) " · " } }"#;
    let found: Vec<_> = template_texts(template)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(found, ["Hello there", "Your name"]);
}

/// A refusal shown to people is `localize()`d: its `Display` is English,
/// for logs (the 2FA code page and the address check once showed it).
#[test]
fn pages_never_show_an_errors_english_display() {
    let mut found = Vec::new();
    for file in files(Path::new("src/web"), "rs") {
        let source = fs::read_to_string(&file).unwrap();
        for (number, line) in source.lines().enumerate() {
            if line.contains("capitalise(") && line.contains(".to_string()") {
                found.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
