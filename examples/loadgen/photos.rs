//! Photo uploads: a phone photo made here (12 MP, noisy like a real one, a few MB as JPEG),
//! sent as a new memory by 1, 2 and 8 clients at once while the server's resident memory is
//! watched; four forms of six such photos at once; a decompression bomb (a 1-bit PNG of
//! 12 000 × 12 000, about 17 KB); and the largest pictures the server accepts (40 megapixels:
//! a noisy JPEG and a flat PNG), several at once.

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use image::{ImageEncoder, Rgb, RgbImage, codecs::jpeg::JpegEncoder, codecs::png::PngEncoder};

use crate::{
    Result,
    http::{Conn, FilePart, Response, contains, multipart, timed},
    server::{cpu_seconds, proc_status},
};

/// A phone's 12-megapixel photo.
pub const PHONE_WIDTH: u32 = 4000;
pub const PHONE_HEIGHT: u32 = 3000;
/// The largest picture the server takes: 40 megapixels.
pub const LARGEST_WIDTH: u32 = 8000;
pub const LARGEST_HEIGHT: u32 = 5000;
/// The largest file the server takes.
const MAX_FILE_BYTES: usize = 15 * 1024 * 1024;
/// The size of the bomb, a 1-bit PNG.
pub const BOMB_SIDE: u32 = 12_000;
/// Forms sent at once, and photos in each (the most a form takes).
pub const FORMS: usize = 4;
pub const PHOTOS_PER_FORM: usize = 6;
/// Largest pictures sent at once.
pub const LARGEST_AT_ONCE: usize = 4;
/// How long one client keeps sending the bomb.
pub const BOMB_WINDOW: Duration = Duration::from_secs(2);
/// Clients uploading at once, one phase each.
pub const CLIENTS: [usize; 3] = [1, 2, 8];
/// How often resident memory is sampled during a phase.
const SAMPLE_EVERY: Duration = Duration::from_millis(5);

/// A picture that compresses like a photo: smooth light and colour, some edges, sensor noise.
fn picture(width: u32, height: u32, seed: u32) -> RgbImage {
    let mut state = 0x9E37_79B9u32 ^ seed.wrapping_mul(0x85EB_CA6B);
    let mut noise = move || {
        // xorshift32: cheap, and good enough for grain.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 25) as i32 - 12
    };
    let (w, h) = (width as f32, height as f32);
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / w, y as f32 / h);
        let wave = ((fx * 23.0 + seed as f32).sin() * (fy * 17.0).cos() * 40.0) as i32;
        // A few hard-edged shapes: the horizon, a "window".
        let edge =
            (if fy > 0.62 { -50 } else { 0 }) + (if (0.3..0.45).contains(&fx) { 35 } else { 0 });
        let base = [
            (70.0 + 120.0 * fx) as i32,
            (90.0 + 100.0 * (1.0 - fy)) as i32,
            (150.0 - 80.0 * fy) as i32,
        ];
        Rgb(base.map(|c| (c + wave + edge + noise()).clamp(0, 255) as u8))
    })
}

fn jpeg(picture: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(picture)
        .expect("encoding to memory cannot fail");
    out
}

/// A 12-megapixel phone photo as JPEG.
pub fn phone_photo() -> Vec<u8> {
    jpeg(&picture(PHONE_WIDTH, PHONE_HEIGHT, 7), 90)
}

/// A small photo for the memory book (1024 × 768): quick to process while seeding.
pub fn seed_photo(seed: u32) -> Vec<u8> {
    jpeg(&picture(1024, 768, seed), 85)
}

/// A black 1-bit PNG of `BOMB_SIDE` × `BOMB_SIDE`: about 17 KB that would decode to 144 MB of
/// grey pixels (and three times that in RGB).
pub fn bomb() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, BOMB_SIDE, BOMB_SIDE);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder
        .write_header()
        .expect("encoding to memory cannot fail");
    let rows = vec![0u8; BOMB_SIDE.div_ceil(8) as usize * BOMB_SIDE as usize];
    writer
        .write_image_data(&rows)
        .expect("encoding to memory cannot fail");
    writer.finish().expect("encoding to memory cannot fail");
    out
}

/// A noisy JPEG of the largest size accepted, at the best quality that stays within the
/// largest file accepted.
pub fn largest_jpeg() -> Vec<u8> {
    let picture = picture(LARGEST_WIDTH, LARGEST_HEIGHT, 11);
    [90, 80, 70, 60]
        .into_iter()
        .map(|quality| jpeg(&picture, quality))
        .find(|bytes| bytes.len() <= MAX_FILE_BYTES)
        .expect("quality 60 fits")
}

/// A flat PNG of the largest size accepted: a small file that decodes to 114 MiB of RGB.
pub fn largest_png() -> Vec<u8> {
    let (w, h) = (LARGEST_WIDTH, LARGEST_HEIGHT);
    // Zeroed memory that is only read stays unbacked, so this costs the generator little.
    let pixels = vec![0u8; (w * h * 3) as usize];
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(&pixels, w, h, image::ExtendedColorType::Rgb8)
        .expect("encoding to memory cannot fail");
    out
}

