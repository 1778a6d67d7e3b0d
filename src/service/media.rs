//! Adding an image: recognised by its content, its declared size checked before anything is
//! decoded, written under a name the server chooses with its resized variants, recorded with
//! its credits. The upload endpoint, the desk and `nashra import` add images through here,
//! and both front doors change credits through [`change_credits`]; `nashra media variants`
//! makes the variants of images uploaded before there were any ([`make_missing_variants`]).

use std::path::{Path, PathBuf};

use crate::config::MediaSettings;
use crate::db::media::{self, Media};
use crate::db::{self, DbConn};
use crate::domain::image::{self, CheckedCredits, CreditChanges};
use crate::media::variants;
use crate::media::Sniffed;

use super::Error;

/// An image as it arrives, before any check.
pub struct NewImage<'a> {
    pub bytes: &'a [u8],
    /// The name it had on the sender's side, kept for people; never used as a path.
    pub original_name: &'a str,
    /// The credit of every locale without its own.
    pub credit: &'a str,
    /// Credits of particular locales.
    pub credits: &'a CreditChanges<'a>,
    pub uploader: i64,
}

/// An image checked and its files written, not yet recorded ([`record_image`]).
pub struct PreparedImage {
    original_name: String,
    credit: String,
    credits: CheckedCredits,
    uploader: i64,
    /// Its kind, and its size as shown (turned as its orientation says).
    found: Sniffed,
    size_bytes: i64,
    /// The media folder its files are in.
    dir: PathBuf,
    file_name: String,
    variants: Vec<media::Variant>,
}

impl PreparedImage {
    /// Every file written for it, the original first.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.file_name.as_str()).chain(self.variants.iter().map(|v| v.file_name.as_str()))
    }
}

/// An image once stored.
pub struct AddedImage {
    pub id: i64,
    /// Its name in the media folder, chosen by the server.
    pub file_name: String,
    /// Every file written for it (the original and its variants), for a caller whose
    /// transaction fails afterwards to remove again.
    pub files: Vec<String>,
}

/// Checks, stores and records an image: [`prepare_image`] then [`record_image`]. The files
/// are written before the rows: if the caller's transaction fails afterwards, the caller
/// removes `files` again.
pub fn add_image(
    conn: &mut DbConn,
    settings: &MediaSettings,
    locales: &[&str],
    new: NewImage,
) -> Result<AddedImage, Error> {
    record_image(conn, prepare_image(settings, locales, new)?)
}

/// Checks an image and its credits and writes it and its variants into the media folder:
/// the slow part of an upload (decoding and resizing a photo), done before anything holds a
/// database connection.
pub fn prepare_image(settings: &MediaSettings, locales: &[&str], new: NewImage) -> Result<PreparedImage, Error> {
    let (credit, credits) = checked_credits(locales, Some(new.credit), new.credits)?;
    let credit = credit.unwrap_or_default();
    let found = crate::media::sniff(new.bytes).ok_or(Error::UnsupportedImage)?;
    crate::media::check_pixels(&found, settings.max_pixels)?;
    let file_name = crate::media::store(&settings.dir, new.bytes, found.kind).map_err(Error::Storage)?;
    let (shown, variants) = match make_variants(settings, &file_name, new.bytes, found) {
        Ok(made) => made,
        Err(error) => {
            remove_files(&settings.dir, [file_name.as_str()]);
            return Err(Error::Storage(error));
        }
    };
    Ok(PreparedImage {
        original_name: new.original_name.to_owned(),
        credit,
        credits,
        uploader: new.uploader,
        found: Sniffed { width: shown.0, height: shown.1, ..found },
        size_bytes: new.bytes.len() as i64,
        dir: settings.dir.clone(),
        file_name,
        variants,
    })
}

/// Records a prepared image, its credits and its variants, in one transaction; if that
/// fails, its files are removed again.
pub fn record_image(conn: &mut DbConn, prepared: PreparedImage) -> Result<AddedImage, Error> {
    let files: Vec<String> = prepared.files().map(str::to_owned).collect();
    let recorded = db::write_transaction(conn, |conn| {
        let id = media::insert(
            conn,
            media::NewMedia {
                file_name: &prepared.file_name,
                content_type: prepared.found.kind.content_type(),
                width: prepared.found.width as i32,
                height: prepared.found.height as i32,
                size_bytes: prepared.size_bytes,
                credit: &prepared.credit,
                original_name: &prepared.original_name,
                uploaded_by: prepared.uploader,
            },
        )?;
        for (locale, credit) in &prepared.credits {
            media::set_credit_in(conn, id, locale, credit.as_deref())?;
        }
        media::set_variants(conn, id, None, &prepared.variants)?;
        Ok::<_, Error>(id)
    });
    match recorded {
        Ok(id) => Ok(AddedImage { id, file_name: prepared.file_name, files }),
        Err(error) => {
            remove_files(&prepared.dir, files.iter().map(String::as_str));
            Err(error)
        }
    }
}

/// Changes an image's credits, checked as on upload: `credit`, when given, is the one of every
/// locale without its own; `credits` set (or, with `None`, remove) particular locales' own.
/// The API's `PATCH /api/v1/media/{id}` and the desk's media library both change them here.
pub fn change_credits(
    conn: &mut DbConn,
    locales: &[&str],
    id: i64,
    credit: Option<&str>,
    credits: &CreditChanges,
) -> Result<(), Error> {
    let (shared, own) = checked_credits(locales, credit, credits)?;
    db::write_transaction(conn, |conn| {
        if media::find(conn, id)?.is_none() {
            return Err(Error::NotFound);
        }
        if let Some(shared) = &shared {
            media::set_credit(conn, id, shared)?;
        }
        for (locale, credit) in &own {
            media::set_credit_in(conn, id, locale, credit.as_deref())?;
        }
        Ok(())
    })
}

