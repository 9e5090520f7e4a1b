//! Each scope against each endpoint, and other organisations' names and
//! ids: refused with 403 when the scope is too small, 404 when it is not
//! the token's organisation (even when its maker owns both).

use axum::http::Method;
use mailroom::model::{Role, Scope};
use serde_json::{Value, json};

use super::helpers::{Api, Client};

const A: &str = "/api/v1/services/acme.example";
const U: &str = "/api/v1/services/umbrella.example";

/// What a token of each scope gets at an endpoint, written by hand from the
/// documented scopes (read < addresses < admin), never derived from the
/// code's own `Scope::allows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gets {
    /// Done: a 2xx answer.
    Done,
    /// 403 `forbidden`, and nothing changed.
    Refused,
    /// Let through by its scope, then refused by the rule it meets (a job
    /// that has not failed cannot be retried): 4xx, neither 403 nor 404.
    Rejected,
}
use Gets::{Done, Refused, Rejected};

/// Read, Addresses, Admin.
const READS: [Gets; 3] = [Done, Done, Done];
const WRITES: [Gets; 3] = [Refused, Done, Done];

/// One request of the matrix.
struct Call {
    method: Method,
    path: String,
    body: Value,
    /// A CSV upload instead of JSON.
    csv: Option<&'static str>,
    gets: [Gets; 3],
}

fn call_of(method: Method, path: String, body: Value, gets: [Gets; 3]) -> Call {
    Call {
        method,
        path,
        body,
        csv: None,
        gets,
    }
}

/// Every endpoint, in an order where nothing needed later is destroyed
/// earlier.
fn endpoints(base: &str, ids: &Furnished, ann: u64) -> Vec<Call> {
    let Furnished {
        import,
        deleted,
        link,
        invitation,
        job,
    } = *ids;
    let a = format!("{base}/addresses/info");
    let mut calls = vec![
        call_of(Method::GET, "/api/v1/services".into(), Value::Null, READS),
        call_of(Method::GET, "/api/v1/members".into(), Value::Null, READS),
        call_of(Method::GET, "/api/v1/jobs".into(), Value::Null, READS),
        call_of(Method::GET, "/api/v1/outbox".into(), Value::Null, READS),
        call_of(
            Method::GET,
            format!("{base}/addresses?prefix=in"),
            Value::Null,
            READS,
        ),
        call_of(Method::GET, a.clone(), Value::Null, READS),
        call_of(Method::GET, format!("{a}/links"), Value::Null, READS),
        call_of(Method::GET, format!("{base}/deleted"), Value::Null, READS),
        call_of(Method::GET, format!("{base}/imports"), Value::Null, READS),
        call_of(
            Method::GET,
            format!("{base}/imports/{import}"),
            Value::Null,
            READS,
        ),
        call_of(
            Method::GET,
            format!("{base}/imports/{import}/report.csv"),
            Value::Null,
            READS,
        ),
        call_of(Method::GET, format!("{base}/dns"), Value::Null, READS),
        // A check asks the DNS, keeps what it found and may verify the
        // service: the service's admins' (the suite's resolver refuses every
        // question, so the report says why nothing was found).
        call_of(
            Method::POST,
            format!("{base}/dns/check"),
            Value::Null,
            [Refused, Refused, Done],
        ),
        call_of(
            Method::POST,
            format!("{base}/addresses"),
            json!({"local_part": "new", "for": "multiple", "password": "a long enough password"}),
            WRITES,
        ),
        call_of(
            Method::PUT,
            format!("{a}/forwarding"),
            json!({"forward_to": null}),
            WRITES,
        ),
        call_of(
            Method::POST,
            format!("{a}/aliases"),
            json!({"alias": "contact"}),
            WRITES,
        ),
        call_of(
            Method::DELETE,
            format!("{a}/aliases/contact"),
            Value::Null,
            WRITES,
        ),
        call_of(
            Method::PUT,
            format!("{a}/password"),
            json!({"password": "another long password"}),
            WRITES,
        ),
        call_of(
            Method::PUT,
            format!("{a}/quota"),
            json!({"quota_mb": 5}),
            WRITES,
        ),
        call_of(Method::GET, format!("{a}/auto-reply"), Value::Null, READS),
        // Saved off: turning it on needs the mail server, not a scope.
        call_of(
            Method::PUT,
            format!("{a}/auto-reply"),
            json!({"enabled": false, "message": "Away"}),
            WRITES,
        ),
        call_of(
            Method::DELETE,
            format!("{a}/auto-reply"),
            Value::Null,
            WRITES,
        ),
        call_of(
            Method::POST,
            format!("{a}/users"),
            json!({"email": "bob@outside.example", "permissions": []}),
            WRITES,
        ),
        call_of(
            Method::PUT,
            format!("{a}/users/{ann}/permissions"),
            json!({"permissions": ["history"]}),
            WRITES,
        ),
        call_of(
            Method::POST,
            format!("{a}/links"),
            json!({"permissions": [], "days": 3}),
            WRITES,
        ),
        call_of(
            Method::DELETE,
            format!("{a}/links/{link}"),
            Value::Null,
            WRITES,
        ),
        call_of(
            Method::POST,
            format!("{a}/invitations/{invitation}/resend"),
            Value::Null,
            WRITES,
        ),
        call_of(
            Method::DELETE,
            format!("{a}/invitations/{invitation}"),
            Value::Null,
            WRITES,
        ),
        call_of(
            Method::DELETE,
            format!("{a}/users/{ann}"),
            Value::Null,
            WRITES,
        ),
        call_of(
            Method::POST,
            format!("{base}/imports/{import}/start"),
            Value::Null,
            WRITES,
        ),
        call_of(
            Method::POST,
            format!("{base}/deleted/{deleted}/restore"),
            Value::Null,
            WRITES,
        ),
        // Jobs are the organisation's admins' to retry.
        call_of(
            Method::POST,
            format!("/api/v1/jobs/{job}/retry"),
            Value::Null,
            [Refused, Refused, Rejected],
        ),
        call_of(
            Method::DELETE,
            format!("{a}?confirm=true"),
            Value::Null,
            WRITES,
        ),
    ];
    calls.push(Call {
        method: Method::POST,
        path: format!("{base}/imports"),
        body: Value::Null,
        csv: Some("address\nnewcomer\n"),
        gets: WRITES,
    });
    calls
}

