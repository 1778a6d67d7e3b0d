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
