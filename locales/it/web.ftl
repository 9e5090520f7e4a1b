## error.rs
busy = Occupato
too-many-passwords-are-being-checked = In questo momento si stanno verificando troppe password. Non è stato modificato nulla: riprovi tra un attimo.
back-to-mailroom = Torna a Mailroom

## forms.rs
strength = Robustezza:
password-strength = Robustezza della password

## layout.rs
skip-to-content = Vai al contenuto
main = Principale
services = Servizi
outbox = Posta in uscita
jobs = Attività
log-out = Esci

## accept.rs
check-your-email = Controlli la Sua e-mail
until-then-no-account-exists-for = Fino ad allora non esiste alcun account per questo indirizzo: nessuno può accedere con esso.
confirm-your-account = Confermi il Suo account
create-my-account = Crea il mio account
invites-you-to-use-the-email = { $organisation } La invita a utilizzare l’indirizzo e-mail { $address }.
you-will-be-able-to-manage = Potrà gestire: { $permissions }.
accept = Accetta
create-your-account = Crei il Suo account
your-login = Il Suo nome di accesso
this-invitation-is-for-the-address = Questo invito riguarda l’indirizzo stesso: accede con esso.
sign-up-and-accept = Registrati e accetta
already-have-an-account = Ha già un account?
log-in = Acceda

## account.rs
your-account = Il Suo account
two-factor-sign-in = Accesso in due passaggi
login-password = Password di accesso
change-the-password = Cambia la password
where-you-are-logged-in = Dove ha effettuato l’accesso
since = Da
last-seen = Ultima attività
from = Da
this-one = (questa)
log-out-the-other-sessions = Chiudi le altre sessioni

## address/aliases.rs
no-alias-yet = Ancora nessun alias.
remove = Rimuovi
new-alias = Nuovo alias
add = Aggiungi

## address/delete.rs
delete = Elimina
at-once = Subito
it-stops-receiving-mail-and-nobody = Smette di ricevere posta, e nessuno può più accedervi, né con la sua password né con una password del dispositivo.
mail-programs-connected-now-are-disconnected = I programmi di posta collegati vengono disconnessi.
mail-programs-connected-now-stay-connected = I programmi di posta collegati restano connessi finché non si chiudono.
an-admin-can-restore-it-with = Un amministratore può ripristinarlo, con i suoi utenti, permessi, alias, inoltro e posta. Il suo nome non può essere preso.
then = Poi
every-message-in-its-mailbox-is = Ogni messaggio della sua casella viene eliminato definitivamente, e il suo nome torna libero.
its-name-is-free-again-its = Il suo nome torna libero; la sua casella resta sul server di posta finché non viene rimossa lì.
i-understand-that-this-address-and = Ho capito che questo indirizzo e la sua posta verranno eliminati
cancel = Annulla
delete-the-address = Elimina l’indirizzo

## address/device_section.rs
mail-on-your-devices = La posta sui Suoi dispositivi
programs-already-connected-stay-connected-until = I programmi già connessi restano connessi finché non si chiudono: l’API doveadm del server di posta non è configurata (--doveadm-url).
device-password-for = Password del dispositivo per { $name }:
copy-it-now-it-is-shown = la copi ora, viene mostrata una sola volta.
login = Nome di accesso
password = Password
no-device-password-yet = Ancora nessuna password del dispositivo.
device = Dispositivo
user = Utente
created = Creata
last-used = Ultimo utilizzo
expires = Scade
actions = Azioni
revoke = Revoca
set-up-a-mail-program = Configura un programma di posta
make-a-device-password = Crea una password del dispositivo
how-you-will-recognise-it-phone = Come la riconoscerà: «Telefono», «Thunderbird in ufficio».
leave-empty-for-a-password-that = Lasci vuoto per una password valida fino alla revoca.
make-the-password = Crea la password

## address/forwarding.rs
mail-is-not-forwarded = La posta non viene inoltrata.
a-full-email-address-here-or = Un indirizzo e-mail completo, qui o altrove.
keep-a-copy-in-this-mailbox = Conserva una copia in questa casella
save-forwarding = Salva l’inoltro
turn-forwarding-off = Disattiva l’inoltro

