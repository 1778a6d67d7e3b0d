# What the nashra command prints for people. The "listening on" line is not here: scripts
# read it, so it stays fixed.

cli-error = Error: { $message }
cli-migrations-applied = { PLURAL($count) ->
    [one] Applied one migration.
   *[other] Applied { $count } migrations.
}
cli-user-created = Created user { $email } (id { $id }).
cli-user-disabled = disabled
cli-user-count = { PLURAL($count) ->
    [one] One user.
   *[other] { $count } users.
}
cli-user-not-found = No user has the email address { $email }.
cli-password-changed = Password changed for { $email }; their sessions have ended.
cli-password-stdin-empty = No password on standard input. Example: printf '%s' "$PASSWORD" | nashra user add ... --password-stdin

startup-secret-placeholder = Refusing to sign anything with this secret: it looks like a placeholder or a pattern, which anyone could guess. Set NASHRA_AUTH__SECRET to at least 32 random bytes (openssl rand -base64 48), or unset it to have one generated and kept beside the data.
startup-secret-short = Refusing to sign anything with this secret: it is shorter than 32 bytes. Set NASHRA_AUTH__SECRET to at least 32 random bytes (openssl rand -base64 48), or unset it to have one generated and kept beside the data.
cli-export-web-done = Wrote { $pages } pages and { $media } images to { $folder }, for { $url }.
cli-edition-not-found = No published edition has the slug { $slug }.
cli-unknown-locale = { $locale } is not a configured locale.
cli-send-done = Done: { $sent } sent, { $failed } failed, { $fallbacks } in the default language ({ $queued } queued by this run).
cli-send-progress = { $failed } failed, { $retrying } retrying
cli-send-temporary-failure = Not sent yet, will retry: { $error }
cli-send-smtp-hint = { "  " }Mail goes to the SMTP server at { $server } (smtp_url; NASHRA_SMTP_URL sets it for this command). Waiting emails are retried after growing pauses; Ctrl-C stops, and running the command again carries on.
cli-send-more-errors = More distinct errors are not shown here; GET /api/v1/editions/{ $id }/delivery lists the most frequent.
cli-address-used = Links point to { $url } ({ $source }).
cli-address-from-flag = --base-url
cli-address-from-settings = public_url in this command's settings
cli-address-from-server = the address the server on this database serves the site at
cli-address-from-bind = the bind address: no server has run on this database and public_url is not set; give --base-url or NASHRA_PUBLIC_URL
cli-worker-started = Delivery worker running; Ctrl-C stops it.
cli-export-email-done = Wrote { $file }.
cli-import-done = Imported { $stories } stories ({ $translations } texts), { $editions } editions and { $images } images.
cli-import-warning = Note: { $warning }
cli-import-invalid = { $field }: { $reason }
cli-import-failed = Nothing was imported. { $error }
cli-demo-data = nashra demo — data in { $folder }
cli-demo-desk = { "  " }The desk (sign in with an account below): { $url }
cli-demo-site = { "  " }{ $language } site: { $url }
cli-demo-api = { "  " }API reference: { $url }
cli-demo-accounts = { "  " }Accounts (email, password, roles):
startup-smtp-plaintext-credentials = Refusing to start: smtp_url has a user name and password but no TLS, so the password would cross the network unencrypted. Use smtps://… or add ?tls=required; if the mail server is on this machine or a trusted network, add insecure_auth=true to the URL.
cli-send-scheduled = Edition { $slug } is scheduled to be sent later. Cancel the scheduled send (on the desk's sending page, or through the API) before sending it now.
cli-media-variants-made = { $name }: { PLURAL($count) ->
    [one] one variant.
   *[other] { $count } variants.
}
cli-media-variants-unreadable = { $name }: no variants, the original serves alone ({ $reason }).
cli-media-variants-done = { PLURAL($count) ->
    [one] One image done.
   *[other] { $count } images done.
}

# The importer's sentences about a folder's files, after `file:line: `.
import-unreadable = cannot read: { $detail }
import-file-empty = the file is empty
import-front-matter-open = expected a line `+++` opening the front matter
import-front-matter-unclosed = the front matter is not closed by a line `+++`
import-front-matter-invalid = the front matter is not valid TOML: { $detail }
import-not-a-folder = not a folder
import-unknown-status = unknown status "{ $status }"
import-disagree = { $name } is { $here } here but { $there } in another document of this story
import-unknown-locale = locale "{ $locale }" is not configured
import-duplicate-text = story { $slug } already has a { $locale } text
import-edition-number-differs = the number differs from another document of this edition
import-unknown-story = story "{ $slug }" is not among the imported stories
import-unknown-edition = edition "{ $edition }" is not among the imported editions
import-comment-needed = changes_requested needs the reviewer's comment
import-missing-image = image "{ $file }" is not in images/
import-refused = refused: { $detail }
import-no-admin = create an admin user first
import-edition-exists = edition { $slug } already exists
import-no-text = { $file }: story { $slug } has no { $locale } text
import-image-unreadable = cannot read image { $file }: { $detail }
import-image-unsupported = { $file } is not a JPEG, PNG or WebP image
import-image-unstored = cannot store { $file }: { $detail }
import-story-exists = story { $slug } already exists
import-text-vanished = the { $locale } text vanished while importing
import-text-changed = the { $locale } text changed while importing
import-unknown-user = no user has the email { $email }
import-bad-time = "{ $value }" is neither YYYY-MM-DD nor an RFC 3339 time

# The command line's own help (`nashra --help`, `nashra user add --help`): cli-<command path>-about
# for a command, cli-<command path>-arg-<argument> for an argument.
cli-about = A newsroom backend for a newsletter in English and Arabic
cli-arg-config = Folder holding default.toml and <mode>.toml.
cli-arg-database = sqlite://PATH or postgres://USER@HOST:PORT/DB (overrides NASHRA_DATABASE_URL).
cli-demo-about = Start a demo: a fresh database with a sample bilingual newsletter, then the server.
cli-demo-arg-dir = Folder for the demo's database and images, emptied first (default: data/demo).
cli-demo-arg-content = The content to load (default: content/demo).
cli-demo-arg-bind = Address to listen on.
cli-import-about = Import stories and editions from Markdown files (see docs/import.md).
cli-import-arg-dir = Folder with stories/, editions/, images/ and optionally publication.toml.
cli-serve-about = Run the HTTP server.
cli-serve-arg-bind = Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free one).
cli-migrate-about = Apply pending database migrations.
cli-user-about = Manage user accounts.
cli-user-add-about = Create a user. The password is read from standard input.
cli-user-add-arg-email = Email address, which is also the sign-in name.
cli-user-add-arg-name = Display name.
cli-user-add-arg-roles = admin, editor or reviewer; repeat for several.
cli-user-add-arg-locale = Preferred locale (default: the default locale).
cli-user-add-arg-password-stdin = Read the password from standard input (required, so it never shows in `ps`).
cli-user-list-about = List all users.
cli-user-passwd-about = Set a user's password (read from standard input) and end their sessions.
cli-user-passwd-arg-email = The user's email address.
cli-user-passwd-arg-password-stdin = Read the password from standard input (required).
cli-send-about = Send a published edition to every confirmed subscriber, showing progress.
cli-send-arg-edition = The edition's slug.
cli-worker-about = Run a delivery worker (sends queued mail) until interrupted.
cli-export-about = Export published content as files.
cli-export-web-about = Write the published web site as static files.
cli-export-web-arg-out = Folder to write into (created if missing; existing files are overwritten).
cli-export-web-arg-base-url = The address the files will be served from (default: public_url, else the bind address).
cli-export-email-about = Write one edition email, as a subscriber of one locale gets it, to an .eml file.
cli-export-email-arg-edition = The published edition's slug.
cli-export-email-arg-locale = The subscriber's locale.
cli-export-email-arg-out = The .eml file to write.
cli-export-email-arg-to = The To address written into the message.
cli-media-about = Work on uploaded images.
cli-media-variants-about = Make the resized variants (480, 600, 960 and 1600 pixels wide) of every image that has none yet, one image at a time. Safe to run while the server runs, and again.
cli-media-variants-arg-all = Make them again for every image, not only for those without.
cli-check-locales-about = Check that every locale has the same messages with the same variables.
cli-check-locales-arg-locales = Folder with one subfolder per locale, over the built-in files (default: the configured locales_dir).
cli-help-about = Print this message or the help of the given subcommand(s)
cli-help-arg-subcommand = Print help for the subcommand(s)
cli-help-flag = Print help
cli-version-flag = Print version
cli-heading-usage = Usage:
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-usage-options = {"["}OPTIONS]
cli-usage-command = COMMAND
cli-try-help = For more information, try '--help'.
cli-role-expected = expected admin, editor or reviewer

