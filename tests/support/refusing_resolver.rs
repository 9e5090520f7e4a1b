//! A DNS server on loopback that answers every question REFUSED at once and
//! counts them: a suite's resolver, so that no test asks the machine's (CI
//! has no network), a DNS check ends at once, and a refused check can be
//! seen to have asked nothing.

use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub struct RefusingResolver {
    pub addr: SocketAddr,
    questions: Arc<AtomicUsize>,
}

impl RefusingResolver {
    /// Serves until the value is dropped.
    pub fn start() -> Self {
        let socket = UdpSocket::bind("127.0.0.1:0").expect("a loopback UDP port");
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("a read timeout");
        let addr = socket.local_addr().expect("its address");
        let questions = Arc::new(AtomicUsize::new(0));
        let counted = Arc::downgrade(&questions);
        std::thread::spawn(move || {
            let mut buf = [0u8; 1500];
            loop {
                let Some(count) = counted.upgrade() else {
                    return;
                };
                let Ok((n, from)) = socket.recv_from(&mut buf) else {
                    continue;
                };
                if n < 12 {
                    continue;
                }
                count.fetch_add(1, Ordering::SeqCst);
                // The question sent back as an answer (QR set), REFUSED.
                let mut reply = buf[..n].to_vec();
                reply[2] |= 0x80;
                reply[3] = (reply[3] & 0xF0) | 5;
                let _ = socket.send_to(&reply, from);
            }
        });
        Self { addr, questions }
    }

    /// Questions asked so far.
    pub fn questions(&self) -> usize {
        self.questions.load(Ordering::SeqCst)
    }
}
