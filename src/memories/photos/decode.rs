//! Decoding an upload into a picture no larger than the renditions need, one buffer at a time.
//! A JPEG is decoded already scaled down by its DCT (to 1/2, 1/4 or 1/8; `jpeg-decoder`), a
//! PNG is read row by row, and every row goes straight into a [`Reducer`] that averages blocks
//! of pixels: the full-size picture never exists in memory. Only what cannot be streamed (WebP,
//! interlaced PNG, unusual JPEGs) is decoded whole, under a tighter limit.

use std::io::Cursor;

use image::{ColorType, DynamicImage, ImageFormat, ImageReader, RgbImage};

use super::process::{LARGE_SIDE, Refusal, WHOLE_DECODE_MAX_BYTES, refusal};

/// How an upload is decoded, chosen from its header by [`plan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decode {
    /// A JPEG decoded scaled to `width` × `height` (at least the large rendition, at most
    /// twice it); `coefficients` are the bytes a progressive JPEG keeps at full size.
    ScaledJpeg {
        width: u32,
        height: u32,
        coefficients: u64,
    },
    /// A PNG read one row at a time.
    PngRows,
    /// Decoded whole: `bytes` for the full picture.
    Whole { bytes: u64 },
}

/// The decode for a JPEG (its size already checked).
pub fn plan_jpeg(bytes: &[u8]) -> Result<Decode, Refusal> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    let (width, height) = decoder
        .scale(LARGE_SIDE as u16, LARGE_SIDE as u16)
        .map_err(|_| Refusal::Damaged)?;
    let info = decoder.info().ok_or(Refusal::Damaged)?;
    match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 | jpeg_decoder::PixelFormat::RGB24 => {
            let coefficients = match info.coding_process {
                jpeg_decoder::CodingProcess::DctProgressive => {
                    2 * jpeg_samples(bytes).ok_or(Refusal::Damaged)?
                }
                _ => 0,
            };
            Ok(Decode::ScaledJpeg {
                width: width.into(),
                height: height.into(),
                coefficients,
            })
        }
        // CMYK and 16-bit JPEGs are rare; the general decoder converts them, whole (its
        // CMYK planes and the RGB picture).
        _ => {
            let pixels = u64::from(info.width) * u64::from(info.height);
            whole(pixels * 4, pixels * 4)
        }
    }
}

/// The decode for a PNG or WebP picture of `width` × `height` whose decoder reports `color`.
pub fn plan(
    bytes: &[u8],
    format: ImageFormat,
    (width, height): (u32, u32),
    color: ColorType,
) -> Result<Decode, Refusal> {
    if format == ImageFormat::Png && !png_interlaced(bytes)? {
        return Ok(Decode::PngRows);
    }
    // At 8 bits a channel (a PNG is read so; WebP has no more).
    let pixels = u64::from(width) * u64::from(height);
    let decoded = pixels * u64::from(color.channel_count());
    // A lossy WebP is first decoded into its YUV planes (1.5 bytes a pixel).
    let extra = if format == ImageFormat::WebP {
        pixels * 2
    } else {
        0
    };
    whole(decoded, extra)
}

/// A whole decode of `decoded` bytes, which takes `extra` bytes more while it runs.
fn whole(decoded: u64, extra: u64) -> Result<Decode, Refusal> {
    if decoded > WHOLE_DECODE_MAX_BYTES {
        Err(Refusal::TooManyPixels)
    } else {
        Ok(Decode::Whole {
            bytes: decoded + extra,
        })
    }
}

/// Decodes `bytes` as `decode` says, reduced so its longest side is at most about twice the
/// large rendition's, flattened onto white.
pub fn reduced(bytes: &[u8], format: ImageFormat, decode: &Decode) -> Result<RgbImage, Refusal> {
    match decode {
        Decode::ScaledJpeg { .. } => {
            let mut decoder = jpeg_decoder::Decoder::new(bytes);
            let (w, h) = decoder
                .scale(LARGE_SIDE as u16, LARGE_SIDE as u16)
                .map_err(|_| Refusal::Damaged)?;
            let pixels = decoder.decode().map_err(|_| Refusal::Damaged)?;
            let layout = match decoder.info().map(|i| i.pixel_format) {
                Some(jpeg_decoder::PixelFormat::L8) => Layout::Luma,
                Some(jpeg_decoder::PixelFormat::RGB24) => Layout::Rgb,
                _ => return Err(Refusal::Damaged),
            };
            reduce_owned(pixels, w.into(), h.into(), layout)
        }
        Decode::PngRows => {
            let mut reader = png_reader(bytes)?;
            let info = reader.info();
            let (width, height) = (info.width, info.height);
            let layout = Layout::of_png(reader.output_color_type().0);
            let mut reducer = Reducer::new(width, height, layout);
            while let Some(row) = reader.next_row().map_err(png_refusal)? {
                reducer.push_row(row.data())?;
            }
            reducer.finish()
        }
        Decode::Whole { .. } if format == ImageFormat::Png => {
            let mut reader = png_reader(bytes)?;
            let mut pixels = vec![0; reader.output_buffer_size().ok_or(Refusal::TooManyPixels)?];
            let frame = reader.next_frame(&mut pixels).map_err(png_refusal)?;
            let layout = Layout::of_png(frame.color_type);
            reduce_buffer(&pixels, frame.width, frame.height, layout)
        }
        Decode::Whole { .. } => {
            let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
            reader.limits(super::process::limits());
            let picture = reader.decode().map_err(refusal)?;
            let (w, h) = (picture.width(), picture.height());
            match picture {
                DynamicImage::ImageLuma8(p) => reduce_buffer(p.as_raw(), w, h, Layout::Luma),
                DynamicImage::ImageRgb8(p) => reduce_owned(p.into_raw(), w, h, Layout::Rgb),
                p if p.color().has_alpha() => {
                    reduce_buffer(p.into_rgba8().as_raw(), w, h, Layout::Rgba)
                }
                p => reduce_buffer(p.into_rgb8().as_raw(), w, h, Layout::Rgb),
            }
        }
    }
}

