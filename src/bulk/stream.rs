//! Reading a CSV text row by row in bounded memory, from its start or from
//! where an earlier read stopped: an import's batches resume at a byte
//! offset instead of reading the file again from its first row.
//!
//! Built on `csv_core` rather than `csv::Reader` because we need to know
//! exactly which bytes each record took: people look rows up by their line
//! in the file, blank lines and line breaks inside quotes included.

use std::io::Read;

use super::file::{Column, FileError, Format, RawRow};

const READ_SIZE: usize = 64 * 1024;

pub use crate::model::TextPosition as Position;

/// How a file's rows are laid out, from its first line.
#[derive(Debug, Clone)]
pub struct Layout {
    pub delimiter: u8,
    pub format: Format,
    headers: Vec<String>,
    named: Vec<Option<Column>>,
}

const TEMPLATE: [Column; 4] = [
    Column::Address,
    Column::Password,
    Column::ForwardTo,
    Column::KeepCopy,
];

impl Layout {
    fn from_headers(delimiter: u8, fields: Vec<String>) -> Self {
        let headers: Vec<String> = fields.iter().map(|h| h.trim().to_owned()).collect();
        let named: Vec<Option<Column>> = headers.iter().map(|h| Column::named(h)).collect();
        // Named columns need an `address` column; anything else is the
        // template, whatever its header says (it may be in another language).
        let format = if named.contains(&Some(Column::Address)) {
            Format::Named
        } else {
            Format::Template
        };
        Self {
            delimiter,
            format,
            headers,
            named,
        }
    }

    fn row(&self, number: usize, values: Vec<String>) -> RawRow {
        let mut fields = std::collections::HashMap::new();
        let mut unknown = Vec::new();
        for (i, value) in values.into_iter().enumerate() {
            let column = match self.format {
                Format::Named => self.named.get(i).copied().flatten(),
                Format::Template => TEMPLATE.get(i).copied(),
            };
            match column {
                Some(column) => {
                    fields.insert(column, value);
                }
                // Trailing empty columns are noise; a value under no known
                // column is reported, never dropped silently.
                None if !value.trim().is_empty() => {
                    let name = self
                        .headers
                        .get(i)
                        .filter(|h| !h.is_empty())
                        .cloned()
                        .unwrap_or_else(|| format!("column {}", i + 1));
                    unknown.push((name, value));
                }
                None => {}
            }
        }
        RawRow {
            number,
            fields,
            unknown,
        }
    }
}

