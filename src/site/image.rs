//! An image as templates show it, on pages and in emails: which of its files a page offers in
//! `srcset`, which one is the fallback `src`, which one an email carries and which one is
//! shared (OpenGraph). Pure: from a view struct to addresses.

use serde::Serialize;

use super::view::Image;
use super::Site;
use crate::media::variants::{EMAIL_WIDTH, WIDTHS};

/// The fallback `src` of a page's image is at most this wide (browsers that read `srcset`,
/// all current ones, never load it).
const FALLBACK_WIDTH: i32 = 960;

#[derive(Serialize)]
pub struct ImageContext {
    /// The fallback file, as a link inside the site.
    pub src: String,
    /// `<link> <width>w` for each file a page may choose from; empty when there is only one.
    pub srcset: String,
    /// The same files with absolute addresses, narrowest first (the public API's `srcset`).
    pub sources: Vec<ImageSource>,
    /// The original, absolute: for download and the public API.
    pub href: String,
    /// The widest file meant for screens, absolute: what OpenGraph shares.
    pub share_href: String,
    /// As shown; the aspect ratio of every file.
    pub width: i32,
    pub height: i32,
    pub email: EmailImage,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// One file of an image, as `srcset` offers it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImageSource {
    pub url: String,
    pub width: i32,
}

/// The file an email carries: [`EMAIL_WIDTH`] wide, or the original when it is narrower.
#[derive(Serialize)]
pub struct EmailImage {
    /// Absolute: a mail client has no base address.
    pub src: String,
    pub width: i32,
    pub height: i32,
}

impl ImageContext {
    pub(crate) fn new(site: &Site, image: &Image) -> Self {
        let path = |file_name: &str| format!("/media/{file_name}");
        let files = candidates(image);
        let fallback = files.iter().rev().find(|(_, w)| *w <= FALLBACK_WIDTH).or(files.first());
        let widest = files.last();
        let for_email = files.iter().rev().find(|(_, w)| *w <= EMAIL_WIDTH as i32).or(files.first());
        let srcset = if files.len() > 1 {
            files.iter().map(|(name, w)| format!("{} {w}w", site.base.link(&path(name)))).collect::<Vec<_>>().join(", ")
        } else {
            String::new()
        };
        let email_width = for_email.map_or(image.width, |(_, w)| *w);
        let sources =
            files.iter().map(|(name, w)| ImageSource { url: site.base.absolute(&path(name)), width: *w }).collect();
        Self {
            src: site.base.link(&path(fallback.map_or(&image.file_name, |(name, _)| name))),
            srcset,
            sources,
            href: site.base.absolute(&path(&image.file_name)),
            share_href: site.base.absolute(&path(widest.map_or(&image.file_name, |(name, _)| name))),
            width: image.width,
            height: image.height,
            email: EmailImage {
                src: site.base.absolute(&path(for_email.map_or(&image.file_name, |(name, _)| name))),
                width: email_width,
                height: scaled(image, email_width),
            },
            alt: image.alt.clone(),
            caption: image.caption.clone(),
            credit: image.credit.clone(),
        }
    }
}

/// The files a page may choose from, narrowest first: the variants, and the original too
/// where it is no wider than the widest variant width and no variant has its width (its own
/// variant came out larger than it). Empty without variants: the original alone.
fn candidates(image: &Image) -> Vec<(&str, i32)> {
    let mut files: Vec<(&str, i32)> = image.variants.iter().map(|v| (v.file_name.as_str(), v.width)).collect();
    let widest = WIDTHS[WIDTHS.len() - 1] as i32;
    if !files.is_empty() && image.width <= widest && files.iter().all(|(_, w)| *w != image.width) {
        files.push((image.file_name.as_str(), image.width));
        files.sort_by_key(|(_, w)| *w);
    }
    files
}

/// The height of `image` shown `width` wide.
fn scaled(image: &Image, width: i32) -> i32 {
    if image.width <= 0 {
        return image.height;
    }
    ((i64::from(image.height) * i64::from(width) + i64::from(image.width) / 2) / i64::from(image.width)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::render_tests::site;
    use crate::site::view::ImageVariant;

    fn image(width: i32, height: i32, variants: &[i32]) -> Image {
        Image {
            file_name: "photo.jpg".into(),
            width,
            height,
            alt: String::new(),
            caption: String::new(),
            credit: String::new(),
            variants: variants
                .iter()
                .map(|w| ImageVariant { file_name: format!("photo-{w}.jpg"), width: *w, height: height * w / width })
                .collect(),
        }
    }

    #[test]
    fn a_camera_photo_offers_its_variants_never_its_original() {
        let shown = ImageContext::new(&site(), &image(4000, 3000, &[480, 600, 960, 1600]));
        let base = "/bulletin/media";
        assert_eq!(
            shown.srcset,
            format!("{base}/photo-480.jpg 480w, {base}/photo-600.jpg 600w, {base}/photo-960.jpg 960w, {base}/photo-1600.jpg 1600w")
        );
        assert_eq!(shown.src, format!("{base}/photo-960.jpg"));
        assert_eq!(shown.share_href, "https://plains.example.org/bulletin/media/photo-1600.jpg");
        assert_eq!(shown.href, "https://plains.example.org/bulletin/media/photo.jpg");
        assert_eq!((shown.email.width, shown.email.height), (600, 450));
        assert_eq!(shown.email.src, "https://plains.example.org/bulletin/media/photo-600.jpg");
    }

    #[test]
    fn the_original_stands_in_for_a_variant_it_is_smaller_than() {
        // 960 wide: its own 960 variant came out larger, so the original is the 960 file.
        let shown = ImageContext::new(&site(), &image(960, 600, &[480, 600]));
        assert!(shown.srcset.ends_with("/bulletin/media/photo.jpg 960w"), "{}", shown.srcset);
        assert_eq!(shown.src, "/bulletin/media/photo.jpg");
    }

    #[test]
    fn without_variants_the_original_is_everything() {
        for shown in
            [ImageContext::new(&site(), &image(400, 300, &[])), ImageContext::new(&site(), &image(3000, 2000, &[]))]
        {
            assert_eq!(shown.srcset, "");
            assert_eq!(shown.src, "/bulletin/media/photo.jpg");
            assert_eq!(shown.email.src, shown.href);
            assert_eq!(shown.email.width, shown.width);
        }
    }
}
