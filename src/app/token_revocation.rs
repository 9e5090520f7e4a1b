//! Revoking one token, in the caller's transaction: what an organisation's
//! tokens page, the operators' tokens page and the end of an operator's
//! role share (apart from `tokens.rs`, which checks an organisation's
//! rights, so that operators need not depend on it).

use super::audit::record;
use super::{Actor, AppError, Result, now};
use crate::model::{OrgId, TokenId};
use crate::store::Writer;
use crate::store::prelude::*;

/// Marks a token of `org` (`None`: an operator's) revoked, once.
pub(super) fn revoke_in(
    tx: &mut Writer,
    actor: Option<&Actor>,
    id: TokenId,
    org: Option<OrgId>,
) -> Result<()> {
    let mut token = tx
        .api_token(id)?
        .filter(|t| t.org == org)
        .ok_or(AppError::NotFound)?;
    if token.revoked.is_none() {
        token.revoked = Some(now());
        tx.put_api_token(&token)?;
        record(tx, actor, org, "token.revoke", token.name)?;
    }
    Ok(())
}