/// The rows of a UTF-8 CSV text.
pub struct Rows<R> {
    src: R,
    core: csv_core::Reader,
    layout: Layout,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    at: Position,
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl<R: Read> Rows<R> {
    /// Reads the header line of a text read from its start.
    pub fn open(src: R) -> Result<Self, FileError> {
        let mut rows = Self::new(src, b',', Position::START);
        if !rows.fill()? {
            return Err(FileError::Empty);
        }
        rows.layout.delimiter = rows.sniff_delimiter();
        rows.core = core(rows.layout.delimiter);
        let Some((_, headers)) = rows.next_record()? else {
            return Err(FileError::Empty);
        };
        rows.layout = Layout::from_headers(rows.layout.delimiter, headers);
        Ok(rows)
    }

    /// Goes on reading at `at`, a position an earlier `Rows` of the same
    /// text gave: `src` reads from that offset.
    pub fn resume(src: R, layout: Layout, at: Position) -> Self {
        let mut rows = Self::new(src, layout.delimiter, at);
        rows.layout = layout;
        rows
    }

    fn new(src: R, delimiter: u8, at: Position) -> Self {
        Self {
            src,
            core: core(delimiter),
            layout: Layout {
                delimiter,
                format: Format::Template,
                headers: Vec::new(),
                named: Vec::new(),
            },
            buf: vec![0; READ_SIZE],
            start: 0,
            end: 0,
            at,
            out: vec![0; 1024],
            ends: vec![0; 16],
        }
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Where the next row starts.
    pub fn position(&self) -> Position {
        self.at
    }

    /// The next row that is not blank.
    pub fn next_row(&mut self) -> Result<Option<RawRow>, FileError> {
        Ok(self
            .next_record()?
            .map(|(line, values)| self.layout.row(line as usize, values)))
    }

    /// The delimiter used most on the first line, outside quotes (the line
    /// as far as the first read holds it).
    fn sniff_delimiter(&self) -> u8 {
        let text = &self.buf[self.start..self.end];
        let first = text
            .split(|b| *b == b'\n')
            .find(|l| !l.iter().all(u8::is_ascii_whitespace))
            .unwrap_or(&[]);
        let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
        let mut quoted = false;
        for byte in first {
            if *byte == b'"' {
                quoted = !quoted;
            } else if !quoted {
                for (candidate, count) in counts.iter_mut() {
                    if byte == candidate {
                        *count += 1;
                    }
                }
            }
        }
        counts
            .iter()
            .max_by_key(|(_, n)| *n)
            .filter(|(_, n)| *n > 0)
            .map(|(d, _)| *d)
            .unwrap_or(b',')
    }

    /// Refills the buffer once it is used up; false at the end of the text.
    fn fill(&mut self) -> Result<bool, FileError> {
        if self.start < self.end {
            return Ok(true);
        }
        self.start = 0;
        self.end = loop {
            match self.src.read(&mut self.buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(FileError::Unreadable(e.to_string())),
            }
        };
        Ok(self.end > 0)
    }

    fn consume(&mut self, n: usize) {
        let taken = &self.buf[self.start..self.start + n];
        self.at.line += taken.iter().filter(|b| **b == b'\n').count() as u64;
        self.at.offset += n as u64;
        self.start += n;
    }

    /// The next record with a value, and its line.
    fn next_record(&mut self) -> Result<Option<(u64, Vec<String>)>, FileError> {
        loop {
            // Line breaks and blank lines between records are ours to skip,
            // so that a record's line is the line its first value is on.
            loop {
                if !self.fill()? {
                    return Ok(None);
                }
                match self.buf[self.start] {
                    b'\r' | b'\n' => self.consume(1),
                    _ => break,
                }
            }
            let line = self.at.line;
            self.core.reset();
            let (mut nout, mut nend) = (0, 0);
            let mut more = true;
            loop {
                let input = if more {
                    &self.buf[self.start..self.end]
                } else {
                    &[][..]
                };
                let (result, nin, o, e) =
                    self.core
                        .read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
                self.consume(nin);
                nout += o;
                nend += e;
                match result {
                    csv_core::ReadRecordResult::InputEmpty => more = self.fill()?,
                    csv_core::ReadRecordResult::OutputFull => {
                        let len = self.out.len() * 2;
                        self.out.resize(len, 0);
                    }
                    csv_core::ReadRecordResult::OutputEndsFull => {
                        let len = self.ends.len() * 2;
                        self.ends.resize(len, 0);
                    }
                    csv_core::ReadRecordResult::Record => break,
                    csv_core::ReadRecordResult::End => {
                        if nend == 0 {
                            return Ok(None);
                        }
                        break;
                    }
                }
            }
            let mut values = Vec::with_capacity(nend);
            let mut from = 0;
            for &to in &self.ends[..nend] {
                values.push(String::from_utf8_lossy(&self.out[from..to]).into_owned());
                from = to;
            }
            if !values.iter().all(|v| v.trim().is_empty()) {
                return Ok(Some((line, values)));
            }
        }
    }
}

fn core(delimiter: u8) -> csv_core::Reader {
    csv_core::ReaderBuilder::new().delimiter(delimiter).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(usize, String, Position)> {
        let mut rows = Rows::open(text.as_bytes()).unwrap();
        let mut found = Vec::new();
        let mut before = rows.position();
        while let Some(row) = rows.next_row().unwrap() {
            found.push((row.number, row.get(Column::Address).to_owned(), before));
            before = rows.position();
        }
        found
    }

    #[test]
    fn lines_count_blank_lines_crlf_and_breaks_inside_quotes() {
        let text = "address,display_name\r\na,A\r\n\r\n\"b\",\"two\nlines\"\n  \nc,C";
        let numbers: Vec<(usize, String)> = all(text).into_iter().map(|(n, a, _)| (n, a)).collect();
        assert_eq!(
            numbers,
            vec![(2, "a".into()), (4, "b".into()), (7, "c".into())]
        );
    }

    #[test]
    fn resuming_at_a_position_reads_the_same_rows_as_reading_on() {
        let mut text = String::from("address;password\n");
        for i in 0..5000 {
            text.push_str(&format!("user{i};\"pass;{i}\"\n"));
            if i % 7 == 0 {
                text.push('\n');
            }
        }
        let rows = all(&text);
        let layout = Rows::open(text.as_bytes()).unwrap().layout().clone();
        assert_eq!(layout.delimiter, b';');
        for (number, address, at) in rows.iter().step_by(997) {
            let rest = &text.as_bytes()[at.offset as usize..];
            let mut resumed = Rows::resume(rest, layout.clone(), *at);
            let row = resumed.next_row().unwrap().unwrap();
            assert_eq!(
                (row.number, row.get(Column::Address)),
                (*number, &**address)
            );
            assert_eq!(row.get(Column::Password), format!("pass;{}", &address[4..]));
        }
    }

    #[test]
    fn a_value_longer_than_the_buffers_is_read_whole() {
        let long = "x".repeat(3 * READ_SIZE);
        let text = format!("address,display_name\na,\"{long}\"\nb,B\n");
        let mut rows = Rows::open(text.as_bytes()).unwrap();
        let first = rows.next_row().unwrap().unwrap();
        assert_eq!(first.get(Column::DisplayName).len(), long.len());
        assert_eq!(rows.next_row().unwrap().unwrap().number, 3);
    }

    proptest::proptest! {
        /// Any CSV-shaped text: resuming at the position before any row
        /// reads exactly the rows reading on would have.
        #[test]
        fn resuming_anywhere_matches_reading_on(
            body in "[ab,;\"\r\n ]{0,300}",
        ) {
            let text = format!("address,display_name\n{body}");
            let Ok(mut rows) = Rows::open(text.as_bytes()) else { return Ok(()) };
            let layout = rows.layout().clone();
            let mut seen = Vec::new();
            loop {
                let before = rows.position();
                match rows.next_row() {
                    Ok(Some(row)) => seen.push((before, row)),
                    _ => break,
                }
            }
            for (i, (at, _)) in seen.iter().enumerate() {
                let rest = &text.as_bytes()[at.offset as usize..];
                let mut resumed = Rows::resume(rest, layout.clone(), *at);
                for (_, expected) in &seen[i..] {
                    let row = resumed.next_row().unwrap().unwrap();
                    proptest::prop_assert_eq!(&row, expected);
                }
                proptest::prop_assert!(resumed.next_row().unwrap().is_none());
            }
        }
    }
}
