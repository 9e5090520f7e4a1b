## error.rs
busy = Busy
too-many-passwords-are-being-checked = Too many passwords are being checked right now. Nothing was changed: try again in a moment.
back-to-mailroom = Back to Mailroom

## forms.rs
strength = Strength:
password-strength = Password strength

## layout.rs
skip-to-content = Skip to content
main = Main
services = Services
outbox = Outbox
jobs = Jobs
log-out = Log out

## accept.rs
check-your-email = Check your email
until-then-no-account-exists-for = Until then no account exists for this email: nobody can log in with it.
confirm-your-account = Confirm your account
create-my-account = Create my account
invites-you-to-use-the-email = { $organisation } invites you to use the email address { $address }.
you-will-be-able-to-manage = You will be able to manage: { $permissions }.
accept = Accept
create-your-account = Create your account
your-login = Your login
this-invitation-is-for-the-address = This invitation is for the address itself: you log in with it.
sign-up-and-accept = Sign up and accept
already-have-an-account = Already have an account?
log-in = Log in

## account.rs
your-account = Your account
two-factor-sign-in = Two-factor sign-in
login-password = Login password
change-the-password = Change the password
where-you-are-logged-in = Where you are logged in
since = Since
last-seen = Last seen
from = From
this-one = (this one)
log-out-the-other-sessions = Log out the other sessions

## address/aliases.rs
no-alias-yet = No alias yet.
remove = Remove
new-alias = New alias
add = Add

## address/delete.rs
delete = Delete
at-once = At once
it-stops-receiving-mail-and-nobody = It stops receiving mail, and nobody can log in to it, with its password or any device password.
mail-programs-connected-now-are-disconnected = Mail programs connected now are disconnected.
mail-programs-connected-now-stay-connected = Mail programs connected now stay connected until they close.
an-admin-can-restore-it-with = An admin can restore it, with its users, permissions, aliases, forwarding and mail. Its name cannot be taken.
then = Then
every-message-in-its-mailbox-is = Every message in its mailbox is deleted for good, and its name is free again.
its-name-is-free-again-its = Its name is free again; its mailbox stays on the mail server until removed there.
i-understand-that-this-address-and = I understand that this address and its mail will be deleted
cancel = Cancel
delete-the-address = Delete the address

## address/device_section.rs
mail-on-your-devices = Mail on your devices
programs-already-connected-stay-connected-until = Programs already connected stay connected until they close: the mail server's doveadm API is not configured (--doveadm-url).
device-password-for = Device password for { $name }:
copy-it-now-it-is-shown = copy it now, it is shown only once.
login = Login
password = Password
no-device-password-yet = No device password yet.
device = Device
user = User
created = Created
last-used = Last used
expires = Expires
actions = Actions
revoke = Revoke
set-up-a-mail-program = Set up a mail program
make-a-device-password = Make a device password
how-you-will-recognise-it-phone = How you will recognise it: “Phone”, “Thunderbird at work”.
leave-empty-for-a-password-that = Leave empty for a password that works until it is revoked.
make-the-password = Make the password

## address/forwarding.rs
mail-is-not-forwarded = Mail is not forwarded.
a-full-email-address-here-or = A full email address, here or elsewhere.
keep-a-copy-in-this-mailbox = Keep a copy in this mailbox
save-forwarding = Save forwarding
turn-forwarding-off = Turn forwarding off