# What clap says when the arguments are wrong, after "Error: ".
cli-clap-missing-arguments = the following required arguments were not provided:{ $arguments }
cli-clap-missing-value = a value is required for '{ $argument }' but none was supplied
cli-clap-invalid-value = invalid value '{ $value }' for '{ $argument }'
cli-clap-possible-values = possible values: { $values }
cli-clap-unknown-argument = unexpected argument '{ $argument }' found
cli-clap-unknown-subcommand = unrecognized subcommand '{ $name }'
cli-clap-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
cli-clap-subcommands = subcommands: { $values }
cli-clap-conflict = the argument '{ $argument }' cannot be used with '{ $other }'
cli-clap-repeated = the argument '{ $argument }' cannot be used more than once
cli-clap-too-many-values = unexpected value '{ $value }' for '{ $argument }' found; no more were expected
cli-clap-similar-argument = tip: a similar argument exists: '{ $suggestion }'
cli-clap-similar-subcommand = tip: a similar subcommand exists: '{ $suggestion }'
cli-clap-similar-value = tip: a similar value exists: '{ $suggestion }'

# `nashra check-locales`.
cli-locales-ok = locales OK: { $locales } agree with { $reference }
cli-locales-unreadable = [{ $locale }] unreadable: { $detail }
cli-locales-missing = [{ $locale }] missing message { $id } (present in { $reference })
cli-locales-extra = [{ $locale }] message { $id } is not in { $reference }
cli-locales-variables = [{ $locale }] { $id } uses variables {"{"}{ $found }{"}"} but { $reference } uses {"{"}{ $expected }{"}"}
cli-locales-failed = { PLURAL($count) ->
    [one] One locale problem in { $folder }.
   *[other] { $count } locale problems in { $folder }.
}

# Progress bars' labels.
cli-export-progress = pages
cli-send-progress-label = emails
