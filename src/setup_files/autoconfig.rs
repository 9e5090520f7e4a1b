//! Settings files for mail programs: Thunderbird's autoconfig XML, the
//! Outlook Autodiscover answer and Apple's configuration profile. Each says
//! the same thing: IMAP and SMTP submission over TLS on the configured host,
//! logging in with the full address.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::MailClientSettings;
use crate::model::{Domain, EmailAddress};

/// Thunderbird's `config-v1.1.xml`. Without an address, the username is the
/// placeholder Thunderbird fills in itself.
pub fn thunderbird(
    settings: &MailClientSettings,
    domain: &Domain,
    email: Option<&EmailAddress>,
) -> String {
    let host = xml_escape(&settings.host_for(domain.as_ascii()));
    let username = email.map_or_else(
        || "%EMAILADDRESS%".to_owned(),
        |e| xml_escape(&e.to_ascii()),
    );
    let domain = xml_escape(domain.as_ascii());
    let server = |kind: &str, element: &str, port: u16| {
        format!(
            "    <{element} type=\"{kind}\">\n      <hostname>{host}</hostname>\n      <port>{port}</port>\n      <socketType>SSL</socketType>\n      <authentication>password-cleartext</authentication>\n      <username>{username}</username>\n    </{element}>\n"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<clientConfig version=\"1.1\">\n  <emailProvider id=\"{domain}\">\n    <domain>{domain}</domain>\n    <displayName>{domain}</displayName>\n    <displayShortName>{domain}</displayShortName>\n{}{}  </emailProvider>\n</clientConfig>\n",
        server("imap", "incomingServer", settings.imap_port),
        server("smtp", "outgoingServer", settings.submission_port),
    )
}

/// The Outlook (POX) Autodiscover answer for one address.
pub fn autodiscover(settings: &MailClientSettings, email: &EmailAddress) -> String {
    let host = xml_escape(&settings.host_for(email.domain().as_ascii()));
    let login = xml_escape(&email.to_ascii());
    let protocol = |kind: &str, port: u16| {
        format!(
            "      <Protocol>\n        <Type>{kind}</Type>\n        <Server>{host}</Server>\n        <Port>{port}</Port>\n        <DomainRequired>off</DomainRequired>\n        <LoginName>{login}</LoginName>\n        <SPA>off</SPA>\n        <SSL>on</SSL>\n        <AuthRequired>on</AuthRequired>\n      </Protocol>\n"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">\n  <Response xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">\n    <Account>\n      <AccountType>email</AccountType>\n      <Action>settings</Action>\n{}{}    </Account>\n  </Response>\n</Autodiscover>\n",
        protocol("IMAP", settings.imap_port),
        protocol("SMTP", settings.submission_port),
    )
}

/// The address an Autodiscover request asks about.
pub fn autodiscover_request(body: &str) -> Option<EmailAddress> {
    let document = roxmltree::Document::parse(body).ok()?;
    let node = document
        .descendants()
        .find(|n| n.tag_name().name() == "EMailAddress")?;
    EmailAddress::parse(node.text()?).ok()
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Profile {
    payload_content: Vec<MailPayload>,
    payload_display_name: String,
    payload_description: String,
    payload_identifier: String,
    payload_type: &'static str,
    #[serde(rename = "PayloadUUID")]
    payload_uuid: String,
    payload_version: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct MailPayload {
    email_account_description: String,
    email_account_type: &'static str,
    email_address: String,
    incoming_mail_server_authentication: &'static str,
    incoming_mail_server_host_name: String,
    incoming_mail_server_port_number: u16,
    #[serde(rename = "IncomingMailServerUseSSL")]
    incoming_mail_server_use_ssl: bool,
    incoming_mail_server_username: String,
    outgoing_mail_server_authentication: &'static str,
    outgoing_mail_server_host_name: String,
    outgoing_mail_server_port_number: u16,
    #[serde(rename = "OutgoingMailServerUseSSL")]
    outgoing_mail_server_use_ssl: bool,
    outgoing_mail_server_username: String,
    outgoing_password_same_as_incoming_password: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    incoming_password: Option<String>,
    payload_display_name: String,
    payload_identifier: String,
    payload_type: &'static str,
    #[serde(rename = "PayloadUUID")]
    payload_uuid: String,
    payload_version: u32,
}

/// An Apple configuration profile (`.mobileconfig`) for one address. The
/// identifiers derive from the address, so installing it again replaces
/// the earlier profile instead of adding a second account.
/// With `password` (a device password), the profile logs in by itself.
pub fn mobileconfig(
    settings: &MailClientSettings,
    email: &EmailAddress,
    password: Option<&str>,
) -> Result<Vec<u8>, plist::Error> {
    let login = email.to_ascii();
    let host = settings.host_for(email.domain().as_ascii());
    let reversed: Vec<&str> = email.domain().as_ascii().rsplit('.').collect();
    let identifier = format!("{}.mailroom.{}", reversed.join("."), email.local_part());
    let profile = Profile {
        payload_content: vec![MailPayload {
            email_account_description: email.to_string(),
            email_account_type: "EmailTypeIMAP",
            email_address: login.clone(),
            incoming_mail_server_authentication: "EmailAuthPassword",
            incoming_mail_server_host_name: host.clone(),
            incoming_mail_server_port_number: settings.imap_port,
            incoming_mail_server_use_ssl: true,
            incoming_mail_server_username: login.clone(),
            outgoing_mail_server_authentication: "EmailAuthPassword",
            outgoing_mail_server_host_name: host,
            outgoing_mail_server_port_number: settings.submission_port,
            outgoing_mail_server_use_ssl: true,
            outgoing_mail_server_username: login.clone(),
            outgoing_password_same_as_incoming_password: true,
            incoming_password: password.map(str::to_owned),
            payload_display_name: format!("Mail: {email}"),
            payload_identifier: format!("{identifier}.account"),
            payload_type: "com.apple.mail.managed",
            payload_uuid: uuid_for(&format!("{login}/account")),
            payload_version: 1,
        }],
        payload_display_name: format!("{email}"),
        payload_description: format!("Sets up the mail account {email}."),
        payload_identifier: identifier,
        payload_type: "Configuration",
        payload_uuid: uuid_for(&login),
        payload_version: 1,
    };
    let mut out = Vec::new();
    plist::to_writer_xml(&mut out, &profile)?;
    Ok(out)
}

/// A stable UUID-shaped identifier (version 5 layout) from a name.
fn uuid_for(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn xml_escape(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> MailClientSettings {
        MailClientSettings {
            host: "imap.{domain}".into(),
            imap_port: 993,
            submission_port: 465,
            webmail_url: None,
        }
    }

    fn text<'a>(node: roxmltree::Node<'a, 'a>, tag: &str) -> &'a str {
        node.descendants()
            .find(|n| n.tag_name().name() == tag)
            .and_then(|n| n.text())
            .unwrap_or_default()
    }

    #[test]
    fn thunderbird_config_parses_back_with_both_servers() {
        let domain = Domain::parse("bücher.example").unwrap();
        let email = EmailAddress::parse("jo@bücher.example").unwrap();
        let xml = thunderbird(&settings(), &domain, Some(&email));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "clientConfig");
        assert_eq!(root.attribute("version"), Some("1.1"));
        assert_eq!(text(root, "domain"), "xn--bcher-kva.example");
        let incoming = root
            .descendants()
            .find(|n| n.has_tag_name("incomingServer"))
            .unwrap();
        assert_eq!(incoming.attribute("type"), Some("imap"));
        assert_eq!(text(incoming, "hostname"), "imap.xn--bcher-kva.example");
        assert_eq!(text(incoming, "port"), "993");
        assert_eq!(text(incoming, "socketType"), "SSL");
        assert_eq!(text(incoming, "username"), "jo@xn--bcher-kva.example");
        let outgoing = root
            .descendants()
            .find(|n| n.has_tag_name("outgoingServer"))
            .unwrap();
        assert_eq!(outgoing.attribute("type"), Some("smtp"));
        assert_eq!(text(outgoing, "port"), "465");
        let generic = thunderbird(&settings(), &domain, None);
        assert!(generic.contains("<username>%EMAILADDRESS%</username>"));
    }

    #[test]
    fn autodiscover_reads_the_request_and_answers_imap_and_smtp() {
        let request = r#"<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request><EMailAddress>Jo@Example.org</EMailAddress>
  <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
  </Request></Autodiscover>"#;
        let email = autodiscover_request(request).unwrap();
        assert_eq!(email.to_ascii(), "jo@example.org");
        assert!(autodiscover_request("<not xml").is_none());
        assert!(autodiscover_request("<Autodiscover><Request/></Autodiscover>").is_none());

        let xml = autodiscover(&settings(), &email);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let protocols: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("Protocol"))
            .collect();
        assert_eq!(protocols.len(), 2);
        assert_eq!(text(protocols[0], "Type"), "IMAP");
        assert_eq!(text(protocols[0], "Server"), "imap.example.org");
        assert_eq!(text(protocols[0], "Port"), "993");
        assert_eq!(text(protocols[0], "SSL"), "on");
        assert_eq!(text(protocols[0], "LoginName"), "jo@example.org");
        assert_eq!(text(protocols[1], "Type"), "SMTP");
        assert_eq!(text(protocols[1], "Port"), "465");
        assert_eq!(text(doc.root_element(), "Action"), "settings");
    }

    #[test]
    fn mobileconfig_is_a_plist_with_one_stable_mail_payload() {
        let email = EmailAddress::parse("jo@example.org").unwrap();
        let bytes = mobileconfig(&settings(), &email, None).unwrap();
        let value = plist::Value::from_reader_xml(bytes.as_slice()).unwrap();
        let root = value.as_dictionary().unwrap();
        assert_eq!(
            root.get("PayloadType").and_then(|v| v.as_string()),
            Some("Configuration")
        );
        let content = root
            .get("PayloadContent")
            .and_then(|v| v.as_array())
            .unwrap();
        assert_eq!(content.len(), 1);
        let mail = content[0].as_dictionary().unwrap();
        let get = |key: &str| {
            mail.get(key)
                .cloned()
                .unwrap_or_else(|| panic!("{key} missing"))
        };
        assert_eq!(
            get("PayloadType").as_string(),
            Some("com.apple.mail.managed")
        );
        assert_eq!(get("EmailAccountType").as_string(), Some("EmailTypeIMAP"));
        assert_eq!(
            get("IncomingMailServerHostName").as_string(),
            Some("imap.example.org")
        );
        assert_eq!(
            get("IncomingMailServerPortNumber").as_unsigned_integer(),
            Some(993)
        );
        assert_eq!(get("IncomingMailServerUseSSL").as_boolean(), Some(true));
        assert_eq!(
            get("OutgoingMailServerPortNumber").as_unsigned_integer(),
            Some(465)
        );
        assert_eq!(
            get("IncomingMailServerUsername").as_string(),
            Some("jo@example.org")
        );
        let uuid = get("PayloadUUID").as_string().unwrap().to_owned();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "5");
        let again = mobileconfig(&settings(), &email, None).unwrap();
        assert_eq!(bytes, again, "stable identifiers");
        assert!(mail.get("IncomingPassword").is_none());
    }

    #[test]
    fn a_profile_with_a_device_password_logs_in_by_itself() {
        let email = EmailAddress::parse("jo@example.org").unwrap();
        let bytes = mobileconfig(&settings(), &email, Some("7-abcd-efgh")).unwrap();
        let value = plist::Value::from_reader_xml(bytes.as_slice()).unwrap();
        let mail = value.as_dictionary().unwrap()["PayloadContent"]
            .as_array()
            .unwrap()[0]
            .as_dictionary()
            .unwrap()
            .clone();
        assert_eq!(
            mail.get("IncomingPassword").and_then(|v| v.as_string()),
            Some("7-abcd-efgh")
        );
        assert_eq!(
            mail.get("OutgoingPasswordSameAsIncomingPassword")
                .and_then(|v| v.as_boolean()),
            Some(true)
        );
    }

    #[test]
    fn xml_special_characters_are_escaped() {
        let mut odd = settings();
        odd.host = "a&b<{domain}>".into();
        let domain = Domain::parse("example.org").unwrap();
        let xml = thunderbird(&odd, &domain, None);
        assert!(roxmltree::Document::parse(&xml).is_ok());
        assert!(xml.contains("a&amp;b&lt;example.org&gt;"));
    }
}
