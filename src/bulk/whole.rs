//! A whole file held in memory, read into rows at once: for small files
//! and tests; imports read theirs row by row (`stream.rs`).

use super::file::{FileError, Format, RawRow};
use super::stream::Rows;
use crate::text::{Encoding, Utf8Text};

#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub encoding: &'static str,
    pub delimiter: char,
    pub format: Format,
    pub rows: Vec<RawRow>,
}

/// Reads a whole file held in memory (the stream readers in `text.rs` and
/// `stream.rs` do the work; imports use them directly, row by row).
pub fn parse(bytes: &[u8], max_bytes: usize, max_rows: usize) -> Result<ParsedFile, FileError> {
    let mut src = std::io::Cursor::new(bytes);
    let encoding = Encoding::detect(&mut src, max_bytes)?;
    let mut reader = Rows::open(Utf8Text::new(src, encoding))?;
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row()? {
        if rows.len() >= max_rows {
            return Err(FileError::TooManyRows { limit: max_rows });
        }
        rows.push(row);
    }
    let layout = reader.layout();
    Ok(ParsedFile {
        encoding: encoding.label(),
        delimiter: char::from(layout.delimiter),
        format: layout.format,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::Column;

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
