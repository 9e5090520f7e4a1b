//! The record steps (version 9 on), each from records as the version
//! before wrote them; `pg_tests.rs` runs the same records on PostgreSQL.
use super::*;
use crate::store::Store;

/// Records as version 9 wrote them: a service without quota counters
/// (default 50 MB), with addresses of own quotas 100 and 200, two on the
/// default, and a deleted one of 500 that counts nothing.
pub(crate) fn write_version_9_quotas(writer: &mut crate::store::Writer) {
    use crate::model::*;
    use crate::store::Query;
    let service = Service {
        id: ServiceId(1),
        org: OrgId(1),
        domain: Domain::parse("old.example").unwrap(),
        created: 0,
        address_count: 4,
        catch_all: None,
        default_quota: Some(Quota::megabytes(50).unwrap()),
        own_quota_mb: 0,
        on_default_quota: 0,
        verification: None,
        closed: false,
    };
    let mut json = serde_json::to_value(&service).unwrap();
    let fields = json.as_object_mut().unwrap();
    assert!(fields.remove("own_quota_mb").is_some() && fields.remove("on_default_quota").is_some());
    let bytes = serde_json::to_vec(&json).unwrap();
    writer
        .table(SERVICES)
        .unwrap()
        .insert(1, bytes.as_slice())
        .unwrap();
    let kept = [(100, true), (200, true), (0, true), (0, true), (500, false)];
    for (n, (mb, active)) in kept.into_iter().enumerate() {
        let address = Address {
            id: AddressId(n as u64 + 1),
            service: ServiceId(1),
            local_part: LocalPart::parse(&format!("a{n}")).unwrap(),
            kind: AddressKind::Standard,
            password_hash: None,
            created: 0,
            created_by: None,
            state: if active {
                AddressState::Active
            } else {
                AddressState::Deleted {
                    at: 0,
                    by: UserId(1),
                }
            },
            aliases: Vec::new(),
            forwarding: None,
            display_name: None,
            home_by_id: true,
            quota: (mb > 0).then(|| Quota::megabytes(mb).unwrap()),
            auto_reply: None,
        };
        let bytes = serde_json::to_vec(&address).unwrap();
        writer
            .table(ADDRESSES)
            .unwrap()
            .insert(address.id.0, bytes.as_slice())
            .unwrap();
    }
    writer.table(META).unwrap().insert(VERSION_KEY, 9).unwrap();
}

/// What version 10 counted of those records.
pub(crate) fn assert_version_9_quotas_counted(store: &Store) {
    use crate::store::prelude::*;
    let reader = store.read().unwrap();
    assert_eq!(reader.schema_version().unwrap(), SCHEMA_VERSION);
    let service = reader.service(crate::model::ServiceId(1)).unwrap().unwrap();
    assert_eq!((service.own_quota_mb, service.on_default_quota), (300, 2));
    assert_eq!(service.storage_with(service.default_quota), Some(400));
}

#[test]
fn version_9_services_count_the_quotas_of_their_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let mut writer = crate::store::Writer::of_redb(db.begin_write().unwrap());
        migrate_to(&mut writer, 9).unwrap();
        write_version_9_quotas(&mut writer);
        writer.commit().unwrap();
    }
    assert_version_9_quotas_counted(&Store::open(&path).unwrap());
}

/// Records as version 10 wrote them: three audit events, two of them an
/// organisation's, with no history index.
pub(crate) fn write_version_10_audit(writer: &mut crate::store::Writer) {
    use crate::model::{AuditEvent, OrgId};
    use crate::store::Query;
    for (id, org) in [(1u64, Some(7)), (2, None), (3, Some(7))] {
        let event = AuditEvent {
            at: id as i64,
            actor: None,
            ip: None,
            token: None,
            org: org.map(OrgId),
            action: "service.add".to_owned(),
            object: format!("event {id}"),
            address: None,
        };
        let bytes = serde_json::to_vec(&event).unwrap();
        writer
            .table(AUDIT)
            .unwrap()
            .insert(id, bytes.as_slice())
            .unwrap();
    }
    writer.table(META).unwrap().insert(VERSION_KEY, 10).unwrap();
}

