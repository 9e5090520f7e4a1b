## error.rs
busy = Ausgelastet
too-many-passwords-are-being-checked = Gerade werden zu viele Passwörter geprüft. Es wurde nichts geändert: Versuchen Sie es gleich noch einmal.
back-to-mailroom = Zurück zu Mailroom

## forms.rs
strength = Stärke:
password-strength = Passwortstärke

## layout.rs
skip-to-content = Zum Inhalt springen
main = Hauptmenü
services = Dienste
outbox = Postausgang
jobs = Aufträge
log-out = Abmelden

## accept.rs
check-your-email = Sehen Sie in Ihr Postfach
until-then-no-account-exists-for = Bis dahin gibt es für diese E-Mail-Adresse kein Konto: Niemand kann sich damit anmelden.
confirm-your-account = Bestätigen Sie Ihr Konto
create-my-account = Mein Konto erstellen
invites-you-to-use-the-email = { $organisation } lädt Sie ein, die E-Mail-Adresse { $address } zu nutzen.
you-will-be-able-to-manage = Sie können verwalten: { $permissions }.
accept = Annehmen
create-your-account = Erstellen Sie Ihr Konto
your-login = Ihr Login
this-invitation-is-for-the-address = Diese Einladung gilt für die Adresse selbst: Sie melden sich mit ihr an.
sign-up-and-accept = Registrieren und annehmen
already-have-an-account = Sie haben bereits ein Konto?
log-in = Melden Sie sich an

## account.rs
your-account = Ihr Konto
two-factor-sign-in = Zwei-Faktor-Anmeldung
login-password = Anmeldepasswort
change-the-password = Passwort ändern
where-you-are-logged-in = Wo Sie angemeldet sind
since = Seit
last-seen = Zuletzt aktiv
from = Von
this-one = (diese)
log-out-the-other-sessions = Andere Sitzungen abmelden

## address/aliases.rs
no-alias-yet = Noch kein Alias.
remove = Entfernen
new-alias = Neuer Alias
add = Hinzufügen

## address/delete.rs
delete = Löschen
at-once = Sofort
it-stops-receiving-mail-and-nobody = Sie empfängt keine E-Mails mehr, und niemand kann sich mehr anmelden, weder mit ihrem Passwort noch mit einem Gerätepasswort.
mail-programs-connected-now-are-disconnected = Verbundene E-Mail-Programme werden getrennt.
mail-programs-connected-now-stay-connected = Verbundene E-Mail-Programme bleiben verbunden, bis sie schließen.
an-admin-can-restore-it-with = Ein Admin kann sie wiederherstellen, mit ihren Benutzern, Berechtigungen, Aliassen, ihrer Weiterleitung und ihren E-Mails. Ihr Name kann nicht vergeben werden.
then = Danach
every-message-in-its-mailbox-is = Jede Nachricht in ihrem Postfach wird endgültig gelöscht, und ihr Name ist wieder frei.
its-name-is-free-again-its = Ihr Name ist wieder frei; ihr Postfach bleibt auf dem Mailserver, bis es dort entfernt wird.
i-understand-that-this-address-and = Mir ist bewusst, dass diese Adresse und ihre E-Mails gelöscht werden
cancel = Abbrechen
delete-the-address = Adresse löschen

## address/device_section.rs
mail-on-your-devices = E-Mail auf Ihren Geräten
programs-already-connected-stay-connected-until = Bereits verbundene Programme bleiben verbunden, bis sie schließen: Die doveadm-API des Mailservers ist nicht eingerichtet (--doveadm-url).
device-password-for = Gerätepasswort für { $name }:
copy-it-now-it-is-shown = Kopieren Sie es jetzt, es wird nur einmal angezeigt.
login = Login
password = Passwort
no-device-password-yet = Noch kein Gerätepasswort.
device = Gerät
user = Benutzer
created = Erstellt
last-used = Zuletzt verwendet
expires = Läuft ab
actions = Aktionen
revoke = Widerrufen
set-up-a-mail-program = E-Mail-Programm einrichten
make-a-device-password = Gerätepasswort erstellen
how-you-will-recognise-it-phone = Woran Sie es erkennen: „Telefon“, „Thunderbird im Büro“.
leave-empty-for-a-password-that = Leer lassen für ein Passwort, das gilt, bis es widerrufen wird.
make-the-password = Passwort erstellen

## address/forwarding.rs
mail-is-not-forwarded = E-Mails werden nicht weitergeleitet.
a-full-email-address-here-or = Eine vollständige E-Mail-Adresse, hier oder anderswo.
keep-a-copy-in-this-mailbox = Eine Kopie in diesem Postfach behalten
save-forwarding = Weiterleitung speichern
turn-forwarding-off = Weiterleitung ausschalten

