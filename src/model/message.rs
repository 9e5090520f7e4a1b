//! Outgoing messages: rendered, stored, then delivered by a job.

use serde::{Deserialize, Serialize};

use super::{EmailAddress, JobId, MessageId, OrgId};

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
    pub id: MessageId,
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
    pub job: Option<JobId>,
}
