//! Outgoing messages: rendered, stored, then delivered by a job.

use redb::ReadableTable;
use serde::{Deserialize, Serialize};

use super::codec::{decode, encode, get};
use super::schema::MESSAGES;
use super::{OrgId, Reader, Result, Writer};
use crate::model::EmailAddress;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum MessageState {
    Queued,
    Sent {
        at: i64,
    },
    /// No SMTP server is configured: the message waits in the outbox.
    InOutbox {
        at: i64,
    },
    Retrying {
        error: String,
        next_at: i64,
    },
    Failed {
        error: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub id: u64,
    pub org: Option<OrgId>,
    pub to: EmailAddress,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one link the message is about, shown clickable in the outbox.
    pub link: Option<String>,
    pub created: i64,
    pub state: MessageState,
    pub attempts: u32,
    pub job: Option<u64>,
}

impl Reader {
    pub fn message(&self, id: u64) -> Result<Option<Message>> {
        get(&self.txn.open_table(MESSAGES)?, id)
    }

    /// Newest first, at most `limit`, of the given organisations.
    pub fn messages_of(&self, orgs: &[OrgId], limit: usize) -> Result<Vec<Message>> {
        let table = self.txn.open_table(MESSAGES)?;
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

impl Writer {
    pub fn insert_message(&mut self, make: impl FnOnce(u64) -> Message) -> Result<Message> {
        let message = make(self.next_id("message")?);
        self.put_message(&message)?;
        Ok(message)
    }

    pub fn put_message(&mut self, message: &Message) -> Result<()> {
        self.txn
            .open_table(MESSAGES)?
            .insert(message.id, encode(message)?.as_slice())?;
        Ok(())
    }

    pub fn message(&self, id: u64) -> Result<Option<Message>> {
        get(&self.txn.open_table(MESSAGES)?, id)
    }
}
