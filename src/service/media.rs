//! Adding an image: recognised by its content, its declared size checked before anything is
//! decoded, written under a name the server chooses, recorded with its credit. The upload
//! endpoint and `nashra import` both add images through here.

use crate::config::MediaSettings;
use crate::db::{media, DbConn};
use crate::domain::image;

use super::Error;

/// An image as it arrives, before any check.
pub struct NewImage<'a> {
    pub bytes: &'a [u8],
    /// The name it had on the sender's side, kept for people; never used as a path.
    pub original_name: &'a str,
    pub credit: &'a str,
    pub uploader: i64,
}

/// An image once stored.
pub struct AddedImage {
    pub id: i64,
    /// Its name in the media folder, chosen by the server.
    pub file_name: String,
}

/// Checks, stores and records an image. The file is written before its row: if the caller's
/// transaction fails afterwards, the caller removes `file_name` again.
pub fn add_image(conn: &mut DbConn, settings: &MediaSettings, new: NewImage) -> Result<AddedImage, Error> {
    let credit = image::credit(new.credit)?;
    let found = crate::media::sniff(new.bytes).ok_or(Error::UnsupportedImage)?;
    crate::media::check_pixels(&found, settings.max_pixels)?;
    let file_name = crate::media::store(&settings.dir, new.bytes, found.kind).map_err(Error::Storage)?;
    let id = media::insert(
        conn,
        media::NewMedia {
            file_name: &file_name,
            content_type: found.kind.content_type(),
            width: found.width as i32,
            height: found.height as i32,
            size_bytes: new.bytes.len() as i64,
            credit: &credit,
            original_name: new.original_name,
            uploaded_by: new.uploader,
        },
    )?;
    Ok(AddedImage { id, file_name })
}

/// Changes an image's credit (checked as on upload). The API's `PATCH /api/v1/media/{id}`
/// and the desk's media library both change it through here.
pub fn change_credit(conn: &mut DbConn, id: i64, raw: &str) -> Result<(), Error> {
    let credit = image::credit(raw)?;
    if media::set_credit(conn, id, &credit)? {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}
