//! Pictures for the demo family's memories, drawn here from a few shapes in warm colours: plainly
//! drawings, never photos of anyone, so the demo ships nothing copied and nothing personal. They
//! are encoded as PNG and go through the same checks and re-encoding as an upload.

use std::{f32::consts::PI, io::Cursor};

use image::{ImageFormat, Rgb, RgbImage};

/// Width and height of a drawing, in pixels (4:3, like most phone photos).
const WIDTH: u32 = 800;
const HEIGHT: u32 = 600;

/// One drawing: what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    HillsAtSunrise,
    TartOnTiles,
    Padlock,
    Clock,
    RainShelter,
    Ripples,
    Lighthouse,
    Crab,
    Notebook,
}

impl Picture {
    /// The file name it is "uploaded" under.
    pub fn file_name(self) -> &'static str {
        match self {
            Picture::HillsAtSunrise => "hills.png",
            Picture::TartOnTiles => "tart.png",
            Picture::Padlock => "padlock.png",
            Picture::Clock => "clock.png",
            Picture::RainShelter => "shelter.png",
            Picture::Ripples => "puddle.png",
            Picture::Lighthouse => "lighthouse.png",
            Picture::Crab => "crab.png",
            Picture::Notebook => "notebook.png",
        }
    }

    /// What it shows, for people who cannot see it.
    pub fn alt_text(self) -> &'static str {
        match self {
            Picture::HillsAtSunrise => "A drawing of an orange sun rising over two hills",
            Picture::TartOnTiles => {
                "A drawing of a custard tart on a plate, on blue and white tiles"
            }
            Picture::Padlock => "A drawing of a golden padlock on a dark red wall",
            Picture::Clock => "A drawing of a clock with a red second hand",
            Picture::RainShelter => "A drawing of two people under an orange shelter in the rain",
            Picture::Ripples => "A drawing of rain rings on a puddle, with an orange leaf",
            Picture::Lighthouse => "A drawing of a red and white lighthouse at sunset",
            Picture::Crab => "A drawing of a small orange crab on the sand",
            Picture::Notebook => "A drawing of a notebook page with a gold star",
        }
    }

    /// The drawing as PNG bytes.
    pub fn png(self) -> anyhow::Result<Vec<u8>> {
        let image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
            // Both axes in widths, so circles stay round: u in [0, 1], v in [0, 0.75].
            let (u, v) = (x as f32 / WIDTH as f32, y as f32 / WIDTH as f32);
            Rgb(self.colour(u, v))
        });
        let mut bytes = Cursor::new(Vec::new());
        image.write_to(&mut bytes, ImageFormat::Png)?;
        Ok(bytes.into_inner())
    }

    /// The colour at a point; shapes nearest the viewer are tested first.
    fn colour(self, u: f32, v: f32) -> [u8; 3] {
        let at = (u, v);
        match self {
            Picture::HillsAtSunrise => {
                if v > 0.6 + 0.04 * (u * 9.0 + 1.0).sin() {
                    BROWN
                } else if v > 0.5 + 0.05 * (u * 6.0).sin() {
                    TERRACOTTA
                } else if dist(at, (0.7, 0.36)) < 0.09 {
                    SUN
                } else {
                    mix(DEEP_ORANGE, PALE_YELLOW, v / 0.6)
                }
            }
            Picture::TartOnTiles => {
                let d = dist(at, (0.5, 0.375));
                let spots = [(0.45, 0.33), (0.55, 0.36), (0.5, 0.43), (0.42, 0.4)];
                if d < 0.17 {
                    if spots.iter().any(|s| dist(at, *s) < 0.025) {
                        BROWN
                    } else {
                        CUSTARD
                    }
                } else if d < 0.2 {
                    GOLDEN
                } else if d < 0.27 {
                    CREAM
                } else {
                    tile(u, v)
                }
            }
            Picture::Padlock => {
                let ring = dist(at, (0.5, 0.3));
                let shackle = (v <= 0.3 && (0.09..0.12).contains(&ring))
                    || ((0.09..0.12).contains(&(u - 0.5).abs()) && (0.3..0.4).contains(&v));
                let body = (0.35..0.65).contains(&u) && (0.38..0.62).contains(&v);
                let keyhole = dist(at, (0.5, 0.47)) < 0.025
                    || ((0.49..0.51).contains(&u) && (0.47..0.55).contains(&v));
                if body && keyhole {
                    PLUM
                } else if body || shackle {
                    GOLDEN
                } else {
                    mix(PLUM, DARK_RED, v / 0.75)
                }
            }
            Picture::Clock => {
                let centre = (0.5, 0.375);
                let d = dist(at, centre);
                let hand = |angle: f32, length: f32| {
                    let tip = (
                        centre.0 + length * angle.sin(),
                        centre.1 - length * angle.cos(),
                    );
                    near_segment(at, centre, tip) < 0.008
                };
                let marks = (0..12).any(|h| {
                    let a = h as f32 * PI / 6.0;
                    dist(at, (centre.0 + 0.21 * a.sin(), centre.1 - 0.21 * a.cos())) < 0.012
                });
                if d < 0.25 && hand(1.2 * PI, 0.2) {
                    DARK_RED
                } else if d < 0.25 && (hand(0.1 * PI, 0.18) || hand(1.7 * PI, 0.12)) {
                    PLUM
                } else if d < 0.25 && marks {
                    BROWN
                } else if d < 0.25 {
                    CREAM
                } else if d < 0.27 {
                    BROWN
                } else {
                    mix(AMBER, CORAL, u)
                }
            }
            Picture::RainShelter => {
                let under = (0.25..0.75).contains(&u) && (0.3..0.62).contains(&v);
                if (0.25..0.75).contains(&u) && (0.25..0.3).contains(&v) {
                    DEEP_ORANGE
                } else if under && ((0.27..0.29).contains(&u) || (0.71..0.73).contains(&u)) {
                    BROWN
                } else if dist(at, (0.43, 0.42)) < 0.03 || dist(at, (0.56, 0.44)) < 0.03 {
                    SKIN
                } else if (0.4..0.46).contains(&u) && (0.45..0.62).contains(&v) {
                    CUSTARD
                } else if (0.53..0.59).contains(&u) && (0.47..0.62).contains(&v) {
                    TERRACOTTA
                } else if v > 0.62 {
                    WARM_GREY
                } else if under {
                    mix(SLATE, PALE_LILAC, 0.6)
                } else {
                    sky_in_rain(u, v)
                }
            }
            Picture::Ripples => {
                let (du, dv) = ((u - 0.5) / 0.38, (v - 0.4) / 0.2);
                let d = (du * du + dv * dv).sqrt();
                if dist(at, (0.36, 0.37)) < 0.035 {
                    DEEP_ORANGE
                } else if d < 1.0 && (d * 6.0).fract() < 0.15 {
                    PALE_LILAC
                } else if d < 1.0 {
                    SLATE
                } else {
                    mix(WARM_GREY, TERRACOTTA, v / 0.75 * 0.5)
                }
            }
            Picture::Lighthouse => {
                let half = 0.035 + (v - 0.2) * 0.06;
                let tower = (u - 0.5).abs() < half && (0.2..0.58).contains(&v);
                let beam = u > 0.5 && (v - 0.17).abs() < (u - 0.5) * 0.18;
                if tower {
                    if ((v - 0.2) / 0.06) as i32 % 2 == 0 {
                        DARK_RED
                    } else {
                        CREAM
                    }
                } else if dist(at, (0.5, 0.17)) < 0.035 {
                    SUN
                } else if ((u - 0.5) / 0.16).powi(2) + ((v - 0.6) / 0.04).powi(2) < 1.0 {
                    BROWN
                } else if v > 0.55 {
                    if (u * 30.0 + (v * 40.0).sin()).rem_euclid(1.0) < 0.1 {
                        PALE_LILAC
                    } else {
                        TEAL
                    }
                } else if beam {
                    mix(mix(PEACH, CORAL, v / 0.55), PALE_YELLOW, 0.6)
                } else {
                    mix(PEACH, CORAL, v / 0.55)
                }
            }
            Picture::Crab => {
                let body = ((u - 0.5) / 0.14).powi(2) + ((v - 0.45) / 0.09).powi(2) < 1.0;
                let eyes = [(0.46, 0.34), (0.54, 0.34)];
                let claws = [(0.3, 0.34), (0.7, 0.34)];
                let limb = |a, b| near_segment(at, a, b) < 0.01;
                let arms = limb((0.42, 0.42), claws[0]) || limb((0.58, 0.42), claws[1]);
                let legs = (0..3).any(|i| {
                    let y = 0.45 + 0.03 * i as f32;
                    limb((0.4, y), (0.3, y + 0.08)) || limb((0.6, y), (0.7, y + 0.08))
                });
                if eyes.iter().any(|e| dist(at, *e) < 0.012) {
                    PLUM
                } else if eyes.iter().any(|e| dist(at, *e) < 0.025) {
                    CREAM
                } else if body || arms || legs || claws.iter().any(|c| dist(at, *c) < 0.05) {
                    DEEP_ORANGE
                } else if v < 0.18 + 0.01 * (u * 25.0).sin() {
                    TEAL
                } else {
                    mix(GOLDEN, PALE_YELLOW, v / 0.75)
                }
            }
            Picture::Notebook => {
                let star = in_star(at, (0.75, 0.2), 0.11);
                let row = ((v - 0.2) / 0.075).round();
                let score = (0.0..5.0).contains(&row)
                    && (v - (0.2 + row * 0.075)).abs() < 0.012
                    && (0.16..0.3 + 0.08 * (5.0 - row)).contains(&u);
                if star {
                    GOLDEN
                } else if score {
                    WARM_GREY
                } else if (u - 0.12).abs() < 0.003 {
                    DARK_RED
                } else if (v * 20.0).fract() < 0.04 {
                    SLATE
                } else {
                    CREAM
                }
            }
        }
    }
}

