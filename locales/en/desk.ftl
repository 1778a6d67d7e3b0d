# The desk: the editorial web interface. Sections are split by screen (desk-<screen>-…).

desk-name = Desk
desk-skip = Skip to content
desk-menu = Menu
desk-sections = Desk sections
desk-sign-out = Sign out
desk-back-to-start = Back to the start page

desk-nav-start = Start
desk-nav-stories = Stories
desk-nav-editions = Editions
desk-nav-media = Media
desk-nav-subscribers = Subscribers
desk-nav-users = Users
desk-nav-account = Account

## Sign-in

desk-sign-in-title = Sign in to the desk
desk-sign-in = Sign in
desk-email = Email address
desk-password = Password

## Messages after an action

desk-flash-signed-out = You are signed out.
desk-flash-language-changed = The desk now speaks English.

## Error pages

desk-error-forbidden = Not for your role
    .detail = Your account's roles do not open this page. An admin can change them.
desk-error-not-found = No such page
    .detail = Nothing in the desk lives at this address. It may have been deleted.
desk-error-csrf = This form has expired
    .detail = The page you sent it from is out of date or from elsewhere; nothing was changed. Go back, reload the page, and send it again.
desk-error-bad-request = This form could not be read
    .detail = Nothing was changed. Reload the page and try again.
desk-error-internal = Something went wrong on our side
    .detail = Nothing you did caused this. Try again in a moment; if it persists, tell an admin.

## Story states

desk-status-draft = Draft
desk-status-in_review = In review
desk-status-changes_requested = Changes requested
desk-status-approved = Approved
desk-status-published = Published
desk-outdated = Outdated

## Start page

desk-start-greeting = Hello, { $name }
desk-story-new = New story
desk-see-all = See all { $count }
desk-start-review = { $count ->
    [0] Waiting for your review
    [one] One story waits for your review
   *[other] { $count } stories wait for your review
}
desk-start-review-empty = Nothing waits for your review.
desk-start-changes = { $count ->
    [0] Changes requested of you
    [one] Changes requested in one of your stories
   *[other] Changes requested in { $count } of your stories
}
desk-start-changes-empty = No reviewer has asked you for changes.
desk-start-drafts = { $count ->
    [0] Your drafts
    [one] One draft of yours
   *[other] { $count } drafts of yours
}
desk-start-drafts-empty = You have no drafts. Start a new story when you are ready.
desk-start-outdated = { $count ->
    [0] Outdated translations
    [one] One story has an outdated translation
   *[other] { $count } stories have outdated translations
}
desk-start-outdated-empty = Every translation is up to date with its source.
desk-start-scheduled = { $count ->
    [0] Scheduled next
    [one] One translation is scheduled
   *[other] { $count } translations are scheduled
}
desk-start-scheduled-empty = Nothing is scheduled to publish.