async fn call(client: &Client, request: &Call) -> super::helpers::Answer {
    if let Some(csv) = request.csv {
        return client
            .send(request.method.clone(), &request.path, Some("text/csv"), csv)
            .await;
    }
    let text = if request.body.is_null() {
        String::new()
    } else {
        request.body.to_string()
    };
    client
        .send(
            request.method.clone(),
            &request.path,
            Some("application/json"),
            &text,
        )
        .await
}

/// What furnish made: ids the endpoints name.
#[derive(Debug, Clone, Copy)]
struct Furnished {
    import: u64,
    deleted: u64,
    link: u64,
    invitation: u64,
    /// The delivery job of the invitation's email (queued, not failed).
    job: u64,
}

/// What any write leaves behind: the audit, the outbox, the jobs, the
/// tokens' last uses aside; and the DNS questions asked.
fn footprint(api: &Api) -> (usize, usize, usize, usize) {
    use mailroom::store::prelude::*;
    let reader = api.app.store_for_tests().read().unwrap();
    (
        reader.recent_audit(usize::MAX).unwrap().len(),
        reader
            .messages_of(&[api.acme, api.umbrella], usize::MAX)
            .unwrap()
            .len(),
        reader.recent_jobs(usize::MAX).unwrap().len(),
        api.dns.questions(),
    )
}