/// Sets image `id`'s credit in each language as typed (one per configured language, in
/// configuration order, as the desk's form has them; see `image::split_per_language`).
pub fn change_credits_per_language(
    conn: &mut DbConn,
    locales: &[&str],
    id: i64,
    typed: &[(&str, &str)],
) -> Result<(), Error> {
    let (shared, changes) = image::split_per_language(typed);
    change_credits(conn, locales, id, Some(shared), &changes)
}

/// The shared credit and the per-locale ones, checked, with every problem of both at once.
fn checked_credits(
    locales: &[&str],
    credit: Option<&str>,
    credits: &CreditChanges,
) -> Result<(Option<String>, CheckedCredits), Error> {
    match (credit.map(image::credit).transpose(), image::credits(credits, locales)) {
        (Ok(shared), Ok(own)) => Ok((shared, own)),
        (shared, own) => Err(Error::Invalid(shared.err().into_iter().chain(own.err().into_iter().flatten()).collect())),
    }
}

/// What making one image's variants came to, for `nashra media variants` to report.
#[derive(Debug)]
pub enum VariantsOutcome {
    /// Made this many (none for a small image).
    Made(usize),
    /// The file could not be read or decoded: the original serves alone.
    Unreadable(String),
}

/// Makes the variants of every image that has none yet (uploaded before there were
/// variants), or with `all` of every image again, one at a time; `report` hears about each.
/// Each image's variants are recorded as soon as they are made, so an interrupted run loses
/// nothing and the next one carries on.
pub fn make_missing_variants(
    conn: &mut DbConn,
    settings: &MediaSettings,
    all: bool,
    mut report: impl FnMut(&Media, &VariantsOutcome),
) -> Result<usize, Error> {
    let images = media::needing_variants(conn, all)?;
    for image in &images {
        let outcome = remake_variants(conn, settings, image)?;
        report(image, &outcome);
    }
    Ok(images.len())
}

fn remake_variants(conn: &mut DbConn, settings: &MediaSettings, image: &Media) -> Result<VariantsOutcome, Error> {
    let read = crate::media::path_of(&settings.dir, &image.file_name)
        .ok_or_else(|| std::io::Error::other("not a stored name"))
        .and_then(std::fs::read);
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(error) => return unreadable(conn, image, error.to_string()),
    };
    let Some(found) = crate::media::sniff(&bytes) else {
        return unreadable(conn, image, "not a JPEG, PNG or WebP image".into());
    };
    if let Err(invalid) = crate::media::check_pixels(&found, settings.max_pixels) {
        return unreadable(conn, image, format!("{} ({})", invalid.code, found.width as u64 * found.height as u64));
    }
    let old = media::variants_of(conn, &[image.id])?;
    let (shown, made) = make_variants(settings, &image.file_name, &bytes, found).map_err(Error::Storage)?;
    db::write_transaction(conn, |conn| media::set_variants(conn, image.id, Some(shown), &made))?;
    // Files of variants no longer made (another width or format than before).
    remove_files(
        &settings.dir,
        old.iter().map(|v| v.file_name.as_str()).filter(|name| made.iter().all(|m| m.file_name != *name)),
    );
    Ok(VariantsOutcome::Made(made.len()))
}

fn unreadable(conn: &mut DbConn, image: &Media, why: String) -> Result<VariantsOutcome, Error> {
    db::write_transaction(conn, |conn| media::set_variants(conn, image.id, None, &[]))?;
    Ok(VariantsOutcome::Unreadable(why))
}

/// Makes and writes the variants of the stored image `file_name`; with them its size as
/// shown. One that cannot be decoded gets none (browsers may still show it; the original
/// serves); only failing to write is an error, and then nothing written stays behind.
fn make_variants(
    settings: &MediaSettings,
    file_name: &str,
    bytes: &[u8],
    found: Sniffed,
) -> std::io::Result<((u32, u32), Vec<media::Variant>)> {
    let made = match variants::make(bytes, found, settings.max_pixels) {
        Ok(made) => made,
        Err(error) => {
            tracing::warn!(file_name, %error, "no variants for this image");
            return Ok(((found.width, found.height), Vec::new()));
        }
    };
    let mut stored: Vec<media::Variant> = Vec::with_capacity(made.variants.len());
    for variant in &made.variants {
        match crate::media::store_variant(&settings.dir, file_name, variant) {
            Ok(name) => stored.push(media::Variant {
                media_id: 0,
                width: variant.width as i32,
                height: variant.height as i32,
                file_name: name,
                content_type: variant.kind.content_type().to_owned(),
                size_bytes: variant.bytes.len() as i64,
            }),
            Err(error) => {
                remove_files(&settings.dir, stored.iter().map(|v| v.file_name.as_str()));
                return Err(error);
            }
        }
    }
    Ok(((made.width, made.height), stored))
}

/// Removes stored files, best effort: what is left is unreferenced and never served.
pub fn remove_files<'a>(dir: &Path, names: impl IntoIterator<Item = &'a str>) {
    for name in names {
        if let Some(path) = crate::media::path_of(dir, name) {
            let _ = std::fs::remove_file(path);
        }
    }
}
