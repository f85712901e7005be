//! Every kind of job the worker runs, one line each. A row reads its payload into the job's own
//! type here; the rest of the worker sees only kinds and text.
//!
//! This list is the one place where `jobs` names the features. Should the features move into
//! crates of their own, it moves to whatever builds the app, and the worker takes it as a value.

use std::{future::Future, pin::Pin};

use super::{Housekeeping, Job, Worker};
use crate::{
    feelings::reciprocity::InviteToShare,
    mail::SendMail,
    memories::reflections::on_plans::ReflectAlone,
    push::SendPush,
    reminders::{DeliverNudges, plans::Sweep},
};

/// The registered kinds. Keep a kind here while rows of it may wait in a deployed database.
const REGISTERED: &[Registered] = &[
    register::<SendMail>(),
    register::<Housekeeping>(),
    register::<DeliverNudges>(),
    register::<Sweep>(),
    register::<InviteToShare>(),
    register::<ReflectAlone>(),
    register::<SendPush>(),
];

type Running<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// A kind and how to run a row of it.
struct Registered {
    kind: &'static str,
    run: for<'a> fn(&'a Worker, &'a str) -> Running<'a>,
}

const fn register<J: Job>() -> Registered {
    Registered {
        kind: J::KIND,
        run: read_and_run::<J>,
    }
}

fn read_and_run<'a, J: Job>(worker: &'a Worker, payload: &'a str) -> Running<'a> {
    Box::pin(async move {
        // A row that no longer reads (written by another version, or by hand) fails like any
        // other error: retried with backoff, then given up, its error kept in `last_error`.
        let job: J = serde_json::from_str(payload)
            .map_err(|e| anyhow::anyhow!("payload of a {} job does not read: {e}", J::KIND))?;
        job.run(worker).await
    })
}

/// Runs a claimed row: reads its payload as its kind's type and runs it.
pub(super) async fn run(worker: &Worker, kind: &str, payload: &str) -> anyhow::Result<()> {
    let Some(registered) = REGISTERED.iter().find(|r| r.kind == kind) else {
        anyhow::bail!("unknown job kind {kind}");
    };
    (registered.run)(worker, payload).await
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::{TimeZone, Utc};
    use serde_json::{json, to_value};

    use super::*;
    use crate::family::{BondId, FamilyId, MemberId};

    #[test]
    fn no_two_registered_jobs_share_a_kind() {
        let mut seen = HashSet::new();
        for r in REGISTERED {
            assert!(seen.insert(r.kind), "{} is registered twice", r.kind);
        }
    }

    /// Deployed databases hold rows written before jobs were typed: their kinds and payloads
    /// must still read.
    #[test]
    fn rows_written_before_typed_jobs_still_read() {
        fn reads<J: Job>(kind: &str, payload: &str) {
            assert_eq!(J::KIND, kind);
            assert!(
                REGISTERED.iter().any(|r| r.kind == kind),
                "{kind} is not registered"
            );
            if let Err(e) = serde_json::from_str::<J>(payload) {
                panic!("{kind} {payload}: {e}");
            }
        }
        reads::<SendMail>("mail.send", r#"{"outbox_id":"o1"}"#);
        reads::<Housekeeping>("housekeeping", "{}");
        reads::<DeliverNudges>("nudges.deliver", r#"{"family_id":"f1","member_id":"m1"}"#);
        reads::<Sweep>("together.reminders", "{}");
        reads::<InviteToShare>(
            "feelings.invite",
            r#"{"bond_id":"b1","family_id":"f1","link":"/bonds/b1/feelings","member_id":"m1"}"#,
        );
        reads::<ReflectAlone>(
            "together.reflection_alone",
            r#"{"bond_id":"b1","family_id":"f1","member_id":"m1","moment_key":"plan:p1@2026"}"#,
        );
        reads::<SendPush>(
            "push.send",
            r#"{"subscription_id":"s1","about":"d1","message":{"title":"T","body":"B","link":"/"}}"#,
        );
    }

    /// Jobs are written in the shapes and with the keys older versions wrote, so an upgrade
    /// (or a step back) mid-queue reads every row, and a job scheduled by both versions is one.
    #[test]
    fn jobs_are_written_with_the_shapes_and_keys_rows_always_had() {
        fn written<J: Job>(job: J, payload: serde_json::Value, key: &str) {
            assert_eq!(to_value(&job).unwrap(), payload, "{}", J::KIND);
            assert_eq!(job.key(), key, "{}", J::KIND);
        }
        let at = Utc.with_ymd_and_hms(2026, 11, 21, 18, 0, 0).unwrap();
        let (family, bond, member) = (
            FamilyId("f1".into()),
            BondId("b1".into()),
            MemberId("m1".into()),
        );
        written(
            SendMail {
                outbox_id: "o1".into(),
            },
            json!({"outbox_id": "o1"}),
            "o1",
        );
        written(Housekeeping { at }, json!({}), "2026-11-21T18:00:00+00:00");
        written(Sweep { at }, json!({}), "2026-11-21T18:00:00+00:00");
        written(
            DeliverNudges {
                family_id: family.clone(),
                member_id: member.clone(),
                at,
            },
            json!({"family_id": "f1", "member_id": "m1"}),
            "m1@2026-11-21T18:00:00+00:00",
        );
        written(
            InviteToShare {
                family_id: family.clone(),
                bond_id: bond.clone(),
                member_id: member.clone(),
                link: "/bonds/b1/feelings".into(),
                week: "2026-W47".into(),
            },
            json!({"family_id": "f1", "bond_id": "b1", "member_id": "m1", "link": "/bonds/b1/feelings"}),
            "b1:m1:2026-W47",
        );
        written(
            ReflectAlone {
                family_id: family,
                bond_id: bond,
                member_id: member,
                moment_key: "plan:p1@2026".into(),
            },
            json!({"family_id": "f1", "bond_id": "b1", "member_id": "m1", "moment_key": "plan:p1@2026"}),
            "b1:plan:p1@2026",
        );
        written(
            SendPush {
                subscription_id: "s1".into(),
                about: "d1".into(),
                message: crate::push::PushMessage {
                    title: "T".into(),
                    body: "B".into(),
                    link: "/".into(),
                },
            },
            json!({"subscription_id": "s1", "about": "d1",
                   "message": {"title": "T", "body": "B", "link": "/"}}),
            "d1:s1",
        );
    }
}
