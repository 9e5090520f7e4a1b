## error.rs
busy = Occupé
too-many-passwords-are-being-checked = Trop de mots de passe sont vérifiés en ce moment. Rien n’a été modifié : réessayez dans un instant.
back-to-mailroom = Retour à Mailroom

## forms.rs
strength = Robustesse :
password-strength = Robustesse du mot de passe

## layout.rs
skip-to-content = Aller au contenu
main = Principal
services = Services
outbox = Boîte d’envoi
jobs = Tâches
log-out = Se déconnecter

## accept.rs
check-your-email = Consultez vos e-mails
until-then-no-account-exists-for = D’ici là, aucun compte n’existe pour cette adresse : personne ne peut s’y connecter.
confirm-your-account = Confirmez votre compte
create-my-account = Créer mon compte
invites-you-to-use-the-email = { $organisation } vous invite à utiliser l’adresse e-mail { $address }.
you-will-be-able-to-manage = Vous pourrez gérer : { $permissions }.
accept = Accepter
create-your-account = Créez votre compte
your-login = Votre identifiant
this-invitation-is-for-the-address = Cette invitation concerne l’adresse elle-même : vous vous connectez avec elle.
sign-up-and-accept = S’inscrire et accepter
already-have-an-account = Vous avez déjà un compte ?
log-in = Connectez-vous

## account.rs
your-account = Votre compte
two-factor-sign-in = Connexion en deux étapes
login-password = Mot de passe de connexion
change-the-password = Changer le mot de passe
where-you-are-logged-in = Où vous êtes connecté
since = Depuis
last-seen = Dernière activité
from = Depuis l’adresse
this-one = (celle-ci)
log-out-the-other-sessions = Déconnecter les autres sessions

## address/aliases.rs
no-alias-yet = Aucun alias pour l’instant.
remove = Retirer
new-alias = Nouvel alias
add = Ajouter

## address/delete.rs
delete = Supprimer
at-once = Immédiatement
it-stops-receiving-mail-and-nobody = Elle cesse de recevoir du courrier, et plus personne ne peut s’y connecter, ni avec son mot de passe ni avec un mot de passe d’appareil.
mail-programs-connected-now-are-disconnected = Les logiciels de messagerie connectés sont déconnectés.
mail-programs-connected-now-stay-connected = Les logiciels de messagerie connectés le restent jusqu’à leur fermeture.
an-admin-can-restore-it-with = Un administrateur peut la restaurer, avec ses utilisateurs, permissions, alias, redirection et courrier. Son nom ne peut pas être repris.
then = Ensuite
every-message-in-its-mailbox-is = Chaque message de sa boîte aux lettres est définitivement supprimé, et son nom redevient libre.
its-name-is-free-again-its = Son nom redevient libre ; sa boîte aux lettres reste sur le serveur de messagerie jusqu’à ce qu’elle y soit supprimée.
i-understand-that-this-address-and = Je comprends que cette adresse et son courrier seront supprimés
cancel = Annuler
delete-the-address = Supprimer l’adresse

## address/device_section.rs
mail-on-your-devices = Le courrier sur vos appareils
programs-already-connected-stay-connected-until = Les logiciels déjà connectés le restent jusqu’à leur fermeture : l’API doveadm du serveur de messagerie n’est pas configurée (--doveadm-url).
device-password-for = Mot de passe d’appareil pour { $name } :
copy-it-now-it-is-shown = copiez-le maintenant, il n’est affiché qu’une fois.
login = Identifiant
password = Mot de passe
no-device-password-yet = Aucun mot de passe d’appareil pour l’instant.
device = Appareil
user = Utilisateur
created = Créé
last-used = Dernière utilisation
expires = Expire
actions = Actions
revoke = Révoquer
set-up-a-mail-program = Configurer un logiciel de messagerie
make-a-device-password = Créer un mot de passe d’appareil
how-you-will-recognise-it-phone = Comment vous le reconnaîtrez : « Téléphone », « Thunderbird au bureau ».
leave-empty-for-a-password-that = Laissez vide pour un mot de passe valable jusqu’à sa révocation.
make-the-password = Créer le mot de passe

## address/forwarding.rs
mail-is-not-forwarded = Le courrier n’est pas redirigé.
a-full-email-address-here-or = Une adresse e-mail complète, ici ou ailleurs.
keep-a-copy-in-this-mailbox = Garder une copie dans cette boîte aux lettres
save-forwarding = Enregistrer la redirection
turn-forwarding-off = Désactiver la redirection

