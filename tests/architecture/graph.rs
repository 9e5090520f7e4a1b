//! Which module of ours each source file reaches, read with a real Rust
//! parser: `use` trees, every path in code and types (`super::sharing::share(..)`),
//! paths and macro names inside macro bodies (`html! { (crate::urls::home()) }`,
//! `t!(..)`), and inline modules (`mod tests { use super::*; }`).

use proc_macro2::{TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit::Visit;

/// A module of ours: `src/web/pages/dashboard.rs` is `["web", "pages", "dashboard"]`.
pub type Module = Vec<String>;

/// One source file: its module and its text.
pub struct Source {
    pub module: Module,
    pub file: String,
    pub text: String,
}

/// One reference from a file to a module of ours, and the path that made it.
#[derive(Clone, Debug)]
pub struct Edge {
    pub from: Module,
    /// Where the item is defined (re-exports followed): what cycles close on.
    pub to: Module,
    /// The module the path names (a layer may name what its neighbour
    /// re-exports): what the table rules on.
    pub named: Module,
    /// The whole path as named from the crate root, item included.
    pub target: Vec<String>,
    pub file: String,
    pub path: String,
}

/// Every reference each source makes to another module of ours. A file that
/// does not parse is an error: a check that skipped it would see nothing.
pub fn edges(sources: &[Source]) -> Result<Vec<Edge>, String> {
    let modules: BTreeSet<Module> = sources.iter().map(|s| s.module.clone()).collect();
    let mut macros = BTreeMap::new();
    let mut parsed = Vec::new();
    for source in sources {
        let ast = syn::parse_file(&source.text).map_err(|e| format!("{}: {e}", source.file))?;
        for name in macro_definitions(&source.text) {
            macros.insert(name, source.module.clone());
        }
        parsed.push((source, ast));
    }
    let mut reexports = BTreeMap::new();
    for (source, ast) in &parsed {
        for (name, target) in reexports_of(&source.module, ast, &macros) {
            reexports.insert((source.module.clone(), name), target);
        }
    }
    let mut edges = Vec::new();
    for (source, ast) in &parsed {
        let aliases = reexports
            .iter()
            .filter(|((module, _), _)| *module == source.module)
            .map(|((_, name), target)| (name.clone(), target.clone()))
            .collect();
        let mut reader = Reader {
            scope: source.module.clone(),
            found: Vec::new(),
            macros: &macros,
            aliases,
        };
        reader.visit_file(ast);
        for (path, rendered) in reader.found {
            let Some(named) = longest_module(&modules, &path) else {
                continue;
            };
            let defined = through_reexports(&modules, &reexports, path.clone());
            let Some(to) = longest_module(&modules, &defined) else {
                continue;
            };
            if to != source.module || named != source.module {
                edges.push(Edge {
                    from: source.module.clone(),
                    to,
                    named,
                    target: path,
                    file: source.file.clone(),
                    path: rendered,
                });
            }
        }
    }
    Ok(edges)
}

fn macro_definitions(text: &str) -> Vec<String> {
    text.split("macro_rules!")
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// What a module's `pub use` lines make it name: `lib.rs`'s
/// `pub use app::App` makes `crate::App` a reference to `app`.
fn reexports_of(
    module: &Module,
    ast: &syn::File,
    macros: &BTreeMap<String, Module>,
) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for item in &ast.items {
        let syn::Item::Use(item) = item else { continue };
        // Private imports too: a child module may name them through `super::`.
        let reader = Reader {
            scope: module.clone(),
            found: Vec::new(),
            macros,
            aliases: BTreeMap::new(),
        };
        let mut names = Vec::new();
        reader.use_tree_named(&mut Vec::new(), &item.tree, &mut names);
        for (name, segments) in names {
            // `pub use app::App` in lib.rs: a child module named bare.
            let mut absolute = reader.absolute(&segments);
            if absolute.is_none() {
                let mut child = module.clone();
                child.extend(segments.iter().cloned());
                absolute = Some(child);
            }
            if let Some(target) = absolute {
                found.push((name, target));
            }
        }
    }
    found
}

/// A path through re-exports to where the item is defined.
fn through_reexports(
    modules: &BTreeSet<Module>,
    reexports: &BTreeMap<(Module, String), Vec<String>>,
    mut path: Vec<String>,
) -> Vec<String> {
    for _ in 0..8 {
        let Some(module) = longest_module(modules, &path) else {
            break;
        };
        let Some(name) = path.get(module.len()) else {
            break;
        };
        let Some(target) = reexports.get(&(module.clone(), name.clone())) else {
            break;
        };
        let mut next = target.clone();
        next.extend(path[module.len() + 1..].iter().cloned());
        path = next;
    }
    path
}

fn longest_module(modules: &BTreeSet<Module>, path: &[String]) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|candidate| modules.contains(candidate))
}

