//! Delivers one stored message. Idempotent: a message already sent (or
//! kept in the outbox) is not sent again when its job runs twice.

use super::{JobContext, JobFailed};
use crate::mail::Delivery;
use crate::model::now;
use crate::model::{MessageId, MessageState};

pub async fn run(context: &JobContext, id: MessageId) -> Result<String, JobFailed> {
    let queue = context.queue.clone();
    let message = tokio::task::spawn_blocking(move || queue.message(id))
        .await
        .map_err(|e| JobFailed(e.to_string()))?
        .map_err(|e| JobFailed(e.to_string()))?
        .ok_or_else(|| JobFailed(format!("message {id} does not exist")))?;
    if message.state.is_settled() {
        return Ok(format!("message {id} was already delivered"));
    }
    if message.body_forgotten() {
        // Restored from a backup, which never keeps a private link.
        let error = "its private link was not kept in the backup it was restored from; \
                     the recipient must ask again"
            .to_owned();
        settle(context, id, MessageState::Failed { error }).await?;
        return Ok(format!("message {id} had no link left to send"));
    }
    let delivery = match context.mailer.deliver(&message).await {
        Ok(delivery) => delivery,
        Err(error) => {
            metrics::counter!("mailroom_mail_total", "result" => "failed").increment(1);
            return Err(JobFailed(error));
        }
    };
    let (result, state) = match delivery {
        Delivery::Sent => ("sent", MessageState::Sent { at: now() }),
        // A secret for its recipient alone is not left for the
        // organisation's admins to read: the operator is told instead.
        Delivery::KeptInOutbox if message.is_private() => {
            tracing::warn!(
                message = %id,
                to = %message.to,
                subject = %message.subject,
                "a message with a private link (password reset, sign-up or invitation) \
                 was not sent: no SMTP server is configured (--smtp-url); its link is not kept"
            );
            ("withheld", MessageState::Withheld { at: now() })
        }
        Delivery::KeptInOutbox => ("outbox", MessageState::InOutbox { at: now() }),
    };
    metrics::counter!("mailroom_mail_total", "result" => result).increment(1);
    let done = match &state {
        MessageState::Sent { .. } => format!("sent message {id} to {}", message.to),
        MessageState::Withheld { .. } => format!("withheld message {id}: no SMTP server"),
        _ => format!("kept message {id} in the outbox"),
    };
    settle(context, id, state).await?;
    Ok(done)
}

async fn settle(context: &JobContext, id: MessageId, state: MessageState) -> Result<(), JobFailed> {
    let queue = context.queue.clone();
    tokio::task::spawn_blocking(move || queue.mark_message(id, state))
        .await
        .map_err(|e| JobFailed(e.to_string()))?
        .map_err(|e| JobFailed(e.to_string()))
}
