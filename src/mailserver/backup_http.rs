//! `GET /internal/backup` on the internal listener: a backup of one
//! snapshot, streamed as it is written, for `mailroom backup` while the
//! server runs. Guarded by a secret of its own (`backup.secret`).

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper::body::{Bytes, Frame};
use tokio::sync::mpsc;

use super::internal::{Internal, authorised};

type Chunk = Result<Bytes, std::io::Error>;

pub(super) async fn backup(State(state): State<Internal>, headers: HeaderMap) -> Response {
    if !authorised(&state, &headers) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let (tx, rx) = mpsc::channel::<Chunk>(4);
    // The copy and the checksum are blocking work; the chunks cross over
    // a small channel, so memory stays a few MB whatever the file's size.
    tokio::task::spawn_blocking(move || {
        let mut out = ChannelWriter {
            tx,
            buffer: Vec::with_capacity(CHUNK),
        };
        if let Err(error) = state.directory.backup(&mut out) {
            tracing::error!(%error, "a backup failed");
            let _ = out
                .tx
                .blocking_send(Err(std::io::Error::other(error.to_string())));
        }
    });
    (
        [(header::CONTENT_TYPE, "application/octet-stream")],
        axum::body::Body::new(ChannelBody(rx)),
    )
        .into_response()
}

const CHUNK: usize = 1 << 20;

struct ChannelWriter {
    tx: mpsc::Sender<Chunk>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::other("the backup's reader went away"))
    }
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.send()
    }
}

struct ChannelBody(mpsc::Receiver<Chunk>);

impl hyper::body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|chunk| chunk.map(|chunk| chunk.map(Frame::data)))
    }
}
