//! The model's named values (roles, permissions, scopes, kinds, jobs) as
//! people read them, in their language. The model's own names stay what
//! forms, the API and the CLI exchange.

use crate::model::{AddressKind, Job, JobState, Permission, Permissions, Role, Scope};

pub fn role(role: Role) -> String {
    match role {
        Role::Owner => t!("role-owner"),
        Role::Admin => t!("role-admin"),
        Role::Member => t!("role-member"),
    }
}

pub fn permission(permission: Permission) -> String {
    match permission {
        Permission::Password => t!("permission-password"),
        Permission::Forwarding => t!("permission-forwarding"),
        Permission::Aliases => t!("permission-aliases"),
        Permission::Users => t!("permission-users"),
        Permission::History => t!("permission-history"),
        Permission::Quota => t!("permission-quota"),
    }
}

pub fn permission_help(permission: Permission) -> String {
    match permission {
        Permission::Password => t!("permission-password-help"),
        Permission::Forwarding => t!("permission-forwarding-help"),
        Permission::Aliases => t!("permission-aliases-help"),
        Permission::Users => t!("permission-users-help"),
        Permission::History => t!("permission-history-help"),
        Permission::Quota => t!("permission-quota-help"),
    }
}

/// A set as a list ("password, forwarding"), or "none".
pub fn permissions(set: Permissions) -> String {
    let names: Vec<String> = set.iter().map(permission).collect();
    if names.is_empty() {
        t!("permissions-none")
    } else {
        names.join(", ")
    }
}

pub fn scope(scope: Scope) -> String {
    match scope {
        Scope::Read => t!("scope-read"),
        Scope::Addresses => t!("scope-addresses"),
        Scope::Admin => t!("scope-admin"),
    }
}

pub fn kind(kind: AddressKind) -> String {
    match kind {
        AddressKind::Standard => t!("kind-standard"),
        AddressKind::NoReply => t!("kind-no-reply"),
        AddressKind::CatchAll => t!("kind-catch-all"),
    }
}

pub fn job_state(state: JobState) -> String {
    match state {
        JobState::Queued => t!("job-state-queued"),
        JobState::Running => t!("job-state-running"),
        JobState::Done => t!("job-state-done"),
        JobState::Dead => t!("job-state-failed"),
    }
}

pub fn job(job: &Job) -> String {
    match job {
        Job::DeliverMail { message } => t!("job-deliver-mail", message = message),
        Job::ImportBatch { import } => t!("job-import-batch", import = import),
        Job::EndSessions { logins } => t!("job-end-sessions", logins = &logins.join(", ")),
        Job::PurgeMailbox { user, .. } => t!("job-purge-mailbox", user = user),
    }
}
