## I messaggi della riga di comando (src/main.rs, src/cli/).

cli-created = { $address } creato ({ $kind }).
cli-created-no-password = { $address } creato ({ $kind }), senza password.
cli-password-set = password impostata
cli-no-password = nessuna password
cli-forwards-to = inoltra a { $to }
cli-import-totals = { $rows } righe, { $valid } verranno creati, { $refused } no ({ $encoding }, separatore { $separator })
cli-import-refused = riga { $line }, colonna { $column }: { $reason }
cli-dry-run = Prova: non è stato creato nulla.
cli-nothing-to-create = Niente da creare.
cli-import-done = Fatto: { $created } creati, { $failed } non riusciti, { $skipped } saltati.
cli-import-failed = riga { $line } ({ $address }): { $reason }
cli-no-service = { $domain } non ha un servizio e-mail qui.
cli-no-permissions = nessun permesso
cli-now-uses = { $login } ora utilizza { $address } ({ $permissions }).
cli-invited = { $email } è stato invitato a utilizzare { $address }.
cli-removed = { $login } non utilizza più { $address }.
cli-last-used = ultimo utilizzo il { $at } via { $protocol } da { $from }
cli-never-used = mai utilizzato
cli-expires = scade il { $date }
cli-no-expiry = nessuna scadenza
cli-device-revoked = Password del dispositivo { $id } di { $address } revocata.
cli-token-made = Token { $id } «{ $name }» ({ $scope }) creato per { $organisation }; viene mostrato solo ora:
cli-last-used-at = ultimo utilizzo il { $at }
cli-token-revoked = Token { $id } revocato.
cli-check-problem = problema: { $problem }
cli-check-ok = ok: ogni record è leggibile e ogni voce di indice punta a un record
cli-check-failed = { $count ->
        [one] { $count } problema trovato; non è stato modificato nulla.
       *[other] { $count } problemi trovati; non è stato modificato nulla.
    }
cli-backed-up = Salvato
cli-restored = Ripristinato
cli-backup-details = schema { $schema }, { $bytes } byte di database, sha256 { $sha256 }
cli-replaced-kept = Il database sostituito è conservato in { $path }
cli-dkim-not-checked = Record DKIM non verificati: { $error }
cli-role = --role è owner, admin o member.
cli-member-added = { $email } aggiunto a { $organisation } come { $role }.
cli-set-up = { $organisation } configurata con il proprietario { $owner }.
cli-service-verify = La sua posta viene rifiutata finché il dominio non è verificato: pubblichi il record TXT «{ $value }» su { $ascii }, poi usi «Verifica ora» nella scheda DNS (il server controlla anche ogni poche ore). Un operatore che garantisce per il dominio lo aggiunge con --skip-verification.
cli-service-added = Servizio e-mail aggiunto per { $domain } ({ $ascii }).
cli-wrote-logins = { $count ->
        [one] { $count } nome di accesso scritto in { $path }.
       *[other] { $count } nomi di accesso scritti in { $path }.
    }
cli-error = Errore: { $message }
cli-store-copied-table = { $table }: { $source } → { $target }
cli-store-copy-counts-differ = la copia non contiene tante righe quante la sua origine: non è completa; rimuovete la destinazione e copiate di nuovo
cli-store-copied = copiato: ogni tabella contiene ciò che conteneva la sua origine, e `mailroom check` trova la destinazione integra
cli-operator-added = { $email } è un operatore.
cli-operator-removed = { $email } non è più un operatore.
cli-organisation-added = { $name } creata, con { $owner } come proprietario.
cli-organisation-added-invited = { $name } creata; { $owner } non ha ancora un account e ha ricevuto un invito a diventarne proprietario.
cli-owner-added = { $email } è ora proprietario di { $name }.
cli-owner-invited = { $email } non ha ancora un account e ha ricevuto un invito a diventare proprietario di { $name }.
cli-operator-token-made = Token { $id } «{ $name }» creato, che agisce come l’operatore { $operator } su /api/v1/operator; viene mostrato solo ora:
cli-organisation-suspended = { $name } sospesa: i suoi membri non possono accedervi, i loro accessi alla posta attendono, la posta continua ad arrivare.
cli-organisation-resumed = { $name } non è più sospesa.
cli-organisation-delete-confirm = Eliminare { $name } termina subito le sue adesioni e la sua posta e, dopo il periodo di conservazione, rimuove definitivamente i suoi indirizzi e i loro messaggi: aggiungi --confirm per procedere.
cli-organisation-deleted = { $name } eliminata: le adesioni delle sue persone sono terminate e i suoi domini non ricevono più posta. Ripristinala con `mailroom organisation restore` prima che finisca il periodo di conservazione.
cli-organisation-restored = { $name } è ripristinata: le sue adesioni e i suoi domini sono tornati.
organisation-deleted = eliminata
organisation-active = attiva
organisation-suspended = sospesa
no-limit = nessun limite
cli-auto-reply-on = La risposta automatica di { $address } è attiva; il server di posta la avrà tra pochi istanti.
cli-auto-reply-off = La risposta automatica di { $address } è disattivata (il testo è conservato).
cli-auto-reply-none = { $address } non ha una risposta automatica.
cli-auto-reply-shown = { $address }: { $state }, dal { $start } al { $end } ({ $zone }), una volta ogni { $days } giorni per mittente
cli-auto-reply-state-on = attiva
cli-auto-reply-state-off = disattivata
cli-organisation-time-zone = { $name } ora inserisce e mostra le date delle sue risposte automatiche nel fuso { $zone }.