## address/general.rs
your-address-is-ready = Votre adresse est prête
how-do-you-want-to-read = Comment voulez-vous lire son courrier ?
open-the-webmail = Ouvrir le webmail
the-address-is-created = L’adresse est créée
the-person-you-chose-has-access = La personne choisie y a accès, ou a été invitée. L’adresse n’a pas de mot de passe tant qu’une personne disposant de la permission « mot de passe » n’en a pas défini : d’ici là, elle reçoit du courrier, mais personne ne peut s’y connecter.
kind = Type
set = Défini
not-set-the-address-receives-mail = Non défini : l’adresse reçoit du courrier, mais personne ne peut s’y connecter tant qu’une personne disposant de la permission « mot de passe » n’en a pas défini un.
aliases = Alias
forwarding = Redirection
keeping-a-copy = , en gardant une copie
without-keeping-a-copy = , sans garder de copie
users = Utilisateurs
no-one-has-access-to-this = Personne n’a encore accès à cette adresse.
permissions = Permissions
state = État
sees-the-address-only = voit l’adresse uniquement
active = Actif
invited = Invité
edit = Modifier
permissions-of = Permissions de { $login }
save-permissions = Enregistrer les permissions
pending-invitations = Invitations en attente
resend = Renvoyer
the-invitation-of = l’invitation de { $email }
mail-program-settings = Paramètres pour logiciel de messagerie
enter-these-in-thunderbird-apple-mail = Saisissez-les dans Thunderbird, Apple Mail, Outlook ou tout autre logiciel de messagerie.
server = Serveur
port = Port
security = Sécurité
incoming-imap = Entrant (IMAP)
ssl-tls = SSL/TLS
outgoing-smtp = Sortant (SMTP)
thunderbird-settings-file = Fichier de paramètres Thunderbird
apple-profile-iphone-ipad-mac = Profil Apple (iPhone, iPad, Mac)
outlook-finds-these-settings-by-itself = Outlook trouve ces paramètres tout seul grâce à Autodiscover.
sharing-links = Liens de partage
copy-this-link-now = Copiez ce lien maintenant :
it-is-shown-only-once-whoever = il n’est affiché qu’une fois. Quiconque l’ouvre, puis se connecte ou s’inscrit, peut utiliser cette adresse.
the-new-sharing-link = Le nouveau lien de partage
used = Utilisé
revoked = Révoqué
generate-a-sharing-link = Générer un lien de partage
permissions-of-those-who-use-the = Permissions des personnes qui utilisent le lien
valid-for-days = Valable pendant (jours)
generate = Générer

## address/history.rs
when-utc = Quand (UTC)
who = Qui
what = Quoi

## address/mod.rs
delete-2 = Supprimer…
address-sections = Sections de l’adresse

## address/password.rs
the-password-is-changed-mail-programs = Le mot de passe est changé. Les logiciels de messagerie connectés continuent de fonctionner jusqu’à leur prochaine connexion, puis demandent le nouveau mot de passe.

## address/setup.rs
device-or-program = Appareil ou logiciel
continue = Continuer
back-to-the-address = Retour à l’adresse
your-device-password-for = Votre mot de passe d’appareil pour { $name } :
it-is-shown-only-once = il n’est affiché qu’une fois.
one-tap = En un geste
the-profile-carries-the-servers-and = Le profil contient les serveurs et ce mot de passe.
scan-the-code-with-the-camera = Scannez le code avec l’appareil photo de l’iPhone ou de l’iPad, ouvrez le lien, puis
download-it-then = Téléchargez-le, puis
open-settings-profile-downloaded-install = ouvrez Réglages → Profil téléchargé → Installer.
download-the-profile = Télécharger le profil
valid-for-15-minutes = Valable 15 minutes.
in-thunderbird-new-existing-mail-account = Dans Thunderbird : ≡ → Nouveau → Compte courrier existant.
done = Terminé.
in-outlook-file-add-account = Dans Outlook : Fichier → Ajouter un compte.
in-your-mail-app-add-account = Dans votre application de messagerie : Ajouter un compte → Autre (IMAP).
enter-these-in-the-program-s = Saisissez-les dans les paramètres de compte du logiciel, avec le mot de passe ci-dessus.
settings = Paramètres

## address/share_form.rs
invite-a-user = Inviter un utilisateur
invite = Inviter
member-or-email-address = Membre ou adresse e-mail
type-a-name-or-email-members = Saisissez un nom ou une adresse : les membres sont proposés. Toute autre personne est invitée par e-mail.
if-this-person-is-not-a = Si cette personne n’est pas encore membre, elle s’inscrit avec
an-email-address-of-their-own = une adresse e-mail de son choix
this-new-address-itself = cette nouvelle adresse elle-même
note = Remarque :
a-user-who-does-not-link = un utilisateur qui ne relie pas son compte à cette adresse ne peut pas en changer le mot de passe.
only-users-with-the-password-permission = Seuls les utilisateurs disposant de la permission « mot de passe », ainsi que les propriétaires et administrateurs de l’organisation, le peuvent.

## admin.rs
every-message-mailroom-sent-or-will = Chaque message que Mailroom a envoyé ou enverra, du plus récent au plus ancien. Sans serveur de messagerie (--smtp-url), les messages restent ici : ouvrez vous-même leurs liens ou transmettez-les. Les réinitialisations de mot de passe, confirmations d’inscription et invitations portent un lien réservé à leur destinataire et ne sont jamais affichées.
no-message-yet = Aucun message pour l’instant.
background-jobs = Tâches en arrière-plan
deliveries-and-imports-run-in-the = Les envois et les importations s’exécutent en arrière-plan, survivent aux redémarrages et réessaient à intervalles croissants.
none = Aucune.
job = Tâche
attempts = Tentatives
last-error = Dernière erreur
retry = Réessayer

## create_address/mod.rs
is-available = { $address } est disponible.

## create_address/steps.rs
create-an-email-address = Créer une adresse e-mail
step-1-of-3 = Étape 1 sur 3
the-address = · L’adresse
address = Adresse
next = Suivant
step-2-of-3 = Étape 2 sur 3
who-is-it-for = Pour qui est-elle ?
step-3-of-3 = Étape 3 sur 3
the-address-has-no-password-until = L’adresse n’a pas de mot de passe tant qu’un utilisateur disposant de la permission « mot de passe » n’en a pas défini un ; d’ici là, elle reçoit du courrier, mais personne ne peut s’y connecter.
mail-programs-log-in-with-it = Les logiciels de messagerie se connectent avec lui.
create-the-address = Créer l’adresse

