//! The report of an import as a CSV file whose cells a spreadsheet will not
//! run. Its column names stay the same for scripts that read it.

use crate::model::{RowOutcome, RowResult};

/// A cell as a spreadsheet will not run it: a leading `=`, `+`, `-` or `@`
/// is quoted with an apostrophe against formula injection.
pub fn safe_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// `line,address,result,reason`, one row per result.
pub fn report_csv(results: &[RowResult]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["line", "address", "result", "reason"])?;
    for row in results {
        let (result, reason) = match &row.outcome {
            RowOutcome::Created => ("created", String::new()),
            RowOutcome::Failed { reason } => ("failed", reason.clone()),
            RowOutcome::Skipped { column, reason } => {
                ("skipped", format!("column {column}: {reason}"))
            }
        };
        let cells = [
            row.line.to_string(),
            row.address.clone(),
            result.to_owned(),
            reason,
        ];
        writer.write_record(cells.iter().map(|cell| safe_cell(cell)))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("jane@acme.example"), "jane@acme.example");
    }

    #[test]
    fn the_report_names_each_row_and_why() {
        let rows = [
            RowResult {
                line: 2,
                address: "ann".into(),
                outcome: RowOutcome::Created,
            },
            RowResult {
                line: 3,
                address: "=cmd".into(),
                outcome: RowOutcome::Skipped {
                    column: "address".into(),
                    reason: "bad".into(),
                },
            },
        ];
        let text = String::from_utf8(report_csv(&rows).unwrap()).unwrap();
        assert_eq!(
            text,
            "line,address,result,reason\n2,ann,created,\n3,'=cmd,skipped,column address: bad\n"
        );
    }
}
