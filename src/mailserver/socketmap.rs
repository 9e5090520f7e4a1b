//! Postfix's socketmap protocol: `NAME KEY` in, `OK value` / `NOTFOUND ` /
//! `TEMP reason` / `PERM reason` out, netstring-framed, many requests per
//! connection. A bad request never takes the listener down.

use std::path::PathBuf;
use std::str::FromStr;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::{TcpListener, UnixListener};

use super::Directory;
use super::lookup::{Answer, Map};
use super::netstring::{self, NetstringError};

/// Requests are `NAME KEY`; anything longer than this is not one.
pub const REQUEST_LIMIT: usize = 4096;

/// What one client may hold: a slow or endless client cannot keep a task,
/// a connection or the store forever.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A connection quiet this long (no complete request) is closed.
    pub idle: std::time::Duration,
    /// Connections served at once; more are closed at once (Postfix retries).
    pub max_connections: usize,
    /// Requests on one connection, then it is closed (Postfix reconnects).
    pub max_requests: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            idle: std::time::Duration::from_secs(60),
            max_connections: 512,
            max_requests: 100_000,
        }
    }
}

/// Where the socketmap listens: `127.0.0.1:10026`, or a unix socket path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listen {
    Tcp(std::net::SocketAddr),
    Unix(PathBuf),
}

impl FromStr for Listen {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        if let Some(path) = value.strip_prefix("unix:") {
            return Ok(Listen::Unix(PathBuf::from(path)));
        }
        if value.starts_with('/') {
            return Ok(Listen::Unix(PathBuf::from(value)));
        }
        value
            .parse()
            .map(Listen::Tcp)
            .map_err(|_| format!("expected HOST:PORT or a unix socket path, not {value:?}"))
    }
}

impl std::fmt::Display for Listen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Listen::Tcp(addr) => write!(f, "inet:{addr}"),
            Listen::Unix(path) => write!(f, "unix:{}", path.display()),
        }
    }
}

/// The lookup counters, registered once: building a labelled counter per
/// lookup (key, labels, registry) cost 7% of the lookup rate.
fn lookup_counter(map: Map, answer: usize) -> &'static metrics::Counter {
    const MAPS: [Map; 5] = [
        Map::Domain,
        Map::Mailbox,
        Map::Alias,
        Map::Sender,
        Map::RecipientAccess,
    ];
    const ANSWERS: [&str; 3] = ["found", "notfound", "error"];
    static COUNTERS: std::sync::OnceLock<Vec<metrics::Counter>> = std::sync::OnceLock::new();
    let counters = COUNTERS.get_or_init(|| {
        MAPS.iter()
            .flat_map(|map| {
                ANSWERS.iter().map(|answer| {
                    metrics::counter!("mailroom_socketmap_lookups_total", "map" => map.name(), "answer" => *answer)
                })
            })
            .collect()
    });
    let index = MAPS.iter().position(|m| *m == map).unwrap_or(0) * ANSWERS.len() + answer;
    &counters[index.min(counters.len() - 1)]
}

/// The reply to one request.
pub fn answer(directory: &Directory, request: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(request) else {
        return "PERM request is not UTF-8".to_owned();
    };
    let Some((name, key)) = text.split_once(' ') else {
        return "PERM expected NAME KEY".to_owned();
    };
    let Some(map) = Map::parse(name) else {
        return format!("PERM unknown map {name}");
    };
    let key = key.trim().to_lowercase();
    let found = directory.lookup(map, &key);
    let answer = match &found {
        Ok(Answer::Found(_)) => 0,
        Ok(Answer::NotFound) => 1,
        Err(_) => 2,
    };
    lookup_counter(map, answer).increment(1);
    match found {
        Ok(Answer::Found(value)) => format!("OK {value}"),
        Ok(Answer::NotFound) => "NOTFOUND ".to_owned(),
        Err(error) => {
            tracing::warn!(%error, "socketmap lookup failed");
            "TEMP the address database is unavailable".to_owned()
        }
    }
}