struct Reader<'a> {
    /// The module the code being read is in (a file's, then its inline modules').
    scope: Module,
    /// Absolute paths (from the crate root) and how they were written.
    found: Vec<(Vec<String>, String)>,
    macros: &'a BTreeMap<String, Module>,
    /// The file's imported names and the paths they stand for
    /// (`use crate as root;`, `use super::sharing;`).
    aliases: BTreeMap<String, Vec<String>>,
}

impl Reader<'_> {
    /// `crate::a::b`, `super::b`, `self::b` and `mailroom::a` (from main.rs) made
    /// absolute; any other first segment is a local name, a dependency or a
    /// child module declared here (a parent and its child are one unit).
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let first = segments.first()?;
        let mut base = match first.as_str() {
            "crate" | "mailroom" | "$crate" => Vec::new(),
            "self" => self.scope.clone(),
            "super" => {
                let mut base = self.scope.clone();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                return Some(base);
            }
            name => self.aliases.get(name)?.clone(),
        };
        base.extend(segments[1..].iter().cloned());
        Some(base)
    }

    fn note(&mut self, segments: Vec<String>) {
        if let Some(path) = self.absolute(&segments) {
            self.found.push((path, segments.join("::")));
        }
    }

    /// A `use` tree's names and the paths they stand for (globs left out).
    fn use_tree_named(
        &self,
        prefix: &mut Vec<String>,
        tree: &syn::UseTree,
        names: &mut Vec<(String, Vec<String>)>,
    ) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree_named(prefix, &p.tree, names);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut path = prefix.clone();
                path.push(n.ident.to_string());
                names.push((n.ident.to_string(), path));
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                path.push(r.ident.to_string());
                names.push((r.rename.to_string(), path));
            }
            syn::UseTree::Glob(_) => {}
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree_named(prefix, item, names);
                }
            }
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut path = prefix.clone();
                if n.ident != "self" {
                    path.push(n.ident.to_string());
                }
                self.note(path);
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                if r.ident != "self" {
                    path.push(r.ident.to_string());
                }
                self.note(path);
            }
            syn::UseTree::Glob(_) => self.note(prefix.clone()),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }

    /// Paths (`a::b::c`) and macro calls (`name!`) in tokens no parser reads:
    /// macro bodies and attribute arguments.
    fn tokens(&mut self, stream: TokenStream) {
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Ident(ident) => {
                    let (segments, end) = path_in(&tokens, i + 1, ident.to_string());
                    self.path_or_macro(segments, tokens.get(end));
                    i = end;
                    continue;
                }
                TokenTree::Punct(dollar) if dollar.as_char() == '$' => {
                    // `$crate::x` inside a macro_rules body: the defining crate's root.
                    if let Some(TokenTree::Ident(next)) = tokens.get(i + 1)
                        && next == "crate"
                    {
                        let (segments, end) = path_in(&tokens, i + 2, "$crate".to_owned());
                        self.path_or_macro(segments, tokens.get(end));
                        i = end;
                        continue;
                    }
                }
                TokenTree::Punct(_) | TokenTree::Literal(_) => {}
            }
            i += 1;
        }
    }

    /// A path seen in tokens, or a macro call when `!` follows it (`t!`,
    /// `crate::t!`, `$crate::t!`: a macro of ours by its name).
    fn path_or_macro(&mut self, segments: Vec<String>, next: Option<&TokenTree>) {
        if let Some(TokenTree::Punct(bang)) = next
            && bang.as_char() == '!'
            && (segments.len() == 1
                || ["crate", "mailroom", "$crate"].contains(&segments[0].as_str()))
            && let Some(name) = segments.last()
        {
            self.macro_named(&name.clone());
        }
        self.note(segments);
    }

    fn macro_named(&mut self, name: &str) {
        if let Some(module) = self.macros.get(name) {
            let mut path = module.clone();
            path.push(format!("{name}!"));
            self.found.push((path, format!("{name}!")));
        }
    }
}

impl<'ast> Visit<'ast> for Reader<'_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if item.content.is_some() {
            self.scope.push(item.ident.to_string());
            syn::visit::visit_item_mod(self, item);
            self.scope.pop();
        } else {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut prefix = Vec::new();
        self.use_tree(&mut prefix, &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.note(segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // `t!`, `crate::t!`, `$crate::t!`: a macro of ours by its name.
        let first = mac.path.segments.first().map(|s| s.ident.to_string());
        if let Some(last) = mac.path.segments.last()
            && (mac.path.segments.len() == 1
                || first
                    .as_deref()
                    .is_some_and(|f| ["crate", "mailroom"].contains(&f)))
        {
            self.macro_named(&last.ident.to_string());
        }
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }

    fn visit_meta_list(&mut self, list: &'ast syn::MetaList) {
        self.tokens(list.tokens.clone());
        syn::visit::visit_meta_list(self, list);
    }
}

/// The path `first::b::c` whose `::b` starts at `tokens[start]`, and the
/// index just past it.
fn path_in(tokens: &[TokenTree], start: usize, first: String) -> (Vec<String>, usize) {
    let mut segments = vec![first];
    let mut j = start;
    while let (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(next))) =
        (tokens.get(j), tokens.get(j + 1), tokens.get(j + 2))
        && a.as_char() == ':'
        && b.as_char() == ':'
    {
        segments.push(next.to_string());
        j += 3;
    }
    (segments, j)
}

