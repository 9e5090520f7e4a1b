//! Two nodes (two `App`s on one database) doing the same thing at once:
//! each race ends as one serial order of the two would.

use std::sync::{Arc, Barrier};

use mailroom::App;
use mailroom::app::{
    Actor, AppError, AppSettings, Conflict, ForWhom, NewAddress, Rejection, ShareMode, ShareWith,
    StoreAt, Token,
};
use mailroom::model::{
    Domain, EmailAddress, LocalPart, OrgId, Password, Permissions, Role, SignupRule, UserId,
};
use mailroom::store::prelude::*;

const PASSWORD: &str = "correct horse battery";

pub struct Cluster {
    pub a: Arc<App>,
    pub b: Arc<App>,
    pub org: OrgId,
    pub owner: Actor,
}

/// Two nodes on a new database, with Acme, its owner and acme.example.
pub fn cluster() -> Cluster {
    cluster_with(AppSettings::default())
}

pub fn cluster_with(settings: AppSettings) -> Cluster {
    let url = mailroom::store::pg::test_database();
    let node =
        || Arc::new(App::open_at(&StoreAt::Postgres(url.clone()), settings.clone()).unwrap());
    let (a, b) = (node(), node());
    let owner = EmailAddress::parse("owner@acme.example").unwrap();
    a.accounts()
        .setup(
            "Acme",
            &owner,
            &Password::new(PASSWORD, None).unwrap(),
            None,
        )
        .unwrap();
    let org = b.organisations().organisation_named(None).unwrap().id;
    let owner = b.organisations().owner_of(org).unwrap();
    a.services().add_service(&owner, org, &acme()).unwrap();
    Cluster { a, b, org, owner }
}

fn acme() -> Domain {
    Domain::parse("acme.example").unwrap()
}

fn actor(user: UserId) -> Actor {
    Actor {
        user,
        token: None,
        ip: None,
    }
}

fn new_address(local: &str, for_whom: ForWhom) -> NewAddress {
    NewAddress {
        local_part: LocalPart::parse(local).unwrap(),
        for_whom,
        password: None,
        forwarding: None,
        display_name: None,
        quota: None,
    }
}

/// `on_a` on node A and `on_b` on node B, let go at the same instant.
pub fn race<A: Send, B: Send>(
    on_a: impl FnOnce() -> A + Send,
    on_b: impl FnOnce() -> B + Send,
) -> (A, B) {
    let start = Barrier::new(2);
    std::thread::scope(|s| {
        let a = s.spawn(|| {
            start.wait();
            on_a()
        });
        let b = s.spawn(|| {
            start.wait();
            on_b()
        });
        (a.join().unwrap(), b.join().unwrap())
    })
}

impl Cluster {
    fn member(&self, email: &str, role: Role) -> UserId {
        self.a
            .organisations()
            .add_member(
                &self.owner,
                self.org,
                &EmailAddress::parse(email).unwrap(),
                &Password::new(PASSWORD, None).unwrap(),
                role,
            )
            .unwrap()
    }

