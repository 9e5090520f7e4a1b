//! Which language people read: their own choice, and their organisation's
//! default.

use super::audit::record;
use super::capabilities::{Accounts, Organisations, Sharing};
use super::services::require_manager_of;
use super::{Actor, AppError, Result};
use crate::model::{Lang, OrgId, Scope};
use crate::store::prelude::*;

impl Accounts<'_> {
    /// Saves the language the actor chose for themselves (`None`: let the
    /// browser decide again).
    pub fn set_language(&self, actor: &Actor, lang: Option<Lang>) -> Result<()> {
        self.app.store.write(|tx| {
            let mut user = tx.user(actor.user)?.ok_or(AppError::NotFound)?;
            if user.lang == lang {
                return Ok(());
            }
            user.lang = lang;
            tx.put_user(&user)?;
            let code = lang.map_or("browser", Lang::code);
            record(tx, Some(actor), None, "account.language", code)
        })
    }
}

impl Organisations<'_> {
    /// The organisation's default language (owners and admins).
    pub fn set_organisation_language(&self, actor: &Actor, org: OrgId, lang: Lang) -> Result<()> {
        self.app.store.write(|tx| {
            require_manager_of(tx, actor, org, Scope::Admin)?;
            let mut organisation = tx.organisation(org)?.ok_or(AppError::NotFound)?;
            organisation.lang = lang;
            tx.put_organisation(&organisation)?;
            record(
                tx,
                Some(actor),
                Some(org),
                "organisation.language",
                lang.code(),
            )
        })
    }

    /// The organisation's time zone (owners and admins): reply dates are
    /// typed and shown in it.
    pub fn set_time_zone(
        &self,
        actor: &Actor,
        org: OrgId,
        zone: crate::model::TimeZoneName,
    ) -> Result<()> {
        self.app.store.write(|tx| {
            require_manager_of(tx, actor, org, Scope::Admin)?;
            let mut organisation = tx.organisation(org)?.ok_or(AppError::NotFound)?;
            if organisation.time_zone.as_ref() == Some(&zone) {
                return Ok(());
            }
            organisation.time_zone = Some(zone.clone());
            tx.put_organisation(&organisation)?;
            record(
                tx,
                Some(actor),
                Some(org),
                "organisation.time_zone",
                zone.as_str(),
            )
        })
    }

    /// The language for someone nobody knows yet (the login page, an error
    /// page): the first organisation's, as most servers run one.
    pub fn default_lang(&self) -> Result<Lang> {
        let reader = self.app.store.read()?;
        Ok(reader
            .first_organisation()?
            .map(|o| o.lang)
            .unwrap_or_default())
    }
}

impl Sharing<'_> {
    /// The language of an invitation, by its link's token: its pages speak
    /// what its email spoke.
    pub fn invitation_lang(&self, token: &str) -> Result<Option<Lang>> {
        let reader = self.app.store.read()?;
        let hash = super::accounts::token_hash(token);
        Ok(reader.invitation_by_token(&hash)?.map(|i| i.lang))
    }
}
