//! The demo family's memories, made the way members make them: reflections on plans (both
//! sides, so revealed and remembered; one side alone, made a memory by the week's job; one
//! still waiting for Maya) and a memory added directly a year ago today, for "On this day".
//! Each side brings drawn pictures through the upload's own checks and store.

use chrono::{Datelike, Duration};

use super::{Lived, pictures::Picture};
use crate::{
    db::Db,
    feelings::checkin::band_of,
    media::MediaStore,
    memories::{
        Moment,
        create::{Added, MemoryForm, save},
        direct_moment_key, new_memory_id,
        photos::{self, Upload, process::Processed, process_all, store_then},
        reflections::{
            Perspective, PerspectiveForm,
            on_plans::{self, ReflectAlone, Reflected, moment_key, run_alone_job},
        },
    },
    plans,
    privacy::BondAccess,
    web::form::FieldErrors,
};

/// One member's side of a moment.
struct Side {
    highlight: &'static str,
    learned: &'static str,
    /// A word of the feelings vocabulary offered to the author.
    feeling: &'static str,
    feeling_words: &'static str,
    pictures: &'static [Picture],
}

const LEO_FIRST_WALK: Side = Side {
    highlight: "The place with the blue tiles. Best custard tart in the city, and I'm not \
                changing my mind.",
    learned: "You score way harder than me. A six from you is basically a nine.",
    feeling: "happy",
    feeling_words: "",
    pictures: &[Picture::TartOnTiles],
};

const MAYA_FIRST_WALK: Side = Side {
    highlight: "You had ruled the notebook into columns before we left: crunch, wobble, \
                would buy again.",
    learned: "You can taste which ones were baked that morning. I can't at all.",
    feeling: "content",
    feeling_words: "and very full",
    pictures: &[Picture::HillsAtSunrise],
};

const LEO_ESCAPE_ROOM: Side = Side {
    highlight: "Last lock with forty seconds left. I knew the clock was the clue.",
    learned: "You stay really calm when it's going wrong. You just kept reading the clues \
              out loud.",
    feeling: "thrilled",
    feeling_words: "",
    pictures: &[Picture::Padlock],
};

const MAYA_ESCAPE_ROOM: Side = Side {
    highlight: "You spotting the numbers on the back of the clock and shouting them across \
                the room.",
    learned: "When you're sure, you lead, and you're good at it. I liked following.",
    feeling: "proud",
    feeling_words: "",
    pictures: &[Picture::Clock],
};

const MAYA_RAINY_WALK: Side = Side {
    highlight: "Rain the whole way, so we ate our pastries under the bus shelter and made up \
                lives for everyone running past.",
    learned: "You can turn a soggy morning into the funniest hour of my week.",
    feeling: "cosy",
    feeling_words: "",
    pictures: &[Picture::RainShelter, Picture::Ripples],
};

const LEO_LAST_WALK: Side = Side {
    highlight: "New number one in the league. Not saying which until you've written yours.",
    learned: "",
    feeling: "satisfied",
    feeling_words: "",
    pictures: &[Picture::Notebook],
};

const LIGHTHOUSE_TITLE: &str = "The lighthouse walk that took all day";
const MAYA_LIGHTHOUSE: Side = Side {
    highlight: "We took the wrong path twice and found a beach neither of us knew about. You \
                found a crab and named him Gerald.",
    learned: "When a plan falls apart you get more cheerful, not less. I'd like to learn \
              that from you.",
    feeling: "joyful",
    feeling_words: "and a bit sunburnt",
    pictures: &[Picture::Lighthouse, Picture::Crab],
};