## address/general.rs
your-address-is-ready = Your address is ready
how-do-you-want-to-read = How do you want to read its mail?
open-the-webmail = Open the webmail
the-address-is-created = The address is created
the-person-you-chose-has-access = The person you chose has access to it, or has been invited. It has no password until someone with the password permission sets one: until then it receives mail, but no one can log in to it.
kind = Kind
set = Set
not-set-the-address-receives-mail = Not set: the address receives mail, but no one can log in to it until someone with the password permission sets one.
aliases = Aliases
forwarding = Forwarding
keeping-a-copy = , keeping a copy
without-keeping-a-copy = , without keeping a copy
users = Users
no-one-has-access-to-this = No one has access to this address yet.
permissions = Permissions
state = State
sees-the-address-only = sees the address only
active = Active
invited = Invited
edit = Edit
permissions-of = Permissions of { $login }
save-permissions = Save permissions
pending-invitations = Pending invitations
resend = Resend
the-invitation-of = the invitation of { $email }
mail-program-settings = Mail program settings
enter-these-in-thunderbird-apple-mail = Enter these in Thunderbird, Apple Mail, Outlook or any mail program.
server = Server
port = Port
security = Security
incoming-imap = Incoming (IMAP)
ssl-tls = SSL/TLS
outgoing-smtp = Outgoing (SMTP)
thunderbird-settings-file = Thunderbird settings file
apple-profile-iphone-ipad-mac = Apple profile (iPhone, iPad, Mac)
outlook-finds-these-settings-by-itself = Outlook finds these settings by itself through Autodiscover.
sharing-links = Sharing links
copy-this-link-now = Copy this link now:
it-is-shown-only-once-whoever = it is shown only once. Whoever opens it, and logs in or signs up, can use this address.
the-new-sharing-link = The new sharing link
used = Used
revoked = Revoked
generate-a-sharing-link = Generate a sharing link
permissions-of-those-who-use-the = Permissions of those who use the link
valid-for-days = Valid for (days)
generate = Generate

## address/history.rs
when-utc = When (UTC)
who = Who
what = What

## address/mod.rs
delete-2 = Delete…
address-sections = Address sections

## address/password.rs
the-password-is-changed-mail-programs = The password is changed. Mail programs that are connected keep working until they log in again, then need the new password.

## address/setup.rs
device-or-program = Device or program
continue = Continue
back-to-the-address = Back to the address
your-device-password-for = Your device password for { $name }:
it-is-shown-only-once = it is shown only once.
one-tap = One tap
the-profile-carries-the-servers-and = The profile carries the servers and this password.
scan-the-code-with-the-camera = Scan the code with the camera of the iPhone or iPad, open the link, then
download-it-then = Download it, then
open-settings-profile-downloaded-install = open Settings → Profile Downloaded → Install.
download-the-profile = Download the profile
valid-for-15-minutes = Valid for 15 minutes.
in-thunderbird-new-existing-mail-account = In Thunderbird: ≡ → New → Existing Mail Account.
done = Done.
in-outlook-file-add-account = In Outlook: File → Add Account.
in-your-mail-app-add-account = In your mail app: Add account → Other (IMAP).
enter-these-in-the-program-s = Enter these in the program's account settings, with the password above.
settings = Settings

## address/share_form.rs
invite-a-user = Invite a user
invite = Invite
member-or-email-address = Member or email address
type-a-name-or-email-members = Type a name or email: members are suggested. Anyone else is invited by email.
if-this-person-is-not-a = If this person is not a member yet, they sign up with
an-email-address-of-their-own = an email address of their own choice
this-new-address-itself = this new address itself
note = Note:
a-user-who-does-not-link = a user who does not link their account to this address cannot change its password.
only-users-with-the-password-permission = Only users with the password permission, and the organisation's owners and admins, can.

## admin.rs
every-message-mailroom-sent-or-will = Every message Mailroom sent or will send, newest first. Without a mail server (--smtp-url), messages stay here: open their links yourself or pass them on. Password resets, sign-up confirmations and invitations carry a link for their recipient alone and are never shown.
no-message-yet = No message yet.
background-jobs = Background jobs
deliveries-and-imports-run-in-the = Deliveries and imports run in the background, survive restarts, and retry with growing waits.
none = None.
job = Job
attempts = Attempts
last-error = Last error
retry = Retry

## create_address/mod.rs
is-available = { $address } is available.

## create_address/steps.rs
create-an-email-address = Create an email address
step-1-of-3 = Step 1 of 3
the-address = · The address
address = Address
next = Next
step-2-of-3 = Step 2 of 3
who-is-it-for = Who is it for?
step-3-of-3 = Step 3 of 3
the-address-has-no-password-until = The address has no password until a user with the password permission sets one; until then it receives mail, but no one can log in to it.
mail-programs-log-in-with-it = Mail programs log in with it.
create-the-address = Create the address

