## Le e-mail inviate da Mailroom (src/mail/templates.rs).

mail-signature = Inviato da Mailroom
mail-or-open = Oppure apra questo link: { $link }
mail-invitation-subject = { $inviter } La invita a utilizzare { $address }
mail-invitation-body = { $inviter } ({ $organisation }) La invita a utilizzare l’indirizzo e-mail { $address } con Mailroom.
mail-invitation-valid = L’invito è valido fino al { $expires }.
mail-invitation-action = Accetta l’invito
mail-owner-invitation-subject = È invitato a gestire { $organisation } su Mailroom
mail-owner-invitation-body = L’operatore di questa installazione Mailroom La invita a diventare proprietario dell’organizzazione { $organisation }: aggiungerà i suoi domini, creerà i suoi indirizzi e-mail e inviterà i suoi membri.
mail-sign-up-subject = Confermi il Suo account Mailroom per utilizzare { $address }
mail-sign-up-body = Qualcuno (speriamo Lei) si è registrato con { $login } per utilizzare l’indirizzo e-mail { $address }.
mail-sign-up-when = Il Suo account viene creato quando apre questo link, entro 24 ore. Se non è stato Lei, ignori questo messaggio: non succederà nulla.
mail-sign-up-action = Conferma e crea l’account
mail-reset-subject = Reimposti la Sua password di Mailroom
mail-reset-body = Qualcuno (speriamo Lei) ha chiesto di reimpostare la password di { $login }.
mail-reset-when = Il link funziona una sola volta, entro un’ora. Se non è stato Lei, ignori questo messaggio: la Sua password resta invariata.
mail-reset-action = Scegli una nuova password
mail-granted-subject = Ora può utilizzare { $address }
mail-granted-body = { $granter } Le ha dato accesso all’indirizzo e-mail { $address }.
mail-granted-action = Apri l’indirizzo
mail-an-administrator = Un amministratore