## address/general.rs
your-address-is-ready = Il Suo indirizzo è pronto
how-do-you-want-to-read = Come vuole leggere la sua posta?
open-the-webmail = Apri la webmail
the-address-is-created = L’indirizzo è stato creato
the-person-you-chose-has-access = La persona scelta vi ha accesso, o è stata invitata. L’indirizzo non ha password finché qualcuno con il permesso «password» non ne imposta una: fino ad allora riceve posta, ma nessuno può accedervi.
kind = Tipo
set = Impostata
not-set-the-address-receives-mail = Non impostata: l’indirizzo riceve posta, ma nessuno può accedervi finché qualcuno con il permesso «password» non ne imposta una.
aliases = Alias
forwarding = Inoltro
keeping-a-copy = , conservando una copia
without-keeping-a-copy = , senza conservare una copia
users = Utenti
no-one-has-access-to-this = Nessuno ha ancora accesso a questo indirizzo.
permissions = Permessi
state = Stato
sees-the-address-only = vede solo l’indirizzo
active = Attivo
invited = Invitato
edit = Modifica
permissions-of = Permessi di { $login }
save-permissions = Salva i permessi
pending-invitations = Inviti in sospeso
resend = Invia di nuovo
the-invitation-of = l’invito di { $email }
mail-program-settings = Impostazioni per programmi di posta
enter-these-in-thunderbird-apple-mail = Le inserisca in Thunderbird, Apple Mail, Outlook o qualsiasi programma di posta.
server = Server
port = Porta
security = Sicurezza
incoming-imap = In entrata (IMAP)
ssl-tls = SSL/TLS
outgoing-smtp = In uscita (SMTP)
thunderbird-settings-file = File di impostazioni di Thunderbird
apple-profile-iphone-ipad-mac = Profilo Apple (iPhone, iPad, Mac)
outlook-finds-these-settings-by-itself = Outlook trova da solo queste impostazioni tramite Autodiscover.
sharing-links = Link di condivisione
copy-this-link-now = Copi ora questo link:
it-is-shown-only-once-whoever = viene mostrato una sola volta. Chiunque lo apra, e acceda o si registri, può utilizzare questo indirizzo.
the-new-sharing-link = Il nuovo link di condivisione
used = Utilizzato
revoked = Revocato
generate-a-sharing-link = Genera un link di condivisione
permissions-of-those-who-use-the = Permessi di chi usa il link
valid-for-days = Valido per (giorni)
generate = Genera

## address/history.rs
when-utc = Quando (UTC)
who = Chi
what = Cosa

## address/mod.rs
delete-2 = Elimina…
address-sections = Sezioni dell’indirizzo

## address/password.rs
the-password-is-changed-mail-programs = La password è stata cambiata. I programmi di posta connessi continuano a funzionare finché non accedono di nuovo, poi chiedono la nuova password.

## address/setup.rs
device-or-program = Dispositivo o programma
continue = Continua
back-to-the-address = Torna all’indirizzo
your-device-password-for = La Sua password del dispositivo per { $name }:
it-is-shown-only-once = viene mostrata una sola volta.
one-tap = Con un tocco
the-profile-carries-the-servers-and = Il profilo contiene i server e questa password.
scan-the-code-with-the-camera = Scansioni il codice con la fotocamera dell’iPhone o dell’iPad, apra il link, poi
download-it-then = Lo scarichi, poi
open-settings-profile-downloaded-install = apra Impostazioni → Profilo scaricato → Installa.
download-the-profile = Scarica il profilo
valid-for-15-minutes = Valido 15 minuti.
in-thunderbird-new-existing-mail-account = In Thunderbird: ≡ → Nuovo → Account di posta esistente.
done = Fatto.
in-outlook-file-add-account = In Outlook: File → Aggiungi account.
in-your-mail-app-add-account = Nella Sua app di posta: Aggiungi account → Altro (IMAP).
enter-these-in-the-program-s = Le inserisca nelle impostazioni dell’account del programma, con la password qui sopra.
settings = Impostazioni

## address/share_form.rs
invite-a-user = Invita un utente
invite = Invita
member-or-email-address = Membro o indirizzo e-mail
type-a-name-or-email-members = Scriva un nome o un indirizzo: vengono proposti i membri. Chiunque altro viene invitato via e-mail.
if-this-person-is-not-a = Se questa persona non è ancora membro, si registra con
an-email-address-of-their-own = un indirizzo e-mail a sua scelta
this-new-address-itself = questo nuovo indirizzo stesso
note = Nota:
a-user-who-does-not-link = un utente che non collega il proprio account a questo indirizzo non può cambiarne la password.
only-users-with-the-password-permission = Possono farlo solo gli utenti con il permesso «password», oltre ai proprietari e agli amministratori dell’organizzazione.

## admin.rs
every-message-mailroom-sent-or-will = Ogni messaggio che Mailroom ha inviato o invierà, dal più recente. Senza server di posta (--smtp-url), i messaggi restano qui: apra Lei stesso i loro link o li inoltri. Reimpostazioni della password, conferme di registrazione e inviti portano un link riservato al destinatario e non vengono mai mostrati.
no-message-yet = Ancora nessun messaggio.
background-jobs = Attività in background
deliveries-and-imports-run-in-the = Invii e importazioni vengono eseguiti in background, sopravvivono ai riavvii e riprovano con attese crescenti.
none = Nessuna.
job = Attività
attempts = Tentativi
last-error = Ultimo errore
retry = Riprova

## create_address/mod.rs
is-available = { $address } è disponibile.

## create_address/steps.rs
create-an-email-address = Crea un indirizzo e-mail
step-1-of-3 = Passo 1 di 3
the-address = · L’indirizzo
address = Indirizzo
next = Avanti
step-2-of-3 = Passo 2 di 3
who-is-it-for = Per chi è?
step-3-of-3 = Passo 3 di 3
the-address-has-no-password-until = L’indirizzo non ha password finché un utente con il permesso «password» non ne imposta una; fino ad allora riceve posta, ma nessuno può accedervi.
mail-programs-log-in-with-it = I programmi di posta accedono con essa.
create-the-address = Crea l’indirizzo