## dashboard.rs
dns = DNS
create-several-addresses = Créer plusieurs adresses
search-addresses = Rechercher des adresses
start-of-the-address-e-g = Début de l’adresse, p. ex. ventes
searching = Recherche…
recently-deleted = Supprimées récemment
restorable-until = Restaurable jusqu’au
restore = Restaurer
no-address-yet-create-the-first = Aucune adresse pour l’instant. Créez la première avec le bouton ci-dessus.
you-have-no-address-in-this = Vous n’avez encore aucune adresse dans ce service.
no-address-starts-with = Aucune adresse ne commence par « { $prefix } ».
storage = Espace
not-set = Non défini
pages = Pages
previous = ← Précédent
next-2 = Suivant →

## dns.rs
dns-records = Enregistrements DNS
download-as-zone-file = Télécharger en fichier de zone
check-now = Vérifier maintenant
every-required-record-is-right = Chaque enregistrement requis est correct.
record = Enregistrement
name = Nom
value-to-publish = Valeur à publier
optional = (facultatif)
copy = Copier
the-value-of = la valeur de { $name }
found = Trouvé :
dkim-signing-keys = Clés de signature DKIM
no-key-yet-make-the-domain = Aucune clé pour l’instant. Créez les clés du domaine, publiez leurs enregistrements ci-dessus, puis vérifiez : la signature commence dès qu’ils sont visibles.
waiting-to-be-seen-in-the = en attente d’apparaître dans le DNS
signs-since = signe depuis le { $date }
replaced-keep-it-published-until = remplacée : gardez-la publiée jusqu’au { $date }
rotate-the-keys = Renouveler les clés
make-the-keys = Créer les clés

## imports/views.rs
upload-a-csv-file-the-hosted = Téléversez un fichier CSV : le modèle du gestionnaire hébergé (colonnes A partie locale, B mot de passe, C cible de redirection, D
keep-a-copy-or = garder une copie ou
do-not-or-named-columns-in = non), ou des colonnes nommées, dans n’importe quel ordre :
address-password-password-hash-forward-to = address, password, password_hash, forward_to, keep_copy, display_name, user, permissions, quota
a-size-such-as-500-mb = (une taille telle que 500 MB ou 2 GB).
comma-semicolon-or-tab-utf-8 = Virgule, point-virgule ou tabulation ; UTF-8 ou Windows-1252. Vous voyez le résultat de chaque ligne avant que quoi que ce soit ne soit créé.
download-a-template = Télécharger un modèle
csv-file-drop-it-here-or = Fichier CSV (déposez-le ici ou choisissez-le)
upload-and-preview = Téléverser et prévisualiser
past-imports = Importations précédentes
file = Fichier
uploaded = Téléversé
failed = Échouées
skipped = Ignorées
and-skip-the-others = et ignorer les autres
fix-the-file-and-upload-again = Corrigez le fichier et téléversez-le à nouveau
line = Ligne
outcome = Résultat
will-be-created-2 = Sera créée
forwarding-2 = , avec redirection
with-its-user = , avec son utilisateur
pages-of-the-preview = Pages de l’aperçu
previous-page = Page précédente
next-page = Page suivante
rows-done = Lignes traitées
finished = · terminé
download-the-report-csv = Télécharger le rapport (CSV)
result = Résultat

## login.rs
forgot-your-password = Mot de passe oublié ?

## members.rs
members = Membres
member = Membre
role = Rôle
you = (vous)
role-of = Rôle de { $login }
change = Changer
the-role-of = le rôle de { $login }
reset-two-factor = Réinitialiser la double authentification
removing-a-member-removes-their-access = Retirer un membre lui retire l’accès à toutes les adresses de l’organisation. Le dernier propriétaire ne peut être ni retiré ni rétrogradé.
owners-and-admins-must-sign-in = Les propriétaires et administrateurs doivent se connecter avec un second facteur (ils le configurent à leur prochaine connexion)
who-must-sign-in-with-a-second-factor = Qui doit se connecter avec un second facteur
second-factor-nobody = Personne n’y est tenu (chacun peut tout de même l’activer)
second-factor-everyone = Tous les membres, propriétaires et administrateurs compris (ils le configurent à leur prochaine connexion ; une personne membre de plusieurs organisations suit la plus stricte)
save = Enregistrer

## quota.rs
full = Pleine
nearly-full = Presque pleine
quota = Quota :
the-service-s-default = (la valeur par défaut du service).
no-quota-the-mailbox-may-grow = Pas de quota : la boîte aux lettres peut grandir sans limite.
in-use = Utilisé :
quota-of-this-address = Quota de cette adresse
e-g-2-gb = p. ex. 2 GB
save-the-quota = Enregistrer le quota
empty-the-service-s-default-mail = Vide : la valeur par défaut du service. Le courrier destiné à une boîte pleine est refusé.
default-quota = Quota par défaut :
quota-of-addresses-without-their-own = Quota des adresses sans quota propre

