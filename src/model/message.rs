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
    /// Whether it carries a secret for its recipient alone. Messages stored
    /// before `private` existed are known by their link: a reset, sign-up
    /// or invitation link is one.
    pub fn is_private(&self) -> bool {
        self.private
            || self.link.as_deref().is_some_and(|link| {
                ["/reset/", "/sign-up/", "/invitations/"]
                    .iter()
                    .any(|path| link.contains(path))
            })
    }

    /// What its organisation's admins may read: a private message keeps
    /// its recipient, subject and state, not its body or link.
    pub fn for_admins(mut self) -> Self {
        if self.is_private() {
            self.private = true;
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

    /// A reset when private, else an "access granted" (the address's page).
    fn message(private: bool) -> Message {
        let link = if private {
            "https://x/reset/SECRET"
        } else {
            "https://x/services/acme.example/addresses/SECRET"
        };
        Message {
            id: MessageId(1),
            org: None,
            to: EmailAddress::parse("ann@example.org").unwrap(),
            subject: "Reset".into(),
            text: format!("open {link}"),
            html: format!("<a href={link}>"),
            link: Some(link.into()),
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
    fn a_message_stored_before_the_flag_is_known_by_its_link() {
        for link in [
            "https://m.example/reset/T",
            "https://m.example/sign-up/T",
            "https://m.example/invitations/T",
        ] {
            let mut old = message(false);
            old.link = Some(link.into());
            assert!(old.is_private(), "{link}");
            assert!(old.for_admins().link.is_none());
        }
        let mut granted = message(false);
        granted.link = Some("https://m.example/services/acme.example/addresses/jo".into());
        assert!(!granted.is_private());
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