## address/general.rs
your-address-is-ready = Ihre Adresse ist bereit
how-do-you-want-to-read = Wie möchten Sie ihre E-Mails lesen?
open-the-webmail = Webmail öffnen
the-address-is-created = Die Adresse ist erstellt
the-person-you-chose-has-access = Die gewählte Person hat Zugriff oder wurde eingeladen. Die Adresse hat kein Passwort, bis jemand mit der Berechtigung „Passwort“ eines festlegt: Bis dahin empfängt sie E-Mails, aber niemand kann sich anmelden.
kind = Art
set = Festgelegt
not-set-the-address-receives-mail = Nicht festgelegt: Die Adresse empfängt E-Mails, aber niemand kann sich anmelden, bis jemand mit der Berechtigung „Passwort“ eines festlegt.
aliases = Aliasse
forwarding = Weiterleitung
keeping-a-copy = , mit Kopie im Postfach
without-keeping-a-copy = , ohne Kopie im Postfach
users = Benutzer
no-one-has-access-to-this = Noch niemand hat Zugriff auf diese Adresse.
permissions = Berechtigungen
state = Status
sees-the-address-only = sieht nur die Adresse
active = Aktiv
invited = Eingeladen
edit = Bearbeiten
permissions-of = Berechtigungen von { $login }
save-permissions = Berechtigungen speichern
pending-invitations = Offene Einladungen
resend = Erneut senden
the-invitation-of = die Einladung von { $email }
mail-program-settings = Einstellungen für E-Mail-Programme
enter-these-in-thunderbird-apple-mail = Tragen Sie diese in Thunderbird, Apple Mail, Outlook oder einem anderen E-Mail-Programm ein.
server = Server
port = Port
security = Sicherheit
incoming-imap = Eingehend (IMAP)
ssl-tls = SSL/TLS
outgoing-smtp = Ausgehend (SMTP)
thunderbird-settings-file = Thunderbird-Einstellungsdatei
apple-profile-iphone-ipad-mac = Apple-Profil (iPhone, iPad, Mac)
outlook-finds-these-settings-by-itself = Outlook findet diese Einstellungen selbst über Autodiscover.
sharing-links = Freigabelinks
copy-this-link-now = Kopieren Sie diesen Link jetzt:
it-is-shown-only-once-whoever = Er wird nur einmal angezeigt. Wer ihn öffnet und sich anmeldet oder registriert, kann diese Adresse nutzen.
the-new-sharing-link = Der neue Freigabelink
used = Verwendet
revoked = Widerrufen
generate-a-sharing-link = Freigabelink erzeugen
permissions-of-those-who-use-the = Berechtigungen derer, die den Link nutzen
valid-for-days = Gültig für (Tage)
generate = Erzeugen

## address/history.rs
when-utc = Wann (UTC)
who = Wer
what = Was

## address/mod.rs
delete-2 = Löschen…
address-sections = Bereiche der Adresse

## address/password.rs
the-password-is-changed-mail-programs = Das Passwort ist geändert. Verbundene E-Mail-Programme arbeiten weiter, bis sie sich neu anmelden, und brauchen dann das neue Passwort.

## address/setup.rs
device-or-program = Gerät oder Programm
continue = Weiter
back-to-the-address = Zurück zur Adresse
your-device-password-for = Ihr Gerätepasswort für { $name }:
it-is-shown-only-once = Es wird nur einmal angezeigt.
one-tap = Mit einem Fingertipp
the-profile-carries-the-servers-and = Das Profil enthält die Server und dieses Passwort.
scan-the-code-with-the-camera = Scannen Sie den Code mit der Kamera des iPhone oder iPad, öffnen Sie den Link und
download-it-then = Laden Sie es herunter und
open-settings-profile-downloaded-install = öffnen Sie Einstellungen → Profil geladen → Installieren.
download-the-profile = Profil herunterladen
valid-for-15-minutes = 15 Minuten gültig.
in-thunderbird-new-existing-mail-account = In Thunderbird: ≡ → Neu → Bestehendes E-Mail-Konto.
done = Fertig.
in-outlook-file-add-account = In Outlook: Datei → Konto hinzufügen.
in-your-mail-app-add-account = In Ihrer E-Mail-App: Konto hinzufügen → Andere (IMAP).
enter-these-in-the-program-s = Tragen Sie diese mit dem Passwort oben in die Kontoeinstellungen des Programms ein.
settings = Einstellungen

## address/share_form.rs
invite-a-user = Benutzer einladen
invite = Einladen
member-or-email-address = Mitglied oder E-Mail-Adresse
type-a-name-or-email-members = Geben Sie einen Namen oder eine E-Mail-Adresse ein: Mitglieder werden vorgeschlagen. Alle anderen werden per E-Mail eingeladen.
if-this-person-is-not-a = Ist diese Person noch kein Mitglied, registriert sie sich mit
an-email-address-of-their-own = einer E-Mail-Adresse ihrer Wahl
this-new-address-itself = dieser neuen Adresse selbst
note = Hinweis:
a-user-who-does-not-link = Ein Benutzer, der sein Konto nicht mit dieser Adresse verknüpft, kann ihr Passwort nicht ändern.
only-users-with-the-password-permission = Das können nur Benutzer mit der Berechtigung „Passwort“ sowie die Eigentümer und Admins der Organisation.

## admin.rs
every-message-mailroom-sent-or-will = Jede Nachricht, die Mailroom gesendet hat oder senden wird, die neueste zuerst. Ohne Mailserver (--smtp-url) bleiben Nachrichten hier: Öffnen Sie ihre Links selbst oder leiten Sie sie weiter. Passwort-Zurücksetzungen, Registrierungsbestätigungen und Einladungen tragen einen Link allein für ihren Empfänger und werden nie angezeigt.
no-message-yet = Noch keine Nachricht.
background-jobs = Aufträge im Hintergrund
deliveries-and-imports-run-in-the = Zustellungen und Importe laufen im Hintergrund, überstehen Neustarts und werden mit wachsenden Wartezeiten wiederholt.
none = Keine.
job = Auftrag
attempts = Versuche
last-error = Letzter Fehler
retry = Wiederholen

## create_address/mod.rs
is-available = { $address } ist verfügbar.

## create_address/steps.rs
create-an-email-address = E-Mail-Adresse erstellen
step-1-of-3 = Schritt 1 von 3
the-address = · Die Adresse
address = Adresse
next = Weiter
step-2-of-3 = Schritt 2 von 3
who-is-it-for = Für wen ist sie?
step-3-of-3 = Schritt 3 von 3
the-address-has-no-password-until = Die Adresse hat kein Passwort, bis ein Benutzer mit der Berechtigung „Passwort“ eines festlegt; bis dahin empfängt sie E-Mails, aber niemand kann sich anmelden.
mail-programs-log-in-with-it = E-Mail-Programme melden sich damit an.
create-the-address = Adresse erstellen