## reset.rs
back-to-the-login = Retour à la connexion
enter-the-email-address-you-log = Saisissez l’adresse e-mail avec laquelle vous vous connectez : nous envoyons un lien pour choisir un nouveau mot de passe.
send-the-link = Envoyer le lien
your-password-is-changed = Votre mot de passe est changé
every-session-of-your-account-was = Toutes les sessions de votre compte ont été fermées. Connectez-vous avec le nouveau mot de passe.
choose-a-new-password = Choisissez un nouveau mot de passe
for = Pour

## services.rs
invitations-for-you = Invitations pour vous
invites-you-to-use = { $organisation } vous invite à utiliser { $address }
email-services = Services de messagerie
each-service-holds-the-addresses-of = Chaque service regroupe les adresses d’un domaine.
members-of = Membres de { $organisation }
api-tokens = Jetons d’API
no-email-service-yet = Aucun service de messagerie pour l’instant.
domain = Domaine
addresses = Adresses
added = Ajouté
add-an-email-service = Ajouter un service de messagerie
a-domain-your-organisation-owns-such = Un domaine que votre organisation possède, tel que example.org. Les noms internationaux comme bücher.example fonctionnent aussi.
add-the-service = Ajouter le service
default-permissions = Permissions par défaut
ticked-in-advance-when-an-address = Cochées d’avance lorsqu’une adresse est partagée avec quelqu’un
save-the-defaults = Enregistrer les valeurs par défaut

## setup.rs
set-up-mailroom = Configurer Mailroom
create-your-organisation-and-its-owner = Créez votre organisation et le compte de son propriétaire. Vous gérerez avec lui les adresses e-mail de vos domaines.
you-will-log-in-with-it = Vous vous connecterez avec elle.
create-the-owner-account = Créer le compte propriétaire
the-password-needs = Le mot de passe doit :

## tokens.rs
copy-the-token-now-it-is = Copiez le jeton maintenant : il ne sera plus affiché.
the-new-token = Le nouveau jeton
no-token-yet = Aucun jeton pour l’instant.
scope = Portée
make-a-token = Créer un jeton
expires-after-days = Expire après (jours)
only-from-these-networks = Uniquement depuis ces réseaux
n-192-0-2-0-24-2001 = 192.0.2.0/24, 2001:db8::/32
make-the-token = Créer le jeton

## two_factor.rs
your-code = Votre code
enter-the-6-digit-code-your = Saisissez le code à 6 chiffres affiché par votre application d’authentification, ou l’un de vos codes de secours.
lost-your-phone-use-a-recovery = Téléphone perdu ? Utilisez un code de secours, ou demandez à un propriétaire ou administrateur de votre organisation de réinitialiser votre double authentification.
cancel-and-log-out = Annuler et se déconnecter
your-organisation-requires-two-factor-sign = Votre organisation exige la connexion en deux étapes pour ses propriétaires et administrateurs : activez-la pour continuer.
on-every-login-asks-for-a = Activée : chaque connexion demande un code de votre application d’authentification.
turn-it-off = La désactiver
turn-two-factor-sign-in-off = Désactiver la connexion en deux étapes
off-with-it-a-stolen-password = Désactivée. Avec elle, un mot de passe volé ne suffit pas à ouvrir votre compte.
turn-on-two-factor-sign-in = Activer la connexion en deux étapes
scan-this-code-with-an-authenticator = Scannez ce code avec une application d’authentification (FreeOTP, Aegis, Google Authenticator, 1Password…).
enter-the-6-digit-code-it = Saisissez le code à 6 chiffres qu’elle affiche.
or-type-this-key = Ou saisissez cette clé :
turn-it-on = L’activer
two-factor-sign-in-is-on = La connexion en deux étapes est activée
keep-these-recovery-codes-now = Conservez ces codes de secours maintenant :
they-are-shown-only-once-each = ils ne sont affichés qu’une fois. Chacun ouvre votre compte une fois si votre téléphone est perdu.
done-2 = Terminé

## session.rs
this-form-has-expired = Ce formulaire a expiré
the-form-was-sent-without-a = Le formulaire a été envoyé sans jeton de sécurité valide, donc rien n’a été modifié. Revenez en arrière, rechargez la page et réessayez.

## fields
domain-name = Nom de domaine
current-password = Mot de passe actuel
new-password = Nouveau mot de passe
new-password-again = Nouveau mot de passe (confirmation)
your-email-address-your-login = Votre adresse e-mail (votre identifiant)
password-again = Mot de passe (confirmation)
code = Code
your-login-password = Votre mot de passe de connexion
a-code = Un code
email-address = Adresse e-mail
organisation-name = Nom de l’organisation
your-email-address = Votre adresse e-mail
password-of-the-address = Mot de passe de l’adresse
device-name = Nom de l’appareil
stops-working-after-days = Cesse de fonctionner après (jours)
forward-to = Rediriger vers
form-expired = Formulaire expiré
recovery-codes = Codes de secours
password-changed = Mot de passe changé