const DEEP_ORANGE: [u8; 3] = [232, 112, 52];
const PALE_YELLOW: [u8; 3] = [252, 226, 160];
const SUN: [u8; 3] = [255, 205, 80];
const TERRACOTTA: [u8; 3] = [196, 98, 62];
const BROWN: [u8; 3] = [120, 66, 44];
const CUSTARD: [u8; 3] = [246, 196, 84];
const GOLDEN: [u8; 3] = [214, 150, 52];
const CREAM: [u8; 3] = [250, 242, 224];
const TILE_BLUE: [u8; 3] = [46, 92, 160];
const PLUM: [u8; 3] = [74, 34, 60];
const DARK_RED: [u8; 3] = [170, 44, 44];
const AMBER: [u8; 3] = [240, 170, 70];
const CORAL: [u8; 3] = [236, 120, 110];
const SLATE: [u8; 3] = [92, 110, 140];
const PALE_LILAC: [u8; 3] = [196, 196, 222];
const WARM_GREY: [u8; 3] = [150, 136, 124];
const SKIN: [u8; 3] = [210, 150, 110];
const PEACH: [u8; 3] = [252, 196, 150];
const TEAL: [u8; 3] = [48, 132, 140];

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    let channel = |i: usize| (a[i] as f32 + (b[i] as f32 - a[i] as f32) * t).round() as u8;
    [channel(0), channel(1), channel(2)]
}

