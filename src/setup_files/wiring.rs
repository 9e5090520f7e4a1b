//! The configuration an administrator pastes into Postfix and Dovecot so
//! that they ask Mailroom: printed by `mailroom mailserver-config`, and used
//! as is by the mail-stack tests.

use crate::mailserver::dovecot;
use crate::mailserver::socketmap::Listen;

/// Where things are on the mail server's side.
#[derive(Debug, Clone)]
pub struct Wiring {
    pub socketmap: Listen,
    /// Base URL of Mailroom's Dovecot endpoint, e.g. `http://127.0.0.1:10027`.
    pub internal_url: String,
    pub dovecot_secret: String,
    /// Dovecot's LMTP listener, in Postfix's form (`inet:127.0.0.1:24`).
    pub lmtp: String,
    /// Dovecot's auth listener for Postfix's SASL, in Postfix's form.
    pub dovecot_auth: String,
    /// Postfix's submission service: a port, or `host:port`.
    pub submission: String,
    pub lua_file: String,
    /// Folder of the mailboxes (`<root>/<domain>/<address id>`).
    pub mail_root: String,
    /// Owner of the mailboxes: a user name or a uid.
    pub mail_uid: String,
    /// Dovecot's doveadm HTTP API, when Mailroom is to use it.
    pub doveadm: Option<crate::doveadm::DoveadmSettings>,
    /// DKIM signing by OpenDKIM, when Mailroom keeps its tables.
    pub dkim: Option<DkimWiring>,
    /// A loopback SMTP service of Postfix's for Dovecot's out-of-office
    /// replies (printed in master.cf, taking mail from this machine only);
    /// `None`: Dovecot's `sendmail_path`, the local Postfix's pickup.
    pub replies_via: Option<std::net::SocketAddr>,
}

/// The two OpenDKIM signers and where their tables are.
#[derive(Debug, Clone)]
pub struct DkimWiring {
    pub dir: std::path::PathBuf,
    /// `127.0.0.1:8891`: the RSA signer; the Ed25519 one is `ed25519`.
    pub rsa: String,
    pub ed25519: String,
    /// The user both run as: Mailroom's.
    pub user: String,
}

impl DkimWiring {
    fn socket(address: &str) -> String {
        match address.rsplit_once(':') {
            Some((host, port)) => format!("inet:{port}@{host}"),
            None => format!("inet:{address}@127.0.0.1"),
        }
    }

    /// `opendkim.conf` of one signer.
    pub fn config(&self, algorithm: crate::model::DkimAlgorithm) -> String {
        let address = match algorithm {
            crate::model::DkimAlgorithm::Rsa => &self.rsa,
            crate::model::DkimAlgorithm::Ed25519 => &self.ed25519,
        };
        crate::mailserver::opendkim::config(
            &self.dir,
            algorithm,
            &Self::socket(address),
            &self.user,
        )
    }

    fn milters(&self) -> String {
        format!(
            "# DKIM: two OpenDKIM signers (RSA, then Ed25519), as `mailserver-config --section opendkim-…` prints them.
smtpd_milters = inet:{rsa}, inet:{ed25519}
non_smtpd_milters = $smtpd_milters
milter_default_action = accept
",
            rsa = self.rsa,
            ed25519 = self.ed25519
        )
    }
}

impl Wiring {
    fn map(&self, name: &str) -> String {
        format!("socketmap:{}:{name}", self.socketmap)
    }

    /// Lines for Postfix's `main.cf`.
    pub fn postfix_main(&self) -> String {
        format!(
            "# Mailroom: Postfix asks Mailroom which domains, mailboxes and aliases exist.
virtual_mailbox_domains = {domain}
virtual_mailbox_maps = {mailbox}
virtual_alias_maps = {alias}
# Delivery goes to Dovecot over LMTP (Postfix's virtual(8) refuses socketmap).
virtual_transport = lmtp:{lmtp}
# No-reply addresses refuse mail at RCPT, with a clear reason.
smtpd_recipient_restrictions = check_recipient_access {recipient_access}, permit_sasl_authenticated, reject_unauth_destination
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
# Logins come from Dovecot; a login may send as its own address and its aliases only.
smtpd_sasl_type = dovecot
smtpd_sasl_path = {auth}
smtpd_sender_login_maps = {sender}
",
            domain = self.map("domain"),
            mailbox = self.map("mailbox"),
            alias = self.map("alias"),
            recipient_access = self.map("recipient_access"),
            sender = self.map("sender"),
            lmtp = self.lmtp,
            auth = self.dovecot_auth,
        ) + &self.dkim.as_ref().map(DkimWiring::milters).unwrap_or_default()
    }