/// An address `info` with a member, an invitation and a link, a deleted
/// address, and an uploaded import, in `domain`; returns their ids.
fn furnish(
    api: &Api,
    domain: &str,
    org: mailroom::model::OrgId,
    member: mailroom::model::UserId,
) -> Furnished {
    use mailroom::app::{AddressRef, NewAddress, ShareMode, ShareWith};
    use mailroom::model::{Domain, EmailAddress, LocalPart, Permissions, SignupRule};
    let owner = api.app.organisations().owner_of(org).unwrap();
    let d = Domain::parse(domain).unwrap();
    for local in ["info", "gone"] {
        api.app
            .addresses()
            .create_address(
                &owner,
                &d,
                NewAddress {
                    local_part: LocalPart::parse(local).unwrap(),
                    for_whom: mailroom::app::ForWhom::Multiple,
                    password: None,
                    forwarding: None,
                    display_name: None,
                    quota: None,
                },
            )
            .unwrap();
    }
    let info = AddressRef::parse(domain, "info").unwrap();
    api.app
        .sharing()
        .share_address(
            &owner,
            &info,
            ShareWith::Member(member),
            Permissions::none(),
            ShareMode::AtOnce,
        )
        .unwrap();
    let invited = api
        .app
        .sharing()
        .share_address(
            &owner,
            &info,
            ShareWith::Email {
                email: EmailAddress::parse("zoe@outside.example").unwrap(),
                signup: SignupRule::OwnChoice,
                lang: None,
            },
            Permissions::none(),
            ShareMode::AtOnce,
        )
        .unwrap();
    let invitation = match invited {
        mailroom::app::Shared::Invited(id) => id,
        other => panic!("{other:?}"),
    };
    let job = {
        use mailroom::store::prelude::*;
        let reader = api.app.store_for_tests().read().unwrap();
        let message = reader
            .invitation(invitation)
            .unwrap()
            .unwrap()
            .message
            .unwrap();
        reader.message(message).unwrap().unwrap().job.unwrap().0
    };
    let (link, _) = api
        .app
        .sharing()
        .create_link(&owner, &info, Permissions::none(), 5)
        .unwrap();
    let gone = AddressRef::parse(domain, "gone").unwrap();
    let password = super::helpers::PASSWORD;
    api.app
        .addresses()
        .delete_address(&owner, &gone, password, true)
        .unwrap();
    let deleted = api
        .app
        .addresses()
        .deleted_addresses(owner.user, &d)
        .unwrap()[0]
        .id
        .0;
    let import = api
        .app
        .imports()
        .upload_import(&owner, &d, "x.csv", b"address\nsomeone\n")
        .unwrap()
        .id
        .0;
    Furnished {
        import,
        deleted,
        link: link.id.0,
        invitation: invitation.0,
        job,
    }
}

#[tokio::test]
async fn each_scope_against_each_endpoint() {
    for (index, scope) in Scope::ALL.into_iter().enumerate() {
        let api = Api::new();
        let ann = api.add_member("ann@acme.example", Role::Member);
        let ids = furnish(&api, "acme.example", api.acme, ann);
        let client = api.client(&api.token(scope));
        for request in endpoints(A, &ids, ann.0) {
            let before = footprint(&api);
            let answer = call(&client, &request).await;
            let (method, path) = (&request.method, &request.path);
            let said = format!(
                "{} token, {method} {path}: {} {}",
                scope.name(),
                answer.status,
                answer.body
            );
            match request.gets[index] {
                Done => assert!(answer.status.is_success(), "{said}"),
                Refused => {
                    assert_eq!(answer.status, 403, "{said}");
                    assert_eq!(answer.problem(), "forbidden", "{said}");
                    assert_eq!(
                        footprint(&api),
                        before,
                        "a refusal changed something: {said}"
                    );
                }
                Rejected => {
                    assert!(answer.status.is_client_error(), "{said}");
                    assert!(![403, 404].contains(&answer.status.as_u16()), "{said}");
                    assert_eq!(footprint(&api), before, "{said}");
                }
            }
        }
    }
}