## messages with arguments
dns-zone-comment = Enregistrements DNS pour { $domain } (Mailroom)
dns-of = DNS de { $domain }
dns-state-ok = présent et correct
dns-state-missing = absent
dns-state-wrong = présent mais différent
dns-state-optional = facultatif, non publié
error-quota-size = Indiquez une taille telle que 500 MB ou 2 GB, entre 1 MB et 10 TB.
error-choose-role = Choisissez propriétaire, administrateur ou membre.
error-choose-device = Choisissez un appareil.
error-choose-purpose = Choisissez à qui l’adresse est destinée.
local-part-help = Lettres a–z, chiffres, points, traits d’union et tirets bas ; 64 caractères au plus.
password-changed-others-logged-out = Votre mot de passe est changé. Toutes les autres sessions sont déconnectées.
sign-up-link-sent = Nous avons envoyé un lien à { $login }. Ouvrez-le dans les 24 heures pour créer votre compte et utiliser { $address }.
confirm-account-text = Créer le compte { $login } et utiliser { $address } de { $organisation }.
use-address = Utiliser { $address }
link-unknown-title = Ce lien n’est pas valide
link-unknown-text = Vérifiez que vous avez copié le lien en entier, ou demandez-en un nouveau.
link-expired-title = Ce lien a expiré
link-expired-text = Demandez-en un nouveau à la personne qui vous l’a envoyé.
link-revoked-title = Ce lien a été retiré
link-revoked-text = La personne qui l’a créé l’a révoqué. Demandez-lui-en un nouveau si vous avez encore besoin d’accès.
link-used-title = Cette invitation a déjà été acceptée
link-used-text = Une invitation ne sert qu’une fois. Connectez-vous pour utiliser l’adresse.
error-choose-scope = Choisissez lecture, adresses ou administration.
error-token-days = Indiquez un nombre de jours entre 1 et 3650, ou rien.
token-name-help = À quoi il sert, par exemple « Provisionnement RH ».
scope-read-help = Lire les services, adresses, membres, importations, tâches et la boîte d’envoi.
scope-addresses-help = Aussi créer, modifier et supprimer des adresses, leurs utilisateurs, liens et importations.
scope-admin-help = Tout ce qu’un administrateur peut faire.
token-days-help = Vide : jusqu’à sa révocation.
token-networks-help = Adresses ou réseaux CIDR, séparés par des virgules ; vide : tous.
never = jamais
token-revoked = révoqué
token-active = actif
token-expired = expiré
error-not-a-network = « { $value } » n’est ni une adresse ni un réseau.
error-upload-too-large = Le fichier est trop volumineux, ou le téléversement a été interrompu.
error-upload-unreadable = Le téléversement n’a pas pu être lu ; réessayez.
error-upload-missing = Choisissez un fichier CSV à téléverser.
import-state-uploaded = prévisualisée, non démarrée
import-state-running = création en cours
import-state-done = terminée
import-rows = { $count ->
        [one] { $count } ligne
       *[other] { $count } lignes
    }
import-will-be-created = { $count ->
        [one] { $count } sera créée
       *[other] { $count } seront créées
    }
import-cannot-be = { $count ->
        [one] { $count } ne peut pas l’être
       *[other] { $count } ne peuvent pas l’être
    }
import-format = { $encoding }, séparé par des { $separator }
separator-tabs = tabulations
separator-semicolons = points-virgules
separator-commas = virgules
import-create-valid = { $count ->
        [one] Créer l’adresse valide
       *[other] Créer les { $count } adresses valides
    }
import-refused = Colonne { $column } : { $reason }
import-pager = Lignes { $first }–{ $last } sur { $rows } (page { $page } sur { $pages })
import-done-of = { $done } lignes traitées sur { $rows }
import-counts = { $created } créées, { $failed } échouées, { $skipped } ignorées
import-eta = environ { $seconds } s restantes
row-created = créée
row-failed = échec : { $reason }
row-skipped = ignorée (colonne { $column }) : { $reason }
profile-link-expired = Ce lien a expiré : créez-en un nouveau depuis la page de l’adresse.
reset-throttled = Trop de demandes. Attendez { $seconds } secondes avant de redemander.
error-device-days = Indiquez un nombre de jours de 1 à 3650, ou rien.
tab-general = Général
tab-aliases = Alias
tab-forwarding = Redirection
tab-password = Mot de passe
tab-history = Historique
message-queued = en file d’attente
message-sent = envoyé le { $at }
message-in-outbox = dans la boîte d’envoi (aucun serveur de messagerie défini)
message-withheld = non envoyé : aucun serveur de messagerie n’est défini et il contient un lien privé (le journal du serveur le signale)
message-private-body = Son lien est destiné à son seul destinataire : il n’est pas affiché ici.
message-retrying = nouvel essai le { $at } ({ $error })
message-failed = échec : { $error }
kind-standard-help = Boîte aux lettres : envoie et reçoit.
kind-no-reply-help = No-reply : envoie, et le serveur de messagerie refuse le courrier qui lui est adressé.
kind-catch-all-help = Catch-all : reçoit le courrier de tous les noms du domaine qui ne correspondent à aucune autre adresse ; ne peut pas envoyer.
device-iphone = iPhone ou iPad
device-mac = Mail sur Mac
device-other = Un autre logiciel
login-throttled = { $seconds ->
        [one] Trop de tentatives échouées. Attendez 1 seconde avant de réessayer.
       *[other] Trop de tentatives échouées. Attendez { $seconds } secondes avant de réessayer.
    }
delete-address-title = Supprimer { $address }
delete-address-question = Supprimer { $address } ?
delete-until = Jusqu’au { $until } ({ $days ->
        [one] { $days } jour
       *[other] { $days } jours
    })
address-count = { $count ->
        [one] { $count } adresse
       *[other] { $count } adresses
    }
