# desk: library — the media library and the subscribers.

## Paging, shared by both lists

desk-library-pages = Pages
desk-library-previous = Previous page
desk-library-next = Next page
desk-library-page = Page { $page } of { $pages }

## Media library

desk-media-title = Media library
desk-media-upload = Upload an image
desk-media-file = Image file
desk-media-file-hint = A JPEG, PNG or WebP image of at most { $megabytes } MB.
desk-media-drop = You can also drop an image onto this form.
desk-media-credit = Credit
desk-media-credit-hint = Who took the photo, as readers will see it in each language (“Photo: Sara Ali”). Leave a language empty for no credit in it.
desk-media-alt-note = Alternative text and captions are written per language in each story that places the image.
desk-media-upload-button = Upload
desk-media-look-only = You can look at the library; editors and admins upload images.
desk-media-count = { $count ->
    [0] No images yet
    [one] One image
   *[other] { $count } images
}
desk-media-thumb-alt = Image { $name }
desk-media-no-credit = No credit given
desk-media-size = Size
desk-media-dimensions = { $width } × { $height } pixels, { $kilobytes } KB
desk-media-uploaded = Uploaded
desk-media-used-in = Where it is used
desk-media-story = Story { $id }
desk-media-only-live = Published version only
desk-media-alt = Alternative text
desk-media-caption = Caption
desk-media-edition = Cover of edition { $number }
desk-media-unused = Not used in any story or edition yet.
desk-media-empty = Nothing has been uploaded yet.

desk-flash-media-uploaded = The image is uploaded.

## Subscribers

desk-subscribers-title = Subscribers
desk-subscribers-export = Download all as CSV
desk-subscribers-import-result = Import result
desk-subscribers-imported = Imported: { $created } new, { $updated } with a new language, { $unchanged } already on the list.
desk-subscribers-import-refused-rows = { $count ->
    [one] One row was not imported:
   *[other] { $count } rows were not imported:
}
desk-subscribers-import-row = Row { $line }:
desk-subscribers-import-invalid-email = the email address is not valid.
desk-subscribers-import-unknown-locale = the language is not one this newsletter is written in.
desk-subscribers-import-unknown-status = the status must be confirmed or pending.
desk-subscribers-import-unreadable-row = the row could not be read as CSV.
desk-subscribers-counts = { $count ->
    [0] No subscribers yet
    [one] One subscriber
   *[other] { $count } subscribers
}
desk-subscribers-language = Language
desk-subscribers-total = Total
desk-subscribers-found = { $count ->
    [0] No subscriber matches
    [one] One subscriber matches
   *[other] { $count } subscribers match
}
desk-subscribers-search = Email address contains
desk-subscribers-any-language = Any language
desk-subscribers-status = State
desk-subscribers-any-status = Any state
desk-subscribers-filter = Show
desk-subscribers-clear = Show everyone
desk-subscribers-since = Since
desk-subscribers-actions = Actions
desk-subscribers-language-of = Language of { $email }
desk-subscribers-save-language = Change language
desk-subscribers-unsubscribe = Unsubscribe
desk-subscribers-unsubscribe-who = Unsubscribe { $email }
desk-subscribers-none = No subscriber matches this search.
desk-subscribers-import = Import from CSV
desk-subscribers-import-file = CSV file
desk-subscribers-import-hint = The first row names the columns: email, locale and, if you like, status (confirmed, the default, or pending, which sends a confirmation email). Save it as CSV UTF-8. Addresses already on the list get the file’s language.
desk-subscribers-import-button = Import

desk-subscriber-status-pending = Waiting for confirmation
desk-subscriber-status-confirmed = Confirmed
desk-subscriber-status-unsubscribed = Unsubscribed
desk-subscriber-status-bounced = Bounced

desk-flash-subscriber-changed = The subscriber’s language is changed.
desk-flash-subscriber-unsubscribed = The subscriber is unsubscribed.

desk-media-save-credit = Save credits
desk-flash-media-credit-changed = The credits are changed.
desk-media-variants = Sizes for readers
desk-media-variant-widths = { $widths } pixels wide
desk-media-no-variants = As uploaded only