pub async fn create(
    db: &Db,
    media: &MediaStore,
    as_mother: &BondAccess,
    as_son: &BondAccess,
    lived: &Lived,
) -> anyhow::Result<()> {
    for (key, his, hers) in [
        (&lived.first_walk, &LEO_FIRST_WALK, &MAYA_FIRST_WALK),
        (&lived.escape_room, &LEO_ESCAPE_ROOM, &MAYA_ESCAPE_ROOM),
    ] {
        reflect(db, media, as_son, key, his).await?;
        let revealed = reflect(db, media, as_mother, key, hers).await?;
        anyhow::ensure!(matches!(revealed, Reflected::Revealed { .. }), "{key}");
    }
    // Only Maya reflected on the rainy walk, more than a week ago: do now what the week's
    // job would do once Tandem runs (it finds the memory made and leaves it).
    reflect(db, media, as_mother, &lived.rainy_walk, &MAYA_RAINY_WALK).await?;
    let rainy = moment_key(&lived.rainy_walk);
    run_alone_job(db, ReflectAlone::for_me(as_mother, &rainy)).await?;
    // Leo's words on last Sunday stay his until Maya writes hers.
    reflect(db, media, as_son, &lived.last_walk, &LEO_LAST_WALK).await?;

    let today = as_mother.me_member().today();
    let year_ago = today
        .with_year(today.year() - 1)
        .unwrap_or(today - Duration::days(366));
    let form = MemoryForm {
        title: LIGHTHOUSE_TITLE.into(),
        happened_on: year_ago.to_string(),
        category: "adventure".into(),
    };
    remember(db, media, as_mother, &form, &MAYA_LIGHTHOUSE).await
}

impl Side {
    /// The side as a checked perspective, as the form would check it.
    fn perspective(&self, access: &BondAccess) -> anyhow::Result<Perspective> {
        let form = PerspectiveForm {
            highlight: self.highlight.into(),
            learned: self.learned.into(),
            feeling: self.feeling.into(),
            feeling_words: self.feeling_words.into(),
        };
        let mut errors = FieldErrors::default();
        form.validate(band_of(access), &mut errors)
            .ok_or_else(|| anyhow::anyhow!("demo perspective {:?}: {errors:?}", self.highlight))
    }

    /// Its pictures, checked and re-encoded like uploaded photos.
    async fn photos(&self) -> anyhow::Result<Vec<Processed>> {
        let uploads = self
            .pictures
            .iter()
            .map(|p| {
                Ok(Upload {
                    file_name: p.file_name().into(),
                    bytes: p.png()?,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        process_all(uploads).await?.map_err(anyhow::Error::msg)
    }
}

/// Reflects on a plan's occurrence as `access`'s member, with the side's pictures.
async fn reflect(
    db: &Db,
    media: &MediaStore,
    access: &BondAccess,
    occurrence_key: &str,
    side: &Side,
) -> anyhow::Result<Reflected> {
    let occurrence = plans::occurrence(&mut db.conn().await?, access, occurrence_key).await?;
    let perspective = side.perspective(access)?;
    let (db_, owner) = (db.clone(), access.clone());
    let outcome = store_then(media, side.photos().await?, move |staged| async move {
        let mut tx = db_.begin().await?;
        let outcome = on_plans::reflect(
            &mut tx,
            &owner,
            &occurrence,
            &perspective,
            Some(&staged),
            false,
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    })
    .await?;
    describe(db, access, &moment_key(occurrence_key), side).await?;
    Ok(outcome)
}

/// Adds a memory directly as `access`'s member, with the side's pictures.
async fn remember(
    db: &Db,
    media: &MediaStore,
    access: &BondAccess,
    form: &MemoryForm,
    side: &Side,
) -> anyhow::Result<()> {
    let mut errors = FieldErrors::default();
    let (title, happened_on, category) = form
        .validate(access.me_member().today(), &mut errors)
        .ok_or_else(|| anyhow::anyhow!("demo memory {}: {errors:?}", form.title))?;
    let perspective = side.perspective(access)?;
    let id = new_memory_id();
    let key = direct_moment_key(&id);
    let moment = Moment {
        moment_key: key.clone(),
        title,
        happened_on,
        category,
        plan_id: None,
    };
    let (db_, owner) = (db.clone(), access.clone());
    store_then(media, side.photos().await?, move |staged| async move {
        let added = Added {
            memory_id: &id,
            moment: &moment,
            perspective: &perspective,
            made_together: false,
        };
        save(&db_, &owner, &added, &staged).await
    })
    .await?;
    describe(db, access, &key, side).await
}

/// Describes the member's photos of a moment, in upload order, for people who cannot see them.
async fn describe(
    db: &Db,
    access: &BondAccess,
    moment_key: &str,
    side: &Side,
) -> anyhow::Result<()> {
    let mut conn = db.conn().await?;
    let shown = photos::of_moments(&mut conn, access, &[moment_key]).await?;
    let mine = shown.iter().filter(|p| &p.author_id == access.me());
    for (photo, picture) in mine.zip(side.pictures) {
        photos::describe(&mut conn, access, &photo.id, picture.alt_text().into()).await?;
    }
    Ok(())
}