    /// The submission service for Postfix's `master.cf`.
    pub fn postfix_master(&self) -> String {
        format!(
            "# Mailroom: authenticated submission; senders must own their From address.
{port} inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_sender_restrictions=reject_sender_login_mismatch
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
",
            port = self.submission
        ) + &self.replies_service()
    }

    /// With `replies_via`: the smtpd Dovecot's replies go to. The public
    /// ports refuse to relay unauthenticated mail, loopback included; this
    /// one takes mail from this machine only, on a loopback address.
    fn replies_service(&self) -> String {
        let Some(relay) = self.replies_via else {
            return String::new();
        };
        let service = match relay {
            std::net::SocketAddr::V4(a) => format!("{}:{}", a.ip(), a.port()),
            std::net::SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
        };
        format!(
            "# Mailroom: Dovecot's out-of-office replies, from this machine only.
{service} inet n - n - - smtpd
  -o syslog_name=postfix/replies
  -o mynetworks=127.0.0.0/8,[::1]/128
  -o smtpd_client_restrictions=permit_mynetworks,reject
  -o smtpd_relay_restrictions=permit_mynetworks,reject
  -o smtpd_recipient_restrictions=permit_mynetworks,reject
"
        )
    }

    /// A Dovecot 2.3 fragment (for example `conf.d/99-mailroom.conf`).
    pub fn dovecot(&self) -> String {
        let (auth_address, auth_port) = inet_parts(&self.dovecot_auth);
        let (lmtp_address, lmtp_port) = inet_parts(&self.lmtp);
        format!(
            "# Mailroom: Dovecot asks Mailroom for passwords and users at every login
# and delivery (package dovecot-auth-lua), so changes take effect at once.
auth_mechanisms = plain login
# Device sessions run under names like team=d42@example.org (see mail_login.rs):
# the default set of user-name characters plus the equals sign.
auth_username_chars = abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@=
passdb {{
  driver = lua
  args = file={lua} blocking=yes
}}
userdb {{
  driver = lua
  args = file={lua} blocking=yes
  default_fields = uid={uid} gid={uid}
}}
mail_location = maildir:~/Maildir
# Quotas: Mailroom's userdb answer carries each mailbox's quota_rule. Mail
# to a full mailbox is refused at RCPT with 552 5.2.2 (the sender's server
# returns it to them); quota_full_tempfail = yes would defer it instead.
mail_plugins = $mail_plugins quota
protocol imap {{
  mail_plugins = $mail_plugins imap_quota
}}
lmtp_rcpt_check_quota = yes
plugin {{
  quota = maildir:User quota
}}
service auth {{
  inet_listener {{
    address = {auth_address}
    port = {auth_port}
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = {lmtp_address}
    port = {lmtp_port}
  }}
}}
",
            lua = self.lua_file,
            uid = self.mail_uid,
        ) + &self.sieve()
            + &self.doveadm_listener()
    }

    /// Sieve for delivered mail (package dovecot-sieve): Mailroom installs
    /// each address's out-of-office reply as the script `mailroom` of the
    /// user's own storage through doveadm, and `sieve_before` runs it
    /// ahead of any script the user keeps there (e.g. through ManageSieve).
    fn sieve(&self) -> String {
        let relay = match &self.replies_via {
            Some(relay) => format!(
                "# Out-of-office replies leave through Postfix's loopback service for them.\nsubmission_host = {relay}\n"
            ),
            None => "# Out-of-office replies leave through sendmail_path (the local Postfix).\n"
                .to_owned(),
        };
        relay
            + "protocol lmtp {
  mail_plugins = $mail_plugins sieve
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
  sieve_before = file:~/sieve/mailroom.sieve
}
"
    }

    /// The doveadm HTTP listener Mailroom calls (kick, expunge).
    fn doveadm_listener(&self) -> String {
        let Some(doveadm) = &self.doveadm else {
            return "# Without --doveadm-url, open sessions end only when mail programs close them.\n"
                .to_owned();
        };
        let authority = doveadm
            .url
            .split("://")
            .nth(1)
            .unwrap_or(&doveadm.url)
            .trim_end_matches('/');
        let (address, port) = inet_parts(authority);
        format!(
            "# Mailroom ends open sessions and empties removed mailboxes through doveadm.
# An emptied mailbox keeps its folder {root}/<domain>/<address id> (no mail, only
# empty folders and indexes): the audit names it (mailbox.purge local=a<id>@domain);
# remove the folder on this side, where the files belong.
service doveadm {{
  inet_listener http {{
    address = {address}
    port = {port}
  }}
}}
doveadm_api_key = {key}
",
            key = doveadm.key,
            root = self.mail_root.trim_end_matches('/'),
        )
    }

    pub fn lua(&self) -> String {
        dovecot::lua_script(
            &format!("{}/internal/dovecot", self.internal_url),
            &self.dovecot_secret,
            &self.mail_root,
        )
    }

    /// Everything, with headings, for an administrator.
    pub fn all(&self) -> String {
        let mut text = format!(
            "##### Postfix main.cf #####\n{}\n##### Postfix master.cf #####\n{}\n##### Dovecot ({}; install it 0640 root:dovecot when it holds the doveadm key) #####\n{}\n##### Lua script: save as {} and install it 0640 root:dovecot (it holds the Dovecot secret) #####\n{}",
            self.postfix_main(),
            self.postfix_master(),
            "conf.d/99-mailroom.conf",
            self.dovecot(),
            self.lua_file,
            self.lua()
        );
        if let Some(dkim) = &self.dkim {
            for algorithm in crate::model::DkimAlgorithm::ALL {
                text.push_str(&format!(
                    "\n##### OpenDKIM, {} signer (/etc/opendkim-{}.conf) #####\n{}",
                    algorithm.tag(),
                    algorithm.tag(),
                    dkim.config(algorithm)
                ));
            }
        }
        text
    }
}

