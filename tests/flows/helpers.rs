#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use mailroom::App;
use mailroom::app::{Actor, AddressRef, AppSettings, NewAddress, ShareMode, ShareWith, StoreAt};
use mailroom::model::{
    AddressId, Domain, EmailAddress, LocalPart, Password, Permissions, Role, UserId,
};
use mailroom::web::{AppState, router};
use tower::ServiceExt;

pub const OWNER: &str = "owner@acme.example";
pub const PASSWORD: &str = "correct horse battery";

#[path = "../support/test_store.rs"]
mod test_store;
pub use test_store::new_store;

/// One Mailroom on a fresh data folder, or on a fresh PostgreSQL database
/// when `MAILROOM_TEST_STORE=postgres` (scripts/test runs the flows on
/// both stores).
pub struct TestApp {
    pub dir: tempfile::TempDir,
    pub app: Arc<App>,
    pub router: Router,
    pub settings: AppSettings,
    pub store: StoreAt,
}

impl TestApp {
    pub fn new() -> Self {
        Self::with_settings(AppSettings::default())
    }

    pub fn with_settings(settings: AppSettings) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = new_store(dir.path());
        let (app, router) = open(&store, &settings);
        Self {
            dir,
            app,
            router,
            settings,
            store,
        }
    }

    /// Closes the store and opens it again, as a restart would.
    pub fn restart(&mut self) {
        let (app, router) = {
            let placeholder = tempfile::tempdir().expect("temp dir");
            let stand_in = StoreAt::File(placeholder.path().join("x.redb"));
            let (app, router) = open(&stand_in, &self.settings);
            let old_app = std::mem::replace(&mut self.app, app);
            let old_router = std::mem::replace(&mut self.router, router);
            drop(old_router);
            assert_eq!(
                Arc::strong_count(&old_app),
                1,
                "a client still holds the old app"
            );
            drop(old_app);
            open(&self.store, &self.settings)
        };
        self.app = app;
        self.router = router;
    }

    pub fn client(&self) -> Client {
        self.client_from("127.0.0.1")
    }

    /// A browser on a router built with other web settings.
    pub fn client_on(&self, router: Router) -> Client {
        Client {
            router,
            cookies: HashMap::new(),
            csrf: None,
            ip: "127.0.0.1:40000".parse().expect("ip"),
            headers: Vec::new(),
        }
    }

    /// A browser at a given client address (throttling is per address).
    pub fn client_from(&self, ip: &str) -> Client {
        Client {
            router: self.router.clone(),
            cookies: HashMap::new(),
            csrf: None,
            ip: format!("{ip}:40000").parse().expect("ip"),
            headers: Vec::new(),
        }
    }

    /// Setup through the web page; returns a logged-in owner.
    pub async fn set_up(&self) -> Client {
        let mut owner = self.client();
        owner.get("/setup").await;
        let response = owner
            .post(
                "/setup",
                &[
                    ("organisation", "Acme"),
                    ("email", OWNER),
                    ("password", PASSWORD),
                    ("confirm", PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        owner
    }

    /// The newest message Mailroom queued, whole, as its recipient will
    /// read it: the Outbox never shows a private link (a reset, a sign-up
    /// or an invitation), so tests read the mail itself from the store.
    pub fn last_mail(&self) -> mailroom::model::Message {
        use mailroom::store::prelude::*;
        let reader = self.app.store_for_tests().read().unwrap();
        let orgs: Vec<_> = reader
            .organisations()
            .unwrap()
            .iter()
            .map(|o| o.id)
            .collect();
        reader.messages_of(&orgs, 1).unwrap().remove(0)
    }

    /// The path of the newest message's link, as its recipient opens it.
    pub fn last_link_path(&self) -> String {
        let link = self.last_mail().link.expect("a link");
        link.strip_prefix("http://127.0.0.1:8080")
            .expect("this server's link")
            .to_owned()
    }

    /// What `user` holds on the address `local` of acme.example, as the
    /// store has it.
    pub fn held(&self, local: &str, user: UserId) -> Option<Permissions> {
        use mailroom::store::prelude::*;
        let address = self.stored(local).expect("address").id;
        self.app
            .store_for_tests()
            .read()
            .expect("read")
            .access(address, user)
            .expect("access")
            .map(|a| a.permissions)
    }

    pub fn owner(&self) -> Actor {
        let org = self
            .app
            .organisations()
            .organisation_named(Some("Acme"))
            .expect("org");
        self.app.organisations().owner_of(org.id).expect("owner")
    }

    /// A service as an operator adds it, its domain taken as verified
    /// (`mailroom service add --skip-verification`): the mail server may
    /// answer for it at once.
    pub fn add_service(&self, domain: &str) {
        let org = self
            .app
            .organisations()
            .organisation_named(Some("Acme"))
            .expect("org");
        self.app
            .services()
            .add_service_vouched(
                &self.owner(),
                org.id,
                &Domain::parse(domain).expect("domain"),
            )
            .expect("service");
    }

    pub fn add_member(&self, email: &str, role: Role) -> UserId {
        let org = self
            .app
            .organisations()
            .organisation_named(Some("Acme"))
            .expect("org");
        let login = EmailAddress::parse(email).expect("email");
        self.app
            .organisations()
            .add_member(
                &self.owner(),
                org.id,
                &login,
                &Password::new(PASSWORD, None).expect("pw"),
                role,
            )
            .expect("member")
    }

    /// Gives a member access to an address, as its sharing flow would.
    pub fn share(&self, domain: &str, local: &str, user: UserId, permissions: Permissions) {
        let owner = self.owner();
        let target = AddressRef::parse(domain, local).expect("address");
        self.app
            .sharing()
            .share_address(
                &owner,
                &target,
                ShareWith::Member(user),
                permissions,
                ShareMode::AtOnce,
            )
            .expect("share");
    }

    /// The address of acme.example with this name, as stored (deleted ones
    /// too, within their retention).
    pub fn stored(&self, local: &str) -> Option<mailroom::model::Address> {
        use mailroom::store::prelude::*;
        let reader = self.app.store_for_tests().read().expect("read");
        let service = reader
            .service_by_domain(&Domain::parse("acme.example").expect("domain"))
            .expect("service")
            .expect("acme.example");
        reader
            .address_by_name(service.id, &LocalPart::parse(local).expect("local"))
            .expect("address")
    }

    /// Creates addresses without passwords (hashing is not what is tested).
    pub fn add_addresses(&self, domain: &str, locals: &[&str]) -> Vec<AddressId> {
        let owner = self.owner();
        let domain = Domain::parse(domain).expect("domain");
        locals
            .iter()
            .map(|local| {
                self.app
                    .addresses()
                    .create_address(
                        &owner,
                        &domain,
                        NewAddress {
                            local_part: LocalPart::parse(local).expect("local"),
                            for_whom: mailroom::app::ForWhom::Multiple,
                            password: None,
                            forwarding: None,
                            display_name: None,
                            quota: None,
                        },
                    )
                    .expect("address")
                    .id
            })
            .collect()
    }
}

fn open(store: &StoreAt, settings: &AppSettings) -> (Arc<App>, Router) {
    let app = Arc::new(App::open_at(store, settings.clone()).expect("open"));
    let router = router(AppState::new(Arc::clone(&app), false));
    (app, router)
}

pub struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Response {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// A browser: keeps cookies, and the CSRF token of the last page it read.
pub struct Client {
    router: Router,
    pub cookies: HashMap<String, String>,
    pub csrf: Option<String>,
    ip: SocketAddr,
    /// Sent with every request (a proxy's X-Forwarded-For, say).
    pub headers: Vec<(String, String)>,
}

impl Client {
    pub async fn get(&mut self, path: &str) -> Response {
        self.send(Request::get(path), Body::empty()).await
    }

    pub async fn htmx_get(&mut self, path: &str) -> Response {
        self.send(
            Request::get(path).header("hx-request", "true"),
            Body::empty(),
        )
        .await
    }

    /// Posts a form with the CSRF token of the last page read.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.clone().unwrap_or_default();
        all.push(("_csrf", &csrf));
        self.post_raw(path, &all).await
    }

    /// Posts a form as htmx does, with the token in the header.
    pub async fn htmx_post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let body = serde_urlencoded::to_string(fields).expect("form");
        let csrf = self.csrf.clone().unwrap_or_default();
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("hx-request", "true")
                .header("x-csrf-token", csrf),
            Body::from(body),
        )
        .await
    }

    /// Posts a raw body, as a program other than a browser would.
    pub async fn post_body(&mut self, path: &str, content_type: &str, body: &str) -> Response {
        self.send(
            Request::post(path).header(header::CONTENT_TYPE, content_type),
            Body::from(body.to_owned()),
        )
        .await
    }

    /// Uploads a file as a browser's multipart form does, with the CSRF
    /// token in the action URL (`with_token`) or without it.
    pub async fn upload(
        &mut self,
        path: &str,
        file_name: &str,
        bytes: &[u8],
        with_token: bool,
    ) -> Response {
        let boundary = "mailroom-test-boundary";
        let csrf = self.csrf.clone().unwrap_or_default();
        let mut body = Vec::new();
        if with_token {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.send(
            Request::post(path).header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            ),
            Body::from(body),
        )
        .await
    }

    /// Posts exactly these fields.
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.send(
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(body),
        )
        .await
    }

    /// The CSRF token this browser's pages carry.
    pub fn csrf_token(&self) -> String {
        self.csrf.clone().unwrap_or_default()
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Response {
        self.get("/login").await;
        self.post("/login", &[("email", email), ("password", password)])
            .await
    }

    async fn send(&mut self, builder: axum::http::request::Builder, body: Body) -> Response {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut builder = builder.header(header::COOKIE, cookie);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let mut request = builder.body(body).expect("request");
        request.extensions_mut().insert(ConnectInfo(self.ip));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        for value in headers.get_all(header::SET_COOKIE) {
            let text = value.to_str().expect("cookie");
            let pair = text.split(';').next().unwrap_or("");
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || text.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = csrf_in(&body) {
            self.csrf = Some(token);
        }
        Response {
            status,
            headers,
            body,
        }
    }
}

fn csrf_in(body: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}