#[tokio::test]
async fn another_organisations_names_and_ids_do_not_exist_for_a_token() {
    let api = Api::new();
    let umbrella_member = {
        let owner = api.app.organisations().owner_of(api.umbrella).unwrap();
        let login = mailroom::model::EmailAddress::parse("uma@umbrella.example").unwrap();
        let password = mailroom::model::Password::new(super::helpers::PASSWORD, None).unwrap();
        api.app
            .organisations()
            .add_member(&owner, api.umbrella, &login, &password, Role::Member)
            .unwrap()
    };
    let ids = furnish(&api, "umbrella.example", api.umbrella, umbrella_member);
    let Furnished {
        import, deleted, ..
    } = ids;
    // The same owner made both organisations: only the token stops it.
    let client = api.client(&api.token(Scope::Admin));
    for request in endpoints(U, &ids, umbrella_member.0) {
        let (method, path) = (&request.method, &request.path);
        // Umbrella's job, retried with an Acme token, does not exist either.
        if !path.starts_with(U) && !path.contains("/retry") {
            continue;
        }
        let before = footprint(&api);
        let answer = call(&client, &request).await;
        assert_eq!(answer.status, 404, "{method} {path}: {}", answer.body);
        assert_eq!(answer.problem(), "not-found");
        assert_eq!(footprint(&api), before, "{method} {path}");
    }
    let services = client.get("/api/v1/services").await;
    assert_eq!(
        services.json(),
        json!([{"domain": "acme.example", "addresses": 0, "created_at": services.json()[0]["created_at"]}])
    );
    // Umbrella's import, deleted address and job ids named under Acme.
    for path in [
        format!("{A}/imports/{import}"),
        format!("{A}/imports/{import}/report.csv"),
    ] {
        assert_eq!(client.get(&path).await.status, 404, "{path}");
    }
    let restore = client
        .post(&format!("{A}/deleted/{deleted}/restore"), json!(null))
        .await;
    assert_eq!(restore.status, 404, "{}", restore.body);
    let jobs: Vec<u64> = api
        .app
        .operations()
        .jobs_for(
            api.app.organisations().owner_of(api.umbrella).unwrap().user,
            50,
        )
        .unwrap()
        .iter()
        .map(|j| j.id.0)
        .collect();
    assert!(!jobs.is_empty());
    assert!(
        client
            .get("/api/v1/jobs")
            .await
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
    for job in jobs {
        let retry = client
            .post(&format!("/api/v1/jobs/{job}/retry"), json!(null))
            .await;
        assert_eq!(retry.status, 404, "{}", retry.body);
    }
}

#[tokio::test]
async fn tokens_that_cannot_be_used() {
    let api = Api::new();
    let token = api.token(Scope::Admin);
    let mut client = api.client(&token);
    assert_eq!(client.get("/api/v1/services").await.status, 200);

    for bad in [
        String::new(),
        "mrt_1_short".into(),
        format!("{token}x"),
        token.replace("mrt_", "mrt_9"),
    ] {
        client.token = Some(bad.clone());
        let answer = client.get("/api/v1/services").await;
        assert_eq!(answer.status, 401, "{bad:?}");
        assert_eq!(
            answer.header("www-authenticate"),
            "Bearer realm=\"mailroom\""
        );
    }
    client.token = None;
    assert_eq!(
        client.get("/api/v1/services").await.status,
        401,
        "no token: cookies are never read"
    );

    let id = mailroom::model::TokenSecret::parse(&token).unwrap().id();
    api.app
        .tokens()
        .revoke_token(&api.owner(), api.acme, id)
        .unwrap();
    client.token = Some(token);
    assert_eq!(client.get("/api/v1/services").await.status, 401, "revoked");

    let limited = api.token_of(
        &api.owner(),
        api.acme,
        Scope::Read,
        vec!["10.0.0.0/8".parse().unwrap()],
    );
    let mut from = api.client(&limited);
    let refused = from.get("/api/v1/services").await;
    assert_eq!(refused.problem(), "network-not-allowed");
    from.ip = "10.1.2.3:5000".parse().unwrap();
    assert_eq!(from.get("/api/v1/services").await.status, 200);
}

#[tokio::test]
async fn a_token_has_no_more_rights_than_its_maker_has_now() {
    let api = Api::new();
    let admin = api.add_member("adam@acme.example", Role::Admin);
    let actor = mailroom::app::Actor {
        user: admin,
        token: None,
        ip: None,
    };
    let token = api.token_of(&actor, api.acme, Scope::Admin, Vec::new());
    let client = api.client(&token);
    let create =
        json!({"local_part": "x", "for": "multiple", "password": "a long enough password"});
    assert_eq!(
        client
            .post(&format!("{A}/addresses"), create.clone())
            .await
            .status,
        201
    );
    api.app
        .organisations()
        .set_role(&api.owner(), api.acme, admin, Role::Member)
        .unwrap();
    let refused = client
        .post(
            &format!("{A}/addresses"),
            json!({"local_part": "y", "for": "multiple", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let list = client.get(&format!("{A}/addresses")).await;
    assert_eq!(
        list.json()["items"],
        json!([]),
        "a member sees only their own addresses"
    );
    // Tokens cannot make tokens.
    let as_token = mailroom::app::Actor {
        user: admin,
        token: Some(mailroom::model::TokenSecret::parse(&token).unwrap().id()),
        ip: None,
    };
    let new = mailroom::app::NewToken {
        name: "x".into(),
        scope: Scope::Read,
        days: None,
        allow_from: vec![],
    };
    assert!(
        api.app
            .tokens()
            .create_token(&as_token, api.acme, new)
            .is_err()
    );
}

#[tokio::test]
async fn a_removed_members_tokens_stay_dead_when_they_come_back() {
    use mailroom::store::prelude::*;
    let api = Api::new();
    let admin = api.add_member("adam@acme.example", Role::Admin);
    let actor = mailroom::app::Actor {
        user: admin,
        token: None,
        ip: None,
    };
    let token = api.token_of(&actor, api.acme, Scope::Admin, Vec::new());
    let client = api.client(&token);
    assert_eq!(client.get("/api/v1/services").await.status, 200);
    api.app
        .organisations()
        .remove_member(&api.owner(), api.acme, admin)
        .unwrap();
    assert_ne!(client.get("/api/v1/services").await.status, 200);
    // Back in the organisation (as a sharing link or an invitation brings
    // a person back): the token made before stays revoked.
    api.app
        .store_for_tests()
        .write(|tx| {
            tx.put_membership(&mailroom::model::Membership {
                org: api.acme,
                user: admin,
                role: Role::Admin,
                since: 0,
            })
        })
        .unwrap();
    let again = client.get("/api/v1/services").await;
    assert_eq!(again.status, 401, "{}", again.body);
    let stored = api
        .app
        .store_for_tests()
        .read()
        .unwrap()
        .tokens_of(api.acme)
        .unwrap();
    assert!(stored.iter().all(|t| t.revoked.is_some()), "{stored:?}");
    // The owner's own tokens are not touched by someone else's removal.
    let owners = api.token(Scope::Read);
    assert_eq!(
        api.client(&owners).get("/api/v1/services").await.status,
        200
    );
}

/// A read token reads; it never writes, not even a quota (`app/quota.rs`
/// requires the write scope for it).
#[tokio::test]
async fn a_read_token_sets_no_quota() {
    let api = Api::new();
    let writer = api.client(&api.token(Scope::Addresses));
    let made = writer
        .post(
            &format!("{A}/addresses"),
            json!({"local_part": "q", "for": "multiple", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let reader = api.client(&api.token(Scope::Read));
    let refused = reader
        .put(&format!("{A}/addresses/q/quota"), json!({"quota_mb": 5}))
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let shown = reader.get(&format!("{A}/addresses/q")).await;
    assert_eq!(shown.json()["quota_mb"], Value::Null, "{}", shown.body);
    // The write scope may: the refusal above was the scope's.
    let saved = writer
        .put(&format!("{A}/addresses/q/quota"), json!({"quota_mb": 5}))
        .await;
    assert_eq!(saved.status, 204, "{}", saved.body);
    assert_eq!(
        reader.get(&format!("{A}/addresses/q")).await.json()["quota_mb"],
        5
    );
}

/// An address's sharing links are listed for those who may manage its
/// users (`app/links.rs` asks `require_to_read`): a member without the
/// users permission (members make no tokens) is refused, then given it.
#[tokio::test]
async fn without_the_users_permission_no_one_lists_the_links() {
    use mailroom::app::{AddressRef, AppError};
    use mailroom::model::Permission;
    let api = Api::new();
    let ann = api.add_member("ann@acme.example", Role::Member);
    let ids = furnish(&api, "acme.example", api.acme, ann);
    let ann = mailroom::app::Actor {
        user: ann,
        token: None,
        ip: None,
    };
    let info = AddressRef::parse("acme.example", "info").unwrap();
    assert!(matches!(
        api.app.sharing().links_of(&ann, &info),
        Err(AppError::Forbidden)
    ));
    api.app
        .sharing()
        .set_permissions(
            &api.owner(),
            &info,
            ann.user,
            [Permission::Users].into_iter().collect(),
        )
        .unwrap();
    let listed = api.app.sharing().links_of(&ann, &info).unwrap();
    assert!(listed.iter().any(|l| l.id.0 == ids.link));
}