/// Like [`reduce_buffer`], but an RGB picture already small enough is kept as it is, without a
/// copy.
fn reduce_owned(
    pixels: Vec<u8>,
    width: u32,
    height: u32,
    layout: Layout,
) -> Result<RgbImage, Refusal> {
    if matches!(layout, Layout::Rgb) && reduction_factor(width, height) == 1 {
        return RgbImage::from_raw(width, height, pixels).ok_or(Refusal::Damaged);
    }
    reduce_buffer(&pixels, width, height, layout)
}

fn reduce_buffer(
    pixels: &[u8],
    width: u32,
    height: u32,
    layout: Layout,
) -> Result<RgbImage, Refusal> {
    let mut reducer = Reducer::new(width, height, layout);
    let row_len = width as usize * layout.channels();
    if row_len == 0 || pixels.len() < row_len * height as usize {
        return Err(Refusal::Damaged);
    }
    for row in pixels.chunks_exact(row_len).take(height as usize) {
        reducer.push_row(row)?;
    }
    reducer.finish()
}

fn png_reader(bytes: &[u8]) -> Result<png::Reader<Cursor<&[u8]>>, Refusal> {
    let mut decoder = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: WHOLE_DECODE_MAX_BYTES as usize,
        },
    );
    // 8 bits per channel, palettes expanded: what the reducer reads.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    decoder.read_info().map_err(png_refusal)
}

fn png_interlaced(bytes: &[u8]) -> Result<bool, Refusal> {
    Ok(png_reader(bytes)?.info().interlaced)
}

fn png_refusal(e: png::DecodingError) -> Refusal {
    match e {
        png::DecodingError::LimitsExceeded => Refusal::TooManyPixels,
        _ => Refusal::Damaged,
    }
}

/// The number of samples (pixels of every component, at their own resolution) of a JPEG, from
/// its frame header: what a progressive decode keeps as coefficients until the last scan.
pub fn jpeg_samples(bytes: &[u8]) -> Option<u64> {
    let (_, frame) =
        super::process::jpeg_segments(bytes).find(|(m, _)| super::process::is_frame_marker(*m))?;
    let height = u64::from(u16::from_be_bytes([*frame.get(1)?, *frame.get(2)?]));
    let width = u64::from(u16::from_be_bytes([*frame.get(3)?, *frame.get(4)?]));
    let components = frame.get(6..6 + 3 * usize::from(*frame.get(5)?))?;
    let factors: Vec<(u64, u64)> = components
        .chunks_exact(3)
        .map(|c| (u64::from(c[1] >> 4), u64::from(c[1] & 0x0F)))
        .collect();
    let h_max = factors.iter().map(|f| f.0).max()?.max(1);
    let v_max = factors.iter().map(|f| f.1).max()?.max(1);
    // Each component is stored in whole 8 × 8 blocks.
    let blocks = |len: u64, f: u64, max: u64| (len * f).div_ceil(max).div_ceil(8) * 8;
    Some(
        factors
            .iter()
            .map(|&(h, v)| blocks(width, h, h_max) * blocks(height, v, v_max))
            .sum(),
    )
}

/// How the bytes of one decoded pixel are laid out.
#[derive(Debug, Clone, Copy)]
enum Layout {
    Luma,
    LumaAlpha,
    Rgb,
    Rgba,
}

impl Layout {
    fn of_png(color: png::ColorType) -> Layout {
        match color {
            png::ColorType::Grayscale => Layout::Luma,
            png::ColorType::GrayscaleAlpha => Layout::LumaAlpha,
            png::ColorType::Rgba => Layout::Rgba,
            // Indexed is expanded to RGB by `normalize_to_color8`.
            png::ColorType::Rgb | png::ColorType::Indexed => Layout::Rgb,
        }
    }