/// What version 11 indexed of those records.
pub(crate) fn assert_version_10_audit_indexed(store: &Store) {
    use crate::store::prelude::*;
    let reader = store.read().unwrap();
    assert_eq!(reader.schema_version().unwrap(), SCHEMA_VERSION);
    let history = reader
        .audit_of_org(crate::model::OrgId(7), None, 10)
        .unwrap();
    let ids: Vec<u64> = history.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, vec![3, 1], "newest first, the organisation's only");
}

#[test]
fn version_10_audit_events_are_indexed_by_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let mut writer = crate::store::Writer::of_redb(db.begin_write().unwrap());
        migrate_to(&mut writer, 10).unwrap();
        write_version_10_audit(&mut writer);
        writer.commit().unwrap();
    }
    assert_version_10_audit_indexed(&Store::open(&path).unwrap());
}

/// Records as version 11 wrote them: two organisations' services, with no
/// index by organisation.
pub(crate) fn write_version_11_services(writer: &mut crate::store::Writer) {
    use crate::model::*;
    use crate::store::Query;
    for (id, org, domain) in [
        (1, 7, "b.example"),
        (2, 8, "other.example"),
        (3, 7, "a.example"),
    ] {
        let service = Service {
            id: ServiceId(id),
            org: OrgId(org),
            domain: Domain::parse(domain).unwrap(),
            created: 0,
            address_count: 0,
            catch_all: None,
            default_quota: None,
            own_quota_mb: 0,
            on_default_quota: 0,
            verification: None,
            closed: false,
        };
        let bytes = serde_json::to_vec(&service).unwrap();
        writer
            .table(SERVICES)
            .unwrap()
            .insert(id, bytes.as_slice())
            .unwrap();
        writer
            .table(SERVICE_BY_DOMAIN)
            .unwrap()
            .insert(domain, id)
            .unwrap();
    }
    writer.table(META).unwrap().insert(VERSION_KEY, 11).unwrap();
}

/// What version 12 indexed of those records.
pub(crate) fn assert_version_11_services_indexed(store: &Store) {
    use crate::store::prelude::*;
    let reader = store.read().unwrap();
    assert_eq!(reader.schema_version().unwrap(), SCHEMA_VERSION);
    let domains: Vec<String> = reader
        .services_of(crate::model::OrgId(7))
        .unwrap()
        .iter()
        .map(|s| s.domain.to_string())
        .collect();
    assert_eq!(domains, ["a.example", "b.example"], "its own, by domain");
}

#[test]
fn version_11_services_are_listed_by_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let mut writer = crate::store::Writer::of_redb(db.begin_write().unwrap());
        migrate_to(&mut writer, 11).unwrap();
        write_version_11_services(&mut writer);
        writer.commit().unwrap();
    }
    assert_version_11_services_indexed(&Store::open(&path).unwrap());
}

/// Records as version 12 wrote them: organisations, with no index of
/// their names.
pub(crate) fn write_version_12_organisations(writer: &mut crate::store::Writer) {
    use crate::model::*;
    use crate::store::Query;
    for (id, name) in [(1, "Acme"), (2, "Beta Ltd"), (3, "Été Club")] {
        let org = Organisation::new(OrgId(id), name.to_owned(), 0, Lang::default());
        let bytes = serde_json::to_vec(&org).unwrap();
        writer
            .table(ORGS)
            .unwrap()
            .insert(id, bytes.as_slice())
            .unwrap();
    }
    writer.table(META).unwrap().insert(VERSION_KEY, 12).unwrap();
}

/// What version 13 indexed of those records.
pub(crate) fn assert_version_12_organisations_named(store: &Store) {
    use crate::model::OrgId;
    use crate::store::prelude::*;
    let reader = store.read().unwrap();
    assert_eq!(reader.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        reader.organisation_id_named("BETA LTD").unwrap(),
        Some(OrgId(2))
    );
    assert_eq!(reader.organisation_id_named("Gamma").unwrap(), None);
    let found = reader.organisations_containing("été").unwrap();
    assert_eq!(found, [OrgId(3)].into_iter().collect());
    let found = reader.organisations_containing("a").unwrap();
    assert_eq!(found, [OrgId(1), OrgId(2)].into_iter().collect());
}