/// A module's place in a folder: references between two modules are seen as
/// one between their two ancestors that are siblings (a folder is one unit to
/// whatever is outside it); a parent and its child are one unit.
pub fn sibling_edge(edge: &Edge) -> Option<(Module, String, String)> {
    let shared = edge
        .from
        .iter()
        .zip(&edge.to)
        .take_while(|(a, b)| a == b)
        .count();
    let (Some(from), Some(to)) = (edge.from.get(shared), edge.to.get(shared)) else {
        return None;
    };
    Some((edge.from[..shared].to_vec(), from.clone(), to.clone()))
}

/// Every import cycle among the siblings of each folder, each shown with the
/// file and path that makes each step.
pub fn cycles(edges: &[Edge]) -> Vec<String> {
    let mut graph: BTreeMap<Module, BTreeMap<String, BTreeMap<String, &Edge>>> = BTreeMap::new();
    for edge in edges {
        if let Some((folder, from, to)) = sibling_edge(edge) {
            graph
                .entry(folder)
                .or_default()
                .entry(from)
                .or_default()
                .entry(to)
                .or_insert(edge);
        }
    }
    let mut found = Vec::new();
    for (folder, siblings) in &graph {
        let mut reported = BTreeSet::new();
        for start in siblings.keys() {
            let mut path = Vec::new();
            if reaches(siblings, start, start, &mut BTreeSet::new(), &mut path) {
                let mut members: Vec<String> = path.iter().map(|(name, _)| name.clone()).collect();
                members.sort();
                if !reported.insert(members) {
                    continue;
                }
                let steps: Vec<String> = path
                    .iter()
                    .map(|(name, e)| format!("{name} ({}: {})", e.file, e.path))
                    .collect();
                let name = if folder.is_empty() {
                    "src".to_owned()
                } else {
                    folder.join("/")
                };
                found.push(format!(
                    "a cycle in {name}: {} → {}",
                    start,
                    steps.join(" → ")
                ));
            }
        }
    }
    found
}

fn reaches<'e>(
    siblings: &BTreeMap<String, BTreeMap<String, &'e Edge>>,
    from: &str,
    goal: &str,
    seen: &mut BTreeSet<String>,
    path: &mut Vec<(String, &'e Edge)>,
) -> bool {
    for (next, edge) in siblings.get(from).into_iter().flatten() {
        path.push((next.clone(), edge));
        if next == goal {
            return true;
        }
        if seen.insert(next.clone()) && reaches(siblings, next, goal, seen, path) {
            return true;
        }
        path.pop();
    }
    false
}

/// References from one top-level unit to another that the table does not allow.
pub fn forbidden(edges: &[Edge], allowed: &[(&str, &[&str])]) -> Vec<String> {
    let mut found = BTreeSet::new();
    for edge in edges {
        // A name at the crate root (`crate::App`) stands for where it is defined.
        let named = if edge.named.is_empty() {
            &edge.to
        } else {
            &edge.named
        };
        let (Some(from), Some(to)) = (edge.from.first(), named.first()) else {
            continue;
        };
        if from == to {
            continue;
        }
        let Some((_, may)) = allowed.iter().find(|(unit, _)| unit == from) else {
            found.insert(format!("{from} is not in the table"));
            continue;
        };
        let target = edge.target.join("::");
        let allows = |entry: &&str| {
            *entry == to.as_str() || target == *entry || target.starts_with(&format!("{entry}::"))
        };
        if !may.iter().any(allows) {
            found.insert(format!(
                "{from} → {} ({}: {})",
                named.join("::"),
                edge.file,
                edge.path
            ));
        }
    }
    found.into_iter().collect()
}

/// Entries of the table no reference needs: a permission nobody uses is a
/// door left open for the next change.
pub fn unused(edges: &[Edge], allowed: &[(&str, &[&str])]) -> Vec<String> {
    let mut found = Vec::new();
    for (unit, may) in allowed {
        for entry in *may {
            let used = edges.iter().any(|edge| {
                let target = edge.target.join("::");
                edge.from.first().is_some_and(|f| f == unit)
                    && (edge.named.first().is_some_and(|n| n == entry)
                        || edge.to.first().is_some_and(|n| n == entry)
                        || target == *entry
                        || target.starts_with(&format!("{entry}::")))
            });
            if !used {
                found.push(format!("{unit} → {entry}"));
            }
        }
    }
    found
}
