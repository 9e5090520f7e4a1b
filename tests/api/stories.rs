//! The web flows' stories, told through the API.

use mailroom::model::{ImportId, ImportState, Role, Scope};
use serde_json::json;

use super::helpers::{Api, Client};

const ADDRESSES: &str = "/api/v1/services/acme.example/addresses";

/// A shared address `local` (for multiple users, with a password); the
/// path of its users.
async fn shared_address(client: &Client, local: &str) -> String {
    let created = client
        .post(
            ADDRESSES,
            json!({"local_part": local, "for": "multiple", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    format!("{ADDRESSES}/{local}/users")
}

#[tokio::test]
async fn create_for_another_user_member_and_outside_person() {
    let api = Api::new();
    let ann = api.add_member("ann@acme.example", Role::Member);
    let client = api.client(&api.token(Scope::Addresses));

    let created = client
        .post(
            ADDRESSES,
            json!({"local_part": "Sales", "for": "other", "share_with": "ann@acme.example",
                   "permissions": ["password", "history"]}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.header("location"), format!("{ADDRESSES}/sales"));
    let body = created.json();
    assert_eq!(body["address"], "sales@acme.example");
    assert_eq!(body["users"][0]["user_id"], ann.0);
    assert_eq!(
        body["users"][0]["permissions"],
        json!(["password", "history"])
    );

    // No permissions named: the organisation's defaults, as app reads them
    // when it gives the access.
    let org = api
        .app
        .organisations()
        .organisation_named(Some("Acme"))
        .unwrap();
    let history = [mailroom::model::Permission::History].into_iter().collect();
    api.app
        .organisations()
        .set_default_permissions(&api.owner(), org.id, history)
        .unwrap();
    let defaults = client
        .post(
            ADDRESSES,
            json!({"local_part": "desk", "for": "other", "share_with": "ann@acme.example"}),
        )
        .await;
    assert_eq!(defaults.status, 201, "{}", defaults.body);
    assert_eq!(
        defaults.json()["users"][0]["permissions"],
        json!(["history"])
    );

    let invited = client
        .post(
            ADDRESSES,
            json!({"local_part": "partners", "for": "other", "share_with": "zoe@outside.example"}),
        )
        .await;
    assert_eq!(invited.status, 201, "{}", invited.body);
    assert_eq!(
        invited.json()["invitations"][0]["email"],
        "zoe@outside.example"
    );
    assert_eq!(invited.json()["invitations"][0]["state"], "pending");
    let outbox = client.get("/api/v1/outbox").await;
    assert_eq!(outbox.status, 200);
    assert_eq!(
        outbox.json()[0]["to"],
        "zoe@outside.example",
        "{}",
        outbox.body
    );

    // The read model agrees, and so does the history: done as the token.
    let read = client.get(&format!("{ADDRESSES}/sales")).await;
    assert_eq!(read.json()["users"][0]["login"], "ann@acme.example");
    let target = mailroom::app::AddressRef::parse("acme.example", "sales").unwrap();
    let history = api
        .app
        .addresses()
        .address_history(&api.owner(), &target, 10)
        .unwrap();
    assert!(
        history.iter().any(|h| h
            .actor
            .as_deref()
            .unwrap_or("")
            .contains("API token addresses token")),
        "{:?}",
        history.iter().map(|h| h.actor.clone()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn for_me_with_a_weak_password_creates_nothing_and_names_the_field() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    let weak = client
        .post(
            ADDRESSES,
            json!({"local_part": "me", "for": "me", "password": "short"}),
        )
        .await;
    assert_eq!(weak.status, 422, "{}", weak.body);
    assert_eq!(weak.json()["field"], "password");
    assert_eq!(weak.header("content-type"), "application/problem+json");
    let bad_name = client
        .post(
            ADDRESSES,
            json!({"local_part": "a b\u{7}", "for": "me", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(bad_name.status, 422);
    assert_eq!(bad_name.json()["field"], "local_part");
    let unknown_field = client
        .post(
            ADDRESSES,
            json!({"local_part": "me", "for": "me", "pasword": "typo"}),
        )
        .await;
    assert_eq!(unknown_field.status, 400, "{}", unknown_field.body);
    assert_eq!(unknown_field.problem(), "invalid-body");
    let list = client.get(ADDRESSES).await;
    assert_eq!(list.json()["items"], json!([]));

    let me = client
        .post(
            ADDRESSES,
            json!({"local_part": "me", "for": "me", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(me.status, 201, "{}", me.body);
    assert_eq!(me.json()["users"][0]["login"], "owner@acme.example");
    let again = client
        .post(
            ADDRESSES,
            json!({"local_part": "ME", "for": "me", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.problem(), "address-exists");
    assert_eq!(again.json()["field"], "local_part");
}

#[tokio::test]
async fn invite_onto_an_existing_address_then_resend_and_revoke() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    let users = shared_address(&client, "team").await;
    let invited = client
        .post(
            &users,
            json!({"email": "kim@outside.example", "permissions": ["history"]}),
        )
        .await;
    assert_eq!(invited.status, 201, "{}", invited.body);
    assert_eq!(invited.json()["result"], "invited");
    let id = invited.json()["invitation_id"].as_u64().unwrap();
    let twice = client
        .post(
            &users,
            json!({"email": "kim@outside.example", "permissions": ["history"]}),
        )
        .await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.problem(), "already-invited");
    let resend = client
        .post(
            &format!("{ADDRESSES}/team/invitations/{id}/resend"),
            json!(null),
        )
        .await;
    assert_eq!(resend.status, 204, "{}", resend.body);
    let revoke = client
        .delete(&format!("{ADDRESSES}/team/invitations/{id}"))
        .await;
    assert_eq!(revoke.status, 204);
    let read = client.get(&format!("{ADDRESSES}/team")).await;
    assert_eq!(
        read.json()["invitations"][0]["state"],
        "revoked",
        "{}",
        read.body
    );

    let ann = api.add_member("ann@acme.example", Role::Member);
    let added = client
        .post(
            &users,
            json!({"email": "ann@acme.example", "permissions": ["password"]}),
        )
        .await;
    assert_eq!(added.json()["result"], "member", "{}", added.body);
    let set = client
        .put(
            &format!("{users}/{}/permissions", ann.0),
            json!({"permissions": ["password", "aliases"]}),
        )
        .await;
    assert_eq!(set.status, 204, "{}", set.body);
    let read = client.get(&format!("{ADDRESSES}/team")).await;
    assert_eq!(
        read.json()["users"][0]["permissions"],
        json!(["password", "aliases"])
    );
    let removed = client.delete(&format!("{users}/{}", ann.0)).await;
    assert_eq!(removed.status, 204);
    let read = client.get(&format!("{ADDRESSES}/team")).await;
    assert_eq!(read.json()["users"], json!([]));
}

#[tokio::test]
async fn a_sharing_link_is_shown_once_and_revoked() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    client
        .post(
            ADDRESSES,
            json!({"local_part": "desk", "for": "multiple", "password": "a long enough password"}),
        )
        .await;
    let links = format!("{ADDRESSES}/desk/links");
    let too_long = client
        .post(&links, json!({"permissions": [], "days": 400}))
        .await;
    assert_eq!(too_long.status, 422);
    assert_eq!(too_long.json()["field"], "days");
    let link = client
        .post(&links, json!({"permissions": ["history"], "days": 7}))
        .await;
    assert_eq!(link.status, 201, "{}", link.body);
    let url = link.json()["url"].as_str().unwrap().to_owned();
    assert!(url.contains("/links/"), "{url}");
    let listed = client.get(&links).await;
    assert_eq!(listed.json()[0]["uses"], 0);
    assert!(
        listed.json()[0].get("url").is_none(),
        "the link is shown once"
    );
    let id = link.json()["id"].as_u64().unwrap();
    assert_eq!(client.delete(&format!("{links}/{id}")).await.status, 204);
    assert_eq!(client.get(&links).await.json()[0]["revoked"], true);
    // The page the link leads to says it was revoked.
    let path = url.split_once("/links/").unwrap().1;
    let offer = api
        .app
        .sharing()
        .offer(mailroom::app::Token::Link, path)
        .unwrap();
    assert!(
        matches!(offer, Err(mailroom::app::LinkProblem::Revoked)),
        "{offer:?}"
    );
}

#[tokio::test]
async fn import_with_a_bad_row_previews_starts_and_reports() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    let csv = "address,password\nanna,a long password 1\nbad name,a long password 2\nboss,a long password 3\n";
    let uploaded = client
        .send(
            axum::http::Method::POST,
            "/api/v1/services/acme.example/imports?file_name=people.csv",
            Some("text/csv"),
            csv,
        )
        .await;
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let body = uploaded.json();
    assert_eq!(
        (body["rows"].as_u64(), body["valid"].as_u64()),
        (Some(3), Some(2))
    );
    let bad = &body["preview"]["rows"][1];
    assert_eq!(
        (bad["ok"].as_bool(), bad["line"].as_u64()),
        (Some(false), Some(3))
    );
    assert_eq!(bad["column"], "address");
    let id = body["id"].as_u64().unwrap();
    let path = format!("/api/v1/services/acme.example/imports/{id}");
    assert_eq!(uploaded.header("location"), path);

    let started = client.post(&format!("{path}/start"), json!(null)).await;
    assert_eq!(started.status, 202, "{}", started.body);
    assert_eq!(started.json()["state"], "running");
    let twice = client.post(&format!("{path}/start"), json!(null)).await;
    assert_eq!(twice.problem(), "import-started");
    for _ in 0..20 {
        api.app.imports().import_batch(ImportId(id)).unwrap();
        if api
            .app
            .imports()
            .import_record(
                api.owner().user,
                &mailroom::model::Domain::parse("acme.example").unwrap(),
                ImportId(id),
            )
            .unwrap()
            .state
            == ImportState::Done
        {
            break;
        }
    }
    let done = client.get(&path).await;
    assert_eq!(done.json()["state"], "done", "{}", done.body);
    assert_eq!(
        (
            done.json()["created"].as_u64(),
            done.json()["skipped"].as_u64()
        ),
        (Some(2), Some(1))
    );
    let report = client.get(&format!("{path}/report.csv")).await;
    assert_eq!(report.status, 200);
    assert!(
        report.body.starts_with("line,address,result,reason\n"),
        "{}",
        report.body
    );
    assert!(
        report.body.contains("3,bad name,skipped,column address:"),
        "{}",
        report.body
    );
    let list = client.get(ADDRESSES).await;
    let items = list.json()["items"].clone();
    let names: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["local_part"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["anna", "boss"]);
}

#[tokio::test]
async fn delete_needs_confirmation_and_restore_brings_it_back() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    client
        .post(
            ADDRESSES,
            json!({"local_part": "old", "for": "multiple", "password": "a long enough password"}),
        )
        .await;
    let unconfirmed = client.delete(&format!("{ADDRESSES}/old")).await;
    assert_eq!(unconfirmed.status, 422);
    assert_eq!(unconfirmed.json()["field"], "confirm");
    assert_eq!(client.get(&format!("{ADDRESSES}/old")).await.status, 200);
    let deleted = client
        .delete(&format!("{ADDRESSES}/old?confirm=true"))
        .await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    assert_eq!(client.get(&format!("{ADDRESSES}/old")).await.status, 404);
    let list = client.get("/api/v1/services/acme.example/deleted").await;
    let id = list.json()[0]["id"].as_u64().unwrap();
    let restored = client
        .post(
            &format!("/api/v1/services/acme.example/deleted/{id}/restore"),
            json!(null),
        )
        .await;
    assert_eq!(restored.status, 200, "{}", restored.body);
    assert_eq!(restored.json()["address"], "old@acme.example");
    assert_eq!(client.get(&format!("{ADDRESSES}/old")).await.status, 200);
}

#[tokio::test]
async fn forwarding_aliases_and_password() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    client
        .post(
            ADDRESSES,
            json!({"local_part": "info", "for": "multiple", "password": "a long enough password"}),
        )
        .await;
    let to_self = client
        .put(
            &format!("{ADDRESSES}/info/forwarding"),
            json!({"forward_to": "info@acme.example"}),
        )
        .await;
    assert_eq!(to_self.problem(), "forward-to-self");
    let saved = client
        .put(
            &format!("{ADDRESSES}/info/forwarding"),
            json!({"forward_to": "boss@elsewhere.example", "keep_copy": true}),
        )
        .await;
    assert_eq!(saved.status, 204, "{}", saved.body);
    let alias = client
        .post(
            &format!("{ADDRESSES}/info/aliases"),
            json!({"alias": "contact"}),
        )
        .await;
    assert_eq!(alias.status, 201, "{}", alias.body);
    assert_eq!(alias.json()["aliases"], json!(["contact"]));
    assert_eq!(alias.json()["forwarding"]["to"], "boss@elsewhere.example");
    let taken = client
        .post(ADDRESSES, json!({"local_part": "contact", "for": "multiple", "password": "a long enough password"}))
        .await;
    assert_eq!(taken.problem(), "alias-of-another");
    assert_eq!(
        client
            .delete(&format!("{ADDRESSES}/info/aliases/contact"))
            .await
            .status,
        204
    );
    let password = client
        .put(
            &format!("{ADDRESSES}/info/password"),
            json!({"password": "another long password"}),
        )
        .await;
    assert_eq!(password.status, 204, "{}", password.body);
    let weak = client
        .put(
            &format!("{ADDRESSES}/info/password"),
            json!({"password": "x"}),
        )
        .await;
    assert_eq!(weak.json()["field"], "password");
}

/// An invitation made through the API is written in the language asked
/// for (the organisation's when none is); a language we do not write is
/// refused and sends nothing.
#[tokio::test]
async fn an_invitation_is_written_in_the_language_asked_for() {
    let api = Api::new();
    let client = api.client(&api.token(Scope::Addresses));
    let users = shared_address(&client, "team").await;
    let refused = client
        .post(
            &users,
            json!({"email": "kim@outside.example", "permissions": [], "lang": "xx"}),
        )
        .await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.body.contains("lang"), "{}", refused.body);
    let outbox = |api: &Api| {
        api.app
            .operations()
            .outbox_for(api.owner().user, 10)
            .unwrap()
    };
    assert!(outbox(&api).is_empty());
    let invited = client
        .post(
            &users,
            json!({"email": "kim@outside.example", "permissions": [], "lang": "it"}),
        )
        .await;
    assert_eq!(invited.status, 201, "{}", invited.body);
    let message = outbox(&api).remove(0);
    assert!(
        message
            .subject
            .contains("La invita a utilizzare team@acme.example"),
        "{}",
        message.subject
    );
}
