## The emails Mailroom sends (src/mail/templates.rs).

mail-signature = Sent by Mailroom
mail-or-open = Or open this link: { $link }
mail-invitation-subject = { $inviter } invites you to use { $address }
mail-invitation-body = { $inviter } ({ $organisation }) invites you to use the email address { $address } with Mailroom.
mail-invitation-valid = The invitation is valid until { $expires }.
mail-invitation-action = Accept the invitation
mail-owner-invitation-subject = You are invited to run { $organisation } on Mailroom
mail-owner-invitation-body = The operator of this Mailroom installation invites you to become the owner of the organisation { $organisation }: you will add its domains, create its email addresses and invite its people.
mail-sign-up-subject = Confirm your Mailroom account to use { $address }
mail-sign-up-body = Someone (we hope you) signed up with { $login } to use the email address { $address }.
mail-sign-up-when = Your account is created when you open this link, within 24 hours. If it was not you, ignore this message: nothing happens.
mail-sign-up-action = Confirm and create the account
mail-reset-subject = Reset your Mailroom password
mail-reset-body = Someone (we hope you) asked to reset the password of { $login }.
mail-reset-when = The link works once, within an hour. If it was not you, ignore this message: your password stays as it is.
mail-reset-action = Choose a new password
mail-granted-subject = You can now use { $address }
mail-granted-body = { $granter } gave you access to the email address { $address }.
mail-granted-action = Open the address
mail-an-administrator = An administrator
