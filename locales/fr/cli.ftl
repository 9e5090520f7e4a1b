## Les messages de la ligne de commande (src/main.rs, src/cli/).

cli-created = { $address } créée ({ $kind }).
cli-created-no-password = { $address } créée ({ $kind }), sans mot de passe.
cli-password-set = mot de passe défini
cli-no-password = pas de mot de passe
cli-forwards-to = redirige vers { $to }
cli-import-totals = { $rows } lignes, { $valid } seront créées, { $refused } ne peuvent pas l’être ({ $encoding }, séparateur { $separator })
cli-import-refused = ligne { $line }, colonne { $column } : { $reason }
cli-dry-run = Essai à blanc : rien n’a été créé.
cli-nothing-to-create = Rien à créer.
cli-import-done = Terminé : { $created } créées, { $failed } échouées, { $skipped } ignorées.
cli-import-failed = ligne { $line } ({ $address }) : { $reason }
cli-no-service = { $domain } n’a pas de service de messagerie ici.
cli-no-permissions = aucune permission
cli-now-uses = { $login } utilise désormais { $address } ({ $permissions }).
cli-invited = { $email } est invité à utiliser { $address }.
cli-removed = { $login } n’utilise plus { $address }.
cli-last-used = dernière utilisation le { $at } via { $protocol } depuis { $from }
cli-never-used = jamais utilisé
cli-expires = expire le { $date }
cli-no-expiry = sans expiration
cli-device-revoked = Mot de passe d’appareil { $id } de { $address } révoqué.
cli-token-made = Jeton { $id } « { $name } » ({ $scope }) créé pour { $organisation } ; il n’est affiché que maintenant :
cli-last-used-at = dernière utilisation le { $at }
cli-token-revoked = Jeton { $id } révoqué.
cli-check-problem = problème : { $problem }
cli-check-ok = ok : chaque enregistrement se lit et chaque entrée d’index pointe vers un enregistrement
cli-check-failed = { $count ->
        [one] { $count } problème trouvé ; rien n’a été modifié.
       *[other] { $count } problèmes trouvés ; rien n’a été modifié.
    }
cli-backed-up = Sauvegardé
cli-restored = Restauré
cli-backup-details = schéma { $schema }, { $bytes } octets de base de données, sha256 { $sha256 }
cli-replaced-kept = La base de données remplacée est conservée dans { $path }
cli-dkim-not-checked = Enregistrements DKIM non vérifiés : { $error }
cli-role = --role vaut owner, admin ou member.
cli-member-added = { $email } ajouté à { $organisation } comme { $role }.
cli-set-up = { $organisation } configurée avec le propriétaire { $owner }.
cli-service-verify = Son courrier est refusé tant que le domaine n’est pas vérifié : publiez l’enregistrement TXT « { $value } » sur { $ascii }, puis utilisez « Vérifier maintenant » dans son onglet DNS (le serveur vérifie aussi toutes les quelques heures). Un opérateur qui se porte garant du domaine l’ajoute avec --skip-verification.
cli-service-added = Service de messagerie ajouté pour { $domain } ({ $ascii }).
cli-wrote-logins = { $count ->
        [one] { $count } identifiant écrit dans { $path }.
       *[other] { $count } identifiants écrits dans { $path }.
    }
cli-error = Erreur : { $message }
cli-store-copied-table = { $table } : { $source } → { $target }
cli-store-copy-counts-differ = la copie ne contient pas autant de lignes que sa source : elle n’est pas complète ; supprimez la cible et recommencez la copie
cli-store-copied = copié : chaque table contient ce que contenait sa source, et `mailroom check` trouve la cible saine
cli-operator-added = { $email } est opérateur.
cli-operator-removed = { $email } n’est plus opérateur.
cli-organisation-added = { $name } créée, avec { $owner } pour propriétaire.
cli-organisation-added-invited = { $name } créée ; { $owner } n’a pas encore de compte et a reçu une invitation à en devenir propriétaire.
cli-owner-added = { $email } est désormais propriétaire de { $name }.
cli-owner-invited = { $email } n’a pas encore de compte et a reçu une invitation à devenir propriétaire de { $name }.
cli-operator-token-made = Jeton { $id } « { $name } » créé, agissant comme l’opérateur { $operator } sur /api/v1/operator ; il n’est affiché que maintenant :
cli-organisation-suspended = { $name } suspendue : ses membres ne peuvent plus s’y connecter, ses connexions de messagerie attendent, son courrier arrive toujours.
cli-organisation-resumed = { $name } n’est plus suspendue.
cli-organisation-delete-confirm = Supprimer { $name } met fin à ses adhésions et à sa messagerie immédiatement et, après sa rétention, supprime définitivement ses adresses et leurs messages : ajoutez --confirm pour continuer.
cli-organisation-deleted = { $name } supprimée : les adhésions de ses membres ont pris fin et ses domaines ne reçoivent plus de messages. Restaurez-la avec `mailroom organisation restore` avant la fin de sa rétention.
cli-organisation-restored = { $name } est restaurée : ses adhésions et ses domaines sont de retour.
organisation-deleted = supprimée
organisation-active = active
organisation-suspended = suspendue
no-limit = sans limite
cli-auto-reply-on = La réponse automatique de { $address } est activée ; le serveur de messagerie l’aura dans quelques instants.
cli-auto-reply-off = La réponse automatique de { $address } est désactivée (son texte est conservé).
cli-auto-reply-none = { $address } n’a pas de réponse automatique.
cli-auto-reply-shown = { $address } : { $state }, du { $start } au { $end } ({ $zone }), une fois tous les { $days } jours par expéditeur
cli-auto-reply-state-on = activée
cli-auto-reply-state-off = désactivée
cli-organisation-time-zone = { $name } saisit et affiche désormais les dates de ses réponses automatiques dans le fuseau { $zone }.
