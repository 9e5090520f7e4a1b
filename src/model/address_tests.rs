//! The address types' rules.
use super::*;
use proptest::prelude::*;

#[test]
fn control_characters_are_refused_not_trimmed() {
    for input in [
        "evil\n@x.example",
        "evil@x.example\r",
        "\tevil@x.example",
        "a\u{0}b@x.example",
    ] {
        assert!(
            matches!(EmailAddress::parse(input), Err(AddressError::InvalidCharacter(c)) if c.is_control()),
            "{input:?}"
        );
    }
    assert!(LocalPart::parse("info\n").is_err());
    assert!(Domain::parse("acme.example\r\n").is_err());
    assert_eq!(
        AddressError::InvalidCharacter('\n').to_string(),
        "the part before the @ cannot contain the control character U+000A"
    );
    assert!(EmailAddress::parse(" ann@x.example ").is_ok());
}

#[test]
fn local_part_is_lowercased_and_trimmed() {
    assert_eq!(
        LocalPart::parse("  John.Doe ").unwrap().as_str(),
        "john.doe"
    );
}

#[test]
fn local_part_rejects_each_bad_shape() {
    assert_eq!(LocalPart::parse(""), Err(AddressError::EmptyLocalPart));
    assert_eq!(LocalPart::parse(".a"), Err(AddressError::MisplacedDot));
    assert_eq!(LocalPart::parse("a."), Err(AddressError::MisplacedDot));
    assert_eq!(LocalPart::parse("a..b"), Err(AddressError::MisplacedDot));
    assert_eq!(
        LocalPart::parse("a b"),
        Err(AddressError::InvalidCharacter(' '))
    );
    assert_eq!(
        LocalPart::parse("a@b"),
        Err(AddressError::InvalidCharacter('@'))
    );
    assert_eq!(
        LocalPart::parse("zoë"),
        Err(AddressError::InvalidCharacter('ë'))
    );
    assert_eq!(
        LocalPart::parse(&"a".repeat(65)),
        Err(AddressError::LocalPartTooLong)
    );
    assert!(LocalPart::parse(&"a".repeat(64)).is_ok());
    assert!(LocalPart::parse("o'brien+tag").is_ok());
}

#[test]
fn mailbox_local_part_is_stricter() {
    assert!(LocalPart::parse_mailbox("first.last-2_x").is_ok());
    assert_eq!(
        LocalPart::parse_mailbox("a+b"),
        Err(AddressError::NotMailboxSafe('+'))
    );
    assert_eq!(
        LocalPart::parse_mailbox("a/b"),
        Err(AddressError::NotMailboxSafe('/'))
    );
}

#[test]
fn domain_is_stored_as_punycode_and_shown_in_unicode() {
    let domain = Domain::parse("Bücher.Example").unwrap();
    assert_eq!(domain.as_ascii(), "xn--bcher-kva.example");
    assert_eq!(domain.to_string(), "bücher.example");
    assert_eq!(Domain::parse("xn--bcher-kva.example").unwrap(), domain);
}

#[test]
fn domain_rejects_each_bad_shape() {
    for bad in [
        "localhost",
        "-a.example",
        "a-.example",
        "a..example",
        "a_b.example",
        "1.2.3.4",
        "exa mple.org",
    ] {
        assert!(Domain::parse(bad).is_err(), "{bad} should be refused");
    }
    assert_eq!(Domain::parse(" "), Err(AddressError::EmptyDomain));
    let long_label = format!("{}.example", "a".repeat(64));
    assert!(Domain::parse(&long_label).is_err());
    assert_eq!(
        Domain::parse("example.org.").unwrap().as_ascii(),
        "example.org"
    );
}

#[test]
fn email_address_splits_at_the_last_at() {
    let email = EmailAddress::parse("Jo@Bücher.example").unwrap();
    assert_eq!(email.local_part().as_str(), "jo");
    assert_eq!(email.to_ascii(), "jo@xn--bcher-kva.example");
    assert_eq!(email.to_string(), "jo@bücher.example");
    assert_eq!(EmailAddress::parse("nobody"), Err(AddressError::MissingAt));
    assert!(EmailAddress::parse("a@b@example.org").is_err());
}

#[test]
fn serde_round_trip_reparses() {
    let email = EmailAddress::parse("a.b@example.org").unwrap();
    let json = serde_json::to_string(&email).unwrap();
    assert_eq!(json, "\"a.b@example.org\"");
    let back: EmailAddress = serde_json::from_str(&json).unwrap();
    assert_eq!(back, email);
    assert!(serde_json::from_str::<EmailAddress>("\"not an address\"").is_err());
}

fn atom() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,10}"
}