## dashboard.rs
dns = DNS
create-several-addresses = Mehrere Adressen erstellen
search-addresses = Adressen suchen
start-of-the-address-e-g = Anfang der Adresse, z. B. vertrieb
searching = Suche…
recently-deleted = Kürzlich gelöscht
restorable-until = Wiederherstellbar bis
restore = Wiederherstellen
no-address-yet-create-the-first = Noch keine Adresse. Erstellen Sie die erste mit der Schaltfläche oben.
you-have-no-address-in-this = Sie haben in diesem Dienst noch keine Adresse.
no-address-starts-with = Keine Adresse beginnt mit „{ $prefix }“.
storage = Speicher
not-set = Nicht festgelegt
pages = Seiten
previous = ← Zurück
next-2 = Weiter →

## dns.rs
dns-records = DNS-Einträge
download-as-zone-file = Als Zonendatei herunterladen
check-now = Jetzt prüfen
every-required-record-is-right = Jeder erforderliche Eintrag stimmt.
record = Eintrag
name = Name
value-to-publish = Zu veröffentlichender Wert
optional = (optional)
copy = Kopieren
the-value-of = den Wert von { $name }
found = Gefunden:
dkim-signing-keys = DKIM-Signaturschlüssel
no-key-yet-make-the-domain = Noch kein Schlüssel. Erstellen Sie die Schlüssel der Domain, veröffentlichen Sie ihre Einträge oben und prüfen Sie dann: Signiert wird, sobald sie sichtbar sind.
waiting-to-be-seen-in-the = wartet darauf, im DNS sichtbar zu werden
signs-since = signiert seit { $date }
replaced-keep-it-published-until = ersetzt: veröffentlicht lassen bis { $date }
rotate-the-keys = Schlüssel erneuern
make-the-keys = Schlüssel erstellen

## imports/views.rs
upload-a-csv-file-the-hosted = Laden Sie eine CSV-Datei hoch: die Vorlage des gehosteten Managers (Spalten A lokaler Teil, B Passwort, C Weiterleitungsziel, D
keep-a-copy-or = Kopie behalten oder
do-not-or-named-columns-in = nicht), oder benannte Spalten in beliebiger Reihenfolge:
address-password-password-hash-forward-to = address, password, password_hash, forward_to, keep_copy, display_name, user, permissions, quota
a-size-such-as-500-mb = (eine Größe wie 500 MB oder 2 GB).
comma-semicolon-or-tab-utf-8 = Komma, Semikolon oder Tabulator; UTF-8 oder Windows-1252. Sie sehen das Ergebnis jeder Zeile, bevor etwas erstellt wird.
download-a-template = Vorlage herunterladen
csv-file-drop-it-here-or = CSV-Datei (hier ablegen oder auswählen)
upload-and-preview = Hochladen und prüfen
past-imports = Frühere Importe
file = Datei
uploaded = Hochgeladen
failed = Fehlgeschlagen
skipped = Übersprungen
and-skip-the-others = und die übrigen überspringen
fix-the-file-and-upload-again = Korrigieren Sie die Datei und laden Sie sie erneut hoch
line = Zeile
outcome = Ergebnis
will-be-created-2 = Wird erstellt
forwarding-2 = , mit Weiterleitung
with-its-user = , mit ihrem Benutzer
pages-of-the-preview = Seiten der Vorschau
previous-page = Vorherige Seite
next-page = Nächste Seite
rows-done = Erledigte Zeilen
finished = · abgeschlossen
download-the-report-csv = Bericht herunterladen (CSV)
result = Ergebnis

## login.rs
forgot-your-password = Passwort vergessen?

## members.rs
members = Mitglieder
member = Mitglied
role = Rolle
you = (Sie)
role-of = Rolle von { $login }
change = Ändern
the-role-of = die Rolle von { $login }
reset-two-factor = Zwei-Faktor zurücksetzen
removing-a-member-removes-their-access = Wer ein Mitglied entfernt, entzieht ihm den Zugriff auf jede Adresse der Organisation. Der letzte Eigentümer kann weder entfernt noch herabgestuft werden.
owners-and-admins-must-sign-in = Eigentümer und Admins müssen sich mit einem zweiten Faktor anmelden (sie richten ihn bei der nächsten Anmeldung ein)
who-must-sign-in-with-a-second-factor = Wer sich mit einem zweiten Faktor anmelden muss
second-factor-nobody = Niemand muss es (jede Person kann ihn dennoch einrichten)
second-factor-everyone = Alle Mitglieder, Eigentümer und Admins eingeschlossen (sie richten ihn bei der nächsten Anmeldung ein; wer mehreren Organisationen angehört, folgt der strengsten)
save = Speichern

## quota.rs
full = Voll
nearly-full = Fast voll
quota = Kontingent:
the-service-s-default = (Standard des Dienstes).
no-quota-the-mailbox-may-grow = Kein Kontingent: Das Postfach darf unbegrenzt wachsen.
in-use = Belegt:
quota-of-this-address = Kontingent dieser Adresse
e-g-2-gb = z. B. 2 GB
save-the-quota = Kontingent speichern
empty-the-service-s-default-mail = Leer: Standard des Dienstes. E-Mails an ein volles Postfach werden abgewiesen.
default-quota = Standardkontingent:
quota-of-addresses-without-their-own = Kontingent der Adressen ohne eigenes

