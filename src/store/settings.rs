//! The installation's settings an operator changes while it runs.

use super::codec::encode;
use super::records::get;
use super::schema::SETTINGS;
use super::{Query, Result, Writer};
use crate::model::Limits;

const DEFAULT_LIMITS: &str = "default_limits";

pub trait SettingsQueries: Query {
    /// The limits a new organisation starts with (none, until set).
    fn default_limits(&self) -> Result<Limits> {
        Ok(get(&self.table(SETTINGS)?, DEFAULT_LIMITS)?.unwrap_or_default())
    }
}

impl<Q: Query> SettingsQueries for Q {}

impl Writer {
    pub fn put_default_limits(&mut self, limits: &Limits) -> Result<()> {
        self.table(SETTINGS)?
            .put(DEFAULT_LIMITS, encode(limits)?.as_slice())?;
        Ok(())
    }
}
