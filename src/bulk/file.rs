//! Reads the CSV files people actually have: UTF-8 with or without BOM, or
//! Windows-1252; comma, semicolon or tab; CRLF or LF; quoted fields; blank
//! lines and trailing empty columns.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Address,
    Password,
    PasswordHash,
    ForwardTo,
    KeepCopy,
    DisplayName,
    User,
    Permissions,
}

impl Column {
    pub const NAMED: [(&'static str, Column); 8] = [
        ("address", Column::Address),
        ("password", Column::Password),
        ("password_hash", Column::PasswordHash),
        ("forward_to", Column::ForwardTo),
        ("keep_copy", Column::KeepCopy),
        ("display_name", Column::DisplayName),
        ("user", Column::User),
        ("permissions", Column::Permissions),
    ];

    pub fn name(self) -> &'static str {
        Self::NAMED
            .iter()
            .find(|(_, c)| *c == self)
            .map(|(n, _)| *n)
            .unwrap_or("")
    }

    fn named(header: &str) -> Option<Self> {
        let header = header.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Self::NAMED
            .iter()
            .find(|(n, _)| *n == header)
            .map(|(_, c)| *c)
    }
}

/// Which layout the file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The hosted manager's template: A local part, B password, C forward to,
    /// D `0` keep a copy / `1` do not.
    Template,
    /// Named columns in any order.
    Named,
}

/// One data row, as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// Its line in the file (the header is line 1).
    pub number: usize,
    pub fields: HashMap<Column, String>,
    /// Values under headers that name no column.
    pub unknown: Vec<(String, String)>,
}

impl RawRow {
    pub fn get(&self, column: Column) -> &str {
        self.fields.get(&column).map(|v| v.trim()).unwrap_or("")
    }
}

#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub encoding: &'static str,
    pub delimiter: char,
    pub format: Format,
    pub rows: Vec<RawRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the file has more than {limit} rows")]
    TooManyRows { limit: usize },
    #[error("the file has no header row")]
    Empty,
    #[error("the file could not be read as CSV: {0}")]
    Unreadable(String),
}