## reset.rs
back-to-the-login = Zurück zur Anmeldung
enter-the-email-address-you-log = Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden: Wir senden einen Link zum Festlegen eines neuen Passworts.
send-the-link = Link senden
your-password-is-changed = Ihr Passwort ist geändert
every-session-of-your-account-was = Alle Sitzungen Ihres Kontos wurden abgemeldet. Melden Sie sich mit dem neuen Passwort an.
choose-a-new-password = Neues Passwort festlegen
for = Für

## services.rs
invitations-for-you = Einladungen für Sie
invites-you-to-use = { $organisation } lädt Sie ein, { $address } zu nutzen
email-services = E-Mail-Dienste
each-service-holds-the-addresses-of = Jeder Dienst enthält die Adressen einer Domain.
members-of = Mitglieder von { $organisation }
api-tokens = API-Tokens
no-email-service-yet = Noch kein E-Mail-Dienst.
domain = Domain
addresses = Adressen
added = Hinzugefügt
add-an-email-service = E-Mail-Dienst hinzufügen
a-domain-your-organisation-owns-such = Eine Domain Ihrer Organisation, etwa example.org. Internationale Namen wie bücher.example funktionieren auch.
add-the-service = Dienst hinzufügen
default-permissions = Standardberechtigungen
ticked-in-advance-when-an-address = Vorausgewählt, wenn eine Adresse mit jemandem geteilt wird
save-the-defaults = Standards speichern

## setup.rs
set-up-mailroom = Mailroom einrichten
create-your-organisation-and-its-owner = Erstellen Sie Ihre Organisation und das Konto ihres Eigentümers. Damit verwalten Sie die E-Mail-Adressen Ihrer Domains.
you-will-log-in-with-it = Sie melden sich damit an.
create-the-owner-account = Eigentümerkonto erstellen
the-password-needs = Das Passwort braucht:

## tokens.rs
copy-the-token-now-it-is = Kopieren Sie das Token jetzt: Es wird nicht erneut angezeigt.
the-new-token = Das neue Token
no-token-yet = Noch kein Token.
scope = Geltungsbereich
make-a-token = Token erstellen
expires-after-days = Läuft ab nach (Tagen)
only-from-these-networks = Nur aus diesen Netzen
n-192-0-2-0-24-2001 = 192.0.2.0/24, 2001:db8::/32
make-the-token = Token erstellen

## two_factor.rs
your-code = Ihr Code
enter-the-6-digit-code-your = Geben Sie den 6-stelligen Code Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein.
lost-your-phone-use-a-recovery = Telefon verloren? Nutzen Sie einen Wiederherstellungscode oder bitten Sie einen Eigentümer oder Admin Ihrer Organisation, Ihre Zwei-Faktor-Anmeldung zurückzusetzen.
cancel-and-log-out = Abbrechen und abmelden
your-organisation-requires-two-factor-sign = Ihre Organisation verlangt die Zwei-Faktor-Anmeldung von Eigentümern und Admins: Schalten Sie sie ein, um fortzufahren.
on-every-login-asks-for-a = Ein: Jede Anmeldung fragt nach einem Code Ihrer Authenticator-App.
turn-it-off = Ausschalten
turn-two-factor-sign-in-off = Zwei-Faktor-Anmeldung ausschalten
off-with-it-a-stolen-password = Aus. Mit ihr öffnet ein gestohlenes Passwort allein Ihr Konto nicht.
turn-on-two-factor-sign-in = Zwei-Faktor-Anmeldung einschalten
scan-this-code-with-an-authenticator = Scannen Sie diesen Code mit einer Authenticator-App (FreeOTP, Aegis, Google Authenticator, 1Password…).
enter-the-6-digit-code-it = Geben Sie den 6-stelligen Code ein, den sie anzeigt.
or-type-this-key = Oder geben Sie diesen Schlüssel ein:
turn-it-on = Einschalten
two-factor-sign-in-is-on = Die Zwei-Faktor-Anmeldung ist eingeschaltet
keep-these-recovery-codes-now = Bewahren Sie diese Wiederherstellungscodes jetzt auf:
they-are-shown-only-once-each = Sie werden nur einmal angezeigt. Jeder öffnet Ihr Konto einmal, falls Ihr Telefon verloren geht.
done-2 = Fertig

## session.rs
this-form-has-expired = Dieses Formular ist abgelaufen
the-form-was-sent-without-a = Das Formular wurde ohne gültiges Sicherheitstoken gesendet, daher wurde nichts geändert. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.

## fields
domain-name = Domainname
current-password = Aktuelles Passwort
new-password = Neues Passwort
new-password-again = Neues Passwort wiederholen
your-email-address-your-login = Ihre E-Mail-Adresse (Ihr Login)
password-again = Passwort wiederholen
code = Code
your-login-password = Ihr Anmeldepasswort
a-code = Ein Code
email-address = E-Mail-Adresse
organisation-name = Name der Organisation
your-email-address = Ihre E-Mail-Adresse
password-of-the-address = Passwort der Adresse
device-name = Gerätename
stops-working-after-days = Funktioniert nicht mehr nach (Tagen)
forward-to = Weiterleiten an
form-expired = Formular abgelaufen
recovery-codes = Wiederherstellungscodes
password-changed = Passwort geändert