## dashboard.rs
dns = DNS
create-several-addresses = Crea più indirizzi
search-addresses = Cerca indirizzi
start-of-the-address-e-g = Inizio dell’indirizzo, ad es. vendite
searching = Ricerca…
recently-deleted = Eliminati di recente
restorable-until = Ripristinabile fino al
restore = Ripristina
no-address-yet-create-the-first = Ancora nessun indirizzo. Crei il primo con il pulsante qui sopra.
you-have-no-address-in-this = Non ha ancora alcun indirizzo in questo servizio.
no-address-starts-with = Nessun indirizzo inizia con «{ $prefix }».
storage = Spazio
not-set = Non impostato
pages = Pagine
previous = ← Precedente
next-2 = Successiva →

## dns.rs
dns-records = Record DNS
download-as-zone-file = Scarica come file di zona
check-now = Verifica ora
every-required-record-is-right = Ogni record richiesto è corretto.
record = Record
name = Nome
value-to-publish = Valore da pubblicare
optional = (facoltativo)
copy = Copia
the-value-of = il valore di { $name }
found = Trovato:
dkim-signing-keys = Chiavi di firma DKIM
no-key-yet-make-the-domain = Ancora nessuna chiave. Crei le chiavi del dominio, pubblichi i loro record qui sopra, poi verifichi: la firma inizia appena sono visibili.
waiting-to-be-seen-in-the = in attesa di comparire nel DNS
signs-since = firma dal { $date }
replaced-keep-it-published-until = sostituita: la mantenga pubblicata fino al { $date }
rotate-the-keys = Rinnova le chiavi
make-the-keys = Crea le chiavi

## imports/views.rs
upload-a-csv-file-the-hosted = Carichi un file CSV: il modello del gestore ospitato (colonne A parte locale, B password, C destinazione dell’inoltro, D
keep-a-copy-or = conserva una copia oppure
do-not-or-named-columns-in = no), oppure colonne con nome, in qualsiasi ordine:
address-password-password-hash-forward-to = address, password, password_hash, forward_to, keep_copy, display_name, user, permissions, quota
a-size-such-as-500-mb = (una dimensione come 500 MB o 2 GB).
comma-semicolon-or-tab-utf-8 = Virgola, punto e virgola o tabulazione; UTF-8 o Windows-1252. Vede l’esito di ogni riga prima che venga creato qualcosa.
download-a-template = Scarica un modello
csv-file-drop-it-here-or = File CSV (lo trascini qui o lo scelga)
upload-and-preview = Carica e visualizza l’anteprima
past-imports = Importazioni precedenti
file = File
uploaded = Caricato
failed = Non riusciti
skipped = Saltati
and-skip-the-others = e salta gli altri
fix-the-file-and-upload-again = Corregga il file e lo carichi di nuovo
line = Riga
outcome = Esito
will-be-created-2 = Verrà creato
forwarding-2 = , con inoltro
with-its-user = , con il suo utente
pages-of-the-preview = Pagine dell’anteprima
previous-page = Pagina precedente
next-page = Pagina successiva
rows-done = Righe elaborate
finished = · terminata
download-the-report-csv = Scarica il rapporto (CSV)
result = Risultato

## login.rs
forgot-your-password = Password dimenticata?

## members.rs
members = Membri
member = Membro
role = Ruolo
you = (Lei)
role-of = Ruolo di { $login }
change = Cambia
the-role-of = il ruolo di { $login }
reset-two-factor = Reimposta l’accesso in due passaggi
removing-a-member-removes-their-access = Rimuovere un membro gli toglie l’accesso a ogni indirizzo dell’organizzazione. L’ultimo proprietario non può essere rimosso né declassato.
owners-and-admins-must-sign-in = Proprietari e amministratori devono accedere con un secondo fattore (lo configurano al prossimo accesso)
who-must-sign-in-with-a-second-factor = Chi deve accedere con un secondo fattore
second-factor-nobody = Nessuno è obbligato (ognuno può comunque attivarlo)
second-factor-everyone = Tutti i membri, proprietari e amministratori compresi (lo configurano al prossimo accesso; chi appartiene a più organizzazioni segue la più severa)
save = Salva

## quota.rs
full = Piena
nearly-full = Quasi piena
quota = Quota:
the-service-s-default = (il valore predefinito del servizio).
no-quota-the-mailbox-may-grow = Nessuna quota: la casella può crescere senza limiti.
in-use = In uso:
quota-of-this-address = Quota di questo indirizzo
e-g-2-gb = ad es. 2 GB
save-the-quota = Salva la quota
empty-the-service-s-default-mail = Vuoto: il valore predefinito del servizio. La posta per una casella piena viene rifiutata.
default-quota = Quota predefinita:
quota-of-addresses-without-their-own = Quota degli indirizzi senza una propria

## reset.rs
back-to-the-login = Torna all’accesso
enter-the-email-address-you-log = Inserisca l’indirizzo e-mail con cui accede: inviamo un link per scegliere una nuova password.
send-the-link = Invia il link
your-password-is-changed = La Sua password è stata cambiata
every-session-of-your-account-was = Tutte le sessioni del Suo account sono state chiuse. Acceda con la nuova password.
choose-a-new-password = Scelga una nuova password
for = Per

