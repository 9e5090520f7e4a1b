//! The contract: every answer the API gave in these tests matches what the
//! OpenAPI document says of that operation and status (its JSON schema,
//! resolved against the document's components).

use axum::http::Method;
use serde_json::{Value, json};

use super::helpers::Seen;

pub struct Contract {
    doc: Value,
}

impl Contract {
    pub fn load() -> Self {
        let text = serde_json::to_string(&<mailroom::api::ApiDoc as utoipa::OpenApi>::openapi())
            .expect("document");
        Self {
            doc: serde_json::from_str(&text).expect("json"),
        }
    }

    /// The document's operation for a concrete path.
    fn operation(&self, method: &Method, path: &str) -> Option<&Value> {
        let wanted: Vec<&str> = path.split('/').collect();
        let paths = self.doc["paths"].as_object()?;
        for (template, item) in paths {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() == wanted.len()
                && parts
                    .iter()
                    .zip(&wanted)
                    .all(|(t, w)| t.starts_with('{') || t == w)
                && let Some(op) = item.get(method.as_str().to_lowercase())
            {
                return Some(op);
            }
        }
        None
    }

    /// What is wrong with one answer, if anything.
    pub fn check(&self, seen: &Seen) -> Result<(), String> {
        let what = format!("{} {} → {}", seen.method, seen.path, seen.status);
        let Some(op) = self.operation(&seen.method, &seen.path) else {
            // Only the gate answers paths the document does not have.
            return if [401, 404, 405].contains(&seen.status.as_u16()) {
                self.check_problem(seen, &what)
            } else {
                Err(format!("{what}: no such operation in the document"))
            };
        };
        let code = seen.status.as_u16().to_string();
        let range = format!("{}XX", code.chars().next().unwrap_or('0'));
        let responses = &op["responses"];
        let response = responses
            .get(&code)
            .or_else(|| responses.get(&range))
            .ok_or_else(|| format!("{what}: status not documented"))?;
        let Some(content) = response.get("content").and_then(Value::as_object) else {
            return if seen.body.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{what}: documented without a body, got {}",
                    seen.body
                ))
            };
        };
        let kind = seen.content_type.split(';').next().unwrap_or("").trim();
        let media = content
            .get(kind)
            .ok_or_else(|| format!("{what}: content type {kind} not documented"))?;
        if !kind.ends_with("json") {
            return Ok(());
        }
        self.validate(&media["schema"], &seen.body, &what)
    }

    fn check_problem(&self, seen: &Seen, what: &str) -> Result<(), String> {
        let schema = json!({ "$ref": "#/components/schemas/Problem" });
        self.validate(&schema, &seen.body, what)
    }

    fn validate(&self, schema: &Value, body: &str, what: &str) -> Result<(), String> {
        let mut root = schema.clone();
        if let Some(object) = root.as_object_mut() {
            object.insert("components".into(), self.doc["components"].clone());
        }
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&root)
            .map_err(|e| format!("{what}: schema does not compile: {e}"))?;
        let instance: Value =
            serde_json::from_str(body).map_err(|e| format!("{what}: not JSON ({e}): {body}"))?;
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("{what}: {}\n{body}", errors.join("; ")))
        }
    }
}

/// Checks everything seen so far; called at the end of each test.
pub fn assert_all(contract: &Contract, seen: &[Seen]) {
    let problems: Vec<String> = seen
        .iter()
        .filter_map(|s| contract.check(s).err())
        .collect();
    assert!(
        problems.is_empty(),
        "answers not in the OpenAPI document:\n{}",
        problems.join("\n")
    );
    assert!(!seen.is_empty());
}