## messages with arguments
dns-zone-comment = DNS-Einträge für { $domain } (Mailroom)
dns-of = DNS von { $domain }
dns-state-ok = vorhanden und richtig
dns-state-missing = fehlt
dns-state-wrong = vorhanden, aber abweichend
dns-state-optional = optional, nicht veröffentlicht
error-quota-size = Geben Sie eine Größe wie 500 MB oder 2 GB an, zwischen 1 MB und 10 TB.
error-choose-role = Wählen Sie Eigentümer, Admin oder Mitglied.
error-choose-device = Wählen Sie ein Gerät.
error-choose-purpose = Wählen Sie, für wen die Adresse ist.
local-part-help = Buchstaben a–z, Ziffern, Punkte, Binde- und Unterstriche; höchstens 64 Zeichen.
password-changed-others-logged-out = Ihr Passwort ist geändert. Alle anderen Sitzungen sind abgemeldet.
sign-up-link-sent = Wir haben einen Link an { $login } gesendet. Öffnen Sie ihn innerhalb von 24 Stunden, um Ihr Konto zu erstellen und { $address } zu nutzen.
confirm-account-text = Das Konto { $login } erstellen und { $address } von { $organisation } nutzen.
use-address = { $address } nutzen
link-unknown-title = Dieser Link ist ungültig
link-unknown-text = Prüfen Sie, ob Sie den ganzen Link kopiert haben, oder fordern Sie einen neuen an.
link-expired-title = Dieser Link ist abgelaufen
link-expired-text = Bitten Sie die Person, die ihn gesendet hat, um einen neuen.
link-revoked-title = Dieser Link wurde zurückgezogen
link-revoked-text = Die Person, die ihn erstellt hat, hat ihn widerrufen. Bitten Sie sie um einen neuen, wenn Sie noch Zugriff brauchen.
link-used-title = Diese Einladung wurde bereits angenommen
link-used-text = Eine Einladung funktioniert einmal. Melden Sie sich an, um die Adresse zu nutzen.
error-choose-scope = Wählen Sie Lesen, Adressen oder Admin.
error-token-days = Geben Sie eine Anzahl Tage zwischen 1 und 3650 an, oder nichts.
token-name-help = Wofür es dient, etwa „HR-Bereitstellung“.
scope-read-help = Dienste, Adressen, Mitglieder, Importe, Aufträge und den Postausgang lesen.
scope-addresses-help = Auch Adressen, ihre Benutzer, Links und Importe erstellen, ändern und löschen.
scope-admin-help = Alles, was ein Admin darf.
token-days-help = Leer: bis zum Widerruf.
token-networks-help = Adressen oder CIDR-Netze, durch Kommas getrennt; leer: alle.
never = nie
token-revoked = widerrufen
token-active = aktiv
token-expired = abgelaufen
error-not-a-network = „{ $value }“ ist keine Adresse und kein Netz.
error-upload-too-large = Die Datei ist zu groß, oder das Hochladen wurde abgebrochen.
error-upload-unreadable = Die hochgeladene Datei konnte nicht gelesen werden; versuchen Sie es noch einmal.
error-upload-missing = Wählen Sie eine CSV-Datei zum Hochladen.
import-state-uploaded = geprüft, nicht gestartet
import-state-running = wird erstellt
import-state-done = abgeschlossen
import-rows = { $count ->
        [one] { $count } Zeile
       *[other] { $count } Zeilen
    }
import-will-be-created = { $count } werden erstellt
import-cannot-be = { $count } nicht
import-format = { $encoding }, getrennt durch { $separator }
separator-tabs = Tabulatoren
separator-semicolons = Semikolons
separator-commas = Kommas
import-create-valid = { $count ->
        [one] Die gültige Adresse erstellen
       *[other] Die { $count } gültigen Adressen erstellen
    }
import-refused = Spalte { $column }: { $reason }
import-pager = Zeilen { $first }–{ $last } von { $rows } (Seite { $page } von { $pages })
import-done-of = { $done } von { $rows } Zeilen erledigt
import-counts = { $created } erstellt, { $failed } fehlgeschlagen, { $skipped } übersprungen
import-eta = noch etwa { $seconds } s
row-created = erstellt
row-failed = fehlgeschlagen: { $reason }
row-skipped = übersprungen (Spalte { $column }): { $reason }
profile-link-expired = Dieser Link ist abgelaufen: Erstellen Sie auf der Seite der Adresse einen neuen.
reset-throttled = Zu viele Anfragen. Warten Sie { $seconds } Sekunden, bevor Sie erneut fragen.
error-device-days = Geben Sie eine Anzahl Tage von 1 bis 3650 an, oder nichts.
tab-general = Allgemein
tab-aliases = Aliasse
tab-forwarding = Weiterleitung
tab-password = Passwort
tab-history = Verlauf
message-queued = in der Warteschlange
message-sent = gesendet am { $at }
message-in-outbox = im Postausgang (kein Mailserver eingerichtet)
message-withheld = nicht gesendet: Kein Mailserver eingerichtet, und sie enthält einen privaten Link (das Serverprotokoll vermerkt es)
message-private-body = Ihr Link ist allein für den Empfänger bestimmt und wird hier nicht angezeigt.
message-retrying = neuer Versuch am { $at } ({ $error })
message-failed = fehlgeschlagen: { $error }
kind-standard-help = Postfach: sendet und empfängt.
kind-no-reply-help = No-reply: sendet, und der Mailserver weist E-Mails an sie ab.
kind-catch-all-help = Catch-all: empfängt E-Mails an jeden Namen der Domain, der zu keiner anderen Adresse passt; kann nicht senden.
device-iphone = iPhone oder iPad
device-mac = Mail auf dem Mac
device-other = Ein anderes Programm
login-throttled = { $seconds ->
        [one] Zu viele Fehlversuche. Warten Sie 1 Sekunde, bevor Sie es erneut versuchen.
       *[other] Zu viele Fehlversuche. Warten Sie { $seconds } Sekunden, bevor Sie es erneut versuchen.
    }
delete-address-title = { $address } löschen
delete-address-question = { $address } löschen?
delete-until = Bis { $until } ({ $days ->
        [one] { $days } Tag
       *[other] { $days } Tage
    })
address-count = { $count ->
        [one] { $count } Adresse
       *[other] { $count } Adressen
    }
