# Why a single field was refused: field-<code>.

field-invalid-email = Enter a valid email address.
field-value-required = This field cannot be empty.
field-control-characters = Control characters (tabs, line breaks) are not allowed here.
field-display-name-too-long = At most { $limit } characters.
field-password-too-short = The password needs at least { $limit } characters.
field-password-too-long = The password may be at most { $limit } bytes.
field-roles-required = Give at least one role: admin, editor or reviewer.
field-unknown-locale = This locale is not configured.
field-page-out-of-range = Pages are numbered from 1.
field-per-page-out-of-range = Between 1 and { $limit } items per page.
field-invalid-slug = Use lower-case letters, digits and single hyphens, at most { $limit } characters.
field-text-too-long = At most { $limit } characters.
field-body-too-long = At most { $limit } bytes.
field-invalid-text = This must be plain UTF-8 text.
field-invalid-link = Enter a web address starting with https:// or http://.
field-too-many-images = At most { $limit } images.
field-alt-required = Every image needs alternative text for readers who cannot see it.
field-unknown-media = There is no uploaded image with this id.
field-comment-required = Say what needs to change.
field-publish-at-only-for-publish = A publication time goes only with the publish action.
field-edition-number-invalid = Edition numbers start at 1.
field-duplicate-story = A story can appear only once in an edition.
field-unknown-story = There is no story with this id.
field-unknown-status = This status is not one that can be set here.
field-image-too-many-pixels = The image may have at most { $limit } pixels (width × height).
field-too-many-fields = At most { $limit } form fields.
field-invalid-date-time = Enter a date and time that exists in your time zone.
field-unknown-time-zone = Choose a time zone from the list, such as Asia/Amman or Europe/London.
field-wrong-code = This code is not right. Check the time on your phone and enter the code shown now.
field-no-enrolment = Start the setup first; there is no secret to check this code against.
field-wrong-password = This is not your current password.
field-too-many-groups = At most { $limit } groups.
field-duplicate-group = Two groups cannot have the same key.
field-unknown-group = This edition has no group with this key.
field-groups-or-story-ids = Give the stories either as one list or in groups, not both.
field-invalid-rfc3339 = Give a date and time in RFC 3339 with its offset, such as 2026-06-01T08:00:00Z or 2026-06-01T11:00:00+03:00.
field-send-at-past = This time has already passed. Choose a later one, or send now.
field-send-at-too-far = { PLURAL($limit) ->
    [one] A send can be scheduled at most one day ahead.
   *[other] A send can be scheduled at most { $limit } days ahead.
}
