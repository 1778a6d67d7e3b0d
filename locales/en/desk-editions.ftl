# desk: editions
## The list and creating an edition

desk-editions-title = Editions
desk-edition-new = New edition
desk-edition-number = Number
desk-edition-title = Title
desk-edition-status = Status
desk-edition-published-on = Published
desk-edition-delivery = Delivery
desk-edition-numbered = Edition { $number }
desk-edition-is-draft = Draft
desk-edition-is-under_review = Changes under review
desk-edition-is-live = Live
desk-edition-not-published = Not yet
desk-edition-not-sent = Not sent
desk-edition-sending-now = Sending: { $sent } of { $total } sent
desk-edition-sent-to = { $failed ->
    [0] Sent to { $sent }
   *[other] Sent to { $sent }, { $failed } failed
}
desk-editions-pages = Pages of editions
desk-editions-newer = Newer editions
desk-editions-older = Older editions
desk-editions-page = Page { $page } of { $pages }
desk-editions-empty = There are no editions yet.
desk-edition-slug = Address name (slug)
desk-edition-slug-hint = Lower-case letters, digits and hyphens, as in spring-2026. It becomes part of the edition's web address.
desk-edition-required-locales = Languages every story must be ready in
desk-edition-create = Create the edition

## One edition

desk-editions-back = All editions
desk-edition-first-published = First published
desk-edition-pending-changes = it has changes readers do not see until a reviewer publishes them
desk-edition-readiness = Ready to publish?
desk-edition-ready = Everything is ready: a reviewer can publish this edition.
desk-edition-unmet-no_stories = The edition has no stories yet. Add stories.
desk-edition-unmet-missing_edition_text = The edition has no title and foreword in { $language } yet. Write them.
desk-edition-unmet-missing_translation = “{ $story }” has no { $language } translation yet.
desk-edition-unmet-not_approved = “{ $story }” in { $language } is not approved yet (it is: { $status }).
desk-edition-unmet-outdated = “{ $story }” in { $language } is outdated: its source text changed since it was translated.
desk-edition-publish = Publish the edition
desk-edition-publish-blocked = { $count ->
    [one] Publishing waits until the item above is done.
   *[other] Publishing waits until the { $count } items above are done.
}
desk-edition-publish-not-ready = { $count ->
    [one] The edition cannot be published yet: one item of the checklist is not done.
   *[other] The edition cannot be published yet: { $count } items of the checklist are not done.
}
desk-edition-stories = { $count ->
    [0] Stories
    [one] One story, in this order
   *[other] { $count } stories, in this order
}
desk-edition-stories-in-list = These stories in the story list, with their filters
desk-edition-drag-hint = Drag a story to move it, or use its buttons.
desk-edition-move-up = Move up
desk-edition-move-down = Move down
desk-edition-remove = Remove
desk-edition-no-stories = No stories yet. Add them below.
desk-edition-add-stories = Add stories
desk-edition-search = Stories in no edition, by title or slug
desk-edition-search-go = Search
desk-edition-add = Add to this edition
desk-edition-no-candidates = No story outside an edition matches.
desk-edition-texts = Title, foreword and signature
desk-edition-text-required = Required before publishing.
desk-edition-signature-name = Signed by (name)
desk-edition-signature-role = Signatory's role
desk-edition-cover-alt = Cover description (for people who cannot see it)
desk-edition-foreword = Foreword
desk-edition-save-text = Save the { $language } text
desk-edition-settings = Number, address and cover
desk-edition-cover = Cover image
desk-edition-cover-hint = Pick an image from the media library; upload new ones there.
desk-edition-no-cover = No cover
desk-edition-save-settings = Save

## Messages after an action

desk-flash-edition-created = The edition is created. Add its stories and texts.
desk-flash-edition-saved = The edition's settings are saved.
desk-flash-edition-texts-saved = The text is saved. Readers see it once a reviewer publishes the edition.
desk-flash-edition-story-moved = The story moved.
desk-flash-edition-story-added = The story is added to the edition.
desk-flash-edition-story-removed = The story is removed from the edition.
desk-flash-edition-published = The edition is published: readers see it now.
desk-flash-edition-test-sent = The test email was sent.
desk-flash-edition-sent = The edition is queued for every subscriber; delivery has started.

## Sending

