//! What a commit on PostgreSQL does at its limits: a write refused or
//! overtaken at every try is given up after `ATTEMPTS`, a refusal runs
//! once, and the counters every node shares keep what each change leaves.
//! Needs `MAILROOM_POSTGRES_URL`, as `pg_tests` does.

use crate::store::pg_tests::stores;
use crate::store::{Query, StoreError};

/// A write PostgreSQL keeps refusing at its commit is tried `ATTEMPTS`
/// times, then given up with `Conflict`, keeping nothing; refused one time
/// fewer, its last try is kept.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_write_refused_at_every_commit_is_tried_attempts_times_then_given_up() {
    use crate::store::pg::ATTEMPTS;
    let (_redb, pg, _dir) = stores();
    for (refusals, kept) in [(ATTEMPTS, false), (ATTEMPTS - 1, true)] {
        pg.plant_conflicts_for_tests(refusals);
        let mut runs = 0;
        let key = format!("refused{refusals}");
        let outcome = pg.write(|tx| {
            runs += 1;
            tx.table(crate::store::tables::META)?
                .insert(key.as_str(), 1)?;
            Ok::<_, StoreError>(())
        });
        assert_eq!(runs, ATTEMPTS, "{refusals} refusals");
        assert_eq!(outcome.is_ok(), kept, "{outcome:?}");
        if !kept {
            assert!(matches!(outcome, Err(StoreError::Conflict)), "{outcome:?}");
        }
        let reader = pg.read().unwrap();
        let meta = reader.table(crate::store::tables::META).unwrap();
        assert_eq!(meta.get(key.as_str()).unwrap().is_some(), kept);
    }
}

/// A write overtaken at every try (another commits between its read and
/// its write) is given up after `ATTEMPTS` tries, each of which ran.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_write_overtaken_at_every_try_is_given_up_after_attempts_tries() {
    use crate::store::pg::ATTEMPTS;
    use crate::store::tables::META;
    let (_redb, pg, _dir) = stores();
    let mut runs = 0;
    let outcome = pg.write(|tx| {
        runs += 1;
        let seen = tx.table(META)?.get("overtaken")?.map_or(0, |v| v.value());
        // Another write commits the same record meanwhile.
        pg.write(|other| {
            other
                .table(META)?
                .insert("overtaken", seen + 100)
                .map(|_| ())
        })?;
        tx.table(META)?.insert("overtaken", seen + 1)?;
        Ok::<_, StoreError>(())
    });
    assert!(matches!(outcome, Err(StoreError::Conflict)), "{outcome:?}");
    assert_eq!(runs, ATTEMPTS);
}

/// A use case that refuses (an error of its own, no conflict) runs once
/// and its refusal is what the caller gets.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_refusal_runs_once_and_is_returned_as_it_is() {
    let (_redb, pg, _dir) = stores();
    let mut runs = 0;
    let outcome: Result<(), StoreError> = pg.write(|tx| {
        runs += 1;
        tx.table(crate::store::tables::META)?.insert("refused", 1)?;
        Err(StoreError::NotEmpty)
    });
    assert!(matches!(outcome, Err(StoreError::NotEmpty)), "{outcome:?}");
    assert_eq!(runs, 1);
    let reader = pg.read().unwrap();
    let meta = reader.table(crate::store::tables::META).unwrap();
    assert!(
        meta.get("refused").unwrap().is_none(),
        "a refusal keeps nothing"
    );
}

/// The counters every node shares keep what a change leaves, per key and in
/// the caller's order (a key asked twice reads alike), forget what it
/// removes, and are pruned by age.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn shared_counters_keep_what_each_change_leaves() {
    let (redb, pg, _dir) = stores();
    assert!(
        redb.shared_counters().is_none(),
        "the redb file's are in memory"
    );
    let counters = pg.shared_counters().unwrap();
    let keys = ["b".to_owned(), "a".to_owned()];
    counters
        .change(&keys, &mut |c| {
            assert_eq!(c, &[None, None]);
            c[0] = Some((3, 1_000));
            c[1] = Some((1, 2_000));
        })
        .unwrap();
    let twice = ["a".to_owned(), "b".to_owned(), "a".to_owned()];
    counters
        .change(&twice, &mut |c| {
            assert_eq!(c, &[Some((1, 2_000)), Some((3, 1_000)), Some((1, 2_000))]);
            c[1] = None;
        })
        .unwrap();
    counters
        .change(&keys, &mut |c| assert_eq!(c, &[None, Some((1, 2_000))]))
        .unwrap();
    assert_eq!(
        counters.prune(1_500).unwrap(),
        0,
        "a counted at 2,000 stays"
    );
    assert_eq!(counters.prune(2_001).unwrap(), 1);
    counters
        .change(&keys, &mut |c| assert_eq!(c, &[None, None]))
        .unwrap();
}