dns-to-fix = { $count } à corriger
purpose-me = Pour moi
purpose-me-help = Vous y avez accès avec toutes les permissions, et pouvez lire son courrier tout de suite.
purpose-other = Pour un autre utilisateur
purpose-other-help = Un membre de l’organisation y a accès immédiatement ; toute autre personne est invitée par e-mail.
purpose-multiple = Pour plusieurs utilisateurs
purpose-multiple-help = Une adresse partagée avec un mot de passe ; ajoutez ses utilisateurs ensuite depuis la page de l’adresse.
purpose-no-reply = Générique : no-reply
purpose-no-reply-help = Envoie mais ne reçoit jamais : le serveur de messagerie refuse le courrier qui lui est adressé. Généralement nommée no-reply.
purpose-catch-all = Générique : catch-all
purpose-catch-all-help = Reçoit le courrier de tous les noms de ce domaine qui ne correspondent à aucune autre adresse. Ne peut pas envoyer. Une par domaine.
history-command-line = ligne de commande
dns-problems = DNS : { $count } à corriger
dns-checked-at = Vérifié le { $at } UTC.
dns-check-failed = La vérification a échoué : { $error }
dns-required-to-fix = { $count ->
        [one] { $count } enregistrement requis à corriger.
       *[other] { $count } enregistrements requis à corriger.
    }
two-factor-of = de { $login }
until-date = jusqu’au { $date }
from-ip = depuis { $ip }
alias-help = Un autre nom de { $domain } qui livre ici.
created-on = créée le { $date }
remove-from-address = Retirer { $login } de cette adresse
invitation-email-state = e-mail : { $state }
resend-to = à { $email }
link-uses = { $count ->
        [one] { $count } fois
       *[other] { $count } fois
    }
forwarding-to = vers { $to }
message-to = À { $to }
attempts-of = { $attempts } sur { $max }
language = Langue
language-change = Changer
strength-too-short = Trop court
strength-weak = Faible
strength-fair = Moyen
strength-good = Bon
strength-strong = Excellent
ui-table = Tableau
ui-scrolls-sideways = { $name } (défile horizontalement)
ui-copied = Copié
organisation-language = Langue par défaut
organisation-language-help = Pour les personnes qui n’en ont choisi aucune et dont le navigateur n’en demande aucune de celles-ci, et pour les invitations, sauf si la personne qui invite en choisit une autre.
account-language = La langue de Mailroom pour vous
language-auto = Selon mon navigateur
invitation-pending = { $email } · invité le { $invited }, valable jusqu’au { $until }
forwarded-kept = Le courrier adressé à { $address } est redirigé vers { $to }, et une copie reste dans sa boîte aux lettres.
forwarded-not-kept = Le courrier adressé à { $address } est redirigé vers { $to } sans être conservé dans sa boîte aux lettres.
error-setup-organisation = Indiquez le nom de votre organisation.
error-who-not-an-email = Indiquez l’adresse e-mail d’un membre, ou celle de la personne à inviter.
invitation-language = Langue de l’invitation
error-bad-form-title = Requête incorrecte
error-bad-form = Le formulaire n’a pas pu être lu. Rechargez la page et réessayez.
error-internal-title = Une erreur s’est produite
error-internal = Une erreur s’est produite de notre côté et rien n’a été modifié. L’erreur a été consignée ; réessayez dans un instant.
error-not-found-title = Introuvable
error-not-found = Cette page n’existe pas, ou vous n’y avez pas accès.
error-forbidden-title = Non autorisé
error-suspended-title = Organisation suspendue
error-forbidden = Vous n’avez pas la permission de faire ceci.
error-refused-title = Impossible
error-disk-full-title = Le disque est plein
error-disk-full = Le disque qui contient la base de données de Mailroom est plein, donc rien n’a été modifié. Tout ce qui était déjà enregistré est toujours là ; demandez à la personne qui gère ce serveur de libérer de l’espace, puis réessayez.
error-already-set-up-title = Déjà configuré
error-language = Choisissez l’anglais, le français, l’allemand ou l’italien.

## names.rs
role-owner = propriétaire
role-admin = administrateur
role-member = membre
permission-password = mot de passe
permission-forwarding = redirection
permission-aliases = alias
permission-users = utilisateurs
permission-history = historique
permission-quota = quota
permission-password-help = Peut changer le mot de passe de l’adresse
permission-forwarding-help = Peut définir vers où le courrier de cette adresse est redirigé
permission-aliases-help = Peut ajouter et retirer d’autres noms qui livrent ici
permission-users-help = Peut inviter et retirer des utilisateurs et modifier leurs permissions
permission-history-help = Peut consulter l’historique des modifications de l’adresse
permission-quota-help = Peut changer la quantité de courrier que l’adresse peut conserver
permissions-none = aucune
scope-read = lecture
scope-addresses = adresses
scope-admin = administration
scope-operator = opérateur
token-acts-as = agit en tant que { $login }
operator-api-tokens = Jetons d’API des opérateurs
operator-tokens-intro = Les systèmes d’un hébergeur créent, suspendent, réactivent et suppriment des organisations, fixent leurs limites et lisent leur consommation par /api/v1/operator, en envoyant { $header }. Un jeton agit comme l’opérateur qui l’a créé et cesse de fonctionner quand celui-ci n’est plus opérateur.
kind-standard = Boîte aux lettres
kind-no-reply = No-reply
kind-catch-all = Catch-all
job-state-queued = en attente
job-state-running = en cours
job-state-done = terminées
job-state-failed = échouées
job-deliver-mail = envoyer le message { $message }
job-import-batch = créer les adresses de l’importation { $import }
job-end-sessions = fermer les sessions de messagerie de { $logins }
job-purge-mailbox = vider la boîte aux lettres de { $user }
breadcrumb = Fil d’Ariane
quota-none = aucun

