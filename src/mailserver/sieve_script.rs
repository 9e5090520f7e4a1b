//! The Sieve script Mailroom installs in each mailbox it has a reply for
//! (named [`SCRIPT_NAME`] in the user's Sieve storage, run by Dovecot's
//! `sieve_before` ahead of any script of the user's own): text from
//! values Mailroom parsed, every string quoted here and nowhere else.

use crate::model::AutoReply;

/// Its name in the user's Sieve storage: `~/sieve/mailroom.sieve`.
pub const SCRIPT_NAME: &str = "mailroom";

/// Local parts of senders who read no replies (any case): Pigeonhole
/// itself stays silent to lists, bulk and automatic mail and to system
/// senders (MAILER-DAEMON, owner-*, *-request), not to these.
const NO_REPLY_SENDERS: [&str; 4] = ["*no-reply*", "*noreply*", "*do-not-reply*", "*donotreply*"];

/// An out-of-office reply with what the mail server needs beside it.
pub struct ReplyScript<'a> {
    pub reply: &'a AutoReply,
    /// The address's aliases in full: mail to them is answered too
    /// (Postfix hands it to Dovecot under the address's own name).
    pub also_to: Vec<String>,
    /// The organisation's domains: with `only_own_domains`, the senders
    /// answered.
    pub own_domains: Vec<String>,
}

/// The whole script; with no reply, one that does nothing.
pub fn script(reply: Option<&ReplyScript<'_>>) -> String {
    let mut text = String::from(
        "# Written by Mailroom, which replaces it whenever the address's\n\
         # out-of-office reply changes. A Sieve script of your own runs after it.\n",
    );
    let Some(reply) = reply.filter(|r| r.reply.enabled) else {
        text.push_str("# No reply is on.\n");
        return text;
    };
    let auto = reply.reply;
    let mut require = vec!["vacation", "envelope"];
    let senders = list(&NO_REPLY_SENDERS);
    let mut tests = vec![
        format!("not envelope :localpart :matches \"from\" {senders}"),
        format!("not address :localpart :matches [\"from\", \"reply-to\"] {senders}"),
    ];
    if auto.start.is_some() || auto.end.is_some() {
        require.extend(["date", "relational"]);
    }
    if let Some(start) = auto.start {
        tests.push(format!(
            "currentdate :zone \"+0000\" :value \"ge\" \"iso8601\" {}",
            quoted(&utc(start))
        ));
    }
    if let Some(end) = auto.end {
        tests.push(format!(
            "currentdate :zone \"+0000\" :value \"lt\" \"iso8601\" {}",
            quoted(&utc(end))
        ));
    }
    if auto.only_own_domains {
        // Sieve has no empty list: with no domain of its own yet, no
        // sender is one of its domains.
        tests.push(match reply.own_domains.is_empty() {
            true => "false".to_owned(),
            false => format!("envelope :domain :is \"from\" {}", list(&reply.own_domains)),
        });
    }
    let mut vacation = format!("vacation :days {}", auto.days);
    if !auto.subject.is_empty() {
        vacation += &format!(" :subject {}", quoted(&auto.subject));
    }
    if !reply.also_to.is_empty() {
        vacation += &format!(" :addresses {}", list(&reply.also_to));
    }
    vacation += &format!(" {};\n", quoted(&auto.message));
    text += &format!("require {};\n", list(&require));
    text += &format!(
        "if allof ({}) {{\n    {vacation}}}\n",
        tests.join(",\n          ")
    );
    text
}

