use image::{GenericImageView, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

use super::*;

const LIMIT: u64 = 50_000_000;

/// A photo-like picture: smooth gradients with grain, which JPEG cannot shrink to nothing.
fn photo(width: u32, height: u32) -> RgbImage {
    let mut state = 0x2545_f491_u32;
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 48) as u8;
        Rgb([(x * 200 / width) as u8 + grain, (y * 200 / height) as u8 + grain, 120 + grain])
    })
}

fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(image.as_raw(), image.width(), image.height(), ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn png_of(pixels: &[u8], width: u32, height: u32, color: ExtendedColorType) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out).write_image(pixels, width, height, color).unwrap();
    out
}

fn sniffed(bytes: &[u8]) -> Sniffed {
    crate::media::sniff(bytes).unwrap()
}

/// Each variant decodes to the size and format it claims.
fn decoded(variant: &Variant) -> DynamicImage {
    let format = if variant.kind == ImageKind::Png { ImageFormat::Png } else { ImageFormat::Jpeg };
    let image = image::load_from_memory_with_format(&variant.bytes, format).unwrap();
    assert_eq!(image.dimensions(), (variant.width, variant.height));
    image
}

#[test]
fn widths_are_those_narrower_than_the_original_and_its_own() {
    assert_eq!(widths_for(300), Vec::<u32>::new());
    assert_eq!(widths_for(480), Vec::<u32>::new());
    assert_eq!(widths_for(481), [480, 481]);
    assert_eq!(widths_for(600), [480, 600]);
    assert_eq!(widths_for(960), [480, 600, 960]);
    assert_eq!(widths_for(1200), [480, 600, 960, 1200]);
    assert_eq!(widths_for(1600), [480, 600, 960, 1600]);
    assert_eq!(widths_for(4032), [480, 600, 960, 1600]);
}

#[test]
fn a_camera_photo_gets_every_width_as_jpeg() {
    let original = jpeg(&photo(2000, 1500), 95);
    let variants = make(&original, sniffed(&original), LIMIT).unwrap().variants;
    let sizes: Vec<_> = variants.iter().map(|v| (v.width, v.height, v.kind)).collect();
    assert_eq!(
        sizes,
        [
            (480, 360, ImageKind::Jpeg),
            (600, 450, ImageKind::Jpeg),
            (960, 720, ImageKind::Jpeg),
            (1600, 1200, ImageKind::Jpeg)
        ]
    );
    for variant in &variants {
        decoded(variant);
        assert!(variant.bytes.len() < original.len() / 2, "{}: {} bytes", variant.width, variant.bytes.len());
    }
    assert!(variants.windows(2).all(|pair| pair[0].bytes.len() < pair[1].bytes.len()));
}

#[test]
fn variants_no_smaller_than_the_original_are_left_out() {
    let heavy = jpeg(&photo(1200, 800), 98);
    let widths: Vec<_> = make(&heavy, sniffed(&heavy), LIMIT).unwrap().variants.iter().map(|v| v.width).collect();
    assert_eq!(widths, [480, 600, 960, 1200], "its own width too, when that saves bytes");
    // Already as small as a variant would be: the original serves its own width.
    let light = jpeg(&photo(1200, 800), 30);
    let variants = make(&light, sniffed(&light), LIMIT).unwrap().variants;
    assert!(variants.iter().all(|v| v.width < 1200 && v.bytes.len() < light.len()));
}

#[test]
fn small_images_get_no_variants() {
    let small = jpeg(&photo(480, 300), 95);
    assert!(make(&small, sniffed(&small), LIMIT).unwrap().variants.is_empty());
}

#[test]
fn transparency_stays_in_png_variants() {
    let logo = RgbaImage::from_fn(1000, 500, |x, _| if x < 500 { Rgba([13, 92, 99, 255]) } else { Rgba([0, 0, 0, 0]) });
    let bytes = png_of(logo.as_raw(), 1000, 500, ExtendedColorType::Rgba8);
    let variants = make(&bytes, sniffed(&bytes), LIMIT).unwrap().variants;
    assert_eq!(variants.iter().map(|v| v.width).take(3).collect::<Vec<_>>(), [480, 600, 960]);
    assert!(variants.iter().skip(3).all(|v| v.width == 1000 && v.bytes.len() < bytes.len()));
    for variant in &variants {
        assert_eq!(variant.kind, ImageKind::Png);
        let image = decoded(variant).into_rgba8();
        assert_eq!(image.get_pixel(variant.width - 1, 0).0[3], 0, "transparent stays transparent");
        assert_eq!(image.get_pixel(0, 0).0, [13, 92, 99, 255]);
    }
}

#[test]
fn an_opaque_png_becomes_whichever_format_is_smaller() {
    // A flat drawing with an alpha channel that is opaque everywhere: PNG is smaller.
    let drawing = RgbaImage::from_fn(1200, 800, |x, y| Rgba([(x / 300) as u8 * 60, (y / 200) as u8 * 60, 90, 255]));
    let bytes = png_of(drawing.as_raw(), 1200, 800, ExtendedColorType::Rgba8);
    let variants = make(&bytes, sniffed(&bytes), LIMIT).unwrap().variants;
    assert!(!variants.is_empty());
    assert!(
        variants.iter().all(|v| v.kind == ImageKind::Png),
        "{:?}",
        variants.iter().map(|v| v.kind).collect::<Vec<_>>()
    );
    // A photo saved as PNG: JPEG is far smaller.
    let picture = photo(1200, 800);
    let bytes = png_of(picture.as_raw(), 1200, 800, ExtendedColorType::Rgb8);
    let variants = make(&bytes, sniffed(&bytes), LIMIT).unwrap().variants;
    assert_eq!(variants.iter().map(|v| v.width).collect::<Vec<_>>(), [480, 600, 960, 1200]);
    assert!(variants.iter().all(|v| v.kind == ImageKind::Jpeg));
}

#[test]
fn a_photo_taken_sideways_is_turned_as_its_exif_says() {
    // 1000×600 as stored, orientation 6 ("turn 90° clockwise"): 600×1000 as shown.
    let stored = jpeg(&photo(1000, 600), 90);
    let tiff: &[u8] = &[
        b'M', b'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
        0, 1, // one entry
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation, SHORT, 1 value: 6
        0, 0, 0, 0, // no next IFD
    ];
    let mut app1 = vec![0xff, 0xe1];
    app1.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(tiff);
    let mut bytes = stored[..2].to_vec();
    bytes.extend_from_slice(&app1);
    bytes.extend_from_slice(&stored[2..]);

    let made = make(&bytes, sniffed(&bytes), LIMIT).unwrap();
    assert_eq!((made.width, made.height), (600, 1000), "as shown, not as stored");
    let variants = made.variants;
    let sizes: Vec<_> = variants.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, [(480, 800), (600, 1000)]);
    for variant in &variants {
        decoded(variant);
    }
}

#[test]
fn what_cannot_be_decoded_or_would_take_too_much_memory_is_an_error() {
    let picture = photo(1000, 800);
    let whole = png_of(picture.as_raw(), 1000, 800, ExtendedColorType::Rgb8);
    let cut = &whole[..whole.len() / 3];
    assert!(matches!(make(cut, sniffed(&whole), LIMIT), Err(VariantError::Decode(_))));
    // A header within the limit it was checked against, a decoder held to the same budget.
    assert!(matches!(make(&whole, sniffed(&whole), 100_000), Err(VariantError::TooLarge(2_400_000))));
}
