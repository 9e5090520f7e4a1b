//! A client of Dovecot's doveadm HTTP API, for what only the mail server
//! can do: end open sessions (`kick`) and empty a mailbox (`expunge`).
//! Request: `POST /doveadm/v1` with `[[command, params, tag]]`; errors come
//! back as `["error", {"exitCode": N}, tag]` with HTTP 200.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

/// Exit code for "no such user or session": nothing to do.
const NOTHING_THERE: i64 = 68;
const TIMEOUT: Duration = Duration::from_secs(10);

/// Where the API listens and its key (`doveadm_api_key`).
#[derive(Debug, Clone)]
pub struct DoveadmSettings {
    /// e.g. `http://127.0.0.1:8080`
    pub url: String,
    pub key: String,
}

pub struct Doveadm {
    settings: DoveadmSettings,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Doveadm {
    pub fn new(settings: DoveadmSettings) -> Self {
        Self {
            settings,
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// Runs one command; `Ok(None)` when Dovecot says there was nothing to
    /// act on (exit code 68: no such user or session).
    async fn call(&self, command: &str, params: Value) -> Result<Option<Value>, String> {
        self.call_many(&[(command, params)])
            .await?
            .pop()
            .ok_or_else(|| format!("doveadm gave no reply to {command}"))?
    }

    /// Runs several commands in one request; each reply as `call` reads it,
    /// in the commands' order.
    async fn call_many(
        &self,
        commands: &[(&str, Value)],
    ) -> Result<Vec<Result<Option<Value>, String>>, String> {
        let body: Vec<Value> = commands
            .iter()
            .enumerate()
            .map(|(n, (command, params))| json!([command, params, n.to_string()]))
            .collect();
        let body = Value::Array(body).to_string();
        let url = format!("{}/doveadm/v1", self.settings.url.trim_end_matches('/'));
        let request = hyper::Request::post(&url)
            .header(
                "authorization",
                format!("X-Dovecot-API {}", STANDARD.encode(&self.settings.key)),
            )
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| format!("doveadm request: {e}"))?;
        let response = tokio::time::timeout(TIMEOUT, self.client.request(request))
            .await
            .map_err(|_| format!("doveadm at {url} did not answer in time"))?
            .map_err(|e| format!("doveadm at {url} is unreachable: {e}"))?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("doveadm answer: {e}"))?
            .to_bytes();
        if !status.is_success() {
            return Err(format!(
                "doveadm answered {status}: {}",
                String::from_utf8_lossy(&bytes)
            ));
        }
        let answer: Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("doveadm answer: {e}"))?;
        let replies = answer.as_array().cloned().unwrap_or_default();
        Ok(commands
            .iter()
            .enumerate()
            .map(|(n, (command, _))| {
                let tag = n.to_string();
                let reply = replies
                    .iter()
                    .find(|r| r.get(2).and_then(Value::as_str) == Some(tag.as_str()))
                    .ok_or_else(|| format!("doveadm answer without a reply to {command}"))?;
                match reply.get(0).and_then(Value::as_str) {
                    Some("error") => {
                        let code = reply
                            .get(1)
                            .and_then(|e| e.get("exitCode"))
                            .and_then(Value::as_i64);
                        if code == Some(NOTHING_THERE) {
                            Ok(None)
                        } else {
                            Err(format!("doveadm {command} failed: {reply}"))
                        }
                    }
                    _ => Ok(reply.get(1).cloned()),
                }
            })
            .collect())
    }

    /// Ends every open session of these session names at once.
    pub async fn kick(&self, logins: &[String]) -> Result<(), String> {
        for login in logins {
            self.call("kick", json!({ "mask": [login] })).await?;
        }
        Ok(())
    }

    /// Removes every message of every folder of a mailbox. A user the mail
    /// server does not know is an error here: the mail would stay.
    pub async fn expunge_all(&self, user: &str) -> Result<(), String> {
        let params = json!({ "user": user, "query": ["mailbox", "*", "all"] });
        match self.call("expunge", params).await? {
            Some(_) => Ok(()),
            None => Err(format!("the mail server does not know {user}")),
        }
    }

    /// Installs (or replaces) the user's Sieve script `name` without
    /// making it the active one: Dovecot runs it by `sieve_before`, ahead
    /// of a script of the user's own. (doveadm takes any `activate` key,
    /// even `false`, as "activate": it is left out.) A script the server
    /// does not compile is refused and the old one stays.
    pub async fn sieve_put(&self, user: &str, name: &str, script: &str) -> Result<(), String> {
        let params = json!({ "user": user, "scriptname": name, "file": script });
        match self.call("sievePut", params).await? {
            Some(_) => Ok(()),
            None => Err(format!("the mail server does not know {user}")),
        }
    }

    /// Removes the user's Sieve script `name`; none there is no error.
    pub async fn sieve_delete(&self, user: &str, name: &str) -> Result<(), String> {
        self.call("sieveDelete", json!({ "user": user, "scriptname": [name] }))
            .await
            .map(|_| ())
    }

    /// What each mailbox uses of its storage quota (kibibytes), as
    /// Dovecot's quota plugin counts it, asked in one request; `None` for a
    /// user the mail server does not know.
    pub async fn quotas(
        &self,
        users: &[String],
    ) -> Result<Vec<Option<crate::model::Usage>>, String> {
        let commands: Vec<(&str, Value)> = users
            .iter()
            .map(|user| ("quotaGet", json!({ "user": user })))
            .collect();
        let number = |v: Option<&Value>| -> Option<u64> {
            v.and_then(|v| {
                v.as_str()
                    .and_then(|s| s.parse().ok())
                    .or_else(|| v.as_u64())
            })
        };
        let mut found = Vec::new();
        for reply in self.call_many(&commands).await? {
            let storage = reply?.and_then(|rows| {
                rows.as_array()?
                    .iter()
                    .find(|r| r.get("type").and_then(Value::as_str) == Some("STORAGE"))
                    .cloned()
            });
            found.push(storage.map(|row| crate::model::Usage {
                used_kib: number(row.get("value")).unwrap_or(0),
                limit_kib: number(row.get("limit")).filter(|l| *l > 0),
            }));
        }
        Ok(found)
    }
}
