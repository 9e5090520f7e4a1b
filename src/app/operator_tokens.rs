//! Operators' API tokens, for a provider's own systems: made by an operator
//! in person (or for one on the command line), listed and revoked by any
//! operator. Such a token has no organisation and the `operator` scope; it
//! acts as the operator who made it, on the operator's use cases only, and
//! stops working when they stop being an operator.

use super::capabilities::Operators;
use super::operators::OperatorActor;
use super::token_revocation::revoke_in;
use super::tokens::NewToken;
use super::{Actor, AppError, Rejection, Result};
use crate::model::{ApiToken, EmailAddress, Scope, TokenId};
use crate::store::prelude::*;

impl Operators<'_> {
    /// Makes a token for the operator signed in; gives its secret once.
    pub fn create_operator_token(&self, by: &Actor, new: NewToken) -> Result<(ApiToken, String)> {
        let new = operator_scoped(new)?;
        self.app.store.write(|tx| {
            OperatorActor::Person(by).require_without_token(tx)?;
            self.app.tokens().insert(tx, by, Some(by), None, &new)
        })
    }

    /// Makes a token that acts as the operator `login` (the command line
    /// makes one for whoever runs the provider's systems). An operator
    /// without two-factor sign-in gets none: it would be refused at once.
    pub fn create_operator_token_for(
        &self,
        by: OperatorActor<'_>,
        login: &EmailAddress,
        new: NewToken,
    ) -> Result<(ApiToken, String)> {
        let new = operator_scoped(new)?;
        self.app.store.write(|tx| {
            by.require_without_token(tx)?;
            let user = tx
                .user_by_login(login)?
                .filter(|u| u.operator)
                .ok_or_else(|| Rejection::NotAnOperator(login.clone()))?;
            let holder = Actor {
                user: user.id,
                token: None,
                ip: None,
            };
            OperatorActor::Person(&holder).require(tx)?;
            self.app
                .tokens()
                .insert(tx, &holder, by.actor(), None, &new)
        })
    }

    /// The operators' tokens, newest first, each with the login of the
    /// operator it acts as.
    pub fn operator_tokens(
        &self,
        by: OperatorActor<'_>,
    ) -> Result<Vec<(ApiToken, Option<EmailAddress>)>> {
        let reader = self.app.store.read()?;
        by.require(&reader)?;
        let mut tokens = Vec::new();
        for token in reader.operator_tokens()?.into_iter().rev() {
            let holder = reader.user(token.created_by)?.map(|u| u.login);
            tokens.push((token, holder));
        }
        Ok(tokens)
    }

    /// Revokes an operator's token; any operator may (one who left keeps
    /// none of theirs working through another's absence).
    pub fn revoke_operator_token(&self, by: OperatorActor<'_>, id: TokenId) -> Result<()> {
        self.app.store.write(|tx| {
            by.require_without_token(tx)?;
            revoke_in(tx, by.actor(), id, None)
        })
    }
}

fn operator_scoped(new: NewToken) -> Result<NewToken> {
    let new = new.checked()?;
    if new.scope != Scope::Operator {
        return Err(AppError::Forbidden);
    }
    Ok(new)
}