## bulk/row.rs, import_check.rs, import_batch.rs
row-unknown-column = Colonne inconnue « { $column } »
row-not-in-domain = { $address } n’appartient pas à { $domain }
row-password-and-hash = Indiquez un mot de passe ou un hachage de mot de passe, pas les deux
row-keep-copy = « { $value } » ne vaut ni 0 ni 1
row-invalid-forwarding = Cible de redirection non valide : { $reason }
row-forward-to-itself = Une adresse ne peut pas se rediriger vers elle-même
row-display-name-control = Le nom affiché ne peut pas contenir de sauts de ligne, de tabulations ni d’autres caractères de contrôle
row-display-name-long = Le nom affiché dépasse 200 caractères
row-duplicate = Doublon de la ligne { $line } de ce fichier
row-exists = { $address } existe déjà
row-reserved = { $address } a été supprimée récemment et reste réservée
error-unknown-permission = Permission inconnue « { $name } »
import-stopped = Arrêtée : la personne qui a lancé cette importation ne peut plus gérer ce service

dns-not-checked = Pas encore vérifié : cliquez sur « { $button } ».
account-login-as = Vous vous connectez en tant que { $login }.
accept-logged-in-as = Vous êtes connecté en tant que { $login }.
accept-log-in-first = Connectez-vous, puis revenez accepter
tokens-intro = Les scripts envoient un jeton sous la forme { $header } à l’API. Un jeton agit avec vos droits, restreints à sa portée et à cette organisation.
tokens-reference = La référence de l’API
reset-sent = Si un compte se connecte en tant que { $email }, un lien pour choisir un nouveau mot de passe est en route. Il fonctionne une fois, dans l’heure.
devices-intro = Chaque logiciel de messagerie se connecte en tant que { $login } avec son propre mot de passe d’appareil. Révoquez-en un, ou perdez l’accès à l’adresse, et ce logiciel est aussitôt bloqué.
aliases-intro = Le courrier envoyé à un alias arrive dans { $address }. Un alias peut aussi servir à envoyer.
settings-username = Nom d’utilisateur : { $login }, avec un mot de passe d’appareil (ci-dessous) ou le mot de passe de l’adresse.
setup-which-device = Quel appareil ou logiciel lira { $address } ? Un mot de passe d’appareil est créé pour lui au passage.
setup-thunderbird-enter = Saisissez votre nom, { $login } et le mot de passe ci-dessus, puis Continuer : Thunderbird trouve lui-même les serveurs.
setup-outlook-enter = Saisissez { $login }, puis le mot de passe ci-dessus : Outlook trouve lui-même les serveurs (Autodiscover).
setup-other-enter = Saisissez { $login } et le mot de passe ci-dessus, choisissez la configuration manuelle, puis les serveurs ci-dessous.