## services.rs
invitations-for-you = Inviti per Lei
invites-you-to-use = { $organisation } La invita a utilizzare { $address }
email-services = Servizi e-mail
each-service-holds-the-addresses-of = Ogni servizio raccoglie gli indirizzi di un dominio.
members-of = Membri di { $organisation }
api-tokens = Token API
no-email-service-yet = Ancora nessun servizio e-mail.
domain = Dominio
addresses = Indirizzi
added = Aggiunto
add-an-email-service = Aggiungi un servizio e-mail
a-domain-your-organisation-owns-such = Un dominio della Sua organizzazione, come example.org. Funzionano anche nomi internazionali come bücher.example.
add-the-service = Aggiungi il servizio
default-permissions = Permessi predefiniti
ticked-in-advance-when-an-address = Selezionati in anticipo quando un indirizzo viene condiviso con qualcuno
save-the-defaults = Salva i valori predefiniti

## setup.rs
set-up-mailroom = Configura Mailroom
create-your-organisation-and-its-owner = Crei la Sua organizzazione e l’account del suo proprietario. Con esso gestirà gli indirizzi e-mail dei Suoi domini.
you-will-log-in-with-it = Accederà con esso.
create-the-owner-account = Crea l’account del proprietario
the-password-needs = La password richiede:

## tokens.rs
copy-the-token-now-it-is = Copi ora il token: non verrà più mostrato.
the-new-token = Il nuovo token
no-token-yet = Ancora nessun token.
scope = Ambito
make-a-token = Crea un token
expires-after-days = Scade dopo (giorni)
only-from-these-networks = Solo da queste reti
n-192-0-2-0-24-2001 = 192.0.2.0/24, 2001:db8::/32
make-the-token = Crea il token

## two_factor.rs
your-code = Il Suo codice
enter-the-6-digit-code-your = Inserisca il codice a 6 cifre mostrato dalla Sua app di autenticazione, oppure uno dei Suoi codici di recupero.
lost-your-phone-use-a-recovery = Ha perso il telefono? Usi un codice di recupero, oppure chieda a un proprietario o amministratore della Sua organizzazione di reimpostare il Suo accesso in due passaggi.
cancel-and-log-out = Annulla ed esci
your-organisation-requires-two-factor-sign = La Sua organizzazione richiede l’accesso in due passaggi a proprietari e amministratori: lo attivi per continuare.
on-every-login-asks-for-a = Attivo: ogni accesso chiede un codice della Sua app di autenticazione.
turn-it-off = Disattivalo
turn-two-factor-sign-in-off = Disattiva l’accesso in due passaggi
off-with-it-a-stolen-password = Disattivo. Con esso, una password rubata da sola non apre il Suo account.
turn-on-two-factor-sign-in = Attiva l’accesso in due passaggi
scan-this-code-with-an-authenticator = Scansioni questo codice con un’app di autenticazione (FreeOTP, Aegis, Google Authenticator, 1Password…).
enter-the-6-digit-code-it = Inserisca il codice a 6 cifre che mostra.
or-type-this-key = Oppure digiti questa chiave:
turn-it-on = Attivalo
two-factor-sign-in-is-on = L’accesso in due passaggi è attivo
keep-these-recovery-codes-now = Conservi ora questi codici di recupero:
they-are-shown-only-once-each = vengono mostrati una sola volta. Ognuno apre il Suo account una volta, se perde il telefono.
done-2 = Fatto

## session.rs
this-form-has-expired = Questo modulo è scaduto
the-form-was-sent-without-a = Il modulo è stato inviato senza un token di sicurezza valido, quindi non è stato modificato nulla. Torni indietro, ricarichi la pagina e riprovi.

## fields
domain-name = Nome di dominio
current-password = Password attuale
new-password = Nuova password
new-password-again = Ripeta la nuova password
your-email-address-your-login = Il Suo indirizzo e-mail (il Suo nome di accesso)
password-again = Ripeta la password
code = Codice
your-login-password = La Sua password di accesso
a-code = Un codice
email-address = Indirizzo e-mail
organisation-name = Nome dell’organizzazione
your-email-address = Il Suo indirizzo e-mail
password-of-the-address = Password dell’indirizzo
device-name = Nome del dispositivo
stops-working-after-days = Smette di funzionare dopo (giorni)
forward-to = Inoltra a
form-expired = Modulo scaduto
recovery-codes = Codici di recupero
password-changed = Password cambiata

