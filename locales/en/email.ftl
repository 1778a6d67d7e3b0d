# Emails to subscribers, and the pages their links open.

email-edition-subject = { $name } · Issue { $number }: { $title }
email-view-in-browser = View this edition in your browser
email-why = You receive this because you subscribed to { $name }.
email-unsubscribe = Unsubscribe
email-confirm-subject = Confirm your subscription to { $name }
email-confirm-intro = Please confirm that you want to receive { $name } by email.
email-confirm-button = Confirm my subscription
email-confirm-ignore = If you did not ask for this, ignore this message: you will not hear from us again.

subscription-confirm-title = Confirm your subscription
subscription-confirm-body = Receive this newsletter by email at { $email }?
subscription-confirm-button = Confirm
subscription-confirmed-title = You are subscribed
subscription-confirmed-body = Thank you. The next edition will arrive in your inbox.
subscription-invalid-title = This link does not work
subscription-invalid-body = The link is incomplete, has expired, or no longer applies. Copy the whole address from the email, or subscribe again.
unsubscribe-title = Unsubscribe
unsubscribe-body = Stop receiving this newsletter by email at { $email }?
unsubscribe-button = Unsubscribe
unsubscribe-done-title = You are unsubscribed
unsubscribe-done-body = You will receive no more editions by email. You can subscribe again at any time.
subscribe-accepted = Thank you. If this address is not subscribed yet, a message asking you to confirm is on its way.