fn dist(a: (f32, f32), b: (f32, f32)) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// The distance from `p` to the segment from `a` to `b`.
fn near_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (abx, aby) = (b.0 - a.0, b.1 - a.1);
    let t = (((p.0 - a.0) * abx + (p.1 - a.1) * aby) / (abx * abx + aby * aby)).clamp(0.0, 1.0);
    dist(p, (a.0 + t * abx, a.1 + t * aby))
}

/// Whether `p` lies in a five-pointed star, point up, of outer radius `r` around `c`.
fn in_star(p: (f32, f32), c: (f32, f32), r: f32) -> bool {
    let corners: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let reach = if i % 2 == 0 { r } else { r * 0.42 };
            let angle = i as f32 * PI / 5.0;
            (c.0 + reach * angle.sin(), c.1 - reach * angle.cos())
        })
        .collect();
    // Even-odd rule: a ray to the right crosses the outline an odd number of times.
    let mut inside = false;
    for (i, a) in corners.iter().enumerate() {
        let b = corners[(i + 1) % corners.len()];
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            inside = !inside;
        }
    }
    inside
}

/// Blue and white tiles with a diamond in each.
fn tile(u: f32, v: f32) -> [u8; 3] {
    let (fu, fv) = ((u / 0.125).fract(), (v / 0.125).fract());
    if fu < 0.04 || fv < 0.04 {
        mix(TILE_BLUE, CREAM, 0.3)
    } else if (fu - 0.5).abs() + (fv - 0.5).abs() < 0.3 {
        TILE_BLUE
    } else {
        CREAM
    }
}

/// A grey-blue sky with slanting rain.
fn sky_in_rain(u: f32, v: f32) -> [u8; 3] {
    if (u * 30.0 + v * 12.0).fract() < 0.05 {
        PALE_LILAC
    } else {
        mix(SLATE, PALE_LILAC, v / 0.75 * 0.5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memories::photos::process::process;

    #[test]
    fn every_picture_is_a_distinct_readable_png_that_the_upload_checks_accept() {
        let all = [
            Picture::HillsAtSunrise,
            Picture::TartOnTiles,
            Picture::Padlock,
            Picture::Clock,
            Picture::RainShelter,
            Picture::Ripples,
            Picture::Lighthouse,
            Picture::Crab,
            Picture::Notebook,
        ];
        let mut seen = Vec::new();
        for picture in all {
            let png = picture.png().unwrap();
            let kept = process(&png).unwrap();
            assert_eq!((kept.large.width, kept.large.height), (WIDTH, HEIGHT));
            assert!(!seen.contains(&png), "{picture:?} looks like another");
            assert!(picture.alt_text().starts_with("A drawing of"));
            seen.push(png);
        }
    }
}
