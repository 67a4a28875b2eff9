//! The crate's shape, checked from its source: the modules depend on each other without a
//! circle, and only `main` (and `lambda` itself) name the Lambda face, so the AWS crates stay
//! behind the `lambda` feature.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Top-level module → the top-level modules it names (`crate::x`, or `hbdta_bot::x` in main).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap();
        let module = first
            .as_os_str()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        if module == "lib" {
            continue;
        }
        // Code only: a doc link to another module is no dependency.
        let text: String = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let names = graph.entry(module.clone()).or_default();
        for prefix in ["crate::", "hbdta_bot::"] {
            for (at, _) in text.match_indices(prefix) {
                let rest = &text[at + prefix.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                // `use hbdta_bot::{a, b}` and `crate::{a, b}` name several.
                if name.is_empty() && rest.starts_with('{') {
                    let group = &rest[1..rest.find('}').unwrap()];
                    for part in group.split(',') {
                        let part = part.trim().split("::").next().unwrap().trim();
                        if !part.is_empty() && part != module && part != "self" {
                            names.insert(part.to_owned());
                        }
                    }
                } else if !name.is_empty() && name != module {
                    names.insert(name);
                }
            }
        }
    }
    graph
}

fn find_circle(
    graph: &BTreeMap<String, BTreeSet<String>>,
    node: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(start) = path.iter().position(|n| n == node) {
        let mut circle = path[start..].to_vec();
        circle.push(node.to_owned());
        return Some(circle);
    }
    if done.contains(node) {
        return None;
    }
    path.push(node.to_owned());
    for next in graph.get(node).into_iter().flatten() {
        if let Some(circle) = find_circle(graph, next, path, done) {
            return Some(circle);
        }
    }
    path.pop();
    done.insert(node.to_owned());
    None
}

#[test]
fn the_modules_form_no_circle() {
    let graph = graph();
    assert!(
        graph.contains_key("app") && graph.contains_key("platform"),
        "{graph:?}"
    );
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let circle = find_circle(&graph, node, &mut Vec::new(), &mut done);
        assert!(
            circle.is_none(),
            "a module circle: {}",
            circle.unwrap().join(" → ")
        );
    }
}

#[test]
fn only_main_names_the_lambda_face() {
    let naming: Vec<String> = graph()
        .into_iter()
        .filter(|(module, names)| names.contains("lambda") && module.as_str() != "lambda")
        .map(|(module, _)| module)
        .collect();
    assert_eq!(naming, ["main"]);
}

#[test]
fn the_conversation_knows_no_platform() {
    let graph = graph();
    let conversation = &graph["conversation"];
    for platform_side in [
        "platform", "dispatch", "answer", "workers", "server", "dev", "app",
    ] {
        assert!(
            !conversation.contains(platform_side),
            "conversation names {platform_side}: {conversation:?}"
        );
    }
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/conversation");
    let mut files = Vec::new();
    sources(&src, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("messenger_sdk"),
            "{} uses messenger_sdk",
            file.display()
        );
    }
}
