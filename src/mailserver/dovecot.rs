//! Dovecot's password and user lookups: answered live over HTTP for its Lua
//! passdb/userdb, or written to a passwd-file for builds without Lua.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::model::{Address, AddressKind, EmailAddress};
use crate::store::StoreError;
use crate::store::prelude::*;

/// The header that carries the shared secret.
pub const SECRET_HEADER: &str = "x-mailroom-secret";

/// The password Dovecot checks for a login, in its `{SCHEME}hash` form:
/// only for an active address's own name with a password set.
pub fn password_of(reader: &impl Query, login: &str) -> Result<Option<String>, StoreError> {
    Ok(address_of(reader, login)?
        .and_then(|a| a.password_hash)
        .map(|h| h.dovecot_form()))
}

/// The active address a login names (its own name, not an alias).
pub fn address_of(reader: &impl Query, login: &str) -> Result<Option<Address>, StoreError> {
    let Ok(email) = EmailAddress::parse(&login.to_lowercase()) else {
        return Ok(None);
    };
    let Some(service) = reader.service_by_domain(email.domain())? else {
        return Ok(None);
    };
    Ok(reader
        .address_by_name(service.id, email.local_part())?
        .filter(|a| a.is_active() && a.local_part == *email.local_part()))
}

/// The active address a login names when it has a mailbox (a no-reply
/// address has none).
pub fn mailbox_of(reader: &impl Query, login: &str) -> Result<Option<Address>, StoreError> {
    Ok(address_of(reader, login)?.filter(|a| a.kind != AddressKind::NoReply))
}

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
        let domain = match domains.get(&address.service) {
            Some(domain) => domain,
            None => {
                let Some(service) = reader.service(address.service)? else {
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
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("passwd");
    let temp = dir.join(format!(".{name}.tmp"));
    {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(content.as_bytes())?;
        let old = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let now = SystemTime::now();
        let mtime = match old {
            Some(old) if old + Duration::from_secs(1) > now => old + Duration::from_secs(1),
            _ => now,
        };
        file.set_modified(mtime)?;
        file.sync_all()?;
    }
    std::fs::rename(&temp, path)
}

/// The Lua script for Dovecot 2.3's auth-lua, asking Mailroom over HTTP.
pub fn lua_script(base_url: &str, secret: &str) -> String {
    LUA_TEMPLATE
        .replace("@BASE_URL@", &lua_string(base_url))
        .replace("@SECRET@", &lua_string(secret))
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

const LUA_TEMPLATE: &str = r#"-- Mailroom: live password and user lookups for Dovecot 2.3 (package dovecot-auth-lua).
-- Each login asks Mailroom, so a new, changed or deleted address takes effect at once.
local base = @BASE_URL@
local secret = @SECRET@
local client = nil

local function escape(value)
  return (value:gsub("[^%w%.%-_@]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function ask(kind, user)
  local request = client:request { url = base .. "/" .. kind .. "/" .. escape(user), method = "GET" }
  request:add_header("X-Mailroom-Secret", secret)
  local response = request:submit()
  return response:status(), response:payload()
end

function script_init()
  client = dovecot.http.client { request_timeout_msecs = 5000, max_attempts = 2 }
  return 0
end

function auth_passdb_lookup(req)
  local status, body = ask("passdb", req.user)
  if status == 200 then
    return dovecot.auth.PASSDB_RESULT_OK, { password = body }
  elseif status == 404 then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "no such address"
  end
  return dovecot.auth.PASSDB_RESULT_INTERNAL_FAILURE, "mailroom answered " .. tostring(status)
end

function auth_userdb_lookup(req)
  local status = ask("userdb", req.user)
  if status == 200 then
    return dovecot.auth.USERDB_RESULT_OK, {}
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

    #[test]
    fn the_lua_script_quotes_its_settings() {
        let script = lua_script("http://127.0.0.1:10027/internal/dovecot", "se\"cret\\");
        assert!(script.contains("local base = \"http://127.0.0.1:10027/internal/dovecot\""));
        assert!(script.contains("local secret = \"se\\\"cret\\\\\""));
        assert!(script.contains("function auth_passdb_lookup(req)"));
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
