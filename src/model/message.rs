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
    /// No SMTP server is configured and the message holds a private link:
    /// not kept for the organisation's admins; the operator's log says so.
    Withheld {
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

impl MessageState {
    /// Handed over for good: nothing more to do for it.
    pub fn is_settled(&self) -> bool {
        matches!(
            self,
            Self::Sent { .. } | Self::InOutbox { .. } | Self::Withheld { .. }
        )
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub id: MessageId,
    pub org: Option<OrgId>,
    pub to: EmailAddress,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one link the message is about, shown clickable in the outbox
    /// unless the message is private.
    pub link: Option<String>,
    /// It carries a secret only its recipient may see (a password reset,
    /// a sign-up confirmation, an invitation): its body is never shown to
    /// anyone else, never written to a backup, and wiped once handed over.
    #[serde(default)]
    pub private: bool,
    pub created: i64,
    pub state: MessageState,
    pub attempts: u32,
    pub job: Option<JobId>,
}

impl Message {
    /// What its organisation's admins may read: a private message keeps
    /// its recipient, subject and state, not its body or link.
    pub fn for_admins(mut self) -> Self {
        if self.private {
            self.forget_body();
        }
        self
    }

    /// Drops the body and link (of a private message handed over, or
    /// of one written to a backup).
    pub fn forget_body(&mut self) {
        self.text.clear();
        self.html.clear();
        self.link = None;
    }

    /// A private message whose body was not kept (restored from a backup):
    /// there is nothing left to send.
    pub fn body_forgotten(&self) -> bool {
        self.private && self.link.is_none() && self.text.is_empty()
    }

    /// Records what became of it; a private message's secret is wiped
    /// once it has left (sent) or cannot (withheld).
    pub fn settle(&mut self, state: MessageState) {
        if self.private
            && matches!(
                state,
                MessageState::Sent { .. } | MessageState::Withheld { .. }
            )
        {
            self.forget_body();
        }
        self.state = state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(private: bool) -> Message {
        Message {
            id: MessageId(1),
            org: None,
            to: EmailAddress::parse("ann@example.org").unwrap(),
            subject: "Reset".into(),
            text: "open https://x/reset/SECRET".into(),
            html: "<a href=https://x/reset/SECRET>".into(),
            link: Some("https://x/reset/SECRET".into()),
            private,
            created: 0,
            state: MessageState::Queued,
            attempts: 0,
            job: None,
        }
    }

    #[test]
    fn admins_never_read_a_private_body() {
        let shown = message(true).for_admins();
        assert!(shown.text.is_empty() && shown.html.is_empty() && shown.link.is_none());
        assert_eq!(shown.subject, "Reset");
        let public = message(false).for_admins();
        assert!(public.text.contains("SECRET") && public.link.is_some());
    }

    #[test]
    fn a_private_secret_is_wiped_once_it_left_or_cannot() {
        for state in [
            MessageState::Sent { at: 1 },
            MessageState::Withheld { at: 1 },
        ] {
            let mut sent = message(true);
            sent.settle(state);
            assert!(sent.body_forgotten());
        }
        // A failure keeps it, so that a retry can still send it.
        let mut failed = message(true);
        failed.settle(MessageState::Failed { error: "x".into() });
        assert!(failed.text.contains("SECRET"));
        let mut public = message(false);
        public.settle(MessageState::Sent { at: 1 });
        assert!(public.text.contains("SECRET") && !public.body_forgotten());
    }
}
