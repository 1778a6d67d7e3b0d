# The public web site's own words (page chrome). Content comes from editors.

site-default-name = Newsletter
site-skip = Skip to content
site-navigation = Site
site-home = Latest edition
site-archive = Archive
site-archive-title = All editions
site-feed = Atom feed
site-edition-number = Issue { $number }
site-published = Published { $date }
site-foreword = Foreword
site-in-this-edition = In this edition
site-stories-count = { PLURAL($count) ->
    [one] one story
   *[other] { $count } stories
}
site-read-more = Read more
site-read-longer = Read the full story on our website
site-photo-credit = Photo: { $credit }
site-no-edition = No edition has been published yet.
# A story's place in its edition's groups (SPEC §12), under the edition's name on its page.
site-story-in-group-item = Item { $label } of “{ $group }”
site-story-in-group = In “{ $group }”