    fn channels(self) -> usize {
        match self {
            Layout::Luma => 1,
            Layout::LumaAlpha => 2,
            Layout::Rgb => 3,
            Layout::Rgba => 4,
        }
    }

    /// One pixel in RGB, a transparent one over white (JPEG has no transparency).
    fn rgb(self, px: &[u8]) -> [u32; 3] {
        let over_white =
            |c: u8, a: u8| (u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255;
        match self {
            Layout::Luma => [px[0].into(); 3],
            Layout::LumaAlpha => [over_white(px[0], px[1]); 3],
            Layout::Rgb => [px[0].into(), px[1].into(), px[2].into()],
            Layout::Rgba => [
                over_white(px[0], px[3]),
                over_white(px[1], px[3]),
                over_white(px[2], px[3]),
            ],
        }
    }
}

/// Averages blocks of `factor` × `factor` pixels while rows arrive, so a picture many times
/// larger than the renditions is reduced with only one row of sums in memory. The factor keeps
/// the longest side at least the large rendition's; the filter that makes the renditions then
/// works on a picture at most about twice their size.
pub struct Reducer {
    layout: Layout,
    width: u32,
    factor: u32,
    out_width: u32,
    sums: Vec<u32>,
    rows_summed: u32,
    out: Vec<u8>,
}

impl Reducer {
    fn new(width: u32, height: u32, layout: Layout) -> Reducer {
        let factor = reduction_factor(width, height);
        let out_width = width.div_ceil(factor);
        let out_rows = height.div_ceil(factor);
        Reducer {
            layout,
            width,
            factor,
            out_width,
            sums: vec![0; out_width as usize * 3],
            rows_summed: 0,
            out: Vec::with_capacity(out_width as usize * out_rows as usize * 3),
        }
    }

    fn push_row(&mut self, row: &[u8]) -> Result<(), Refusal> {
        let channels = self.layout.channels();
        if row.len() < self.width as usize * channels {
            return Err(Refusal::Damaged);
        }
        for (x, px) in row
            .chunks_exact(channels)
            .take(self.width as usize)
            .enumerate()
        {
            let at = x / self.factor as usize * 3;
            for (sum, c) in self.sums[at..at + 3].iter_mut().zip(self.layout.rgb(px)) {
                *sum += c;
            }
        }
        self.rows_summed += 1;
        if self.rows_summed == self.factor {
            self.emit();
        }
        Ok(())
    }

    /// Appends one row of averages (the last block column and row may be narrower).
    fn emit(&mut self) {
        for (ox, sums) in self.sums.chunks_exact_mut(3).enumerate() {
            let columns = (self.width - ox as u32 * self.factor).min(self.factor);
            let n = columns * self.rows_summed;
            for sum in sums {
                self.out.push(((*sum + n / 2) / n) as u8);
                *sum = 0;
            }
        }
        self.rows_summed = 0;
    }

    fn finish(mut self) -> Result<RgbImage, Refusal> {
        if self.rows_summed > 0 {
            self.emit();
        }
        let out_height = (self.out.len() / (self.out_width as usize * 3).max(1)) as u32;
        RgbImage::from_raw(self.out_width, out_height, self.out).ok_or(Refusal::Damaged)
    }
}

/// The whole number of pixels averaged per side: the largest that keeps the longest side at
/// least the large rendition's.
pub fn reduction_factor(width: u32, height: u32) -> u32 {
    (width.max(height) / LARGE_SIDE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_averaged_and_the_edges_keep_their_own_pixels() {
        // 3401 wide: a factor of 2, so 1701 columns; the last one averages a single column.
        let mut reducer = Reducer::new(3401, 3, Layout::Luma);
        assert_eq!(reducer.factor, 2);
        let row: Vec<u8> = (0..3401)
            .map(|x| if x % 2 == 0 { 100 } else { 200 })
            .collect();
        for _ in 0..3 {
            reducer.push_row(&row).unwrap();
        }
        let out = reducer.finish().unwrap();
        assert_eq!(out.dimensions(), (1701, 2));
        assert_eq!(out.get_pixel(0, 0).0, [150, 150, 150]);
        assert_eq!(out.get_pixel(1700, 1).0, [100, 100, 100]);
    }

    #[test]
    fn transparent_pixels_are_white_before_they_are_averaged() {
        let mut reducer = Reducer::new(2, 1, Layout::Rgba);
        reducer.push_row(&[0, 0, 0, 0, 10, 20, 30, 255]).unwrap();
        let out = reducer.finish().unwrap();
        assert_eq!(out.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(out.get_pixel(1, 0).0, [10, 20, 30]);
    }
}
