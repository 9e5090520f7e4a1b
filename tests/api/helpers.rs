#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use mailroom::App;
use mailroom::app::{Actor, AppSettings, NewToken};
use mailroom::model::{Domain, EmailAddress, OrgId, Password, Role, Scope, UserId};
use mailroom::web::AppState;
use serde_json::Value;
use tower::ServiceExt;

use super::contract::Contract;
use super::refusing_resolver::RefusingResolver;

pub const PASSWORD: &str = "correct horse battery";

/// One Mailroom with two organisations of the same owner: Acme
/// (acme.example) and Umbrella (umbrella.example).
pub struct Api {
    pub dir: tempfile::TempDir,
    pub app: Arc<App>,
    pub router: Router,
    pub settings: AppSettings,
    pub acme: OrgId,
    pub umbrella: OrgId,
    pub contract: Arc<Contract>,
    /// Every answer of the API, for the contract check.
    pub seen: Arc<Mutex<Vec<Seen>>>,
    /// The DNS the app asks: it counts the questions.
    pub dns: RefusingResolver,
    pub store: mailroom::app::StoreAt,
}

#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    pub path: String,
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The problem's type, without the documentation prefix.
    pub fn problem(&self) -> String {
        let kind = self.json()["type"].as_str().unwrap_or("").to_owned();
        kind.trim_start_matches("/api/v1/docs#problem-").to_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl Api {
    pub fn new() -> Self {
        Self::with_settings(AppSettings::default())
    }

    /// DNS questions go to a resolver of the test's own that refuses them.
    pub fn with_settings(mut settings: AppSettings) -> Self {
        let dns = RefusingResolver::start();
        settings.dns_resolver = Some(dns.addr);
        let dir = tempfile::tempdir().expect("temp dir");
        let store = super::test_store::new_store(dir.path());
        let app = Arc::new(App::open_at(&store, settings.clone()).expect("open"));
        let owner = EmailAddress::parse("owner@acme.example").unwrap();
        app.accounts()
            .setup(
                "Acme",
                &owner,
                &Password::new(PASSWORD, None).unwrap(),
                None,
            )
            .expect("setup");
        let acme = app
            .organisations()
            .organisation_named(Some("Acme"))
            .unwrap()
            .id;
        let actor = app.organisations().owner_of(acme).unwrap();
        app.services()
            .add_service(&actor, acme, &Domain::parse("acme.example").unwrap())
            .unwrap();
        // Acme's owner owns Umbrella too: an Acme token must still not
        // reach it.
        let umbrella = app
            .operators()
            .create_organisation(
                mailroom::app::OperatorActor::CommandLine,
                "Umbrella",
                &mailroom::model::EmailAddress::parse("owner@acme.example").unwrap(),
            )
            .expect("second organisation")
            .id;
        app.services()
            .add_service(
                &actor,
                umbrella,
                &Domain::parse("umbrella.example").unwrap(),
            )
            .unwrap();
        let router = mailroom::server::public_router(AppState::new(Arc::clone(&app), false));
        Self {
            dir,
            app,
            router,
            settings,
            acme,
            umbrella,
            contract: Arc::new(Contract::load()),
            seen: Arc::default(),
            dns,
            store,
        }
    }

    /// Closes the database and opens it again, as a restart would (every
    /// client of the old router must be gone).
    pub fn restart(&mut self) {
        let placeholder = tempfile::tempdir().expect("temp dir");
        let stand_in = Arc::new(
            App::open(&placeholder.path().join("x.redb"), self.settings.clone()).expect("open"),
        );
        self.router = mailroom::server::public_router(AppState::new(Arc::clone(&stand_in), false));
        let old = std::mem::replace(&mut self.app, stand_in);
        assert_eq!(
            Arc::strong_count(&old),
            1,
            "a client still holds the old app"
        );
        drop(old);
        self.app = Arc::new(App::open_at(&self.store, self.settings.clone()).expect("reopen"));
        self.router = mailroom::server::public_router(AppState::new(Arc::clone(&self.app), false));
    }

    pub fn owner(&self) -> Actor {
        self.app.organisations().owner_of(self.acme).unwrap()
    }

    pub fn add_member(&self, email: &str, role: Role) -> UserId {
        self.app
            .organisations()
            .add_member(
                &self.owner(),
                self.acme,
                &EmailAddress::parse(email).unwrap(),
                &Password::new(PASSWORD, None).unwrap(),
                role,
            )
            .expect("member")
    }

    /// A token of Acme's owner (or of `actor`) with this scope.
    pub fn token(&self, scope: Scope) -> String {
        self.token_of(&self.owner(), self.acme, scope, Vec::new())
    }

    pub fn token_of(
        &self,
        actor: &Actor,
        org: OrgId,
        scope: Scope,
        allow: Vec<ipnet::IpNet>,
    ) -> String {
        let new = NewToken {
            name: format!("{} token", scope.name()),
            scope,
            days: Some(30),
            allow_from: allow,
        };
        self.app
            .tokens()
            .create_token(actor, org, new)
            .expect("token")
            .1
    }

    pub fn client(&self, token: &str) -> Client {
        Client {
            router: self.router.clone(),
            token: Some(token.to_owned()),
            ip: "127.0.0.1:40000".parse().unwrap(),
            seen: Arc::clone(&self.seen),
            key: None,
        }
    }
}

pub struct Client {
    pub router: Router,
    pub token: Option<String>,
    pub ip: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// Sent as Idempotency-Key with the next requests.
    pub key: Option<String>,
}

impl Client {
    pub async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None, "").await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(Method::DELETE, path, None, "").await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(
            Method::POST,
            path,
            Some("application/json"),
            &body.to_string(),
        )
        .await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.send(
            Method::PUT,
            path,
            Some("application/json"),
            &body.to_string(),
        )
        .await
    }

    pub async fn send(&self, method: Method, path: &str, kind: Option<&str>, body: &str) -> Answer {
        let mut builder = Request::builder().method(method.clone()).uri(path);
        if let Some(token) = &self.token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(kind) = kind {
            builder = builder.header(header::CONTENT_TYPE, kind);
        }
        if let Some(key) = &self.key {
            builder = builder.header("idempotency-key", key);
        }
        let mut request = builder.body(Body::from(body.to_owned())).expect("request");
        request.extensions_mut().insert(ConnectInfo(self.ip));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let bare = path.split('?').next().unwrap_or(path).to_owned();
        if bare.starts_with("/api/v1/") && bare != "/api/v1/openapi.json" && bare != "/api/v1/docs"
        {
            self.seen.lock().unwrap().push(Seen {
                method,
                path: bare,
                status,
                content_type,
                body: body.clone(),
            });
        }
        Answer {
            status,
            headers,
            body,
        }
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let seen = self.seen.lock().unwrap().clone();
        if !seen.is_empty() {
            super::contract::assert_all(&self.contract, &seen);
        }
    }
}

impl Api {
    /// Acme's owner, the installation's operator, signed up for two-factor
    /// sign-in (as operators must be), and a token of theirs for the
    /// operator's API.
    pub fn operator_token(&self) -> String {
        self.operator_token_from(Vec::new())
    }

    /// The same, accepted only from `allow_from`.
    pub fn operator_token_from(&self, allow_from: Vec<ipnet::IpNet>) -> String {
        let owner = self.owner();
        let enrolment = self
            .app
            .accounts()
            .begin_second_factor(&owner)
            .expect("enrolment");
        let secret = totp_rs::Secret::try_from_base32(&enrolment.secret_base32)
            .expect("base32")
            .as_ref()
            .to_vec();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs();
        let code = totp_rs::Builder::new()
            .with_secret(secret)
            .build()
            .expect("totp")
            .generate(now)
            .to_string();
        self.app
            .accounts()
            .confirm_second_factor(&owner, None, &code)
            .expect("enrolled");
        let new = NewToken {
            name: "provisioning".into(),
            scope: Scope::Operator,
            days: None,
            allow_from,
        };
        self.app
            .operators()
            .create_operator_token(&owner, new)
            .expect("operator token")
            .1
    }
}
