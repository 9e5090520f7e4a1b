//! Dovecot's side: the Lua script that asks Mailroom at every login and
//! delivery (`dovecot_http.rs` answers), and the passwd-file for builds
//! without Lua (address passwords only: device passwords need the script).

use std::collections::HashMap;
use std::path::Path;

use crate::store::StoreError;
use crate::store::prelude::*;

/// The header that carries the shared secret.
pub const SECRET_HEADER: &str = "x-mailroom-secret";

/// Every login with a password, as passwd-file lines, sorted.
pub fn passwd_file(reader: &impl Query) -> Result<String, StoreError> {
    let mut domains = HashMap::new();
    let mut lines = Vec::new();
    for address in reader.all_addresses()? {
        let Some(hash) = address
            .password_hash
            .as_ref()
            .filter(|_| address.is_active())
        else {
            continue;
        };
        // A value that could break the line (one stored before imports were
        // checked) is left out, never written.
        if !hash.is_line_safe() {
            tracing::warn!(address = %address.id, "a password hash unfit for a passwd-file was left out");
            continue;
        }
        let domain = match domains.get(&address.service) {
            Some(domain) => domain,
            None => {
                let Some(service) = reader
                    .service(address.service)?
                    .filter(crate::model::Service::receives_mail)
                else {
                    continue;
                };
                domains
                    .entry(address.service)
                    .or_insert(service.domain.as_ascii().to_owned())
            }
        };
        lines.push(format!(
            "{}@{}:{}::::::",
            address.local_part,
            domain,
            hash.dovecot_form()
        ));
    }
    lines.sort();
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Ok(text)
}

/// Replaces `path` atomically. Dovecot re-reads a passwd-file only when its
/// mtime second or size changes, so the new file's mtime is at least one
/// second past the old one's.
pub fn write_passwd_file(path: &Path, content: &str) -> std::io::Result<()> {
    super::files::replace_private(path, content, true)
}

/// The Lua script for Dovecot 2.3's auth-lua, asking Mailroom over HTTP;
/// mailboxes live below `mail_root`.
pub fn lua_script(base_url: &str, secret: &str, mail_root: &str) -> String {
    LUA_TEMPLATE
        .replace("@BASE_URL@", &lua_string(base_url))
        .replace("@SECRET@", &lua_string(secret))
        .replace("@MAIL_ROOT@", &lua_string(mail_root.trim_end_matches('/')))
}

fn lua_string(value: &str) -> String {
    let mut quoted = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

const LUA_TEMPLATE: &str = r#"-- Mailroom: live logins and mailboxes for Dovecot 2.3 (package dovecot-auth-lua).
-- Each login and delivery asks Mailroom, so a new, changed, shared, revoked or
-- deleted address or device password takes effect at once.
local base = @BASE_URL@
local secret = @SECRET@
local mail_root = @MAIL_ROOT@
local client = nil

local function escape(value)
  return (tostring(value or ""):gsub("[^%w%.%-_@]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function call(method, path, body)
  local request = client:request { url = base .. path, method = method }
  request:add_header("X-Mailroom-Secret", secret)
  if body ~= nil then
    request:add_header("Content-Type", "application/x-www-form-urlencoded")
    request:set_payload(body)
  end
  local response = request:submit()
  return response:status(), response:payload()
end

function script_init()
  client = dovecot.http.client { request_timeout_msecs = 5000, max_attempts = 2 }
  return 0
end

-- Mailroom checks the password itself: the address's own, or a device
-- password of a user who still holds access. A device session gets a name
-- of its own, so that its access can end without ending the others'.
function auth_password_verify(req, password)
  local body = "user=" .. escape(req.user) .. "&password=" .. escape(password)
    .. "&service=" .. escape(req.service) .. "&ip=" .. escape(req.remote_ip)
  local status, answer = call("POST", "/auth", body)
  if status == 200 then
    return dovecot.auth.PASSDB_RESULT_OK, { user = answer }
  elseif status == 403 then
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "wrong password"
  elseif status == 404 then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such address"
  elseif status == 429 then
    -- Too many failed logins for this address or from this client: nothing
    -- was checked. A temporary failure, which Dovecot delays on its own.
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "too many failed logins: try again later"
  elseif status == 423 then
    -- The organisation is suspended by the operator: a temporary failure,
    -- so that mail programs keep the account and try again later.
    return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "the organisation is suspended"
  end
  return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "mailroom answered " .. tostring(status)
end

-- Only mechanisms that send the password are offered (plain, login).
function auth_passdb_lookup(req)
  return dovecot.auth.PASSDB_RESULT_SCHEME_NOT_AVAILABLE, "Mailroom checks passwords itself"
end

function auth_userdb_lookup(req)
  local status, answer = call("GET", "/userdb/" .. escape(req.user), nil)
  if status == 200 then
    local home, rule = string.match(answer, "^([^\n]*)\n?(.*)$")
    local fields = { home = mail_root .. "/" .. home }
    if rule ~= nil and rule ~= "" then
      fields.quota_rule = rule
    end
    return dovecot.auth.USERDB_RESULT_OK, fields
  elseif status == 404 then
    return dovecot.auth.USERDB_RESULT_USER_UNKNOWN, "no such address"
  end
  return dovecot.auth.USERDB_RESULT_INTERNAL_FAILURE, "mailroom answered " .. tostring(status)
end

function script_deinit()
end
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_lua_script_quotes_its_settings() {
        let script = lua_script(
            "http://127.0.0.1:10027/internal/dovecot",
            "se\"cret\\",
            "/var/vmail/",
        );
        assert!(script.contains("local base = \"http://127.0.0.1:10027/internal/dovecot\""));
        assert!(script.contains("local secret = \"se\\\"cret\\\\\""));
        assert!(script.contains("function auth_password_verify(req, password)"));
        assert!(script.contains("local mail_root = \"/var/vmail\""));
    }

    #[test]
    fn passwd_file_writes_are_atomic_and_move_the_mtime_forward() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("passwd");
        write_passwd_file(&path, "a@b.example:{PLAIN}x::::::\n").unwrap();
        let first = std::fs::metadata(&path).unwrap().modified().unwrap();
        write_passwd_file(&path, "a@b.example:{PLAIN}y::::::\n").unwrap();
        let second = std::fs::metadata(&path).unwrap().modified().unwrap();
        assert!(
            second >= first + Duration::from_secs(1),
            "Dovecot must see a new second"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "a@b.example:{PLAIN}y::::::\n"
        );
        assert!(!dir.path().join(".passwd.tmp").exists());
    }
}
