//! The desk: the media library (upload, list, texts per language, where each image is used) and the subscribers (search, counts, CSV import and export).
