//! Roles, permissions, kinds and states as people read them, in their language
//! (pages, the CLI, messages). The model's own names stay what forms, the
//! API and the CLI exchange.

use crate::model::{AddressKind, Job, JobState, Permission, Permissions, Role, Scope, Usage};

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
        Permission::AutoReply => t!("permission-auto-reply"),
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
        Permission::AutoReply => t!("permission-auto-reply-help"),
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
        Scope::Operator => t!("scope-operator"),
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
        Job::InstallSieve { address } => t!("job-install-sieve", address = address),
    }
}

/// A count as the page's language groups its digits (1,234 · 1 234 · 1.234).
pub fn count(n: impl Into<u64>) -> String {
    crate::i18n::number(crate::i18n::current(), n.into() as f64)
}

/// A size in kibibytes, with one decimal as the language writes it.
fn size(kib: u64) -> String {
    let lang = crate::i18n::current();
    let (value, unit) = if kib >= 1024 * 1024 {
        (kib as f64 / (1024.0 * 1024.0), "GB")
    } else if kib >= 1024 {
        (kib as f64 / 1024.0, "MB")
    } else {
        (kib as f64, "KB")
    };
    format!("{}\u{a0}{unit}", crate::i18n::number(lang, value))
}

/// What a mailbox holds, of its limit when it has one.
pub fn usage(usage: Usage) -> String {
    match usage.limit_kib {
        Some(limit) => t!(
            "usage-of",
            used = &size(usage.used_kib),
            limit = &size(limit)
        ),
        None => size(usage.used_kib),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn sizes_read_as_each_language_writes_them() {
        let usage = Usage {
            used_kib: 340,
            limit_kib: Some(1536),
        };
        let english = crate::i18n::sync_scope(Lang::En, || super::usage(usage));
        assert_eq!(english, "340\u{a0}KB of 1.5\u{a0}MB");
        let german = crate::i18n::sync_scope(Lang::De, || super::usage(usage));
        assert_eq!(german, "340\u{a0}KB von 1,5\u{a0}MB");
        let french = crate::i18n::sync_scope(Lang::Fr, || count(1_234_567u64));
        assert_eq!(french, "1\u{202f}234\u{202f}567");
    }
}
