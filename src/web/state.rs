//! How web pages run use cases: off the async executor, errors as pages.

use super::AppState;
use super::error::WebError;
use crate::App;
use crate::app::AppError;

impl AppState {
    /// Runs a use case off the async executor: every use case may wait on
    /// the redb writer or hash a password.
    pub async fn run<T, F>(&self, f: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
    {
        self.blocking(f)
            .await
            .map_err(WebError::Internal)?
            .map_err(WebError::from)
    }
}
