//! Turning an uploaded file into the two JPEGs Tandem keeps. The format is read from the bytes
//! (never the file name or the declared type); sizes are checked from the header before
//! anything is decoded, so a small file that claims a huge picture (a decompression bomb) is
//! refused cheaply; [`inspect`] also estimates the memory the decode will take, which the
//! caller reserves first ([`super::budget`]); the picture is decoded already reduced
//! ([`super::decode`]); the camera's orientation is applied; and re-encoding keeps only pixels,
//! so location and every other piece of metadata are gone (docs/adr/0010-photos.md,
//! docs/adr/0014-uploads-bounded-by-memory.md).

use std::io::Cursor;

use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage,
    codecs::jpeg::JpegEncoder, imageops::FilterType, metadata::Orientation,
};

use super::decode::{self, Decode, reduction_factor};
use crate::i18n::{Arg, Msg};

/// Largest file accepted, per photo.
pub const MAX_FILE_BYTES: usize = 15 * 1024 * 1024;
/// Widest or tallest picture accepted.
pub const MAX_SIDE: u32 = 12_000;
/// Most pixels accepted: a 40-megapixel camera's photo (the largest phones take 48 or 50 MP
/// but save 12 MP by default).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Memory a picture that cannot be decoded scaled or row by row (WebP, an interlaced PNG, a
/// CMYK JPEG) may take decoded whole.
pub const WHOLE_DECODE_MAX_BYTES: u64 = 96 * 1024 * 1024;
/// Longest side of the picture shown on a memory's page.
pub const LARGE_SIDE: u32 = 1600;
/// Longest side of the small picture in lists.
pub const THUMB_SIDE: u32 = 400;
const JPEG_QUALITY: u8 = 82;

