//! Image files on disk: recognising them by content and storing them, and their resized
//! variants (`variants`), under names the server chooses, so no client-supplied name ever
//! becomes a path.

pub mod variants;

use std::io::Write;
use std::path::{Path, PathBuf};

use imagesize::ImageType;

/// The image formats nashra accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
        }
    }
}

/// A recognised image: its kind and pixel size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
}

/// What the bytes are, whatever the upload claimed. `None` for anything that is not a
/// JPEG, PNG or WebP with a readable size.
pub fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    let kind = match imagesize::image_type(bytes).ok()? {
        ImageType::Jpeg => ImageKind::Jpeg,
        ImageType::Png => ImageKind::Png,
        ImageType::Webp => ImageKind::Webp,
        _ => return None,
    };
    let size = imagesize::blob_size(bytes).ok()?;
    let (width, height) = (u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?);
    (width > 0 && height > 0).then_some(Sniffed { kind, width, height })
}

/// Refuses an image whose header declares more than `max_pixels` pixels, before anything
/// decodes it: a few hundred bytes can declare 60000×60000, which a decoder (the resizing
/// of variants, say) would try to allocate. Uploads and imports both check this.
pub fn check_pixels(image: &Sniffed, max_pixels: u64) -> Result<(), crate::domain::Invalid> {
    if u64::from(image.width) * u64::from(image.height) > max_pixels {
        return Err(crate::domain::Invalid::new("file", "image-too-many-pixels").with_limit(max_pixels as usize));
    }
    Ok(())
}

/// Whether `name` is one the server could have chosen: 32 hex digits, for a variant a hyphen
/// and its width, and a known extension. Anything else (`../`, slashes, other characters) is
/// not a stored file.
pub fn is_stored_name(name: &str) -> bool {
    let Some((base, extension)) = name.split_once('.') else {
        return false;
    };
    let (stem, width) = match base.split_once('-') {
        Some((stem, width)) => (stem, Some(width)),
        None => (base, None),
    };
    stem.len() == 32
        && stem.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && width.is_none_or(|w| (1..=5).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
        && ["jpg", "png", "webp"].contains(&extension)
}

/// Writes `bytes` into `dir` under a fresh random name and returns that name.
pub fn store(dir: &Path, bytes: &[u8], kind: ImageKind) -> std::io::Result<String> {
    let stem: String = rand::random::<[u8; 16]>().iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("{stem}.{}", kind.extension());
    write_whole(dir, &name, bytes)?;
    Ok(name)
}

/// Writes a variant of the stored image `original` into `dir`, named after it and its width
/// (`<original's stem>-<width>.<extension>`), and returns that name.
pub fn store_variant(dir: &Path, original: &str, variant: &variants::Variant) -> std::io::Result<String> {
    let stem = original.split_once('.').map_or(original, |(stem, _)| stem);
    let name = format!("{stem}-{}.{}", variant.width, variant.kind.extension());
    if !is_stored_name(&name) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("not a stored name: {original}")));
    }
    write_whole(dir, &name, &variant.bytes)?;
    Ok(name)
}

/// The file appears whole or not at all: written aside, then renamed.
fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let partial = dir.join(format!(".{name}.part"));
    let mut file = std::fs::File::create(&partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&partial, dir.join(name))
}

/// The path of a stored file, if `name` is a stored name.
pub fn path_of(dir: &Path, name: &str) -> Option<PathBuf> {
    is_stored_name(name).then(|| dir.join(name))
}

/// The last path segment of a client's file name, for display only.
pub fn display_name(client_name: &str) -> String {
    let last = client_name.rsplit(['/', '\\']).next().unwrap_or_default();
    last.chars().filter(|c| !c.is_control()).take(255).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1×1 PNG.
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
        0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d,
        0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn images_are_recognised_by_content() {
        assert_eq!(sniff(PNG), Some(Sniffed { kind: ImageKind::Png, width: 1, height: 1 }));
        assert_eq!(sniff(b"GIF89a\x01\x00\x01\x00"), None);
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), None);
        assert_eq!(sniff(b"hello"), None);
    }

    #[test]
    fn declared_pixels_are_bounded() {
        let image = Sniffed { kind: ImageKind::Png, width: 60_000, height: 60_000 };
        assert!(check_pixels(&image, 50_000_000).is_err());
        assert!(check_pixels(&Sniffed { width: 5_000, height: 10_000, ..image }, 50_000_000).is_ok());
    }

    #[test]
    fn only_server_chosen_names_are_paths() {
        assert!(is_stored_name("0123456789abcdef0123456789abcdef.png"));
        assert!(is_stored_name("0123456789abcdef0123456789abcdef-1600.jpg"));
        for bad in [
            "0123456789abcdef0123456789abcdef-.jpg",
            "0123456789abcdef0123456789abcdef-123456.jpg",
            "0123456789abcdef0123456789abcdef-16a0.jpg",
            "0123456789abcdef0123456789abcdef-1600-2.jpg",
            "../etc/passwd",
            "0123456789abcdef0123456789abcdef.png/..",
            "x.png",
            "0123456789ABCDEF0123456789abcdef.png",
        ] {
            assert!(!is_stored_name(bad), "{bad}");
        }
        assert_eq!(display_name("..\\..\\evil/../photo.jpg"), "photo.jpg");
    }

    #[test]
    fn stored_files_get_fresh_names() {
        let dir = tempfile::tempdir().unwrap();
        let a = store(dir.path(), PNG, ImageKind::Png).unwrap();
        let b = store(dir.path(), PNG, ImageKind::Png).unwrap();
        assert_ne!(a, b);
        assert!(is_stored_name(&a));
        assert_eq!(std::fs::read(dir.path().join(&a)).unwrap(), PNG);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no partial files left behind");
        let variant = variants::Variant { width: 480, height: 1, kind: ImageKind::Jpeg, bytes: vec![1, 2] };
        let name = store_variant(dir.path(), &a, &variant).unwrap();
        assert_eq!(name, format!("{}-480.jpg", a.trim_end_matches(".png")));
        assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), [1, 2]);
    }
}
