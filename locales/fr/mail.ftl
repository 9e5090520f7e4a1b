## Les e-mails envoyés par Mailroom (src/mail/templates.rs).

mail-signature = Envoyé par Mailroom
mail-or-open = Ou ouvrez ce lien : { $link }
mail-invitation-subject = { $inviter } vous invite à utiliser { $address }
mail-invitation-body = { $inviter } ({ $organisation }) vous invite à utiliser l’adresse e-mail { $address } avec Mailroom.
mail-invitation-valid = L’invitation est valable jusqu’au { $expires }.
mail-invitation-action = Accepter l’invitation
mail-owner-invitation-subject = Vous êtes invité à gérer { $organisation } sur Mailroom
mail-owner-invitation-body = L’opérateur de cette installation Mailroom vous invite à devenir propriétaire de l’organisation { $organisation } : vous y ajouterez ses domaines, créerez ses adresses e-mail et inviterez ses membres.
mail-sign-up-subject = Confirmez votre compte Mailroom pour utiliser { $address }
mail-sign-up-body = Quelqu’un (vous, nous l’espérons) s’est inscrit avec { $login } pour utiliser l’adresse e-mail { $address }.
mail-sign-up-when = Votre compte est créé lorsque vous ouvrez ce lien, dans les 24 heures. Si ce n’était pas vous, ignorez ce message : rien ne se passera.
mail-sign-up-action = Confirmer et créer le compte
mail-reset-subject = Réinitialisez votre mot de passe Mailroom
mail-reset-body = Quelqu’un (vous, nous l’espérons) a demandé à réinitialiser le mot de passe de { $login }.
mail-reset-when = Le lien ne fonctionne qu’une fois, dans l’heure. Si ce n’était pas vous, ignorez ce message : votre mot de passe reste inchangé.
mail-reset-action = Choisir un nouveau mot de passe
mail-granted-subject = Vous pouvez désormais utiliser { $address }
mail-granted-body = { $granter } vous a donné accès à l’adresse e-mail { $address }.
mail-granted-action = Ouvrir l’adresse
mail-an-administrator = Un administrateur