#[test]
fn version_12_organisations_are_found_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let mut writer = crate::store::Writer::of_redb(db.begin_write().unwrap());
        migrate_to(&mut writer, 12).unwrap();
        write_version_12_organisations(&mut writer);
        writer.commit().unwrap();
    }
    assert_version_12_organisations_named(&Store::open(&path).unwrap());
}

/// Records as version 13 wrote them: organisations named in their index,
/// their services listed, and no search index.
pub(crate) fn write_version_13_organisations(writer: &mut crate::store::Writer) {
    use crate::model::*;
    use crate::store::Query;
    let long = "a-name-longer-than-the-fragments-of-the-index.example";
    for (id, name, domain) in [
        (1, "Acme", "acme.example"),
        (2, "Beta Ltd", "bücher.example"),
        (3, "Gamma", long),
    ] {
        let org = Organisation::new(OrgId(id), name.to_owned(), 0, Lang::default());
        let bytes = serde_json::to_vec(&org).unwrap();
        writer
            .table(ORGS)
            .unwrap()
            .insert(id, bytes.as_slice())
            .unwrap();
        writer
            .table(ORG_NAMES)
            .unwrap()
            .insert(Organisation::name_key(name).as_str(), id)
            .unwrap();
        let service = Service {
            id: ServiceId(id + 10),
            org: OrgId(id),
            domain: Domain::parse(domain).unwrap(),
            created: 0,
            address_count: 0,
            catch_all: None,
            default_quota: None,
            own_quota_mb: 0,
            on_default_quota: 0,
            verification: None,
            closed: false,
        };
        let bytes = serde_json::to_vec(&service).unwrap();
        writer
            .table(SERVICES)
            .unwrap()
            .insert(id + 10, bytes.as_slice())
            .unwrap();
        writer
            .table(SERVICE_BY_DOMAIN)
            .unwrap()
            .insert(service.domain.as_ascii(), id + 10)
            .unwrap();
        writer
            .table(ORG_SERVICES)
            .unwrap()
            .insert((id, id + 10), ())
            .unwrap();
    }
    writer.table(META).unwrap().insert(VERSION_KEY, 13).unwrap();
}

/// What version 14 indexed of those records: any part of a name or of a
/// domain (in either of its forms) finds its organisation, a longer text
/// only where the whole of it is.
pub(crate) fn assert_version_13_organisations_searchable(store: &Store) {
    use crate::model::OrgId;
    use crate::store::prelude::*;
    let reader = store.read().unwrap();
    assert_eq!(reader.schema_version().unwrap(), SCHEMA_VERSION);
    let ids = |text: &str| -> Vec<u64> {
        reader
            .organisations_containing(text)
            .unwrap()
            .into_iter()
            .map(|o: OrgId| o.0)
            .collect()
    };
    assert_eq!(ids("ta l"), [2]);
    assert_eq!(ids("me.exa"), [1]);
    assert_eq!(ids("bücher"), [2]);
    assert_eq!(ids("xn--bcher"), [2]);
    assert_eq!(ids("a"), [1, 2, 3]);
    assert_eq!(ids("longer-than-the-fragments-of-the-index"), [3]);
    assert!(ids("longer-than-the-fragments-of-the-indexes").is_empty());
    assert!(ids("zeta").is_empty());
    let report = crate::store::check::check(&reader).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn version_13_organisations_are_searched_through_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let mut writer = crate::store::Writer::of_redb(db.begin_write().unwrap());
        migrate_to(&mut writer, 13).unwrap();
        write_version_13_organisations(&mut writer);
        writer.commit().unwrap();
    }
    assert_version_13_organisations_searchable(&Store::open(&path).unwrap());
}
