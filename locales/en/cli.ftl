## The command line’s messages (src/main.rs, src/cli/).

cli-created = Created { $address } ({ $kind }).
cli-created-no-password = Created { $address } ({ $kind }), without a password.
cli-password-set = password set
cli-no-password = no password
cli-forwards-to = forwards to { $to }
cli-import-totals = { $rows } rows, { $valid } will be created, { $refused } cannot be ({ $encoding }, separated by { $separator })
cli-import-refused = line { $line }, column { $column }: { $reason }
cli-dry-run = Dry run: nothing was created.
cli-nothing-to-create = Nothing to create.
cli-import-done = Done: { $created } created, { $failed } failed, { $skipped } skipped.
cli-import-failed = line { $line } ({ $address }): { $reason }
cli-no-service = { $domain } has no email service here.
cli-no-permissions = no permissions
cli-now-uses = { $login } now uses { $address } ({ $permissions }).
cli-invited = Invited { $email } to use { $address }.
cli-removed = { $login } no longer uses { $address }.
cli-last-used = last used { $at } over { $protocol } from { $from }
cli-never-used = never used
cli-expires = expires { $date }
cli-no-expiry = no expiry
cli-device-revoked = Revoked device password { $id } of { $address }.
cli-token-made = Made token { $id } “{ $name }” ({ $scope }) for { $organisation }; it is shown only now:
cli-last-used-at = last used at { $at }
cli-token-revoked = Revoked token { $id }.
cli-check-problem = problem: { $problem }
cli-check-ok = ok: every record reads and every index entry points at a record
cli-check-failed = { $count ->
        [one] 1 problem found; nothing was changed.
       *[other] { $count } problems found; nothing was changed.
    }
cli-backed-up = Backed up
cli-restored = Restored
cli-backup-details = schema { $schema }, { $bytes } bytes of database, sha256 { $sha256 }
cli-replaced-kept = The database it replaced is kept at { $path }
cli-dkim-not-checked = DKIM records not checked: { $error }
cli-role = --role is one of owner, admin, member.
cli-member-added = Added { $email } to { $organisation } as { $role }.
cli-set-up = Set up { $organisation } with owner { $owner }.
cli-service-verify = Its mail is refused until the domain is verified: publish the TXT record “{ $value }” on { $ascii }, then use “Check now” on its DNS tab (the server also checks every few hours). An operator who vouches for the domain adds it with --skip-verification.
cli-service-added = Added the email service for { $domain } ({ $ascii }).
cli-wrote-logins = { $count ->
        [one] Wrote 1 login to { $path }.
       *[other] Wrote { $count } logins to { $path }.
    }
cli-error = Error: { $message }
cli-store-copied-table = { $table }: { $source } → { $target }
cli-store-copy-counts-differ = the copy does not hold as many rows as its source: it is not whole; remove the target and copy again
cli-store-copied = copied: every table holds what its source held, and `mailroom check` finds the target sound
cli-operator-added = { $email } is an operator.
cli-operator-removed = { $email } is no longer an operator.
cli-organisation-added = Created { $name } with owner { $owner }.
cli-organisation-added-invited = Created { $name }; { $owner } has no account yet and was sent an invitation to become its owner.
cli-owner-added = { $email } is an owner of { $name } now.
cli-owner-invited = { $email } has no account yet and was sent an invitation to become an owner of { $name }.
cli-operator-token-made = Made token { $id } “{ $name }” acting as the operator { $operator } on /api/v1/operator; it is shown only now:
cli-organisation-suspended = Suspended { $name }: its people cannot sign in to it, its mail logins wait, its mail still arrives.
cli-organisation-resumed = { $name } is no longer suspended.
cli-organisation-delete-confirm = Deleting { $name } ends its memberships and its mail at once and, after its retention, removes its addresses and their mail for good: add --confirm to go ahead.
cli-organisation-deleted = Deleted { $name }: its people's memberships ended and its domains no longer receive mail. Restore it with `mailroom organisation restore` until its retention ends.
cli-organisation-restored = { $name } is restored: its memberships and domains are back.
organisation-deleted = deleted
organisation-active = active
organisation-suspended = suspended
no-limit = no limit
cli-auto-reply-on = The automatic reply of { $address } is on; the mail server has it within moments.
cli-auto-reply-off = The automatic reply of { $address } is off (its text is kept).
cli-auto-reply-none = { $address } has no automatic reply.
cli-auto-reply-shown = { $address }: { $state }, from { $start } until { $end } ({ $zone }), once every { $days } days to a sender
cli-auto-reply-state-on = on
cli-auto-reply-state-off = off
cli-organisation-time-zone = { $name } now types and shows the dates of its automatic replies in { $zone }.