/// A snapshot's `BEGIN` goes with its first statement, so the snapshot is
/// of that moment, and holds after it; an unpinned reader's statements
/// each see the latest commit. A read that sent nothing and a write that
/// wrote nothing end without a round trip and keep nothing.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_snapshot_holds_from_its_first_statement_and_an_unpinned_read_follows_commits() {
    use crate::store::tables::META;
    let (_redb, pg, _dir) = stores();
    let set = |value: u64| {
        pg.write(|tx| {
            tx.table(META)?.insert("seen", value)?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    };
    let read = |reader: &crate::store::Reader| {
        reader
            .table(META)
            .unwrap()
            .get("seen")
            .unwrap()
            .map(|v| v.value())
    };
    set(1);
    let snapshot = pg.read().unwrap();
    let unpinned = pg.read_unpinned().unwrap();
    set(2);
    assert_eq!(
        read(&snapshot),
        Some(2),
        "the snapshot begins at its first statement"
    );
    assert_eq!(read(&unpinned), Some(2));
    set(3);
    assert_eq!(read(&snapshot), Some(2), "and holds after it");
    assert_eq!(
        read(&unpinned),
        Some(3),
        "each unpinned statement sees the latest"
    );
    drop(pg.read().unwrap());
    pg.write(|_| Ok::<_, StoreError>(())).unwrap();
    assert_eq!(read(&pg.read().unwrap()), Some(3));
}

/// Writes whose answer nobody reads go with the next statement, in the
/// order they were made: the transaction reads them back, a put then a
/// delete of one key leaves none, a delete then a put leaves the put, and
/// more than one round's worth all arrive.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn deferred_writes_arrive_in_order_and_are_read_back() {
    use crate::store::tables::META;
    let (_redb, pg, _dir) = stores();
    pg.write(|tx| {
        let mut meta = tx.table(META)?;
        meta.put("gone", 1)?;
        meta.delete("gone")?;
        meta.delete("back")?;
        meta.put("back", 2)?;
        for n in 0..1200u64 {
            meta.put(format!("many{n:04}").as_str(), n)?;
        }
        assert_eq!(meta.get("back")?.map(|v| v.value()), Some(2));
        assert!(meta.get("gone")?.is_none());
        // A range is asked of PostgreSQL, which has them all by then.
        assert_eq!(meta.range("many0000".."many9999")?.count(), 1200);
        // What the transaction knows of a key follows a range removed.
        meta.remove_range("many0000".."many0600")?;
        assert!(meta.get("many0001")?.is_none());
        assert_eq!(meta.get("many0601")?.map(|v| v.value()), Some(601));
        Ok::<_, StoreError>(())
    })
    .unwrap();
    let reader = pg.read().unwrap();
    let meta = reader.table(META).unwrap();
    assert!(meta.get("gone").unwrap().is_none());
    assert_eq!(meta.get("back").unwrap().map(|v| v.value()), Some(2));
    assert_eq!(meta.get("many1199").unwrap().map(|v| v.value()), Some(1199));
    let many = meta.range("many0000".."many9999").unwrap().count();
    assert_eq!(many, 600);
}

