//! The tables: their names, key and value types. Both engines make one
//! table of each (redb in the file, PostgreSQL one SQL table).

use redb::TableDefinition;

pub const SCHEMA_VERSION: u64 = 14;
/// Where `meta` keeps it.
pub const VERSION_KEY: &str = "schema_version";

pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// PostgreSQL only: what the redb file keeps in files beside it (the key of
/// device passwords), so that every node reads the same.
pub const SECRETS: TableDefinition<&str, &[u8]> = TableDefinition::new("secrets");
/// The installation's settings an operator changes while it runs (the
/// limits new organisations start with), by name, as JSON.
pub const SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("settings");
pub const USERS: TableDefinition<u64, &[u8]> = TableDefinition::new("users");
pub const USER_BY_LOGIN: TableDefinition<&str, u64> = TableDefinition::new("user_by_login");
pub const ORGS: TableDefinition<u64, &[u8]> = TableDefinition::new("orgs");
/// An organisation's name, ASCII letters lowercased (names are unique in
/// that form) -> its id: names are checked and searched without reading
/// every organisation's record.
pub const ORG_NAMES: TableDefinition<&str, u64> = TableDefinition::new("org_names");
/// (suffix of an organisation's name or domain, lowercased and cut to a few
/// bytes; organisation; 0 for its name or the domain's service): the
/// console's search by any part of a name or domain, a range scan.
pub const ORG_SEARCH: TableDefinition<(&str, u64, u64), ()> = TableDefinition::new("org_search");
/// (org, user) -> membership
pub const MEMBERS: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("members");
/// (user, org), the reverse index of `MEMBERS`
pub const USER_ORGS: TableDefinition<(u64, u64), ()> = TableDefinition::new("user_orgs");
pub const SERVICES: TableDefinition<u64, &[u8]> = TableDefinition::new("services");
pub const SERVICE_BY_DOMAIN: TableDefinition<&str, u64> = TableDefinition::new("service_by_domain");
/// (organisation, service): an organisation's services, read without
/// reading every other organisation's.
pub const ORG_SERVICES: TableDefinition<(u64, u64), ()> = TableDefinition::new("org_services");
pub const ADDRESSES: TableDefinition<u64, &[u8]> = TableDefinition::new("addresses");
/// (service, local part) -> address id; sorted, so pages and prefix searches
/// are range scans that never load the whole list.
pub const ADDRESS_BY_NAME: TableDefinition<(u64, &str), u64> =
    TableDefinition::new("address_by_name");
/// (address, user) -> access
pub const ACCESSES: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("accesses");
/// (user, address), the reverse index of `ACCESSES`
pub const USER_ACCESSES: TableDefinition<(u64, u64), ()> = TableDefinition::new("user_accesses");
/// sha256(session token) -> session
pub const SESSIONS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("sessions");
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
/// (address, audit id): an address's history.
pub const AUDIT_BY_ADDRESS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("audit_by_address");
/// (organisation, audit id): an organisation's history.
pub const AUDIT_BY_ORG: TableDefinition<(u64, u64), ()> = TableDefinition::new("audit_by_org");
pub const INVITATIONS: TableDefinition<u64, &[u8]> = TableDefinition::new("invitations");
/// (address, invitation)
pub const ADDRESS_INVITATIONS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("address_invitations");
/// (service, address): deleted addresses still within their retention.
pub const DELETED_ADDRESSES: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("deleted_addresses");

/// Background jobs (apalis' storage): the record, and two indexes.
pub const JOBS: TableDefinition<u64, &[u8]> = TableDefinition::new("jobs");
/// (due unix ms, job): queued jobs in the order they become due.
pub const JOB_DUE: TableDefinition<(u64, u64), ()> = TableDefinition::new("job_due");
/// (lease end unix ms, job): running jobs, by when their lease runs out.
pub const JOB_LEASE: TableDefinition<(u64, u64), ()> = TableDefinition::new("job_lease");
/// Outgoing messages (the outbox).
pub const MESSAGES: TableDefinition<u64, &[u8]> = TableDefinition::new("messages");
/// sha256(token) -> invitation
pub const INVITATION_BY_TOKEN: TableDefinition<&[u8], u64> =
    TableDefinition::new("invitation_by_token");
/// (invitee email, invitation): what a person is invited to.
pub const EMAIL_INVITATIONS: TableDefinition<(&str, u64), ()> =
    TableDefinition::new("email_invitations");
pub const SHARING_LINKS: TableDefinition<u64, &[u8]> = TableDefinition::new("sharing_links");
/// sha256(token) -> sharing link
pub const LINK_BY_TOKEN: TableDefinition<&[u8], u64> = TableDefinition::new("link_by_token");
/// (address, link)
pub const ADDRESS_LINKS: TableDefinition<(u64, u64), ()> = TableDefinition::new("address_links");

/// Bulk creations: the record, the file as it came, and each row's result.
pub const IMPORTS: TableDefinition<u64, &[u8]> = TableDefinition::new("imports");
/// Before version 7: the file as it came, in one value.
pub const IMPORT_FILES: TableDefinition<u64, &[u8]> = TableDefinition::new("import_files");
/// (import, chunk) -> the file's text in UTF-8, `IMPORT_CHUNK` bytes a
/// chunk, so that a batch reads the part it needs and not the whole file.
pub const IMPORT_TEXT: TableDefinition<(u64, u32), &[u8]> = TableDefinition::new("import_text");
/// Fixed for good: offsets stored in running imports depend on it.
pub const IMPORT_CHUNK: usize = 1024 * 1024;
/// (import, line) -> result
pub const IMPORT_ROWS: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("import_rows");
/// (service, import)
pub const SERVICE_IMPORTS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("service_imports");

/// Device passwords, by id, and listed by address and by user.
pub const CREDENTIALS: TableDefinition<u64, &[u8]> = TableDefinition::new("credentials");
pub const ADDRESS_CREDENTIALS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("address_credentials");
pub const USER_CREDENTIALS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("user_credentials");
/// Sign-ups waiting for their email to be confirmed: token hash -> record.
pub const PENDING_SIGNUPS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("pending_signups");

/// Password resets waiting to be used: token hash -> record.
pub const PASSWORD_RESETS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("password_resets");
/// Second factors, enrolled or being enrolled: user -> record.
pub const SECOND_FACTORS: TableDefinition<u64, &[u8]> = TableDefinition::new("second_factors");

/// API tokens, by id, and listed by organisation.
pub const API_TOKENS: TableDefinition<u64, &[u8]> = TableDefinition::new("api_tokens");
/// (org, token)
pub const ORG_TOKENS: TableDefinition<(u64, u64), ()> = TableDefinition::new("org_tokens");
/// (token, Idempotency-Key) -> the first answer to a creating request.
pub const IDEMPOTENCY: TableDefinition<(u64, &str), &[u8]> = TableDefinition::new("idempotency");

/// service -> the last DNS check of its domain.
pub const DNS_REPORTS: TableDefinition<u64, &[u8]> = TableDefinition::new("dns_reports");
/// DKIM keys by id, and listed by service: (service, key).
pub const DKIM_KEYS: TableDefinition<u64, &[u8]> = TableDefinition::new("dkim_keys");
pub const SERVICE_DKIM: TableDefinition<(u64, u64), ()> = TableDefinition::new("service_dkim");