/// One stored rendition: JPEG bytes and their size in pixels.
#[derive(Debug, Clone)]
pub struct Rendition {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// What Tandem keeps of an upload.
#[derive(Debug, Clone)]
pub struct Processed {
    pub large: Rendition,
    pub thumb: Rendition,
}

/// Why an upload was refused. Each says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge,
    NotAnImage,
    Heic,
    OtherFormat(&'static str),
    TooManyPixels,
    Damaged,
}

impl Refusal {
    /// The sentence about the file, named by `name`.
    pub fn message(&self, name: Arg) -> Msg {
        let name = ("name", name);
        match self {
            Refusal::Empty => Msg::with("memories-photo-empty", [name]),
            Refusal::TooLarge => Msg::with(
                "memories-photo-too-large",
                [name, ("mb", (MAX_FILE_BYTES / (1024 * 1024)).into())],
            ),
            Refusal::NotAnImage => Msg::with("memories-photo-not-an-image", [name]),
            Refusal::Heic => Msg::with("memories-photo-heic", [name]),
            Refusal::OtherFormat(format) => Msg::with(
                "memories-photo-other-format",
                [name, ("format", format.into())],
            ),
            Refusal::TooManyPixels => Msg::with(
                "memories-photo-too-many-pixels",
                [
                    name,
                    ("megapixels", (MAX_PIXELS / 1_000_000).into()),
                    ("side", MAX_SIDE.into()),
                ],
            ),
            Refusal::Damaged => Msg::with("memories-photo-damaged", [name]),
        }
    }
}

/// What the header of an accepted upload says: enough to reserve memory and then decode it.
#[derive(Debug, Clone)]
pub struct Inspection {
    format: ImageFormat,
    width: u32,
    height: u32,
    orientation: Orientation,
    decode: Decode,
}

impl Inspection {
    /// The most memory processing this upload is expected to take at any one time, in bytes
    /// (its file not counted): what it reserves before it is decoded.
    pub fn working_set(&self) -> u64 {
        let (w, h, decoding) = match self.decode {
            Decode::ScaledJpeg {
                width,
                height,
                coefficients,
            } => {
                // The components' planes (at most three bytes a pixel) and the RGB output.
                let pixels = u64::from(width) * u64::from(height);
                (width, height, pixels * 6 + coefficients)
            }
            // A few rows, and the inflater.
            Decode::PngRows => (self.width, self.height, u64::from(self.width) * 16 + MIB),
            Decode::Whole { bytes } => (self.width, self.height, bytes),
        };
        let factor = reduction_factor(w, h);
        let (rw, rh) = (u64::from(w.div_ceil(factor)), u64::from(h.div_ceil(factor)));
        let reduced = rw * rh * 3;
        let (turned, (ow, oh)) = match self.orientation {
            Orientation::NoTransforms => (0, (rw, rh)),
            Orientation::FlipHorizontal | Orientation::FlipVertical | Orientation::Rotate180 => {
                (reduced, (rw, rh))
            }
            _ => (reduced, (rh, rw)),
        };
        let (lw, lh) = fitted(ow, oh, LARGE_SIDE);
        let (tw, th) = fitted(lw, lh, THUMB_SIDE);
        // `resize` keeps one RGBA f32 (16 bytes a pixel) pass between its vertical and
        // horizontal filters, as wide as its input and as tall as its result.
        let large = ow * lh * 16 + lw * lh * 3;
        let thumb = lw * th * 16 + tw * th * 3;
        // The large rendition, a copy for the thumb, and the JPEG being written.
        let scaling = reduced + turned + large.max(thumb + lw * lh * 3);
        (decoding + reduced).max(scaling) + 4 * MIB
    }
}

const MIB: u64 = 1024 * 1024;

/// `w` × `h` scaled so the longest side is at most `side`, as [`fit`] does.
fn fitted(w: u64, h: u64, side: u32) -> (u64, u64) {
    let side = u64::from(side);
    if w <= side && h <= side {
        (w, h)
    } else if w >= h {
        (side, (h * side).div_ceil(w))
    } else {
        ((w * side).div_ceil(h), side)
    }
}

/// Checks an upload from its header: format, size in pixels, orientation and how it will be
/// decoded. Cheap (nothing is decoded), but reads the file: call it off the async threads.
pub fn inspect(bytes: &[u8]) -> Result<Inspection, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge);
    }
    let format = format_of(bytes)?;
    let (width, height, orientation, decode) = if format == ImageFormat::Jpeg {
        if !jpeg_is_complete(bytes) {
            return Err(Refusal::Damaged);
        }
        let (width, height) = jpeg_size(bytes).ok_or(Refusal::Damaged)?;
        check_pixels(width, height)?;
        let decode = decode::plan_jpeg(bytes)?;
        (width, height, jpeg_orientation(bytes), decode)
    } else {
        let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
        reader.limits(limits());
        let mut decoder = reader.into_decoder().map_err(refusal)?;
        let (width, height) = decoder.dimensions();
        check_pixels(width, height)?;
        let color = decoder.color_type();
        // Phones store pictures sideways and say so in EXIF; it is applied before the EXIF is
        // dropped.
        let orientation = decoder.orientation().map_err(refusal)?;
        let decode = decode::plan(bytes, format, (width, height), color)?;
        (width, height, orientation, decode)
    };
    Ok(Inspection {
        format,
        width,
        height,
        orientation,
        decode,
    })
}

fn check_pixels(width: u32, height: u32) -> Result<(), Refusal> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooManyPixels);
    }
    Ok(())
}

/// Checks, decodes, turns upright and re-encodes one upload. CPU-heavy: call it off the async
/// threads (`spawn_blocking`).
pub fn process(bytes: &[u8]) -> Result<Processed, Refusal> {
    process_inspected(bytes, &inspect(bytes)?)
}

