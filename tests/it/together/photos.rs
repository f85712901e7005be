//! Photos: what is kept of an upload (no location, no EXIF at all, turned upright, two sizes),
//! what is refused (with a message, and nothing left behind), and who may see a photo.

use axum::http::{StatusCode, header};

use super::fixtures::{
    File, exif_of, file, heic, jpeg, jpeg_bomb, phone_jpeg, photo_srcs, png, png_bomb,
};
use super::memories::{add_memory, memory_fields, new_memory_path, pairs};
use crate::both_backends;
use crate::harness::{TestApp, User, en_with};
use tandem::i18n::Key;

async fn location_and_every_other_exif_field_are_gone_and_the_photo_is_upright(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let phone = phone_jpeg(320, 200);
    let exif = exif_of(&phone).expect("the fixture carries EXIF");
    for tag in [
        exif::Tag::GPSLatitude,
        exif::Tag::GPSLongitude,
        exif::Tag::Make,
        exif::Tag::Orientation,
    ] {
        assert!(
            exif.get_field(tag, exif::In::PRIMARY).is_some(),
            "fixture lacks {tag}"
        );
    }

    let memory = add_memory(&app, &mum, &bond, &[], vec![file("beach.jpg", phone)]).await;
    let page = app.get(&son, &memory).await;
    page.assert_status(StatusCode::OK);
    let thumbs = photo_srcs(&page.body, "thumb");
    let larges = photo_srcs(&page.body, "large");
    assert_eq!((thumbs.len(), larges.len()), (1, 1), "{}", page.body);

    for path in [&thumbs[0], &larges[0]] {
        let served = app.get_raw(&son, path, &[]).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.header(header::CONTENT_TYPE), "image/jpeg");
        assert!(exif_of(&served.bytes).is_none(), "{path} still has EXIF");
        // Orientation 6 means "turn right": the landscape picture is stored as portrait.
        let picture = image::load_from_memory(&served.bytes).unwrap();
        assert_eq!((picture.width(), picture.height()), (200, 320));
        assert!(!served.bytes.windows(7).any(|w| w == b"PhoneCo"));
    }
    // The files on disk: exactly a large and a thumb, neither with EXIF.
    let files = app.media_files();
    assert_eq!(files.len(), 2, "{files:?}");
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        assert!(exif_of(&bytes).is_none(), "{} has EXIF", f.display());
        assert!(
            !f.starts_with(app.dir.path().join("media/tmp")),
            "{}",
            f.display()
        );
    }
}
both_backends!(location_and_every_other_exif_field_are_gone_and_the_photo_is_upright);