## messages with arguments
dns-zone-comment = Record DNS per { $domain } (Mailroom)
dns-of = DNS di { $domain }
dns-state-ok = presente e corretto
dns-state-missing = mancante
dns-state-wrong = presente ma diverso
dns-state-optional = facoltativo, non pubblicato
error-quota-size = Indichi una dimensione come 500 MB o 2 GB, tra 1 MB e 10 TB.
error-choose-role = Scelga proprietario, amministratore o membro.
error-choose-device = Scelga un dispositivo.
error-choose-purpose = Scelga per chi è l’indirizzo.
local-part-help = Lettere a–z, cifre, punti, trattini e trattini bassi; al massimo 64 caratteri.
password-changed-others-logged-out = La Sua password è stata cambiata. Tutte le altre sessioni sono state chiuse.
sign-up-link-sent = Abbiamo inviato un link a { $login }. Lo apra entro 24 ore per creare il Suo account e utilizzare { $address }.
confirm-account-text = Creare l’account { $login } e utilizzare { $address } di { $organisation }.
use-address = Utilizza { $address }
link-unknown-title = Questo link non è valido
link-unknown-text = Verifichi di aver copiato il link per intero, oppure ne chieda uno nuovo.
link-expired-title = Questo link è scaduto
link-expired-text = Ne chieda uno nuovo alla persona che lo ha inviato.
link-revoked-title = Questo link è stato ritirato
link-revoked-text = La persona che lo ha creato lo ha revocato. Gliene chieda uno nuovo se ha ancora bisogno di accesso.
link-used-title = Questo invito è già stato accettato
link-used-text = Un invito funziona una sola volta. Acceda per utilizzare l’indirizzo.
error-choose-scope = Scelga lettura, indirizzi o amministrazione.
error-token-days = Indichi un numero di giorni tra 1 e 3650, oppure nulla.
token-name-help = A cosa serve, ad esempio «Provisioning HR».
scope-read-help = Leggere servizi, indirizzi, membri, importazioni, attività e la posta in uscita.
scope-addresses-help = Anche creare, modificare ed eliminare indirizzi, i loro utenti, link e importazioni.
scope-admin-help = Tutto ciò che può fare un amministratore.
token-days-help = Vuoto: fino alla revoca.
token-networks-help = Indirizzi o reti CIDR, separati da virgole; vuoto: qualsiasi.
never = mai
token-revoked = revocato
token-active = attivo
token-expired = scaduto
error-not-a-network = «{ $value }» non è un indirizzo né una rete.
error-upload-too-large = Il file è troppo grande, oppure il caricamento è stato interrotto.
error-upload-unreadable = Il caricamento non è stato letto; riprovi.
error-upload-missing = Scelga un file CSV da caricare.
import-state-uploaded = in anteprima, non avviata
import-state-running = creazione in corso
import-state-done = terminata
import-rows = { $count ->
        [one] { $count } riga
       *[other] { $count } righe
    }
import-will-be-created = { $count ->
        [one] { $count } verrà creato
       *[other] { $count } verranno creati
    }
import-cannot-be = { $count ->
        [one] { $count } non può esserlo
       *[other] { $count } non possono esserlo
    }
import-format = { $encoding }, separato da { $separator }
separator-tabs = tabulazioni
separator-semicolons = punti e virgola
separator-commas = virgole
import-create-valid = { $count ->
        [one] Crea l’indirizzo valido
       *[other] Crea i { $count } indirizzi validi
    }
import-refused = Colonna { $column }: { $reason }
import-pager = Righe { $first }–{ $last } di { $rows } (pagina { $page } di { $pages })
import-done-of = { $done } di { $rows } righe elaborate
import-counts = { $created } creati, { $failed } non riusciti, { $skipped } saltati
import-eta = circa { $seconds } s rimanenti
row-created = creato
row-failed = non riuscito: { $reason }
row-skipped = saltato (colonna { $column }): { $reason }
profile-link-expired = Questo link è scaduto: ne crei uno nuovo dalla pagina dell’indirizzo.
reset-throttled = Troppe richieste. Attenda { $seconds } secondi prima di chiedere di nuovo.
error-device-days = Indichi un numero di giorni da 1 a 3650, oppure nulla.
tab-general = Generale
tab-aliases = Alias
tab-forwarding = Inoltro
tab-password = Password
tab-history = Cronologia
message-queued = in coda
message-sent = inviato il { $at }
message-in-outbox = nella posta in uscita (nessun server di posta impostato)
message-withheld = non inviato: nessun server di posta impostato e contiene un link privato (il registro del server lo segnala)
message-private-body = Il suo link è solo per il destinatario e non viene mostrato qui.
message-retrying = nuovo tentativo il { $at } ({ $error })
message-failed = non riuscito: { $error }
kind-standard-help = Casella: invia e riceve.
kind-no-reply-help = No-reply: invia, e il server di posta rifiuta la posta a lui diretta.
kind-catch-all-help = Catch-all: riceve la posta per ogni nome del dominio che non corrisponde a nessun altro indirizzo; non può inviare.
device-iphone = iPhone o iPad
device-mac = Mail su Mac
device-other = Un altro programma
login-throttled = { $seconds ->
        [one] Troppi tentativi non riusciti. Attenda 1 secondo prima di riprovare.
       *[other] Troppi tentativi non riusciti. Attenda { $seconds } secondi prima di riprovare.
    }
delete-address-title = Elimina { $address }
delete-address-question = Eliminare { $address }?
delete-until = Fino al { $until } ({ $days ->
        [one] { $days } giorno
       *[other] { $days } giorni
    })
address-count = { $count ->
        [one] { $count } indirizzo
       *[other] { $count } indirizzi
    }
