## Die E-Mails, die Mailroom versendet (src/mail/templates.rs).

mail-signature = Gesendet von Mailroom
mail-or-open = Oder öffnen Sie diesen Link: { $link }
mail-invitation-subject = { $inviter } lädt Sie ein, { $address } zu nutzen
mail-invitation-body = { $inviter } ({ $organisation }) lädt Sie ein, die E-Mail-Adresse { $address } mit Mailroom zu nutzen.
mail-invitation-valid = Die Einladung ist gültig bis { $expires }.
mail-invitation-action = Einladung annehmen
mail-owner-invitation-subject = Sie sind eingeladen, { $organisation } in Mailroom zu verwalten
mail-owner-invitation-body = Der Betreiber dieser Mailroom-Installation lädt Sie ein, Eigentümer der Organisation { $organisation } zu werden: Sie fügen ihre Domains hinzu, erstellen ihre E-Mail-Adressen und laden ihre Mitglieder ein.
mail-sign-up-subject = Bestätigen Sie Ihr Mailroom-Konto, um { $address } zu nutzen
mail-sign-up-body = Jemand (hoffentlich Sie) hat sich mit { $login } registriert, um die E-Mail-Adresse { $address } zu nutzen.
mail-sign-up-when = Ihr Konto wird erstellt, wenn Sie diesen Link innerhalb von 24 Stunden öffnen. Wenn Sie es nicht waren, ignorieren Sie diese Nachricht: Es geschieht nichts.
mail-sign-up-action = Bestätigen und Konto erstellen
mail-reset-subject = Setzen Sie Ihr Mailroom-Passwort zurück
mail-reset-body = Jemand (hoffentlich Sie) hat angefordert, das Passwort von { $login } zurückzusetzen.
mail-reset-when = Der Link funktioniert einmal, innerhalb einer Stunde. Wenn Sie es nicht waren, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.
mail-reset-action = Neues Passwort wählen
mail-granted-subject = Sie können jetzt { $address } nutzen
mail-granted-body = { $granter } hat Ihnen Zugriff auf die E-Mail-Adresse { $address } gegeben.
mail-granted-action = Adresse öffnen
mail-an-administrator = Ein Administrator
