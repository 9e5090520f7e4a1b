//! Puts into a mailbox the Sieve script its address should have now (its
//! out-of-office reply), or takes Mailroom's script out when there is
//! nothing for it to do. Reads the address when it runs, so the last
//! change wins whatever order jobs run in; running twice is harmless.

use std::sync::Arc;

use super::{JobContext, JobFailed};
use crate::app::{MAILROOM_SIEVE as SCRIPT_NAME, idle_sieve_script};
use crate::model::AddressId;

pub async fn run(context: &JobContext, address: AddressId) -> Result<String, JobFailed> {
    let app = Arc::clone(&context.app);
    let wanted = tokio::task::spawn_blocking(move || app.addresses().sieve_script(address))
        .await
        .map_err(|e| JobFailed(e.to_string()))?
        .map_err(|e| JobFailed(e.to_string()))?;
    let Some(doveadm) = &context.doveadm else {
        // A server without doveadm never installed a script: nothing to
        // take out; one to put in cannot be.
        return match wanted {
            Some((user, Some(_))) => Err(JobFailed(format!(
                "no --doveadm-url: the out-of-office reply of {user} cannot reach the mail server"
            ))),
            _ => Ok(format!("address {address}: no script to take out")),
        };
    };
    match wanted {
        // Deleted: its mailbox is no one's, and its purge removes the rest.
        None => Ok(format!(
            "address {address} has no mailbox now: nothing to install"
        )),
        Some((user, Some(script))) => {
            doveadm
                .sieve_put(&user, SCRIPT_NAME, &script)
                .await
                .map_err(JobFailed)?;
            Ok(format!("installed the out-of-office reply of {user}"))
        }
        Some((user, None)) => {
            // Refused only when the user made Mailroom's script their active
            // one: it is emptied instead, which does as much.
            if doveadm.sieve_delete(&user, SCRIPT_NAME).await.is_err() {
                let nothing = idle_sieve_script();
                doveadm
                    .sieve_put(&user, SCRIPT_NAME, &nothing)
                    .await
                    .map_err(JobFailed)?;
            }
            Ok(format!("removed Mailroom's Sieve script of {user}"))
        }
    }
}
