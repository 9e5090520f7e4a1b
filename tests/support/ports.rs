//! Ports for the servers a test starts, each handed out once per test
//! process and taken below the kernel's range for outgoing connections:
//! a port found free with port 0 and bound later could meanwhile be handed
//! to another test's server, or taken by a client's outgoing connection
//! (both seen: a Postfix that could not bind its port and did not start).

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::sync::Mutex;

/// Below Linux's default range for outgoing ports (32768–60999).
const FIRST: u16 = 20_000;
const LAST: u16 = 32_000;

/// A port nothing listens on now, never handed out before in this process.
pub fn free_port() -> u16 {
    static GIVEN: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
    let mut given = GIVEN.lock().unwrap_or_else(|e| e.into_inner());
    // Each test process starts somewhere else in the range: two suites
    // running at once rarely try the same ports first.
    let span = u32::from(LAST - FIRST);
    let start = (std::process::id() * 7919) % span;
    for step in 0..span {
        let port = FIRST + u16::try_from((start + step) % span).expect("within the range");
        if given.contains(&port) {
            continue;
        }
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            given.insert(port);
            return port;
        }
    }
    panic!("no free port between {FIRST} and {LAST}");
}