/// Large values (an import's text) are sent once their bytes pass the
/// budget rather than held by the hundred, and are read back from the
/// database rather than kept in the transaction's memory.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn large_deferred_values_are_sent_early_and_read_back_from_the_database() {
    use crate::store::schema::IMPORT_TEXT;
    let (_redb, pg, _dir) = stores();
    let chunk = |n: u8| vec![b'a' + n; 3 << 20];
    pg.write(|tx| {
        let mut text = tx.table(IMPORT_TEXT)?;
        for n in 0..3u8 {
            text.put((7u64, u32::from(n)), chunk(n).as_slice())?;
        }
        let read = text.get((7u64, 1u32))?.map(|v| v.value().to_vec());
        assert_eq!(read, Some(chunk(1)));
        Ok::<_, StoreError>(())
    })
    .unwrap();
    let reader = pg.read().unwrap();
    let text = reader.table(IMPORT_TEXT).unwrap();
    for n in 0..3u8 {
        let read = text
            .get((7u64, u32::from(n)))
            .unwrap()
            .map(|v| v.value().to_vec());
        assert_eq!(read, Some(chunk(n)), "chunk {n}");
    }
}

/// Keys read ahead in one round trip are then read at no cost, present or
/// absent; what the transaction itself wrote or removed before wins over
/// what the database holds.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn keys_read_ahead_cost_one_round_trip_and_keep_the_transactions_own_writes() {
    use crate::store::tables::META;
    let (_redb, pg, _dir) = stores();
    pg.write(|tx| {
        let mut meta = tx.table(META)?;
        for n in 0..1200u64 {
            meta.put(format!("ahead{n:04}").as_str(), n)?;
        }
        Ok::<_, StoreError>(())
    })
    .unwrap();
    pg.write(|tx| {
        {
            let mut meta = tx.table(META)?;
            meta.put("ahead0001", 101)?;
            meta.delete("ahead0002")?;
            // Sent now: the prefetch below finds nothing of them waiting.
            assert_eq!(meta.get("ahead0003")?.map(|v| v.value()), Some(3));
        }
        let before = tx.round_trips();
        let names: Vec<String> = (0..1300u64).map(|n| format!("ahead{n:04}")).collect();
        let keys: Vec<&str> = names.iter().map(String::as_str).collect();
        let meta = tx.table(META)?;
        meta.prefetch(&keys)?;
        let asked = tx.round_trips() - before;
        assert_eq!(asked, 3, "1,300 keys, 500 a statement");
        assert_eq!(meta.get("ahead0000")?.map(|v| v.value()), Some(0));
        assert_eq!(meta.get("ahead0001")?.map(|v| v.value()), Some(101));
        assert!(meta.get("ahead0002")?.is_none());
        assert_eq!(meta.get("ahead1199")?.map(|v| v.value()), Some(1199));
        assert!(meta.get("ahead1200")?.is_none(), "absent, and known so");
        assert_eq!(tx.round_trips() - before, asked, "no read after");
        // Read again, nothing is asked twice.
        meta.prefetch(&keys)?;
        assert_eq!(tx.round_trips() - before, asked);
        Ok::<_, StoreError>(())
    })
    .unwrap();
}

/// A write still waiting to be sent, whose key the transaction has
/// forgotten (its memory was full), is sent before the keys are read
/// ahead, in the same round trip: what is read is the transaction's own
/// value, not the one committed before.
#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_write_waiting_to_be_sent_is_what_reading_ahead_finds() {
    use crate::store::tables::META;
    let (_redb, pg, _dir) = stores();
    pg.write(|tx| {
        tx.table(META)?.put("kept", 1)?;
        Ok::<_, StoreError>(())
    })
    .unwrap();
    pg.write(|tx| {
        let mut meta = tx.table(META)?;
        // 50,000 keys remembered, the last of them "kept" (its write
        // waiting), then one more: the memory starts over without it.
        for n in 0..49_999u64 {
            meta.put(format!("fill{n:05}").as_str(), n)?;
        }
        meta.put("kept", 2)?;
        meta.put("one more", 0)?;
        let before = tx.round_trips();
        meta.prefetch(&["kept"])?;
        assert_eq!(tx.round_trips() - before, 1, "asked, its write sent first");
        assert_eq!(meta.get("kept")?.map(|v| v.value()), Some(2));
        assert_eq!(tx.round_trips() - before, 1);
        Ok::<_, StoreError>(())
    })
    .unwrap();
}
