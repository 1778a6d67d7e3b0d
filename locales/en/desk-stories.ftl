# desk: stories — the list, the editor, the workflow, revisions.

## The list

desk-stories-search = Search titles
desk-stories-status = Status
desk-stories-any = Any
desk-stories-locale = Language
desk-stories-any-language = Any language
desk-stories-section = Section
desk-stories-edition = Edition
desk-stories-author = Written by
desk-stories-anyone = Anyone
desk-stories-outdated = Only outdated translations
desk-stories-waiting = Only waiting for my review
desk-stories-filter = Show
desk-stories-clear = Clear filters
desk-stories-count = { $count ->
    [0] No stories
    [one] One story
   *[other] { $count } stories
}
desk-stories-title = Title
desk-stories-languages = Languages
desk-stories-updated = Last changed
desk-stories-no-text = No text yet
desk-stories-pages = Pages
desk-stories-previous = Previous page
desk-stories-next = Next page
desk-stories-page = Page { $page } of { $pages }
desk-stories-none-match = No story matches these filters. Clear a filter or search for other words.
desk-stories-none = There are no stories yet. Start the first one below.
desk-stories-slug = Slug (the story's address)
desk-stories-slug-hint = Lower-case letters, digits and hyphens, e.g. new-well-hamdaniya.
desk-stories-create = Create and open the story

## The editor

desk-story-slug-line = Address: { $slug } · Section: { $section }
desk-story-no-text = No text yet
desk-story-state-none = There is no text in this language yet.
desk-story-state-draft = A draft, last changed by { $name } on { $when }.
desk-story-state-in_review = Waiting for a reviewer since { $when }.
desk-story-state-changes_requested = { $name } asked for changes:
desk-story-state-approved = Approved by { $name } on { $when }.
desk-story-state-scheduled = Approved and scheduled to publish on { $when }.
desk-story-state-published = Published on { $when }; readers see it.
desk-story-state-published_changed = Published on { $when }; a newer text is not yet published.
desk-story-next-write = Write the first text below.
desk-story-next-edit = You can edit the text below.
desk-story-next-none = Nothing for you to do here now.
desk-story-next-submit = When it is ready, submit it for review.
desk-story-next-approve = Read it, then approve it or ask for changes.
desk-story-next-publish = It can be published now or at a time you choose.
desk-story-preview = Preview as readers will see it
desk-story-conflict = Someone saved this text while you were editing. Your text is kept below; compare, then save again to replace theirs.
desk-story-conflict-title = { $name } saved a newer text meanwhile
desk-story-conflict-help = Your text is in the form below, unchanged. Saving it now replaces the other text; you can copy from it first.
desk-story-conflict-theirs = The other saved text
desk-story-conflict-diff = From the saved text to yours
desk-story-outdated-title = Outdated: the { $source } text changed
desk-story-outdated-help = This translation was made from revision { $from } of the source; the source is now at revision { $to }. What changed there:
desk-story-confirm = Confirm it is still up to date
desk-story-live-changes = Changes since the published version
desk-story-live-same = The text is the same as the published version.
desk-story-field-title = Title
desk-story-field-summary = Summary
desk-story-field-body = Body
desk-story-field-link = "Read more" link
desk-story-field-images = Images
desk-story-body-hint = Markdown: **bold**, [link](https://…), "- " for a list, "> " for a quote.
desk-story-toolbar = Formatting
desk-story-tool-bold = Bold
desk-story-tool-link = Link
desk-story-tool-list = List
desk-story-tool-quote = Quote
desk-story-image-credit = Credit:
desk-story-image-alt = Alternative text
desk-story-image-caption = Caption
desk-story-image-remove = Remove this image
desk-story-image-add = Add an image from the library
desk-story-image-none = No image
desk-story-save = Save
desk-story-save-over = Save my text over theirs
desk-story-workflow = Workflow
desk-story-own-revision = You wrote this revision, so another reviewer approves it.
desk-story-action-submit = Submit for review
desk-story-action-withdraw = Withdraw from review
desk-story-action-approve = Approve
desk-story-action-request_changes = Request changes
desk-story-action-publish = Publish now
desk-story-action-unpublish = Unpublish
desk-story-comment = What should change (required)
desk-story-send-request = Send the request
desk-story-publish-at = Publish at (date and time, { $zone })
desk-story-schedule = Schedule
desk-story-stale = Someone changed this text since you opened the page; nothing was done. Look at it again, then try once more.
desk-story-revisions = Revisions
desk-story-revision = Revision { $number }
desk-story-rev-latest = latest
desk-story-rev-live = live
desk-story-rev-restored = (restored from { $number })
desk-story-rev-changes = What changed
desk-story-restore = Restore revision { $number }
desk-story-compare-from = From revision
desk-story-compare-to = To revision
desk-story-compare = Compare
desk-story-compare-title = Revisions { $from } and { $to }
desk-story-compare-same = These two revisions are the same.
desk-story-back = Back to the story
desk-story-unchanged = { $count ->
    [one] One unchanged paragraph
   *[other] { $count } unchanged paragraphs
}
desk-story-diff-too-large = Too long to compare word by word; both texts are shown whole.
desk-story-diff-before = Before:
desk-story-diff-after = After:

## The timeline

desk-story-timeline = Timeline
desk-story-timeline-empty = Nothing has happened to this story yet.
desk-story-scheduler = The scheduler
desk-story-event-create = { $name } wrote the first text (revision { $number }).
desk-story-event-edit = { $name } saved revision { $number }.
desk-story-event-restore = { $name } restored an older text as revision { $number }.
desk-story-event-confirm = { $name } confirmed it is up to date with its source.
desk-story-event-schedule = { $name } scheduled it for publication.
desk-story-event-import = { $name } imported it.
desk-story-event-submit = { $name } submitted it for review.
desk-story-event-withdraw = { $name } withdrew it from review.
desk-story-event-approve = { $name } approved it.
desk-story-event-request_changes = { $name } asked for changes.
desk-story-event-publish = { $name } published it.
desk-story-event-unpublish = { $name } unpublished it.

## Messages after an action

desk-flash-story-created = The story is created. Write its first text.
desk-flash-story-saved = Saved.
desk-flash-story-submit = Submitted for review.
desk-flash-story-withdraw = Withdrawn from review; it is a draft again.
desk-flash-story-approve = Approved.
desk-flash-story-request_changes = Your request for changes is sent.
desk-flash-story-publish = Published: readers see it now.
desk-flash-story-unpublish = Unpublished: readers no longer see it.
desk-flash-story-scheduled = Scheduled for publication.
desk-flash-story-confirmed = Confirmed up to date with its source.
desk-flash-story-restored = The older text is restored as a new revision.
