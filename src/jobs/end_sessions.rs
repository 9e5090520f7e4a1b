//! Ends the mail server's open sessions of some session names (an access,
//! a device password or an address ended). Kicking twice is harmless.

use super::{JobContext, JobFailed};

pub async fn run(context: &JobContext, logins: &[String]) -> Result<String, JobFailed> {
    let Some(doveadm) = &context.doveadm else {
        return Err(JobFailed(
            "no --doveadm-url: open sessions end when the mail program closes them".into(),
        ));
    };
    doveadm.kick(logins).await.map_err(JobFailed)?;
    Ok(format!("ended the sessions of {}", logins.join(", ")))
}