/// `inet:127.0.0.1:24` → (`127.0.0.1`, `24`).
fn inet_parts(postfix_form: &str) -> (String, String) {
    let rest = postfix_form.strip_prefix("inet:").unwrap_or(postfix_form);
    match rest.rsplit_once(':') {
        Some((host, port)) => (host.trim_matches(['[', ']']).to_owned(), port.to_owned()),
        None => ("127.0.0.1".to_owned(), rest.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wiring() -> Wiring {
        Wiring {
            replies_via: None,
            socketmap: "127.0.0.1:10026".parse().unwrap(),
            internal_url: "http://127.0.0.1:10027".into(),
            dovecot_secret: "s3cret".into(),
            lmtp: "inet:127.0.0.1:24".into(),
            dovecot_auth: "inet:127.0.0.1:12345".into(),
            submission: "submission".into(),
            lua_file: "/etc/dovecot/mailroom-auth.lua".into(),
            mail_root: "/var/vmail".into(),
            mail_uid: "vmail".into(),
            dkim: None,
            doveadm: Some(crate::doveadm::DoveadmSettings {
                url: "http://127.0.0.1:8081".into(),
                key: "k3y".into(),
            }),
        }
    }

    #[test]
    fn postfix_lines_name_every_map() {
        let main = wiring().postfix_main();
        for map in ["domain", "mailbox", "alias", "sender", "recipient_access"] {
            assert!(
                main.contains(&format!("socketmap:inet:127.0.0.1:10026:{map}")),
                "{map}"
            );
        }
        assert!(main.contains("virtual_transport = lmtp:inet:127.0.0.1:24"));
        assert!(
            wiring()
                .postfix_master()
                .contains("reject_sender_login_mismatch")
        );
    }

    #[test]
    fn dovecot_fragment_points_at_the_script_and_listeners() {
        let conf = wiring().dovecot();
        assert!(conf.contains("args = file=/etc/dovecot/mailroom-auth.lua blocking=yes"));
        assert!(conf.contains("address = 127.0.0.1\n    port = 12345"));
        assert!(conf.contains("default_fields = uid=vmail gid=vmail\n"));
        assert!(conf.contains("port = 8081"));
        assert!(conf.contains("doveadm_api_key = k3y"));
        // Mailroom's Sieve script runs ahead of the user's own.
        assert!(conf.contains("mail_plugins = $mail_plugins sieve"));
        assert!(conf.contains("sieve_before = file:~/sieve/mailroom.sieve"));
        assert!(
            !conf.contains("submission_host"),
            "sendmail_path unless told"
        );
        assert!(!wiring().postfix_master().contains("postfix/replies"));
        let relayed = Wiring {
            replies_via: Some(([127, 0, 0, 1], 10026).into()),
            ..wiring()
        };
        assert!(
            relayed
                .dovecot()
                .contains("submission_host = 127.0.0.1:10026\n")
        );
        let master = relayed.postfix_master();
        assert!(
            master.contains("127.0.0.1:10026 inet n - n - - smtpd\n"),
            "{master}"
        );
        assert!(master.contains("smtpd_relay_restrictions=permit_mynetworks,reject"));
        assert!(wiring().lua().contains("local mail_root = \"/var/vmail\""));
        assert!(
            wiring()
                .lua()
                .contains("http://127.0.0.1:10027/internal/dovecot")
        );
    }
}
