//! API tokens (an organisation's listed by organisation; the operators',
//! which are few, by reading the tokens) and the answers kept for
//! idempotency keys.

use super::codec::{decode, encode};
use super::records::{all, children, get};
use super::schema::{API_TOKENS, IDEMPOTENCY, ORG_TOKENS};
use super::{Query, Result, Writer};
use crate::model::{ApiToken, IdempotentAnswer, OrgId, TokenId};

pub trait TokenQueries: Query {
    fn api_token(&self, id: TokenId) -> Result<Option<ApiToken>> {
        get(&self.table(API_TOKENS)?, id.0)
    }

    /// An organisation's tokens, oldest first.
    fn tokens_of(&self, org: OrgId) -> Result<Vec<ApiToken>> {
        children(&self.table(ORG_TOKENS)?, &self.table(API_TOKENS)?, org.0)
    }

    /// The operators' tokens, oldest first.
    fn operator_tokens(&self) -> Result<Vec<ApiToken>> {
        let tokens: Vec<ApiToken> = all(&self.table(API_TOKENS)?)?;
        Ok(tokens.into_iter().filter(|t| t.org.is_none()).collect())
    }

    fn idempotent_answer(&self, token: TokenId, key: &str) -> Result<Option<IdempotentAnswer>> {
        match self.table(IDEMPOTENCY)?.get((token.0, key))? {
            Some(value) => Ok(Some(decode(value.value())?)),
            None => Ok(None),
        }
    }
}

impl<Q: Query> TokenQueries for Q {}

impl Writer {
    pub fn insert_api_token(&mut self, make: impl FnOnce(TokenId) -> ApiToken) -> Result<ApiToken> {
        let token = make(TokenId(self.next_id("api_token")?));
        self.put_api_token(&token)?;
        if let Some(org) = token.org {
            self.table(ORG_TOKENS)?.put((org.0, token.id.0), ())?;
        }
        Ok(token)
    }

    pub fn put_api_token(&mut self, token: &ApiToken) -> Result<()> {
        self.table(API_TOKENS)?
            .put(token.id.0, encode(token)?.as_slice())?;
        Ok(())
    }

    pub fn put_idempotent_answer(
        &mut self,
        token: TokenId,
        key: &str,
        answer: &IdempotentAnswer,
    ) -> Result<()> {
        self.table(IDEMPOTENCY)?
            .put((token.0, key), encode(answer)?.as_slice())?;
        Ok(())
    }

    pub fn remove_idempotent_answer(&mut self, token: TokenId, key: &str) -> Result<()> {
        self.table(IDEMPOTENCY)?.delete((token.0, key))?;
        Ok(())
    }

    /// Removes the answers kept past their expiry; returns how many.
    pub fn purge_idempotent_answers(&mut self, now: i64) -> Result<usize> {
        let mut table = self.table(IDEMPOTENCY)?;
        let mut expired = Vec::new();
        for entry in table.iter()? {
            let (key, value) = entry?;
            let answer: IdempotentAnswer = decode(value.value())?;
            if answer.expires <= now {
                let (token, text) = key.value();
                expired.push((token, text.to_owned()));
            }
        }
        for (token, text) in &expired {
            table.delete((*token, text.as_str()))?;
        }
        Ok(expired.len())
    }
}