    fn address(&self, local: &str) {
        self.a
            .addresses()
            .create_address(&self.owner, &acme(), new_address(local, ForWhom::Multiple))
            .unwrap();
    }
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn the_same_name_made_on_both_nodes_at_once_is_made_once_and_the_other_told_it_exists() {
    let c = cluster();
    for round in 0..12 {
        let local = format!("race{round}");
        let (on_a, on_b) = race(
            || {
                c.a.addresses().create_address(
                    &c.owner,
                    &acme(),
                    new_address(&local, ForWhom::Multiple),
                )
            },
            || {
                c.b.addresses().create_address(
                    &c.owner,
                    &acme(),
                    new_address(&local, ForWhom::Multiple),
                )
            },
        );
        let (made, refused) = match (on_a, on_b) {
            (Ok(made), Err(refused)) | (Err(refused), Ok(made)) => (made, refused),
            other => panic!("round {round}: one must win and one be refused: {other:?}"),
        };
        assert!(
            matches!(refused, AppError::Conflict(Conflict::AddressExists(_))),
            "the ordinary refusal, not an error of the database: {refused:?}"
        );
        let reader = c.a.store_for_tests().read().unwrap();
        let service = reader.service_by_domain(&acme()).unwrap().unwrap();
        let stored = reader
            .address_by_name(service.id, &LocalPart::parse(&local).unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(stored.id, made.id, "the one kept is the one answered");
    }
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_catch_all_made_twice_at_once_is_made_once() {
    let c = cluster();
    let (on_a, on_b) = race(
        || {
            c.a.addresses().create_address(
                &c.owner,
                &acme(),
                new_address("everything", ForWhom::CatchAll),
            )
        },
        || {
            c.b.addresses().create_address(
                &c.owner,
                &acme(),
                new_address("anything", ForWhom::CatchAll),
            )
        },
    );
    match (&on_a, &on_b) {
        (Ok(_), Err(AppError::Conflict(Conflict::CatchAllExists)))
        | (Err(AppError::Conflict(Conflict::CatchAllExists)), Ok(_)) => {}
        other => panic!("one catch-all, the other refused: {other:?}"),
    }
    let reader = c.a.store_for_tests().read().unwrap();
    let service = reader.service_by_domain(&acme()).unwrap().unwrap();
    let catch_alls = ["everything", "anything"]
        .iter()
        .filter(|l| {
            reader
                .address_by_name(service.id, &LocalPart::parse(l).unwrap())
                .unwrap()
                .is_some()
        })
        .count();
    assert_eq!(catch_alls, 1);
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn two_owners_demoting_each_other_at_once_leave_one_owner() {
    let c = cluster();
    let owners = |app: &App| {
        app.store_for_tests()
            .read()
            .unwrap()
            .members_of(c.org)
            .unwrap()
            .into_iter()
            .filter(|m| m.role == Role::Owner)
            .map(|m| m.user)
            .collect::<Vec<_>>()
    };
    for round in 0..8 {
        let first = c.member(&format!("first{round}@acme.example"), Role::Owner);
        let second = c.member(&format!("second{round}@acme.example"), Role::Owner);
        // These two are the only owners while they race.
        c.a.organisations()
            .set_role(&actor(first), c.org, c.owner.user, Role::Member)
            .unwrap();
        let (on_a, on_b) = race(
            || {
                c.a.organisations()
                    .set_role(&actor(first), c.org, second, Role::Member)
            },
            || {
                c.b.organisations()
                    .set_role(&actor(second), c.org, first, Role::Member)
            },
        );
        assert!(
            on_a.is_ok() != on_b.is_ok(),
            "round {round}: exactly one demotion holds: {on_a:?} {on_b:?}"
        );
        let refused = on_a.err().or(on_b.err()).unwrap();
        assert!(
            matches!(
                refused,
                AppError::Forbidden | AppError::Rejected(Rejection::LastOwner)
            ),
            "{refused:?}"
        );
        let left = owners(&c.b);
        assert_eq!(left.len(), 1, "round {round}: {left:?}");
        // The one left hands the organisation back for the next round.
        c.a.organisations()
            .set_role(&actor(left[0]), c.org, c.owner.user, Role::Owner)
            .unwrap();
        c.a.organisations()
            .set_role(&c.owner, c.org, left[0], Role::Member)
            .unwrap();
        assert_eq!(owners(&c.a), vec![c.owner.user]);
    }
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_member_removed_on_one_node_while_the_other_shares_with_them_keeps_no_access() {
    let c = cluster();
    c.address("team");
    let team = mailroom::app::AddressRef::parse("acme.example", "team").unwrap();
    for round in 0..10 {
        let member = c.member(&format!("m{round}@acme.example"), Role::Member);
        let (removed, shared) = race(
            || c.a.organisations().remove_member(&c.owner, c.org, member),
            || {
                c.b.sharing().share_address(
                    &c.owner,
                    &team,
                    ShareWith::Member(member),
                    Permissions::none(),
                    ShareMode::AtOnce,
                )
            },
        );
        removed.unwrap();
        if let Err(error) = &shared {
            assert!(
                matches!(error, AppError::Rejected(Rejection::NotAMember)),
                "round {round}: {error:?}"
            );
        }
        let reader = c.b.store_for_tests().read().unwrap();
        assert!(reader.membership(c.org, member).unwrap().is_none());
        assert!(
            reader.access_ids_of_user(member).unwrap().is_empty(),
            "round {round}: a removed member kept access ({shared:?})"
        );
    }
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn fifty_invitations_each_accepted_on_both_nodes_at_once_are_accepted_once() {
    const COUNT: usize = 50;
    let c = cluster();
    c.address("team");
    let team = mailroom::app::AddressRef::parse("acme.example", "team").unwrap();
    // People with an account who are not members: invited, not added.
    let people: Vec<UserId> = (0..COUNT)
        .map(|i| {
            let user = c.member(&format!("guest{i}@acme.example"), Role::Member);
            c.a.organisations()
                .remove_member(&c.owner, c.org, user)
                .unwrap();
            user
        })
        .collect();
    for i in 0..COUNT {
        let shared =
            c.a.sharing()
                .share_address(
                    &c.owner,
                    &team,
                    ShareWith::Email {
                        email: EmailAddress::parse(&format!("guest{i}@acme.example")).unwrap(),
                        signup: SignupRule::OwnChoice,
                        lang: None,
                    },
                    Permissions::none(),
                    ShareMode::Invite,
                )
                .unwrap();
        assert!(
            matches!(shared, mailroom::app::Shared::Invited(_)),
            "{shared:?}"
        );
    }
    let tokens: Vec<(UserId, String)> = {
        let reader = c.a.store_for_tests().read().unwrap();
        let mail = reader.messages_of(&[c.org], COUNT * 2).unwrap();
        people
            .iter()
            .enumerate()
            .map(|(i, user)| {
                let to = format!("guest{i}@acme.example");
                let message = mail.iter().find(|m| m.to.to_string() == to).unwrap();
                let link = message.link.clone().unwrap();
                (*user, link.rsplit('/').next().unwrap().to_owned())
            })
            .collect()
    };
    // Every invitation accepted on both nodes at once, all at once.
    let outcomes: Vec<_> = std::thread::scope(|s| {
        let start = Arc::new(Barrier::new(COUNT * 2));
        let mut running = Vec::new();
        for (user, token) in &tokens {
            for node in [&c.a, &c.b] {
                let start = Arc::clone(&start);
                running.push(s.spawn(move || {
                    start.wait();
                    (
                        *user,
                        node.sharing()
                            .accept(Token::Invitation, token, Some(*user), None, None)
                            .map(|_| ()),
                    )
                }));
            }
        }
        running.into_iter().map(|t| t.join().unwrap()).collect()
    });
    for (user, _) in &tokens {
        let accepted = outcomes
            .iter()
            .filter(|(u, outcome)| u == user && outcome.is_ok())
            .count();
        assert_eq!(accepted, 1, "user {user}: {outcomes:?}");
    }
    for (_, outcome) in &outcomes {
        if let Err(error) = outcome {
            assert!(
                matches!(error, AppError::Rejected(Rejection::Link(_))),
                "the second acceptance is told the invitation is used: {error:?}"
            );
        }
    }
    let reader = c.a.store_for_tests().read().unwrap();
    let service = reader.service_by_domain(&acme()).unwrap().unwrap();
    let address = reader
        .address_by_name(service.id, &LocalPart::parse("team").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(reader.accesses_of(address.id).unwrap().len(), COUNT);
    for invitation in reader.invitations_of(address.id).unwrap() {
        assert_ne!(
            invitation.state,
            mailroom::model::InvitationState::Pending,
            "{invitation:?}"
        );
    }
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn scheduled_work_asked_for_by_both_nodes_at_once_runs_on_one() {
    let c = cluster();
    let hour = std::time::Duration::from_secs(60 * 60);
    for round in 0..10 {
        let name = format!("work{round}");
        let (on_a, on_b) = race(
            || c.a.operations().claim_scheduled_run(&name, hour).unwrap(),
            || c.b.operations().claim_scheduled_run(&name, hour).unwrap(),
        );
        assert!(
            on_a != on_b,
            "round {round}: one node runs it ({on_a}, {on_b})"
        );
        assert!(!c.a.operations().claim_scheduled_run(&name, hour).unwrap());
        assert!(!c.b.operations().claim_scheduled_run(&name, hour).unwrap());
    }
}

#[test]
#[ignore = "needs PostgreSQL: scripts/test starts one"]
fn a_node_starting_leaves_the_jobs_another_node_is_running() {
    let c = cluster();
    c.address("team");
    let team = mailroom::app::AddressRef::parse("acme.example", "team").unwrap();
    c.a.sharing()
        .share_address(
            &c.owner,
            &team,
            ShareWith::Email {
                email: EmailAddress::parse("guest@elsewhere.example").unwrap(),
                signup: SignupRule::OwnChoice,
                lang: None,
            },
            Permissions::none(),
            ShareMode::Invite,
        )
        .unwrap();
    let leased = c.a.queue().lease(8).unwrap();
    assert_eq!(leased.len(), 1, "the invitation's delivery");
    assert_eq!(c.b.queue().reclaim_at_start().unwrap(), 0);
    let job =
        c.b.store_for_tests()
            .read()
            .unwrap()
            .job(leased[0].id)
            .unwrap()
            .unwrap();
    assert_eq!(
        job.state,
        mailroom::model::JobState::Running,
        "still node A's"
    );
    assert!(
        c.b.queue().lease(8).unwrap().is_empty(),
        "node B does not run it too"
    );
}