/// A new memory with one photo, as the "Add a memory" form sends it.
pub fn upload_request(
    addr: SocketAddr,
    origin: &str,
    cookie: &str,
    bond: &str,
    photo: &[u8],
    file_name: &str,
    content_type: &str,
) -> Vec<u8> {
    form_request(
        addr,
        origin,
        cookie,
        bond,
        &[FilePart {
            input: "photos",
            file_name,
            content_type,
            bytes: photo,
        }],
    )
}

/// A new memory with these photos.
pub fn form_request(
    addr: SocketAddr,
    origin: &str,
    cookie: &str,
    bond: &str,
    photos: &[FilePart<'_>],
) -> Vec<u8> {
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(2))
        .date_naive()
        .to_string();
    multipart(
        addr,
        origin,
        &format!("/bonds/{bond}/together/memories"),
        cookie,
        &[
            ("title", "Beach day"),
            ("happened_on", &yesterday),
            ("category", "nature"),
            ("highlight", "The waves, and the sandwiches full of sand."),
        ],
        photos,
    )
}

/// A memory with its photo was stored (the form redirects to it).
pub fn stored(r: &Response) -> bool {
    r.status == 303
}

/// The photo was refused with the form shown again, saying it has too many pixels.
pub fn refused_as_too_large(r: &Response) -> bool {
    r.status == 422 && contains(&r.body, b"too many pixels")
}

/// One upload phase: how fast, and how much memory the server took meanwhile.
pub struct Uploads {
    pub clients: usize,
    pub uploads: usize,
    pub errors: usize,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    pub p50_ms: f64,
    pub max_ms: f64,
    /// Server CPU time per upload.
    pub cpu_ms: f64,
    pub rss_before_mib: f64,
    /// The highest resident memory during the phase.
    pub peak_mib: f64,
    pub rss_after_mib: f64,
}

impl Uploads {
    pub fn per_second(&self) -> f64 {
        self.uploads as f64 / self.elapsed.as_secs_f64()
    }
}

/// Resets the kernel's high-water mark of resident memory (`VmHWM`), so that it reads the
/// peak of what follows. Linux allows it for our own child; false if it did not work.
fn reset_peak(pid: u32) -> bool {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok()
}

/// `clients` connections each send `request` one after another until `window` has passed
/// (each at least once), while the server's resident memory is sampled.
pub async fn upload_phase(
    addr: SocketAddr,
    pid: u32,
    request: Arc<Vec<u8>>,
    clients: usize,
    window: Duration,
    check: fn(&Response) -> bool,
) -> Result<Uploads> {
    let before = proc_status(pid)?;
    let reset = reset_peak(pid);
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut peak_kib = 0;
            while !stop.load(Ordering::Relaxed) {
                if let Ok(m) = proc_status(pid) {
                    peak_kib = peak_kib.max(m.rss_kib);
                }
                tokio::time::sleep(SAMPLE_EVERY).await;
            }
            peak_kib
        })
    };
    let cpu_from = cpu_seconds(&pid.to_string());
    let started = Instant::now();
    let end = started + window;
    let mut tasks = Vec::with_capacity(clients);
    for _ in 0..clients {
        let request = request.clone();
        let mut conn = Conn::connect(addr).await?;
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = Vec::new();
            while latencies.len() + errors.len() == 0 || Instant::now() < end {
                if conn.closed {
                    conn = Conn::connect(addr).await?;
                }
                let sent = Instant::now();
                match timed(&mut conn, &request).await {
                    Ok(r) if check(&r) => latencies.push(sent.elapsed()),
                    Ok(r) => errors.push(format!("status {}", r.status)),
                    Err(e) => {
                        conn.closed = true;
                        errors.push(e.to_string());
                    }
                }
            }
            Ok::<_, crate::Error>((latencies, errors))
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = Vec::new();
    for task in tasks {
        let (l, e) = task.await??;
        latencies.extend(l);
        errors.extend(e);
    }
    let elapsed = started.elapsed();
    let cpu = cpu_seconds(&pid.to_string())
        .zip(cpu_from)
        .map_or(f64::NAN, |(to, from)| to - from);
    stop.store(true, Ordering::Relaxed);
    let sampled_kib = sampler.await?;
    let after = proc_status(pid)?;
    let peak_kib = if reset {
        sampled_kib.max(after.hwm_kib)
    } else {
        sampled_kib
    };
    latencies.sort_unstable();
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    Ok(Uploads {
        clients,
        uploads: latencies.len(),
        errors: errors.len(),
        first_error: errors.into_iter().next(),
        elapsed,
        p50_ms: latencies
            .get(latencies.len().saturating_sub(1) / 2)
            .map_or(f64::NAN, ms),
        max_ms: latencies.last().map_or(f64::NAN, ms),
        cpu_ms: cpu * 1000.0 / latencies.len().max(1) as f64,
        rss_before_mib: before.rss_mib(),
        peak_mib: peak_kib as f64 / 1024.0,
        rss_after_mib: after.rss_mib(),
    })
}