## dashboard.rs
dns = DNS
create-several-addresses = Create several addresses
search-addresses = Search addresses
start-of-the-address-e-g = Start of the address, e.g. sales
searching = Searching…
recently-deleted = Recently deleted
restorable-until = Restorable until
restore = Restore
no-address-yet-create-the-first = No address yet. Create the first one with the button above.
you-have-no-address-in-this = You have no address in this service yet.
no-address-starts-with = No address starts with “{ $prefix }”.
storage = Storage
not-set = Not set
pages = Pages
previous = ← Previous
next-2 = Next →

## dns.rs
dns-records = DNS records
download-as-zone-file = Download as zone file
check-now = Check now
every-required-record-is-right = Every required record is right.
record = Record
name = Name
value-to-publish = Value to publish
optional = (optional)
copy = Copy
the-value-of = the value of { $name }
found = Found:
dkim-signing-keys = DKIM signing keys
no-key-yet-make-the-domain = No key yet. Make the domain's keys, publish their records above, then check: signing starts once they are seen.
waiting-to-be-seen-in-the = waiting to be seen in the DNS
signs-since = signs since { $date }
replaced-keep-it-published-until = replaced: keep it published until { $date }
rotate-the-keys = Rotate the keys
make-the-keys = Make the keys

## imports/views.rs
upload-a-csv-file-the-hosted = Upload a CSV file: the hosted manager's template (columns A local part, B password, C forwarding target, D
keep-a-copy-or = keep a copy or
do-not-or-named-columns-in = do not), or named columns in any order:
address-password-password-hash-forward-to = address, password, password_hash, forward_to, keep_copy, display_name, user, permissions, quota
a-size-such-as-500-mb = (a size such as 500 MB or 2 GB).
comma-semicolon-or-tab-utf-8 = Comma, semicolon or tab; UTF-8 or Windows-1252. You see every row's outcome before anything is created.
download-a-template = Download a template
csv-file-drop-it-here-or = CSV file (drop it here, or choose it)
upload-and-preview = Upload and preview
past-imports = Past imports
file = File
uploaded = Uploaded
failed = Failed
skipped = Skipped
and-skip-the-others = and skip the others
fix-the-file-and-upload-again = Fix the file and upload again
line = Line
outcome = Outcome
will-be-created-2 = Will be created
forwarding-2 = , forwarding
with-its-user = , with its user
pages-of-the-preview = Pages of the preview
previous-page = Previous page
next-page = Next page
rows-done = Rows done
finished = · finished
download-the-report-csv = Download the report (CSV)
result = Result

## login.rs
forgot-your-password = Forgot your password?

## members.rs
members = Members
member = Member
role = Role
you = (you)
role-of = Role of { $login }
change = Change
the-role-of = the role of { $login }
reset-two-factor = Reset two-factor
removing-a-member-removes-their-access = Removing a member removes their access to every address of the organisation. The last owner cannot be removed or demoted.
owners-and-admins-must-sign-in = Owners and admins must sign in with a second factor (they set it up at their next login)
who-must-sign-in-with-a-second-factor = Who must sign in with a second factor
second-factor-nobody = Nobody is required to (each person may still set it up)
second-factor-everyone = Every member, owners and admins included (they set it up at their next login; someone in several organisations follows the strictest)
save = Save