dns-to-fix = { $count } zu beheben
purpose-me = Für mich
purpose-me-help = Sie erhalten Zugriff mit allen Berechtigungen und können ihre E-Mails sofort lesen.
purpose-other = Für einen anderen Benutzer
purpose-other-help = Ein Mitglied der Organisation erhält sofort Zugriff; alle anderen werden per E-Mail eingeladen.
purpose-multiple = Für mehrere Benutzer
purpose-multiple-help = Eine gemeinsame Adresse mit Passwort; ihre Benutzer fügen Sie danach auf der Seite der Adresse hinzu.
purpose-no-reply = Allgemein: no-reply
purpose-no-reply-help = Sendet, empfängt aber nie: Der Mailserver weist E-Mails an sie ab. Meist no-reply genannt.
purpose-catch-all = Allgemein: catch-all
purpose-catch-all-help = Empfängt E-Mails an jeden Namen dieser Domain, der zu keiner anderen Adresse passt. Kann nicht senden. Eine pro Domain.
history-command-line = Kommandozeile
dns-problems = DNS: { $count } zu beheben
dns-checked-at = Geprüft am { $at } UTC.
dns-check-failed = Die Prüfung ist fehlgeschlagen: { $error }
dns-required-to-fix = { $count ->
        [one] { $count } erforderlicher Eintrag zu beheben.
       *[other] { $count } erforderliche Einträge zu beheben.
    }
two-factor-of = von { $login }
until-date = bis { $date }
from-ip = von { $ip }
alias-help = Ein weiterer Name unter { $domain }, der hierher zustellt.
created-on = erstellt am { $date }
remove-from-address = { $login } von dieser Adresse entfernen
invitation-email-state = E-Mail: { $state }
resend-to = an { $email }
link-uses = { $count ->
        [one] { $count }-mal
       *[other] { $count }-mal
    }
forwarding-to = an { $to }
message-to = An { $to }
attempts-of = { $attempts } von { $max }
language = Sprache
language-change = Ändern
strength-too-short = Zu kurz
strength-weak = Schwach
strength-fair = Mittel
strength-good = Gut
strength-strong = Stark
ui-table = Tabelle
ui-scrolls-sideways = { $name } (seitlich scrollbar)
ui-copied = Kopiert
organisation-language = Standardsprache
organisation-language-help = Für Personen, die keine gewählt haben und deren Browser keine dieser Sprachen verlangt, und für Einladungen, sofern die einladende Person keine andere wählt.
account-language = Ihre Sprache in Mailroom
language-auto = Wie mein Browser es verlangt
invitation-pending = { $email } · eingeladen am { $invited }, gültig bis { $until }
forwarded-kept = E-Mails an { $address } werden an { $to } weitergeleitet, und eine Kopie bleibt im Postfach.
forwarded-not-kept = E-Mails an { $address } werden an { $to } weitergeleitet und nicht im Postfach behalten.
error-setup-organisation = Geben Sie den Namen Ihrer Organisation ein.
error-who-not-an-email = Geben Sie die E-Mail-Adresse eines Mitglieds oder der einzuladenden Person ein.
invitation-language = Sprache der Einladung
error-bad-form-title = Ungültige Anfrage
error-bad-form = Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es noch einmal.
error-internal-title = Etwas ist schiefgelaufen
error-internal = Bei uns ist etwas schiefgelaufen, und es wurde nichts geändert. Der Fehler wurde protokolliert; versuchen Sie es gleich noch einmal.
error-not-found-title = Nicht gefunden
error-not-found = Diese Seite gibt es nicht, oder Sie haben keinen Zugriff darauf.
error-forbidden-title = Nicht erlaubt
error-suspended-title = Organisation gesperrt
error-forbidden = Sie haben keine Berechtigung dafür.
error-refused-title = Nicht möglich
error-disk-full-title = Der Datenträger ist voll
error-disk-full = Der Datenträger mit der Datenbank von Mailroom ist voll, daher wurde nichts geändert. Alles bereits Gespeicherte ist noch da; bitten Sie die Person, die diesen Server betreibt, Platz zu schaffen, und versuchen Sie es dann noch einmal.
error-already-set-up-title = Bereits eingerichtet
error-language = Wählen Sie Englisch, Französisch, Deutsch oder Italienisch.

## names.rs
role-owner = Eigentümer
role-admin = Admin
role-member = Mitglied
permission-password = Passwort
permission-forwarding = Weiterleitung
permission-aliases = Aliasse
permission-users = Benutzer
permission-history = Verlauf
permission-quota = Kontingent
permission-password-help = Darf das Passwort der Adresse ändern
permission-forwarding-help = Darf festlegen, wohin E-Mails an diese Adresse weitergeleitet werden
permission-aliases-help = Darf weitere Namen hinzufügen und entfernen, die hierher zustellen
permission-users-help = Darf Benutzer einladen und entfernen und ihre Berechtigungen bearbeiten
permission-history-help = Darf den Änderungsverlauf der Adresse lesen
permission-quota-help = Darf ändern, wie viele E-Mails die Adresse behalten darf
permissions-none = keine
scope-read = Lesen
scope-addresses = Adressen
scope-admin = Admin
scope-operator = Betreiber
token-acts-as = handelt als { $login }
operator-api-tokens = API-Tokens der Betreiber
operator-tokens-intro = Die Systeme eines Anbieters erstellen, sperren, entsperren und löschen Organisationen, setzen ihre Limits und lesen ihre Nutzung über /api/v1/operator und senden dabei { $header }. Ein Token handelt als der Betreiber, der es erstellt hat, und funktioniert nicht mehr, sobald dieser kein Betreiber mehr ist.
kind-standard = Postfach
kind-no-reply = No-reply
kind-catch-all = Catch-all
job-state-queued = wartend
job-state-running = laufend
job-state-done = erledigt
job-state-failed = fehlgeschlagen
job-deliver-mail = Nachricht { $message } zustellen
job-import-batch = Adressen des Imports { $import } erstellen
job-end-sessions = E-Mail-Sitzungen von { $logins } beenden
job-purge-mailbox = Postfach von { $user } leeren
breadcrumb = Brotkrumennavigation
quota-none = keines

