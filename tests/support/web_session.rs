//! A browser's session against the real router in-process: cookies, the
//! CSRF token of the last page read, and a login.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

#[derive(Default)]
pub struct Session {
    cookies: Vec<String>,
    csrf: String,
}

impl Session {
    pub async fn send(
        &mut self,
        router: &axum::Router,
        request: Request<Body>,
    ) -> (StatusCode, String) {
        let mut request = request;
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [127, 0, 0, 1],
                4000,
            ))));
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        for cookie in response.headers().get_all(header::SET_COOKIE) {
            let pair = cookie
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_owned();
            let name = pair.split('=').next().unwrap().to_owned();
            self.cookies.retain(|c| !c.starts_with(&format!("{name}=")));
            self.cookies.push(pair);
        }
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&body).into_owned();
        if let Some(at) = body.find("name=\"_csrf\" value=\"") {
            let rest = &body[at + 20..];
            self.csrf = rest[..rest.find('"').unwrap()].to_owned();
        }
        (status, body)
    }

    pub async fn get(&mut self, router: &axum::Router, path: &str) -> (StatusCode, String) {
        let request = Request::get(path)
            .header(header::COOKIE, self.cookies.join("; "))
            .body(Body::empty())
            .unwrap();
        self.send(router, request).await
    }

    pub async fn post_form(
        &mut self,
        router: &axum::Router,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String) {
        let mut all = fields.to_vec();
        let csrf = self.csrf.clone();
        all.push(("_csrf", &csrf));
        let request = Request::post(path)
            .header(header::COOKIE, self.cookies.join("; "))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_urlencoded::to_string(&all).unwrap()))
            .unwrap();
        self.send(router, request).await
    }

    pub async fn login(&mut self, router: &axum::Router, email: &str, password: &str) {
        self.get(router, "/login").await;
        let (status, body) = self
            .post_form(
                router,
                "/login",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    }
}