desk-sending-title = Sending
desk-sending-back = Back to the edition
desk-sending-progress = Delivery
desk-sending-nothing-yet = Nothing has been sent yet.
desk-sending-count-queued = Queued
desk-sending-count-sent = Sent
desk-sending-count-failed = Failed
desk-sending-count-retrying = Retrying
desk-sending-count-remaining = Remaining
desk-sending-of-total = Out of { $total } emails in all.
desk-sending-fallbacks = { $count ->
    [one] One subscriber gets the default language: the edition is not in theirs.
   *[other] { $count } subscribers get the default language: the edition is not in theirs.
}
desk-sending-waiting-errors = Waiting for another try, by last error
desk-sending-failed-errors = Failed for good, by error
desk-sending-error-count = { $count ->
    [one] one email
   *[other] { $count } emails
}
desk-sending-send = Send to subscribers
desk-sending-audience = { $count ->
    [one] One subscriber has not received this edition yet.
   *[other] { $count } subscribers have not received this edition yet.
}
desk-sending-send-go = Send…
desk-sending-nobody = Every confirmed subscriber already has this edition.
desk-sending-test = Test send
desk-sending-test-email = Send a test to
desk-sending-test-language = In
desk-sending-test-go = Send the test
desk-sending-previews = The email, as subscribers will see it
desk-sending-preview-of = The email in { $language }
desk-sending-open-preview = Open on its own
desk-sending-not-published = This edition is not published yet: publish it before sending it.
desk-sending-confirm-title = Send the edition?
desk-sending-subscribers = { $count ->
    [one] one subscriber
   *[other] { $count } subscribers
}
desk-sending-confirm-go = { $count ->
    [one] Yes, send to one subscriber
   *[other] Yes, send to { $count } subscribers
}
desk-sending-cancel = Not now
desk-sending-back-to-sending = Back to sending

## Sending later

desk-sending-schedule = Send later
desk-sending-schedule-hint = At that time the edition goes to every confirmed subscriber who has not received it, including those who confirm before then. Until then you can cancel it.
desk-sending-send-at = Send at (date and time, { $zone })
desk-sending-schedule-go = Schedule the send
desk-sending-scheduled-for = Scheduled to be sent on { $when } ({ $zone }), by { $name }.
desk-sending-schedule-cancel = Cancel the scheduled send
desk-flash-edition-scheduled = The send is scheduled. You can cancel it until its time comes.
desk-flash-edition-send-cancelled = The scheduled send is cancelled: nothing was sent.
## Groups of stories (SPEC §12)

desk-edition-stories-grouped = { $count ->
    [one] One story
   *[other] { $count } stories
}, in { $groups ->
    [one] one group
   *[other] { $groups } groups
}
desk-edition-groups-hint = Readers see the groups in this order, each with its heading and introduction (written with each language's texts below). Stories added to the edition join the last group.
desk-edition-group-is-lettered = Lettered
desk-edition-group-empty = No stories in this group yet. Move stories here with “Move to group”.
desk-edition-group-up = Move group up
desk-edition-group-down = Move group down
desk-edition-group-letter = Letter its stories
desk-edition-group-unletter = Stop lettering
desk-edition-group-remove = Remove group
desk-edition-group-remove-hint = Removing a group keeps its stories: they join the end of the group before it (the first group's stories join the start of the next). The group's headings and introductions are deleted with it.
desk-edition-move-to-group = Move to group
desk-edition-move-to-go = Move
desk-edition-arrange = Arrange in groups
desk-edition-arrange-hint = Every story goes into a first group; then add more groups and move stories into them.
desk-edition-add-group = Add a group
desk-edition-add-group-hint = A new group starts empty, after the others.
desk-edition-add-group-go = Add the group
desk-edition-group-key = Group key
desk-edition-group-key-hint = Lower-case letters, digits and hyphens, as in programme. The key names the group for good: a wrong key is not renamed, the group is removed.
desk-edition-group-lettered = Letter its stories (a, b, c…)
desk-edition-ungroup = Back to one list
desk-edition-ungroup-hint = The stories stay in their order; the groups are deleted, with their headings and introductions.
desk-edition-group-texts = Group headings and introductions
desk-edition-group-heading = Heading of the group { $group }
desk-edition-group-intro = Introduction of the group { $group } (Markdown)
desk-edition-unmet-missing_group_heading = The group “{ $group }” has a heading in another language but none in { $language } yet. Write it.
desk-edition-unmet-missing_group_intro = The group “{ $group }” has an introduction in another language but none in { $language } yet. Write it.
desk-edition-arrangement-changed = The edition's stories or groups changed after this page was shown, so nothing was moved. Here they are as they are now.
desk-flash-edition-grouped = The stories are arranged in one group. Add more groups and move stories into them.
desk-flash-edition-group-added = The group is added, empty, after the others.
desk-flash-edition-group-moved = The group moved.
desk-flash-edition-group-lettered = The group's stories are lettered now.
desk-flash-edition-group-unlettered = The group's stories are no longer lettered.
desk-flash-edition-group-removed = The group is removed; its stories joined the group next to it.
desk-flash-edition-ungrouped = The stories are one list again.
