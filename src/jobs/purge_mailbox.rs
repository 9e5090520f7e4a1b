//! Empties a removed address's mailbox through doveadm, then records it in
//! the address's history. Retried while Dovecot is unreachable; expunging
//! an empty mailbox again is harmless.

use std::sync::Arc;

use super::{JobContext, JobFailed};
use crate::model::{AddressId, OrgId};

pub async fn run(
    context: &JobContext,
    user: &str,
    address: AddressId,
    org: OrgId,
) -> Result<String, JobFailed> {
    let Some(doveadm) = &context.doveadm else {
        return Err(JobFailed(
            "no --doveadm-url: the mailbox is left for the mail server to remove".into(),
        ));
    };
    doveadm.expunge_all(user).await.map_err(JobFailed)?;
    // Older addresses' homes are named by local part: a new address of the
    // same name must not find this one's reply.
    let name = crate::app::MAILROOM_SIEVE;
    if doveadm.sieve_delete(user, name).await.is_err() {
        // The user made it their active script: emptied instead.
        doveadm
            .sieve_put(user, name, &crate::app::idle_sieve_script())
            .await
            .map_err(JobFailed)?;
    }
    let app = Arc::clone(&context.app);
    let recorded = user.to_owned();
    tokio::task::spawn_blocking(move || app.addresses().mailbox_purged(org, address, &recorded))
        .await
        .map_err(|e| JobFailed(e.to_string()))?
        .map_err(|e| JobFailed(e.to_string()))?;
    Ok(format!("emptied the mailbox of {user}"))
}