/// A Sieve quoted string (RFC 5228 §2.4.2): `"` and `\` escaped, the rest
/// as it is, line breaks included.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn list<S: AsRef<str>>(values: &[S]) -> String {
    let items: Vec<String> = values.iter().map(|v| quoted(v.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// `2026-12-08T10:00:00`: what `currentdate :zone "+0000"` gives before
/// its zone, so that comparing the two as text compares the times.
fn utc(seconds: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .and_then(|t| t.format(format).ok())
        .unwrap_or_else(|| "9999-12-31T23:59:59".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(subject: &str, message: &str) -> AutoReply {
        AutoReply::new(true, subject, message, (None, None), 7, false).unwrap()
    }

    #[test]
    fn a_plain_reply_is_one_vacation_except_to_no_reply_senders() {
        let auto = reply("Away", "Back on Monday.");
        let text = script(Some(&ReplyScript {
            reply: &auto,
            also_to: vec![],
            own_domains: vec![],
        }));
        let senders = "[\"*no-reply*\", \"*noreply*\", \"*do-not-reply*\", \"*donotreply*\"]";
        assert!(
            text.ends_with(&format!(
                "require [\"vacation\", \"envelope\"];\n\
                 if allof (not envelope :localpart :matches \"from\" {senders},\n          \
                 not address :localpart :matches [\"from\", \"reply-to\"] {senders}) {{\n    \
                 vacation :days 7 :subject \"Away\" \"Back on Monday.\";\n}}\n"
            )),
            "{text}"
        );
    }

    #[test]
    fn only_own_domains_without_a_domain_answers_no_one() {
        let auto = AutoReply::new(true, "", "Gone", (None, None), 7, true).unwrap();
        let text = script(Some(&ReplyScript {
            reply: &auto,
            also_to: vec![],
            own_domains: vec![],
        }));
        assert!(text.contains(",\n          false) {"), "{text}");
        assert!(!text.contains("[]"), "{text}");
    }

    #[test]
    fn dates_domains_and_aliases_become_tests_and_addresses() {
        let auto = AutoReply::new(
            true,
            "",
            "Gone",
            (Some(1_796_727_600), Some(1_797_764_400)),
            3,
            true,
        )
        .unwrap();
        let text = script(Some(&ReplyScript {
            reply: &auto,
            also_to: vec!["info@acme.example".into()],
            own_domains: vec!["acme.example".into(), "acme.test".into()],
        }));
        assert!(
            text.contains("require [\"vacation\", \"envelope\", \"date\", \"relational\"];"),
            "{text}"
        );
        assert!(
            text.contains(
                "currentdate :zone \"+0000\" :value \"ge\" \"iso8601\" \"2026-12-08T11:00:00\""
            ),
            "{text}"
        );
        assert!(
            text.contains(":value \"lt\" \"iso8601\" \"2026-12-20T11:00:00\""),
            "{text}"
        );
        assert!(
            text.contains("envelope :domain :is \"from\" [\"acme.example\", \"acme.test\"]"),
            "{text}"
        );
        assert!(
            text.contains("vacation :days 3 :addresses [\"info@acme.example\"] \"Gone\";\n}"),
            "{text}"
        );
        assert!(!text.contains(":subject"), "{text}");
    }

    #[test]
    fn hostile_text_stays_inside_its_string() {
        let auto = reply(
            "\"; discard; #",
            "a \\\" } ];\ndiscard;\nredirect \"x@evil.example\";",
        );
        let text = script(Some(&ReplyScript {
            reply: &auto,
            also_to: vec![],
            own_domains: vec![],
        }));
        assert!(text.contains(":subject \"\\\"; discard; #\""), "{text}");
        assert!(
            text.contains("\"a \\\\\\\" } ];\ndiscard;\nredirect \\\"x@evil.example\\\";\";"),
            "{text}"
        );
        // Outside quoted strings, only what Mailroom wrote.
        let mut outside = String::new();
        let (mut inside, mut escaped) = (false, false);
        for c in text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
            .chars()
        {
            match (inside, escaped, c) {
                (true, false, '\\') => escaped = true,
                (true, true, _) => escaped = false,
                (_, false, '"') => inside = !inside,
                (false, _, c) => outside.push(c),
                _ => {}
            }
        }
        assert!(
            !outside.contains("discard") && !outside.contains("redirect"),
            "{outside}"
        );
    }

    #[test]
    fn no_reply_or_one_turned_off_is_a_script_that_does_nothing() {
        assert!(!script(None).contains("vacation"));
        let mut auto = reply("Away", "Back soon");
        auto.enabled = false;
        let off = script(Some(&ReplyScript {
            reply: &auto,
            also_to: vec![],
            own_domains: vec![],
        }));
        assert!(
            !off.contains("vacation") && !off.contains("require"),
            "{off}"
        );
    }
}