/// [`process`] for an upload already inspected (and its memory reserved).
pub fn process_inspected(bytes: &[u8], inspection: &Inspection) -> Result<Processed, Refusal> {
    let mut picture = DynamicImage::ImageRgb8(decoded(bytes, inspection)?);
    picture.apply_orientation(inspection.orientation);
    // Each step consumes the picture before it, so only one large copy is alive at a time.
    // The thumb is made from the large rendition, which is also much quicker.
    let large = fit(picture, LARGE_SIDE, FilterType::CatmullRom);
    let thumb = fit(large.clone(), THUMB_SIDE, FilterType::Triangle);
    Ok(Processed {
        large: encode(&large)?,
        thumb: encode(&thumb)?,
    })
}

/// The picture as decoded, reduced and flattened (before it is turned upright and scaled).
pub fn decoded(bytes: &[u8], inspection: &Inspection) -> Result<RgbImage, Refusal> {
    decode::reduced(bytes, inspection.format, &inspection.decode)
}

/// The limits of the general decoder (used for the header and for whole decodes).
pub(super) fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(WHOLE_DECODE_MAX_BYTES + 16 * MIB);
    limits
}

pub(super) fn refusal(e: image::ImageError) -> Refusal {
    match e {
        image::ImageError::Limits(_) => Refusal::TooManyPixels,
        image::ImageError::Unsupported(_) => Refusal::NotAnImage,
        _ => Refusal::Damaged,
    }
}

/// The format from the first bytes: JPEG, PNG and WebP are taken, HEIC and a few others get a
/// message of their own.
fn format_of(bytes: &[u8]) -> Result<ImageFormat, Refusal> {
    if let Some(brand) = iso_brand(bytes) {
        return Err(match brand {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                Refusal::Heic
            }
            b"avif" | b"avis" => Refusal::OtherFormat("AVIF"),
            _ => Refusal::NotAnImage,
        });
    }
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(f),
        Ok(ImageFormat::Gif) => Err(Refusal::OtherFormat("GIF")),
        Ok(ImageFormat::Bmp) => Err(Refusal::OtherFormat("BMP")),
        Ok(ImageFormat::Tiff) => Err(Refusal::OtherFormat("TIFF")),
        _ => Err(Refusal::NotAnImage),
    }
}

/// The major brand of an ISO media file (HEIC, AVIF, MP4 all start with an `ftyp` box).
fn iso_brand(bytes: &[u8]) -> Option<&[u8; 4]> {
    if bytes.get(4..8)? == b"ftyp" {
        bytes.get(8..12)?.try_into().ok()
    } else {
        None
    }
}

/// The marker segments of a JPEG's header, each as its marker and its payload, up to and
/// including the first start of scan (SOS, FF DA); it stops early at anything malformed.
pub(super) fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    let mut at = 2;
    let mut done = bytes.get(..2) != Some(&[0xFF, 0xD8][..]);
    std::iter::from_fn(move || {
        while !done {
            let Some(&[0xFF, marker]) = bytes.get(at..at + 2) else {
                break;
            };
            if marker == 0xFF {
                at += 1; // fill byte
                continue;
            }
            let len = bytes.get(at + 2..at + 4)?;
            let len = u16::from_be_bytes([len[0], len[1]]) as usize;
            let payload = bytes.get(at + 4..(at + 2 + len).max(at + 4))?;
            at += 2 + len;
            done = marker == 0xDA;
            return Some((marker, payload));
        }
        done = true;
        None
    })
}

/// Whether a JPEG has its end marker after the picture data. The decoder is lenient and would
/// turn a cut-off upload into a half-grey picture; refusing it lets the member try again.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let Some((0xDA, scan_header)) = jpeg_segments(bytes).last() else {
        return false;
    };
    // The picture data starts after the start-of-scan header. It escapes every FF, so the end
    // of image (FF D9) cannot appear earlier by chance. Data after it (some phones append a
    // video) does no harm.
    let data = scan_header.as_ptr() as usize - bytes.as_ptr() as usize + scan_header.len();
    bytes
        .get(data..)
        .is_some_and(|rest| rest.windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// The width and height in a JPEG's frame header (SOFn).
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let (_, frame) = jpeg_segments(bytes).find(|(m, _)| is_frame_marker(*m))?;
    let height = u16::from_be_bytes([*frame.get(1)?, *frame.get(2)?]);
    let width = u16::from_be_bytes([*frame.get(3)?, *frame.get(4)?]);
    Some((width.into(), height.into()))
}