dns-to-fix = { $count } da correggere
purpose-me = Per me
purpose-me-help = Vi ha accesso con tutti i permessi, e può leggerne subito la posta.
purpose-other = Per un altro utente
purpose-other-help = Un membro dell’organizzazione vi ha accesso subito; chiunque altro viene invitato via e-mail.
purpose-multiple = Per più utenti
purpose-multiple-help = Un indirizzo condiviso con una password; ne aggiunga gli utenti in seguito dalla pagina dell’indirizzo.
purpose-no-reply = Generico: no-reply
purpose-no-reply-help = Invia ma non riceve mai: il server di posta rifiuta la posta a lui diretta. Di solito si chiama no-reply.
purpose-catch-all = Generico: catch-all
purpose-catch-all-help = Riceve la posta per ogni nome di questo dominio che non corrisponde a nessun altro indirizzo. Non può inviare. Uno per dominio.
history-command-line = riga di comando
dns-problems = DNS: { $count } da correggere
dns-checked-at = Verificato il { $at } UTC.
dns-check-failed = La verifica non è riuscita: { $error }
dns-required-to-fix = { $count ->
        [one] { $count } record richiesto da correggere.
       *[other] { $count } record richiesti da correggere.
    }
two-factor-of = di { $login }
until-date = fino al { $date }
from-ip = da { $ip }
alias-help = Un altro nome di { $domain } che consegna qui.
created-on = creato il { $date }
remove-from-address = Rimuovi { $login } da questo indirizzo
invitation-email-state = e-mail: { $state }
resend-to = a { $email }
link-uses = { $count ->
        [one] { $count } volta
       *[other] { $count } volte
    }
forwarding-to = a { $to }
message-to = A { $to }
attempts-of = { $attempts } di { $max }
language = Lingua
language-change = Cambia
strength-too-short = Troppo corta
strength-weak = Debole
strength-fair = Discreta
strength-good = Buona
strength-strong = Forte
ui-table = Tabella
ui-scrolls-sideways = { $name } (scorre orizzontalmente)
ui-copied = Copiato
organisation-language = Lingua predefinita
organisation-language-help = Per chi non ne ha scelta una e il cui browser non ne chiede nessuna di queste, e per gli inviti, salvo che chi invita ne scelga un’altra.
account-language = La Sua lingua in Mailroom
language-auto = Come chiede il mio browser
invitation-pending = { $email } · invitato il { $invited }, valido fino al { $until }
forwarded-kept = La posta per { $address } viene inoltrata a { $to }, e una copia resta nella sua casella.
forwarded-not-kept = La posta per { $address } viene inoltrata a { $to } senza restare nella sua casella.
error-setup-organisation = Inserisca il nome della Sua organizzazione.
error-who-not-an-email = Inserisca l’indirizzo e-mail di un membro, oppure quello della persona da invitare.
invitation-language = Lingua dell’invito
error-bad-form-title = Richiesta non valida
error-bad-form = Non è stato possibile leggere il modulo. Ricarichi la pagina e riprovi.
error-internal-title = Qualcosa è andato storto
error-internal = Qualcosa è andato storto da parte nostra e non è stato modificato nulla. L’errore è stato registrato; riprovi tra un attimo.
error-not-found-title = Non trovato
error-not-found = Questa pagina non esiste, oppure non vi ha accesso.
error-forbidden-title = Non consentito
error-suspended-title = Organizzazione sospesa
error-forbidden = Non ha il permesso di farlo.
error-refused-title = Impossibile
error-disk-full-title = Il disco è pieno
error-disk-full = Il disco che contiene il database di Mailroom è pieno, quindi non è stato modificato nulla. Tutto ciò che era già salvato è ancora lì; chieda a chi gestisce questo server di liberare spazio, poi riprovi.
error-already-set-up-title = Già configurato
error-language = Scelga inglese, francese, tedesco o italiano.

## names.rs
role-owner = proprietario
role-admin = amministratore
role-member = membro
permission-password = password
permission-forwarding = inoltro
permission-aliases = alias
permission-users = utenti
permission-history = cronologia
permission-quota = quota
permission-password-help = Può cambiare la password dell’indirizzo
permission-forwarding-help = Può impostare dove viene inoltrata la posta per questo indirizzo
permission-aliases-help = Può aggiungere e rimuovere altri nomi che consegnano qui
permission-users-help = Può invitare e rimuovere utenti e modificarne i permessi
permission-history-help = Può leggere la cronologia delle modifiche dell’indirizzo
permission-quota-help = Può cambiare quanta posta l’indirizzo può conservare
permissions-none = nessuno
scope-read = lettura
scope-addresses = indirizzi
scope-admin = amministrazione
scope-operator = operatore
token-acts-as = agisce come { $login }
operator-api-tokens = Token API degli operatori
operator-tokens-intro = I sistemi di un fornitore creano, sospendono, riattivano ed eliminano organizzazioni, ne impostano i limiti e ne leggono l’utilizzo tramite /api/v1/operator, inviando { $header }. Un token agisce come l’operatore che l’ha creato e smette di funzionare quando questi non è più operatore.
kind-standard = Casella
kind-no-reply = No-reply
kind-catch-all = Catch-all
job-state-queued = in coda
job-state-running = in corso
job-state-done = completate
job-state-failed = non riuscite
job-deliver-mail = consegnare il messaggio { $message }
job-import-batch = creare gli indirizzi dell’importazione { $import }
job-end-sessions = chiudere le sessioni di posta di { $logins }
job-purge-mailbox = svuotare la casella di { $user }
breadcrumb = Percorso di navigazione
quota-none = nessuna