async fn a_large_photo_is_scaled_to_1600_and_a_thumb_of_400(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let memory = add_memory(
        &app,
        &mum,
        &bond,
        &[],
        vec![file("wide.png", png(2400, 1200))],
    )
    .await;
    let page = app.get(&mum, &memory).await;
    let large = app
        .get_raw(&mum, &photo_srcs(&page.body, "large")[0], &[])
        .await;
    let thumb = app
        .get_raw(&mum, &photo_srcs(&page.body, "thumb")[0], &[])
        .await;
    let size = |bytes: &[u8]| {
        let p = image::load_from_memory(bytes).unwrap();
        (p.width(), p.height())
    };
    assert_eq!(size(&large.bytes), (1600, 800));
    assert_eq!(size(&thumb.bytes), (400, 200));
    assert_eq!(
        image::guess_format(&large.bytes).unwrap(),
        image::ImageFormat::Jpeg
    );
    page.assert_contains(r#"width="400" height="200""#);
}
both_backends!(a_large_photo_is_scaled_to_1600_and_a_thumb_of_400);

/// Posts a new memory with these files and expects it refused with `message`, leaving no
/// memory, no perspective, no photo row and no file behind.
pub(super) async fn refused(
    app: &TestApp,
    user: &User,
    bond: &str,
    files: Vec<File>,
    message: &str,
) {
    let fields = memory_fields("Kite day");
    let response = app
        .post_files(user, &new_memory_path(bond), &pairs(&fields), &files)
        .await;
    response
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains(message)
        .assert_has("#photos-error");
    for table in ["memories", "reflections", "photos"] {
        assert_eq!(app.count(table).await, 0, "{table} after {message}");
    }
    assert_eq!(app.media_files(), Vec::<std::path::PathBuf>::new());
}

async fn uploads_that_are_not_photos_are_refused_with_a_message_and_leave_nothing(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    refused(
        &app,
        &mum,
        &bond,
        vec![file("notes.jpg", b"Shopping: eggs, flour, milk".to_vec())],
        "is not a photo Tandem can read",
    )
    .await;
    let whole = jpeg(200, 150);
    let cut = whole[..whole.len() * 3 / 5].to_vec();
    refused(
        &app,
        &mum,
        &bond,
        vec![file("cut.jpg", cut)],
        "looks damaged or incomplete",
    )
    .await;
    refused(
        &app,
        &mum,
        &bond,
        vec![file("bomb.jpg", jpeg_bomb())],
        "has too many pixels",
    )
    .await;
    refused(
        &app,
        &mum,
        &bond,
        vec![file("bomb.png", png_bomb())],
        "has too many pixels",
    )
    .await;
    refused(
        &app,
        &mum,
        &bond,
        vec![file("IMG_0042.HEIC", heic())],
        "is a HEIC photo",
    )
    .await;
    refused(
        &app,
        &mum,
        &bond,
        vec![file("huge.jpg", vec![0xFF; 15 * 1024 * 1024 + 1])],
        "is larger than 15 MB",
    )
    .await;
    // One bad file among good ones: none is kept.
    refused(
        &app,
        &mum,
        &bond,
        vec![
            file("ok.jpg", jpeg(64, 64)),
            file("bad.jpg", b"nope".to_vec()),
        ],
        "“bad.jpg” is not a photo",
    )
    .await;
    let seven = (0..7).map(|_| file("p.jpg", jpeg(32, 32))).collect();
    refused(&app, &mum, &bond, seven, "please add at most 6 at a time").await;
}
both_backends!(uploads_that_are_not_photos_are_refused_with_a_message_and_leave_nothing);

async fn a_photo_is_served_to_both_members_only_with_private_caching(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let memory = add_memory(&app, &mum, &bond, &[], vec![file("a.jpg", jpeg(120, 90))]).await;
    let page = app.get(&mum, &memory).await;
    let thumb = photo_srcs(&page.body, "thumb").remove(0);
    let large = photo_srcs(&page.body, "large").remove(0);

    let served = app.get_raw(&son, &thumb, &[]).await;
    assert_eq!(served.status, StatusCode::OK);
    // Kept only in the browser's own cache, and asked again before each use.
    assert_eq!(served.header(header::CACHE_CONTROL), "private, no-cache");
    assert_eq!(served.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    let etag = served.header(header::ETAG).to_owned();
    assert!(
        etag.starts_with('"') && etag.ends_with("-thumb\""),
        "{etag}"
    );
    // Asked again with the tag: nothing to send.
    let again = app.get_raw(&son, &thumb, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());
    assert_eq!(again.header(header::CACHE_CONTROL), "private, no-cache");
    // Another size has another tag.
    let other = app.get_raw(&son, &large, &[("if-none-match", &etag)]).await;
    assert_eq!(other.status, StatusCode::OK);

    // Another family: not found, even with the right tag.
    let stranger = app.sign_up_mother("Wanda").await;
    for path in [&thumb, &large] {
        assert_eq!(
            app.get_raw(&stranger, path, &[]).await.status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        app.get_raw(&stranger, &thumb, &[("if-none-match", &etag)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Logged out: to the login page.
    let anonymous = app.get_raw(&User::anonymous(), &thumb, &[]).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.header(header::LOCATION), "/login");
    // No such size, no such photo.
    let medium = thumb.replace("/thumb", "/medium");
    assert_eq!(
        app.get_raw(&mum, &medium, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let unknown = format!("/bonds/{bond}/photos/aaaaaaaaaaaaaaaaaaaa/thumb");
    assert_eq!(
        app.get_raw(&mum, &unknown, &[]).await.status,
        StatusCode::NOT_FOUND
    );
}
both_backends!(a_photo_is_served_to_both_members_only_with_private_caching);

async fn only_the_author_deletes_a_photo_and_its_files_go_with_it(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let memory = add_memory(
        &app,
        &mum,
        &bond,
        &[],
        vec![file("a.jpg", jpeg(60, 60)), file("b.jpg", jpeg(60, 40))],
    )
    .await;
    assert_eq!(app.media_files().len(), 4);
    let page = app.get(&mum, &memory).await;
    let thumb = photo_srcs(&page.body, "thumb").remove(0);
    let id = thumb.split('/').nth(4).unwrap().to_owned();
    let delete = format!("/bonds/{bond}/photos/{id}/delete");

    app.post(&son, &delete, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let stranger = app.sign_up_mother("Wanda").await;
    app.post(&stranger, &delete, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("photos").await, 2);

    let deleted = app.post(&mum, &delete, &[]).await;
    deleted.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(deleted.location(), memory);
    assert_eq!(app.count("photos").await, 1);
    assert_eq!(app.media_files().len(), 2);
    assert!(
        app.media_files()
            .iter()
            .all(|f| !f.to_string_lossy().contains(&id))
    );
    assert_eq!(
        app.get_raw(&mum, &thumb, &[]).await.status,
        StatusCode::NOT_FOUND
    );
}
both_backends!(only_the_author_deletes_a_photo_and_its_files_go_with_it);

async fn the_author_describes_a_photo_for_screen_readers(app: TestApp) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    let memory = add_memory(&app, &mum, &bond, &[], vec![file("a.jpg", jpeg(60, 60))]).await;
    let page = app.get(&son, &memory).await;
    let alt = en_with(
        "memories-photo-alt-from",
        &[("number", 1.into()), ("name", "Rosa".into())],
    );
    assert_eq!(page.select_attr("ul.photos img", "alt"), vec![alt]);
    let id = photo_srcs(&page.body, "thumb")[0]
        .split('/')
        .nth(4)
        .unwrap()
        .to_owned();
    let describe = format!("/bonds/{bond}/photos/{id}/describe");
    app.post(&son, &describe, &[("alt_text", "Not mine")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let long = "x".repeat(301);
    app.post(&mum, &describe, &[("alt_text", &long)])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_text_contains(
            &format!("p.error#alt-{id}-error"),
            &en_with(
                "form-at-most",
                &[
                    ("what", Key("field-the-description").into()),
                    ("max", 300.into()),
                    ("len", 301.into()),
                ],
            ),
        );
    app.post(&mum, &describe, &[("alt_text", "Iker flying the red kite")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.get(&son, &memory)
        .await
        .assert_contains(r#"alt="Iker flying the red kite""#);
}
both_backends!(the_author_describes_a_photo_for_screen_readers);
