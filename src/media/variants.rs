//! Resized copies of an uploaded image, so that a phone downloads what its screen shows and an
//! email carries a picture the width of its column, not the camera's original. Work on bytes
//! only: decoding (held to the pixel budget the header was checked against), turning the
//! picture the way its EXIF orientation says, resizing (Lanczos3) and encoding. Storing the
//! results is `media::store_variant`'s, recording them `service::media`'s.
//!
//! Formats: a JPEG's variants are JPEGs (quality 80). A PNG or WebP with transparent pixels
//! keeps them in PNG variants; one without gets whichever of JPEG and PNG is smaller at each
//! width, so a photo saved as PNG becomes a JPEG and a flat drawing or screenshot stays a
//! sharp, small PNG. (`image` writes WebP only losslessly, which is no use for photos.)

use std::io::Cursor;
use std::sync::{Mutex, PoisonError};

use fast_image_resize::images::Image as Pixels;
use fast_image_resize::{PixelType, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};

use super::{ImageKind, Sniffed};

/// The widths made for pages' `srcset`, narrowest first; [`EMAIL_WIDTH`] is among them.
pub const WIDTHS: [u32; 4] = [480, EMAIL_WIDTH, 960, 1600];
/// The width of the picture an email carries (the usual width of an email's column).
pub const EMAIL_WIDTH: u32 = 600;
/// JPEG quality of every variant: where photos stop looking better to the eye at these sizes.
pub const JPEG_QUALITY: u8 = 80;
/// Bytes a decoder may hold per pixel the header declared: RGBA, 8 bits each. With the pixel
/// limit this bounds the memory of a decode; an image needing more (16-bit PNGs near the
/// limit) keeps its original only.
const DECODE_BYTES_PER_PIXEL: u64 = 4;

/// One resized copy, encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum VariantError {
    #[error("cannot decode the image: {0}")]
    Decode(#[from] image::ImageError),
    /// Decoding would take more memory than the pixel limit allows for.
    #[error("the image needs {0} bytes decoded, more than the limit allows")]
    TooLarge(u64),
    #[error("cannot resize the image: {0}")]
    Resize(String),
}

/// The widths made of an image `width` pixels wide (as shown, after its orientation): every
/// width of [`WIDTHS`] narrower than it, and its own width when that is not above the widest, so
/// a page never has to choose between a variant too narrow and the whole original. An image
/// no wider than the narrowest gets none: its original is as small as a variant would be.
pub fn widths_for(width: u32) -> Vec<u32> {
    let (narrowest, widest) = (WIDTHS[0], WIDTHS[WIDTHS.len() - 1]);
    if width <= narrowest {
        return Vec::new();
    }
    let mut widths: Vec<u32> = WIDTHS.into_iter().filter(|w| *w < width).collect();
    if width <= widest {
        widths.push(width);
    }
    widths
}

/// An image's variants, and its size as shown (turned by its orientation, which the size in
/// its header is not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub width: u32,
    pub height: u32,
    /// Narrowest first.
    pub variants: Vec<Variant>,
}

/// The variants of the image `bytes` (which `sniffed` describes and whose declared size the
/// caller has checked against `max_pixels`). A variant that comes out no smaller than the
/// original is left out (a well-compressed drawing can be): the original serves in its place.
pub fn make(bytes: &[u8], sniffed: Sniffed, max_pixels: u64) -> Result<Made, VariantError> {
    // One image at a time in the whole process: a decoded camera photo takes tens of
    // megabytes, and uploads arriving together must not multiply that.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);

    let decoded = decode(bytes, sniffed.kind, max_pixels)?;
    let (width, height) = (decoded.width(), decoded.height());
    let widths = widths_for(width);
    if widths.is_empty() {
        return Ok(Made { width, height, variants: Vec::new() });
    }
    let output = Output::of(sniffed.kind, &decoded);
    let (pixels, pixel_type) = match output {
        Output::Png => (decoded.into_rgba8().into_raw(), PixelType::U8x4),
        Output::Jpeg | Output::Smaller => (decoded.into_rgb8().into_raw(), PixelType::U8x3),
    };
    let mut source = Pixels::from_vec_u8(width, height, pixels, pixel_type).map_err(resize_error)?;
    let mut resizer = Resizer::new();
    let mut variants = Vec::with_capacity(widths.len());
    // Widest first, each from the one before: the original is read once, and the narrower
    // ones resize a fraction of its pixels.
    for &target in widths.iter().rev() {
        if target != source.width() {
            let mut resized = Pixels::new(target, scaled_height(width, height, target), pixel_type);
            resizer.resize(&source, &mut resized, &ResizeOptions::new()).map_err(resize_error)?;
            source = resized;
        }
        let variant = output.encode(&source)?;
        if variant.bytes.len() < bytes.len() {
            variants.push(variant);
        }
    }
    variants.reverse();
    Ok(Made { width, height, variants })
}

