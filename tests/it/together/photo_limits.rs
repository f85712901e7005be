//! The pixel limit of uploads: the decompression bomb of the "trust first" issue (a 17 KB
//! 1-bit PNG of 12 000 × 12 000) is refused with a message and leaves nothing behind; a
//! picture just over 40 megapixels is refused, one just under is kept as 1600 and 400 px.

use axum::http::StatusCode;

use super::fixtures::{file, photo_srcs};
use super::memories::add_memory;
use super::photos::refused;
use crate::both_backends;
use crate::harness::TestApp;

/// A black-and-white PNG (one bit a pixel, all black): a tiny file for a huge picture.
fn one_bit_png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().unwrap();
    let rows = vec![0u8; width.div_ceil(8) as usize * height as usize];
    writer.write_image_data(&rows).unwrap();
    writer.finish().unwrap();
    out
}

async fn the_twelve_thousand_pixel_one_bit_png_bomb_is_refused_and_nothing_is_stored(app: TestApp) {
    let (mum, _son, bond) = app.mother_and_son(15).await;
    let bomb = one_bit_png(12_000, 12_000);
    assert!(
        bomb.len() < 64 * 1024,
        "the bomb is a small file: {} bytes",
        bomb.len()
    );
    refused(
        &app,
        &mum,
        &bond,
        vec![file("bomb.png", bomb)],
        "“bomb.png” has too many pixels (at most 40 megapixels",
    )
    .await;
}
both_backends!(the_twelve_thousand_pixel_one_bit_png_bomb_is_refused_and_nothing_is_stored);

async fn a_picture_over_40_megapixels_is_refused_and_one_under_is_kept_as_1600_and_400(
    app: TestApp,
) {
    let (mum, son, bond) = app.mother_and_son(15).await;
    refused(
        &app,
        &mum,
        &bond,
        vec![file("over.png", one_bit_png(8_000, 5_001))],
        "has too many pixels",
    )
    .await;

    let memory = add_memory(
        &app,
        &mum,
        &bond,
        &[],
        vec![file("under.png", one_bit_png(8_000, 5_000))],
    )
    .await;
    let page = app.get(&son, &memory).await;
    page.assert_status(StatusCode::OK);
    for (size, expected) in [("large", (1600, 1000)), ("thumb", (400, 250))] {
        let served = app
            .get_raw(&son, &photo_srcs(&page.body, size)[0], &[])
            .await;
        assert_eq!(served.status, StatusCode::OK);
        let picture = image::load_from_memory(&served.bytes).unwrap().to_rgb8();
        assert_eq!(picture.dimensions(), expected, "{size}");
        assert!(
            picture.get_pixel(10, 10).0.iter().all(|c| *c < 10),
            "still black"
        );
    }
    assert_eq!(app.count("photos").await, 1);
    assert_eq!(app.media_files().len(), 2);
}
both_backends!(a_picture_over_40_megapixels_is_refused_and_one_under_is_kept_as_1600_and_400);
