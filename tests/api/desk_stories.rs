//! The desk: stories: the list with filters and search, the side-by-side editor, preview, save conflicts, outdated translations, workflow buttons, the timeline, revisions and their comparison.