/// Decodes within the pixel budget, turned the way the photo's EXIF orientation says.
fn decode(bytes: &[u8], kind: ImageKind, max_pixels: u64) -> Result<DynamicImage, VariantError> {
    let format = match kind {
        ImageKind::Jpeg => ImageFormat::Jpeg,
        ImageKind::Png => ImageFormat::Png,
        ImageKind::Webp => ImageFormat::WebP,
    };
    let budget = max_pixels.saturating_mul(DECODE_BYTES_PER_PIXEL);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(budget);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    // The decoder's own reading of the header, before it allocates for the pixels.
    if decoder.total_bytes() > budget {
        return Err(VariantError::TooLarge(decoder.total_bytes()));
    }
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// What a variant is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Jpeg,
    /// Transparency to keep.
    Png,
    /// Whichever of JPEG and PNG is smaller.
    Smaller,
}

impl Output {
    fn of(kind: ImageKind, image: &DynamicImage) -> Self {
        match kind {
            ImageKind::Jpeg => Output::Jpeg,
            ImageKind::Png | ImageKind::Webp if has_transparency(image) => Output::Png,
            ImageKind::Png | ImageKind::Webp => Output::Smaller,
        }
    }

    fn encode(self, pixels: &Pixels) -> Result<Variant, VariantError> {
        let (width, height) = (pixels.width(), pixels.height());
        let variant = |kind, bytes| Variant { width, height, kind, bytes };
        let color = match pixels.pixel_type() {
            PixelType::U8x4 => ExtendedColorType::Rgba8,
            _ => ExtendedColorType::Rgb8,
        };
        let png = || -> Result<Vec<u8>, VariantError> {
            let mut out = Vec::new();
            PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive).write_image(
                pixels.buffer(),
                width,
                height,
                color,
            )?;
            Ok(out)
        };
        let jpeg = || -> Result<Vec<u8>, VariantError> {
            let mut out = Vec::new();
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(pixels.buffer(), width, height, color)?;
            Ok(out)
        };
        Ok(match self {
            Output::Jpeg => variant(ImageKind::Jpeg, jpeg()?),
            Output::Png => variant(ImageKind::Png, png()?),
            Output::Smaller => {
                let (jpeg, png) = (jpeg()?, png()?);
                if png.len() <= jpeg.len() {
                    variant(ImageKind::Png, png)
                } else {
                    variant(ImageKind::Jpeg, jpeg)
                }
            }
        })
    }
}

/// Whether any pixel is not fully opaque (an alpha channel alone may be all opaque).
fn has_transparency(image: &DynamicImage) -> bool {
    match image {
        DynamicImage::ImageLumaA8(pixels) => pixels.pixels().any(|p| p.0[1] < u8::MAX),
        DynamicImage::ImageRgba8(pixels) => pixels.pixels().any(|p| p.0[3] < u8::MAX),
        DynamicImage::ImageLumaA16(pixels) => pixels.pixels().any(|p| p.0[1] < u16::MAX),
        DynamicImage::ImageRgba16(pixels) => pixels.pixels().any(|p| p.0[3] < u16::MAX),
        other => other.has_alpha(),
    }
}

/// The height of a `target`-wide copy of a `width`×`height` image, rounded, at least 1.
fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let scaled = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

fn resize_error(error: impl std::fmt::Display) -> VariantError {
    VariantError::Resize(error.to_string())
}

#[cfg(test)]
#[path = "variants_tests.rs"]
mod tests;
