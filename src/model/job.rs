//! Background jobs as the queue stores them.

use serde::{Deserialize, Serialize};

use super::{AddressId, ImportId, JobId, MessageId, OrgId};

/// What a job does. Handlers are idempotent: a job may run more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// Send one outgoing message (or keep it in the outbox).
    DeliverMail { message: MessageId },
    /// Create the next batch of a bulk creation's rows.
    ImportBatch { import: ImportId },
    /// End the mail server's open sessions of these session names
    /// (doveadm `kick`): an access, a device password or an address ended.
    EndSessions { logins: Vec<String> },
    /// Empty a removed address's mailbox (doveadm `expunge` of every
    /// folder), named by its id so a new address of the same name is safe.
    PurgeMailbox {
        user: String,
        address: AddressId,
        org: OrgId,
    },
    /// Put into a mailbox the Sieve script its address should have now
    /// (its out-of-office reply), read when the job runs.
    InstallSieve { address: AddressId },
}

impl Job {
    /// Whether it waits while its organisation is suspended: ending mail
    /// sessions enforces the suspension and runs; the rest waits.
    pub fn waits_while_suspended(&self) -> bool {
        !matches!(self, Job::EndSessions { .. })
    }

    /// Whether it still has work once its organisation is purged: ending
    /// sessions and emptying mailboxes do; an import or a message of an
    /// organisation that is gone does not.
    pub fn outlives_its_organisation(&self) -> bool {
        matches!(self, Job::EndSessions { .. } | Job::PurgeMailbox { .. })
    }

    pub fn label(&self) -> String {
        match self {
            Job::DeliverMail { message } => format!("deliver message {message}"),
            Job::ImportBatch { import } => format!("create addresses of import {import}"),
            Job::EndSessions { logins } => {
                format!("end the mail sessions of {}", logins.join(", "))
            }
            Job::PurgeMailbox { user, .. } => format!("empty the mailbox of {user}"),
            Job::InstallSieve { address } => {
                format!("install the Sieve script of address {address}")
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Done,
    /// Failed its last allowed attempt.
    Dead,
}

impl Job {
    /// Its kind, as metrics and logs name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Job::DeliverMail { .. } => "deliver_mail",
            Job::ImportBatch { .. } => "import_batch",
            Job::EndSessions { .. } => "end_sessions",
            Job::PurgeMailbox { .. } => "purge_mailbox",
            Job::InstallSieve { .. } => "install_sieve",
        }
    }
}

impl JobState {
    pub fn label(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Dead => "failed",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobRecord {
    pub id: JobId,
    pub job: Job,
    pub org: Option<OrgId>,
    pub state: JobState,
    /// Attempts started so far.
    pub attempts: u32,
    pub max_attempts: u32,
    /// When it may run (unix ms).
    pub due_ms: u64,
    pub lease_until_ms: Option<u64>,
    /// The node running it while leased (`host:pid`): which one to look
    /// at when a job hangs; records made before it was kept have none.
    #[serde(default)]
    pub holder: Option<String>,
    pub last_error: Option<String>,
    pub created: i64,
    pub finished: Option<i64>,
}

/// How a job's attempt ended.
pub enum Outcome {
    Done,
    /// Failed; retried after `retry_in_ms` unless it was the last attempt.
    Failed {
        error: String,
        retry_in_ms: u64,
    },
}
