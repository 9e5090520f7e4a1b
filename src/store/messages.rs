//! Outgoing messages, in id order.

use super::codec::{decode, encode};
use super::records::get;
use super::schema::MESSAGES;
use super::{Query, Result, Writer};
use crate::model::{Message, MessageId, OrgId};

pub trait MessageQueries: Query {
    fn message(&self, id: MessageId) -> Result<Option<Message>> {
        get(&self.table(MESSAGES)?, id.0)
    }

    /// Newest first, at most `limit`, of the given organisations.
    fn messages_of(&self, orgs: &[OrgId], limit: usize) -> Result<Vec<Message>> {
        let table = self.table(MESSAGES)?;
        let mut found = Vec::new();
        for entry in table.iter()?.rev() {
            let (_, value) = entry?;
            let message: Message = decode(value.value())?;
            if message.org.is_some_and(|o| orgs.contains(&o)) {
                found.push(message);
                if found.len() >= limit {
                    break;
                }
            }
        }
        Ok(found)
    }
}

impl<Q: Query> MessageQueries for Q {}

impl Writer {
    pub fn insert_message(&mut self, make: impl FnOnce(MessageId) -> Message) -> Result<Message> {
        let message = make(MessageId(self.next_id("message")?));
        self.put_message(&message)?;
        Ok(message)
    }

    pub fn put_message(&mut self, message: &Message) -> Result<()> {
        self.table(MESSAGES)?
            .put(message.id.0, encode(message)?.as_slice())?;
        Ok(())
    }
}