## bulk/row.rs, import_check.rs, import_batch.rs
row-unknown-column = Colonna sconosciuta «{ $column }»
row-not-in-domain = { $address } non appartiene a { $domain }
row-password-and-hash = Indichi una password o un hash della password, non entrambi
row-keep-copy = «{ $value }» non è né 0 né 1
row-invalid-forwarding = Destinazione di inoltro non valida: { $reason }
row-forward-to-itself = Un indirizzo non può inoltrare a sé stesso
row-display-name-control = Il nome visualizzato non può contenere a capo, tabulazioni o altri caratteri di controllo
row-display-name-long = Il nome visualizzato supera i 200 caratteri
row-duplicate = Duplicato della riga { $line } di questo file
row-exists = { $address } esiste già
row-reserved = { $address } è stato eliminato di recente ed è riservato
error-unknown-permission = Permesso sconosciuto «{ $name }»
import-stopped = Interrotta: la persona che ha avviato questa importazione non può più gestire questo servizio

dns-not-checked = Non ancora verificato: prema «{ $button }».
account-login-as = Accede come { $login }.
accept-logged-in-as = Ha effettuato l’accesso come { $login }.
accept-log-in-first = Acceda, poi torni qui per accettare
tokens-intro = Gli script inviano un token come { $header } all’API. Un token agisce con i Suoi diritti, limitati al suo ambito e a questa organizzazione.
tokens-reference = Il riferimento dell’API
reset-sent = Se un account accede come { $email }, un link per scegliere una nuova password è in arrivo. Funziona una volta, entro un’ora.
devices-intro = Ogni programma di posta accede come { $login } con una propria password del dispositivo. Se ne revoca una, o perde l’accesso all’indirizzo, quel programma viene bloccato subito.
aliases-intro = La posta inviata a un alias arriva in { $address }. Un alias si può usare anche per inviare.
settings-username = Nome utente: { $login }, con una password del dispositivo (sotto) o la password dell’indirizzo.
setup-which-device = Quale dispositivo o programma leggerà { $address }? Nel frattempo viene creata una password del dispositivo.
setup-thunderbird-enter = Inserisca il Suo nome, { $login } e la password qui sopra, poi Continua: Thunderbird trova da solo i server.
setup-outlook-enter = Inserisca { $login }, poi la password qui sopra: Outlook trova da solo i server (Autodiscover).
setup-other-enter = Inserisca { $login } e la password qui sopra, scelga la configurazione manuale e i server qui sotto.

