//! The failed-login rule's tests.

use super::*;

fn waits(result: Result<(), Refused>) -> Duration {
    match result {
        Err(Refused::Wait(wait)) => wait,
        other => panic!("a wait, not {other:?}"),
    }
}

#[test]
fn five_attempts_are_free_then_the_delay_grows() {
    let throttle = LoginThrottle::default();
    for _ in 0..5 {
        assert_eq!(throttle.attempt("a@example.org", Some("10.0.0.1")), Ok(()));
    }
    let first = waits(throttle.attempt("A@example.org", None));
    assert!(first <= Duration::from_secs(1) && !first.is_zero());
    // The client address is throttled for other accounts too.
    assert!(throttle.attempt("b@example.org", Some("10.0.0.1")).is_err());
    assert_eq!(throttle.attempt("b@example.org", Some("10.0.0.2")), Ok(()));
    throttle.succeeded("a@example.org", Some("10.0.0.2"));
    assert_eq!(throttle.attempt("a@example.org", Some("10.0.0.3")), Ok(()));
}

#[test]
fn spellings_of_one_account_are_one_account() {
    assert_eq!(account_key("Ann@Acme.Example."), "ann@acme.example");
    assert_eq!(account_key(" ann@acme.example"), "ann@acme.example");
    assert_eq!(
        account_key("ann@b\u{fc}ro.example"),
        account_key("ann@xn--bro-hoa.example")
    );
    assert_eq!(account_key("Not An Address"), "not an address");
}

#[test]
fn ipv6_clients_count_per_64() {
    assert_eq!(
        client_key("2001:db8:1:2:aaaa::1"),
        client_key("2001:db8:1:2:bbbb::9")
    );
    assert_ne!(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:3::1"));
    assert_eq!(client_key("::ffff:10.0.0.1"), "10.0.0.1");
    assert_eq!(client_key("10.0.0.1"), "10.0.0.1");
}

#[test]
fn filling_the_table_does_not_wash_a_victims_record_clean() {
    let throttle = LoginThrottle::with_first_delay(Duration::ZERO);
    for _ in 0..FREE_FAILURES + 1 {
        let _ = throttle.attempt("victim@example.org", None);
    }
    for n in 0..=MAX_ENTRIES {
        let _ = throttle.attempt(&format!("filler{n}@example.org"), None);
    }
    // The victim's wait ran out (no first delay here), but its count
    // stays: the next failure waits longer than the first.
    let mut victim = None;
    let key = format!("account:{}", account_key("victim@example.org"));
    throttle
        .records
        .change(std::slice::from_ref(&key), &mut |r| victim = r[0])
        .unwrap();
    assert_eq!(victim.map(|f| f.count), Some(FREE_FAILURES + 1));
}

#[test]
fn a_table_past_its_size_drops_the_records_that_no_longer_matter() {
    let memory = InMemory::default();
    let now = now_ms();
    {
        let mut failures = memory.0.lock().unwrap();
        for n in 0..MAX_ENTRIES + 5 {
            failures.insert(
                format!("client:{n}"),
                Failures {
                    count: 1,
                    last_ms: now,
                },
            );
        }
        // Past its free failures and recent: it stays.
        failures.insert(
            "client:kept".into(),
            Failures {
                count: 9,
                last_ms: now,
            },
        );
    }
    let throttle = LoginThrottle::kept_in(Box::new(memory), Duration::from_secs(1));
    assert_eq!(throttle.attempt("someone@example.org", None), Ok(()));
    let mut left = (None, None);
    let keys = ["client:kept".to_owned(), "client:1".to_owned()];
    throttle
        .records
        .change(&keys, &mut |r| left = (r[0], r[1]))
        .unwrap();
    assert!(left.0.is_some(), "a record that matters stays");
    assert!(
        left.1.is_none(),
        "below the free failures: nothing to remember"
    );
}

#[test]
fn unavailable_records_let_nothing_through() {
    struct Away;
    impl Records for Away {
        fn change(
            &self,
            _: &[String],
            _: &mut dyn FnMut(&mut [Option<Failures>]),
        ) -> Result<(), Unavailable> {
            Err(Unavailable("the database is away".into()))
        }
    }
    let throttle = LoginThrottle::kept_in(Box::new(Away), Duration::from_secs(1));
    assert!(matches!(
        throttle.attempt("a@example.org", None),
        Err(Refused::Unavailable(_))
    ));
}

#[test]
fn the_delay_is_capped() {
    let f = Failures {
        count: 60,
        last_ms: now_ms(),
    };
    assert_eq!(f.delay(Duration::from_secs(1)), MAX_DELAY);
    assert_eq!(
        MAX_DELAY,
        Duration::from_secs(900),
        "a quarter of an hour at most"
    );
    let fifth = Failures {
        count: 5,
        last_ms: now_ms(),
    };
    assert_eq!(
        fifth.delay(Duration::from_secs(30)),
        Duration::from_secs(30)
    );
}
