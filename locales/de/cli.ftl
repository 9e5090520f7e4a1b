## Die Meldungen der Kommandozeile (src/main.rs, src/cli/).

cli-created = { $address } erstellt ({ $kind }).
cli-created-no-password = { $address } erstellt ({ $kind }), ohne Passwort.
cli-password-set = Passwort festgelegt
cli-no-password = kein Passwort
cli-forwards-to = leitet weiter an { $to }
cli-import-totals = { $rows } Zeilen, { $valid } werden erstellt, { $refused } nicht ({ $encoding }, Trennzeichen { $separator })
cli-import-refused = Zeile { $line }, Spalte { $column }: { $reason }
cli-dry-run = Probelauf: Es wurde nichts erstellt.
cli-nothing-to-create = Nichts zu erstellen.
cli-import-done = Fertig: { $created } erstellt, { $failed } fehlgeschlagen, { $skipped } übersprungen.
cli-import-failed = Zeile { $line } ({ $address }): { $reason }
cli-no-service = { $domain } hat hier keinen E-Mail-Dienst.
cli-no-permissions = keine Berechtigungen
cli-now-uses = { $login } nutzt jetzt { $address } ({ $permissions }).
cli-invited = { $email } wurde eingeladen, { $address } zu nutzen.
cli-removed = { $login } nutzt { $address } nicht mehr.
cli-last-used = zuletzt verwendet am { $at } über { $protocol } von { $from }
cli-never-used = nie verwendet
cli-expires = läuft ab am { $date }
cli-no-expiry = kein Ablauf
cli-device-revoked = Gerätepasswort { $id } von { $address } widerrufen.
cli-token-made = Token { $id } „{ $name }“ ({ $scope }) für { $organisation } erstellt; es wird nur jetzt angezeigt:
cli-last-used-at = zuletzt verwendet am { $at }
cli-token-revoked = Token { $id } widerrufen.
cli-check-problem = Problem: { $problem }
cli-check-ok = ok: Jeder Datensatz ist lesbar und jeder Indexeintrag verweist auf einen Datensatz
cli-check-failed = { $count ->
        [one] { $count } Problem gefunden; es wurde nichts geändert.
       *[other] { $count } Probleme gefunden; es wurde nichts geändert.
    }
cli-backed-up = Gesichert
cli-restored = Wiederhergestellt
cli-backup-details = Schema { $schema }, { $bytes } Bytes Datenbank, sha256 { $sha256 }
cli-replaced-kept = Die ersetzte Datenbank liegt unter { $path }
cli-dkim-not-checked = DKIM-Einträge nicht geprüft: { $error }
cli-role = --role ist owner, admin oder member.
cli-member-added = { $email } zu { $organisation } als { $role } hinzugefügt.
cli-set-up = { $organisation } mit Eigentümer { $owner } eingerichtet.
cli-service-verify = Seine Mails werden abgewiesen, bis die Domain bestätigt ist: Veröffentlichen Sie den TXT-Eintrag „{ $value }“ auf { $ascii } und nutzen Sie dann „Jetzt prüfen“ im DNS-Tab (der Server prüft auch alle paar Stunden). Ein Betreiber, der für die Domain bürgt, fügt sie mit --skip-verification hinzu.
cli-service-added = E-Mail-Dienst für { $domain } ({ $ascii }) hinzugefügt.
cli-wrote-logins = { $count ->
        [one] { $count } Login in { $path } geschrieben.
       *[other] { $count } Logins in { $path } geschrieben.
    }
cli-error = Fehler: { $message }
cli-store-copied-table = { $table }: { $source } → { $target }
cli-store-copy-counts-differ = Die Kopie enthält nicht so viele Zeilen wie ihre Quelle: Sie ist unvollständig; entfernen Sie das Ziel und kopieren Sie erneut
cli-store-copied = Kopiert: Jede Tabelle enthält, was ihre Quelle enthielt, und `mailroom check` findet das Ziel in Ordnung
cli-operator-added = { $email } ist Betreiber.
cli-operator-removed = { $email } ist kein Betreiber mehr.
cli-organisation-added = { $name } mit Inhaber { $owner } angelegt.
cli-organisation-added-invited = { $name } angelegt; { $owner } hat noch kein Konto und erhielt eine Einladung, Eigentümer zu werden.
cli-owner-added = { $email } ist jetzt Eigentümer von { $name }.
cli-owner-invited = { $email } hat noch kein Konto und erhielt eine Einladung, Eigentümer von { $name } zu werden.
cli-operator-token-made = Token { $id } „{ $name }“ erstellt, das als Betreiber { $operator } auf /api/v1/operator handelt; es wird nur jetzt angezeigt:
cli-organisation-suspended = { $name } gesperrt: Ihre Mitglieder können sich nicht mehr anmelden, ihre Mail-Anmeldungen warten, ihre Mails kommen weiter an.
cli-organisation-resumed = { $name } ist nicht mehr gesperrt.
cli-organisation-delete-confirm = Das Löschen von { $name } beendet ihre Mitgliedschaften und ihren Mailverkehr sofort und entfernt nach ihrer Aufbewahrungsfrist ihre Adressen und deren E-Mails endgültig: Fügen Sie --confirm hinzu, um fortzufahren.
cli-organisation-deleted = { $name } gelöscht: Die Mitgliedschaften ihrer Personen sind beendet, und ihre Domains empfangen keine E-Mails mehr. Stellen Sie sie mit `mailroom organisation restore` wieder her, solange ihre Aufbewahrungsfrist läuft.
cli-organisation-restored = { $name } ist wiederhergestellt: Ihre Mitgliedschaften und Domains sind zurück.
organisation-deleted = gelöscht
organisation-active = aktiv
organisation-suspended = gesperrt
no-limit = kein Limit
cli-auto-reply-on = Die automatische Antwort von { $address } ist eingeschaltet; der Mailserver hat sie in wenigen Augenblicken.
cli-auto-reply-off = Die automatische Antwort von { $address } ist ausgeschaltet (ihr Text bleibt erhalten).
cli-auto-reply-none = { $address } hat keine automatische Antwort.
cli-auto-reply-shown = { $address }: { $state }, vom { $start } bis { $end } ({ $zone }), einmal alle { $days } Tage pro Absender
cli-auto-reply-state-on = eingeschaltet
cli-auto-reply-state-off = ausgeschaltet
cli-organisation-time-zone = { $name } gibt die Daten seiner automatischen Antworten jetzt in der Zeitzone { $zone } ein und zeigt sie darin an.
