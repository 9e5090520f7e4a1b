//! The state every handler of the public listener gets.

use std::sync::Arc;

use crate::App;
use crate::app::AppError;

use super::profile_links::ProfileLinks;

#[derive(Clone)]
pub struct AppState {
    pub app: Arc<App>,
    pub secure_cookies: bool,
    /// Profiles with a device password, handed to phones by link.
    pub profiles: Arc<ProfileLinks>,
    /// Reverse proxies whose forwarding header names the client.
    pub proxies: Arc<super::client_ip::Proxies>,
}

impl AppState {
    pub fn new(app: Arc<App>, secure_cookies: bool) -> Self {
        Self {
            app,
            secure_cookies,
            profiles: Arc::default(),
            proxies: Arc::default(),
        }
    }

    pub fn with_trusted_proxies(mut self, proxies: Vec<ipnet::IpNet>) -> Self {
        Arc::make_mut(&mut self.proxies).trusted = proxies;
        self
    }

    /// The one header trusted proxies name the client in.
    pub fn with_client_ip_header(mut self, header: axum::http::HeaderName) -> Self {
        Arc::make_mut(&mut self.proxies).header = header;
        self
    }

    /// Runs a use case off the async executor: every use case may wait on
    /// the redb writer or hash a password. Each interface maps the errors
    /// its own way; the outer error is a worker that died.
    pub async fn blocking<T, F>(&self, f: F) -> Result<Result<T, AppError>, String>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
    {
        let app = Arc::clone(&self.app);
        // The request's language goes along, for the messages it writes.
        let lang = crate::i18n::current();
        tokio::task::spawn_blocking(move || crate::i18n::sync_scope(lang, || f(&app)))
            .await
            .map_err(|e| format!("a task failed: {e}"))
    }
}
