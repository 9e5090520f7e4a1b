//! Checks one row without touching the store or hashing anything: what
//! would be created, or why it cannot be, with the column at fault.

use super::file::{Column, Format, RawRow};
use crate::i18n::Localize;
use crate::model::Forwarding;
use crate::model::{Domain, EmailAddress, LocalPart, Password, PasswordHash, Permissions, Quota};

/// A row that can be created.
#[derive(Debug, Clone)]
pub struct RowPlan {
    pub number: usize,
    pub local: LocalPart,
    pub password: Option<Password>,
    pub password_hash: Option<PasswordHash>,
    pub forwarding: Option<Forwarding>,
    pub display_name: Option<String>,
    pub user: Option<EmailAddress>,
    /// `None`: the organisation's defaults.
    pub permissions: Option<Permissions>,
    /// `None`: the service's default.
    pub quota: Option<Quota>,
}

/// Why a row cannot be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub number: usize,
    pub column: String,
    pub reason: String,
    /// The row's address as written, for the report.
    pub address: String,
}

/// A refused row; `reason` is in the uploader's language (the request's,
/// or the import's own in a background job).
fn error(row: &RawRow, column: &str, reason: impl Localize) -> RowError {
    let mut reason = reason.localize();
    if let Some(first) = reason.get(..1) {
        reason = first.to_uppercase() + &reason[1..];
    }
    RowError {
        number: row.number,
        column: column.to_owned(),
        reason,
        address: row.get(Column::Address).to_owned(),
    }
}

