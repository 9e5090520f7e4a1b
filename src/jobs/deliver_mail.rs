//! Delivers one stored message. Idempotent: a message already sent (or
//! kept in the outbox) is not sent again when its job runs twice.

use super::{JobContext, JobFailed};
use crate::app::now;
use crate::mail::Delivery;
use crate::model::{MessageId, MessageState};

pub async fn run(context: &JobContext, id: MessageId) -> Result<String, JobFailed> {
    let queue = context.queue.clone();
    let message = tokio::task::spawn_blocking(move || queue.message(id))
        .await
        .map_err(|e| JobFailed(e.to_string()))?
        .map_err(|e| JobFailed(e.to_string()))?
        .ok_or_else(|| JobFailed(format!("message {id} does not exist")))?;
    if matches!(
        message.state,
        MessageState::Sent { .. } | MessageState::InOutbox { .. }
    ) {
        return Ok(format!("message {id} was already delivered"));
    }
    let delivery = match context.mailer.deliver(&message).await {
        Ok(delivery) => delivery,
        Err(error) => {
            metrics::counter!("mailroom_mail_total", "result" => "failed").increment(1);
            return Err(JobFailed(error));
        }
    };
    let result = match delivery {
        Delivery::Sent => "sent",
        Delivery::KeptInOutbox => "outbox",
    };
    metrics::counter!("mailroom_mail_total", "result" => result).increment(1);
    let state = match delivery {
        Delivery::Sent => MessageState::Sent { at: now() },
        Delivery::KeptInOutbox => MessageState::InOutbox { at: now() },
    };
    let queue = context.queue.clone();
    tokio::task::spawn_blocking(move || queue.mark_message(id, state))
        .await
        .map_err(|e| JobFailed(e.to_string()))?
        .map_err(|e| JobFailed(e.to_string()))?;
    Ok(match delivery {
        Delivery::Sent => format!("sent message {id} to {}", message.to),
        Delivery::KeptInOutbox => format!("kept message {id} in the outbox"),
    })
}