/// Whether a marker starts a frame header (SOF0–SOF15 but DHT, JPG and DAC).
pub(super) fn is_frame_marker(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// The camera's orientation from a JPEG's EXIF block (APP1), upright when it has none.
fn jpeg_orientation(bytes: &[u8]) -> Orientation {
    jpeg_segments(bytes)
        .filter(|(m, _)| *m == 0xE1)
        .find_map(|(_, app1)| app1.strip_prefix(b"Exif\0\0"))
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms)
}

/// The picture scaled down so its longest side is at most `side` (never up). It is consumed,
/// so a larger original is freed as soon as the smaller one exists.
fn fit(picture: DynamicImage, side: u32, filter: FilterType) -> DynamicImage {
    if picture.width() <= side && picture.height() <= side {
        picture
    } else {
        picture.resize(side, side, filter)
    }
}

fn encode(picture: &DynamicImage) -> Result<Rendition, Refusal> {
    let mut bytes = Vec::new();
    let converted;
    let rgb = match picture.as_rgb8() {
        Some(rgb) => rgb,
        None => {
            converted = picture.to_rgb8();
            &converted
        }
    };
    JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
        .encode_image(rgb)
        .map_err(|_| Refusal::Damaged)?;
    Ok(Rendition {
        bytes,
        width: rgb.width(),
        height: rgb.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgb, Rgba, RgbaImage, codecs::png::PngEncoder};

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 90]));
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&picture)
            .unwrap();
        out
    }

    #[test]
    fn a_large_photo_gets_a_large_and_a_thumb_that_keep_its_shape() {
        let done = process(&jpeg(2000, 1000)).unwrap();
        assert_eq!((done.large.width, done.large.height), (1600, 800));
        assert_eq!((done.thumb.width, done.thumb.height), (400, 200));
        assert_eq!(
            image::guess_format(&done.large.bytes).unwrap(),
            ImageFormat::Jpeg
        );
    }

    #[test]
    fn a_large_jpeg_is_decoded_scaled_by_its_dct_to_no_more_than_twice_the_large_size() {
        for ((w, h), decoded_size) in [
            ((6400, 4800), (1600, 1200)), // 1/4
            ((4000, 3000), (2000, 1500)), // 1/2: a quarter would be under 1600
            ((1000, 800), (1000, 800)),   // small already
        ] {
            let bytes = jpeg(w, h);
            let inspection = inspect(&bytes).unwrap();
            assert!(
                matches!(inspection.decode, Decode::ScaledJpeg { .. }),
                "{inspection:?}"
            );
            let picture = decoded(&bytes, &inspection).unwrap();
            assert_eq!(picture.dimensions(), decoded_size, "{w} x {h}");
        }
        let done = process(&jpeg(6400, 4800)).unwrap();
        assert_eq!((done.large.width, done.large.height), (1600, 1200));
        assert_eq!((done.thumb.width, done.thumb.height), (400, 300));
    }

    #[test]
    fn a_large_png_is_reduced_while_its_rows_are_read() {
        let picture = RgbImage::from_fn(5000, 1000, |x, _| Rgb([(x % 7 * 30) as u8, 90, 40]));
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(&picture, 5000, 1000, image::ExtendedColorType::Rgb8)
            .unwrap();
        let inspection = inspect(&png).unwrap();
        assert_eq!(inspection.decode, Decode::PngRows);
        // Three pixels averaged a side: the longest still at least 1600.
        assert_eq!(
            decoded(&png, &inspection).unwrap().dimensions(),
            (1667, 334)
        );
        let done = process_inspected(&png, &inspection).unwrap();
        assert_eq!((done.large.width, done.large.height), (1600, 321));
    }

    #[test]
    fn pixels_are_limited_from_the_header_and_the_largest_jpeg_fits_the_decoding_budget() {
        let over = jpeg(8000, 5001); // 40.008 MP
        assert_eq!(inspect(&over).unwrap_err(), Refusal::TooManyPixels);
        // Decoded at a quarter, the largest JPEG needs no more than a phone's photo.
        for (w, h) in [(8000, 5000), (4000, 3000)] {
            let inspection = inspect(&jpeg(w, h)).unwrap();
            let budget = super::super::budget::DECODING.weight(u64::MAX);
            assert!(
                inspection.working_set() < u64::from(budget) * MIB,
                "{inspection:?}"
            );
        }
        assert!(
            Refusal::TooManyPixels
                .message(Arg::Key("memories-photo-unnamed"))
                .to_string()
                .contains("at most 40 megapixels")
        );
    }

    #[test]
    fn a_small_photo_is_not_enlarged() {
        let done = process(&jpeg(300, 200)).unwrap();
        assert_eq!((done.large.width, done.large.height), (300, 200));
        assert_eq!((done.thumb.width, done.thumb.height), (300, 200));
    }

    #[test]
    fn transparency_becomes_white() {
        let picture = RgbaImage::from_pixel(10, 10, Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(&picture, 10, 10, image::ExtendedColorType::Rgba8)
            .unwrap();
        let done = process(&png).unwrap();
        let back = image::load_from_memory(&done.large.bytes)
            .unwrap()
            .to_rgb8();
        assert!(back.get_pixel(5, 5).0.iter().all(|c| *c > 245));
    }

    #[test]
    fn grey_and_deep_pictures_come_out_as_rgb_jpegs_of_their_shape() {
        let grey = image::GrayImage::from_fn(900, 600, |x, _| image::Luma([x as u8]));
        let deep = image::ImageBuffer::<Rgb<u16>, Vec<u16>>::from_fn(500, 1000, |x, y| {
            Rgb([x as u16 * 100, y as u16 * 60, 4000])
        });
        let mut grey_png = Vec::new();
        DynamicImage::ImageLuma8(grey)
            .write_to(&mut Cursor::new(&mut grey_png), ImageFormat::Png)
            .unwrap();
        let mut deep_png = Vec::new();
        DynamicImage::ImageRgb16(deep)
            .write_to(&mut Cursor::new(&mut deep_png), ImageFormat::Png)
            .unwrap();
        for (png, large, thumb) in [
            (grey_png, (900, 600), (400, 267)),
            (deep_png, (500, 1000), (200, 400)),
        ] {
            let done = process(&png).unwrap();
            assert_eq!((done.large.width, done.large.height), large);
            assert_eq!((done.thumb.width, done.thumb.height), thumb);
            for rendition in [&done.large, &done.thumb] {
                let back = image::load_from_memory(&rendition.bytes).unwrap();
                assert_eq!(back.color(), image::ColorType::Rgb8);
                assert_eq!(
                    (back.width(), back.height()),
                    (rendition.width, rendition.height)
                );
            }
        }
    }

    #[test]
    fn a_cut_off_jpeg_is_refused() {
        let whole = jpeg(64, 64);
        assert!(jpeg_is_complete(&whole));
        assert_eq!(
            process(&whole[..whole.len() - 40]).unwrap_err(),
            Refusal::Damaged
        );
        assert_eq!(process(&whole[..20]).unwrap_err(), Refusal::Damaged);
    }

    #[test]
    fn formats_are_read_from_the_bytes() {
        assert_eq!(
            process(b"hello, I am text").unwrap_err(),
            Refusal::NotAnImage
        );
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(process(heic).unwrap_err(), Refusal::Heic);
        assert_eq!(
            process(b"GIF89a\x01\0\x01\0\0\0\0").unwrap_err(),
            Refusal::OtherFormat("GIF")
        );
        assert_eq!(process(b"").unwrap_err(), Refusal::Empty);
    }
}