/// Serves one connection until the client closes it or misbehaves.
pub async fn connection<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    directory: Directory,
    limits: Limits,
) {
    let (read, write) = tokio::io::split(stream);
    let mut reader = BufReader::new(read);
    let mut writer = BufWriter::new(write);
    for _ in 0..limits.max_requests {
        let read = tokio::time::timeout(limits.idle, netstring::read(&mut reader, REQUEST_LIMIT));
        let Ok(read) = read.await else {
            break;
        };
        let reply = match read {
            // Inline: the socketmap runs on a runtime of its own (server/mod.rs).
            Ok(request) => answer(&directory, &request),
            Err(NetstringError::Closed) => break,
            Err(NetstringError::TooLong(_)) => {
                let _ = netstring::write(&mut writer, "PERM request too long").await;
                let _ = writer.flush().await;
                break;
            }
            Err(error) => {
                let _ = netstring::write(&mut writer, &format!("PERM {error}")).await;
                let _ = writer.flush().await;
                break;
            }
        };
        if netstring::write(&mut writer, &reply).await.is_err() {
            break;
        }
        // Pipelined requests are answered in one write.
        if reader.buffer().is_empty() && writer.flush().await.is_err() {
            break;
        }
    }
}

/// Accepts connections until the task is dropped. `ready` learns whether
/// the listener could bind.
pub async fn serve(
    listen: Listen,
    directory: Directory,
    limits: Limits,
    ready: tokio::sync::oneshot::Sender<std::io::Result<()>>,
) -> std::io::Result<()> {
    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    // Serves a connection while a slot is free; closes it at once otherwise.
    let admit = |slots: &std::sync::Arc<tokio::sync::Semaphore>| {
        let permit = std::sync::Arc::clone(slots).try_acquire_owned().ok();
        if permit.is_none() {
            tracing::warn!(
                "socketmap connection refused: {} already open",
                limits.max_connections
            );
        }
        permit
    };
    match listen {
        Listen::Tcp(addr) => {
            let listener = match TcpListener::bind(addr).await {
                Ok(listener) => {
                    let _ = ready.send(Ok(()));
                    listener
                }
                Err(error) => {
                    let kind = error.kind();
                    let _ = ready.send(Err(error));
                    return Err(kind.into());
                }
            };
            tracing::info!("socketmap for Postfix on inet:{}", listener.local_addr()?);
            loop {
                match listener.accept().await {
                    Ok((stream, _)) => {
                        let Some(permit) = admit(&slots) else {
                            continue;
                        };
                        let _ = stream.set_nodelay(true);
                        let (directory, limits) = (directory.clone(), limits.clone());
                        tokio::spawn(async move {
                            connection(stream, directory, limits).await;
                            drop(permit);
                        });
                    }
                    Err(error) => tracing::warn!(%error, "socketmap accept failed"),
                }
            }
        }
        Listen::Unix(path) => {
            // A socket left by a previous run would make bind fail.
            if path.exists()
                && let Err(error) = std::fs::remove_file(&path)
            {
                let kind = error.kind();
                let _ = ready.send(Err(error));
                return Err(kind.into());
            }
            let listener = match UnixListener::bind(&path) {
                Ok(listener) => {
                    let _ = ready.send(Ok(()));
                    listener
                }
                Err(error) => {
                    let kind = error.kind();
                    let _ = ready.send(Err(error));
                    return Err(kind.into());
                }
            };
            tracing::info!("socketmap for Postfix on unix:{}", path.display());
            loop {
                match listener.accept().await {
                    Ok((stream, _)) => {
                        let Some(permit) = admit(&slots) else {
                            continue;
                        };
                        let (directory, limits) = (directory.clone(), limits.clone());
                        tokio::spawn(async move {
                            connection(stream, directory, limits).await;
                            drop(permit);
                        });
                    }
                    Err(error) => tracing::warn!(%error, "socketmap accept failed"),
                }
            }
        }
    }
}
