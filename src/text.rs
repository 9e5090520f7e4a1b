//! The text of an uploaded file, whatever its encoding: UTF-8 with or
//! without a byte-order mark, else Windows-1252 (what spreadsheet programs
//! on Windows export). Read as a stream: a file of a million rows is never
//! held in memory whole. Uploads (`bulk`) and the store's migration of
//! files kept before they were stored as text both read them here.

use std::io::{Read, Seek, SeekFrom};

/// Why a file's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the file could not be read: {0}")]
    Unreadable(String),
}

const BLOCK: usize = 64 * 1024;
const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// Reads the file once: refuses it over `max_bytes`, and tells whether
    /// all of it is UTF-8. Leaves `src` at its start.
    pub fn detect(src: &mut (impl Read + Seek), max_bytes: usize) -> Result<Self, TextError> {
        let io = |e: std::io::Error| TextError::Unreadable(e.to_string());
        src.seek(SeekFrom::Start(0)).map_err(io)?;
        let mut block = vec![0u8; BLOCK + 4];
        // Bytes of a character cut by the block's end, carried over.
        let mut carried = 0;
        let mut total = 0usize;
        let mut utf8 = true;
        loop {
            let n = read_some(src, &mut block[carried..])?;
            total += n;
            if total > max_bytes {
                return Err(TextError::TooLarge { limit: max_bytes });
            }
            let filled = carried + n;
            if n == 0 {
                utf8 &= carried == 0;
                break;
            }
            if utf8 {
                carried = match std::str::from_utf8(&block[..filled]) {
                    Ok(_) => 0,
                    Err(e) if e.error_len().is_none() => {
                        let valid = e.valid_up_to();
                        block.copy_within(valid..filled, 0);
                        filled - valid
                    }
                    Err(_) => {
                        utf8 = false;
                        0
                    }
                };
            }
        }
        src.seek(SeekFrom::Start(0)).map_err(io)?;
        Ok(if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Windows1252
        })
    }
}

fn read_some(src: &mut impl Read, into: &mut [u8]) -> Result<usize, TextError> {
    loop {
        match src.read(into) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(TextError::Unreadable(e.to_string())),
        }
    }
}

/// The file's text as UTF-8, without the byte-order mark.
pub struct Utf8Text<R> {
    src: R,
    decoder: Option<encoding_rs::Decoder>,
    raw: Vec<u8>,
    raw_start: usize,
    raw_end: usize,
    at_start: bool,
    done: bool,
    /// The decoder was told the end: it may not be called again.
    flushed: bool,
    /// Decoded text not yet read.
    decoded: Vec<u8>,
    decoded_start: usize,
}

impl<R: Read> Utf8Text<R> {
    pub fn new(src: R, encoding: Encoding) -> Self {
        Self {
            src,
            decoder: (encoding == Encoding::Windows1252)
                .then(|| encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling()),
            raw: vec![0; BLOCK],
            raw_start: 0,
            raw_end: 0,
            at_start: true,
            done: false,
            flushed: false,
            decoded: Vec::new(),
            decoded_start: 0,
        }
    }

    fn refill(&mut self) -> std::io::Result<()> {
        if self.raw_start < self.raw_end || self.done {
            return Ok(());
        }
        let n = loop {
            match self.src.read(&mut self.raw) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        (self.raw_start, self.raw_end, self.done) = (0, n, n == 0);
        if self.at_start && n > 0 {
            self.at_start = false;
            // A BOM cut by a tiny first read is rare enough to keep.
            if self.raw[..n].starts_with(BOM) {
                self.raw_start = BOM.len();
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf8Text<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            self.refill()?;
            let input = &self.raw[self.raw_start..self.raw_end];
            match &mut self.decoder {
                None => {
                    let n = input.len().min(out.len());
                    out[..n].copy_from_slice(&input[..n]);
                    self.raw_start += n;
                    return Ok(n);
                }
                Some(decoder) => {
                    if self.decoded_start < self.decoded.len() {
                        let ready = &self.decoded[self.decoded_start..];
                        let n = ready.len().min(out.len());
                        out[..n].copy_from_slice(&ready[..n]);
                        self.decoded_start += n;
                        return Ok(n);
                    }
                    if self.flushed {
                        return Ok(0);
                    }
                    // A Windows-1252 byte is at most three UTF-8 bytes.
                    self.decoded.resize(input.len() * 3 + 3, 0);
                    let (_, read, written, _) =
                        decoder.decode_to_utf8(input, &mut self.decoded, self.done);
                    self.decoded.truncate(written);
                    self.decoded_start = 0;
                    self.raw_start += read;
                    self.flushed = self.done && self.raw_start == self.raw_end;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn text(bytes: &[u8]) -> (Encoding, String) {
        let mut src = Cursor::new(bytes.to_vec());
        let encoding = Encoding::detect(&mut src, usize::MAX).unwrap();
        let mut out = Vec::new();
        let mut text = Utf8Text::new(src, encoding);
        // Reads of one byte: a character is never cut by a small buffer.
        let mut byte = [0u8; 1];
        while text.read(&mut byte).unwrap() == 1 {
            out.push(byte[0]);
        }
        (encoding, String::from_utf8(out).unwrap())
    }

    #[test]
    fn utf8_without_its_bom_and_windows_1252_decoded() {
        assert_eq!(
            text(b"\xEF\xBB\xBFaddress\nz\xC3\xAB\n"),
            (Encoding::Utf8, "address\nzë\n".into())
        );
        assert_eq!(
            text(b"address\nz\xEB\n"),
            (Encoding::Windows1252, "address\nzë\n".into())
        );
    }

    #[test]
    fn a_character_cut_by_a_block_end_is_still_utf8() {
        let mut bytes = vec![b'a'; BLOCK - 1];
        bytes.extend_from_slice("é…".as_bytes());
        let (encoding, decoded) = text(&bytes);
        assert_eq!(encoding, Encoding::Utf8);
        assert!(decoded.ends_with("é…"));
        let mut cut = vec![b'a'; 10];
        cut.push(0xC3);
        assert_eq!(text(&cut).0, Encoding::Windows1252, "a truncated character");
    }

    #[test]
    fn over_the_byte_limit_is_refused() {
        let mut src = Cursor::new(vec![b'a'; 101]);
        assert_eq!(
            Encoding::detect(&mut src, 100),
            Err(TextError::TooLarge { limit: 100 })
        );
    }
}
