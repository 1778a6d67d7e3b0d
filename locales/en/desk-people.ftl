# desk: people — users and roles (admins), and each person's own account.

desk-users-title = Users
desk-users-caption = { $count ->
    [one] One account
   *[other] { $count } accounts
}
desk-users-add = Add a user
desk-users-add-submit = Add the user
desk-users-name = Name
desk-users-roles = Roles
desk-users-language = Language
desk-users-time-zone = Time zone
desk-users-state = Access
desk-users-second-factor = Second factor
desk-users-enabled = Enabled
desk-users-disabled = Disabled
desk-users-factor-on = On
desk-users-factor-off = Off
desk-users-role-admin = Admin
desk-users-role-editor = Editor
desk-users-role-reviewer = Reviewer
desk-users-initial-password = First password
desk-users-initial-password-hint = At least 12 characters. Give it to the person by a safe way; they can change it on their account page.
desk-users-policy = Second factor for admins
desk-users-policy-admins = Every admin must use a second factor
desk-users-policy-hint = An admin without one is taken to their account page to set it up, and can open nothing else until it is done.
desk-users-policy-save = Save the rule
desk-users-back = Back to all users
desk-users-disable-hint = A disabled person cannot sign in, and is signed out everywhere at once.
desk-users-save = Save the changes

desk-account-title = Your account
desk-account-profile = Name, language and time zone
desk-account-time-zone-hint = Dates and times in the desk are shown in this zone, for example Asia/Amman.
desk-account-save = Save
desk-account-password = Password
desk-account-current-password = Current password
desk-account-new-password = New password
desk-account-new-password-hint = At least 12 characters. Changing it signs you out everywhere, here too.
desk-account-password-submit = Change the password
desk-account-factor = Second factor
desk-account-factor-why = With a second factor, signing in needs a code from an app on your phone as well as the password.
desk-account-factor-required = This newsroom requires a second factor of every admin. Set it up below to use the rest of the desk.
desk-account-enrol = Set up a second factor
desk-account-enrol-scan = Scan this code with an authenticator app (such as Aegis, FreeOTP or Google Authenticator).
desk-account-qr = QR code for the authenticator app
desk-account-enrol-type = Or type this key into the app
desk-account-enrol-confirm = The 6-digit code the app shows now
desk-account-enrol-submit = Turn the second factor on
desk-account-enrol-cancel = Cancel the setup
desk-account-codes-left = { $count ->
    [0] No recovery codes are left.
    [one] One recovery code is left.
   *[other] { $count } recovery codes are left.
}
desk-account-disable-hint = To turn it off, enter a current code from the app, or your password.
desk-account-code = Code from the app, or a recovery code
desk-account-or-password = Or your password
desk-account-disable = Turn the second factor off
desk-account-codes-title = Your recovery codes
desk-account-codes-done = The second factor is on.
desk-account-codes-once = If you lose your phone, each of these codes signs you in once instead of a code from the app. Keep them somewhere safe: they are shown only now.
desk-account-codes-kept = I have kept them

desk-second-step-title = Enter your code
desk-second-step-hint = Six digits from your authenticator app, or one of your recovery codes.
desk-second-step-submit = Continue
desk-second-step-restart = Start again

desk-flash-user-added = The user was added. They can sign in now.
desk-flash-user-changed = The changes were saved.
desk-flash-totp-required-on = Every admin must now use a second factor.
desk-flash-totp-required-off = Admins no longer need a second factor.
desk-flash-totp-required = Set up a second factor first: this newsroom requires one of every admin.
desk-flash-account-saved = Your account was saved.
desk-flash-password-changed = Your password was changed and you were signed out everywhere. Sign in with the new password.
desk-flash-totp-started = Scan the code or type the key, then enter the first code to finish.
desk-flash-totp-cancelled = The setup was cancelled.
desk-flash-totp-disabled = The second factor is off.
desk-flash-second-step-expired = That sign-in took too long. Enter your email and password again.