proptest! {
    #[test]
    fn every_dot_atom_up_to_64_octets_parses(atoms in prop::collection::vec(atom(), 1..6)) {
        let candidate = atoms.join(".");
        let parsed = LocalPart::parse(&candidate);
        if candidate.len() <= 64 {
            prop_assert_eq!(parsed.map(String::from), Ok(candidate.to_ascii_lowercase()));
        } else {
            prop_assert_eq!(parsed, Err(AddressError::LocalPartTooLong));
        }
    }

    #[test]
    fn a_parsed_local_part_is_always_a_dot_atom(input in "\\PC{0,80}") {
        if let Ok(local) = LocalPart::parse(&input) {
            let s = local.as_str();
            prop_assert!(!s.is_empty() && s.len() <= 64);
            prop_assert!(!s.starts_with('.') && !s.ends_with('.') && !s.contains(".."));
            prop_assert!(s.chars().all(|c| c.is_ascii_graphic() && c != '@' && c != '"'));
            prop_assert_eq!(LocalPart::parse(s), Ok(local.clone()));
        }
    }

    #[test]
    fn a_parsed_domain_reparses_to_itself(input in "[a-zA-Z0-9ü.-]{1,40}") {
        if let Ok(domain) = Domain::parse(&input) {
            prop_assert_eq!(Domain::parse(domain.as_ascii()), Ok(domain.clone()));
            prop_assert_eq!(Domain::parse(&domain.to_unicode()), Ok(domain.clone()));
            prop_assert!(domain.as_ascii().split('.').all(|l| !l.is_empty() && l.len() <= 63));
        }
    }
}

/// The plain-ASCII shortcut of `Domain::parse` says what idna says: a
/// name it takes is idna's ASCII form lowercased, or one idna refuses and
/// the checks after both paths refuse too.
fn shortcut_agrees_with_idna(input: &str) -> bool {
    let trimmed = input.trim().trim_end_matches('.');
    if !plain_ascii(trimmed) {
        return true;
    }
    match idna::domain_to_ascii_strict(trimmed) {
        Ok(ascii) => ascii == trimmed.to_ascii_lowercase(),
        Err(_) => Domain::parse(input).is_err(),
    }
}

#[test]
fn plain_ascii_names_parse_as_idna_parses_them() {
    let long_label = format!("{}.example", "a".repeat(64));
    let long_name = format!("{}example", "abcdefghi.".repeat(26));
    for input in [
        "acme.example",
        "ACME.Example",
        "a-b.example",
        "ab--cd.example",
        "xn--bcher-kva.example",
        "XN--BCHER-KVA.example",
        "xn--zz.example",
        "-a.example",
        "a-.example",
        "a..example",
        ".a.example",
        "1.2",
        "123.example",
        "example",
        "a.b.c.d.example",
        &long_label,
        &long_name,
    ] {
        assert!(shortcut_agrees_with_idna(input), "{input}");
    }
    assert!(!plain_ascii("xn--bcher-kva.example"), "A-labels go to idna");
    assert!(!plain_ascii("ab--cd.example"));
    assert!(plain_ascii("Acme.Example"));
    assert!(Domain::parse(&long_label).is_err());
    assert!(Domain::parse(&long_name).is_err());
}

proptest! {
    #[test]
    fn any_ascii_name_parses_as_idna_parses_it(input in "[a-zA-Z0-9.-]{1,300}") {
        prop_assert!(shortcut_agrees_with_idna(&input), "{}", input);
    }

    #[test]
    fn any_dotted_ascii_name_parses_as_idna_parses_it(
        labels in proptest::collection::vec("[a-zA-Z0-9-]{0,70}", 1..6)
    ) {
        let input = labels.join(".");
        prop_assert!(shortcut_agrees_with_idna(&input), "{}", input);
    }
}

/// What idna shows for a stored name: the Unicode form, or the stored one
/// when idna finds fault with it.
fn idna_unicode(domain: &Domain) -> String {
    match idna::domain_to_unicode(domain.as_ascii()) {
        (unicode, Ok(())) => unicode,
        (_, Err(_)) => domain.as_ascii().to_owned(),
    }
}

#[test]
fn names_without_a_labels_read_as_idna_reads_them() {
    for input in [
        "acme.example",
        "a-b.example",
        "xn--bcher-kva.example",
        "sub.xn--caf-dma.example",
    ] {
        let domain = Domain::parse(input).unwrap();
        assert_eq!(domain.to_unicode(), idna_unicode(&domain), "{input}");
        assert_eq!(domain.to_string(), idna_unicode(&domain), "{input}");
    }
    assert_eq!(
        Domain::parse("xn--bcher-kva.example").unwrap().to_string(),
        "bücher.example"
    );
}

proptest! {
    #[test]
    fn any_name_reads_as_idna_reads_it(
        labels in proptest::collection::vec("(xn--)?[a-z0-9-]{1,12}", 2..5)
    ) {
        if let Ok(domain) = Domain::parse(&labels.join(".")) {
            prop_assert_eq!(domain.to_unicode(), idna_unicode(&domain));
            prop_assert_eq!(domain.to_string(), idna_unicode(&domain));
        }
    }
}