/// Text of the file: UTF-8 (its BOM dropped), else Windows-1252.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The delimiter used most on the first line, outside quotes.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in first.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (candidate, count) in counts.iter_mut() {
                if byte == *candidate {
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

pub fn parse(bytes: &[u8], max_bytes: usize, max_rows: usize) -> Result<ParsedFile, FileError> {
    if bytes.len() > max_bytes {
        return Err(FileError::TooLarge { limit: max_bytes });
    }
    let (text, encoding) = decode(bytes);
    let delimiter = delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Lines are counted from the text itself: the csv reader skips blank
    // lines without counting them, and people look rows up by line.
    // A record's position is where reading it began, before the line
    // breaks (and blank lines) that precede it. Lines are counted on from
    // the previous record, so a file is scanned once.
    let mut counted = (0usize, 1usize);
    let mut line_at = |byte: u64| {
        let bytes = text.as_bytes();
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let (from, line) = counted;
        let from = from.min(start);
        let line = line + bytes[from..start].iter().filter(|b| **b == b'\n').count();
        counted = (start, line);
        line
    };
    let mut record = csv::StringRecord::new();
    let mut read = |record: &mut csv::StringRecord| -> Result<bool, FileError> {
        loop {
            if !reader
                .read_record(record)
                .map_err(|e| FileError::Unreadable(e.to_string()))?
            {
                return Ok(false);
            }
            if !record.iter().all(|f| f.trim().is_empty()) {
                return Ok(true);
            }
        }
    };
    if !read(&mut record)? {
        return Err(FileError::Empty);
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_owned()).collect();
    let named: Vec<Option<Column>> = headers.iter().map(|h| Column::named(h)).collect();
    // Named columns need an `address` column; anything else is the template,
    // whatever its header says (it may be in another language).
    let format = if named.contains(&Some(Column::Address)) {
        Format::Named
    } else {
        Format::Template
    };
    let template = [
        Column::Address,
        Column::Password,
        Column::ForwardTo,
        Column::KeepCopy,
    ];
    let mut rows = Vec::new();
    while read(&mut record)? {
        if rows.len() >= max_rows {
            return Err(FileError::TooManyRows { limit: max_rows });
        }
        let number = record
            .position()
            .map_or(rows.len() + 2, |p| line_at(p.byte()));
        let mut fields = HashMap::new();
        let mut unknown = Vec::new();
        for (i, value) in record.iter().enumerate() {
            let column = match format {
                Format::Named => named.get(i).copied().flatten(),
                Format::Template => template.get(i).copied(),
            };
            match column {
                Some(column) => {
                    fields.insert(column, value.to_owned());
                }
                // Trailing empty columns are noise; a value under no known
                // column is reported, never dropped silently.
                None if !value.trim().is_empty() => {
                    let name = headers
                        .get(i)
                        .filter(|h| !h.is_empty())
                        .cloned()
                        .unwrap_or_else(|| format!("column {}", i + 1));
                    unknown.push((name, value.to_owned()));
                }
                None => {}
            }
        }
        rows.push(RawRow {
            number,
            fields,
            unknown,
        });
    }
    Ok(ParsedFile {
        encoding,
        delimiter: char::from(delimiter),
        format,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = 20 * 1024 * 1024;

    fn data(name: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(name),
        )
        .unwrap()
    }

    #[test]
    fn the_hosted_managers_template_with_a_bom_and_crlf() {
        let parsed = parse(&data("template-bom-crlf.csv"), MAX, 100).unwrap();
        assert_eq!(parsed.format, Format::Template);
        assert_eq!(parsed.encoding, "UTF-8");
        assert_eq!(parsed.rows.len(), 3);
        assert_eq!(parsed.rows[0].get(Column::Address), "anna");
        assert_eq!(parsed.rows[0].get(Column::Password), "a long password 1");
        assert_eq!(
            parsed.rows[1].get(Column::ForwardTo),
            "boss@elsewhere.example"
        );
        assert_eq!(parsed.rows[1].get(Column::KeepCopy), "1");
        assert_eq!(parsed.rows[0].number, 2);
    }

    #[test]
    fn windows_1252_semicolons_and_accented_names() {
        let parsed = parse(&data("export-windows-1252-semicolon.csv"), MAX, 100).unwrap();
        assert_eq!(parsed.encoding, "Windows-1252");
        assert_eq!(parsed.delimiter, ';');
        assert_eq!(parsed.format, Format::Named);
        let names: Vec<&str> = parsed
            .rows
            .iter()
            .map(|r| r.get(Column::DisplayName))
            .collect();
        assert_eq!(names, vec!["Müller", "Zoë Dupré"]);
    }

    #[test]
    fn quoted_delimiters_blank_lines_trailing_columns_and_tabs() {
        let parsed = parse(&data("named-quoted-blank-lines.csv"), MAX, 100).unwrap();
        assert_eq!(parsed.rows.len(), 2, "blank lines are skipped");
        assert_eq!(parsed.rows[0].get(Column::DisplayName), "Doe, Jane");
        assert!(
            parsed.rows[0].unknown.is_empty(),
            "trailing empty columns are ignored"
        );
        assert_eq!(
            parsed.rows[1].number, 5,
            "line numbers count the blank lines"
        );
        let tabs = parse(b"address\tpassword\nx\ta long password 1\n", MAX, 100).unwrap();
        assert_eq!(tabs.delimiter, '\t');
        assert_eq!(tabs.rows[0].get(Column::Password), "a long password 1");
    }

    #[test]
    fn unknown_columns_are_kept_for_the_report_and_limits_hold() {
        let parsed = parse(b"Address;Colour\nx;blue\ny;\n", MAX, 100).unwrap();
        assert_eq!(
            parsed.rows[0].unknown,
            vec![("Colour".to_owned(), "blue".to_owned())]
        );
        assert!(parsed.rows[1].unknown.is_empty());
        assert_eq!(
            parse(b"address\na\nb\nc\n", MAX, 2).unwrap_err(),
            FileError::TooManyRows { limit: 2 }
        );
        assert_eq!(
            parse(b"address\na\n", 5, 10).unwrap_err(),
            FileError::TooLarge { limit: 5 }
        );
        assert_eq!(parse(b"\n\n", MAX, 10).unwrap_err(), FileError::Empty);
        assert!(matches!(
            parse(b"address\n\"unterminated\n", MAX, 10),
            Ok(_) | Err(FileError::Unreadable(_))
        ));
    }

    proptest::proptest! {
        /// Any bytes at all: the reader answers rows or a reason, never
        /// panics, and never returns more rows than allowed.
        #[test]
        fn arbitrary_files_never_panic_or_exceed_the_row_limit(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4096),
            max_rows in 1usize..50,
        ) {
            if let Ok(parsed) = parse(&bytes, 4096, max_rows) {
                proptest::prop_assert!(parsed.rows.len() <= max_rows);
            }
        }

        /// CSV-shaped noise (separators, quotes, line ends) too.
        #[test]
        fn csv_shaped_noise_never_panics(
            text in "[a-z0-9@.,;\t\"\r\n =+-]{0,600}",
            max_rows in 1usize..20,
        ) {
            let bytes = format!("address,password\n{text}");
            if let Ok(parsed) = parse(bytes.as_bytes(), 1 << 20, max_rows) {
                proptest::prop_assert!(parsed.rows.len() <= max_rows);
            }
        }

        /// Over the byte limit: refused before anything is read.
        #[test]
        fn over_the_byte_limit_is_refused(extra in 1usize..100) {
            let bytes = vec![b'a'; 100 + extra];
            proptest::prop_assert_eq!(parse(&bytes, 100, 10).err(), Some(FileError::TooLarge { limit: 100 }));
        }
    }
}
