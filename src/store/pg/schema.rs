//! The tables in PostgreSQL: one per table of the redb file, named as it
//! is, made when missing. Records are JSON; the fields people search by
//! (organisation, domain, local part, login, state) are also columns of
//! their own, computed from the record, so that psql reads and indexes
//! them.

use redb::{Key, TableDefinition, TableHandle, Value};

use super::Postgres;
use super::columns::Columns;
use super::sql::shape;
use crate::store::Result;
use crate::store::tables::*;

/// What the store knows of a table: its name and whether its values are
/// bytes as they came rather than JSON records.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub raw: bool,
}

/// Tables whose values are not records: an import's file and text, secrets.
const RAW: [&str; 3] = ["import_files", "import_text", "secrets"];

/// A column computed from the record: name, SQL type, expression.
type Computed = (&'static str, &'static str, &'static str);

/// Columns computed from the record, per table.
const SEARCHED: &[(&str, &[Computed])] = &[
    ("users", &[("login", "text", "v->>'login'")]),
    ("orgs", &[("name", "text", "v->>'name'")]),
    ("members", &[("role", "text", "v->>'role'")]),
    (
        "services",
        &[
            ("org", "bigint", "(v->>'org')::bigint"),
            ("domain", "text", "v->>'domain'"),
        ],
    ),
    (
        "addresses",
        &[
            ("service", "bigint", "(v->>'service')::bigint"),
            ("local_part", "text", "v->>'local_part'"),
            ("state", "text", "v->'state'->>'state'"),
        ],
    ),
    (
        "invitations",
        &[
            ("address", "bigint", "(v->>'address')::bigint"),
            ("email", "text", "v->>'email'"),
        ],
    ),
    (
        "jobs",
        &[
            ("org", "bigint", "(v->>'org')::bigint"),
            ("state", "text", "v->>'state'"),
        ],
    ),
    ("audit", &[("action", "text", "v->>'action'")]),
    (
        "credentials",
        &[
            ("address", "bigint", "(v->>'address')::bigint"),
            ("user_id", "bigint", "(v->>'user')::bigint"),
        ],
    ),
];

pub fn spec(name: &str) -> TableSpec {
    TableSpec {
        raw: RAW.contains(&name),
    }
}

fn ddl<K: Key + Columns, V: Value + Columns>(definition: TableDefinition<'static, K, V>) -> String {
    let name = definition.name();
    let shape = shape::<K, V>(spec(name).raw);
    let mut columns: Vec<String> = shape
        .keys
        .iter()
        .enumerate()
        .map(|(i, sql)| format!("k{} {} NOT NULL", i + 1, sql.ddl()))
        .collect();
    if let Some(value) = shape.value {
        columns.push(format!("v {} NOT NULL", value.ddl()));
    }
    let searched = SEARCHED
        .iter()
        .find(|(table, _)| *table == name)
        .map_or(&[][..], |(_, columns)| *columns);
    for (column, sql, expression) in searched {
        columns.push(format!(
            "{column} {sql} GENERATED ALWAYS AS ({expression}) STORED"
        ));
    }
    columns.push(format!("PRIMARY KEY ({})", shape.key_list()));
    let mut statements = format!(
        "CREATE TABLE IF NOT EXISTS {name} (\n  {}\n);\n",
        columns.join(",\n  ")
    );
    for (column, _, _) in searched {
        statements.push_str(&format!(
            "CREATE INDEX IF NOT EXISTS {name}_{column} ON {name} ({column});\n"
        ));
    }
    statements
}

macro_rules! every_table {
    ($($table:ident),* $(,)?) => {
        /// The statements that make every table.
        pub fn statements() -> String {
            let mut all = String::new();
            $(all.push_str(&ddl($table));)*
            all
        }
    };
}

every_table!(
    META,
    SECRETS,
    SETTINGS,
    USERS,
    USER_BY_LOGIN,
    ORGS,
    ORG_NAMES,
    ORG_SEARCH,
    MEMBERS,
    USER_ORGS,
    SERVICES,
    SERVICE_BY_DOMAIN,
    ORG_SERVICES,
    ADDRESSES,
    ADDRESS_BY_NAME,
    ACCESSES,
    USER_ACCESSES,
    SESSIONS,
    AUDIT,
    AUDIT_BY_ADDRESS,
    AUDIT_BY_ORG,
    INVITATIONS,
    ADDRESS_INVITATIONS,
    DELETED_ADDRESSES,
    JOBS,
    JOB_DUE,
    JOB_LEASE,
    MESSAGES,
    INVITATION_BY_TOKEN,
    EMAIL_INVITATIONS,
    SHARING_LINKS,
    LINK_BY_TOKEN,
    ADDRESS_LINKS,
    IMPORTS,
    IMPORT_FILES,
    IMPORT_TEXT,
    IMPORT_ROWS,
    SERVICE_IMPORTS,
    CREDENTIALS,
    ADDRESS_CREDENTIALS,
    USER_CREDENTIALS,
    PENDING_SIGNUPS,
    PASSWORD_RESETS,
    SECOND_FACTORS,
    API_TOKENS,
    ORG_TOKENS,
    IDEMPOTENCY,
    DNS_REPORTS,
    DKIM_KEYS,
    SERVICE_DKIM,
);

/// Makes what is missing, in one transaction; two nodes starting at once
/// wait for each other (an advisory lock) instead of racing.
/// A new database starts at the records' current schema version (the
/// same records as in the redb file, so the same version).
pub fn create(pg: &Postgres) -> Result<()> {
    pg.batch(format!(
        "BEGIN;\nSELECT pg_advisory_xact_lock(7245006);\n{}{}\
         INSERT INTO meta (k1, v) VALUES ('{VERSION_KEY}', {SCHEMA_VERSION}) ON CONFLICT DO NOTHING;\n\
         COMMIT;",
        statements(),
        super::counters::DDL
    ))
}