## quota.rs
full = Full
nearly-full = Nearly full
quota = Quota:
the-service-s-default = (the service's default).
no-quota-the-mailbox-may-grow = No quota: the mailbox may grow without limit.
in-use = In use:
quota-of-this-address = Quota of this address
e-g-2-gb = e.g. 2 GB
save-the-quota = Save the quota
empty-the-service-s-default-mail = Empty: the service's default. Mail to a full mailbox is refused.
default-quota = Default quota:
quota-of-addresses-without-their-own = Quota of addresses without their own

## reset.rs
back-to-the-login = Back to the login
enter-the-email-address-you-log = Enter the email address you log in with: we send a link to choose a new password.
send-the-link = Send the link
your-password-is-changed = Your password is changed
every-session-of-your-account-was = Every session of your account was logged out. Log in with the new password.
choose-a-new-password = Choose a new password
for = For

## services.rs
invitations-for-you = Invitations for you
invites-you-to-use = { $organisation } invites you to use { $address }
email-services = Email services
each-service-holds-the-addresses-of = Each service holds the addresses of one domain.
members-of = Members of { $organisation }
api-tokens = API tokens
no-email-service-yet = No email service yet.
domain = Domain
addresses = Addresses
added = Added
add-an-email-service = Add an email service
a-domain-your-organisation-owns-such = A domain your organisation owns, such as example.org. International names such as bücher.example work too.
add-the-service = Add the service
default-permissions = Default permissions
ticked-in-advance-when-an-address = Ticked in advance when an address is shared with someone
save-the-defaults = Save the defaults

## setup.rs
set-up-mailroom = Set up Mailroom
create-your-organisation-and-its-owner = Create your organisation and its owner account. You will manage your domains' email addresses with it.
you-will-log-in-with-it = You will log in with it.
create-the-owner-account = Create the owner account
the-password-needs = The password needs:

## tokens.rs
copy-the-token-now-it-is = Copy the token now: it is not shown again.
the-new-token = The new token
no-token-yet = No token yet.
scope = Scope
make-a-token = Make a token
expires-after-days = Expires after (days)
only-from-these-networks = Only from these networks
n-192-0-2-0-24-2001 = 192.0.2.0/24, 2001:db8::/32
make-the-token = Make the token

## two_factor.rs
your-code = Your code
enter-the-6-digit-code-your = Enter the 6-digit code your authenticator app shows, or one of your recovery codes.
lost-your-phone-use-a-recovery = Lost your phone? Use a recovery code, or ask an owner or admin of your organisation to reset your two-factor sign-in.
cancel-and-log-out = Cancel and log out
your-organisation-requires-two-factor-sign = Your organisation requires two-factor sign-in of its owners and admins: turn it on to continue.
on-every-login-asks-for-a = On: every login asks for a code from your authenticator app.
turn-it-off = Turn it off
turn-two-factor-sign-in-off = Turn two-factor sign-in off
off-with-it-a-stolen-password = Off. With it, a stolen password alone does not open your account.
turn-on-two-factor-sign-in = Turn on two-factor sign-in
scan-this-code-with-an-authenticator = Scan this code with an authenticator app (FreeOTP, Aegis, Google Authenticator, 1Password…).
enter-the-6-digit-code-it = Enter the 6-digit code it shows.
or-type-this-key = Or type this key:
turn-it-on = Turn it on
two-factor-sign-in-is-on = Two-factor sign-in is on
keep-these-recovery-codes-now = Keep these recovery codes now:
they-are-shown-only-once-each = they are shown only once. Each opens your account once if your phone is lost.
done-2 = Done

## session.rs
this-form-has-expired = This form has expired
the-form-was-sent-without-a = The form was sent without a valid security token, so nothing was changed. Go back, reload the page and try again.

## manual
domain-name = Domain name
current-password = Current password
new-password = New password
new-password-again = New password again
your-email-address-your-login = Your email address (your login)
password-again = Password again
code = Code
your-login-password = Your login password
a-code = A code
email-address = Email address
organisation-name = Organisation name
your-email-address = Your email address
password-of-the-address = Password of the address
device-name = Device name
stops-working-after-days = Stops working after (days)
forward-to = Forward to

## session.rs
form-expired = Form expired

## two_factor.rs
recovery-codes = Recovery codes

## reset.rs
password-changed = Password changed

## manual
dns-zone-comment = DNS records for { $domain } (Mailroom)
dns-of = DNS of { $domain }
dns-state-ok = present and right
dns-state-missing = missing
dns-state-wrong = present but different
dns-state-optional = optional, not published
error-quota-size = Give a size such as 500 MB or 2 GB, between 1 MB and 10 TB.
error-choose-role = Choose owner, admin or member.
error-choose-device = Choose a device.
error-choose-purpose = Choose who the address is for.
local-part-help = Letters a–z, digits, dots, hyphens and underscores; at most 64 characters.
password-changed-others-logged-out = Your password is changed. Every other session is logged out.
sign-up-link-sent = We sent a link to { $login }. Open it within 24 hours to create your account and use { $address }.
confirm-account-text = Create the account { $login } and use { $address } of { $organisation }.
use-address = Use { $address }
link-unknown-title = This link is not valid
link-unknown-text = Check that you copied the whole link, or ask for a new one.
link-expired-title = This link has expired
link-expired-text = Ask the person who sent it for a new one.
link-revoked-title = This link was withdrawn
link-revoked-text = The person who made it revoked it. Ask them for a new one if you still need access.
link-used-title = This invitation was already accepted
link-used-text = An invitation works once. Log in to use the address.
error-choose-scope = Choose read, addresses or admin.
error-token-days = Enter a number of days between 1 and 3650, or nothing.
token-name-help = What it is for, such as “HR provisioning”.
scope-read-help = Read services, addresses, members, imports, jobs and the outbox.
scope-addresses-help = Also create, change and delete addresses, their users, links and imports.
scope-admin-help = Everything an admin may do.
token-days-help = Empty: until revoked.
token-networks-help = Addresses or CIDR networks, comma-separated; empty: any.
never = never
token-revoked = revoked
token-active = active
token-expired = expired
error-not-a-network = “{ $value }” is not an address or network.
error-upload-too-large = The file is too large, or the upload was cut off.
error-upload-unreadable = The upload could not be read; try again.
error-upload-missing = Choose a CSV file to upload.
import-state-uploaded = previewed, not started
import-state-running = creating
import-state-done = finished
import-rows = { $count ->
        [one] 1 row
       *[other] { $count } rows
    }
import-will-be-created = { $count } will be created
import-cannot-be = { $count } cannot be
import-format = { $encoding }, separated by { $separator }
separator-tabs = tabs
separator-semicolons = semicolons
separator-commas = commas
import-create-valid = { $count ->
        [one] Create the valid address
       *[other] Create the { $count } valid addresses
    }
import-refused = Column { $column }: { $reason }
import-pager = Rows { $first }–{ $last } of { $rows } (page { $page } of { $pages })
import-done-of = { $done } of { $rows } rows done
import-counts = { $created } created, { $failed } failed, { $skipped } skipped
import-eta = about { $seconds } s left
row-created = created
row-failed = failed: { $reason }
row-skipped = skipped (column { $column }): { $reason }
profile-link-expired = This link has expired: make a new one from the address page.
reset-throttled = Too many requests. Wait { $seconds } seconds before asking again.
error-device-days = Enter a number of days from 1 to 3650, or nothing.
tab-general = General
tab-aliases = Aliases
tab-forwarding = Forwarding
tab-password = Password
tab-history = History
message-queued = queued
message-sent = sent { $at }
message-in-outbox = in the outbox (no mail server set)
message-withheld = not sent: no mail server is set, and it holds a private link (the server's log says so)
message-private-body = Its link is for its recipient alone, so it is not shown here.
message-retrying = retrying at { $at } ({ $error })
message-failed = failed: { $error }
kind-standard-help = Mailbox: sends and receives.
kind-no-reply-help = No-reply: sends, and the mail server refuses mail sent to it.
kind-catch-all-help = Catch-all: receives mail for every name of the domain that matches no other address; cannot send.
device-iphone = iPhone or iPad
device-mac = Mac Mail
device-other = Another program
login-throttled = { $seconds ->
        [one] Too many failed attempts. Wait 1 second before trying again.
       *[other] Too many failed attempts. Wait { $seconds } seconds before trying again.
    }
delete-address-title = Delete { $address }
delete-address-question = Delete { $address }?
delete-until = Until { $until } ({ $days ->
        [one] 1 day
       *[other] { $days } days
    })
address-count = { $count ->
        [one] 1 address
       *[other] { $count } addresses
    }
dns-to-fix = { $count } to fix
purpose-me = For me
purpose-me-help = You get access to it with every permission, and can read its mail right away.
purpose-other = For another user
purpose-other-help = A member of the organisation gets access at once; someone else is invited by email.
purpose-multiple = For multiple users
purpose-multiple-help = A shared address with a password; add its users afterwards from the address page.
purpose-no-reply = Generic: no-reply
purpose-no-reply-help = Sends but never receives: the mail server refuses mail sent to it. Usually named no-reply.
purpose-catch-all = Generic: catch-all
purpose-catch-all-help = Receives mail for every name of this domain that matches no other address. It cannot send. One per domain.
history-command-line = command line
dns-problems = DNS: { $count } to fix
dns-checked-at = Checked { $at } UTC.
dns-check-failed = The check failed: { $error }
dns-required-to-fix = { $count ->
        [one] 1 required record to fix.
       *[other] { $count } required records to fix.
    }
two-factor-of = of { $login }
until-date = until { $date }
from-ip = from { $ip }
alias-help = Another name of { $domain } that delivers here.
created-on = created { $date }
remove-from-address = Remove { $login } from this address
invitation-email-state = email: { $state }
resend-to = to { $email }
link-uses = { $count ->
        [one] 1 time
       *[other] { $count } times
    }
forwarding-to = to { $to }
message-to = To { $to }
attempts-of = { $attempts } of { $max }
language = Language
language-change = Change
strength-too-short = Too short
strength-weak = Weak
strength-fair = Fair
strength-good = Good
strength-strong = Strong
ui-table = Table
ui-scrolls-sideways = { $name } (scrolls sideways)
ui-copied = Copied
organisation-language = Default language
organisation-language-help = For people who chose none and whose browser asks for none of these, and for invitations unless the inviter picks another.
account-language = The language of Mailroom for you
language-auto = As my browser asks
invitation-pending = { $email } · invited { $invited }, valid until { $until }
forwarded-kept = Mail to { $address } is forwarded to { $to }, and a copy stays in its mailbox.
forwarded-not-kept = Mail to { $address } is forwarded to { $to } and not kept in its mailbox.
error-setup-organisation = Enter your organisation’s name.

## shared
error-who-not-an-email = Enter a member’s email address, or the email address of the person to invite.
invitation-language = Language of the invitation
error-bad-form-title = Bad request
error-bad-form = The form could not be read. Reload the page and try again.
error-internal-title = Something went wrong
error-internal = Something went wrong on our side and nothing was changed. The error was logged; try again in a moment.
error-not-found-title = Not found
error-not-found = This page does not exist, or you do not have access to it.
error-forbidden-title = Not allowed
error-suspended-title = Organisation suspended
error-forbidden = You do not have permission to do this.
error-refused-title = Cannot do this
error-disk-full-title = The disk is full
error-disk-full = The disk that holds Mailroom’s database is full, so nothing was changed. Everything already saved is still there; ask whoever runs this server to free some space, then try again.
error-already-set-up-title = Already set up
error-language = Choose English, French, German or Italian.
role-owner = owner
role-admin = admin
role-member = member
permission-password = password
permission-forwarding = forwarding
permission-aliases = aliases
permission-users = users
permission-history = history
permission-quota = quota
permission-password-help = May change the address password
permission-forwarding-help = May set where mail to this address is forwarded
permission-aliases-help = May add and remove other names that deliver here
permission-users-help = May invite and remove users and edit their permissions
permission-history-help = May read the address’s history of changes
permission-quota-help = May change how much mail the address may keep
permissions-none = none
scope-read = read
scope-addresses = addresses
scope-admin = admin
scope-operator = operator
token-acts-as = acts as { $login }
operator-api-tokens = API tokens of the operators
operator-tokens-intro = A provider’s own systems create, suspend, resume and delete organisations, set their limits and read their usage through /api/v1/operator, sending { $header }. A token acts as the operator who made it, and stops working when they stop being an operator.
kind-standard = Mailbox
kind-no-reply = No-reply
kind-catch-all = Catch-all
job-state-queued = queued
job-state-running = running
job-state-done = done
job-state-failed = failed
job-deliver-mail = deliver message { $message }
job-import-batch = create addresses of import { $import }
job-end-sessions = end the mail sessions of { $logins }
job-purge-mailbox = empty the mailbox of { $user }
breadcrumb = Breadcrumb
quota-none = none
row-unknown-column = Unknown column “{ $column }”
row-not-in-domain = { $address } is not in { $domain }
row-password-and-hash = Give a password or a password hash, not both
row-keep-copy = “{ $value }” is not 0 or 1
row-invalid-forwarding = Invalid forwarding target: { $reason }
row-forward-to-itself = An address cannot forward to itself
row-display-name-control = The display name cannot contain line breaks, tabs or other control characters
row-display-name-long = The display name is longer than 200 characters
row-duplicate = Duplicate of line { $line } in this file
row-exists = { $address } already exists
row-reserved = { $address } was deleted recently and is reserved
error-unknown-permission = Unknown permission “{ $name }”
import-stopped = Stopped: the person who started this import may no longer manage this service
dns-not-checked = Not checked yet: press “{ $button }”.
account-login-as = You log in as { $login }.
accept-logged-in-as = You are logged in as { $login }.
accept-log-in-first = Log in, then come back to accept
tokens-intro = Scripts send a token as { $header } to the API. A token acts with your rights, narrowed to its scope and to this organisation.
tokens-reference = The API reference
reset-sent = If an account logs in as { $email }, a link to choose a new password is on its way. It works once, within an hour.
devices-intro = Each mail program logs in as { $login } with a device password of its own. Revoke one, or lose access to the address, and that program is locked out at once.
aliases-intro = Mail sent to an alias arrives in { $address }. An alias can be used to send as well.
settings-username = Username: { $login }, with a device password (below) or the address’s password.
setup-which-device = Which device or program will read { $address }? A device password is made for it on the way.
setup-thunderbird-enter = Enter your name, { $login } and the password above, then Continue: Thunderbird finds the servers itself.
setup-outlook-enter = Enter { $login }, then the password above: Outlook finds the servers itself (Autodiscover).
setup-other-enter = Enter { $login } and the password above, choose manual setup, and the servers below.
usage-of = { $used } of { $limit }
domain-not-verified = This domain is not verified yet: the mail server takes in none of its mail until it is.
domain-verify-how = Publish this TXT record on { $domain } to show the domain is yours, then press “{ $button }” (Mailroom also checks by itself every few hours):
domain-not-verified-badge = Not verified: no mail yet
organisation-suspended-since = Suspended by the operator on { $date }: { $reason }. Its addresses still receive mail; signing in to them waits until the suspension ends.
operator-console = Operator
organisations = Organisations
search-organisations = Name or domain
search = Search
new-organisation = New organisation
first-owner = Login of its first owner
first-owner-help = A person with an account becomes its owner at once; anyone else is sent an invitation by email to become it.
owner-invitation-waits = An invitation to become its owner waits at { $email } (valid until { $date }).
add-an-owner = Add an owner
add-an-owner-help = A person with an account becomes an owner at once (a member keeps their membership, as an owner); anyone else is sent an invitation by email, replacing one that waits.
add-the-owner = Add the owner
owner-invited = { $email } (invited)
owner-invitation-lapsed = { $email } (invitation expired)
owner-invitation-expired = The invitation of { $email } to become its owner expired on { $date }: invite again below.
withdraw-the-invitation = Withdraw the invitation
become-owner-of = Become the owner of { $organisation }
owner-invitation-text = The operator of this installation invites { $email } to become the owner of { $organisation }: its domains, addresses and people.
owner-invitation-sign-in = An account signs in as { $email } already: sign in with it to accept.
owner-invitation-other-login = You are signed in as { $login }, but this invitation is for { $email }: sign out, then open the link again.
sign-in-to-accept = Sign in to accept
sign-out = Sign out
become-the-owner = Become the owner
create-account-and-become-owner = Create my account and become the owner
create-the-organisation = Create the organisation
no-organisation-found = No organisation found.
owners = Owners
domains = Domains
limits = Limits
limits-help = Empty: no limit. What the organisation already has stays; only making more is refused.
limit-used = { $used } used
used-of-limit = { $used } of { $max }
limit-services = Services (domains)
limit-addresses = Addresses
limit-members = Members
limit-import-rows = Rows of one import
limit-storage = Mailbox storage (quotas added up)
limit-storage-help = a size such as 500 GB or 2 TB
error-limit-size = Give a size such as 500 GB or 2 TB, or leave it empty for none.
save-the-limits = Save the limits
limits-of-new-organisations = Limits of new organisations
limits-of-new-organisations-help = What an organisation created from now on starts with; empty: no limit. Organisations made already keep theirs.
suspend-the-organisation = Suspend the organisation
resume-the-organisation = Resume the organisation
organisation-deleted-on = Deleted on { $date }: its people's memberships have ended and the mail server knows its domains no more. It can be restored until { $until }; then its addresses, their mail, its domains and its tokens are removed for good.
restore-the-organisation = Restore the organisation
delete-the-organisation = Delete the organisation
delete-organisation-consequences = At once, its people lose their membership, its domains stop receiving mail and its mail programs are disconnected. It can be restored until { $until }; then its addresses, every message in their mailboxes, its domains and its tokens are removed for good.
i-understand-that-this-organisation-and = I understand that this organisation, its addresses and their mail will be deleted.
suspension-reason = Reason
suspension-reason-help = Its people read it when they sign in. Its mail still arrives; mail logins wait.
error-limit-number = A limit is a whole number, or empty for none.
leave-organisation = Leave { $organisation }
organisation = Organisation
all-organisations = All organisations
history-of = History of { $organisation }
no-history-yet = Nothing has happened here yet.
older-events = Older events
the-operator = the installation’s operator
history-operator-create = Created the organisation
history-operator-suspend = Suspended the organisation: { $reason }
history-operator-resume = Lifted the suspension
history-operator-limits = Set the limits: { $limits }
history-operator-delete = Deleted the organisation
history-operator-restore = Restored the organisation
history-operator-add-owner = Made { $login } an owner
history-operator-invite-owner = Invited { $email } to become an owner
history-operator-withdraw-owner = Withdrew the invitation of { $email } to become an owner
tab-auto-reply = Out of office
permission-auto-reply = out-of-office reply
permission-auto-reply-help = May set the automatic reply sent while the address’s users are away
job-install-sieve = update the automatic reply of address { $address } on the mail server
auto-reply-on = Automatic replies are on.
auto-reply-off = No automatic reply is sent.
auto-reply-from = Automatic replies start on { $start } ({ $zone }).
auto-reply-from-until = Automatic replies are sent from { $start } until { $end } ({ $zone }).
auto-reply-until = Automatic replies are on until { $end } ({ $zone }).
auto-reply-ended = The automatic reply ended on { $end }.
auto-reply-needs-mail-server = Mailroom is not connected to the mail server’s doveadm API, so it cannot install a reply. Whoever runs this server can connect it (--doveadm-url).
auto-reply-send = Send an automatic reply
auto-reply-subject = Subject
auto-reply-subject-help = Optional: without one, “Auto:” followed by the subject of the message answered.
auto-reply-message = Message
auto-reply-message-help = Plain text, sent as written.
auto-reply-start = Starts
auto-reply-end = Ends
auto-reply-time-help = Optional; in the organisation’s time zone ({ $zone }).
auto-reply-days = Days before the same sender is answered again
auto-reply-days-help = From 1 to 60 days.
auto-reply-only-own-domains = Only answer senders in the organisation’s domains
auto-reply-save = Save the reply
auto-reply-preview = Preview
auto-reply-turn-off = Turn the reply off
auto-reply-preview-title = What senders receive
auto-reply-preview-from = From
auto-reply-default-subject = Auto: (the subject of their message)
organisation-time-zone = Time zone
organisation-time-zone-help = The dates of automatic replies are typed and shown in it, e.g. Europe/Zurich.
