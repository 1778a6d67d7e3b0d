# A reader's path: the subscribe form, the preferences page an email links to, and the
# pages a browser gets for an address that shows nothing.

# In every edition email, a link to the same edition in another language. Each locale's
# file says it in its own language: an English email links to Arabic with the Arabic words.
email-read-in-language = Read this edition in English
email-preferences = Manage your subscription

subscribe-form-title = Get the newsletter by email
subscribe-form-intro = Every new edition in your inbox, in the language you choose. We first send you a message to confirm the address.
subscribe-form-email = Email address
subscribe-form-language = Language
subscribe-form-trap = Leave this field empty
subscribe-form-button = Subscribe
subscribe-form-invalid-email = This is not an email address we can write to. Check it and try again.
subscribe-sent-title = Check your inbox
subscribe-sent-home = Back to the latest edition

preferences-title = Your subscription
preferences-address = Email address: { $email }
preferences-status-confirmed = You receive { $name } by email in { $language }.
preferences-status-pending = This address is waiting for its confirmation: nothing is sent to it yet.
preferences-status-unsubscribed = You are unsubscribed: no editions are sent to this address.
preferences-status-bounced = Mail to this address could not be delivered, so nothing is sent to it any more. Write to us if you want it back on the list.
preferences-language-title = Language
preferences-language-label = Language of the newsletter
preferences-language-button = Save the language
preferences-language-saved = Saved: from the next edition on, the newsletter comes in { $language }.
preferences-language-unknown = Choose one of the languages in the list.
preferences-unsubscribe-title = Stop the newsletter
preferences-unsubscribe-intro = No more editions to this address. You can come back from this page at any time.
preferences-unsubscribe-button = Unsubscribe
preferences-unsubscribed = You are unsubscribed. No more editions will be sent to this address.
preferences-resubscribe-title = Get the newsletter again
preferences-resubscribe-intro = Editions come to this address again, from the next one on. No confirmation email: this link reached you at this address.
preferences-resubscribe-button = Subscribe again
preferences-resubscribed = Welcome back: the next edition comes to this address.
preferences-erase-title = Erase my data
preferences-erase-intro = Deletes this address and the record of every edition sent to it. Our reports keep only numbers. This cannot be undone, and the links in earlier emails will stop working.
preferences-erase-confirm = Yes, erase my address and its history
preferences-erase-button = Erase my data
preferences-erase-unconfirmed = Tick the box to confirm that your data should be erased.
preferences-erased-title = Your data is erased
preferences-erased-body = We no longer hold this address, nor the record of what was sent to it. You can subscribe again at any time from the website.

error-not-found-title = Page not found
error-not-found-body = There is no page at this address. The link may be mistyped, or the page may have moved.
error-gone-title = No longer published
error-gone-body = This story was published here once; the editors have since taken it off the site.
error-server-title = Something went wrong on our side
error-server-body = The page cannot be shown right now. Please try again in a few minutes.
error-go-home = Read the latest edition
error-go-archive = See all editions
