//! What the memory-book tests share: pictures made in code (one carries GPS EXIF like a phone
//! photo), forms with files sent as a browser sends them, raw bytes of a served photo, and the
//! files in the media folder.

use std::{
    io::Cursor,
    path::{Path, PathBuf},
};

use axum::{
    body::Body,
    http::{Request, header},
};
use image::{ImageEncoder, Rgb, RgbImage, codecs::jpeg::JpegEncoder, codecs::png::PngEncoder};

use crate::harness::{ORIGIN, Raw, Response, TestApp, User};

/// A file for a form: its name and bytes.
pub struct File {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

pub fn file(name: &'static str, bytes: Vec<u8>) -> File {
    File { name, bytes }
}

/// A plain JPEG of the given size.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&picture)
        .unwrap();
    out
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_pixel(width, height, Rgb([30, 140, 90]));
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(&picture, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// A JPEG as a phone writes it: an EXIF block with the camera's make and model, an
/// orientation (6: "turn right to view") and the place it was taken (GPS).
pub fn phone_jpeg(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height);
    let exif = exif_block(6);
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    app1.extend_from_slice(&exif);
    // Right after the start-of-image marker, where cameras put it.
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

/// `Exif\0\0` and a little-endian TIFF structure: IFD0 with Make, Model, Orientation and a
/// pointer to a GPS IFD holding latitude and longitude with their references.
fn exif_block(orientation: u16) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&value);
    }
    const ASCII: u16 = 2;
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    // Offsets from the start of the TIFF header.
    let ifd0 = 8u32;
    let make_at = ifd0 + 2 + 4 * 12 + 4;
    let model_at = make_at + 8;
    let gps_at = model_at + 8;
    let lat_at = gps_at + 2 + 4 * 12 + 4;
    let lon_at = lat_at + 24;

    let mut tiff = b"II\x2a\x00".to_vec();
    tiff.extend_from_slice(&ifd0.to_le_bytes());
    tiff.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut tiff, 0x010F, ASCII, 8, make_at.to_le_bytes());
    entry(&mut tiff, 0x0110, ASCII, 8, model_at.to_le_bytes());
    let [o1, o2] = orientation.to_le_bytes();
    entry(&mut tiff, 0x0112, SHORT, 1, [o1, o2, 0, 0]);
    entry(&mut tiff, 0x8825, LONG, 1, gps_at.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"PhoneCo\0");
    tiff.extend_from_slice(b"Snap 12\0");
    assert_eq!(tiff.len() as u32, gps_at);
    tiff.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut tiff, 0x0001, ASCII, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0002, RATIONAL, 3, lat_at.to_le_bytes());
    entry(&mut tiff, 0x0003, ASCII, 2, *b"W\0\0\0");
    entry(&mut tiff, 0x0004, RATIONAL, 3, lon_at.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (num, den) in [(38, 1), (42, 1), (3012, 100), (9, 1), (8, 1), (4518, 100)] {
        tiff.extend_from_slice(&(num as u32).to_le_bytes());
        tiff.extend_from_slice(&(den as u32).to_le_bytes());
    }
    assert_eq!(tiff.len() as u32, lon_at + 24);
    let mut block = b"Exif\0\0".to_vec();
    block.extend_from_slice(&tiff);
    block
}

/// The EXIF fields of a file, or `None` when it has no EXIF at all.
pub fn exif_of(bytes: &[u8]) -> Option<exif::Exif> {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()
}

/// A JPEG that claims 50 000 × 50 000 pixels in its header (a decompression bomb): a few
/// hundred bytes that would need gigabytes once decoded.
pub fn jpeg_bomb() -> Vec<u8> {
    let mut bytes = jpeg(16, 16);
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline JPEG has SOF0");
    // FF C0, length (2), precision (1), height (2), width (2).
    bytes[sof + 5..sof + 7].copy_from_slice(&50_000u16.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&50_000u16.to_be_bytes());
    bytes
}

/// The same bomb as a PNG: a valid header chunk for 50 000 × 50 000 and almost no data.
pub fn png_bomb() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&crc_input);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&50_000u32.to_be_bytes());
    header.extend_from_slice(&50_000u32.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= *b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The start of an iPhone HEIC file (an ISO media `ftyp` box with the `heic` brand).
pub fn heic() -> Vec<u8> {
    let mut bytes = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic".to_vec();
    bytes.extend_from_slice(&[0u8; 200]);
    bytes
}

pub const BOUNDARY: &str = "----tandemTestBoundary7MA4YWxkTrZu0gW";

/// A `multipart/form-data` body as a browser sends it: text fields, then the files of the
/// `photos` input (an empty file part when none is chosen, as browsers do).
pub fn multipart(fields: &[(&str, &str)], files: &[File]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let empty = [File {
        name: "",
        bytes: Vec::new(),
    }];
    let files = if files.is_empty() { &empty[..] } else { files };
    for f in files {
        let kind = if f.name.is_empty() {
            "application/octet-stream"
        } else {
            "image/jpeg"
        };
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"{}\"\r\nContent-Type: {kind}\r\n\r\n",
                f.name
            )
            .as_bytes(),
        );
        body.extend_from_slice(&f.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

impl TestApp {
    /// Posts a form with files, as a browser on our own pages would.
    pub async fn post_files(
        &self,
        user: &User,
        path: &str,
        fields: &[(&str, &str)],
        files: &[File],
    ) -> Response {
        let request = Request::post(path).header("origin", ORIGIN).header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
        let raw = self
            .send_raw(user, request, Body::from(multipart(fields, files)))
            .await;
        raw.into()
    }

    /// Gets a path and keeps the bytes (a photo), sending extra request headers.
    pub async fn get_raw(&self, user: &User, path: &str, headers: &[(&str, &str)]) -> Raw {
        let mut request = Request::get(path);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send_raw(user, request, Body::empty()).await
    }

    /// Every file in the media folder, temporary files included.
    pub fn media_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.dir.path().join("media"), &mut out);
        out.sort();
        out
    }
}

/// The photo addresses on a page, in page order (`/bonds/…/photos/ID/SIZE`).
pub fn photo_srcs(body: &str, size: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in body.split("\"/bonds/").skip(1) {
        let path = format!("/bonds/{}", part.split('"').next().unwrap());
        if path.contains("/photos/") && path.ends_with(&format!("/{size}")) && !out.contains(&path)
        {
            out.push(path);
        }
    }
    out
}
