//! A file over the row limit is refused for the limit, whatever comes
//! after it in the file: the check reads no row past the first one over.

use std::io::{Read, Seek, SeekFrom};

use crate::app::{AppError, AppSettings, ImportLimits};
use crate::bulk::FileError;
use crate::model::Domain;

/// The file's bytes, read whole from the start once (its encoding is guessed), then
/// failing from `fails_at` on when read again (a disk error, say).
struct FailsLater {
    data: Vec<u8>,
    at: usize,
    passes: u32,
    fails_at: usize,
}

impl Read for FailsLater {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let end = if self.passes > 1 {
            self.fails_at
        } else {
            self.data.len()
        };
        if self.at >= end {
            if self.at < self.data.len() {
                return Err(std::io::Error::other("the disk failed"));
            }
            return Ok(0);
        }
        let n = out.len().min(end - self.at);
        out[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

impl Seek for FailsLater {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        if let SeekFrom::Start(at) = to {
            self.at = usize::try_from(at).unwrap_or(usize::MAX);
            self.passes += 1;
        }
        Ok(self.at as u64)
    }
}

#[test]
fn rows_past_the_limit_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let settings = AppSettings {
        imports: ImportLimits {
            max_bytes: 1 << 20,
            max_rows: 3,
        },
        ..AppSettings::default()
    };
    let (app, actor, org) = super::test_data::acme_with(&dir.path().join("m.redb"), settings);
    let domain = Domain::parse("acme.example").unwrap();
    app.services().add_service(&actor, org, &domain).unwrap();
    // Rows past the limit, more than the readers' buffers hold, then
    // the failure.
    let mut data = b"address\na\nb\nc\nd\n".to_vec();
    for _ in 0..600 {
        data.extend_from_slice(&[b'x'; 500]);
        data.push(b'\n');
    }
    let fails_at = 100_000;
    let mut file = FailsLater {
        data,
        at: 0,
        passes: 0,
        fails_at,
    };
    let refused = app.imports().preview(&actor, &domain, &mut file, 0);
    assert!(
        matches!(
            refused,
            Err(AppError::File(FileError::TooManyRows { limit: 3 }))
        ),
        "{refused:?}"
    );
}
