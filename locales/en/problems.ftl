# API problem responses. Each message is the problem's title; .detail explains it.
# The part after "problem-" is the stable code clients see.

problem-unauthorized = Authentication required
    .detail = Send a valid access token in the Authorization header (Bearer).
problem-invalid-credentials = Invalid email or password
    .detail = The email address or the password is not right.
problem-invalid-refresh-token = Invalid refresh token
    .detail = This refresh token is unknown, expired, revoked or already used. Log in again.
problem-account-disabled = Account disabled
    .detail = This account has been disabled. Ask an administrator.
problem-forbidden = Not allowed
    .detail = Your roles do not allow this action.
problem-not-found = Not found
    .detail = There is nothing with this identifier.
problem-route-not-found = No such address
    .detail = No page or API endpoint exists at this address.
problem-method-not-allowed = Method not allowed
    .detail = This address does not accept this HTTP method.
problem-malformed-json = Malformed JSON
    .detail = The request body is not valid JSON.
problem-invalid-body = Unexpected request body
    .detail = The body was read but does not match what this endpoint expects: a field is missing, unknown or of the wrong type. The reason says which.
problem-invalid-query = Invalid query parameters
    .detail = A query parameter is missing or has the wrong type.
problem-unsupported-media-type = Unsupported content type
    .detail = Send the body as application/json.
problem-payload-too-large = Request body too large
    .detail = The body may be at most { $limit } bytes.
problem-validation-failed = Invalid input
    .detail = { PLURAL($count) ->
        [one] One field is invalid.
       *[other] { $count } fields are invalid.
    }
problem-email-taken = Email address already in use
    .detail = Another account already uses this email address.
problem-last-admin = The last administrator must stay
    .detail = This change would leave no enabled administrator.
problem-rate-limited = Too many attempts
    .detail = { PLURAL($seconds) ->
        [one] Try again in one second.
       *[other] Try again in { $seconds } seconds.
    }
problem-service-unavailable = Service unavailable
    .detail = The database cannot be reached right now. Try again shortly.
problem-internal-error = Internal error
    .detail = Something went wrong on our side. It has been logged.
problem-bad-request = Bad request
    .detail = The request could not be understood.
problem-precondition-required = If-Match required
    .detail = This translation already exists. Send the ETag you last read as If-Match, so that nobody's changes are overwritten.
problem-precondition-failed = Changed since you read it
    .detail = Someone saved a newer version since you read this. Read it again, then reapply your change.
problem-unknown-locale = Unknown locale
    .detail = This locale is not one the publication is written in.
problem-transition-not-allowed = Not possible now
    .detail = { $action ->
        [save] Saving
        [restore] Restoring
        [submit] Submitting
        [withdraw] Withdrawing
        [approve] Approving
        [request_changes] Requesting changes
        [publish] Publishing
        [unpublish] Unpublishing
       *[other] This action
    } is not possible while the translation is { $status ->
        [draft] a draft
        [in_review] in review
        [changes_requested] waiting for changes
        [approved] approved
        [published] published
       *[other] { $status }
    }.
problem-own-revision = You wrote this revision
    .detail = Another reviewer must approve a revision you wrote.
problem-edition-not-ready = Edition not ready
    .detail = { PLURAL($count) ->
        [one] One thing still keeps this edition from being published; see not_ready.
       *[other] { $count } things still keep this edition from being published; see not_ready.
    }
problem-unsupported-image = Unsupported image
    .detail = Upload a JPEG, PNG or WebP image. The file's content decides, not its name.
problem-slug-taken = Slug already in use
    .detail = Another item already uses this slug. Choose another.
problem-edition-number-taken = Edition number already in use
    .detail = Another edition already has this number.
problem-story-in-other-edition = Story belongs to another edition
    .detail = Remove the story from its edition before adding it to this one.
problem-story-published = Story is published
    .detail = Unpublish every translation of this story before deleting it.
problem-published-needs-reviewer = A reviewer must make this change
    .detail = Readers already see this. Changing the slug or section of a published story, or the number or slug of a published edition, takes an editor who is also a reviewer, or an admin.
problem-source-locale = This is the source text
    .detail = The source-locale text cannot be outdated, so there is nothing to confirm.
problem-no-source-translation = No source text
    .detail = This story has no text in the source locale to be current with.
problem-edition-not-published = Edition not published
    .detail = Only a published edition can be sent or previewed as email, and only in a language it was published in.
problem-smtp-failed = Mail server failed
    .detail = The SMTP server refused the message or could not be reached.
problem-request-timeout = Request timed out
    .detail = The request body did not arrive in time. Try again on a steadier connection.
problem-second-factor-required = Second factor required
    .detail = The password is right, and this account also asks for a code from its authenticator app (or a recovery code). Send it as `totp`.
problem-invalid-second-factor = Invalid code
    .detail = This code is not right, or it was already used. Wait for the next code and try again.
problem-second-factor-on = A second factor is already on
    .detail = Turn the current second factor off before setting up a new one.
problem-send-already-scheduled = A send is already scheduled
    .detail = This edition is already scheduled to be sent. Cancel that send first, then send now or choose another time.
problem-send-not-scheduled = No send is scheduled
    .detail = This edition has no scheduled send to cancel.
problem-send-already-started = The send has started
    .detail = The scheduled time came and the edition is being sent, so it can no longer be cancelled.
problem-gone = No longer published
    .detail = This was published once and has since been taken off the site.
