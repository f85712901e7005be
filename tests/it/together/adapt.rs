//! An active activity says how to join in when moving is hard: the same fun from a chair, on
//! wheels or in bed, in open words and never a label.

use tandem::together::activities::library::{self, Energy};

use crate::both_backends;
use crate::harness::{TestApp, en};

async fn an_active_activity_shows_another_way_to_join_in(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let active = library::all()
        .iter()
        .find(|a| a.energy == Energy::High && a.fits(tandem::family::AgeBand::Teen))
        .expect("an active activity for a teen");
    let calm = library::all()
        .iter()
        .find(|a| a.energy == Energy::Low && a.fits(tandem::family::AgeBand::Teen))
        .expect("a calm one");
    let adapt = active.adapt.as_deref().expect("its other way");
    for who in [&mum, &son] {
        app.get(
            who,
            &format!("/bonds/{bond}/together/activities/{}", active.id),
        )
        .await
        .assert_text("h2", &en("together-another-way"))
        .assert_text("p.adapt", adapt);
    }
    app.get(
        &mum,
        &format!("/bonds/{bond}/together/activities/{}", calm.id),
    )
    .await
    .assert_none("p.adapt");
}
both_backends!(an_active_activity_shows_another_way_to_join_in);