## bulk/row.rs, import_check.rs, import_batch.rs
row-unknown-column = Unbekannte Spalte „{ $column }“
row-not-in-domain = { $address } gehört nicht zu { $domain }
row-password-and-hash = Geben Sie ein Passwort oder einen Passwort-Hash an, nicht beides
row-keep-copy = „{ $value }“ ist weder 0 noch 1
row-invalid-forwarding = Ungültiges Weiterleitungsziel: { $reason }
row-forward-to-itself = Eine Adresse kann nicht an sich selbst weiterleiten
row-display-name-control = Der Anzeigename darf keine Zeilenumbrüche, Tabulatoren oder anderen Steuerzeichen enthalten
row-display-name-long = Der Anzeigename ist länger als 200 Zeichen
row-duplicate = Doppelt: wie Zeile { $line } dieser Datei
row-exists = { $address } existiert bereits
row-reserved = { $address } wurde kürzlich gelöscht und ist reserviert
error-unknown-permission = Unbekannte Berechtigung „{ $name }“
import-stopped = Angehalten: Die Person, die diesen Import gestartet hat, darf diesen Dienst nicht mehr verwalten

dns-not-checked = Noch nicht geprüft: Klicken Sie auf „{ $button }“.
account-login-as = Sie melden sich als { $login } an.
accept-logged-in-as = Sie sind als { $login } angemeldet.
accept-log-in-first = Melden Sie sich an und kommen Sie dann zum Annehmen zurück
tokens-intro = Skripte senden ein Token als { $header } an die API. Ein Token handelt mit Ihren Rechten, beschränkt auf seinen Geltungsbereich und diese Organisation.
tokens-reference = Die API-Referenz
reset-sent = Falls sich ein Konto als { $email } anmeldet, ist ein Link zum Festlegen eines neuen Passworts unterwegs. Er funktioniert einmal, innerhalb einer Stunde.
devices-intro = Jedes E-Mail-Programm meldet sich als { $login } mit einem eigenen Gerätepasswort an. Widerrufen Sie eines oder verlieren Sie den Zugriff auf die Adresse, ist dieses Programm sofort ausgesperrt.
aliases-intro = E-Mails an einen Alias kommen in { $address } an. Mit einem Alias kann auch gesendet werden.
settings-username = Benutzername: { $login }, mit einem Gerätepasswort (unten) oder dem Passwort der Adresse.
setup-which-device = Welches Gerät oder Programm wird { $address } lesen? Dabei wird ein Gerätepasswort dafür erstellt.
setup-thunderbird-enter = Geben Sie Ihren Namen, { $login } und das Passwort oben ein, dann Weiter: Thunderbird findet die Server selbst.
setup-outlook-enter = Geben Sie { $login } ein, dann das Passwort oben: Outlook findet die Server selbst (Autodiscover).
setup-other-enter = Geben Sie { $login } und das Passwort oben ein, wählen Sie die manuelle Einrichtung und die Server unten.

