//! Turning an uploaded file into the two JPEGs Tandem keeps. The format is read from the bytes
//! (never the file name or the declared type); sizes are checked before anything is decoded,
//! so a small file that claims a huge picture (a decompression bomb) is refused cheaply; the
//! camera's orientation is applied; and re-encoding keeps only pixels, so location and every
//! other piece of metadata are gone (docs/adr/0010-photos.md).

use std::io::Cursor;

use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, Rgb, RgbImage,
    codecs::jpeg::JpegEncoder, imageops::FilterType,
};

/// Largest file accepted, per photo.
pub const MAX_FILE_BYTES: usize = 15 * 1024 * 1024;
/// Widest or tallest picture accepted (a 100-megapixel camera is about 12 000 px wide).
pub const MAX_SIDE: u32 = 12_000;
/// Memory one decoded picture may take.
pub const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
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
    pub fn message(&self) -> String {
        match self {
            Refusal::Empty => "is empty.".into(),
            Refusal::TooLarge => format!(
                "is larger than {} MB. Please choose a smaller photo.",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Refusal::NotAnImage => {
                "is not a photo Tandem can read. Please choose a JPEG, PNG or WebP picture.".into()
            }
            Refusal::Heic => "is a HEIC photo, which Tandem cannot read yet. On an iPhone, choose \
                 the photo again from the browser (it is then sent as JPEG), or set Settings › \
                 Camera › Formats to \"Most Compatible\"."
                .into(),
            Refusal::OtherFormat(name) => format!(
                "is a {name} picture. Tandem takes JPEG, PNG or WebP photos; please save it as one of those."
            ),
            Refusal::TooManyPixels => format!(
                "has too many pixels (at most {MAX_SIDE} on a side and about 60 megapixels). \
                 Please choose a smaller photo."
            ),
            Refusal::Damaged => {
                "looks damaged or incomplete. Please choose it again, or another photo.".into()
            }
        }
    }
}

/// Checks, decodes, turns upright and re-encodes one upload. CPU-heavy: call it off the async
/// threads (`spawn_blocking`).
pub fn process(bytes: &[u8]) -> Result<Processed, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge);
    }
    let format = format_of(bytes)?;
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Refusal::Damaged);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    if decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(Refusal::TooManyPixels);
    }
    // Phones store pictures sideways and say so in EXIF; apply it before the EXIF is dropped.
    let orientation = decoder.orientation().map_err(refusal)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    picture.apply_orientation(orientation);
    // Each step consumes the picture before it, so at most one full-size copy is alive (a
    // 12 MP photo is 36 MB decoded; scaling it needs twice that again). The thumb is made
    // from the large rendition, which is also much quicker than from the full picture.
    let large = fit(flatten(picture), LARGE_SIDE, FilterType::CatmullRom);
    let thumb = fit(large.clone(), THUMB_SIDE, FilterType::Triangle);
    Ok(Processed {
        large: encode(&large)?,
        thumb: encode(&thumb)?,
    })
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    limits
}

fn refusal(e: image::ImageError) -> Refusal {
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

/// Whether a JPEG has its end marker after the picture data. The decoder is lenient and would
/// turn a cut-off upload into a half-grey picture; refusing it lets the member try again.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    // Walk the marker segments up to the first start of scan (SOS, FF DA)...
    let mut at = 2;
    loop {
        let Some(&[0xFF, marker]) = bytes.get(at..at + 2) else {
            return false;
        };
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        let Some(len) = bytes.get(at + 2..at + 4) else {
            return false;
        };
        let len = u16::from_be_bytes([len[0], len[1]]) as usize;
        at += 2 + len;
        if marker == 0xDA {
            break;
        }
    }
    // ...then look for the end of image (FF D9): scan data escapes every FF, so it cannot
    // appear earlier by chance. Data after it (some phones append a video) does no harm.
    bytes
        .get(at..)
        .is_some_and(|rest| rest.windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// The picture in RGB (without a copy when it already is); transparent parts become white
/// (JPEG has no transparency).
fn flatten(picture: DynamicImage) -> DynamicImage {
    if !picture.color().has_alpha() {
        return DynamicImage::ImageRgb8(picture.into_rgb8());
    }
    let rgba = picture.into_rgba8();
    DynamicImage::ImageRgb8(RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |c: u8| ((c as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
        Rgb([over_white(r), over_white(g), over_white(b)])
    }))
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
    use image::{ImageEncoder, Rgba, RgbaImage, codecs::png::PngEncoder};

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