usage-of = { $used } di { $limit }
domain-not-verified = Questo dominio non è ancora verificato: il server di posta non ne riceve alcun messaggio finché non lo è.
domain-verify-how = Pubblichi questo record TXT su { $domain } per mostrare che il dominio è Suo, poi prema «{ $button }» (Mailroom controlla anche da sé ogni poche ore):
domain-not-verified-badge = Non verificato: ancora nessuna posta
organisation-suspended-since = Sospesa dall’operatore il { $date }: { $reason }. I suoi indirizzi ricevono ancora la posta; l’accesso attende la fine della sospensione.
operator-console = Operatore
organisations = Organizzazioni
search-organisations = Nome o dominio
search = Cerca
new-organisation = Nuova organizzazione
first-owner = Accesso del primo proprietario
first-owner-help = Una persona con un account ne diventa subito proprietaria; chiunque altro riceve per e-mail un invito a diventarlo.
owner-invitation-waits = Un invito a diventarne proprietario attende { $email } (valido fino al { $date }).
add-an-owner = Aggiungi un proprietario
add-an-owner-help = Una persona con un account diventa subito proprietaria (un membro resta tale, come proprietario); chiunque altro riceve un invito per e-mail, che sostituisce quello in attesa.
add-the-owner = Aggiungi il proprietario
owner-invited = { $email } (invitato)
owner-invitation-lapsed = { $email } (invito scaduto)
owner-invitation-expired = L’invito a { $email } a diventarne proprietario è scaduto il { $date }: inviti di nuovo qui sotto.
withdraw-the-invitation = Ritira l’invito
become-owner-of = Diventi proprietario di { $organisation }
owner-invitation-text = L’operatore di questa installazione invita { $email } a diventare proprietario di { $organisation }: i suoi domini, indirizzi e membri.
owner-invitation-sign-in = Un account accede già come { $email }: acceda con esso per accettare.
owner-invitation-other-login = Ha effettuato l’accesso come { $login }, ma questo invito è per { $email }: esca, poi riapra il link.
sign-in-to-accept = Acceda per accettare
sign-out = Esci
become-the-owner = Diventa proprietario
create-account-and-become-owner = Crea il mio account e diventa proprietario
create-the-organisation = Crea l’organizzazione
no-organisation-found = Nessuna organizzazione trovata.
owners = Proprietari
domains = Domini
limits = Limiti
limits-help = Vuoto: nessun limite. Ciò che l’organizzazione ha già resta; solo crearne di più viene rifiutato.
limit-used = { $used } in uso
used-of-limit = { $used } su { $max }
limit-services = Servizi (domini)
limit-addresses = Indirizzi
limit-members = Membri
limit-import-rows = Righe di un’importazione
limit-storage = Spazio delle caselle (quote sommate)
limit-storage-help = una dimensione come 500 GB o 2 TB
error-limit-size = Indica una dimensione come 500 GB o 2 TB, o lascia vuoto per nessun limite.
save-the-limits = Salva i limiti
limits-of-new-organisations = Limiti delle nuove organizzazioni
limits-of-new-organisations-help = Ciò con cui parte un’organizzazione creata da ora in poi; vuoto: nessun limite. Le organizzazioni già create mantengono i loro.
suspend-the-organisation = Sospendi l’organizzazione
resume-the-organisation = Riattiva l’organizzazione
organisation-deleted-on = Eliminata il { $date }: le adesioni delle sue persone sono terminate e il server di posta non conosce più i suoi domini. Può essere ripristinata fino al { $until }; poi i suoi indirizzi, i loro messaggi, i suoi domini e i suoi token vengono rimossi definitivamente.
restore-the-organisation = Ripristina l’organizzazione
delete-the-organisation = Elimina l’organizzazione
delete-organisation-consequences = Subito le sue persone perdono l’adesione, i suoi domini smettono di ricevere posta e i suoi programmi di posta vengono disconnessi. Può essere ripristinata fino al { $until }; poi i suoi indirizzi, ogni messaggio nelle loro caselle, i suoi domini e i suoi token vengono rimossi definitivamente.
i-understand-that-this-organisation-and = Capisco che questa organizzazione, i suoi indirizzi e i loro messaggi saranno eliminati.
suspension-reason = Motivo
suspension-reason-help = I membri lo leggono all’accesso. La posta continua ad arrivare; gli accessi alla posta attendono.
error-limit-number = Un limite è un numero intero, o vuoto per nessuno.
leave-organisation = Lasciare { $organisation }
organisation = Organizzazione
all-organisations = Tutte le organizzazioni
history-of = Cronologia di { $organisation }
no-history-yet = Qui non è ancora successo nulla.
older-events = Eventi precedenti
the-operator = l’operatore dell’installazione
history-operator-create = Ha creato l’organizzazione
history-operator-suspend = Ha sospeso l’organizzazione: { $reason }
history-operator-resume = Ha revocato la sospensione
history-operator-limits = Ha impostato i limiti: { $limits }
history-operator-delete = Ha eliminato l’organizzazione
history-operator-restore = Ha ripristinato l’organizzazione
history-operator-add-owner = Ha reso { $login } proprietario
history-operator-invite-owner = Ha invitato { $email } a diventare proprietario
history-operator-withdraw-owner = Ha ritirato l’invito a { $email } a diventare proprietario
tab-auto-reply = Fuori sede
permission-auto-reply = risposta di assenza
permission-auto-reply-help = Può impostare la risposta automatica inviata durante l’assenza degli utenti dell’indirizzo
job-install-sieve = aggiornare la risposta automatica dell’indirizzo { $address } sul server di posta
auto-reply-on = Le risposte automatiche sono attive.
auto-reply-off = Non viene inviata alcuna risposta automatica.
auto-reply-from = Le risposte automatiche iniziano il { $start } ({ $zone }).
auto-reply-from-until = Le risposte automatiche vengono inviate dal { $start } al { $end } ({ $zone }).
auto-reply-until = Le risposte automatiche sono attive fino al { $end } ({ $zone }).
auto-reply-ended = La risposta automatica è terminata il { $end }.
auto-reply-needs-mail-server = Mailroom non è collegato all’API doveadm del server di posta, quindi non può installare una risposta. Chi gestisce questo server può collegarlo (--doveadm-url).
auto-reply-send = Invia una risposta automatica
auto-reply-subject = Oggetto
auto-reply-subject-help = Facoltativo: senza oggetto, «Auto:» seguito dall’oggetto del messaggio a cui si risponde.
auto-reply-message = Messaggio
auto-reply-message-help = Testo semplice, inviato così come è scritto.
auto-reply-start = Inizio
auto-reply-end = Fine
auto-reply-time-help = Facoltativo; nel fuso orario dell’organizzazione ({ $zone }).
auto-reply-days = Giorni prima di rispondere di nuovo allo stesso mittente
auto-reply-days-help = Da 1 a 60 giorni.
auto-reply-only-own-domains = Rispondere solo ai mittenti dei domini dell’organizzazione
auto-reply-save = Salva la risposta
auto-reply-preview = Anteprima
auto-reply-turn-off = Disattiva la risposta
auto-reply-preview-title = Cosa ricevono i mittenti
auto-reply-preview-from = Da
auto-reply-default-subject = Auto: (l’oggetto del loro messaggio)
organisation-time-zone = Fuso orario
organisation-time-zone-help = Le date delle risposte automatiche vengono inserite e mostrate in esso, ad es. Europe/Zurich.