usage-of = { $used } von { $limit }
domain-not-verified = Diese Domain ist noch nicht bestätigt: Der Mailserver nimmt keine ihrer Nachrichten an, bis sie es ist.
domain-verify-how = Veröffentlichen Sie diesen TXT-Eintrag auf { $domain }, um zu zeigen, dass die Domain Ihnen gehört, und klicken Sie dann auf „{ $button }“ (Mailroom prüft auch selbst alle paar Stunden):
domain-not-verified-badge = Nicht bestätigt: noch keine Mails
organisation-suspended-since = Am { $date } vom Betreiber gesperrt: { $reason }. Ihre Adressen empfangen weiterhin Mails; die Anmeldung an ihnen wartet bis zum Ende der Sperre.
operator-console = Betreiber
organisations = Organisationen
search-organisations = Name oder Domain
search = Suchen
new-organisation = Neue Organisation
first-owner = Anmeldename des ersten Inhabers
first-owner-help = Eine Person mit Konto wird sofort Eigentümer; alle anderen erhalten per E-Mail eine Einladung, es zu werden.
owner-invitation-waits = Eine Einladung, Eigentümer zu werden, wartet bei { $email } (gültig bis { $date }).
add-an-owner = Eigentümer hinzufügen
add-an-owner-help = Eine Person mit Konto wird sofort Eigentümer (ein Mitglied bleibt es, als Eigentümer); alle anderen erhalten eine Einladung per E-Mail, die eine wartende ersetzt.
add-the-owner = Eigentümer hinzufügen
owner-invited = { $email } (eingeladen)
owner-invitation-lapsed = { $email } (Einladung abgelaufen)
owner-invitation-expired = Die Einladung an { $email }, Eigentümer zu werden, ist am { $date } abgelaufen: Laden Sie unten erneut ein.
withdraw-the-invitation = Einladung zurückziehen
become-owner-of = Eigentümer von { $organisation } werden
owner-invitation-text = Der Betreiber dieser Installation lädt { $email } ein, Eigentümer von { $organisation } zu werden: ihrer Domains, Adressen und Mitglieder.
owner-invitation-sign-in = Ein Konto meldet sich bereits als { $email } an: Melden Sie sich damit an, um anzunehmen.
owner-invitation-other-login = Sie sind als { $login } angemeldet, diese Einladung gilt aber { $email }: Melden Sie sich ab und öffnen Sie den Link erneut.
sign-in-to-accept = Zum Annehmen anmelden
sign-out = Abmelden
become-the-owner = Eigentümer werden
create-account-and-become-owner = Konto erstellen und Eigentümer werden
create-the-organisation = Organisation anlegen
no-organisation-found = Keine Organisation gefunden.
owners = Inhaber
domains = Domains
limits = Limits
limits-help = Leer: kein Limit. Was die Organisation schon hat, bleibt; nur mehr davon wird abgelehnt.
limit-used = { $used } belegt
used-of-limit = { $used } von { $max }
limit-services = Dienste (Domains)
limit-addresses = Adressen
limit-members = Mitglieder
limit-import-rows = Zeilen eines Imports
limit-storage = Postfachspeicher (Kontingente addiert)
limit-storage-help = eine Größe wie 500 GB oder 2 TB
error-limit-size = Geben Sie eine Größe wie 500 GB oder 2 TB an, oder lassen Sie das Feld für kein Limit leer.
save-the-limits = Limits speichern
limits-of-new-organisations = Limits neuer Organisationen
limits-of-new-organisations-help = Womit eine ab jetzt erstellte Organisation beginnt; leer: kein Limit. Bestehende Organisationen behalten ihre.
suspend-the-organisation = Organisation sperren
resume-the-organisation = Organisation entsperren
organisation-deleted-on = Gelöscht am { $date }: Die Mitgliedschaften ihrer Personen sind beendet, und der Mailserver kennt ihre Domains nicht mehr. Sie kann bis { $until } wiederhergestellt werden; danach werden ihre Adressen, deren E-Mails, ihre Domains und ihre Tokens endgültig entfernt.
restore-the-organisation = Organisation wiederherstellen
delete-the-organisation = Organisation löschen
delete-organisation-consequences = Sofort verlieren ihre Personen die Mitgliedschaft, ihre Domains empfangen keine E-Mails mehr und ihre Mailprogramme werden getrennt. Sie kann bis { $until } wiederhergestellt werden; danach werden ihre Adressen, jede Nachricht in deren Postfächern, ihre Domains und ihre Tokens endgültig entfernt.
i-understand-that-this-organisation-and = Mir ist bewusst, dass diese Organisation, ihre Adressen und deren E-Mails gelöscht werden.
suspension-reason = Grund
suspension-reason-help = Die Mitglieder lesen ihn bei der Anmeldung. Mails kommen weiter an; Mail-Anmeldungen warten.
error-limit-number = Ein Limit ist eine ganze Zahl oder leer für keines.
leave-organisation = { $organisation } verlassen
organisation = Organisation
all-organisations = Alle Organisationen
history-of = Verlauf von { $organisation }
no-history-yet = Hier ist noch nichts geschehen.
older-events = Ältere Ereignisse
the-operator = der Betreiber der Installation
history-operator-create = Hat die Organisation erstellt
history-operator-suspend = Hat die Organisation gesperrt: { $reason }
history-operator-resume = Hat die Sperre aufgehoben
history-operator-limits = Hat die Limits gesetzt: { $limits }
history-operator-delete = Hat die Organisation gelöscht
history-operator-restore = Hat die Organisation wiederhergestellt
history-operator-add-owner = Hat { $login } zum Eigentümer gemacht
history-operator-invite-owner = Hat { $email } eingeladen, Eigentümer zu werden
history-operator-withdraw-owner = Hat die Einladung an { $email }, Eigentümer zu werden, zurückgezogen
tab-auto-reply = Abwesenheit
permission-auto-reply = Abwesenheitsnotiz
permission-auto-reply-help = Darf die automatische Antwort festlegen, die während der Abwesenheit gesendet wird
job-install-sieve = die automatische Antwort der Adresse { $address } auf dem Mailserver aktualisieren
auto-reply-on = Automatische Antworten sind eingeschaltet.
auto-reply-off = Es wird keine automatische Antwort gesendet.
auto-reply-from = Automatische Antworten beginnen am { $start } ({ $zone }).
auto-reply-from-until = Automatische Antworten werden vom { $start } bis zum { $end } gesendet ({ $zone }).
auto-reply-until = Automatische Antworten sind bis zum { $end } eingeschaltet ({ $zone }).
auto-reply-ended = Die automatische Antwort endete am { $end }.
auto-reply-needs-mail-server = Mailroom ist nicht mit der doveadm-API des Mailservers verbunden und kann daher keine Antwort einrichten. Wer diesen Server betreibt, kann die Verbindung herstellen (--doveadm-url).
auto-reply-send = Automatische Antwort senden
auto-reply-subject = Betreff
auto-reply-subject-help = Optional: ohne Betreff „Auto:“ gefolgt vom Betreff der beantworteten Nachricht.
auto-reply-message = Nachricht
auto-reply-message-help = Reiner Text, wird so gesendet, wie er geschrieben ist.
auto-reply-start = Beginn
auto-reply-end = Ende
auto-reply-time-help = Optional; in der Zeitzone der Organisation ({ $zone }).
auto-reply-days = Tage, bevor derselbe Absender erneut eine Antwort erhält
auto-reply-days-help = 1 bis 60 Tage.
auto-reply-only-own-domains = Nur Absendern aus den Domains der Organisation antworten
auto-reply-save = Antwort speichern
auto-reply-preview = Vorschau
auto-reply-turn-off = Antwort ausschalten
auto-reply-preview-title = Was Absender erhalten
auto-reply-preview-from = Von
auto-reply-default-subject = Auto: (der Betreff ihrer Nachricht)
organisation-time-zone = Zeitzone
organisation-time-zone-help = Die Daten automatischer Antworten werden darin eingegeben und angezeigt, z. B. Europe/Zurich.
