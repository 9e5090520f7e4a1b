//! The vendored front-end files, embedded in the binary and served under a
//! content-hashed URL so browsers may cache them for a year.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

/// htmx 2.0.11 and Pico CSS 2.1.1 from npm, and our own `app.css` and
/// `app.js`; `assets/README.md` says where each came from.
#[derive(RustEmbed)]
#[folder = "assets/"]
#[exclude = "*.md"]
struct Assets;

fn hashes() -> &'static HashMap<String, String> {
    static HASHES: OnceLock<HashMap<String, String>> = OnceLock::new();
    HASHES.get_or_init(|| {
        Assets::iter()
            .filter_map(|name| {
                let file = Assets::get(&name)?;
                let short =
                    file.metadata.sha256_hash()[..5]
                        .iter()
                        .fold(String::new(), |mut hex, b| {
                            let _ = write!(hex, "{b:02x}");
                            hex
                        });
                Some((name.into_owned(), short))
            })
            .collect()
    })
}

/// The URL of an embedded file, changing whenever its content does.
pub fn url(name: &str) -> String {
    match hashes().get(name) {
        Some(hash) => format!("/assets/{hash}/{name}"),
        None => format!("/assets/missing/{name}"),
    }
}

async fn serve(hash: String, name: String) -> Response {
    let Some(file) = Assets::get(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // An old hash (a page cached across an upgrade) still gets the file, but
    // must not pin it for a year.
    let cache = if hashes().get(&name) == Some(&hash) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [
            (header::CONTENT_TYPE, file.metadata.mimetype().to_owned()),
            (header::CACHE_CONTROL, cache.to_owned()),
        ],
        file.data,
    )
        .into_response()
}

pub async fn handler(Path((hash, name)): Path<(String, String)>) -> Response {
    serve(hash, name).await
}