usage-of = { $used } sur { $limit }
domain-not-verified = Ce domaine n’est pas encore vérifié : le serveur de messagerie n’en reçoit aucun message tant qu’il ne l’est pas.
domain-verify-how = Publiez cet enregistrement TXT sur { $domain } pour montrer que le domaine vous appartient, puis cliquez sur « { $button } » (Mailroom vérifie aussi de lui-même toutes les quelques heures) :
domain-not-verified-badge = Non vérifié : pas encore de courrier
organisation-suspended-since = Suspendue par l’opérateur le { $date } : { $reason }. Ses adresses reçoivent toujours le courrier ; la connexion à ces adresses attend la fin de la suspension.
operator-console = Opérateur
organisations = Organisations
search-organisations = Nom ou domaine
search = Rechercher
new-organisation = Nouvelle organisation
first-owner = Identifiant de son premier propriétaire
first-owner-help = Une personne ayant un compte en devient aussitôt propriétaire ; toute autre reçoit par e-mail une invitation à le devenir.
owner-invitation-waits = Une invitation à en devenir propriétaire attend { $email } (valable jusqu’au { $date }).
add-an-owner = Ajouter un propriétaire
add-an-owner-help = Une personne ayant un compte devient aussitôt propriétaire (un membre le reste, comme propriétaire) ; toute autre reçoit une invitation par e-mail, qui remplace celle en attente.
add-the-owner = Ajouter le propriétaire
owner-invited = { $email } (invité)
owner-invitation-lapsed = { $email } (invitation expirée)
owner-invitation-expired = L’invitation de { $email } à en devenir propriétaire a expiré le { $date } : invitez de nouveau ci-dessous.
withdraw-the-invitation = Retirer l’invitation
become-owner-of = Devenir propriétaire de { $organisation }
owner-invitation-text = L’opérateur de cette installation invite { $email } à devenir propriétaire de { $organisation } : ses domaines, ses adresses et ses membres.
owner-invitation-sign-in = Un compte se connecte déjà en tant que { $email } : connectez-vous avec lui pour accepter.
owner-invitation-other-login = Vous êtes connecté en tant que { $login }, mais cette invitation est destinée à { $email } : déconnectez-vous, puis rouvrez le lien.
sign-in-to-accept = Se connecter pour accepter
sign-out = Se déconnecter
become-the-owner = Devenir propriétaire
create-account-and-become-owner = Créer mon compte et devenir propriétaire
create-the-organisation = Créer l’organisation
no-organisation-found = Aucune organisation trouvée.
owners = Propriétaires
domains = Domaines
limits = Limites
limits-help = Vide : pas de limite. Ce que l’organisation a déjà reste ; seul ce qui dépasse est refusé.
limit-used = { $used } utilisés
used-of-limit = { $used } sur { $max }
limit-services = Services (domaines)
limit-addresses = Adresses
limit-members = Membres
limit-import-rows = Lignes d’une importation
limit-storage = Stockage des boîtes (quotas additionnés)
limit-storage-help = une taille comme 500 Go ou 2 To
error-limit-size = Indiquez une taille comme 500 Go ou 2 To, ou laissez vide pour aucune limite.
save-the-limits = Enregistrer les limites
limits-of-new-organisations = Limites des nouvelles organisations
limits-of-new-organisations-help = Ce avec quoi commence une organisation créée à partir de maintenant ; vide : aucune limite. Les organisations déjà créées gardent les leurs.
suspend-the-organisation = Suspendre l’organisation
resume-the-organisation = Rétablir l’organisation
organisation-deleted-on = Supprimée le { $date } : les adhésions de ses membres ont pris fin et le serveur de messagerie ne connaît plus ses domaines. Elle peut être restaurée jusqu’au { $until } ; ensuite ses adresses, leurs messages, ses domaines et ses jetons sont supprimés définitivement.
restore-the-organisation = Restaurer l’organisation
delete-the-organisation = Supprimer l’organisation
delete-organisation-consequences = Immédiatement, ses membres perdent leur adhésion, ses domaines ne reçoivent plus de messages et ses logiciels de messagerie sont déconnectés. Elle peut être restaurée jusqu’au { $until } ; ensuite ses adresses, tous les messages de leurs boîtes, ses domaines et ses jetons sont supprimés définitivement.
i-understand-that-this-organisation-and = Je comprends que cette organisation, ses adresses et leurs messages seront supprimés.
suspension-reason = Motif
suspension-reason-help = Ses membres le lisent à la connexion. Son courrier arrive toujours ; les connexions de messagerie attendent.
error-limit-number = Une limite est un nombre entier, ou vide pour aucune.
leave-organisation = Quitter { $organisation }
organisation = Organisation
all-organisations = Toutes les organisations
history-of = Historique de { $organisation }
no-history-yet = Rien ne s’est encore passé ici.
older-events = Événements plus anciens
the-operator = l’opérateur de l’installation
history-operator-create = A créé l’organisation
history-operator-suspend = A suspendu l’organisation : { $reason }
history-operator-resume = A levé la suspension
history-operator-limits = A fixé les limites : { $limits }
history-operator-delete = A supprimé l’organisation
history-operator-restore = A restauré l’organisation
history-operator-add-owner = A fait de { $login } un propriétaire
history-operator-invite-owner = A invité { $email } à devenir propriétaire
history-operator-withdraw-owner = A retiré l’invitation de { $email } à devenir propriétaire
tab-auto-reply = Absence
permission-auto-reply = réponse d’absence
permission-auto-reply-help = Peut définir la réponse automatique envoyée pendant l’absence des utilisateurs de l’adresse
job-install-sieve = mettre à jour la réponse automatique de l’adresse { $address } sur le serveur de messagerie
auto-reply-on = Les réponses automatiques sont activées.
auto-reply-off = Aucune réponse automatique n’est envoyée.
auto-reply-from = Les réponses automatiques commencent le { $start } ({ $zone }).
auto-reply-from-until = Les réponses automatiques sont envoyées du { $start } au { $end } ({ $zone }).
auto-reply-until = Les réponses automatiques sont activées jusqu’au { $end } ({ $zone }).
auto-reply-ended = La réponse automatique a pris fin le { $end }.
auto-reply-needs-mail-server = Mailroom n’est pas relié à l’API doveadm du serveur de messagerie et ne peut donc pas installer de réponse. La personne qui gère ce serveur peut le relier (--doveadm-url).
auto-reply-send = Envoyer une réponse automatique
auto-reply-subject = Objet
auto-reply-subject-help = Facultatif : sans objet, « Auto: » suivi de l’objet du message auquel il est répondu.
auto-reply-message = Message
auto-reply-message-help = Texte brut, envoyé tel quel.
auto-reply-start = Début
auto-reply-end = Fin
auto-reply-time-help = Facultatif ; dans le fuseau horaire de l’organisation ({ $zone }).
auto-reply-days = Jours avant de répondre à nouveau au même expéditeur
auto-reply-days-help = De 1 à 60 jours.
auto-reply-only-own-domains = Ne répondre qu’aux expéditeurs des domaines de l’organisation
auto-reply-save = Enregistrer la réponse
auto-reply-preview = Aperçu
auto-reply-turn-off = Désactiver la réponse
auto-reply-preview-title = Ce que reçoivent les expéditeurs
auto-reply-preview-from = De
auto-reply-default-subject = Auto: (l’objet de leur message)
organisation-time-zone = Fuseau horaire
organisation-time-zone-help = Les dates des réponses automatiques y sont saisies et affichées, p. ex. Europe/Zurich.
