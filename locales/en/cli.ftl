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