/// The row's plan in a service of `domain`.
pub fn plan(row: &RawRow, domain: &Domain, format: Format) -> Result<RowPlan, RowError> {
    if let Some((column, _)) = row.unknown.first() {
        return Err(error(
            row,
            column,
            t!("row-unknown-column", column = column),
        ));
    }
    let address_column = match format {
        Format::Template => "A",
        Format::Named => "address",
    };
    let raw = row.get(Column::Address);
    let local = match raw.rsplit_once('@') {
        Some((local, in_domain)) => {
            let parsed = Domain::parse(in_domain).map_err(|e| error(row, address_column, e))?;
            if parsed != *domain {
                return Err(error(
                    row,
                    address_column,
                    t!("row-not-in-domain", address = raw, domain = domain),
                ));
            }
            local
        }
        None => raw,
    };
    let local = LocalPart::parse_mailbox(local).map_err(|e| error(row, address_column, e))?;
    let email = EmailAddress::new(local.clone(), domain.clone());

    let password_column = if format == Format::Template {
        "B"
    } else {
        "password"
    };
    let password = match row.get(Column::Password) {
        "" => None,
        typed => {
            Some(Password::new(typed, Some(&email)).map_err(|e| error(row, password_column, e))?)
        }
    };
    let password_hash = match row.get(Column::PasswordHash) {
        "" => None,
        hash => Some(PasswordHash::imported(hash).map_err(|e| error(row, "password_hash", e))?),
    };
    if password.is_some() && password_hash.is_some() {
        return Err(error(row, "password_hash", t!("row-password-and-hash")));
    }

    let (forward_column, keep_column) = match format {
        Format::Template => ("C", "D"),
        Format::Named => ("forward_to", "keep_copy"),
    };
    let keep_raw = row.get(Column::KeepCopy).to_ascii_lowercase();
    let keep_copy = match (format, keep_raw.as_str()) {
        // The template's D says whether *not* to keep a copy.
        (Format::Template, "" | "0") => true,
        (Format::Template, "1") => false,
        (Format::Named, "" | "1" | "yes" | "true") => true,
        (Format::Named, "0" | "no" | "false") => false,
        _ => {
            return Err(error(
                row,
                keep_column,
                t!("row-keep-copy", value = &keep_raw),
            ));
        }
    };
    let forwarding = match row.get(Column::ForwardTo) {
        "" => None,
        target => {
            let to = EmailAddress::parse(target).map_err(|e| {
                error(
                    row,
                    forward_column,
                    t!("row-invalid-forwarding", reason = &e.localize()),
                )
            })?;
            if to == email {
                return Err(error(row, forward_column, t!("row-forward-to-itself")));
            }
            Some(Forwarding { to, keep_copy })
        }
    };

    let user = match row.get(Column::User) {
        "" => None,
        who => Some(EmailAddress::parse(who).map_err(|e| error(row, "user", e))?),
    };
    let permissions = match row.get(Column::Permissions) {
        "" => None,
        names => Some(
            Permissions::parse_list(names).map_err(|reason| error(row, "permissions", reason))?,
        ),
    };
    let display_name = match row.get(Column::DisplayName) {
        "" => None,
        // Shown in pages and written into mail headers: one line of text.
        name if name.chars().any(char::is_control) => {
            return Err(error(row, "display_name", t!("row-display-name-control")));
        }
        name if name.chars().count() > 200 => {
            return Err(error(row, "display_name", t!("row-display-name-long")));
        }
        name => Some(name.to_owned()),
    };
    let quota = match row.get(Column::Quota) {
        "" => None,
        size => Some(Quota::parse(size).map_err(|e| error(row, "quota", e))?),
    };
    Ok(RowPlan {
        quota,
        number: row.number,
        local,
        password,
        password_hash,
        forwarding,
        display_name,
        user,
        permissions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::parse;
    use crate::model::Permission;

    fn plans(csv: &str) -> Vec<Result<RowPlan, RowError>> {
        let domain = Domain::parse("acme.example").unwrap();
        let parsed = parse(csv.as_bytes(), 1 << 20, 1000).unwrap();
        parsed
            .rows
            .iter()
            .map(|r| plan(r, &domain, parsed.format))
            .collect()
    }

    fn reason(result: &Result<RowPlan, RowError>) -> (String, String) {
        let e = result.as_ref().unwrap_err();
        (e.column.clone(), e.reason.clone())
    }

    #[test]
    fn template_rows_and_their_copy_flag() {
        let rows = plans(
            "a,b,c,d\nanna,a long password 1,,\nbob,a long password 2,b@x.example,1\ncarl,,c@x.example,0\n",
        );
        let anna = rows[0].as_ref().unwrap();
        assert_eq!(anna.local.as_str(), "anna");
        assert!(anna.password.is_some() && anna.forwarding.is_none());
        assert!(
            !rows[1]
                .as_ref()
                .unwrap()
                .forwarding
                .as_ref()
                .unwrap()
                .keep_copy
        );
        let carl = rows[2].as_ref().unwrap();
        assert!(carl.forwarding.as_ref().unwrap().keep_copy && carl.password.is_none());
    }

    #[test]
    fn each_refusal_names_its_column() {
        let rows = plans(
            "address,password,forward_to,keep_copy,permissions,password_hash,user\n\
             bad name,,,,,,\n\
             x@other.example,,,,,,\n\
             weak,short,,,,,\n\
             fw,,not-an-email,,,,\n\
             perm,,,,admin,,\n\
             hash,,,,,nonsense,\n\
             keep,,a@x.example,maybe,,,\n\
             both,a long password 9,,,,{PLAIN}x,\n\
             who,,,,,,nobody\n",
        );
        let names = plans(
            "address,display_name\n\
             a,\"two\nlines\"\n\
             b,tab\there\n\
             c,bell\u{7}\n",
        );
        for refused in &names {
            assert_eq!(reason(refused).0, "display_name", "{refused:?}");
        }
        assert_eq!(reason(&rows[0]).0, "address");
        assert!(reason(&rows[0]).1.contains("cannot contain"));
        assert_eq!(
            reason(&rows[1]),
            (
                "address".into(),
                "X@other.example is not in acme.example".into()
            )
        );
        assert_eq!(reason(&rows[2]).0, "password");
        assert!(reason(&rows[2]).1.contains("at least 12"));
        assert_eq!(reason(&rows[3]).0, "forward_to");
        assert!(reason(&rows[3]).1.starts_with("Invalid forwarding target"));
        assert_eq!(
            reason(&rows[4]),
            (
                "permissions".into(),
                "Unknown permission \u{201c}admin\u{201d}".into()
            )
        );
        assert_eq!(reason(&rows[5]).0, "password_hash");
        assert_eq!(reason(&rows[6]).0, "keep_copy");
        assert_eq!(reason(&rows[7]).0, "password_hash");
        assert_eq!(reason(&rows[8]).0, "user");
        assert_eq!(rows[0].as_ref().unwrap_err().number, 2);
    }

    #[test]
    fn named_rows_with_full_addresses_hashes_users_and_permissions() {
        let rows = plans(
            "Address;Password_Hash;User;Permissions;Display_Name\n\
             anna@acme.example;{SHA256-CRYPT}$5$abcdefgh$dNVk1JNaa63DkdU4s4eMQxLfXKIhmHY3CGaP9B1e/r6;anna@home.example;password history;Anna\n",
        );
        let anna = rows[0].as_ref().unwrap();
        assert_eq!(anna.local.as_str(), "anna");
        assert_eq!(
            anna.password_hash.as_ref().unwrap().dovecot_form(),
            "{SHA256-CRYPT}$5$abcdefgh$dNVk1JNaa63DkdU4s4eMQxLfXKIhmHY3CGaP9B1e/r6"
        );
        assert_eq!(anna.user.as_ref().unwrap().to_ascii(), "anna@home.example");
        let permissions = anna.permissions.unwrap();
        assert!(
            permissions.contains(Permission::Password) && permissions.contains(Permission::History)
        );
        assert_eq!(anna.display_name.as_deref(), Some("Anna"));
        let unknown = plans("address,colour\nx,blue\n");
        assert_eq!(
            reason(&unknown[0]),
            (
                "colour".into(),
                "Unknown column \u{201c}colour\u{201d}".into()
            )
        );
    }
}
