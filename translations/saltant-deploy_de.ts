<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CheckSuite</name>
    <message>
        <source>SSH port</source>
        <translation>SSH-Port</translation>
    </message>
    <message>
        <source>HTTP port</source>
        <translation>HTTP-Port</translation>
    </message>
    <message>
        <source>HTTPS port</source>
        <translation>HTTPS-Port</translation>
    </message>
    <message>
        <source>AMQPS port</source>
        <translation>AMQPS-Port</translation>
    </message>
    <message>
        <source>AMQP port</source>
        <translation>AMQP-Port</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>HTTP to HTTPS redirect</source>
        <translation>Umleitung von HTTP auf HTTPS</translation>
    </message>
    <message>
        <source>Flower asks for a password</source>
        <translation>Flower fragt nach einem Passwort</translation>
    </message>
    <message>
        <source>Flower login</source>
        <translation>Flower-Anmeldung</translation>
    </message>
    <message>
        <source>RabbitMQ management UI</source>
        <translation>RabbitMQ-Verwaltungsoberfläche</translation>
    </message>
    <message>
        <source>Certificate of %1</source>
        <translation>Zertifikat von %1</translation>
    </message>
    <message>
        <source>AMQPS certificate of %1</source>
        <translation>AMQPS-Zertifikat von %1</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <source>%1 does not resolve (no A or AAAA record)</source>
        <translation>%1 lässt sich nicht auflösen (kein A- oder AAAA-Eintrag)</translation>
    </message>
    <message>
        <source>%1 could not be resolved: %2</source>
        <translation>%1 konnte nicht aufgelöst werden: %2</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Check DNS, ports, the live site, Flower, RabbitMQ and certificates.</source>
        <translation>DNS, Ports, die laufende Website, Flower, RabbitMQ und Zertifikate prüfen.</translation>
    </message>
    <message>
        <source>Only the preflight checks (DNS and open ports).</source>
        <translation>Nur die Vorabprüfungen (DNS und offene Ports).</translation>
    </message>
    <message>
        <source>check: nothing checked; fix the settings above.</source>
        <translation>check: nichts geprüft; bitte die obigen Einstellungen korrigieren.</translation>
    </message>
    <message>
        <source>List the project&apos;s problems, errors first; exit 1 on any error.</source>
        <translation>Die Probleme des Projekts auflisten, Fehler zuerst; Exit-Status 1 bei einem Fehler.</translation>
    </message>
    <message>
        <source>Usage: saltant-deploy-cli COMMAND [OPTIONS]
Configure and deploy a production saltant server.

Commands:
</source>
        <translation>Aufruf: saltant-deploy-cli BEFEHL [OPTIONEN]
Einen saltant-Produktionsserver konfigurieren und bereitstellen.

Befehle:
</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.

</source>
        <translation>Unbekannter Befehl „%1“.

</translation>
    </message>
    <message>
        <source>Write the built-in example project to FILE.</source>
        <translation>Das eingebaute Beispielprojekt in FILE schreiben.</translation>
    </message>
    <message>
        <source>Overwrite FILE if it exists.</source>
        <translation>FILE überschreiben, falls vorhanden.</translation>
    </message>
    <message>
        <source>new: give exactly one FILE, e.g. `new site.saltant.json`.</source>
        <translation>new: genau eine FILE angeben, z. B. `new site.saltant.json`.</translation>
    </message>
    <message>
        <source>new: %1 exists; pass --force to overwrite it.</source>
        <translation>new: %1 existiert bereits; mit --force überschreiben.</translation>
    </message>
    <message>
        <source>Wrote the example project to %1.</source>
        <translation>Beispielprojekt nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Compare the server with the project: diffs and the commands a deploy would run. Changes nothing.</source>
        <translation>Server mit dem Projekt vergleichen: Unterschiede und die Befehle, die eine Bereitstellung ausführen würde. Ändert nichts.</translation>
    </message>
    <message>
        <source>Project file (*.saltant.json); default: the built-in example.</source>
        <translation>Projektdatei (*.saltant.json); Standard: das eingebaute Beispiel.</translation>
    </message>
    <message>
        <source>Override a setting by its dotted key (see `settings`); repeatable.</source>
        <translation>Eine Einstellung über ihren Punkt-Schlüssel überschreiben (siehe `settings`); wiederholbar.</translation>
    </message>
    <message>
        <source>--set %1: expected KEY=VALUE, e.g. --set nginx.clientMaxBodySize=20M.</source>
        <translation>--set %1: KEY=VALUE erwartet, z. B. --set nginx.clientMaxBodySize=20M.</translation>
    </message>
    <message>
        <source>Write every generated file under DIR, at its path on the server.</source>
        <translation>Jede erzeugte Datei unter DIR schreiben, an ihrem Pfad auf dem Server.</translation>
    </message>
    <message>
        <source>Output directory.</source>
        <translation>Ausgabeverzeichnis.</translation>
    </message>
    <message>
        <source>Fill in the secrets stored in the OS keychain (files holding them are written 0600); default: placeholders.</source>
        <translation>Die im Schlüsselbund des Systems gespeicherten Geheimnisse einsetzen (Dateien mit Geheimnissen erhalten Modus 0600); Standard: Platzhalter.</translation>
    </message>
    <message>
        <source>render: --out DIR is required.</source>
        <translation>render: --out DIR ist erforderlich.</translation>
    </message>
    <message>
        <source>render: nothing written; fix the settings above.</source>
        <translation>render: nichts geschrieben; bitte die obigen Einstellungen korrigieren.</translation>
    </message>
    <message>
        <source>Cannot read the terminal&apos;s settings to hide the value.</source>
        <translation>Die Terminaleinstellungen zum Verbergen des Werts können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Cannot turn the terminal&apos;s echo off to hide the value.</source>
        <translation>Das Echo des Terminals kann zum Verbergen des Werts nicht abgeschaltet werden.</translation>
    </message>
    <message>
        <source>Value for %1 (not shown): </source>
        <translation>Wert für %1 (wird nicht angezeigt): </translation>
    </message>
    <message>
        <source>Cannot read the value from standard input.</source>
        <translation>Der Wert kann nicht von der Standardeingabe gelesen werden.</translation>
    </message>
    <message>
        <source>The value is longer than %1 bytes.</source>
        <translation>Der Wert ist länger als %1 Bytes.</translation>
    </message>
    <message>
        <source>Store (set NAME, value on stdin), list or delete secrets in the OS keychain.</source>
        <translation>Geheimnisse im Schlüsselbund des Systems speichern (set NAME, Wert über stdin), auflisten (list) oder löschen (delete).</translation>
    </message>
    <message>
        <source>Usage: saltant-deploy-cli secret set NAME | list | delete NAME [--project FILE]</source>
        <translation>Aufruf: saltant-deploy-cli secret set NAME | list | delete NAME [--project FILE]</translation>
    </message>
    <message>
        <source>stored %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>%1 was not stored</source>
        <translation>%1 war nicht gespeichert</translation>
    </message>
    <message>
        <source>Print every setting as dotted.key=value.</source>
        <translation>Jede Einstellung als punkt.schlüssel=wert ausgeben.</translation>
    </message>
    <message>
        <source>settings: secret states unknown: %1</source>
        <translation>settings: Zustand der Geheimnisse unbekannt: %1</translation>
    </message>
    <message>
        <source>
Run `saltant-deploy-cli COMMAND --help` for a command&apos;s options.
Options: --help, --version, --lang CODE
</source>
        <translation>
`saltant-deploy-cli BEFEHL --help` zeigt die Optionen eines Befehls.
Optionen: --help, --version, --lang CODE
</translation>
    </message>
    <message>
        <source>Only the health checks (site, /flower/, /rabbitmq/, certificates). Logs in to Flower with its password from the keychain, or from SALTANT_FLOWER_PASSWORD in the environment when that is set.</source>
        <translation>Nur die Zustandsprüfungen (Site, /flower/, /rabbitmq/, Zertifikate). Meldet sich mit dem Passwort aus dem Schlüsselbund bei Flower an, oder mit SALTANT_FLOWER_PASSWORD aus der Umgebung, wenn dort gesetzt.</translation>
    </message>
    <message>
        <source>the secret flower.password has no value; set it with `secret set flower.password`.</source>
        <translation>das Geheimnis flower.password hat keinen Wert; mit `secret set flower.password` setzen.</translation>
    </message>
    <message>
        <source>note: the Flower login is not checked: %1</source>
        <translation>Hinweis: Die Flower-Anmeldung wird nicht geprüft: %1</translation>
    </message>
    <message>
        <source>lint: secret states unknown, so every needed secret is listed as missing: %1</source>
        <translation>lint: Zustand der Geheimnisse unbekannt, daher wird jedes benötigte Geheimnis als fehlend aufgeführt: %1</translation>
    </message>
    <message>
        <source>Change settings in the project file (KEY=VALUE, or --reset KEY for the default).</source>
        <translation>Einstellungen in der Projektdatei ändern (SCHLÜSSEL=WERT, oder --reset SCHLÜSSEL für den Standardwert).</translation>
    </message>
    <message>
        <source>The project file to change (*.saltant.json).</source>
        <translation>Die zu ändernde Projektdatei (*.saltant.json).</translation>
    </message>
    <message>
        <source>Put a setting back to its default; repeatable.</source>
        <translation>Eine Einstellung auf ihren Standardwert zurücksetzen; wiederholbar.</translation>
    </message>
    <message>
        <source>set: give the file to change with --project FILE.</source>
        <translation>set: Geben Sie die zu ändernde Datei mit --project DATEI an.</translation>
    </message>
    <message>
        <source>set: nothing to change; give KEY=VALUE (see `settings` for the keys) or --reset KEY.</source>
        <translation>set: nichts zu ändern; geben Sie SCHLÜSSEL=WERT (die Schlüssel listet `settings`) oder --reset SCHLÜSSEL an.</translation>
    </message>
    <message>
        <source>set %1: expected KEY=VALUE, e.g. nginx.clientMaxBodySize=20M.</source>
        <translation>set %1: SCHLÜSSEL=WERT erwartet, z. B. nginx.clientMaxBodySize=20M.</translation>
    </message>
    <message>
        <source>Run the checks on worker host NAME over SSH (broker name, port, certificate and AMQP login seen from there, its virtualenv, its container runtime); repeatable.</source>
        <translation>Die Prüfungen auf dem Worker-Host NAME über SSH ausführen (Broker-Name, Port, Zertifikat und AMQP-Anmeldung von dort aus gesehen, sein virtualenv, seine Container-Laufzeit); wiederholbar.</translation>
    </message>
    <message>
        <source>Run the worker checks on every worker host.</source>
        <translation>Die Worker-Prüfungen auf jedem Worker-Host ausführen.</translation>
    </message>
    <message>
        <source>With --host: a CA file on the worker trusted for the broker&apos;s certificate instead of its system store (a private ACME server).</source>
        <translation>Mit --host: eine CA-Datei auf dem Worker, der für das Zertifikat des Brokers statt seines System-Zertifikatsspeichers vertraut wird (ein privater ACME-Server).</translation>
    </message>
    <message>
        <source>check: --all-hosts: the project has no worker hosts; add one first.</source>
        <translation>check: --all-hosts: Das Projekt hat keine Worker-Hosts; fügen Sie zuerst einen hinzu.</translation>
    </message>
    <message>
        <source>check: --host %1: there is no such worker host (the project has: %2).</source>
        <translation>check: --host %1: Diesen Worker-Host gibt es nicht (das Projekt hat: %2).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>warning: secrets could not be read from the keychain: %1</source>
        <translation>Warnung: Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <source>Worker host %1 (%2):</source>
        <translation>Worker-Host %1 (%2):</translation>
    </message>
</context>
<context>
    <name>Deploy</name>
    <message>
        <source>Cannot create the log directory %1.</source>
        <translation>Das Protokollverzeichnis %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write the deploy log %1: %2.</source>
        <translation>Das Bereitstellungsprotokoll %1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to the state query was incomplete or unreadable (a file could not be read, or the connection was cut).</source>
        <translation>Die Antwort des Servers auf die Zustandsabfrage war unvollständig oder unlesbar (eine Datei konnte nicht gelesen werden oder die Verbindung brach ab).</translation>
    </message>
    <message>
        <source>Cannot read the server&apos;s state: %1</source>
        <translation>Der Zustand des Servers kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the server&apos;s state (exit status %1): %2</source>
        <translation>Der Zustand des Servers kann nicht gelesen werden (Exit-Status %1): %2</translation>
    </message>
</context>
<context>
    <name>DeploySteps</name>
    <message>
        <source>Check required programs</source>
        <translation>Benötigte Programme prüfen</translation>
    </message>
    <message>
        <source>Prepare directories and groups</source>
        <translation>Verzeichnisse und Gruppen vorbereiten</translation>
    </message>
    <message>
        <source>Upload files</source>
        <translation>Dateien hochladen</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Validieren</translation>
    </message>
    <message>
        <source>Provision</source>
        <translation>Einrichten</translation>
    </message>
    <message>
        <source>Reload and restart services</source>
        <translation>Dienste neu laden und neu starten</translation>
    </message>
</context>
<context>
    <name>ErlangTermParser</name>
    <message>
        <source>Expected &quot;.&quot; after the term.</source>
        <translation>Nach dem Term wird &quot;.&quot; erwartet.</translation>
    </message>
    <message>
        <source>Expected a space or the end of the file after &quot;.&quot;.</source>
        <translation>Nach &quot;.&quot; wird ein Leerzeichen oder das Dateiende erwartet.</translation>
    </message>
    <message>
        <source>Expected &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; erwartet.</translation>
    </message>
    <message>
        <source>The file ends inside an escape.</source>
        <translation>Die Datei endet mitten in einer Escape-Sequenz.</translation>
    </message>
    <message>
        <source>A \x escape is too long.</source>
        <translation>Eine \x-Escape-Sequenz ist zu lang.</translation>
    </message>
    <message>
        <source>A \x escape is not complete.</source>
        <translation>Eine \x-Escape-Sequenz ist unvollständig.</translation>
    </message>
    <message>
        <source>An escape names no character.</source>
        <translation>Eine Escape-Sequenz bezeichnet kein Zeichen.</translation>
    </message>
    <message>
        <source>A quoted text is not closed.</source>
        <translation>Ein Text in Anführungszeichen wird nicht geschlossen.</translation>
    </message>
    <message>
        <source>A number has more than 4096 digits.</source>
        <translation>Eine Zahl hat mehr als 4096 Ziffern.</translation>
    </message>
    <message>
        <source>Expected a number.</source>
        <translation>Zahl erwartet.</translation>
    </message>
    <message>
        <source>A number base must be between 2 and 36.</source>
        <translation>Die Basis einer Zahl muss zwischen 2 und 36 liegen.</translation>
    </message>
    <message>
        <source>Expected digits of base %1.</source>
        <translation>Ziffern zur Basis %1 erwartet.</translation>
    </message>
    <message>
        <source>Expected the exponent of a float.</source>
        <translation>Der Exponent einer Gleitkommazahl wird erwartet.</translation>
    </message>
    <message>
        <source>A byte in a binary must be between 0 and 255.</source>
        <translation>Ein Byte in einem Binary muss zwischen 0 und 255 liegen.</translation>
    </message>
    <message>
        <source>A binary may hold only strings and bytes here.</source>
        <translation>Ein Binary darf hier nur Zeichenketten und Bytes enthalten.</translation>
    </message>
    <message>
        <source>Expected &quot;,&quot; or &quot;&gt;&gt;&quot; in a binary.</source>
        <translation>In einem Binary wird &quot;,&quot; oder &quot;&gt;&gt;&quot; erwartet.</translation>
    </message>
    <message>
        <source>Records are not terms; expected &quot;#{&quot; for a map.</source>
        <translation>Records sind keine Terme; für eine Map wird &quot;#{&quot; erwartet.</translation>
    </message>
    <message>
        <source>Expected &quot;=&gt;&quot; in a map.</source>
        <translation>In einer Map wird &quot;=&gt;&quot; erwartet.</translation>
    </message>
    <message>
        <source>Terms are nested more than %1 deep; configuration files are not.</source>
        <translation>Terme sind tiefer als %1 Ebenen verschachtelt; Konfigurationsdateien sind das nicht.</translation>
    </message>
    <message>
        <source>The file ends where a term was expected.</source>
        <translation>Die Datei endet, wo ein Term erwartet wurde.</translation>
    </message>
    <message>
        <source>The file ends inside a character literal.</source>
        <translation>Die Datei endet mitten in einem Zeichenliteral.</translation>
    </message>
    <message>
        <source>Expected a number after &quot;%1&quot;.</source>
        <translation>Nach &quot;%1&quot; wird eine Zahl erwartet.</translation>
    </message>
    <message>
        <source>A variable is not a term; quote it (&apos;%1&apos;) if it is an atom.</source>
        <translation>Eine Variable ist kein Term; setzen Sie sie in Anführungszeichen (&apos;%1&apos;), wenn sie ein Atom ist.</translation>
    </message>
    <message>
        <source>Unexpected &quot;%1&quot; where a term was expected.</source>
        <translation>Unerwartetes &quot;%1&quot;, wo ein Term erwartet wurde.</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>The site&apos;s domain: nginx server_name, ALLOWED_HOSTS and DJANGO_BASE_URL in .env, and the Let&apos;s Encrypt certificate name.</source>
        <translation>Die Domain der Website: server_name in nginx, ALLOWED_HOSTS und DJANGO_BASE_URL in .env sowie der Name des Let&apos;s-Encrypt-Zertifikats.</translation>
    </message>
    <message>
        <source>Also serve www.&lt;domain&gt;</source>
        <translation>Auch www.&lt;domain&gt; bedienen</translation>
    </message>
    <message>
        <source>Adds www.&lt;domain&gt; to nginx server_name, ALLOWED_HOSTS and the certificate.</source>
        <translation>Fügt www.&lt;domain&gt; zu server_name in nginx, ALLOWED_HOSTS und dem Zertifikat hinzu.</translation>
    </message>
    <message>
        <source>Canonical URL uses www</source>
        <translation>Kanonische URL mit www</translation>
    </message>
    <message>
        <source>DJANGO_BASE_URL, FLOWER_URL and RABBITMQ_MANAGEMENT_URL in .env use www.&lt;domain&gt; rather than the bare domain.</source>
        <translation>DJANGO_BASE_URL, FLOWER_URL und RABBITMQ_MANAGEMENT_URL in .env verwenden www.&lt;domain&gt; statt der bloßen Domain.</translation>
    </message>
    <message>
        <source>Extra allowed hosts</source>
        <translation>Weitere erlaubte Hosts</translation>
    </message>
    <message>
        <source>More entries for Django&apos;s ALLOWED_HOSTS in .env (hosts, IPs, .suffix).</source>
        <translation>Weitere Einträge für Djangos ALLOWED_HOSTS in .env (Hosts, IP-Adressen, .suffix).</translation>
    </message>
    <message>
        <source>Project owner</source>
        <translation>Projektbesitzer</translation>
    </message>
    <message>
        <source>The Unix user that owns the saltant checkout: owner of .env and the user Flower runs as.</source>
        <translation>Der Unix-Benutzer, dem der saltant-Checkout gehört: Besitzer von .env und Benutzer, unter dem Flower läuft.</translation>
    </message>
    <message>
        <source>Web server group</source>
        <translation>Webserver-Gruppe</translation>
    </message>
    <message>
        <source>The group nginx and uWSGI run as: group of .env (0640) and of the uWSGI socket.</source>
        <translation>Die Gruppe, unter der nginx und uWSGI laufen: Gruppe von .env (0640) und des uWSGI-Sockets.</translation>
    </message>
    <message>
        <source>Project directory</source>
        <translation>Projektverzeichnis</translation>
    </message>
    <message>
        <source>Root of the saltant checkout on the server: uWSGI chdir, Flower&apos;s working directory, and where .env is written.</source>
        <translation>Wurzel des saltant-Checkouts auf dem Server: chdir von uWSGI, Arbeitsverzeichnis von Flower und Ort der .env.</translation>
    </message>
    <message>
        <source>Virtual environment</source>
        <translation>Virtuelle Umgebung</translation>
    </message>
    <message>
        <source>The project&apos;s Python virtualenv: uWSGI home and the Flower executable&apos;s directory. Empty: &lt;project&gt;/venv.</source>
        <translation>Die Python-virtualenv des Projekts: home von uWSGI und Verzeichnis des Flower-Programms. Leer: &lt;project&gt;/venv.</translation>
    </message>
    <message>
        <source>WSGI module</source>
        <translation>WSGI-Modul</translation>
    </message>
    <message>
        <source>The Python module uWSGI loads (module = in the vassal ini).</source>
        <translation>Das Python-Modul, das uWSGI lädt (module = in der Vassal-ini).</translation>
    </message>
    <message>
        <source>Celery app</source>
        <translation>Celery-App</translation>
    </message>
    <message>
        <source>The Celery application Flower inspects (flower -A in flower.service).</source>
        <translation>Die Celery-Anwendung, die Flower untersucht (flower -A in flower.service).</translation>
    </message>
    <message>
        <source>Project name</source>
        <translation>Projektname</translation>
    </message>
    <message>
        <source>The name shown on the site (PROJECT_NAME in .env).</source>
        <translation>Der auf der Website angezeigte Name (PROJECT_NAME in .env).</translation>
    </message>
    <message>
        <source>Debug mode</source>
        <translation>Debug-Modus</translation>
    </message>
    <message>
        <source>DEBUG in .env. Never on in production: it leaks settings in error pages.</source>
        <translation>DEBUG in .env. In der Produktion nie einschalten: Fehlerseiten verraten sonst Einstellungen.</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Django&apos;s TIME_ZONE in .env (an IANA name such as Europe/Berlin).</source>
        <translation>Djangos TIME_ZONE in .env (ein IANA-Name wie Europe/Berlin).</translation>
    </message>
    <message>
        <source>JWT access token lifetime</source>
        <translation>Gültigkeit des JWT-Zugriffstokens</translation>
    </message>
    <message>
        <source>Days an API access token stays valid (JWT_ACCESS_TOKEN_LIFETIME in .env).</source>
        <translation>Tage, die ein API-Zugriffstoken gültig bleibt (JWT_ACCESS_TOKEN_LIFETIME in .env).</translation>
    </message>
    <message>
        <source>JWT refresh token lifetime</source>
        <translation>Gültigkeit des JWT-Aktualisierungstokens</translation>
    </message>
    <message>
        <source>Days a refresh token stays valid (JWT_REFRESH_TOKEN_LIFETIME in .env).</source>
        <translation>Tage, die ein Aktualisierungstoken gültig bleibt (JWT_REFRESH_TOKEN_LIFETIME in .env).</translation>
    </message>
    <message>
        <source>Default task class</source>
        <translation>Standard-Aufgabenklasse</translation>
    </message>
    <message>
        <source>The task class the web UI offers first (DEFAULT_TASK_CLASS in .env).</source>
        <translation>Die Aufgabenklasse, die die Weboberfläche zuerst anbietet (DEFAULT_TASK_CLASS in .env).</translation>
    </message>
    <message>
        <source>Static files directory</source>
        <translation>Verzeichnis für statische Dateien</translation>
    </message>
    <message>
        <source>Where collectstatic puts files (saltant&apos;s STATIC_ROOT) and what nginx serves at /static. Empty: &lt;project&gt;/static.</source>
        <translation>Wohin collectstatic Dateien legt (STATIC_ROOT von saltant) und was nginx unter /static ausliefert. Leer: &lt;project&gt;/static.</translation>
    </message>
    <message>
        <source>Celery time zone</source>
        <translation>Celery-Zeitzone</translation>
    </message>
    <message>
        <source>CELERY_TIMEZONE in .env.</source>
        <translation>CELERY_TIMEZONE in .env.</translation>
    </message>
    <message>
        <source>Broker pool limit</source>
        <translation>Broker-Pool-Limit</translation>
    </message>
    <message>
        <source>Connections Celery keeps open to RabbitMQ (CELERY_BROKER_POOL_LIMIT in .env; 0 disables the pool).</source>
        <translation>Verbindungen, die Celery zu RabbitMQ offen hält (CELERY_BROKER_POOL_LIMIT in .env; 0 schaltet den Pool ab).</translation>
    </message>
    <message>
        <source>This host is a Celery worker</source>
        <translation>Dieser Host ist ein Celery-Worker</translation>
    </message>
    <message>
        <source>IM_A_CELERY_WORKER in .env. The web server is not a worker: leave off.</source>
        <translation>IM_A_CELERY_WORKER in .env. Der Webserver ist kein Worker: ausgeschaltet lassen.</translation>
    </message>
    <message>
        <source>Worker logs directory</source>
        <translation>Verzeichnis für Worker-Protokolle</translation>
    </message>
    <message>
        <source>WORKER_LOGS_DIRECTORY in .env: where workers keep job logs.</source>
        <translation>WORKER_LOGS_DIRECTORY in .env: wo Worker die Protokolle der Jobs ablegen.</translation>
    </message>
    <message>
        <source>Worker results directory</source>
        <translation>Verzeichnis für Worker-Ergebnisse</translation>
    </message>
    <message>
        <source>WORKER_RESULTS_DIRECTORY in .env: where workers keep job results.</source>
        <translation>WORKER_RESULTS_DIRECTORY in .env: wo Worker die Ergebnisse der Jobs ablegen.</translation>
    </message>
    <message>
        <source>Worker temporary directory</source>
        <translation>Temporäres Worker-Verzeichnis</translation>
    </message>
    <message>
        <source>WORKER_TEMP_DIRECTORY in .env: scratch space for running jobs.</source>
        <translation>WORKER_TEMP_DIRECTORY in .env: Arbeitsbereich für laufende Jobs.</translation>
    </message>
    <message>
        <source>Singularity images directory</source>
        <translation>Verzeichnis für Singularity-Images</translation>
    </message>
    <message>
        <source>WORKER_SINGULARITY_IMAGES_DIRECTORY in .env: cache of pulled images.</source>
        <translation>WORKER_SINGULARITY_IMAGES_DIRECTORY in .env: Zwischenspeicher heruntergeladener Images.</translation>
    </message>
    <message>
        <source>Singularity pull timeout</source>
        <translation>Zeitlimit für Singularity-Pull</translation>
    </message>
    <message>
        <source>Seconds a worker waits for an image pull (SINGULARITY_PULL_TIMEOUT in .env).</source>
        <translation>Sekunden, die ein Worker auf das Herunterladen eines Images wartet (SINGULARITY_PULL_TIMEOUT in .env).</translation>
    </message>
    <message>
        <source>Singularity pull retries</source>
        <translation>Wiederholungen des Singularity-Pulls</translation>
    </message>
    <message>
        <source>How often a failed image pull is retried (SINGULARITY_PULL_RETRIES in .env).</source>
        <translation>Wie oft ein fehlgeschlagenes Herunterladen eines Images wiederholt wird (SINGULARITY_PULL_RETRIES in .env).</translation>
    </message>
    <message>
        <source>SMTP host</source>
        <translation>SMTP-Host</translation>
    </message>
    <message>
        <source>Outgoing mail server (EMAIL_HOST in .env).</source>
        <translation>Server für ausgehende E-Mails (EMAIL_HOST in .env).</translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation>SMTP-Port</translation>
    </message>
    <message>
        <source>EMAIL_PORT in .env (587 for STARTTLS).</source>
        <translation>EMAIL_PORT in .env (587 für STARTTLS).</translation>
    </message>
    <message>
        <source>SMTP user</source>
        <translation>SMTP-Benutzer</translation>
    </message>
    <message>
        <source>EMAIL_HOST_USER in .env.</source>
        <translation>EMAIL_HOST_USER in .env.</translation>
    </message>
    <message>
        <source>SMTP uses TLS</source>
        <translation>SMTP mit TLS</translation>
    </message>
    <message>
        <source>EMAIL_USE_TLS in .env.</source>
        <translation>EMAIL_USE_TLS in .env.</translation>
    </message>
    <message>
        <source>From address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <source>DEFAULT_FROM_EMAIL in .env.</source>
        <translation>DEFAULT_FROM_EMAIL in .env.</translation>
    </message>
    <message>
        <source>Database name</source>
        <translation>Datenbankname</translation>
    </message>
    <message>
        <source>PostgreSQL database (DATABASE_NAME in .env).</source>
        <translation>PostgreSQL-Datenbank (DATABASE_NAME in .env).</translation>
    </message>
    <message>
        <source>Database user</source>
        <translation>Datenbankbenutzer</translation>
    </message>
    <message>
        <source>PostgreSQL role (DATABASE_USER in .env).</source>
        <translation>PostgreSQL-Rolle (DATABASE_USER in .env).</translation>
    </message>
    <message>
        <source>Database host</source>
        <translation>Datenbank-Host</translation>
    </message>
    <message>
        <source>DATABASE_HOST in .env; PostgreSQL stays on this machine in the guide.</source>
        <translation>DATABASE_HOST in .env; laut Anleitung bleibt PostgreSQL auf diesem Rechner.</translation>
    </message>
    <message>
        <source>Database port</source>
        <translation>Datenbank-Port</translation>
    </message>
    <message>
        <source>DATABASE_PORT in .env.</source>
        <translation>DATABASE_PORT in .env.</translation>
    </message>
    <message>
        <source>uWSGI executable</source>
        <translation>uWSGI-Programm</translation>
    </message>
    <message>
        <source>Emperor ini</source>
        <translation>Emperor-ini</translation>
    </message>
    <message>
        <source>Path of the uWSGI emperor configuration.</source>
        <translation>Pfad der Konfiguration des uWSGI-Emperors.</translation>
    </message>
    <message>
        <source>Vassals directory</source>
        <translation>Vassal-Verzeichnis</translation>
    </message>
    <message>
        <source>Directory the emperor watches (emperor = in emperor.ini); the vassal ini goes here.</source>
        <translation>Verzeichnis, das der Emperor überwacht (emperor = in emperor.ini); hier liegt die Vassal-ini.</translation>
    </message>
    <message>
        <source>Vassal name</source>
        <translation>Vassal-Name</translation>
    </message>
    <message>
        <source>Names the vassal file &lt;name&gt;_uwsgi.ini.</source>
        <translation>Benennt die Vassal-Datei &lt;name&gt;_uwsgi.ini.</translation>
    </message>
    <message>
        <source>uWSGI user</source>
        <translation>uWSGI-Benutzer</translation>
    </message>
    <message>
        <source>User= of emperor.uwsgi.service: uWSGI and saltant run as this user.</source>
        <translation>User= von emperor.uwsgi.service: uWSGI und saltant laufen unter diesem Benutzer.</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>Worker-Prozesse</translation>
    </message>
    <message>
        <source>processes = in the vassal ini: requests served at once.</source>
        <translation>processes = in der Vassal-ini: gleichzeitig bediente Anfragen.</translation>
    </message>
    <message>
        <source>Socket path</source>
        <translation>Socket-Pfad</translation>
    </message>
    <message>
        <source>The Unix socket uWSGI listens on and nginx&apos;s upstream connects to; under /run/uwsgi (the unit&apos;s RuntimeDirectory), not world-writable /tmp.</source>
        <translation>Der Unix-Socket, auf dem uWSGI lauscht und mit dem sich der Upstream von nginx verbindet; unter /run/uwsgi (RuntimeDirectory der Unit), nicht im für alle beschreibbaren /tmp.</translation>
    </message>
    <message>
        <source>Emperor log file</source>
        <translation>Emperor-Protokolldatei</translation>
    </message>
    <message>
        <source>logto = in emperor.ini; under /var/log/uwsgi (the unit&apos;s LogsDirectory) so the uWSGI user can write it.</source>
        <translation>logto = in emperor.ini; unter /var/log/uwsgi (LogsDirectory der Unit), damit der uWSGI-Benutzer sie schreiben kann.</translation>
    </message>
    <message>
        <source>systemd unit</source>
        <translation>systemd-Unit</translation>
    </message>
    <message>
        <source>Path of the emperor&apos;s systemd unit.</source>
        <translation>Pfad der systemd-Unit des Emperors.</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>Site-Name</translation>
    </message>
    <message>
        <source>Names the site file &lt;name&gt;_nginx.conf and its sites-enabled link.</source>
        <translation>Benennt die Site-Datei &lt;name&gt;_nginx.conf und ihren Link in sites-enabled.</translation>
    </message>
    <message>
        <source>sites-available</source>
        <translation>sites-available</translation>
    </message>
    <message>
        <source>Directory of the site file.</source>
        <translation>Verzeichnis der Site-Datei.</translation>
    </message>
    <message>
        <source>sites-enabled</source>
        <translation>sites-enabled</translation>
    </message>
    <message>
        <source>Directory of the link that enables the site.</source>
        <translation>Verzeichnis des Links, der die Site aktiviert.</translation>
    </message>
    <message>
        <source>Maximum upload size</source>
        <translation>Maximale Upload-Größe</translation>
    </message>
    <message>
        <source>client_max_body_size in the site file (e.g. 10M).</source>
        <translation>client_max_body_size in der Site-Datei (z. B. 10M).</translation>
    </message>
    <message>
        <source>Listen on IPv6</source>
        <translation>Auf IPv6 lauschen</translation>
    </message>
    <message>
        <source>Adds listen [::] lines to the site file.</source>
        <translation>Fügt der Site-Datei listen-[::]-Zeilen hinzu.</translation>
    </message>
    <message>
        <source>uwsgi_params file</source>
        <translation>uwsgi_params-Datei</translation>
    </message>
    <message>
        <source>The include of the uwsgi location.</source>
        <translation>Das include der uwsgi-location.</translation>
    </message>
    <message>
        <source>HTTPS with Let&apos;s Encrypt</source>
        <translation>HTTPS mit Let&apos;s Encrypt</translation>
    </message>
    <message>
        <source>Serves the site over HTTPS, redirects HTTP, and obtains the certificate with certbot certonly --webroot.</source>
        <translation>Liefert die Website über HTTPS aus, leitet HTTP um und bezieht das Zertifikat mit certbot certonly --webroot.</translation>
    </message>
    <message>
        <source>Let&apos;s Encrypt account e-mail</source>
        <translation>E-Mail-Adresse des Let&apos;s-Encrypt-Kontos</translation>
    </message>
    <message>
        <source>certbot --email: expiry warnings go here.</source>
        <translation>certbot --email: Warnungen zum Ablauf gehen hierhin.</translation>
    </message>
    <message>
        <source>Let&apos;s Encrypt directory</source>
        <translation>Let&apos;s-Encrypt-Verzeichnis</translation>
    </message>
    <message>
        <source>certbot&apos;s configuration directory; certificates are under live/&lt;name&gt;/.</source>
        <translation>Konfigurationsverzeichnis von certbot; die Zertifikate liegen unter live/&lt;name&gt;/.</translation>
    </message>
    <message>
        <source>Certificate name</source>
        <translation>Zertifikatsname</translation>
    </message>
    <message>
        <source>certbot --cert-name and the live/&lt;name&gt;/ directory used by nginx and RabbitMQ. Empty: the domain.</source>
        <translation>certbot --cert-name und das Verzeichnis live/&lt;name&gt;/, das nginx und RabbitMQ verwenden. Leer: die Domain.</translation>
    </message>
    <message>
        <source>ACME webroot</source>
        <translation>ACME-Webroot</translation>
    </message>
    <message>
        <source>Directory nginx serves /.well-known/acme-challenge/ from; certbot --webroot writes challenges here, so certbot never edits the site file.</source>
        <translation>Verzeichnis, aus dem nginx /.well-known/acme-challenge/ ausliefert; certbot --webroot schreibt die Challenges hierhin, sodass certbot die Site-Datei nie bearbeitet.</translation>
    </message>
    <message>
        <source>HSTS header</source>
        <translation>HSTS-Header</translation>
    </message>
    <message>
        <source>Adds Strict-Transport-Security to HTTPS responses (browsers then refuse plain HTTP for a year).</source>
        <translation>Fügt HTTPS-Antworten Strict-Transport-Security hinzu (Browser verweigern dann ein Jahr lang unverschlüsseltes HTTP).</translation>
    </message>
    <message>
        <source>Renewal hook</source>
        <translation>Erneuerungs-Hook</translation>
    </message>
    <message>
        <source>Deploy hook certbot runs after a renewal: reloads nginx and restarts RabbitMQ so they pick up the new certificate. Empty: &lt;letsencrypt&gt;/renewal-hooks/deploy/&lt;site&gt;.sh.</source>
        <translation>Deploy-Hook, den certbot nach einer Erneuerung ausführt: lädt nginx neu und startet RabbitMQ neu, damit beide das neue Zertifikat verwenden. Leer: &lt;letsencrypt&gt;/renewal-hooks/deploy/&lt;site&gt;.sh.</translation>
    </message>
    <message>
        <source>Certificate reader group</source>
        <translation>Lesegruppe für Zertifikate</translation>
    </message>
    <message>
        <source>Group given read access to the certificate and key so RabbitMQ can use them.</source>
        <translation>Gruppe mit Lesezugriff auf Zertifikat und Schlüssel, damit RabbitMQ sie verwenden kann.</translation>
    </message>
    <message>
        <source>Workers connect over the network</source>
        <translation>Worker verbinden sich über das Netzwerk</translation>
    </message>
    <message>
        <source>Exposes AMQP to remote Celery workers; off keeps RabbitMQ on localhost.</source>
        <translation>Stellt AMQP entfernten Celery-Workern bereit; ausgeschaltet bleibt RabbitMQ auf localhost.</translation>
    </message>
    <message>
        <source>Admin user</source>
        <translation>Admin-Benutzer</translation>
    </message>
    <message>
        <source>RabbitMQ user created with rabbitmqctl add_user; part of CELERY_BROKER_URL.</source>
        <translation>Mit rabbitmqctl add_user angelegter RabbitMQ-Benutzer; Teil von CELERY_BROKER_URL.</translation>
    </message>
    <message>
        <source>Virtual host</source>
        <translation>Virtueller Host</translation>
    </message>
    <message>
        <source>RabbitMQ vhost created with rabbitmqctl add_vhost; the path of CELERY_BROKER_URL.</source>
        <translation>Mit rabbitmqctl add_vhost angelegter RabbitMQ-vhost; der Pfad von CELERY_BROKER_URL.</translation>
    </message>
    <message>
        <source>Broker host name</source>
        <translation>Hostname des Brokers</translation>
    </message>
    <message>
        <source>Host workers connect to (CELERY_BROKER_URL); must match the certificate for TLS. Empty: the domain.</source>
        <translation>Host, mit dem sich Worker verbinden (CELERY_BROKER_URL); muss für TLS zum Zertifikat passen. Leer: die Domain.</translation>
    </message>
    <message>
        <source>Broker URL scheme</source>
        <translation>URL-Schema des Brokers</translation>
    </message>
    <message>
        <source>Scheme of CELERY_BROKER_URL: pyamqp (py-amqp, TLS via RABBITMQ_USES_SSL), amqps (TLS in the URL) or amqp (may pick librabbitmq, which has no TLS).</source>
        <translation>Schema von CELERY_BROKER_URL: pyamqp (py-amqp, TLS über RABBITMQ_USES_SSL), amqps (TLS in der URL) oder amqp (kann librabbitmq wählen, das kein TLS kann).</translation>
    </message>
    <message>
        <source>AMQP port</source>
        <translation>AMQP-Port</translation>
    </message>
    <message>
        <source>Plain AMQP listener, used only when TLS is off.</source>
        <translation>Unverschlüsselter AMQP-Listener, nur bei ausgeschaltetem TLS verwendet.</translation>
    </message>
    <message>
        <source>Management port</source>
        <translation>Verwaltungsport</translation>
    </message>
    <message>
        <source>Local port of the management UI, proxied by nginx.</source>
        <translation>Lokaler Port der Verwaltungsoberfläche, von nginx weitergeleitet.</translation>
    </message>
    <message>
        <source>Management URL path</source>
        <translation>URL-Pfad der Verwaltung</translation>
    </message>
    <message>
        <source>management.path_prefix in rabbitmq.conf and the nginx location that proxies it (RABBITMQ_MANAGEMENT_URL in .env).</source>
        <translation>management.path_prefix in rabbitmq.conf und die nginx-location, die dorthin weiterleitet (RABBITMQ_MANAGEMENT_URL in .env).</translation>
    </message>
    <message>
        <source>Delete the guest user</source>
        <translation>Benutzer guest löschen</translation>
    </message>
    <message>
        <source>rabbitmqctl delete_user guest during deploy.</source>
        <translation>rabbitmqctl delete_user guest während der Bereitstellung.</translation>
    </message>
    <message>
        <source>Delete vhost /</source>
        <translation>vhost / löschen</translation>
    </message>
    <message>
        <source>rabbitmqctl delete_vhost / during deploy.</source>
        <translation>rabbitmqctl delete_vhost / während der Bereitstellung.</translation>
    </message>
    <message>
        <source>Configuration format</source>
        <translation>Konfigurationsformat</translation>
    </message>
    <message>
        <source>rabbitmq.conf (new sysctl-style format, RabbitMQ 3.7+) or the classic Erlang-terms rabbitmq.config from the guide.</source>
        <translation>rabbitmq.conf (neues sysctl-artiges Format, RabbitMQ 3.7+) oder die klassische rabbitmq.config mit Erlang-Termen aus der Anleitung.</translation>
    </message>
    <message>
        <source>rabbitmq.conf path</source>
        <translation>Pfad der rabbitmq.conf</translation>
    </message>
    <message>
        <source>Where the new-format configuration is written.</source>
        <translation>Wohin die Konfiguration im neuen Format geschrieben wird.</translation>
    </message>
    <message>
        <source>rabbitmq.config path</source>
        <translation>Pfad der rabbitmq.config</translation>
    </message>
    <message>
        <source>Where the classic Erlang-terms configuration is written.</source>
        <translation>Wohin die klassische Konfiguration mit Erlang-Termen geschrieben wird.</translation>
    </message>
    <message>
        <source>AMQP over TLS</source>
        <translation>AMQP über TLS</translation>
    </message>
    <message>
        <source>RabbitMQ listens with TLS only (listeners.tcp = none, listeners.ssl.default) using the Let&apos;s Encrypt certificate; sets RABBITMQ_USES_SSL=True.</source>
        <translation>RabbitMQ lauscht nur mit TLS (listeners.tcp = none, listeners.ssl.default) und verwendet das Let&apos;s-Encrypt-Zertifikat; setzt RABBITMQ_USES_SSL=True.</translation>
    </message>
    <message>
        <source>AMQPS port</source>
        <translation>AMQPS-Port</translation>
    </message>
    <message>
        <source>listeners.ssl.default in rabbitmq.conf and the port of CELERY_BROKER_URL.</source>
        <translation>listeners.ssl.default in rabbitmq.conf und der Port von CELERY_BROKER_URL.</translation>
    </message>
    <message>
        <source>Verify client certificates</source>
        <translation>Client-Zertifikate prüfen</translation>
    </message>
    <message>
        <source>ssl_options.verify = verify_peer.</source>
        <translation>ssl_options.verify = verify_peer.</translation>
    </message>
    <message>
        <source>Require client certificates</source>
        <translation>Client-Zertifikate verlangen</translation>
    </message>
    <message>
        <source>ssl_options.fail_if_no_peer_cert; saltant&apos;s workers present none, so leave off.</source>
        <translation>ssl_options.fail_if_no_peer_cert; die Worker von saltant legen keines vor, daher ausgeschaltet lassen.</translation>
    </message>
    <message>
        <source>Let RabbitMQ read certificates</source>
        <translation>RabbitMQ die Zertifikate lesen lassen</translation>
    </message>
    <message>
        <source>Run Flower</source>
        <translation>Flower ausführen</translation>
    </message>
    <message>
        <source>Installs flower.service and proxies /&lt;prefix&gt;/ through nginx.</source>
        <translation>Installiert flower.service und leitet /&lt;prefix&gt;/ über nginx weiter.</translation>
    </message>
    <message>
        <source>Flower version</source>
        <translation>Flower-Version</translation>
    </message>
    <message>
        <source>Flower 0.9.5 and newer serve under --url-prefix themselves (nginx passes the path through); 0.9.4 and older need nginx to strip the prefix.</source>
        <translation>Flower 0.9.5 und neuer bedienen --url-prefix selbst (nginx reicht den Pfad durch); 0.9.4 und älter brauchen nginx, um das Präfix zu entfernen.</translation>
    </message>
    <message>
        <source>Flower port</source>
        <translation>Flower-Port</translation>
    </message>
    <message>
        <source>Local port Flower listens on (127.0.0.1 only), proxied by nginx.</source>
        <translation>Lokaler Port, auf dem Flower lauscht (nur 127.0.0.1), von nginx weitergeleitet.</translation>
    </message>
    <message>
        <source>URL path</source>
        <translation>URL-Pfad</translation>
    </message>
    <message>
        <source>Flower&apos;s --url-prefix and the nginx location (FLOWER_URL in .env).</source>
        <translation>--url-prefix von Flower und die nginx-location (FLOWER_URL in .env).</translation>
    </message>
    <message>
        <source>Login user</source>
        <translation>Anmeldebenutzer</translation>
    </message>
    <message>
        <source>Basic-auth user of Flower (FLOWER_BASIC_AUTH in the Flower environment file).</source>
        <translation>Basic-Auth-Benutzer von Flower (FLOWER_BASIC_AUTH in der Umgebungsdatei von Flower).</translation>
    </message>
    <message>
        <source>Path of Flower&apos;s systemd unit.</source>
        <translation>Pfad der systemd-Unit von Flower.</translation>
    </message>
    <message>
        <source>Environment file</source>
        <translation>Umgebungsdatei</translation>
    </message>
    <message>
        <source>Holds FLOWER_BASIC_AUTH (mode 0600), read by systemd through EnvironmentFile= so the password is never on a command line. Empty: /etc/&lt;site&gt;/flower.env.</source>
        <translation>Enthält FLOWER_BASIC_AUTH (Modus 0600) und wird von systemd über EnvironmentFile= gelesen, sodass das Passwort nie auf einer Befehlszeile steht. Leer: /etc/&lt;site&gt;/flower.env.</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>Flower&apos;s --db file, relative to the project directory.</source>
        <translation>Datei für --db von Flower, relativ zum Projektverzeichnis.</translation>
    </message>
    <message>
        <source>Persistent</source>
        <translation>Dauerhaft</translation>
    </message>
    <message>
        <source>Flower&apos;s --persistent: keep task history across restarts.</source>
        <translation>--persistent von Flower: Aufgabenverlauf über Neustarts hinweg behalten.</translation>
    </message>
    <message>
        <source>Rollbar error tracking</source>
        <translation>Fehlerverfolgung mit Rollbar</translation>
    </message>
    <message>
        <source>PROJECT_USES_ROLLBAR in .env; needs the Rollbar access token.</source>
        <translation>PROJECT_USES_ROLLBAR in .env; benötigt das Rollbar-Zugriffstoken.</translation>
    </message>
    <message>
        <source>Rollbar project URL</source>
        <translation>Rollbar-Projekt-URL</translation>
    </message>
    <message>
        <source>ROLLBAR_PROJECT_URL in .env, linked from the site.</source>
        <translation>ROLLBAR_PROJECT_URL in .env, von der Website verlinkt.</translation>
    </message>
    <message>
        <source>Papertrail log forwarding</source>
        <translation>Protokollweiterleitung an Papertrail</translation>
    </message>
    <message>
        <source>Writes an rsyslog rule that forwards uWSGI and nginx logs to Papertrail.</source>
        <translation>Schreibt eine rsyslog-Regel, die die Protokolle von uWSGI und nginx an Papertrail weiterleitet.</translation>
    </message>
    <message>
        <source>Papertrail host</source>
        <translation>Papertrail-Host</translation>
    </message>
    <message>
        <source>Log destination host from Papertrail&apos;s setup page.</source>
        <translation>Zielhost für Protokolle von der Einrichtungsseite von Papertrail.</translation>
    </message>
    <message>
        <source>Papertrail port</source>
        <translation>Papertrail-Port</translation>
    </message>
    <message>
        <source>Log destination port from Papertrail&apos;s setup page.</source>
        <translation>Zielport für Protokolle von der Einrichtungsseite von Papertrail.</translation>
    </message>
    <message>
        <source>Forward over TLS</source>
        <translation>Über TLS weiterleiten</translation>
    </message>
    <message>
        <source>Sends logs over TLS (rsyslog gtls driver, package rsyslog-gnutls).</source>
        <translation>Sendet Protokolle über TLS (rsyslog-Treiber gtls, Paket rsyslog-gnutls).</translation>
    </message>
    <message>
        <source>rsyslog rule</source>
        <translation>rsyslog-Regel</translation>
    </message>
    <message>
        <source>Path of the rsyslog configuration snippet.</source>
        <translation>Pfad des rsyslog-Konfigurationsschnipsels.</translation>
    </message>
    <message>
        <source>AWS access key id</source>
        <translation>AWS-Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID in .env, for archiving job logs to S3.</source>
        <translation>AWS_ACCESS_KEY_ID in .env, zum Archivieren der Job-Protokolle in S3.</translation>
    </message>
    <message>
        <source>S3 logs bucket</source>
        <translation>S3-Bucket für Protokolle</translation>
    </message>
    <message>
        <source>AWS_LOGS_BUCKET_NAME in .env.</source>
        <translation>AWS_LOGS_BUCKET_NAME in .env.</translation>
    </message>
    <message>
        <source>Logo (PNG, 1:1)</source>
        <translation>Logo (PNG, 1:1)</translation>
    </message>
    <message>
        <source>A square PNG on this computer, uploaded as the site logo before collectstatic.</source>
        <translation>Ein quadratisches PNG auf diesem Computer, das vor collectstatic als Logo der Website hochgeladen wird.</translation>
    </message>
    <message>
        <source>Favicon (ICO)</source>
        <translation>Favicon (ICO)</translation>
    </message>
    <message>
        <source>An .ico file on this computer, uploaded as the site favicon before collectstatic.</source>
        <translation>Eine .ico-Datei auf diesem Computer, die vor collectstatic als Favicon der Website hochgeladen wird.</translation>
    </message>
    <message>
        <source>Logo on the server</source>
        <translation>Logo auf dem Server</translation>
    </message>
    <message>
        <source>Where the logo goes in the project&apos;s static sources. Empty: &lt;project&gt;/splashpage/static/splashpage/img/logo.png.</source>
        <translation>Wohin das Logo in den statischen Quellen des Projekts kommt. Leer: &lt;project&gt;/splashpage/static/splashpage/img/logo.png.</translation>
    </message>
    <message>
        <source>Favicon on the server</source>
        <translation>Favicon auf dem Server</translation>
    </message>
    <message>
        <source>Where the favicon goes in the project&apos;s static sources. Empty: &lt;project&gt;/splashpage/static/splashpage/favicon/favicon.ico.</source>
        <translation>Wohin das Favicon in den statischen Quellen des Projekts kommt. Leer: &lt;project&gt;/splashpage/static/splashpage/favicon/favicon.ico.</translation>
    </message>
    <message>
        <source>SSH host</source>
        <translation>SSH-Host</translation>
    </message>
    <message>
        <source>Host name, address or ~/.ssh/config alias of the server to deploy to.</source>
        <translation>Hostname, Adresse oder ~/.ssh/config-Alias des Zielservers.</translation>
    </message>
    <message>
        <source>SSH port</source>
        <translation>SSH-Port</translation>
    </message>
    <message>
        <source>Port of the server&apos;s sshd (an alias in ~/.ssh/config may override it).</source>
        <translation>Port des sshd auf dem Server (ein Alias in ~/.ssh/config kann ihn überschreiben).</translation>
    </message>
    <message>
        <source>SSH user</source>
        <translation>SSH-Benutzer</translation>
    </message>
    <message>
        <source>Login user; anyone but root deploys through sudo.</source>
        <translation>Anmeldebenutzer; jeder außer root stellt über sudo bereit.</translation>
    </message>
    <message>
        <source>Identity file</source>
        <translation>Identitätsdatei</translation>
    </message>
    <message>
        <source>Private key to log in with when ssh-agent has none; its passphrase is kept in the keychain.</source>
        <translation>Privater Schlüssel für die Anmeldung, wenn ssh-agent keinen hat; seine Passphrase liegt im Schlüsselbund.</translation>
    </message>
    <message>
        <source>known_hosts file</source>
        <translation>known_hosts-Datei</translation>
    </message>
    <message>
        <source>OpenSSH known_hosts file the server&apos;s host key is checked against.</source>
        <translation>OpenSSH-known_hosts-Datei, gegen die der Host-Schlüssel des Servers geprüft wird.</translation>
    </message>
    <message>
        <source>Create the role and database</source>
        <translation>Rolle und Datenbank anlegen</translation>
    </message>
    <message>
        <source>The deploy creates the PostgreSQL role (with its password from the keychain) and the database owned by it when missing, and applies a password change. Only for a database on this server (host localhost, 127.0.0.1 or ::1).</source>
        <translation>Das Deployment legt die PostgreSQL-Rolle (mit ihrem Passwort aus dem Schlüsselbund) und die ihr gehörende Datenbank an, wenn sie fehlen, und übernimmt eine Passwortänderung. Nur für eine Datenbank auf diesem Server (Host localhost, 127.0.0.1 oder ::1).</translation>
    </message>
    <message>
        <source>uWSGI installation</source>
        <translation>uWSGI-Installation</translation>
    </message>
    <message>
        <source>distribution: Debian/Ubuntu&apos;s packages uwsgi and uwsgi-plugin-python3 (/usr/bin/uwsgi; the vassal loads the python3 plugin). venv: uWSGI installed with pip inside the project&apos;s virtualenv (&lt;venv&gt;/bin/uwsgi).</source>
        <translation>distribution: die Debian/Ubuntu-Pakete uwsgi und uwsgi-plugin-python3 (/usr/bin/uwsgi; der Vassal lädt das Plugin python3). venv: uWSGI, mit pip im Virtualenv des Projekts installiert (&lt;venv&gt;/bin/uwsgi).</translation>
    </message>
    <message>
        <source>ExecStart= of emperor.uwsgi.service. Empty: follows the uWSGI installation (/usr/bin/uwsgi or &lt;venv&gt;/bin/uwsgi).</source>
        <translation>ExecStart= von emperor.uwsgi.service. Leer: folgt der uWSGI-Installation (/usr/bin/uwsgi oder &lt;venv&gt;/bin/uwsgi).</translation>
    </message>
    <message>
        <source>ACME server</source>
        <translation>ACME-Server</translation>
    </message>
    <message>
        <source>certbot --server: the ACME directory URL certificates are requested from. Let&apos;s Encrypt&apos;s staging server issues untrusted test certificates without the production rate limits; certbot keeps the URL for renewals.</source>
        <translation>certbot --server: die ACME-Verzeichnis-URL, bei der Zertifikate angefordert werden. Der Staging-Server von Let&apos;s Encrypt stellt nicht vertrauenswürdige Testzertifikate ohne die Ratenlimits der Produktion aus; certbot merkt sich die URL für Erneuerungen.</translation>
    </message>
    <message>
        <source>ACME server CA file</source>
        <translation>CA-Datei des ACME-Servers</translation>
    </message>
    <message>
        <source>A CA certificate file on the server that certbot trusts for the ACME server (REQUESTS_CA_BUNDLE), e.g. for a private ACME server. Empty: the system&apos;s trusted CAs.</source>
        <translation>Eine CA-Zertifikatsdatei auf dem Server, der certbot für den ACME-Server vertraut (REQUESTS_CA_BUNDLE), z. B. für einen privaten ACME-Server. Leer: die vertrauenswürdigen CAs des Systems.</translation>
    </message>
    <message>
        <source>rabbitmq-env.conf path</source>
        <translation>Pfad der rabbitmq-env.conf</translation>
    </message>
    <message>
        <source>Where the environment file is written that binds RabbitMQ&apos;s Erlang distribution (epmd 4369, inter-node port 25672) to 127.0.0.1.</source>
        <translation>Wohin die Umgebungsdatei geschrieben wird, die RabbitMQs Erlang-Distribution (epmd 4369, Port zwischen Knoten 25672) an 127.0.0.1 bindet.</translation>
    </message>
    <message>
        <source>epmd socket drop-in</source>
        <translation>Drop-in für den epmd-Socket</translation>
    </message>
    <message>
        <source>systemd drop-in for Debian&apos;s epmd.socket that makes epmd listen on 127.0.0.1:4369 only (it must be in an epmd.socket.d directory).</source>
        <translation>systemd-Drop-in für Debians epmd.socket, mit dem epmd nur auf 127.0.0.1:4369 lauscht (muss in einem Verzeichnis epmd.socket.d liegen).</translation>
    </message>
    <message>
        <source>Adds the rabbitmq user to the certificate reader group and gives that group read access to this site&apos;s certificate (live/&lt;name&gt;, archive/&lt;name&gt;) and to no other lineage, again after each renewal.</source>
        <translation>Nimmt den Benutzer rabbitmq in die Gruppe der Zertifikatsleser auf und gibt dieser Gruppe Lesezugriff auf das Zertifikat dieser Site (live/&lt;name&gt;, archive/&lt;name&gt;) und auf keine andere Lineage, auch nach jeder Erneuerung.</translation>
    </message>
    <message>
        <source>Flower release</source>
        <translation>Flower-Release</translation>
    </message>
    <message>
        <source>How flower.service starts Flower: 1.0 and newer only as a Celery command (python -m celery -A APP flower), 0.9.x (saltant pins 0.9.2) as python -m flower -A APP. The deploy checks that the virtualenv&apos;s Flower matches.</source>
        <translation>Wie flower.service Flower startet: 1.0 und neuer nur als Celery-Befehl (python -m celery -A APP flower), 0.9.x (saltant legt 0.9.2 fest) als python -m flower -A APP. Die Bereitstellung prüft, ob das Flower des virtualenv dazu passt.</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Warteschlangen</translation>
    </message>
    <message>
        <source>saltant task queues the worker consumes (celery worker -Q). Each name is one of the queues defined in saltant&apos;s admin.</source>
        <translation>Aufgaben-Warteschlangen von saltant, die der Worker abarbeitet (celery worker -Q). Jeder Name ist eine der in der Administration von saltant definierten Warteschlangen.</translation>
    </message>
    <message>
        <source>Known queues</source>
        <translation>Bekannte Warteschlangen</translation>
    </message>
    <message>
        <source>The task queues defined in saltant&apos;s admin; lets the lint name a queue no worker consumes. Optional, the same for every worker host.</source>
        <translation>Die in der Administration von saltant definierten Aufgaben-Warteschlangen; damit kann die Problemliste eine Warteschlange nennen, die kein Worker abarbeitet. Optional, für jeden Worker-Host gleich.</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Parallelität</translation>
    </message>
    <message>
        <source>Jobs a worker runs at once (--concurrency); 0 lets Celery start one process per CPU.</source>
        <translation>Jobs, die ein Worker gleichzeitig ausführt (--concurrency); 0 lässt Celery einen Prozess pro CPU starten.</translation>
    </message>
    <message>
        <source>Worker user</source>
        <translation>Worker-Benutzer</translation>
    </message>
    <message>
        <source>The account the worker runs as (User= in its unit); owns the worker&apos;s directories. Empty: the server&apos;s deploy user.</source>
        <translation>Das Konto, unter dem der Worker läuft (User= in seiner Unit); ihm gehören die Verzeichnisse des Workers. Leer: der Bereitstellungsbenutzer des Servers.</translation>
    </message>
    <message>
        <source>saltant checkout</source>
        <translation>saltant-Checkout</translation>
    </message>
    <message>
        <source>Where saltant is cloned on the worker; its .env is written there. Empty: the same path as on the server.</source>
        <translation>Wohin saltant auf dem Worker geklont ist; dort wird seine .env geschrieben. Leer: derselbe Pfad wie auf dem Server.</translation>
    </message>
    <message>
        <source>Worker virtualenv</source>
        <translation>Worker-virtualenv</translation>
    </message>
    <message>
        <source>The virtualenv with requirements-worker-python3.txt; its python starts Celery. Empty: the same path as on the server.</source>
        <translation>Das virtualenv mit requirements-worker-python3.txt; sein python startet Celery. Leer: derselbe Pfad wie auf dem Server.</translation>
    </message>
    <message>
        <source>Worker unit</source>
        <translation>Worker-Unit</translation>
    </message>
    <message>
        <source>The systemd unit that runs the Celery worker on each worker host.</source>
        <translation>Die systemd-Unit, die auf jedem Worker-Host den Celery-Worker ausführt.</translation>
    </message>
    <message>
        <source>Stop timeout</source>
        <translation>Stopp-Zeitlimit</translation>
    </message>
    <message>
        <source>Seconds a stopping worker may take to finish the jobs it runs (TimeoutStopSec); Celery stops taking jobs at once and exits when they are done.</source>
        <translation>Sekunden, die ein anhaltender Worker zum Beenden seiner laufenden Jobs haben darf (TimeoutStopSec); Celery nimmt sofort keine Jobs mehr an und beendet sich, wenn sie fertig sind.</translation>
    </message>
    <message>
        <source>Container runtime</source>
        <translation>Container-Laufzeit</translation>
    </message>
    <message>
        <source>What runs saltant&apos;s container task types on the worker; the deploy checks that it is installed.</source>
        <translation>Was die Container-Aufgabentypen von saltant auf dem Worker ausführt; die Bereitstellung prüft, ob es installiert ist.</translation>
    </message>
    <message>
        <source>Task environment</source>
        <translation>Aufgabenumgebung</translation>
    </message>
    <message>
        <source>NAME=value entries the task types need (their env_vars_list), appended to the worker&apos;s .env. Secrets belong in the keychain, not here.</source>
        <translation>NAME=value-Einträge, die die Aufgabentypen benötigen (ihre env_vars_list), an die .env des Workers angehängt. Geheimnisse gehören in den Schlüsselbund, nicht hierher.</translation>
    </message>
    <message>
        <source>Secret task variables</source>
        <translation>Geheime Aufgabenvariablen</translation>
    </message>
    <message>
        <source>Names of task variables whose values are secrets: each value is kept in the keychain as taskEnv.NAME and written only into the worker&apos;s .env.</source>
        <translation>Namen von Aufgabenvariablen, deren Werte Geheimnisse sind: Jeder Wert liegt als taskEnv.NAME im Schlüsselbund und wird nur in die .env des Workers geschrieben.</translation>
    </message>
    <message>
        <source>Log shipping</source>
        <translation>Protokollversand</translation>
    </message>
    <message>
        <source>Copies the worker&apos;s job logs to the S3 bucket the server reads them from (aws s3 sync on a systemd timer, with the AWS keys of Monitoring).</source>
        <translation>Kopiert die Job-Protokolle des Workers in den S3-Bucket, aus dem der Server sie liest (aws s3 sync mit einem systemd-Timer, mit den AWS-Schlüsseln aus Überwachung).</translation>
    </message>
    <message>
        <source>Log bucket</source>
        <translation>Protokoll-Bucket</translation>
    </message>
    <message>
        <source>The S3 bucket job logs go to. Empty: the server&apos;s AWS_LOGS_BUCKET_NAME.</source>
        <translation>Der S3-Bucket, in den die Job-Protokolle gehen. Leer: AWS_LOGS_BUCKET_NAME des Servers.</translation>
    </message>
    <message>
        <source>Log shipping interval</source>
        <translation>Intervall des Protokollversands</translation>
    </message>
    <message>
        <source>Minutes between two syncs of the logs directory to the bucket.</source>
        <translation>Minuten zwischen zwei Synchronisierungen des Protokollverzeichnisses mit dem Bucket.</translation>
    </message>
    <message>
        <source>Deploy state directory</source>
        <translation>Deploy-Zustandsverzeichnis</translation>
    </message>
    <message>
        <source>Where each deploy records what it installed (manifest.json and a copy of every deployed file; root only, 0700): the plan compares the server with it to show files changed by hand.</source>
        <translation>Wo jeder Deploy festhält, was er installiert hat (manifest.json und eine Kopie jeder ausgelieferten Datei; nur root, 0700): der Plan vergleicht den Server damit, um von Hand geänderte Dateien zu zeigen.</translation>
    </message>
    <message>
        <source>Deploy history</source>
        <translation>Bereitstellungsverlauf</translation>
    </message>
    <message>
        <source>How many deploys keep the files they replaced, in the history directory of the state directory on the server (root only), for saltant-deploy-cli rollback.</source>
        <translation>Wie viele Bereitstellungen die ersetzten Dateien behalten, im Verzeichnis history des Zustandsverzeichnisses auf dem Server (nur root), für saltant-deploy-cli rollback.</translation>
    </message>
</context>
<context>
    <name>Lint</name>
    <message>
        <source>The logo %1 cannot be read (%2): the deploy cannot upload it. Choose an existing PNG file or clear the setting.</source>
        <translation>Das Logo %1 kann nicht gelesen werden (%2): Die Bereitstellung kann es nicht hochladen. Eine vorhandene PNG-Datei wählen oder die Einstellung leeren.</translation>
    </message>
    <message>
        <source>The logo %1 is not a PNG file (it lacks the PNG signature): saltant&apos;s pages load it as logo.png and browsers show a broken image. Convert it to PNG.</source>
        <translation>Das Logo %1 ist keine PNG-Datei (die PNG-Signatur fehlt): Die Seiten von saltant laden es als logo.png, und Browser zeigen ein defektes Bild. In PNG umwandeln.</translation>
    </message>
    <message>
        <source>The logo %1 is a damaged PNG (its image header is missing or cut off): browsers show a broken image. Export it again as PNG.</source>
        <translation>Das Logo %1 ist ein beschädigtes PNG (der Bild-Header fehlt oder ist abgeschnitten): Browser zeigen ein defektes Bild. Erneut als PNG exportieren.</translation>
    </message>
    <message>
        <source>The logo %1 is a damaged PNG (its header gives a size of %2x%3 pixels): browsers show a broken image. Export it again as PNG.</source>
        <translation>Das Logo %1 ist ein beschädigtes PNG (sein Header gibt eine Größe von %2×%3 Pixeln an): Browser zeigen ein defektes Bild. Erneut als PNG exportieren.</translation>
    </message>
    <message>
        <source>The logo %1 is %2x%3 pixels, but saltant shows it in a square box, so it appears stretched. Use a square (1:1) PNG.</source>
        <translation>Das Logo %1 hat %2×%3 Pixel, saltant zeigt es aber in einem quadratischen Feld, daher erscheint es verzerrt. Ein quadratisches PNG (1:1) verwenden.</translation>
    </message>
    <message>
        <source>The favicon %1 cannot be read (%2): the deploy cannot upload it. Choose an existing .ico file or clear the setting.</source>
        <translation>Das Favicon %1 kann nicht gelesen werden (%2): Die Bereitstellung kann es nicht hochladen. Eine vorhandene .ico-Datei wählen oder die Einstellung leeren.</translation>
    </message>
    <message>
        <source>The favicon %1 is not an ICO file (it lacks the 00 00 01 00 icon header and an image count): browsers request favicon.ico and ignore it. Convert it to .ico.</source>
        <translation>Das Favicon %1 ist keine ICO-Datei (der Icon-Header 00 00 01 00 und eine Bildanzahl fehlen): Browser fragen favicon.ico an und ignorieren es. In .ico umwandeln.</translation>
    </message>
    <message>
        <source>DEBUG=True in .env: Django shows settings, file paths and stack traces to every visitor who hits an error, and keeps every SQL query in memory. Turn debug mode off on a production server.</source>
        <translation>DEBUG=True in .env: Django zeigt jedem Besucher, der auf einen Fehler stößt, Einstellungen, Dateipfade und Stacktraces und behält jede SQL-Abfrage im Speicher. Auf einem Produktionsserver den Debug-Modus ausschalten.</translation>
    </message>
    <message>
        <source>Turn debug mode off</source>
        <translation>Debug-Modus ausschalten</translation>
    </message>
    <message>
        <source>IM_A_CELERY_WORKER=True in .env tells saltant that this machine executes jobs, but this project configures the web server, which runs no Celery worker. Turn it off here and set it only in the .env of worker machines.</source>
        <translation>IM_A_CELERY_WORKER=True in .env teilt saltant mit, dass dieser Rechner Jobs ausführt, aber dieses Projekt konfiguriert den Webserver, auf dem kein Celery-Worker läuft. Hier ausschalten und nur in der .env der Worker-Rechner setzen.</translation>
    </message>
    <message>
        <source>Mark this host as not a Celery worker</source>
        <translation>Diesen Host nicht als Celery-Worker kennzeichnen</translation>
    </message>
    <message>
        <source>ALLOWED_HOSTS contains &apos;*&apos;: Django answers any Host header, so password-reset links and absolute URLs can be made to point at another site. Remove &apos;*&apos;; %1 is already allowed.</source>
        <translation>ALLOWED_HOSTS enthält &apos;*&apos;: Django beantwortet jeden Host-Header, sodass Links zum Zurücksetzen des Passworts und absolute URLs auf eine andere Website zeigen können. &apos;*&apos; entfernen; %1 ist bereits erlaubt.</translation>
    </message>
    <message>
        <source>Remove &apos;*&apos; from the extra allowed hosts</source>
        <translation>&apos;*&apos; aus den weiteren erlaubten Hosts entfernen</translation>
    </message>
    <message>
        <source>saltant&apos;s STATIC_ROOT is %1, where collectstatic writes, but nginx serves /static/ from %2: stylesheets, scripts and the logo return 404. Clear the setting so it follows the project directory.</source>
        <translation>STATIC_ROOT von saltant ist %1, wohin collectstatic schreibt, nginx liefert /static/ aber aus %2 aus: Stylesheets, Skripte und das Logo ergeben 404. Die Einstellung leeren, damit sie dem Projektverzeichnis folgt.</translation>
    </message>
    <message>
        <source>Serve static files from %1</source>
        <translation>Statische Dateien aus %1 ausliefern</translation>
    </message>
    <message>
        <source>EMAIL_USE_TLS=True makes Django connect in plain text and then send STARTTLS, but port 465 expects TLS from the first byte: sending mail hangs until it times out and password-reset e-mails never arrive. Use port 587 (STARTTLS).</source>
        <translation>EMAIL_USE_TLS=True lässt Django unverschlüsselt verbinden und dann STARTTLS senden, Port 465 erwartet aber TLS ab dem ersten Byte: Der Mailversand hängt bis zur Zeitüberschreitung, und E-Mails zum Zurücksetzen des Passworts kommen nie an. Port 587 (STARTTLS) verwenden.</translation>
    </message>
    <message>
        <source>Send mail on port 587</source>
        <translation>E-Mails über Port 587 senden</translation>
    </message>
    <message>
        <source>Use TLS for SMTP</source>
        <translation>TLS für SMTP verwenden</translation>
    </message>
    <message>
        <source>EMAIL_USE_TLS=False while logging in as %1: Django sends the SMTP password and every e-mail to %2 in clear text. Turn SMTP TLS on (STARTTLS, port 587).</source>
        <translation>EMAIL_USE_TLS=False bei Anmeldung als %1: Django sendet das SMTP-Passwort und jede E-Mail im Klartext an %2. SMTP-TLS einschalten (STARTTLS, Port 587).</translation>
    </message>
    <message>
        <source>The fix &quot;%1&quot; could not change %2: %3 Edit the setting by hand.</source>
        <translation>Die Korrektur „%1“ konnte %2 nicht ändern: %3 Die Einstellung von Hand bearbeiten.</translation>
    </message>
    <message>
        <source>%1 is served over plain HTTP: logins, API tokens and the Flower and RabbitMQ management passwords cross the network unencrypted. Turn HTTPS with Let&apos;s Encrypt on.</source>
        <translation>%1 wird über unverschlüsseltes HTTP ausgeliefert: Anmeldungen, API-Token und die Passwörter von Flower und der RabbitMQ-Verwaltung gehen unverschlüsselt über das Netzwerk. HTTPS mit Let&apos;s Encrypt einschalten.</translation>
    </message>
    <message>
        <source>Turn HTTPS with Let&apos;s Encrypt on</source>
        <translation>HTTPS mit Let&apos;s Encrypt einschalten</translation>
    </message>
    <message>
        <source>The uWSGI socket %1 lies in world-writable %2: any local user can create it first and answer nginx&apos;s requests, and a private /tmp hides it from nginx. Put it under /run/uwsgi, which the uWSGI unit creates for its user.</source>
        <translation>Der uWSGI-Socket %1 liegt im für alle beschreibbaren %2: Jeder lokale Benutzer kann ihn zuerst anlegen und die Anfragen von nginx beantworten, und ein privates /tmp verbirgt ihn vor nginx. Unter /run/uwsgi ablegen, das die uWSGI-Unit für ihren Benutzer anlegt.</translation>
    </message>
    <message>
        <source>Use the socket %1</source>
        <translation>Den Socket %1 verwenden</translation>
    </message>
    <message>
        <source>The uWSGI socket %1 is not in a directory under /run/, so the uWSGI unit cannot create its directory with RuntimeDirectory=: %2 may be missing after a reboot or not writable by %3, and uWSGI cannot bind. Put the socket under /run/uwsgi.</source>
        <translation>Der uWSGI-Socket %1 liegt nicht in einem Verzeichnis unter /run/, daher kann die uWSGI-Unit sein Verzeichnis nicht mit RuntimeDirectory= anlegen: %2 kann nach einem Neustart fehlen oder für %3 nicht beschreibbar sein, und uWSGI kann sich nicht binden. Den Socket unter /run/uwsgi ablegen.</translation>
    </message>
    <message>
        <source>Serve it under /%1/</source>
        <translation>Unter /%1/ ausliefern</translation>
    </message>
    <message>
        <source>The RabbitMQ management UI uses /static/, the path of saltant&apos;s static files: nginx rejects the duplicate location and the site does not start. Choose another path.</source>
        <translation>Die RabbitMQ-Verwaltungsoberfläche verwendet /static/, den Pfad der statischen Dateien von saltant: nginx lehnt die doppelte location ab, und die Website startet nicht. Einen anderen Pfad wählen.</translation>
    </message>
    <message>
        <source>Flower uses /static/, the path of saltant&apos;s static files: nginx rejects the duplicate location and the site does not start. Choose another path.</source>
        <translation>Flower verwendet /static/, den Pfad der statischen Dateien von saltant: nginx lehnt die doppelte location ab, und die Website startet nicht. Einen anderen Pfad wählen.</translation>
    </message>
    <message>
        <source>Flower and the RabbitMQ management UI both use /%1/ on the site: nginx rejects the duplicate location and the site does not start. Give each its own path.</source>
        <translation>Flower und die RabbitMQ-Verwaltungsoberfläche verwenden beide /%1/ auf der Website: nginx lehnt die doppelte location ab, und die Website startet nicht. Jedem einen eigenen Pfad geben.</translation>
    </message>
    <message>
        <source>Logs go to %1:%2 unencrypted: request paths, client addresses and error messages cross the internet in clear text. Forward over TLS (rsyslog-gnutls).</source>
        <translation>Protokolle gehen unverschlüsselt an %1:%2: Anfragepfade, Client-Adressen und Fehlermeldungen gehen im Klartext durch das Internet. Über TLS weiterleiten (rsyslog-gnutls).</translation>
    </message>
    <message>
        <source>Forward logs over TLS</source>
        <translation>Protokolle über TLS weiterleiten</translation>
    </message>
    <message>
        <source>nginx (HTTP)</source>
        <translation>nginx (HTTP)</translation>
    </message>
    <message>
        <source>nginx (HTTPS)</source>
        <translation>nginx (HTTPS)</translation>
    </message>
    <message>
        <source>sshd</source>
        <translation>sshd</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>RabbitMQ epmd</source>
        <translation>RabbitMQ epmd</translation>
    </message>
    <message>
        <source>RabbitMQ inter-node</source>
        <translation>RabbitMQ zwischen Knoten</translation>
    </message>
    <message>
        <source>RabbitMQ (AMQPS)</source>
        <translation>RabbitMQ (AMQPS)</translation>
    </message>
    <message>
        <source>RabbitMQ (AMQP)</source>
        <translation>RabbitMQ (AMQP)</translation>
    </message>
    <message>
        <source>the RabbitMQ management UI</source>
        <translation>die RabbitMQ-Verwaltungsoberfläche</translation>
    </message>
    <message>
        <source>Flower</source>
        <translation>Flower</translation>
    </message>
    <message>
        <source>Move %1 to port %2</source>
        <translation>%1 auf Port %2 verlegen</translation>
    </message>
    <message>
        <source>Port %3 is used by both %1 and %2 on the server: whichever starts second cannot bind and fails. Move %4 to a free port.</source>
        <translation>Port %3 wird auf dem Server sowohl von %1 als auch von %2 verwendet: Wer als Zweiter startet, kann sich nicht binden und schlägt fehl. %4 auf einen freien Port verlegen.</translation>
    </message>
    <message>
        <source>Use the pyamqp broker URL scheme</source>
        <translation>Das Broker-URL-Schema pyamqp verwenden</translation>
    </message>
    <message>
        <source>RabbitMQ listens with TLS only (listeners.tcp = none) but CELERY_BROKER_URL starts with amqp://: Celery may pick librabbitmq, which has no TLS, and then never connects to port %1. Use the pyamqp scheme (TLS through RABBITMQ_USES_SSL=True).</source>
        <translation>RabbitMQ lauscht nur mit TLS (listeners.tcp = none), aber CELERY_BROKER_URL beginnt mit amqp://: Celery wählt eventuell librabbitmq, das kein TLS kann, und verbindet sich dann nie mit Port %1. Das Schema pyamqp verwenden (TLS über RABBITMQ_USES_SSL=True).</translation>
    </message>
    <message>
        <source>CELERY_BROKER_URL uses amqps:// but RabbitMQ has no TLS listener (AMQP over TLS needs the network, the AMQP TLS setting and HTTPS on): the TLS handshake against plain port %1 fails and Celery never connects. Use the pyamqp scheme.</source>
        <translation>CELERY_BROKER_URL verwendet amqps://, aber RabbitMQ hat keinen TLS-Listener (AMQP über TLS braucht das Netzwerk, die AMQP-TLS-Einstellung und eingeschaltetes HTTPS): Der TLS-Handshake mit dem unverschlüsselten Port %1 schlägt fehl, und Celery verbindet sich nie. Das Schema pyamqp verwenden.</translation>
    </message>
    <message>
        <source>Turn AMQP over TLS on</source>
        <translation>AMQP über TLS einschalten</translation>
    </message>
    <message>
        <source>RabbitMQ accepts workers from the network on plain AMQP port %1: the broker password in CELERY_BROKER_URL and every task cross the network unencrypted. Turn AMQP over TLS on (it uses the site&apos;s Let&apos;s Encrypt certificate).</source>
        <translation>RabbitMQ nimmt Worker aus dem Netzwerk auf dem unverschlüsselten AMQP-Port %1 an: Das Broker-Passwort in CELERY_BROKER_URL und jede Aufgabe gehen unverschlüsselt über das Netzwerk. AMQP über TLS einschalten (es verwendet das Let&apos;s-Encrypt-Zertifikat der Website).</translation>
    </message>
    <message>
        <source>AMQP over TLS is on but HTTPS with Let&apos;s Encrypt is off, so there is no certificate: RabbitMQ falls back to plain AMQP on port %1 and workers send the broker password in clear text. Turn HTTPS with Let&apos;s Encrypt on.</source>
        <translation>AMQP über TLS ist eingeschaltet, HTTPS mit Let&apos;s Encrypt aber aus, daher gibt es kein Zertifikat: RabbitMQ fällt auf unverschlüsseltes AMQP auf Port %1 zurück, und Worker senden das Broker-Passwort im Klartext. HTTPS mit Let&apos;s Encrypt einschalten.</translation>
    </message>
    <message>
        <source>Workers connect to %1, but the certificate RabbitMQ presents is issued for %2: TLS host name verification fails and workers cannot connect. Leave the broker host empty so it follows the domain, or use one of the certificate&apos;s names.</source>
        <translation>Worker verbinden sich mit %1, aber das Zertifikat von RabbitMQ ist für %2 ausgestellt: Die TLS-Prüfung des Hostnamens schlägt fehl, und Worker können sich nicht verbinden. Den Broker-Host leer lassen, damit er der Domain folgt, oder einen der Namen des Zertifikats verwenden.</translation>
    </message>
    <message>
        <source>Connect workers to %1</source>
        <translation>Worker mit %1 verbinden</translation>
    </message>
    <message>
        <source>RabbitMQ runs as user rabbitmq, which cannot read %1 (certbot keeps the key root-only): the TLS listener fails with eacces and no worker can connect. Let RabbitMQ read the certificates through group %2.</source>
        <translation>RabbitMQ läuft als Benutzer rabbitmq, der %1 nicht lesen kann (certbot macht den Schlüssel nur für root lesbar): Der TLS-Listener schlägt mit eacces fehl, und kein Worker kann sich verbinden. RabbitMQ die Zertifikate über die Gruppe %2 lesen lassen.</translation>
    </message>
    <message>
        <source>Let RabbitMQ read the certificates</source>
        <translation>RabbitMQ die Zertifikate lesen lassen</translation>
    </message>
    <message>
        <source>ssl_options.fail_if_no_peer_cert = true makes RabbitMQ reject every client without a certificate, and saltant&apos;s workers present none: no worker can connect. Turn &quot;Require client certificates&quot; off.</source>
        <translation>ssl_options.fail_if_no_peer_cert = true lässt RabbitMQ jeden Client ohne Zertifikat abweisen, und die Worker von saltant legen keines vor: Kein Worker kann sich verbinden. „Client-Zertifikate verlangen“ ausschalten.</translation>
    </message>
    <message>
        <source>Stop requiring client certificates</source>
        <translation>Keine Client-Zertifikate mehr verlangen</translation>
    </message>
    <message>
        <source>The deploy keeps RabbitMQ&apos;s guest user, whose password is &quot;guest&quot;: any local process can log in to the broker and read or queue tasks. Delete the guest user.</source>
        <translation>Die Bereitstellung behält den RabbitMQ-Benutzer guest mit dem Passwort „guest“: Jeder lokale Prozess kann sich am Broker anmelden und Aufgaben lesen oder einreihen. Den Benutzer guest löschen.</translation>
    </message>
    <message>
        <source>Delete the guest user</source>
        <translation>Benutzer guest löschen</translation>
    </message>
    <message>
        <source>The deploy keeps RabbitMQ&apos;s default vhost /, which saltant does not use (its tasks go to %1): it is where the guest user and forgotten clients land. Delete vhost /.</source>
        <translation>Die Bereitstellung behält den Standard-vhost / von RabbitMQ, den saltant nicht verwendet (seine Aufgaben gehen an %1): Dort landen der Benutzer guest und vergessene Clients. vhost / löschen.</translation>
    </message>
    <message>
        <source>Delete vhost /</source>
        <translation>vhost / löschen</translation>
    </message>
    <message>
        <source>SECRET_KEY in .env is empty and Django refuses to start</source>
        <translation>SECRET_KEY in .env ist leer, und Django verweigert den Start</translation>
    </message>
    <message>
        <source>API_AUTH_TOKEN in .env is empty and workers cannot authenticate to the API</source>
        <translation>API_AUTH_TOKEN in .env ist leer, und Worker können sich nicht an der API authentifizieren</translation>
    </message>
    <message>
        <source>DATABASE_USER_PASSWORD in .env is empty and Django cannot log in to PostgreSQL as %1</source>
        <translation>DATABASE_USER_PASSWORD in .env ist leer, und Django kann sich nicht als %1 bei PostgreSQL anmelden</translation>
    </message>
    <message>
        <source>the deploy cannot create RabbitMQ user %1 and CELERY_BROKER_URL has no password</source>
        <translation>die Bereitstellung kann den RabbitMQ-Benutzer %1 nicht anlegen, und CELERY_BROKER_URL hat kein Passwort</translation>
    </message>
    <message>
        <source>Flower&apos;s basic auth for %1 has no password</source>
        <translation>die Basic-Auth von Flower für %1 hat kein Passwort</translation>
    </message>
    <message>
        <source>Django cannot log in to %1 as %2 to send mail</source>
        <translation>Django kann sich zum Mailversand nicht als %2 bei %1 anmelden</translation>
    </message>
    <message>
        <source>AWS_SECRET_ACCESS_KEY in .env is empty and job logs cannot be archived to S3</source>
        <translation>AWS_SECRET_ACCESS_KEY in .env ist leer, und Job-Protokolle können nicht in S3 archiviert werden</translation>
    </message>
    <message>
        <source>the deploy runs its commands through sudo as %1 and works only if sudo asks that user for no password</source>
        <translation>die Bereitstellung führt ihre Befehle über sudo als %1 aus und funktioniert nur, wenn sudo diesen Benutzer nicht nach einem Passwort fragt</translation>
    </message>
    <message>
        <source>it is a well-known default or example value (from the guide, saltant&apos;s .env.example or common password lists), the first thing an attacker tries</source>
        <translation>es ist ein bekannter Standard- oder Beispielwert (aus der Anleitung, der .env.example von saltant oder gängigen Passwortlisten), das Erste, was ein Angreifer ausprobiert</translation>
    </message>
    <message>
        <source>it equals its user name %1</source>
        <translation>es entspricht seinem Benutzernamen %1</translation>
    </message>
    <message>
        <source>%1 is not stored: %2. Store it before deploying.</source>
        <translation>%1 ist nicht gespeichert: %2. Vor der Bereitstellung speichern.</translation>
    </message>
    <message>
        <source>%1 is weak: %2. Replace it with a random value of at least %3 characters and deploy again.</source>
        <translation>%1 ist schwach: %2. Durch einen Zufallswert mit mindestens %3 Zeichen ersetzen und erneut bereitstellen.</translation>
    </message>
    <message>
        <source>PROJECT_USES_ROLLBAR=True but no Rollbar access token is stored: ROLLBAR_ACCESS_TOKEN in .env is empty and Rollbar rejects every error report. Store the token, or turn Rollbar off.</source>
        <translation>PROJECT_USES_ROLLBAR=True, aber es ist kein Rollbar-Zugriffstoken gespeichert: ROLLBAR_ACCESS_TOKEN in .env ist leer, und Rollbar lehnt jeden Fehlerbericht ab. Das Token speichern oder Rollbar ausschalten.</translation>
    </message>
    <message>
        <source>Turn Rollbar off</source>
        <translation>Rollbar ausschalten</translation>
    </message>
    <message>
        <source>The deploy logs in to %1 as root: a stolen key gives full control of the server, and many servers forbid root logins. Prefer an unprivileged user with sudo rights.</source>
        <translation>Die Bereitstellung meldet sich als root bei %1 an: Ein gestohlener Schlüssel gibt die volle Kontrolle über den Server, und viele Server verbieten root-Anmeldungen. Besser einen unprivilegierten Benutzer mit sudo-Rechten verwenden.</translation>
    </message>
    <message>
        <source>The uWSGI executable is set to %1, but the uWSGI installation &quot;%2&quot; puts it at %3: the deploy checks and installs that one, while emperor.uwsgi.service would start %1 (a system-wide pip3 install to /usr/local/bin is refused by Debian 12). Clear the setting so it follows the installation, or keep it only if %1 really is installed.</source>
        <translation>Das uWSGI-Programm ist auf %1 gesetzt, aber die uWSGI-Installation „%2“ legt es nach %3: Das Deployment prüft und installiert jenes, während emperor.uwsgi.service %1 starten würde (eine systemweite pip3-Installation nach /usr/local/bin verweigert Debian 12). Leeren Sie die Einstellung, damit sie der Installation folgt, oder behalten Sie sie nur, wenn %1 wirklich installiert ist.</translation>
    </message>
    <message>
        <source>Use the uWSGI of the chosen installation</source>
        <translation>uWSGI der gewählten Installation verwenden</translation>
    </message>
    <message>
        <source>The database is on %1, but the deploy can create the PostgreSQL role and database only on this server, so it will not. Create them on %1 yourself and turn &quot;Create the role and database&quot; off, or set the database host to localhost.</source>
        <translation>Die Datenbank liegt auf %1, aber das Deployment kann PostgreSQL-Rolle und Datenbank nur auf diesem Server anlegen und tut es daher nicht. Legen Sie sie selbst auf %1 an und schalten Sie „Rolle und Datenbank anlegen“ aus, oder setzen Sie den Datenbank-Host auf localhost.</translation>
    </message>
    <message>
        <source>Do not create the role and database</source>
        <translation>Rolle und Datenbank nicht anlegen</translation>
    </message>
    <message>
        <source>Certificates come from Let&apos;s Encrypt&apos;s staging server: browsers and Celery workers do not trust them. Fine for a trial; for production use the Let&apos;s Encrypt production server (then delete the staging certificate with certbot delete --cert-name %1 so a trusted one is requested).</source>
        <translation>Die Zertifikate kommen vom Staging-Server von Let&apos;s Encrypt: Browser und Celery-Worker vertrauen ihnen nicht. Für einen Versuch in Ordnung; für den Betrieb nehmen Sie den Produktionsserver von Let&apos;s Encrypt (und löschen dann das Staging-Zertifikat mit certbot delete --cert-name %1, damit ein vertrauenswürdiges angefordert wird).</translation>
    </message>
    <message>
        <source>Use the Let&apos;s Encrypt production server</source>
        <translation>Produktionsserver von Let&apos;s Encrypt verwenden</translation>
    </message>
    <message>
        <source>Refresh tokens expire %1 but access tokens only %2: a client can never renew an access token, so API users must log in again each time theirs expires. Make the refresh lifetime at least the access lifetime.</source>
        <translation>Aktualisierungstoken laufen %1 ab, Zugriffstoken aber erst %2: Ein Client kann ein Zugriffstoken nie erneuern, daher müssen sich API-Benutzer jedes Mal neu anmelden, wenn ihres abläuft. Die Gültigkeit des Aktualisierungstokens mindestens so lang wie die des Zugriffstokens wählen.</translation>
    </message>
    <message numerus="yes">
        <source>after %n day(s)</source>
        <translation>
            <numerusform>nach %n Tag</numerusform>
            <numerusform>nach %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make refresh tokens last %n day(s)</source>
        <translation>
            <numerusform>Aktualisierungstoken %n Tag gültig machen</numerusform>
            <numerusform>Aktualisierungstoken %n Tage gültig machen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>it has only %n character(s), few enough to guess by brute force</source>
        <translation>
            <numerusform>es hat nur %n Zeichen, wenig genug, um es durch Ausprobieren zu erraten</numerusform>
            <numerusform>es hat nur %n Zeichen, wenig genug, um es durch Ausprobieren zu erraten</numerusform>
        </translation>
    </message>
    <message>
        <source>API_AUTH_TOKEN is empty in the .env of the server and of worker hosts %1, whose jobs then cannot authenticate to saltant&apos;s API to report their state</source>
        <translation>API_AUTH_TOKEN ist in der .env des Servers und der Worker-Hosts %1 leer, deren Jobs sich dann nicht bei der API von saltant anmelden können, um ihren Zustand zu melden</translation>
    </message>
    <message>
        <source>Worker hosts %1 run on other machines, but RabbitMQ is not open to the network (&quot;Workers connect over the network&quot; is off): their .env points CELERY_BROKER_URL at localhost, the worker itself, and they never receive a job. Turn &quot;Workers connect over the network&quot; on (with AMQP over TLS).</source>
        <translation>Die Worker-Hosts %1 laufen auf anderen Rechnern, aber RabbitMQ ist nicht für das Netzwerk geöffnet („Worker verbinden sich über das Netzwerk“ ist aus): Ihre .env lässt CELERY_BROKER_URL auf localhost zeigen, also auf den Worker selbst, und sie erhalten nie einen Job. Schalten Sie „Worker verbinden sich über das Netzwerk“ ein (mit AMQP über TLS).</translation>
    </message>
    <message>
        <source>Let workers connect over the network</source>
        <translation>Worker über das Netzwerk verbinden lassen</translation>
    </message>
    <message>
        <source>The broker host is %1, which on worker hosts %2 is the worker itself: their CELERY_BROKER_URL points at a RabbitMQ that is not there and they never receive a job. Set the broker host to the server&apos;s name in its certificate (leave it empty to follow the domain).</source>
        <translation>Der Broker-Host ist %1, was auf den Worker-Hosts %2 der Worker selbst ist: Ihre CELERY_BROKER_URL zeigt auf ein RabbitMQ, das dort nicht läuft, und sie erhalten nie einen Job. Setzen Sie den Broker-Host auf den Namen des Servers in seinem Zertifikat (leer lassen, um der Domain zu folgen).</translation>
    </message>
    <message>
        <source>Worker hosts %1 reach RabbitMQ over TLS, and the generated side would verify it (CELERY_BROKER_URL names %2, a name of the broker&apos;s certificate), but saltant&apos;s own settings.py sets BROKER_USE_SSL with cert_reqs ssl.CERT_NONE: the workers encrypt without checking whom they talk to, so whoever can redirect %2 gets the broker password and every task. To close this, patch saltant/settings.py in each worker&apos;s checkout: BROKER_USE_SSL = {&quot;cert_reqs&quot;: ssl.CERT_REQUIRED, &quot;ca_certs&quot;: &quot;/etc/ssl/certs/ca-certificates.crt&quot;} (Let&apos;s Encrypt&apos;s roots are in that system store), then restart the workers. `saltant-deploy-cli check --host NAME` shows whether the certificate verifies there.</source>
        <translation>Die Worker-Hosts %1 erreichen RabbitMQ über TLS, und die erzeugte Seite würde es verifizieren (CELERY_BROKER_URL nennt %2, einen Namen des Broker-Zertifikats), aber die settings.py von saltant selbst setzt BROKER_USE_SSL mit cert_reqs ssl.CERT_NONE: Die Worker verschlüsseln, ohne zu prüfen, mit wem sie sprechen, sodass jeder, der %2 umleiten kann, das Broker-Passwort und jede Aufgabe erhält. Um das zu beheben, patchen Sie saltant/settings.py im Checkout jedes Workers: BROKER_USE_SSL = {&quot;cert_reqs&quot;: ssl.CERT_REQUIRED, &quot;ca_certs&quot;: &quot;/etc/ssl/certs/ca-certificates.crt&quot;} (die Stammzertifikate von Let&apos;s Encrypt liegen in diesem Systemspeicher), und starten Sie dann die Worker neu. `saltant-deploy-cli check --host NAME` zeigt, ob sich das Zertifikat dort verifizieren lässt.</translation>
    </message>
    <message>
        <source>Worker hosts %1 and %2 both log in to %3 and write %4 there: each deploy replaces the other&apos;s files, and the machine runs only the worker deployed last. Remove %2, point it at another machine, or give it its own worker unit and saltant checkout.</source>
        <translation>Die Worker-Hosts %1 und %2 melden sich beide bei %3 an und schreiben dort %4: Jede Bereitstellung ersetzt die Dateien der anderen, und auf dem Rechner läuft nur der zuletzt bereitgestellte Worker. Entfernen Sie %2, lassen Sie ihn auf einen anderen Rechner zeigen oder geben Sie ihm eine eigene Worker-Unit und einen eigenen saltant-Checkout.</translation>
    </message>
    <message>
        <source>Worker hosts %1 and %2 both log in to %3 and consume the same queues (%4): the machine runs the same worker twice, which only splits its CPUs between them. Remove %2, or raise the concurrency of %1 instead.</source>
        <translation>Die Worker-Hosts %1 und %2 melden sich beide bei %3 an und arbeiten dieselben Warteschlangen ab (%4): Der Rechner führt denselben Worker zweimal aus, was nur seine CPUs zwischen ihnen aufteilt. Entfernen Sie %2 oder erhöhen Sie stattdessen die Parallelität von %1.</translation>
    </message>
    <message>
        <source>Queue %1 is served by no worker host: jobs saltant sends to it wait in RabbitMQ and never run. Add %1 to the queues of a worker host (%2), or take it off Known queues if saltant no longer has it.</source>
        <translation>Die Warteschlange %1 wird von keinem Worker-Host bedient: Jobs, die saltant an sie sendet, warten in RabbitMQ und laufen nie. Fügen Sie %1 den Warteschlangen eines Worker-Hosts hinzu (%2) oder nehmen Sie sie aus den bekannten Warteschlangen, wenn saltant sie nicht mehr hat.</translation>
    </message>
    <message>
        <source>Worker host %1 consumes %2, which saltant does not have (its queues, from Known queues: %3): no job ever arrives there, so a misspelt name leaves the worker idle. Correct the name, or add it to Known queues if saltant&apos;s admin has it.</source>
        <translation>Der Worker-Host %1 arbeitet %2 ab, die saltant nicht hat (seine Warteschlangen laut den bekannten Warteschlangen: %3): Dort kommt nie ein Job an, ein falsch geschriebener Name lässt den Worker also untätig. Korrigieren Sie den Namen oder fügen Sie ihn den bekannten Warteschlangen hinzu, wenn die Administration von saltant ihn hat.</translation>
    </message>
</context>
<context>
    <name>NginxConfigParser</name>
    <message>
        <source>unexpected end of file, expecting &quot;;&quot; or &quot;}&quot;</source>
        <translation>unerwartetes Dateiende, &quot;;&quot; oder &quot;}&quot; erwartet</translation>
    </message>
    <message>
        <source>unexpected &quot;%1&quot;</source>
        <translation>unerwartetes &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unexpected &quot;}&quot;</source>
        <translation>unerwartetes &quot;}&quot;</translation>
    </message>
    <message>
        <source>unexpected end of file, expecting &quot;}&quot;</source>
        <translation>unerwartetes Dateiende, &quot;}&quot; erwartet</translation>
    </message>
    <message>
        <source>Blocks are nested more than %1 deep; nginx configurations are not. Is it the right file?</source>
        <translation>Blöcke sind tiefer als %1 Ebenen verschachtelt; nginx-Konfigurationen sind das nicht. Ist es die richtige Datei?</translation>
    </message>
    <message>
        <source>invalid number of arguments in &quot;include&quot; directive</source>
        <translation>falsche Anzahl von Argumenten in der &quot;include&quot;-Direktive</translation>
    </message>
    <message>
        <source>Includes are nested more than %1 files deep.</source>
        <translation>Includes sind tiefer als %1 Dateien verschachtelt.</translation>
    </message>
    <message>
        <source>%1 includes itself (through %2).</source>
        <translation>%1 bindet sich selbst ein (über %2).</translation>
    </message>
</context>
<context>
    <name>RabbitConfParser</name>
    <message>
        <source>Expected a setting name (letters, digits, &quot;_&quot;, &quot;-&quot; and dots); RabbitMQ refuses the file at this line.</source>
        <translation>Ein Einstellungsname wird erwartet (Buchstaben, Ziffern, &quot;_&quot;, &quot;-&quot; und Punkte); RabbitMQ lehnt die Datei an dieser Zeile ab.</translation>
    </message>
    <message>
        <source>Expected &quot;=&quot; after %1; RabbitMQ refuses the file at this line.</source>
        <translation>Nach %1 wird &quot;=&quot; erwartet; RabbitMQ lehnt die Datei an dieser Zeile ab.</translation>
    </message>
    <message>
        <source>%1 has no value; RabbitMQ refuses the file at this line.</source>
        <translation>%1 hat keinen Wert; RabbitMQ lehnt die Datei an dieser Zeile ab.</translation>
    </message>
</context>
<context>
    <name>Renderer</name>
    <message>
        <source>: must be one line without control characters.</source>
        <translation>: muss eine Zeile ohne Steuerzeichen sein.</translation>
    </message>
    <message>
        <source>Flower password: must not contain a comma (Flower splits its logins at commas).</source>
        <translation>Flower-Passwort: darf kein Komma enthalten (Flower trennt seine Anmeldungen an Kommas).</translation>
    </message>
</context>
<context>
    <name>Secret</name>
    <message>
        <source>Django SECRET_KEY</source>
        <translation>Django-SECRET_KEY</translation>
    </message>
    <message>
        <source>SECRET_KEY in .env: signs sessions and tokens.</source>
        <translation>SECRET_KEY in .env: signiert Sitzungen und Token.</translation>
    </message>
    <message>
        <source>API auth token</source>
        <translation>API-Authentifizierungstoken</translation>
    </message>
    <message>
        <source>API_AUTH_TOKEN in .env: the token workers use to talk to the API.</source>
        <translation>API_AUTH_TOKEN in .env: das Token, mit dem Worker die API ansprechen.</translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation>SMTP-Passwort</translation>
    </message>
    <message>
        <source>EMAIL_HOST_PASSWORD in .env.</source>
        <translation>EMAIL_HOST_PASSWORD in .env.</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Datenbankpasswort</translation>
    </message>
    <message>
        <source>DATABASE_USER_PASSWORD in .env.</source>
        <translation>DATABASE_USER_PASSWORD in .env.</translation>
    </message>
    <message>
        <source>RabbitMQ admin password</source>
        <translation>RabbitMQ-Admin-Passwort</translation>
    </message>
    <message>
        <source>Password of the RabbitMQ admin user, part of CELERY_BROKER_URL.</source>
        <translation>Passwort des RabbitMQ-Admin-Benutzers, Teil von CELERY_BROKER_URL.</translation>
    </message>
    <message>
        <source>Flower password</source>
        <translation>Flower-Passwort</translation>
    </message>
    <message>
        <source>Basic-auth password of Flower, in the Flower environment file.</source>
        <translation>Basic-Auth-Passwort von Flower, in der Umgebungsdatei von Flower.</translation>
    </message>
    <message>
        <source>Rollbar access token</source>
        <translation>Rollbar-Zugriffstoken</translation>
    </message>
    <message>
        <source>ROLLBAR_ACCESS_TOKEN in .env.</source>
        <translation>ROLLBAR_ACCESS_TOKEN in .env.</translation>
    </message>
    <message>
        <source>AWS secret access key</source>
        <translation>Geheimer AWS-Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>AWS_SECRET_ACCESS_KEY in .env.</source>
        <translation>AWS_SECRET_ACCESS_KEY in .env.</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>Passphrase des Schlüssels</translation>
    </message>
    <message>
        <source>Unlocks the identity file when ssh-agent does not hold the key.</source>
        <translation>Entsperrt die Identitätsdatei, wenn ssh-agent den Schlüssel nicht hält.</translation>
    </message>
    <message>
        <source>SSH password</source>
        <translation>SSH-Passwort</translation>
    </message>
    <message>
        <source>Login password, used only when no key is accepted.</source>
        <translation>Anmeldepasswort, nur verwendet, wenn kein Schlüssel akzeptiert wird.</translation>
    </message>
    <message>
        <source>sudo password</source>
        <translation>sudo-Passwort</translation>
    </message>
    <message>
        <source>Given to sudo on standard input when the SSH user is not root.</source>
        <translation>Wird sudo über die Standardeingabe übergeben, wenn der SSH-Benutzer nicht root ist.</translation>
    </message>
    <message>
        <source>Ansible vault password</source>
        <translation>Ansible-Vault-Passwort</translation>
    </message>
    <message>
        <source>Encrypts the secrets of `export ansible` (ansible-vault); ansible-playbook asks for it (--ask-vault-pass).</source>
        <translation>Verschlüsselt die Geheimnisse von `export ansible` (ansible-vault); ansible-playbook fragt danach (--ask-vault-pass).</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <source>The value is empty; to remove a secret, delete it instead.</source>
        <translation>Der Wert ist leer; um ein Geheimnis zu entfernen, es stattdessen löschen.</translation>
    </message>
    <message>
        <source>The value holds a line break; a secret must be one line.</source>
        <translation>Der Wert enthält einen Zeilenumbruch; ein Geheimnis muss einzeilig sein.</translation>
    </message>
    <message>
        <source>The value holds a control character (U+%1); remove it.</source>
        <translation>Der Wert enthält ein Steuerzeichen (U+%1); bitte entfernen.</translation>
    </message>
    <message>
        <source>No %1 (%2) is stored in the keychain for this project; set it with `saltant-deploy-cli secret set %2` or in the Secrets form.</source>
        <translation>Für dieses Projekt ist kein %1 (%2) im Schlüsselbund gespeichert; mit `saltant-deploy-cli secret set %2` oder im Formular „Geheimnisse“ setzen.</translation>
    </message>
    <message>
        <source>The Flower password holds a comma: Flower splits its logins at commas, so no one could log in with it. Choose a password without a comma (Generate never uses one).</source>
        <translation>Das Flower-Passwort enthält ein Komma: Flower trennt seine Anmeldungen an Kommas, daher könnte sich niemand damit anmelden. Ein Passwort ohne Komma wählen („Erzeugen“ verwendet nie eines).</translation>
    </message>
    <message>
        <source>Unknown secret &quot;%1&quot;. Valid names: %2, and taskEnv.NAME for a secret task variable NAME.</source>
        <translation>Unbekanntes Geheimnis „%1“. Gültige Namen: %2 sowie taskEnv.NAME für eine geheime Aufgabenvariable NAME.</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>Server &amp; domain</source>
        <translation>Server und Domain</translation>
    </message>
    <message>
        <source>Django</source>
        <translation>Django</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>uWSGI</source>
        <translation>uWSGI</translation>
    </message>
    <message>
        <source>nginx</source>
        <translation>nginx</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>RabbitMQ</source>
        <translation>RabbitMQ</translation>
    </message>
    <message>
        <source>Flower</source>
        <translation>Flower</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Überwachung</translation>
    </message>
    <message>
        <source>Branding</source>
        <translation>Branding</translation>
    </message>
    <message>
        <source>Deploy target</source>
        <translation>Bereitstellungsziel</translation>
    </message>
    <message>
        <source>Worker hosts</source>
        <translation>Worker-Hosts</translation>
    </message>
</context>
<context>
    <name>SetValueCommand</name>
    <message>
        <source>Change %1</source>
        <translation>%1 ändern</translation>
    </message>
</context>
<context>
    <name>SetWorkerValueCommand</name>
    <message>
        <source>Change %1 of %2</source>
        <translation>%1 von %2 ändern</translation>
    </message>
    <message>
        <source>Use the shared %1 on %2</source>
        <translation>Gemeinsamen Wert von %1 auf %2 verwenden</translation>
    </message>
</context>
<context>
    <name>SystemdUnitParser</name>
    <message>
        <source>Invalid section header; systemd ignores this line.</source>
        <translation>Ungültige Abschnittsüberschrift; systemd ignoriert diese Zeile.</translation>
    </message>
    <message>
        <source>Assignment outside of a section; systemd ignores it.</source>
        <translation>Zuweisung außerhalb eines Abschnitts; systemd ignoriert sie.</translation>
    </message>
    <message>
        <source>Missing &quot;=&quot;; systemd ignores this line.</source>
        <translation>&quot;=&quot; fehlt; systemd ignoriert diese Zeile.</translation>
    </message>
    <message>
        <source>Unknown or incomplete escape after a backslash.</source>
        <translation>Unbekannte oder unvollständige Escape-Sequenz nach einem Backslash.</translation>
    </message>
    <message>
        <source>A quote is not closed.</source>
        <translation>Ein Anführungszeichen wird nicht geschlossen.</translation>
    </message>
    <message>
        <source>Several commands separated by &quot;;&quot; on one line are not supported here.</source>
        <translation>Mehrere durch &quot;;&quot; getrennte Befehle in einer Zeile werden hier nicht unterstützt.</translation>
    </message>
    <message>
        <source>The command line is empty.</source>
        <translation>Die Befehlszeile ist leer.</translation>
    </message>
    <message>
        <source>A lone &quot;%&quot; ends the value; write &quot;%%&quot; for a percent sign.</source>
        <translation>Ein einzelnes &quot;%&quot; beendet den Wert; schreiben Sie &quot;%%&quot; für ein Prozentzeichen.</translation>
    </message>
    <message>
        <source>The specifier &quot;%%1&quot; is not known here.</source>
        <translation>Der Platzhalter &quot;%%1&quot; ist hier nicht bekannt.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Configure and deploy a production saltant server.</source>
        <translation>Einen saltant-Produktionsserver konfigurieren und bereitstellen.</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE and quit.</source>
        <translation>Ein Bild des Fensters in FILE speichern und beenden.</translation>
    </message>
    <message>
        <source>Show the form of section ID (server, django, …).</source>
        <translation>Das Formular des Abschnitts ID anzeigen (server, django, …).</translation>
    </message>
    <message>
        <source>Preview the generated file ID (nginx-site, dotenv, …).</source>
        <translation>Die Vorschau der erzeugten Datei ID anzeigen (nginx-site, dotenv, …).</translation>
    </message>
    <message>
        <source>Project file to open.</source>
        <translation>Zu öffnende Projektdatei.</translation>
    </message>
    <message>
        <source>Show the user interface in language CODE (de, en, …).</source>
        <translation>Die Benutzeroberfläche in der Sprache CODE anzeigen (de, en, …).</translation>
    </message>
</context>
<context>
    <name>saltant</name>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>ein Array von Zeichenketten</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
</context>
<context>
    <name>saltant::AnsibleExport</name>
    <message>
        <source>Nothing exported; fix the settings above.</source>
        <translation>Nichts exportiert; bitte die obigen Einstellungen korrigieren.</translation>
    </message>
    <message>
        <source>The secret(s) %1 have no value; store them with `saltant-deploy-cli secret set NAME`, then export again.</source>
        <translation>Die Geheimnisse %1 haben keinen Wert; speichern Sie sie mit `saltant-deploy-cli secret set NAME` und exportieren Sie dann erneut.</translation>
    </message>
    <message>
        <source>The secret(s) %1 begin with { or [, which Ansible reads as data and would not pass on unchanged; store another value, then export again.</source>
        <translation>Die Geheimnisse %1 beginnen mit { oder [, was Ansible als Daten liest und nicht unverändert weitergeben würde; speichern Sie einen anderen Wert und exportieren Sie dann erneut.</translation>
    </message>
    <message>
        <source>%1 is not empty and holds no earlier export; choose a new or empty directory.</source>
        <translation>%1 ist nicht leer und enthält keinen früheren Export; wählen Sie ein neues oder leeres Verzeichnis.</translation>
    </message>
    <message>
        <source>Cannot prepare the directory %1; check that you may write there.</source>
        <translation>Das Verzeichnis %1 kann nicht vorbereitet werden; prüfen Sie, ob Sie dort schreiben dürfen.</translation>
    </message>
</context>
<context>
    <name>saltant::AnsibleExportDialog</name>
    <message>
        <source>Export to Ansible</source>
        <translation>Nach Ansible exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Writes an inventory (the server and %n worker host(s)), a playbook that installs the same files, validates and restarts as a deploy does, and a vault encrypted with ansible-vault holding every secret.</source>
        <translation>
            <numerusform>Schreibt ein Inventar (den Server und %n Worker-Host), ein Playbook, das dieselben Dateien installiert, prüft und neu startet wie eine Bereitstellung, und einen mit ansible-vault verschlüsselten Vault mit allen Geheimnissen.</numerusform>
            <numerusform>Schreibt ein Inventar (den Server und %n Worker-Hosts), ein Playbook, das dieselben Dateien installiert, prüft und neu startet wie eine Bereitstellung, und einen mit ansible-vault verschlüsselten Vault mit allen Geheimnissen.</numerusform>
        </translation>
    </message>
    <message>
        <source>An empty directory, or one that does not exist yet</source>
        <translation>Ein leeres Verzeichnis oder eines, das es noch nicht gibt</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>The vault password stored in the keychain</source>
        <translation>Das im Schlüsselbund gespeicherte Vault-Passwort</translation>
    </message>
    <message>
        <source>The vault password stored in the keychain (none is stored)</source>
        <translation>Das im Schlüsselbund gespeicherte Vault-Passwort (keines gespeichert)</translation>
    </message>
    <message>
        <source>This password:</source>
        <translation>Dieses Passwort:</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Verzeichnis:</translation>
    </message>
    <message>
        <source>Vault:</source>
        <translation>Vault:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Wiederholen:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same vault password twice.</source>
        <translation>Die beiden Passwörter unterscheiden sich: Geben Sie zweimal dasselbe Vault-Passwort ein.</translation>
    </message>
    <message>
        <source>Exporting… (ansible-vault encrypts each file that holds a secret)</source>
        <translation>Wird exportiert… (ansible-vault verschlüsselt jede Datei, die ein Geheimnis enthält)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s). Run it: cd %1 &amp;&amp; ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass (README.md there says more).</source>
        <translation>
            <numerusform>%n Datei geschrieben. Ausführen: cd %1 &amp;&amp; ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass (mehr in der README.md dort).</numerusform>
            <numerusform>%n Dateien geschrieben. Ausführen: cd %1 &amp;&amp; ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass (mehr in der README.md dort).</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Es wurde nichts exportiert: %1</translation>
    </message>
</context>
<context>
    <name>saltant::AnsibleVault</name>
    <message>
        <source>The vault password is empty. Store one with `saltant-deploy-cli secret set ansible.vaultPassword`, or give --vault-password-file FILE.</source>
        <translation>Das Vault-Passwort ist leer. Speichern Sie eines mit `saltant-deploy-cli secret set ansible.vaultPassword` oder geben Sie --vault-password-file FILE an.</translation>
    </message>
    <message>
        <source>The vault password holds a line break; use a password of one line.</source>
        <translation>Das Vault-Passwort enthält einen Zeilenumbruch; verwenden Sie ein einzeiliges Passwort.</translation>
    </message>
    <message>
        <source>The vault password begins or ends with white space, which Ansible drops from password files; use a password without it.</source>
        <translation>Das Vault-Passwort beginnt oder endet mit Leerraum, den Ansible aus Passwortdateien entfernt; verwenden Sie ein Passwort ohne.</translation>
    </message>
    <message>
        <source>%1 was not found. Install ansible-core (Debian and Ubuntu: apt-get install ansible-core; elsewhere: pipx install ansible-core), then export again.</source>
        <translation>%1 wurde nicht gefunden. Installieren Sie ansible-core (Debian und Ubuntu: apt-get install ansible-core; sonst: pipx install ansible-core) und exportieren Sie dann erneut.</translation>
    </message>
    <message>
        <source>Could not create a pipe for the vault password: %1.</source>
        <translation>Für das Vault-Passwort konnte keine Pipe angelegt werden: %1.</translation>
    </message>
    <message>
        <source>Could not hand the vault password to %1.</source>
        <translation>Das Vault-Passwort konnte nicht an %1 übergeben werden.</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 seconds.</source>
        <translation>%1 wurde nicht innerhalb von %2 Sekunden fertig.</translation>
    </message>
    <message>
        <source>%1 encrypt failed (exit code %2): %3</source>
        <translation>%1 encrypt ist fehlgeschlagen (Exit-Code %2): %3</translation>
    </message>
</context>
<context>
    <name>saltant::BrandingPicker</name>
    <message>
        <source>Logo preview</source>
        <translation>Logo-Vorschau</translation>
    </message>
    <message>
        <source>Favicon preview</source>
        <translation>Favicon-Vorschau</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message>
        <source>No logo: the site keeps saltant&apos;s own.</source>
        <translation>Kein Logo: Die Website behält das eigene Logo von saltant.</translation>
    </message>
    <message>
        <source>No favicon: the site keeps saltant&apos;s own.</source>
        <translation>Kein Favicon: Die Website behält das eigene Favicon von saltant.</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>Cannot read this image: %1.</source>
        <translation>Dieses Bild kann nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>%1, %2 × %3 px</source>
        <translation>%1, %2 × %3 px</translation>
    </message>
    <message>
        <source> — not an .ico file.</source>
        <translation> – keine .ico-Datei.</translation>
    </message>
    <message>
        <source> — not a PNG: the logo must be a PNG file.</source>
        <translation> – kein PNG: Das Logo muss eine PNG-Datei sein.</translation>
    </message>
    <message>
        <source> — not square: the logo must be 1:1.</source>
        <translation> – nicht quadratisch: Das Logo muss 1:1 sein.</translation>
    </message>
    <message>
        <source> — square PNG, ready to upload.</source>
        <translation> – quadratisches PNG, bereit zum Hochladen.</translation>
    </message>
</context>
<context>
    <name>saltant::CheckCli</name>
    <message>
        <source>Time limit of each check in milliseconds (default 10000).</source>
        <translation>Zeitlimit jeder Prüfung in Millisekunden (Standard: 10000).</translation>
    </message>
    <message>
        <source>Use ADDRESS for HOST instead of DNS, e.g. to check a new server before DNS points to it; repeatable.</source>
        <translation>ADDRESS statt DNS für HOST verwenden, z. B. um einen neuen Server zu prüfen, bevor DNS auf ihn zeigt; wiederholbar.</translation>
    </message>
    <message>
        <source>Contact LOCAL instead of the server port SERVER, e.g. through an SSH tunnel; repeatable.</source>
        <translation>LOCAL statt des Serverports SERVER ansprechen, z. B. über einen SSH-Tunnel; wiederholbar.</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file.</source>
        <translation>Zusätzlich den CA-Zertifikaten in dieser PEM-Datei vertrauen.</translation>
    </message>
    <message>
        <source>--timeout expects a positive number of milliseconds.</source>
        <translation>--timeout erwartet eine positive Anzahl Millisekunden.</translation>
    </message>
</context>
<context>
    <name>saltant::CheckOverrides</name>
    <message>
        <source>expected HOST=ADDRESS, e.g. www.example.com=198.51.100.4.</source>
        <translation>HOST=ADDRESS erwartet, z. B. www.example.com=198.51.100.4.</translation>
    </message>
    <message>
        <source>expected SERVER=LOCAL port numbers, e.g. 443=8443.</source>
        <translation>Portnummern SERVER=LOCAL erwartet, z. B. 443=8443.</translation>
    </message>
    <message>
        <source>no PEM certificate found.</source>
        <translation>kein PEM-Zertifikat gefunden.</translation>
    </message>
</context>
<context>
    <name>saltant::ChecksPanel</name>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;Preflight</source>
        <translation>&amp;Vorabprüfung</translation>
    </message>
    <message>
        <source>&amp;Health</source>
        <translation>&amp;Zustand</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Before deploying: DNS of every server name and the ports 22, 80, 443 and AMQPS.</source>
        <translation>Vor der Bereitstellung: DNS jedes Servernamens und die Ports 22, 80, 443 und AMQPS.</translation>
    </message>
    <message>
        <source>After deploying: the site, its HTTPS redirect, /flower/, /rabbitmq/ and the certificates.</source>
        <translation>Nach der Bereitstellung: die Website, ihre HTTPS-Umleitung, /flower/, /rabbitmq/ und die Zertifikate.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Checking… %1 of %2</source>
        <translation>Wird geprüft … %1 von %2</translation>
    </message>
    <message>
        <source>All checks passed, %1 with a warning.</source>
        <translation>Alle Prüfungen bestanden, %1 mit Warnung.</translation>
    </message>
    <message>
        <source>Check before and after &amp;deploying</source>
        <translation>Vor und nach dem &amp;Bereitstellen prüfen</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Time limit of each check: resolving, connecting, the TLS handshake and the answer.</source>
        <translation>Zeitlimit jeder Prüfung: Auflösen, Verbinden, TLS-Handshake und Antwort.</translation>
    </message>
    <message>
        <source>Time limit per check</source>
        <translation>Zeitlimit pro Prüfung</translation>
    </message>
    <message>
        <source>&amp;Time limit:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Deploy runs the preflight checks first (and asks when one fails) and the health checks after a successful deploy.</source>
        <translation>Die Bereitstellung führt zuerst die Vorabprüfungen aus (und fragt nach, wenn eine fehlschlägt) und nach erfolgreicher Bereitstellung die Zustandsprüfungen.</translation>
    </message>
    <message>
        <source>Reading the Flower password from the keychain…</source>
        <translation>Flower-Passwort wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The Flower login was not checked: %1</source>
        <translation>Die Flower-Anmeldung wurde nicht geprüft: %1</translation>
    </message>
    <message>
        <source>The Flower login was not checked: no Flower password from the keychain.</source>
        <translation>Die Flower-Anmeldung wurde nicht geprüft: kein Flower-Passwort aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>HOST=ADDRESS …</source>
        <translation>HOST=ADRESSE …</translation>
    </message>
    <message>
        <source>Use ADDRESS for HOST instead of DNS, e.g. to check a new server before DNS points to it. Several: separate them with spaces.</source>
        <translation>ADRESSE statt DNS für HOST verwenden, z. B. um einen neuen Server zu prüfen, bevor DNS auf ihn zeigt. Mehrere: durch Leerzeichen trennen.</translation>
    </message>
    <message>
        <source>Addresses instead of DNS</source>
        <translation>Adressen statt DNS</translation>
    </message>
    <message>
        <source>SERVER=LOCAL …</source>
        <translation>SERVER=LOKAL …</translation>
    </message>
    <message>
        <source>Contact port LOCAL instead of the server&apos;s port SERVER, e.g. 443=8443 through a tunnel.</source>
        <translation>Port LOKAL statt des Server-Ports SERVER ansprechen, z. B. 443=8443 durch einen Tunnel.</translation>
    </message>
    <message>
        <source>Ports instead of the server&apos;s</source>
        <translation>Ports statt der des Servers</translation>
    </message>
    <message>
        <source>PEM file</source>
        <translation>PEM-Datei</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file (a private or test CA).</source>
        <translation>Auch den CA-Zertifikaten in dieser PEM-Datei vertrauen (eine private oder Test-CA).</translation>
    </message>
    <message>
        <source>Extra trusted CA file</source>
        <translation>Zusätzlich vertrauenswürdige CA-Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Resolve:</source>
        <translation>&amp;Auflösen:</translation>
    </message>
    <message>
        <source>P&amp;orts:</source>
        <translation>P&amp;orts:</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>C&amp;A-Datei:</translation>
    </message>
    <message>
        <source>Resolve %1: %2</source>
        <translation>Auflösen %1: %2</translation>
    </message>
    <message>
        <source>Ports %1: %2</source>
        <translation>Ports %1: %2</translation>
    </message>
    <message>
        <source>CA file %1: %2</source>
        <translation>CA-Datei %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %n check(s).</source>
        <translation>
            <numerusform>Nach %1 von %n Prüfung abgebrochen.</numerusform>
            <numerusform>Nach %1 von %n Prüfungen abgebrochen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n check(s) failed.</source>
        <translation>
            <numerusform>%1 von %n Prüfung fehlgeschlagen.</numerusform>
            <numerusform>%1 von %n Prüfungen fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n check(s) passed.</source>
        <translation>
            <numerusform>Die %n Prüfung bestanden.</numerusform>
            <numerusform>Alle %n Prüfungen bestanden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Worker Hosts</source>
        <translation>&amp;Worker-Hosts</translation>
    </message>
    <message>
        <source>Reading the secrets from the keychain…</source>
        <translation>Die Geheimnisse werden aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>The secrets could not be read from the keychain, so no worker host was checked: %1 Unlock the keychain and check again.</source>
        <translation>Die Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden, daher wurde kein Worker-Host geprüft: %1 Entsperren Sie den Schlüsselbund und prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>Checking the worker hosts…</source>
        <translation>Die Worker-Hosts werden geprüft…</translation>
    </message>
    <message>
        <source>On each worker host, over SSH: the broker&apos;s name, port, certificate and AMQP login as Celery there sees them, the virtualenv and the container runtime.</source>
        <translation>Auf jedem Worker-Host, über SSH: Name, Port, Zertifikat und AMQP-Anmeldung des Brokers, wie Celery dort sie sieht, das virtualenv und die Container-Laufzeit.</translation>
    </message>
    <message>
        <source>The project has no worker hosts.</source>
        <translation>Das Projekt hat keine Worker-Hosts.</translation>
    </message>
    <message>
        <source>Dr&amp;ift</source>
        <translation>Abwei&amp;chung</translation>
    </message>
    <message>
        <source>Over SSH: the files changed on the server since the last deploy (as saltant-deploy-cli drift). Changes nothing.</source>
        <translation>Über SSH: die Dateien, die seit dem letzten Deploy auf dem Server geändert wurden (wie saltant-deploy-cli drift). Ändert nichts.</translation>
    </message>
    <message>
        <source>The secrets could not be read from the keychain, so the server was not read for drift: %1 Unlock the keychain and check again.</source>
        <translation>Die Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden, daher wurde der Server nicht auf Abweichungen gelesen: %1 Entsperren Sie den Schlüsselbund und prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>Reading the server for drift…</source>
        <translation>Server wird auf Abweichungen gelesen …</translation>
    </message>
</context>
<context>
    <name>saltant::DeployCommand</name>
    <message>
        <source>Show the plan, then apply it to the server as a transaction (validated, rolled back on failure).</source>
        <translation>Den Plan anzeigen und ihn dann als Transaktion auf den Server anwenden (validiert, bei Fehlern zurückgerollt).</translation>
    </message>
    <message>
        <source>Trust the server&apos;s host key when it is not yet in known_hosts (a changed key is always refused).</source>
        <translation>Dem Host-Schlüssel des Servers vertrauen, wenn er noch nicht in known_hosts steht (ein geänderter Schlüssel wird immer abgelehnt).</translation>
    </message>
    <message>
        <source>Apply without asking (required when standard input is not a terminal).</source>
        <translation>Ohne Rückfrage anwenden (erforderlich, wenn die Standardeingabe kein Terminal ist).</translation>
    </message>
    <message>
        <source>Also run the plan&apos;s install commands for missing programs (apt-get, pip).</source>
        <translation>Auch die Installationsbefehle des Plans für fehlende Programme ausführen (apt-get, pip).</translation>
    </message>
    <message>
        <source>warning: secrets could not be read from the keychain: %1</source>
        <translation>Warnung: Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <source>deploy: standard input is not a terminal; review the plan with `plan`, then deploy with --yes.</source>
        <translation>deploy: Die Standardeingabe ist kein Terminal; den Plan mit `plan` prüfen und dann mit --yes bereitstellen.</translation>
    </message>
    <message>
        <source>Apply this plan? [y/N] </source>
        <translation>Diesen Plan anwenden? (y = ja) [y/N] </translation>
    </message>
    <message>
        <source>Log: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
    <message>
        <source>Skip the preflight checks before and the health checks after the deploy (DNS, ports, the live site, certificates).</source>
        <translation>Die Vorabprüfungen vor und die Zustandsprüfungen nach der Bereitstellung auslassen (DNS, Ports, die laufende Site, Zertifikate).</translation>
    </message>
    <message>
        <source>Preflight:</source>
        <translation>Vorabprüfung:</translation>
    </message>
    <message numerus="yes">
        <source>%n preflight check(s) failed (see above).</source>
        <translation>
            <numerusform>%n Vorabprüfung ist fehlgeschlagen (siehe oben).</numerusform>
            <numerusform>%n Vorabprüfungen sind fehlgeschlagen (siehe oben).</numerusform>
        </translation>
    </message>
    <message>
        <source>Health:</source>
        <translation>Zustand:</translation>
    </message>
    <message numerus="yes">
        <source>deploy: the server has the new configuration, but %n health check(s) failed (see above).</source>
        <translation>
            <numerusform>deploy: Der Server hat die neue Konfiguration, aber %n Zustandsprüfung ist fehlgeschlagen (siehe oben).</numerusform>
            <numerusform>deploy: Der Server hat die neue Konfiguration, aber %n Zustandsprüfungen sind fehlgeschlagen (siehe oben).</numerusform>
        </translation>
    </message>
    <message>
        <source>Overwrite files that were changed on the server since the last deploy (without it, or --keep-drift, such a deploy is refused with exit code 9 and nothing is changed).</source>
        <translation>Dateien überschreiben, die seit dem letzten Deploy auf dem Server geändert wurden (ohne diese Option oder --keep-drift wird ein solcher Deploy mit Exit-Code 9 abgelehnt und nichts geändert).</translation>
    </message>
    <message>
        <source>Leave files that were changed on the server since the last deploy as they are (they are not recorded as deployed) and deploy the rest.</source>
        <translation>Dateien, die seit dem letzten Deploy auf dem Server geändert wurden, so lassen, wie sie sind (sie werden nicht als ausgeliefert vermerkt), und den Rest ausliefern.</translation>
    </message>
    <message>
        <source>deploy: --overwrite-drift and --keep-drift exclude each other; choose one.</source>
        <translation>deploy: --overwrite-drift und --keep-drift schließen einander aus; wählen Sie eine der beiden Optionen.</translation>
    </message>
    <message>
        <source>deploy: --keep-drift works on one host only; deploy each host on its own, or use --overwrite-drift.</source>
        <translation>deploy: --keep-drift wirkt nur auf einem Host; liefern Sie jeden Host einzeln aus oder verwenden Sie --overwrite-drift.</translation>
    </message>
    <message>
        <source>%1: cancelled; nothing was changed.</source>
        <translation>%1: abgebrochen; nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>saltant::DeployConnection</name>
    <message>
        <source>The server&apos;s host key is not known: %1 %2 (%3). Check it, then run again with --accept-new-host-key.</source>
        <translation>Der Host-Schlüssel des Servers ist unbekannt: %1 %2 (%3). Prüfen und dann mit --accept-new-host-key erneut ausführen.</translation>
    </message>
    <message>
        <source>Trusting the new host key %1 (written to %2).</source>
        <translation>Dem neuen Host-Schlüssel %1 wird vertraut (in %2 geschrieben).</translation>
    </message>
    <message>
        <source>Cannot plan again: not connected to the server. Deploy again.</source>
        <translation>Kann nicht neu planen: keine Verbindung zum Server. Stellen Sie erneut bereit.</translation>
    </message>
</context>
<context>
    <name>saltant::DeployController</name>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Waiting for your decision about the host key.</source>
        <translation>Warten auf die Entscheidung zum Host-Schlüssel.</translation>
    </message>
    <message>
        <source>Deploy cancelled: the host key was not trusted; nothing was sent.</source>
        <translation>Bereitstellung abgebrochen: Dem Host-Schlüssel wurde nicht vertraut; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Reading the server…</source>
        <translation>Server wird gelesen …</translation>
    </message>
    <message>
        <source>Deploy cancelled; nothing was changed.</source>
        <translation>Bereitstellung abgebrochen; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Deploying to %1…</source>
        <translation>Bereitstellung auf %1 …</translation>
    </message>
    <message>
        <source>Deploy refused: the server&apos;s host key changed.</source>
        <translation>Bereitstellung abgelehnt: Der Host-Schlüssel des Servers hat sich geändert.</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>Deploy failed: %1</source>
        <translation>Bereitstellung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Preflight checks…</source>
        <translation>Vorabprüfungen…</translation>
    </message>
    <message>
        <source>Health checks…</source>
        <translation>Zustandsprüfungen…</translation>
    </message>
    <message>
        <source>Preflight Checks Failed</source>
        <translation>Vorabprüfungen fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>%n preflight check(s) failed; the Server Checks panel says what was found and what to do. On a first deploy, ports that nothing listens on yet are expected to fail.

Connect to the server and show the plan anyway?</source>
        <translation>
            <numerusform>%n Vorabprüfung ist fehlgeschlagen; die Serverprüfungen zeigen, was gefunden wurde und was zu tun ist. Bei einer ersten Bereitstellung schlagen Ports, an denen noch nichts lauscht, erwartungsgemäß fehl.

Trotzdem mit dem Server verbinden und den Plan zeigen?</numerusform>
            <numerusform>%n Vorabprüfungen sind fehlgeschlagen; die Serverprüfungen zeigen, was gefunden wurde und was zu tun ist. Bei einer ersten Bereitstellung schlagen Ports, an denen noch nichts lauscht, erwartungsgemäß fehl.

Trotzdem mit dem Server verbinden und den Plan zeigen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Deploy cancelled after the preflight checks; nothing was sent.</source>
        <translation>Bereitstellung nach den Vorabprüfungen abgebrochen; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Deployed; the health checks were cancelled.</source>
        <translation>Bereitgestellt; die Zustandsprüfungen wurden abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>Deployed, but %n health check(s) failed: see Server Checks.</source>
        <translation>
            <numerusform>Bereitgestellt, aber %n Zustandsprüfung ist fehlgeschlagen: siehe Serverprüfungen.</numerusform>
            <numerusform>Bereitgestellt, aber %n Zustandsprüfungen sind fehlgeschlagen: siehe Serverprüfungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Deployed; every health check passed.</source>
        <translation>Bereitgestellt; jede Zustandsprüfung bestanden.</translation>
    </message>
    <message>
        <source>Deploy cancelled during the preflight checks; nothing was sent.</source>
        <translation>Bereitstellung während der Vorabprüfungen abgebrochen; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Reading the server again…</source>
        <translation>Server wird erneut gelesen …</translation>
    </message>
    <message>
        <source>There is no open project to import the server&apos;s edit into; nothing was sent. Keep the server&apos;s version or overwrite it.</source>
        <translation>Es ist kein Projekt geöffnet, in das die Änderung des Servers übernommen werden könnte; nichts wurde gesendet. Behalten Sie die Fassung des Servers oder überschreiben Sie sie.</translation>
    </message>
</context>
<context>
    <name>saltant::DeployHistory</name>
    <message>
        <source>a history entry is not JSON (%1)</source>
        <translation>ein Verlaufseintrag ist kein JSON (%1)</translation>
    </message>
    <message>
        <source>a history entry has no valid id (&quot;%1&quot;)</source>
        <translation>ein Verlaufseintrag hat keine gültige ID („%1“)</translation>
    </message>
    <message>
        <source>history entry %1 names a path that is not absolute: &quot;%2&quot;</source>
        <translation>Verlaufseintrag %1 nennt einen Pfad, der nicht absolut ist: „%2“</translation>
    </message>
    <message>
        <source>There is no deploy %1 in the server&apos;s history; `saltant-deploy-cli history` lists them.</source>
        <translation>Im Verlauf des Servers gibt es keine Bereitstellung %1; `saltant-deploy-cli history` listet sie auf.</translation>
    </message>
</context>
<context>
    <name>saltant::DeployManifest</name>
    <message>
        <source>The deploy manifest is not valid JSON (%1).</source>
        <translation>Das Deploy-Manifest ist kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>The deploy manifest has no list of files.</source>
        <translation>Das Deploy-Manifest enthält keine Dateiliste.</translation>
    </message>
    <message>
        <source>The deploy manifest has an incomplete file entry (%1).</source>
        <translation>Das Deploy-Manifest enthält einen unvollständigen Dateieintrag (%1).</translation>
    </message>
</context>
<context>
    <name>saltant::DeployProgressDialog</name>
    <message>
        <source>Deploying</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Deploying…</source>
        <translation>Wird bereitgestellt …</translation>
    </message>
    <message>
        <source>Open Log</source>
        <translation>Protokoll öffnen</translation>
    </message>
    <message>
        <source>Cancelling after the current step…</source>
        <translation>Abbruch nach dem aktuellen Schritt …</translation>
    </message>
    <message>
        <source>Files uploaded: %1. Handlers run: %2.</source>
        <translation>Hochgeladene Dateien: %1. Ausgeführte Handler: %2.</translation>
    </message>
    <message>
        <source>Log: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
    <message>
        <source>Deploy Finished</source>
        <translation>Bereitstellung abgeschlossen</translation>
    </message>
    <message>
        <source>Deploy Failed</source>
        <translation>Bereitstellung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Deploy Cancelled</source>
        <translation>Bereitstellung abgebrochen</translation>
    </message>
</context>
<context>
    <name>saltant::DeployRunner</name>
    <message>
        <source>nothing to do</source>
        <translation>nichts zu tun</translation>
    </message>
    <message>
        <source>deployed</source>
        <translation>bereitgestellt</translation>
    </message>
    <message>
        <source>refused; the server was not changed</source>
        <translation>abgelehnt; der Server wurde nicht verändert</translation>
    </message>
    <message>
        <source>the files could not be put in place; every file was restored</source>
        <translation>die Dateien konnten nicht an ihren Platz gebracht werden; jede Datei wurde wiederhergestellt</translation>
    </message>
    <message>
        <source>validation failed; every file was restored and no service was reloaded</source>
        <translation>Validierung fehlgeschlagen; jede Datei wurde wiederhergestellt und kein Dienst neu geladen</translation>
    </message>
    <message>
        <source>a step failed after the new files were in place</source>
        <translation>ein Schritt schlug fehl, nachdem die neuen Dateien an ihrem Platz waren</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>die Verbindung ging verloren</translation>
    </message>
    <message>
        <source>The project does not render:
</source>
        <translation>Das Projekt lässt sich nicht erzeugen:
</translation>
    </message>
    <message>
        <source> The connection was lost: every file on the server is either the old or the new version; deploy again to finish or repair.</source>
        <translation> Die Verbindung ging verloren: Jede Datei auf dem Server ist entweder die alte oder die neue Version; erneut bereitstellen, um abzuschließen oder zu reparieren.</translation>
    </message>
    <message>
        <source>The secret %1 has no value (needed by: %2).</source>
        <translation>Das Geheimnis %1 hat keinen Wert (benötigt von: %2).</translation>
    </message>
    <message>
        <source>Could not resolve what an interrupted deploy left on the server.</source>
        <translation>Was eine unterbrochene Bereitstellung auf dem Server hinterlassen hat, konnte nicht bereinigt werden.</translation>
    </message>
    <message>
        <source>Installing failed: %1.</source>
        <translation>Installation fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>%1 failed; no file was changed.</source>
        <translation>%1 fehlgeschlagen; keine Datei wurde geändert.</translation>
    </message>
    <message>
        <source>Uploading failed; no file was changed.</source>
        <translation>Hochladen fehlgeschlagen; keine Datei wurde geändert.</translation>
    </message>
    <message>
        <source>The new files could not be put in place; every file was restored.</source>
        <translation>Die neuen Dateien konnten nicht an ihren Platz gebracht werden; jede Datei wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>The server rejected the new configuration; every file was restored, no service was reloaded.
</source>
        <translation>Der Server hat die neue Konfiguration abgelehnt; jede Datei wurde wiederhergestellt, kein Dienst wurde neu geladen.
</translation>
    </message>
    <message>
        <source>The new files could not be marked committed.</source>
        <translation>Die neuen Dateien konnten nicht als übernommen markiert werden.</translation>
    </message>
    <message>
        <source>%1 failed; the new files are in place. The remaining steps did not run; the next deploy runs them again.</source>
        <translation>%1 fehlgeschlagen; die neuen Dateien sind an ihrem Platz. Die übrigen Schritte wurden nicht ausgeführt; die nächste Bereitstellung führt sie erneut aus.</translation>
    </message>
    <message>
        <source>The pending markers could not be removed.</source>
        <translation>Die Ausstehend-Markierungen konnten nicht entfernt werden.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled before any file was changed.</source>
        <translation>Abgebrochen, bevor eine Datei geändert wurde.</translation>
    </message>
    <message>
        <source>Cancelled; the new files are in place. The remaining steps did not run; the next deploy runs them.</source>
        <translation>Abgebrochen; die neuen Dateien sind an ihrem Platz. Die übrigen Schritte wurden nicht ausgeführt; die nächste Bereitstellung führt sie aus.</translation>
    </message>
    <message>
        <source>refused: files were changed on the server since the last deploy; the server was not changed</source>
        <translation>abgelehnt: seit dem letzten Deploy wurden Dateien auf dem Server geändert; der Server wurde nicht verändert</translation>
    </message>
    <message>
        <source>These files were changed on the server since the last deploy; this deploy would overwrite them:
%1
Review them with `plan`, then deploy with --overwrite-drift (replace them) or --keep-drift (leave them as they are and deploy the rest).</source>
        <translation>Diese Dateien wurden seit dem letzten Deploy auf dem Server geändert; dieser Deploy würde sie überschreiben:
%1
Prüfen Sie sie mit `plan` und liefern Sie dann mit --overwrite-drift (ersetzen) oder --keep-drift (so lassen und den Rest ausliefern) aus.</translation>
    </message>
</context>
<context>
    <name>saltant::DeploySteps</name>
    <message>
        <source>nginx is installed</source>
        <translation>nginx ist installiert</translation>
    </message>
    <message>
        <source>RabbitMQ is installed</source>
        <translation>RabbitMQ ist installiert</translation>
    </message>
    <message>
        <source>certbot is installed</source>
        <translation>certbot ist installiert</translation>
    </message>
    <message>
        <source>uWSGI is installed</source>
        <translation>uWSGI ist installiert</translation>
    </message>
    <message>
        <source>Flower is installed in the virtualenv</source>
        <translation>Flower ist im virtualenv installiert</translation>
    </message>
    <message>
        <source>Directory %1</source>
        <translation>Verzeichnis %1</translation>
    </message>
    <message>
        <source>ACME webroot</source>
        <translation>ACME-Webroot</translation>
    </message>
    <message>
        <source>Obtain the certificate when missing</source>
        <translation>Zertifikat beziehen, falls es fehlt</translation>
    </message>
    <message>
        <source>Link %1</source>
        <translation>Verknüpfung %1</translation>
    </message>
    <message>
        <source>nginx accepts the configuration</source>
        <translation>nginx akzeptiert die Konfiguration</translation>
    </message>
    <message>
        <source>systemd accepts the units</source>
        <translation>systemd akzeptiert die Units</translation>
    </message>
    <message>
        <source>Certificate reader group</source>
        <translation>Lesegruppe für Zertifikate</translation>
    </message>
    <message>
        <source>RabbitMQ may read the certificate</source>
        <translation>RabbitMQ darf das Zertifikat lesen</translation>
    </message>
    <message>
        <source>Certificate files readable by the group</source>
        <translation>Zertifikatsdateien für die Gruppe lesbar machen</translation>
    </message>
    <message>
        <source>RabbitMQ management plugin</source>
        <translation>RabbitMQ-Management-Plugin</translation>
    </message>
    <message>
        <source>RabbitMQ admin user (password on standard input)</source>
        <translation>RabbitMQ-Administrator (Passwort über die Standardeingabe)</translation>
    </message>
    <message>
        <source>RabbitMQ vhost</source>
        <translation>RabbitMQ-vhost</translation>
    </message>
    <message>
        <source>RabbitMQ admin tag</source>
        <translation>RabbitMQ-Administrator-Tag</translation>
    </message>
    <message>
        <source>RabbitMQ permissions</source>
        <translation>RabbitMQ-Berechtigungen</translation>
    </message>
    <message>
        <source>Delete the guest user</source>
        <translation>Benutzer guest löschen</translation>
    </message>
    <message>
        <source>Delete vhost /</source>
        <translation>vhost / löschen</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Favicon</source>
        <translation>Favicon</translation>
    </message>
    <message>
        <source>Collect static files</source>
        <translation>Statische Dateien sammeln</translation>
    </message>
    <message>
        <source>Reload systemd</source>
        <translation>systemd neu laden</translation>
    </message>
    <message>
        <source>Enable and restart the uWSGI emperor</source>
        <translation>uWSGI-Emperor aktivieren und neu starten</translation>
    </message>
    <message>
        <source>Reload nginx</source>
        <translation>nginx neu laden</translation>
    </message>
    <message>
        <source>Restart RabbitMQ</source>
        <translation>RabbitMQ neu starten</translation>
    </message>
    <message>
        <source>Enable and restart Flower</source>
        <translation>Flower aktivieren und neu starten</translation>
    </message>
    <message>
        <source>Restart rsyslog</source>
        <translation>rsyslog neu starten</translation>
    </message>
    <message>
        <source>uWSGI from the distribution is not installed, but the project&apos;s virtualenv has one (%1): set uWSGI installation to &apos;venv&apos;, or install the distribution&apos;s packages with the command above.</source>
        <translation>uWSGI der Distribution ist nicht installiert, aber das Virtualenv des Projekts hat eines (%1): Setzen Sie die uWSGI-Installation auf „venv“ oder installieren Sie die Pakete der Distribution mit dem Befehl oben.</translation>
    </message>
    <message>
        <source>uWSGI&apos;s Python 3 plugin is installed</source>
        <translation>Das Python-3-Plugin von uWSGI ist installiert</translation>
    </message>
    <message>
        <source>pip builds uWSGI from source: the server needs a C compiler and the Python headers (apt-get install -y build-essential python3-dev).</source>
        <translation>pip baut uWSGI aus dem Quelltext: Der Server braucht einen C-Compiler und die Python-Header (apt-get install -y build-essential python3-dev).</translation>
    </message>
    <message>
        <source>uWSGI is not installed in the project&apos;s virtualenv, but the distribution&apos;s uWSGI is (%1 with the python3 plugin): set uWSGI installation to &apos;distribution&apos;, or install uWSGI into the virtualenv with the command above.</source>
        <translation>uWSGI ist nicht im Virtualenv des Projekts installiert, aber das uWSGI der Distribution (%1 mit dem Plugin python3): Setzen Sie die uWSGI-Installation auf „distribution“ oder installieren Sie uWSGI mit dem Befehl oben ins Virtualenv.</translation>
    </message>
    <message>
        <source>PostgreSQL is installed</source>
        <translation>PostgreSQL ist installiert</translation>
    </message>
    <message>
        <source>The package postgresql installs the server and creates its first cluster; if it is installed but pg_lsclusters lists no cluster, create one with pg_createcluster.</source>
        <translation>Das Paket postgresql installiert den Server und legt seinen ersten Cluster an; ist es installiert, aber pg_lsclusters zeigt keinen Cluster, legen Sie einen mit pg_createcluster an.</translation>
    </message>
    <message>
        <source>setfacl is installed</source>
        <translation>setfacl ist installiert</translation>
    </message>
    <message>
        <source>Let the web group traverse to the project</source>
        <translation>Der Webgruppe den Weg zum Projekt öffnen</translation>
    </message>
    <message>
        <source>PostgreSQL role %1 (password on standard input)</source>
        <translation>PostgreSQL-Rolle %1 (Passwort über die Standardeingabe)</translation>
    </message>
    <message>
        <source>PostgreSQL database %1</source>
        <translation>PostgreSQL-Datenbank %1</translation>
    </message>
    <message>
        <source>Apply database migrations</source>
        <translation>Datenbankmigrationen anwenden</translation>
    </message>
    <message>
        <source>The host name resolves to loopback (RabbitMQ&apos;s Erlang ports are on loopback only)</source>
        <translation>Der Hostname löst auf eine Loopback-Adresse auf (die Erlang-Ports von RabbitMQ lauschen nur auf Loopback)</translation>
    </message>
    <message>
        <source>rabbitmqctl reaches RabbitMQ through this server&apos;s short host name, and RabbitMQ&apos;s Erlang ports listen on loopback only: map the name that `hostname -s` prints to 127.0.1.1 in /etc/hosts (as Debian does) and to no other address, then deploy again.</source>
        <translation>rabbitmqctl erreicht RabbitMQ über den kurzen Hostnamen dieses Servers, und die Erlang-Ports von RabbitMQ lauschen nur auf Loopback: Ordnen Sie den Namen, den `hostname -s` ausgibt, in /etc/hosts der Adresse 127.0.1.1 zu (wie Debian es tut) und keiner anderen Adresse, und deployen Sie dann erneut.</translation>
    </message>
    <message>
        <source>The virtualenv&apos;s Flower is 1.0 or newer (Flower release setting)</source>
        <translation>Das Flower im virtualenv ist 1.0 oder neuer (Einstellung Flower-Release)</translation>
    </message>
    <message>
        <source>The virtualenv holds Flower 0.9.x, which cannot run as `celery flower`: set Flower release (Flower section) to &quot;Flower 0.9.x: flower -A APP&quot;, or install Flower 1.0 or newer in the virtualenv, then deploy again.</source>
        <translation>Das virtualenv enthält Flower 0.9.x, das nicht als `celery flower` laufen kann: Flower-Release (Abschnitt Flower) auf „Flower 0.9.x: flower -A APP“ stellen oder Flower 1.0 oder neuer im virtualenv installieren, dann erneut bereitstellen.</translation>
    </message>
    <message>
        <source>The virtualenv&apos;s Flower is 0.9.x (Flower release setting)</source>
        <translation>Das Flower im virtualenv ist 0.9.x (Einstellung Flower-Release)</translation>
    </message>
    <message>
        <source>The virtualenv holds Flower 1.0 or newer, which refuses `flower -A APP`: set Flower release (Flower section) to &quot;Flower 1.0 and newer: celery -A APP flower&quot;, or install Flower 0.9.x in the virtualenv, then deploy again.</source>
        <translation>Das virtualenv enthält Flower 1.0 oder neuer, das `flower -A APP` ablehnt: Flower-Release (Abschnitt Flower) auf „Flower 1.0 und neuer: celery -A APP flower“ stellen oder Flower 0.9.x im virtualenv installieren, dann erneut bereitstellen.</translation>
    </message>
    <message>
        <source>Restart epmd on loopback</source>
        <translation>epmd auf Loopback neu starten</translation>
    </message>
</context>
<context>
    <name>saltant::DirectoryServerFiles</name>
    <message>
        <source>the directory %1</source>
        <translation>das Verzeichnis %1</translation>
    </message>
    <message>
        <source>%1 leads out of the copied tree (through &quot;..&quot; above its root): it was not read.</source>
        <translation>%1 führt aus dem kopierten Verzeichnisbaum hinaus (über &quot;..&quot; oberhalb seiner Wurzel): Die Datei wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>%1: too many symbolic links (a loop?): it was not read.</source>
        <translation>%1: zu viele symbolische Links (eine Schleife?): Die Datei wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a directory, FIFO or device): it was not read.</source>
        <translation>%1 ist keine reguläre Datei (ein Verzeichnis, FIFO oder Gerät): Sie wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>%1 could not be read (%2).</source>
        <translation>%1 konnte nicht gelesen werden (%2).</translation>
    </message>
</context>
<context>
    <name>saltant::DnsProbe</name>
    <message>
        <source>DNS of %1</source>
        <translation>DNS von %1</translation>
    </message>
    <message>
        <source>the server&apos;s public address</source>
        <translation>die öffentliche Adresse des Servers</translation>
    </message>
    <message>
        <source>add an A (or ALIAS) record for %1 pointing to %2</source>
        <translation>einen A- (oder ALIAS-)Eintrag für %1 anlegen, der auf %2 zeigt</translation>
    </message>
    <message>
        <source>%1 resolves to %2; the deploy host cannot be compared: %3</source>
        <translation>%1 wird zu %2 aufgelöst; der Bereitstellungs-Host kann nicht verglichen werden: %3</translation>
    </message>
    <message>
        <source>set ssh.host to the server&apos;s address or a resolvable name</source>
        <translation>ssh.host auf die Adresse des Servers oder einen auflösbaren Namen setzen</translation>
    </message>
    <message>
        <source>%1 resolves to %2, the deploy host %3 is %4</source>
        <translation>%1 wird zu %2 aufgelöst, der Bereitstellungs-Host %3 ist %4</translation>
    </message>
    <message>
        <source>fix the A/ALIAS record of %1 to point to %2</source>
        <translation>den A/ALIAS-Eintrag von %1 so korrigieren, dass er auf %2 zeigt</translation>
    </message>
    <message>
        <source>%1 also resolves to %2, which is not the deploy host %3 (%4)</source>
        <translation>%1 wird auch zu %2 aufgelöst, das nicht der Bereitstellungs-Host %3 (%4) ist</translation>
    </message>
    <message>
        <source>remove the records of %1 that point to %2</source>
        <translation>die Einträge von %1 entfernen, die auf %2 zeigen</translation>
    </message>
    <message>
        <source>%1 resolves to %2; its IPv6 address %3 cannot be compared, the deploy host %4 has none</source>
        <translation>%1 wird zu %2 aufgelöst; seine IPv6-Adresse %3 kann nicht verglichen werden, der Bereitstellungs-Host %4 hat keine</translation>
    </message>
    <message>
        <source>make sure the AAAA record of %1 belongs to this server or remove it</source>
        <translation>sicherstellen, dass der AAAA-Eintrag von %1 zu diesem Server gehört, oder ihn entfernen</translation>
    </message>
    <message>
        <source>%1 resolves to %2, the deploy host</source>
        <translation>%1 wird zu %2 aufgelöst, dem Bereitstellungs-Host</translation>
    </message>
    <message>
        <source>no DNS answer for %1 within %2 ms</source>
        <translation>keine DNS-Antwort für %1 innerhalb von %2 ms</translation>
    </message>
    <message>
        <source>check this machine&apos;s DNS resolver, then the domain&apos;s name servers</source>
        <translation>den DNS-Resolver dieses Rechners prüfen, dann die Nameserver der Domain</translation>
    </message>
</context>
<context>
    <name>saltant::DotenvParser</name>
    <message>
        <source>The value of %1 grows beyond what a .env value may be by $VAR expansion (%2 characters). Remove the self-reference or the repeated references from the .env file.</source>
        <translation>Der Wert von %1 wächst durch $VAR-Ersetzung über das hinaus, was ein .env-Wert sein darf (%2 Zeichen). Entfernen Sie den Selbstbezug oder die wiederholten Bezüge aus der .env-Datei.</translation>
    </message>
</context>
<context>
    <name>saltant::DriftChecksRunner</name>
    <message>
        <source>Drift</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>the server was not reached, so drift is unknown: %1</source>
        <translation>der Server wurde nicht erreicht, daher sind Abweichungen unbekannt: %1</translation>
    </message>
    <message>
        <source>Check the SSH settings (host, port, user, key) and that the server is up, then check again.</source>
        <translation>Prüfen Sie die SSH-Einstellungen (Host, Port, Benutzer, Schlüssel) und ob der Server läuft, dann prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>not checked: the server&apos;s host key (%1 %2) was not trusted, so nothing was sent</source>
        <translation>nicht geprüft: dem Host-Schlüssel des Servers (%1 %2) wurde nicht vertraut, daher wurde nichts gesendet</translation>
    </message>
    <message>
        <source>Compare the fingerprint with the server&apos;s own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the server), then check again and trust the key.</source>
        <translation>Vergleichen Sie den Fingerabdruck mit dem des Servers (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub auf dem Server), dann prüfen Sie erneut und vertrauen Sie dem Schlüssel.</translation>
    </message>
    <message>
        <source>the server could not be read, so drift is unknown: %1</source>
        <translation>der Server konnte nicht gelesen werden, daher sind Abweichungen unbekannt: %1</translation>
    </message>
    <message>
        <source>Check the SSH user and key (and that the key is in the user&apos;s authorized_keys), then check again.</source>
        <translation>Prüfen Sie SSH-Benutzer und Schlüssel (und dass der Schlüssel in den authorized_keys des Benutzers steht), dann prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>Deploy once with Saltant Deploy: it records what it installs, and later changes are found.</source>
        <translation>Stellen Sie einmal mit Saltant Deploy bereit: Es hält fest, was es installiert, und spätere Änderungen werden gefunden.</translation>
    </message>
    <message>
        <source>Deploy again: it writes a new manifest.</source>
        <translation>Stellen Sie erneut bereit: Dabei wird ein neues Manifest geschrieben.</translation>
    </message>
    <message>
        <source>Changed on the server: %1</source>
        <translation>Auf dem Server geändert: %1</translation>
    </message>
    <message>
        <source>Deploy shows the three versions and asks: overwrite it, keep it, or import the edit into the project.</source>
        <translation>Bereitstellen zeigt die drei Fassungen und fragt: überschreiben, behalten oder die Änderung ins Projekt übernehmen.</translation>
    </message>
</context>
<context>
    <name>saltant::DriftCommand</name>
    <message>
        <source>Report files changed on the server since the last deploy (exit 0 none or unknown, 1 drift, 2 error). Changes nothing.</source>
        <translation>Dateien melden, die seit dem letzten Deploy auf dem Server geändert wurden (Exit 0 keine oder unbekannt, 1 Abweichung, 2 Fehler). Ändert nichts.</translation>
    </message>
    <message>
        <source>Trust the server&apos;s host key when it is not yet in known_hosts (a changed key is always refused).</source>
        <translation>Dem Host-Schlüssel des Servers vertrauen, wenn er noch nicht in known_hosts steht (ein geänderter Schlüssel wird immer abgelehnt).</translation>
    </message>
    <message>
        <source>drift: the server could not be read; drift unknown.</source>
        <translation>drift: der Server konnte nicht gelesen werden; Abweichungen unbekannt.</translation>
    </message>
    <message>
        <source>drift: %1</source>
        <translation>drift: %1</translation>
    </message>
</context>
<context>
    <name>saltant::DriftImport</name>
    <message>
        <source>The edit of %1 could not be imported, so nothing was changed or sent: %2 Keep the server&apos;s version or overwrite it.</source>
        <translation>Die Änderung an %1 konnte nicht übernommen werden, daher wurde nichts geändert oder gesendet: %2 Behalten Sie die Fassung des Servers oder überschreiben Sie sie.</translation>
    </message>
    <message>
        <source>Import the Server&apos;s Edit</source>
        <translation>Änderung des Servers übernehmen</translation>
    </message>
    <message numerus="yes">
        <source>The project cannot hold %n part(s) of the edit; the next deploy would drop them:

%1

Import the rest?</source>
        <translation>
            <numerusform>Das Projekt kann %n Teil der Änderung nicht abbilden; der nächste Deploy würde ihn verwerfen:

%1

Den Rest übernehmen?</numerusform>
            <numerusform>Das Projekt kann %n Teile der Änderung nicht abbilden; der nächste Deploy würde sie verwerfen:

%1

Den Rest übernehmen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Deploy cancelled; nothing was imported or sent.</source>
        <translation>Bereitstellung abgebrochen; nichts wurde übernommen oder gesendet.</translation>
    </message>
    <message>
        <source>The server&apos;s edit changed no setting of the project.</source>
        <translation>Die Änderung auf dem Server ändert keine Einstellung des Projekts.</translation>
    </message>
    <message>
        <source>Import the server&apos;s edit of %1</source>
        <translation>Änderung des Servers an %1 übernehmen</translation>
    </message>
    <message>
        <source>Imported from the server&apos;s edit: %1.</source>
        <translation>Aus der Änderung des Servers übernommen: %1.</translation>
    </message>
</context>
<context>
    <name>saltant::ExportCommand</name>
    <message>
        <source>Write the project as an Ansible inventory and playbook under DIR (secrets in an ansible-vault file).</source>
        <translation>Das Projekt als Ansible-Inventar und -Playbook unter DIR schreiben (Geheimnisse in einer ansible-vault-Datei).</translation>
    </message>
    <message>
        <source>Read the vault password from the first line of FILE; default: the secret ansible.vaultPassword in the OS keychain.</source>
        <translation>Das Vault-Passwort aus der ersten Zeile von FILE lesen; Standard: das Geheimnis ansible.vaultPassword im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Usage: saltant-deploy-cli export ansible DIR [--vault-password-file FILE] [--project FILE]</source>
        <translation>Aufruf: saltant-deploy-cli export ansible DIR [--vault-password-file FILE] [--project FILE]</translation>
    </message>
    <message>
        <source>export: nothing written; fix the settings above.</source>
        <translation>export: nichts geschrieben; bitte die obigen Einstellungen korrigieren.</translation>
    </message>
    <message>
        <source>export: cannot read the vault password file %1: %2.</source>
        <translation>export: Die Vault-Passwortdatei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>export: no vault password. Store one with `saltant-deploy-cli secret set ansible.vaultPassword`, or give --vault-password-file FILE.</source>
        <translation>export: kein Vault-Passwort. Speichern Sie eines mit `saltant-deploy-cli secret set ansible.vaultPassword` oder geben Sie --vault-password-file FILE an.</translation>
    </message>
    <message>
        <source>Run it: cd %1 &amp;&amp; ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass</source>
        <translation>Ausführen: cd %1 &amp;&amp; ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass</translation>
    </message>
</context>
<context>
    <name>saltant::FieldEditor</name>
    <message>
        <source>0.9.5 or newer</source>
        <translation>0.9.5 oder neuer</translation>
    </message>
    <message>
        <source>0.9.4 or older</source>
        <translation>0.9.4 oder älter</translation>
    </message>
    <message>
        <source>rabbitmq.conf (new format)</source>
        <translation>rabbitmq.conf (neues Format)</translation>
    </message>
    <message>
        <source>rabbitmq.config (classic Erlang terms)</source>
        <translation>rabbitmq.config (klassische Erlang-Terme)</translation>
    </message>
    <message>
        <source>pyamqp (py-amqp; TLS from RABBITMQ_USES_SSL)</source>
        <translation>pyamqp (py-amqp; TLS über RABBITMQ_USES_SSL)</translation>
    </message>
    <message>
        <source>amqps (TLS in the URL)</source>
        <translation>amqps (TLS in der URL)</translation>
    </message>
    <message>
        <source>amqp (may use librabbitmq, no TLS)</source>
        <translation>amqp (verwendet eventuell librabbitmq, kein TLS)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation>%1 suchen</translation>
    </message>
    <message>
        <source>Comma-separated; empty for none</source>
        <translation>Durch Kommas getrennt; leer für keine</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht gesetzt</translation>
    </message>
    <message>
        <source>PNG images (*.png);;All files (*)</source>
        <translation>PNG-Bilder (*.png);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Icons (*.ico);;All files (*)</source>
        <translation>Icons (*.ico);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose %1</source>
        <translation>%1 wählen</translation>
    </message>
    <message>
        <source>distribution (packages uwsgi and uwsgi-plugin-python3)</source>
        <translation>distribution (Pakete uwsgi und uwsgi-plugin-python3)</translation>
    </message>
    <message>
        <source>venv (pip install inside the project&apos;s virtualenv)</source>
        <translation>venv (pip install im Virtualenv des Projekts)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose a common value for %1</source>
        <translation>Einen üblichen Wert für %1 auswählen</translation>
    </message>
    <message>
        <source>Flower 1.0 and newer: celery -A APP flower</source>
        <translation>Flower 1.0 und neuer: celery -A APP flower</translation>
    </message>
    <message>
        <source>Flower 0.9.x: flower -A APP</source>
        <translation>Flower 0.9.x: flower -A APP</translation>
    </message>
    <message>
        <source>None: executable tasks only</source>
        <translation>Keine: nur ausführbare Aufgaben</translation>
    </message>
    <message>
        <source>Docker</source>
        <translation>Docker</translation>
    </message>
    <message>
        <source>Singularity</source>
        <translation>Singularity</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>S3 bucket (aws s3 sync)</source>
        <translation>S3-Bucket (aws s3 sync)</translation>
    </message>
</context>
<context>
    <name>saltant::FleetCli</name>
    <message>
        <source>warning: secrets could not be read from the keychain: %1</source>
        <translation>Warnung: Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <source>Not planned: %1</source>
        <translation>Nicht geplant: %1</translation>
    </message>
    <message>
        <source>Every host of the project: the web server and each worker host, in parallel.</source>
        <translation>Jeder Host des Projekts: der Webserver und jeder Worker-Host, parallel.</translation>
    </message>
    <message>
        <source>Only this host: &quot;server&quot; or a worker host&apos;s name; repeatable (default: the web server alone).</source>
        <translation>Nur dieser Host: „server“ oder der Name eines Worker-Hosts; wiederholbar (Standard: nur der Webserver).</translation>
    </message>
    <message>
        <source>Preflight (server):</source>
        <translation>Vorabprüfung (Server):</translation>
    </message>
    <message>
        <source>Apply these plans? [y/N] </source>
        <translation>Diese Pläne anwenden? (y = ja) [y/N] </translation>
    </message>
    <message>
        <source>The server&apos;s .env changes (broker credentials): deploying the server first, then the worker hosts.</source>
        <translation>Die .env des Servers ändert sich (Zugangsdaten des Brokers): Zuerst wird der Server bereitgestellt, dann die Worker-Hosts.</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>Zusammenfassung:</translation>
    </message>
    <message>
        <source>not deployed: %1</source>
        <translation>nicht bereitgestellt: %1</translation>
    </message>
    <message>
        <source>Health (server):</source>
        <translation>Zustand (Server):</translation>
    </message>
    <message numerus="yes">
        <source>deploy: the server has the new configuration, but %n health check(s) failed (see above).</source>
        <translation>
            <numerusform>deploy: Der Server hat die neue Konfiguration, aber %n Zustandsprüfung ist fehlgeschlagen (siehe oben).</numerusform>
            <numerusform>deploy: Der Server hat die neue Konfiguration, aber %n Zustandsprüfungen sind fehlgeschlagen (siehe oben).</numerusform>
        </translation>
    </message>
    <message>
        <source>Worker checks (%1):</source>
        <translation>Worker-Prüfungen (%1):</translation>
    </message>
    <message numerus="yes">
        <source>%n worker check(s) failed (see above).</source>
        <translation>
            <numerusform>%n Worker-Prüfung ist fehlgeschlagen (siehe oben).</numerusform>
            <numerusform>%n Worker-Prüfungen sind fehlgeschlagen (siehe oben).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::FleetDeploy</name>
    <message>
        <source>There is no host &quot;%1&quot;; the project has: %2.</source>
        <translation>Es gibt keinen Host „%1“; das Projekt hat: %2.</translation>
    </message>
    <message>
        <source>Not deployed: the server&apos;s deploy failed, and this host&apos;s .env holds broker credentials that only the server&apos;s deploy gives RabbitMQ. Fix the server and deploy again.</source>
        <translation>Nicht bereitgestellt: Die Bereitstellung des Servers ist fehlgeschlagen, und die .env dieses Hosts enthält Zugangsdaten des Brokers, die erst die Bereitstellung des Servers RabbitMQ bekannt macht. Beheben Sie das Problem am Server und stellen Sie erneut bereit.</translation>
    </message>
</context>
<context>
    <name>saltant::FleetDeployDialog</name>
    <message>
        <source>Deploy to every host</source>
        <translation>Auf jedem Host bereitstellen</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Not planned yet</source>
        <translation>Noch nicht geplant</translation>
    </message>
    <message>
        <source>Untick the hosts to leave out, then plan: every selected host is read in parallel, nothing is changed.</source>
        <translation>Entfernen Sie die Häkchen bei den Hosts, die ausgelassen werden sollen, und planen Sie dann: Jeder ausgewählte Host wird parallel gelesen, nichts wird geändert.</translation>
    </message>
    <message>
        <source>Install the missing programs first</source>
        <translation>Zuerst die fehlenden Programme installieren</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Planen</translation>
    </message>
    <message>
        <source>&amp;Show plan…</source>
        <translation>Plan &amp;anzeigen…</translation>
    </message>
    <message>
        <source>&amp;Deploy</source>
        <translation>&amp;Bereitstellen</translation>
    </message>
    <message>
        <source>The selection changed: plan again.</source>
        <translation>Die Auswahl hat sich geändert: erneut planen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Ausgelassen</translation>
    </message>
    <message>
        <source>No host is selected: tick at least one.</source>
        <translation>Kein Host ist ausgewählt: Wählen Sie mindestens einen aus.</translation>
    </message>
    <message numerus="yes">
        <source>Connecting to %n host(s)…</source>
        <translation>
            <numerusform>Verbindung zu %n Host wird hergestellt …</numerusform>
            <numerusform>Verbindung zu %n Hosts wird hergestellt …</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Abgebrochen; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <source>Unknown host key: asking</source>
        <translation>Unbekannter Host-Schlüssel: Rückfrage</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Planen …</translation>
    </message>
    <message>
        <source>Reading the hosts…</source>
        <translation>Hosts werden gelesen …</translation>
    </message>
    <message>
        <source>Not planned</source>
        <translation>Nicht geplant</translation>
    </message>
    <message>
        <source>Cannot deploy: %1</source>
        <translation>Bereitstellung nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) can be deployed</source>
        <translation>
            <numerusform>%n Host kann bereitgestellt werden</numerusform>
            <numerusform>%n Hosts können bereitgestellt werden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n refuse (see Result).</source>
        <translation>
            <numerusform>; %n lehnt ab (siehe Ergebnis).</numerusform>
            <numerusform>; %n lehnen ab (siehe Ergebnis).</numerusform>
        </translation>
    </message>
    <message>
        <source>Plan of %1</source>
        <translation>Plan von %1</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>Warten …</translation>
    </message>
    <message>
        <source>Deploying: the server first (its .env carries new broker credentials), then the worker hosts.</source>
        <translation>Bereitstellung: zuerst der Server (seine .env enthält neue Zugangsdaten des Brokers), dann die Worker-Hosts.</translation>
    </message>
    <message>
        <source>Deploying every host at once…</source>
        <translation>Alle Hosts werden gleichzeitig bereitgestellt …</translation>
    </message>
    <message>
        <source>Not deployed</source>
        <translation>Nicht bereitgestellt</translation>
    </message>
    <message>
        <source>Every host is deployed.</source>
        <translation>Jeder Host ist bereitgestellt.</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) failed; each was rolled back on its own (see Result).</source>
        <translation>
            <numerusform>%n Host ist fehlgeschlagen; er wurde für sich zurückgerollt (siehe Ergebnis).</numerusform>
            <numerusform>%n Hosts sind fehlgeschlagen; jeder wurde für sich zurückgerollt (siehe Ergebnis).</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling: every host stops at its next safe point…</source>
        <translation>Abbruch: Jeder Host hält am nächsten sicheren Punkt an …</translation>
    </message>
</context>
<context>
    <name>saltant::HelpDialog</name>
    <message>
        <source>Saltant Deploy Help</source>
        <translation>Hilfe zu Saltant Deploy</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Saltant Deploy&lt;/h2&gt;&lt;p&gt;Saltant Deploy writes and deploys the configuration of a production saltant server: Django under uWSGI behind nginx, PostgreSQL, RabbitMQ, Celery and Flower.&lt;/p&gt;&lt;h3&gt;Workflow&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Fill in the forms.&lt;/b&gt; Pick a section on the left; every setting has a tooltip saying which file and line it becomes. Settings with grey text follow another setting until you type a value.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Watch the preview.&lt;/b&gt; Every generated file is regenerated as you type; the lines your last edit changed light up briefly. Files with a lock hold secrets, which are masked.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Store the secrets&lt;/b&gt; (passwords, tokens, the Django SECRET_KEY) in the keychain from the section they belong to. They never go into the project file.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Clear the problems.&lt;/b&gt; The Problems panel lists mistakes the guide makes easy to repeat; double-click one to go to its setting, or press &lt;i&gt;Fix&lt;/i&gt; when a fix is offered. Every edit and fix can be undone (Ctrl+Z).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Save&lt;/b&gt; the project (&lt;tt&gt;*.saltant.json&lt;/tt&gt;): it holds no secrets and is safe to commit.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Deploy&lt;/b&gt;: the app connects over SSH, shows what would change and applies it as one transaction that rolls back on failure.&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;Command line: saltant-deploy-cli&lt;/h3&gt;&lt;table cellpadding=&quot;3&quot;&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;saltant-deploy-cli new FILE&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;write the example project to FILE&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;saltant-deploy-cli settings [--project FILE]&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;print every setting as dotted.key=value&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;saltant-deploy-cli render --out DIR [--project FILE] [--set KEY=VALUE]&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;write every generated file under DIR&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;saltant-deploy-cli lint [--project FILE]&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;list the problems the Problems panel shows&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Run &lt;tt&gt;saltant-deploy-cli COMMAND --help&lt;/tt&gt; for every option.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Saltant Deploy&lt;/h2&gt;&lt;p&gt;Saltant Deploy schreibt die Konfiguration eines saltant-Produktionsservers und stellt sie bereit: Django unter uWSGI hinter nginx, PostgreSQL, RabbitMQ, Celery und Flower.&lt;/p&gt;&lt;h3&gt;Arbeitsablauf&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Formulare ausfüllen.&lt;/b&gt; Links einen Abschnitt wählen; jede Einstellung hat einen Tooltip, der sagt, zu welcher Datei und Zeile sie wird. Einstellungen mit grauem Text folgen einer anderen Einstellung, bis ein Wert eingegeben wird.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Vorschau beobachten.&lt;/b&gt; Jede erzeugte Datei wird während der Eingabe neu erzeugt; die von der letzten Änderung betroffenen Zeilen leuchten kurz auf. Dateien mit Schloss enthalten Geheimnisse, die maskiert werden.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Geheimnisse speichern&lt;/b&gt; (Passwörter, Token, den Django-SECRET_KEY): im Schlüsselbund, aus dem Abschnitt, zu dem sie gehören. Sie gelangen nie in die Projektdatei.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Probleme beheben.&lt;/b&gt; Die Problemliste zeigt Fehler, die die Anleitung leicht wiederholen lässt; ein Doppelklick führt zur Einstellung, oder &lt;i&gt;Beheben&lt;/i&gt; drücken, wenn eine Korrektur angeboten wird. Jede Änderung und Korrektur lässt sich rückgängig machen (Strg+Z).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Speichern&lt;/b&gt; des Projekts (&lt;tt&gt;*.saltant.json&lt;/tt&gt;): Es enthält keine Geheimnisse und kann bedenkenlos eingecheckt werden.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Bereitstellen&lt;/b&gt;: Die Anwendung verbindet sich über SSH, zeigt, was sich ändern würde, und wendet es als eine Transaktion an, die bei Fehlern zurückgerollt wird.&lt;/li&gt;&lt;/ol&gt;&lt;h3&gt;Befehlszeile: saltant-deploy-cli&lt;/h3&gt;&lt;table cellpadding=&quot;3&quot;&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;saltant-deploy-cli new FILE&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;das Beispielprojekt in FILE schreiben&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;saltant-deploy-cli settings [--project FILE]&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;jede Einstellung als punkt.schlüssel=wert ausgeben&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;saltant-deploy-cli render --out DIR [--project FILE] [--set KEY=VALUE]&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;jede erzeugte Datei unter DIR schreiben&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;saltant-deploy-cli lint [--project FILE]&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;die Probleme der Problemliste auflisten&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;tt&gt;saltant-deploy-cli COMMAND --help&lt;/tt&gt; zeigt alle Optionen.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>saltant::HistoryCommand</name>
    <message>
        <source>List the deploys whose replaced files the server keeps (for rollback --to ID), newest first.</source>
        <translation>Die Bereitstellungen auflisten, deren ersetzte Dateien der Server aufbewahrt (für rollback --to ID), die neueste zuerst.</translation>
    </message>
    <message>
        <source>history: an entry was skipped: %1</source>
        <translation>history: ein Eintrag wurde übersprungen: %1</translation>
    </message>
    <message>
        <source>No deploy history on the server yet: each deploy that replaces files keeps them (the last %1 deploys).</source>
        <translation>Noch kein Bereitstellungsverlauf auf dem Server: jede Bereitstellung, die Dateien ersetzt, bewahrt sie auf (die letzten %1 Bereitstellungen).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
</context>
<context>
    <name>saltant::HistoryDialog</name>
    <message>
        <source>Deploy History of %1</source>
        <translation>Bereitstellungsverlauf von %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>What rolling back to before the selected deploy changes:</source>
        <translation>Was das Zurückrollen auf den Stand vor der gewählten Bereitstellung ändert:</translation>
    </message>
    <message>
        <source>&amp;Roll Back…</source>
        <translation>&amp;Zurückrollen …</translation>
    </message>
    <message>
        <source>Restore the server&apos;s files to how they were before the selected deploy, validated, as a transaction</source>
        <translation>Die Dateien des Servers auf den Stand vor der gewählten Bereitstellung zurücksetzen, validiert, als Transaktion</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Waiting for your decision about the host key.</source>
        <translation>Warten auf die Entscheidung zum Host-Schlüssel.</translation>
    </message>
    <message>
        <source>The host key was not trusted, so nothing was sent. Close this window and open Deploy History again to decide again.</source>
        <translation>Dem Host-Schlüssel wurde nicht vertraut, daher wurde nichts gesendet. Dieses Fenster schließen und den Bereitstellungsverlauf erneut öffnen, um neu zu entscheiden.</translation>
    </message>
    <message>
        <source>Deploy History</source>
        <translation>Bereitstellungsverlauf</translation>
    </message>
    <message>
        <source>Refused: the server&apos;s host key changed; nothing was sent.</source>
        <translation>Abgelehnt: Der Host-Schlüssel des Servers hat sich geändert; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Anmeldung …</translation>
    </message>
    <message>
        <source>Reading the deploy history…</source>
        <translation>Der Bereitstellungsverlauf wird gelesen …</translation>
    </message>
    <message>
        <source>Check the connection and the state directory (server.stateDirectory), then open Deploy History again.</source>
        <translation>Die Verbindung und das Zustandsverzeichnis (server.stateDirectory) prüfen, dann den Bereitstellungsverlauf erneut öffnen.</translation>
    </message>
    <message>
        <source>replaced %1</source>
        <translation>ersetzt: %1</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>angelegt: %1</translation>
    </message>
    <message>
        <source>Project %1, Saltant Deploy %2</source>
        <translation>Projekt %1, Saltant Deploy %2</translation>
    </message>
    <message>
        <source>An entry cannot be read: %1</source>
        <translation>Ein Eintrag kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No deploy has been recorded on this server yet. Each deploy that replaces files keeps the versions it replaced (for the last %1 deploys, server.historyDepth), so that it can be rolled back.</source>
        <translation>Auf diesem Server wurde noch keine Bereitstellung aufgezeichnet. Jede Bereitstellung, die Dateien ersetzt, bewahrt die ersetzten Versionen auf (für die letzten %1 Bereitstellungen, server.historyDepth), damit sie zurückgerollt werden kann.</translation>
    </message>
    <message>
        <source>Select a deploy to see what rolling back to before it changes; the newest is at the top.</source>
        <translation>Eine Bereitstellung wählen, um zu sehen, was das Zurückrollen auf den Stand davor ändert; die neueste steht oben.</translation>
    </message>
    <message>
        <source>This entry cannot be read, so the deploy history cannot roll back to it.</source>
        <translation>Dieser Eintrag kann nicht gelesen werden, daher kann der Bereitstellungsverlauf nicht auf ihn zurückrollen.</translation>
    </message>
    <message>
        <source>Reading the kept files…</source>
        <translation>Die aufbewahrten Dateien werden gelesen …</translation>
    </message>
    <message>
        <source>What rolling back to before this deploy changes could not be read: %1</source>
        <translation>Was das Zurückrollen auf den Stand vor dieser Bereitstellung ändert, konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No file content changes; the rollback only runs the steps of the plan.</source>
        <translation>Kein Dateiinhalt ändert sich; das Zurückrollen führt nur die Schritte des Plans aus.</translation>
    </message>
    <message>
        <source>Nothing to roll back: the server&apos;s files are already as they were before this deploy, or the deploy only created files.</source>
        <translation>Nichts zurückzurollen: Die Dateien des Servers sind bereits wie vor dieser Bereitstellung, oder die Bereitstellung hat nur Dateien angelegt.</translation>
    </message>
    <message numerus="yes">
        <source>Roll %1 back to how it was before deploy %2 (%3)?

The %n file(s) shown are restored as one transaction: staged, validated, put in place, and the services that read them reloaded; a failed validation restores them all. Changes made on the server since are overwritten. The rollback is recorded in the history, so it can be rolled back in turn.</source>
        <translation>
            <numerusform>%1 auf den Stand vor Bereitstellung %2 (%3) zurückrollen?

Die %n gezeigte Datei wird als eine Transaktion wiederhergestellt: bereitgelegt, validiert, an ihren Platz gesetzt, und die Dienste, die sie lesen, werden neu geladen; eine fehlgeschlagene Validierung setzt alles zurück. Seitdem auf dem Server vorgenommene Änderungen werden überschrieben. Das Zurückrollen wird im Verlauf aufgezeichnet und kann seinerseits zurückgerollt werden.</numerusform>
            <numerusform>%1 auf den Stand vor Bereitstellung %2 (%3) zurückrollen?

Die %n gezeigten Dateien werden als eine Transaktion wiederhergestellt: bereitgelegt, validiert, an ihren Platz gesetzt, und die Dienste, die sie lesen, werden neu geladen; eine fehlgeschlagene Validierung setzt sie alle zurück. Seitdem auf dem Server vorgenommene Änderungen werden überschrieben. Das Zurückrollen wird im Verlauf aufgezeichnet und kann seinerseits zurückgerollt werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Roll Back</source>
        <translation>Zurückrollen</translation>
    </message>
    <message>
        <source>Rolling back to before deploy %1…</source>
        <translation>Zurückrollen auf den Stand vor Bereitstellung %1 …</translation>
    </message>
    <message>
        <source>Rolled back to before deploy %1: %2</source>
        <translation>Auf den Stand vor Bereitstellung %1 zurückgerollt: %2</translation>
    </message>
    <message>
        <source>The server&apos;s files were all restored to how they were before the rollback. Read the log, fix the cause on the server, then roll back again.</source>
        <translation>Die Dateien des Servers wurden alle auf den Stand vor dem Zurückrollen zurückgesetzt. Das Protokoll lesen, die Ursache auf dem Server beheben, dann erneut zurückrollen.</translation>
    </message>
    <message>
        <source>Each file is either the old or the restored version. Check the connection, then roll back again to finish the job.</source>
        <translation>Jede Datei ist entweder die alte oder die wiederhergestellte Version. Die Verbindung prüfen, dann erneut zurückrollen, um die Arbeit abzuschließen.</translation>
    </message>
    <message>
        <source>The server is consistent; roll back again to finish.</source>
        <translation>Der Server ist in einem konsistenten Zustand; zum Abschließen erneut zurückrollen.</translation>
    </message>
    <message>
        <source>Read the log for what failed, fix the cause, then roll back again.</source>
        <translation>Im Protokoll nachlesen, was fehlgeschlagen ist, die Ursache beheben, dann erneut zurückrollen.</translation>
    </message>
    <message>
        <source>The rollback did not complete (%1): %2 %3</source>
        <translation>Das Zurückrollen wurde nicht abgeschlossen (%1): %2 %3</translation>
    </message>
</context>
<context>
    <name>saltant::HostConnector</name>
    <message>
        <source>Host Key Changed</source>
        <translation>Host-Schlüssel geändert</translation>
    </message>
    <message>
        <source>The server %1 now presents a different host key than the one recorded in %2 (line %3). Someone may be intercepting the connection (a man-in-the-middle attack), or the server was reinstalled or its keys were regenerated. Nothing was sent to it.

The key offered now: %4 %5

Ask the server&apos;s administrator to run `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` on the server itself and compare. Only if they match, remove the old entry with `ssh-keygen -R &apos;%1&apos; -f %2` and deploy again.</source>
        <translation>Der Server %1 legt jetzt einen anderen Host-Schlüssel vor als den in %2 (Zeile %3) hinterlegten. Möglicherweise wird die Verbindung abgefangen (ein Man-in-the-Middle-Angriff), oder der Server wurde neu installiert oder seine Schlüssel neu erzeugt. Es wurde nichts an ihn gesendet.

Der jetzt angebotene Schlüssel: %4 %5

Den Administrator des Servers bitten, `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` auf dem Server selbst auszuführen, und vergleichen. Nur wenn beide übereinstimmen, den alten Eintrag mit `ssh-keygen -R &apos;%1&apos; -f %2` entfernen und erneut bereitstellen.</translation>
    </message>
</context>
<context>
    <name>saltant::HostKeyDialog</name>
    <message>
        <source>Unknown Host Key</source>
        <translation>Unbekannter Host-Schlüssel</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Key type:</source>
        <translation>Schlüsseltyp:</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Fingerabdruck:</translation>
    </message>
    <message>
        <source>Will be saved to:</source>
        <translation>Wird gespeichert in:</translation>
    </message>
    <message>
        <source>Trust and Connect</source>
        <translation>Vertrauen und verbinden</translation>
    </message>
    <message>
        <source>Do Not Connect</source>
        <translation>Nicht verbinden</translation>
    </message>
    <message>
        <source>This server&apos;s host key is not in your known_hosts file yet. Compare the fingerprint with the one the server itself shows (&lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub&lt;/tt&gt;, run on the server) before you trust it.</source>
        <translation>Der Host-Schlüssel dieses Servers steht noch nicht in der known_hosts-Datei. Vor dem Vertrauen den Fingerabdruck mit dem vergleichen, den der Server selbst zeigt (&lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub&lt;/tt&gt;, auf dem Server ausgeführt).</translation>
    </message>
</context>
<context>
    <name>saltant::HostKeyPolicy</name>
    <message>
        <source>The server at %1 did not present a host key: %2</source>
        <translation>Der Server unter %1 hat keinen Host-Schlüssel vorgelegt: %2</translation>
    </message>
    <message>
        <source>Could not compute the fingerprint of the host key of %1.</source>
        <translation>Der Fingerabdruck des Host-Schlüssels von %1 konnte nicht berechnet werden.</translation>
    </message>
    <message>
        <source>The authenticity of %1 cannot be established: it is not in %2. Its %3 host key has the fingerprint %4. Accept it only if it matches the server&apos;s key (on the server: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub).</source>
        <translation>Die Echtheit von %1 lässt sich nicht feststellen: Der Server steht nicht in %2. Sein %3-Host-Schlüssel hat den Fingerabdruck %4. Nur akzeptieren, wenn er mit dem Schlüssel des Servers übereinstimmt (auf dem Server: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub).</translation>
    </message>
    <message>
        <source>The server&apos;s host key changed since the last connection (%1 key %2). This can mean someone is intercepting the connection (a man-in-the-middle attack), or that the server was reinstalled. Nothing was sent to %3. Check the new fingerprint with the server&apos;s administrator; if the key change is expected, remove the old line %4 from %5 (ssh-keygen -R &apos;%3&apos; -f %5) and connect again.</source>
        <translation>Der Host-Schlüssel des Servers hat sich seit der letzten Verbindung geändert (%1-Schlüssel %2). Das kann bedeuten, dass jemand die Verbindung abfängt (ein Man-in-the-Middle-Angriff) oder dass der Server neu installiert wurde. An %3 wurde nichts gesendet. Den neuen Fingerabdruck mit der Administration des Servers prüfen; ist die Schlüsseländerung erwartet, die alte Zeile %4 aus %5 entfernen (ssh-keygen -R &apos;%3&apos; -f %5) und erneut verbinden.</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>für %1</translation>
    </message>
    <message>
        <source>The server presented a %1 host key (%2), but %3 holds a key of another type for %4. This can mean someone is intercepting the connection (a man-in-the-middle attack), or that the server&apos;s keys were replaced. Nothing was sent to the server. Check the fingerprint with the server&apos;s administrator; if the change is expected, remove the old line %5 from %3 (ssh-keygen -R &apos;%4&apos; -f %3) and connect again.</source>
        <translation>Der Server hat einen %1-Host-Schlüssel vorgelegt (%2), aber %3 enthält für %4 einen Schlüssel eines anderen Typs. Das kann bedeuten, dass jemand die Verbindung abfängt (ein Man-in-the-Middle-Angriff) oder dass die Schlüssel des Servers ersetzt wurden. An den Server wurde nichts gesendet. Den Fingerabdruck mit der Administration des Servers prüfen; ist die Änderung erwartet, die alte Zeile %5 aus %3 entfernen (ssh-keygen -R &apos;%4&apos; -f %3) und erneut verbinden.</translation>
    </message>
    <message>
        <source>The known_hosts file %1 could not be read: %2</source>
        <translation>Die known_hosts-Datei %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not export the server&apos;s host key: %1</source>
        <translation>Der Host-Schlüssel des Servers konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Could not create the directory %1 for known_hosts.</source>
        <translation>Das Verzeichnis %1 für known_hosts konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>saltant::HttpProbe</name>
    <message>
        <source>add an A (or ALIAS) record for %1</source>
        <translation>einen A- (oder ALIAS-)Eintrag für %1 anlegen</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation>keine Antwort von %1 innerhalb von %2 ms</translation>
    </message>
    <message>
        <source>the server does not answer in time: check nginx and the service behind it (systemctl status nginx emperor.uwsgi flower rabbitmq-server)</source>
        <translation>der Server antwortet nicht rechtzeitig: nginx und den Dienst dahinter prüfen (systemctl status nginx emperor.uwsgi flower rabbitmq-server)</translation>
    </message>
    <message>
        <source>%1: port %2 refused the connection</source>
        <translation>%1: Port %2 hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>start nginx (systemctl status nginx) and open port %1 in the firewall/security group</source>
        <translation>nginx starten (systemctl status nginx) und Port %1 in der Firewall/Sicherheitsgruppe öffnen</translation>
    </message>
    <message>
        <source>%1: TLS handshake failed: %2</source>
        <translation>%1: TLS-Handshake fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>serve a valid certificate for %1 (see the certificate check)</source>
        <translation>ein gültiges Zertifikat für %1 ausliefern (siehe Zertifikatsprüfung)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>check that nginx runs (systemctl status nginx) and answers on port %1</source>
        <translation>prüfen, dass nginx läuft (systemctl status nginx) und auf Port %1 antwortet</translation>
    </message>
    <message>
        <source>deploy again to restore the nginx site, then check it is enabled in sites-enabled</source>
        <translation>erneut bereitstellen, um die nginx-Site wiederherzustellen, dann prüfen, dass sie in sites-enabled aktiviert ist</translation>
    </message>
    <message>
        <source>check emperor.uwsgi.service and the vassal&apos;s log (journalctl -u emperor.uwsgi)</source>
        <translation>emperor.uwsgi.service und das Protokoll des Vassals prüfen (journalctl -u emperor.uwsgi)</translation>
    </message>
    <message>
        <source>Flower is not answering nginx: systemctl status flower; journalctl -u flower</source>
        <translation>Flower antwortet nginx nicht: systemctl status flower; journalctl -u flower</translation>
    </message>
    <message>
        <source>the management UI is not answering nginx: rabbitmq-plugins enable rabbitmq_management, then systemctl status rabbitmq-server</source>
        <translation>die Verwaltungsoberfläche antwortet nginx nicht: rabbitmq-plugins enable rabbitmq_management, dann systemctl status rabbitmq-server</translation>
    </message>
    <message>
        <source>%1 answered %2</source>
        <translation>%1 antwortete %2</translation>
    </message>
    <message>
        <source>%1 redirects (%2) to %3</source>
        <translation>%1 leitet um (%2) auf %3</translation>
    </message>
    <message>
        <source>%1 redirects (%2) to %3, not to HTTPS on %4</source>
        <translation>%1 leitet um (%2) auf %3, nicht auf HTTPS auf %4</translation>
    </message>
    <message>
        <source>%1 answered %2 instead of redirecting to HTTPS</source>
        <translation>%1 antwortete %2, statt auf HTTPS umzuleiten</translation>
    </message>
    <message>
        <source>redirect port 80 to https://$host$request_uri in the nginx site; %1</source>
        <translation>Port 80 in der nginx-Site auf https://$host$request_uri umleiten; %1</translation>
    </message>
    <message>
        <source>%1 answered %2 to %3</source>
        <translation>%1 antwortete %2 auf %3</translation>
    </message>
    <message>
        <source>%1 redirects (%2) to another host: %3</source>
        <translation>%1 leitet um (%2) auf einen anderen Host: %3</translation>
    </message>
    <message>
        <source>set DJANGO_BASE_URL&apos;s host (server.canonicalWww) to the one the site redirects to, or remove the redirect</source>
        <translation>den Host von DJANGO_BASE_URL (server.canonicalWww) auf den setzen, auf den die Website umleitet, oder die Umleitung entfernen</translation>
    </message>
    <message>
        <source>%1 answered %2: Django refuses the host name</source>
        <translation>%1 antwortete %2: Django lehnt den Hostnamen ab</translation>
    </message>
    <message>
        <source>add %1 to ALLOWED_HOSTS (server.extraAllowedHosts) and deploy</source>
        <translation>%1 zu ALLOWED_HOSTS hinzufügen (server.extraAllowedHosts) und bereitstellen</translation>
    </message>
    <message>
        <source>nginx does not serve %1 here: check server_name; %2</source>
        <translation>nginx liefert %1 hier nicht aus: server_name prüfen; %2</translation>
    </message>
    <message>
        <source>check the uWSGI vassal&apos;s log (journalctl -u emperor.uwsgi) and Rollbar</source>
        <translation>das Protokoll des uWSGI-Vassals (journalctl -u emperor.uwsgi) und Rollbar prüfen</translation>
    </message>
    <message>
        <source>%1 asks for a password (%2, %3)</source>
        <translation>%1 fragt nach einem Passwort (%2, %3)</translation>
    </message>
    <message>
        <source>%1 answered %2 without a Basic challenge</source>
        <translation>%1 antwortete %2 ohne Basic-Challenge</translation>
    </message>
    <message>
        <source>set FLOWER_BASIC_AUTH in Flower&apos;s environment file and restart Flower</source>
        <translation>FLOWER_BASIC_AUTH in der Umgebungsdatei von Flower setzen und Flower neu starten</translation>
    </message>
    <message>
        <source>%1 answered %2 without asking for a password</source>
        <translation>%1 antwortete %2, ohne nach einem Passwort zu fragen</translation>
    </message>
    <message>
        <source>anyone can control the workers: set FLOWER_BASIC_AUTH in Flower&apos;s environment file (deploy again) and restart Flower</source>
        <translation>jeder kann die Worker steuern: FLOWER_BASIC_AUTH in der Umgebungsdatei von Flower setzen (erneut bereitstellen) und Flower neu starten</translation>
    </message>
    <message>
        <source>nginx does not proxy Flower here: check the Flower location and flower.urlPrefix; %1</source>
        <translation>nginx leitet Flower hier nicht weiter: die Flower-location und flower.urlPrefix prüfen; %1</translation>
    </message>
    <message>
        <source>%1 accepts the login of %2 (%3)</source>
        <translation>%1 akzeptiert die Anmeldung von %2 (%3)</translation>
    </message>
    <message>
        <source>%1 refused the login of %2 (%3)</source>
        <translation>%1 hat die Anmeldung von %2 abgelehnt (%3)</translation>
    </message>
    <message>
        <source>the Flower password in the keychain differs from the server&apos;s: deploy again to rewrite Flower&apos;s environment file and restart Flower</source>
        <translation>das Flower-Passwort im Schlüsselbund weicht von dem des Servers ab: erneut bereitstellen, um die Umgebungsdatei von Flower neu zu schreiben und Flower neu zu starten</translation>
    </message>
    <message>
        <source>%1 answered %2 to the login of %3</source>
        <translation>%1 antwortete %2 auf die Anmeldung von %3</translation>
    </message>
    <message>
        <source>check the Flower location and flower.urlPrefix; %1</source>
        <translation>die Flower-location und flower.urlPrefix prüfen; %1</translation>
    </message>
    <message>
        <source>%1 answered %2, but not with the RabbitMQ management UI</source>
        <translation>%1 antwortete %2, aber nicht mit der RabbitMQ-Verwaltungsoberfläche</translation>
    </message>
    <message>
        <source>check that the nginx location proxies to the management port and management.path_prefix matches</source>
        <translation>prüfen, dass die nginx-location an den Verwaltungsport weiterleitet und management.path_prefix übereinstimmt</translation>
    </message>
    <message>
        <source>%1 answered %2 with the management UI</source>
        <translation>%1 antwortete %2 mit der Verwaltungsoberfläche</translation>
    </message>
    <message>
        <source>check management.path_prefix in rabbitmq.conf and the nginx location for it; %1</source>
        <translation>management.path_prefix in rabbitmq.conf und die zugehörige nginx-location prüfen; %1</translation>
    </message>
</context>
<context>
    <name>saltant::ImportCommand</name>
    <message>
        <source>Build a project from a running server (ssh://USER@HOST[:PORT]) or from its files copied into a directory (--from-dir DIR), with a report of where each value came from.</source>
        <translation>Ein Projekt aus einem laufenden Server (ssh://USER@HOST[:PORT]) oder aus seinen in ein Verzeichnis kopierten Dateien (--from-dir DIR) erstellen, mit einem Bericht, woher jeder Wert stammt.</translation>
    </message>
    <message>
        <source>Write the project to FILE (required).</source>
        <translation>Das Projekt in FILE schreiben (erforderlich).</translation>
    </message>
    <message>
        <source>Read the server&apos;s files from DIR, laid out at their server paths (DIR/etc/...).</source>
        <translation>Die Dateien des Servers aus DIR lesen, abgelegt unter ihren Serverpfaden (DIR/etc/...).</translation>
    </message>
    <message>
        <source>SSH private key (default ~/.ssh/id_ed25519 or the agent).</source>
        <translation>Privater SSH-Schlüssel (Standard: ~/.ssh/id_ed25519 oder der Agent).</translation>
    </message>
    <message>
        <source>known_hosts file (default ~/.ssh/known_hosts).</source>
        <translation>known_hosts-Datei (Standard: ~/.ssh/known_hosts).</translation>
    </message>
    <message>
        <source>Overwrite FILE if it exists.</source>
        <translation>FILE überschreiben, falls vorhanden.</translation>
    </message>
    <message>
        <source>Trust the server&apos;s host key when it is not yet in known_hosts (a changed key is always refused).</source>
        <translation>Dem Host-Schlüssel des Servers vertrauen, wenn er noch nicht in known_hosts steht (ein geänderter Schlüssel wird immer abgelehnt).</translation>
    </message>
    <message>
        <source>import: give ssh://USER@HOST[:PORT] or --from-dir DIR, and --out FILE, e.g. `import ssh://ubuntu@www.example.com --out site.saltant.json`.</source>
        <translation>import: ssh://USER@HOST[:PORT] oder --from-dir DIR sowie --out FILE angeben, z. B. `import ssh://ubuntu@www.example.com --out site.saltant.json`.</translation>
    </message>
    <message>
        <source>import: %1 exists; pass --force to overwrite it.</source>
        <translation>import: %1 existiert bereits; mit --force wird die Datei überschrieben.</translation>
    </message>
    <message>
        <source>import: %1 is not a directory.</source>
        <translation>import: %1 ist kein Verzeichnis.</translation>
    </message>
    <message>
        <source>import: %1 was found but not stored: %2</source>
        <translation>import: %1 wurde gefunden, aber nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>import: the secrets could not be stored in the keychain (%1); the project file was not written. Unlock the keychain and import again.</source>
        <translation>import: Die Geheimnisse konnten nicht im Schlüsselbund gespeichert werden (%1); die Projektdatei wurde nicht geschrieben. Entsperren Sie den Schlüsselbund und importieren Sie erneut.</translation>
    </message>
    <message>
        <source>Wrote %1 (project id %2).</source>
        <translation>%1 geschrieben (Projekt-ID %2).</translation>
    </message>
    <message numerus="yes">
        <source>Stored %n secret(s) in the keychain: %1.</source>
        <translation>
            <numerusform>%n Geheimnis im Schlüsselbund gespeichert: %1.</numerusform>
            <numerusform>%n Geheimnisse im Schlüsselbund gespeichert: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: `saltant-deploy-cli plan %1` shows what a deploy would change.</source>
        <translation>Weiter: `saltant-deploy-cli plan %1` zeigt, was eine Bereitstellung ändern würde.</translation>
    </message>
    <message numerus="yes">
        <source>Read the server with %n command(s) over one SSH connection.</source>
        <translation>
            <numerusform>Den Server mit %n Befehl über eine SSH-Verbindung gelesen.</numerusform>
            <numerusform>Den Server mit %n Befehlen über eine SSH-Verbindung gelesen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::ImportDialog</name>
    <message>
        <source>Import from Server</source>
        <translation>Vom Server importieren</translation>
    </message>
    <message>
        <source>Builds a new project from a saltant server set up by hand (as the setup guide says) or by this tool, and reports where each value came from. Nothing on the server is changed.</source>
        <translation>Erstellt ein neues Projekt aus einem saltant-Server, der von Hand (wie in der Installationsanleitung) oder mit diesem Werkzeug eingerichtet wurde, und berichtet, woher jeder Wert stammt. Auf dem Server wird nichts geändert.</translation>
    </message>
    <message>
        <source>Running server over SSH</source>
        <translation>Laufender Server über SSH</translation>
    </message>
    <message>
        <source>ssh://USER@HOST[:PORT] or USER@HOST[:PORT]</source>
        <translation>ssh://USER@HOST[:PORT] oder USER@HOST[:PORT]</translation>
    </message>
    <message>
        <source>Default: ~/.ssh/id_ed25519 or the SSH agent</source>
        <translation>Standard: ~/.ssh/id_ed25519 oder der SSH-Agent</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Default: ~/.ssh/known_hosts</source>
        <translation>Standard: ~/.ssh/known_hosts</translation>
    </message>
    <message>
        <source>Only when USER is not root and sudo asks for one</source>
        <translation>Nur wenn USER nicht root ist und sudo ein Passwort verlangt</translation>
    </message>
    <message>
        <source>Directory of the server&apos;s files</source>
        <translation>Verzeichnis mit den Dateien des Servers</translation>
    </message>
    <message>
        <source>The files at their server paths: DIR/etc/nginx/…, DIR/home/…</source>
        <translation>Die Dateien unter ihren Serverpfaden: DIR/etc/nginx/…, DIR/home/…</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Identity file:</source>
        <translation>Schlüsseldatei:</translation>
    </message>
    <message>
        <source>known_hosts file:</source>
        <translation>known_hosts-Datei:</translation>
    </message>
    <message>
        <source>Sudo password:</source>
        <translation>sudo-Passwort:</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Verzeichnis:</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>&amp;Open as New Project</source>
        <translation>Als neues Projekt &amp;öffnen</translation>
    </message>
    <message>
        <source>SSH Identity File</source>
        <translation>SSH-Schlüsseldatei</translation>
    </message>
    <message>
        <source>known_hosts File</source>
        <translation>known_hosts-Datei</translation>
    </message>
    <message>
        <source>Directory of the Server&apos;s Files</source>
        <translation>Verzeichnis mit den Dateien des Servers</translation>
    </message>
    <message>
        <source>%1 is not a directory: pick the directory that holds the server&apos;s files at their server paths (DIR/etc/…).</source>
        <translation>%1 ist kein Verzeichnis: Wählen Sie das Verzeichnis, das die Dateien des Servers unter ihren Serverpfaden enthält (DIR/etc/…).</translation>
    </message>
    <message>
        <source>Reading the server&apos;s files in %1…</source>
        <translation>Die Dateien des Servers in %1 werden gelesen …</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Waiting for your decision about the host key.</source>
        <translation>Warten auf die Entscheidung zum Host-Schlüssel.</translation>
    </message>
    <message>
        <source>Nothing was imported: the server&apos;s host key was not trusted.</source>
        <translation>Nichts wurde importiert: Dem Host-Schlüssel des Servers wurde nicht vertraut.</translation>
    </message>
    <message>
        <source>Reading the server&apos;s files (one command per file)…</source>
        <translation>Die Dateien des Servers werden gelesen (ein Befehl pro Datei) …</translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s) found: they are stored in the keychain when you open the project.</source>
        <translation>
            <numerusform>%n Geheimnis gefunden: Es wird im Schlüsselbund gespeichert, wenn Sie das Projekt öffnen.</numerusform>
            <numerusform>%n Geheimnisse gefunden: Sie werden im Schlüsselbund gespeichert, wenn Sie das Projekt öffnen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The import is partial: check the problems below by hand.</source>
        <translation>Der Import ist unvollständig: Prüfen Sie die Probleme unten von Hand.</translation>
    </message>
    <message>
        <source>Problems (%1): the import is partial; check these settings by hand</source>
        <translation>Probleme (%1): Der Import ist unvollständig; prüfen Sie diese Einstellungen von Hand</translation>
    </message>
    <message>
        <source>The setup guide&apos;s mistakes found on the server (%1): a deploy fixes them</source>
        <translation>Fehler der Installationsanleitung auf dem Server (%1): Eine Bereitstellung behebt sie</translation>
    </message>
    <message>
        <source>Lines a deploy would drop or change (%1): keep what you need elsewhere first</source>
        <translation>Zeilen, die eine Bereitstellung entfernen oder ändern würde (%1): Sichern Sie vorher, was Sie brauchen</translation>
    </message>
    <message>
        <source>Settings (%1)</source>
        <translation>Einstellungen (%1)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
</context>
<context>
    <name>saltant::ImportReport</name>
    <message numerus="yes">
        <source>Imported from %1: %n setting(s) from %2 file(s).</source>
        <translation>
            <numerusform>Importiert aus %1: %n Einstellung (gelesene Dateien: %2).</numerusform>
            <numerusform>Importiert aus %1: %n Einstellungen (gelesene Dateien: %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (the import is partial; check these settings by hand):</source>
        <translation>Probleme (der Import ist unvollständig; prüfen Sie diese Einstellungen von Hand):</translation>
    </message>
    <message>
        <source>Known mistakes of the setup guide found on the server (a deploy fixes them):</source>
        <translation>Bekannte Fehler der Installationsanleitung auf dem Server (eine Bereitstellung behebt sie):</translation>
    </message>
    <message>
        <source>Lines the project cannot represent (a deploy would remove or change them; keep what you need elsewhere first):</source>
        <translation>Zeilen, die das Projekt nicht abbilden kann (eine Bereitstellung würde sie entfernen oder ändern; sichern Sie vorher, was Sie brauchen):</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Einstellungen:</translation>
    </message>
</context>
<context>
    <name>saltant::KeychainPreflight</name>
    <message>
        <source>No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no keychain can be reached: run from a desktop session, or start a bus with an unlocked keyring in it, e.g. `dbus-run-session -- sh -c &apos;gnome-keyring-daemon --unlock --components=secrets; saltant-deploy-cli …&apos;`.</source>
        <translation>Kein D-Bus-Sitzungsbus (DBUS_SESSION_BUS_ADDRESS ist nicht gesetzt), daher ist kein Schlüsselbund erreichbar: aus einer Desktop-Sitzung starten oder einen Bus mit entsperrtem Schlüsselbund starten, z. B. `dbus-run-session -- sh -c &apos;gnome-keyring-daemon --unlock --components=secrets; saltant-deploy-cli …&apos;`.</translation>
    </message>
    <message>
        <source>No Secret Service on the session bus: install and unlock gnome-keyring (or another Secret Service such as KeePassXC), or start KWallet.</source>
        <translation>Kein Secret Service auf dem Sitzungsbus: gnome-keyring (oder einen anderen Secret Service wie KeePassXC) installieren und entsperren oder KWallet starten.</translation>
    </message>
    <message>
        <source>The keyring is locked: unlock it (in Passwords and Keys/Seahorse, at your desktop&apos;s prompt, or with `gnome-keyring-daemon --unlock`) and try again.</source>
        <translation>Der Schlüsselbund ist gesperrt: entsperren (in „Passwörter und Verschlüsselung“/Seahorse, bei der Abfrage des Desktops oder mit `gnome-keyring-daemon --unlock`) und erneut versuchen.</translation>
    </message>
    <message>
        <source>The Secret Service has no default keyring to store secrets in: create one and make it the default (Passwords and Keys/Seahorse), or let gnome-keyring create the login keyring (`gnome-keyring-daemon --unlock`).</source>
        <translation>Der Secret Service hat keinen Standard-Schlüsselbund zum Speichern von Geheimnissen: einen anlegen und als Standard festlegen („Passwörter und Verschlüsselung“/Seahorse) oder gnome-keyring den Anmelde-Schlüsselbund anlegen lassen (`gnome-keyring-daemon --unlock`).</translation>
    </message>
    <message>
        <source>Cannot connect to the D-Bus session bus (%1), so no keychain can be reached: run from a desktop session or `dbus-run-session`, or fix DBUS_SESSION_BUS_ADDRESS.</source>
        <translation>Keine Verbindung zum D-Bus-Sitzungsbus (%1), daher ist kein Schlüsselbund erreichbar: aus einer Desktop-Sitzung oder mit `dbus-run-session` starten oder DBUS_SESSION_BUS_ADDRESS korrigieren.</translation>
    </message>
    <message>
        <source>This is a %1 session, so the keychain library would use KWallet, but kwalletd is not running on the session bus, and that path can fall back to a plain-text file: refused, nothing was stored. Start KWallet (kwalletd), or unset XDG_CURRENT_DESKTOP, DESKTOP_SESSION and KDE_SESSION_VERSION to use the Secret Service (gnome-keyring).</source>
        <translation>Dies ist eine %1-Sitzung, daher würde die Schlüsselbund-Bibliothek KWallet verwenden, aber kwalletd läuft nicht auf dem Sitzungsbus, und dieser Weg kann auf eine Klartextdatei zurückfallen: abgelehnt, nichts wurde gespeichert. KWallet (kwalletd) starten oder XDG_CURRENT_DESKTOP, DESKTOP_SESSION und KDE_SESSION_VERSION zurücksetzen, um den Secret Service (gnome-keyring) zu verwenden.</translation>
    </message>
    <message>
        <source>libsecret (libsecret-1.so.0) cannot be loaded, so the Secret Service cannot be used: install libsecret-1-0 (Debian, Ubuntu) or libsecret (Fedora, Arch), or start KWallet.</source>
        <translation>libsecret (libsecret-1.so.0) kann nicht geladen werden, daher ist der Secret Service nicht nutzbar: libsecret-1-0 (Debian, Ubuntu) oder libsecret (Fedora, Arch) installieren oder KWallet starten.</translation>
    </message>
    <message>
        <source>The Secret Service did not answer (%1): restart it (e.g. log out and in, or restart gnome-keyring) and try again.</source>
        <translation>Der Secret Service hat nicht geantwortet (%1): neu starten (z. B. ab- und wieder anmelden oder gnome-keyring neu starten) und erneut versuchen.</translation>
    </message>
    <message>
        <source>The keychain could not delete the secret (%1): check that it is unlocked and try again.</source>
        <translation>Der Schlüsselbund konnte das Geheimnis nicht löschen (%1): prüfen, dass er entsperrt ist, und erneut versuchen.</translation>
    </message>
    <message>
        <source>Access to the keychain was refused at its prompt: allow it and try again.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde bei der Abfrage verweigert: erlauben und erneut versuchen.</translation>
    </message>
    <message>
        <source>The keychain refused access (%1): unlock it or allow Saltant Deploy to use it, and try again.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert (%1): entsperren oder Saltant Deploy die Nutzung erlauben und erneut versuchen.</translation>
    </message>
    <message>
        <source>KWallet is not available (%1): start KWallet, or use the Secret Service (gnome-keyring) instead.</source>
        <translation>KWallet ist nicht verfügbar (%1): KWallet starten oder stattdessen den Secret Service (gnome-keyring) verwenden.</translation>
    </message>
    <message>
        <source>The keychain failed: %1.</source>
        <translation>Der Schlüsselbund ist fehlgeschlagen: %1.</translation>
    </message>
</context>
<context>
    <name>saltant::LocalFile</name>
    <message>
        <source>Cannot create the directory of %1; check that you may write there.</source>
        <translation>Das Verzeichnis von %1 kann nicht angelegt werden; prüfen Sie, ob Sie dort schreiben dürfen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Cannot set the permissions of %1.</source>
        <translation>Die Berechtigungen von %1 können nicht gesetzt werden.</translation>
    </message>
    <message>
        <source>Cannot create the link %1 -&gt; %2.</source>
        <translation>Der Link %1 -&gt; %2 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>saltant::MainWindow</name>
    <message>
        <source>Cannot Apply Fix</source>
        <translation>Korrektur nicht anwendbar</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Keine Probleme</translation>
    </message>
    <message>
        <source>Errors: %1  ·  Warnings: %2  ·  Notes: %3</source>
        <translation>Fehler: %1  ·  Warnungen: %2  ·  Hinweise: %3</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
    <message>
        <source>Saltant Deploy</source>
        <translation>Saltant Deploy</translation>
    </message>
</context>
<context>
    <name>saltant::ParseError</name>
    <message>
        <source>The file has %1 characters, more than the %2 a configuration file may have here. Is it the right file?</source>
        <translation>Die Datei hat %1 Zeichen, mehr als die %2, die eine Konfigurationsdatei hier haben darf. Ist es die richtige Datei?</translation>
    </message>
</context>
<context>
    <name>saltant::Plan</name>
    <message>
        <source>The directory %1 does not exist on the server, and the deploy does not create it (for %2). Create it, or correct the setting.</source>
        <translation>Das Verzeichnis %1 existiert nicht auf dem Server, und die Bereitstellung legt es nicht an (für %2). Anlegen oder die Einstellung korrigieren.</translation>
    </message>
    <message>
        <source>%1 on the server is not a directory; %2 cannot be written.</source>
        <translation>%1 ist auf dem Server kein Verzeichnis; %2 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>%1 on the server is not a regular file (a directory or device?); it cannot be replaced.</source>
        <translation>%1 ist auf dem Server keine reguläre Datei (ein Verzeichnis oder Gerät?); sie kann nicht ersetzt werden.</translation>
    </message>
    <message>
        <source>symbolic link to %1 -&gt; regular file</source>
        <translation>symbolischer Link auf %1 -&gt; reguläre Datei</translation>
    </message>
    <message>
        <source>mode %1 -&gt; %2</source>
        <translation>Modus %1 -&gt; %2</translation>
    </message>
    <message>
        <source>owner %1:%2 -&gt; %3:%4</source>
        <translation>Besitzer %1:%2 -&gt; %3:%4</translation>
    </message>
    <message>
        <source>%1 on the server is not a symbolic link; remove it so the deploy can link it to %2.</source>
        <translation>%1 ist auf dem Server kein symbolischer Link; entfernen, damit die Bereitstellung ihn auf %2 verlinken kann.</translation>
    </message>
    <message>
        <source>The secret %1 has no value (store it in the keychain first).</source>
        <translation>Das Geheimnis %1 hat keinen Wert (zuerst im Schlüsselbund speichern).</translation>
    </message>
    <message>
        <source>The user %1 does not exist on the server.</source>
        <translation>Der Benutzer %1 existiert nicht auf dem Server.</translation>
    </message>
    <message>
        <source>The group %1 does not exist on the server.</source>
        <translation>Die Gruppe %1 existiert nicht auf dem Server.</translation>
    </message>
    <message>
        <source>%1 is missing; install it by hand.</source>
        <translation>%1 fehlt; installieren Sie es von Hand.</translation>
    </message>
    <message>
        <source>%1: no. %2</source>
        <translation>%1: nein. %2</translation>
    </message>
    <message>
        <source>%1 is missing (install: %2)</source>
        <translation>%1 fehlt (installieren: %2)</translation>
    </message>
    <message>
        <source>%1 will be installed: %2</source>
        <translation>%1 wird installiert: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file.</source>
        <translation>%1 ist keine reguläre Datei.</translation>
    </message>
    <message>
        <source> Remove it so the deploy can write its manifest.</source>
        <translation> Entfernen Sie sie, damit der Deploy sein Manifest schreiben kann.</translation>
    </message>
</context>
<context>
    <name>saltant::PlanDialog</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>Deploy to %1</source>
        <translation>Auf %1 bereitstellen</translation>
    </message>
    <message>
        <source>Cannot deploy:</source>
        <translation>Bereitstellung nicht möglich:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Mode and owner</source>
        <translation>Modus und Besitzer</translation>
    </message>
    <message>
        <source>No command will run.</source>
        <translation>Es wird kein Befehl ausgeführt.</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>No change in content.</source>
        <translation>Keine inhaltliche Änderung.</translation>
    </message>
    <message>
        <source>Install the missing programs first (runs the install commands above on the server)</source>
        <translation>Fehlende Programme zuerst installieren (führt die obigen Installationsbefehle auf dem Server aus)</translation>
    </message>
    <message>
        <source>Drift unknown: the server has no deploy manifest yet (never deployed by Saltant Deploy, or before drift tracking); this deploy writes the manifest.</source>
        <translation>Abweichungen unbekannt: Der Server hat noch kein Deploy-Manifest (nie mit Saltant Deploy bereitgestellt, oder vor der Abweichungserkennung); dieser Deploy schreibt das Manifest.</translation>
    </message>
    <message>
        <source>Drift unknown: the manifest of the last deploy cannot be read (%1); this deploy writes a new manifest.</source>
        <translation>Abweichungen unbekannt: Das Manifest des letzten Deploys kann nicht gelesen werden (%1); dieser Deploy schreibt ein neues Manifest.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed on the server since the last deploy (%1):</source>
        <translation>
            <numerusform>%n Datei seit dem letzten Deploy (%1) auf dem Server geändert:</numerusform>
            <numerusform>%n Dateien seit dem letzten Deploy (%1) auf dem Server geändert:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 (kept: this deploy leaves it as it is)</source>
        <translation>%1: %2 (behalten: dieser Deploy lässt sie, wie sie ist)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, changed on the server (kept)</source>
        <translation>%1, auf dem Server geändert (behalten)</translation>
    </message>
    <message>
        <source>%1, changed on the server</source>
        <translation>%1, auf dem Server geändert</translation>
    </message>
    <message>
        <source>Changed on the server since the last deploy: %1</source>
        <translation>Seit dem letzten Deploy auf dem Server geändert: %1</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>Diff</translation>
    </message>
    <message>
        <source>Last deployed</source>
        <translation>Zuletzt ausgeliefert</translation>
    </message>
    <message>
        <source>Now on the server</source>
        <translation>Jetzt auf dem Server</translation>
    </message>
    <message>
        <source>This deploy installs</source>
        <translation>Dieser Deploy installiert</translation>
    </message>
    <message>
        <source>Last deployed → server</source>
        <translation>Zuletzt ausgeliefert → Server</translation>
    </message>
    <message>
        <source>Server → this deploy</source>
        <translation>Server → dieser Deploy</translation>
    </message>
    <message>
        <source>Plan Again</source>
        <translation>Neu planen</translation>
    </message>
    <message>
        <source>Files changed on the server since the last deploy: what should this deploy do?</source>
        <translation>Seit dem letzten Deploy auf dem Server geänderte Dateien: Was soll dieser Deploy tun?</translation>
    </message>
    <message>
        <source>&amp;Overwrite them: deploy as planned (the server&apos;s deploy history keeps the replaced versions)</source>
        <translation>Ü&amp;berschreiben: wie geplant bereitstellen (der Deploy-Verlauf des Servers behält die ersetzten Fassungen)</translation>
    </message>
    <message>
        <source>&amp;Keep the server&apos;s version: plan again, leaving these files as they are</source>
        <translation>Fassung des Servers be&amp;halten: neu planen und diese Dateien lassen, wie sie sind</translation>
    </message>
    <message>
        <source>&amp;Import the server&apos;s edit into the project (one change you can undo), then plan again</source>
        <translation>Änderung des Servers ins Projekt &amp;übernehmen (ein rückgängig machbarer Schritt), dann neu planen</translation>
    </message>
    <message>
        <source>Not for files holding secrets: the window sees their values masked. Edit the project by hand, or keep the server&apos;s version.</source>
        <translation>Nicht für Dateien mit Geheimnissen: Das Fenster sieht deren Werte nur maskiert. Ändern Sie das Projekt von Hand oder behalten Sie die Fassung des Servers.</translation>
    </message>
    <message>
        <source>(no copy of the last deployed version on the server)</source>
        <translation>(keine Kopie der zuletzt ausgelieferten Fassung auf dem Server)</translation>
    </message>
    <message>
        <source>(no copy of the last deployed version, or no difference in content)</source>
        <translation>(keine Kopie der zuletzt ausgelieferten Fassung, oder kein inhaltlicher Unterschied)</translation>
    </message>
    <message>
        <source>(no difference in content)</source>
        <translation>(kein inhaltlicher Unterschied)</translation>
    </message>
</context>
<context>
    <name>saltant::PlanDrift</name>
    <message>
        <source>deleted on the server</source>
        <translation>auf dem Server gelöscht</translation>
    </message>
    <message>
        <source>no longer a regular file</source>
        <translation>keine reguläre Datei mehr</translation>
    </message>
    <message>
        <source>content changed</source>
        <translation>Inhalt geändert</translation>
    </message>
    <message>
        <source>mode %1 -&gt; %2</source>
        <translation>Modus %1 -&gt; %2</translation>
    </message>
    <message>
        <source>owner %1:%2 -&gt; %3:%4</source>
        <translation>Besitzer %1:%2 -&gt; %3:%4</translation>
    </message>
    <message>
        <source>(no copy of the last deployed version)
</source>
        <translation>(keine Kopie der zuletzt ausgelieferten Fassung)
</translation>
    </message>
    <message>
        <source>last deployed</source>
        <translation>zuletzt ausgeliefert</translation>
    </message>
    <message>
        <source>now on the server</source>
        <translation>jetzt auf dem Server</translation>
    </message>
    <message>
        <source>this deploy</source>
        <translation>dieser Deploy</translation>
    </message>
    <message>
        <source>unknown: never deployed by Saltant Deploy (no manifest in %1); the next deploy records one.</source>
        <translation>unbekannt: nie mit Saltant Deploy ausgeliefert (kein Manifest in %1); der nächste Deploy legt eines an.</translation>
    </message>
    <message numerus="yes">
        <source>no drift: %n file(s) as the last deploy (%1) left them.</source>
        <translation>
            <numerusform>keine Abweichung: %n Datei so, wie der letzte Deploy (%1) sie hinterlassen hat.</numerusform>
            <numerusform>keine Abweichung: %n Dateien so, wie der letzte Deploy (%1) sie hinterlassen hat.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed on the server since the last deploy (%1); `plan` shows the changes.</source>
        <translation>
            <numerusform>%n Datei seit dem letzten Deploy (%1) auf dem Server geändert; `plan` zeigt die Änderungen.</numerusform>
            <numerusform>%n Dateien seit dem letzten Deploy (%1) auf dem Server geändert; `plan` zeigt die Änderungen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::PlanText</name>
    <message>
        <source>Plan for %1

Files:
</source>
        <translation>Plan für %1

Dateien:
</translation>
    </message>
    <message>
        <source> [handlers of an earlier deploy still to run]</source>
        <translation> [Handler einer früheren Bereitstellung stehen noch aus]</translation>
    </message>
    <message>
        <source> (now -&gt; %1)</source>
        <translation> (jetzt -&gt; %1)</translation>
    </message>
    <message>
        <source>
An earlier deploy was interrupted; first:
</source>
        <translation>
Eine frühere Bereitstellung wurde unterbrochen; zuerst:
</translation>
    </message>
    <message>
        <source>keep the new %1 (its transaction had committed)</source>
        <translation>das neue %1 behalten (seine Transaktion war abgeschlossen)</translation>
    </message>
    <message>
        <source>restore %1 as it was before the interrupted transaction</source>
        <translation>%1 wie vor der unterbrochenen Transaktion wiederherstellen</translation>
    </message>
    <message>
        <source>
Missing programs (installed only when you ask for it, e.g. --install-missing):
</source>
        <translation>
Fehlende Programme (nur auf Wunsch installiert, z. B. --install-missing):
</translation>
    </message>
    <message>
        <source>(install it by hand)</source>
        <translation>(von Hand installieren)</translation>
    </message>
    <message>
        <source>
Commands:
</source>
        <translation>
Befehle:
</translation>
    </message>
    <message>
        <source>
Cannot deploy:
</source>
        <translation>
Bereitstellung nicht möglich:
</translation>
    </message>
    <message>
        <source>
Diffs:
</source>
        <translation>
Unterschiede:
</translation>
    </message>
    <message numerus="yes">
        <source>Nothing to do: the server matches the project (%n file(s) unchanged).</source>
        <translation>
            <numerusform>Nichts zu tun: Der Server entspricht dem Projekt (%n Datei unverändert).</numerusform>
            <numerusform>Nichts zu tun: Der Server entspricht dem Projekt (%n Dateien unverändert).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2; %3 (%4).</source>
        <comment>plan summary: files; links; commands (handlers)</comment>
        <translation>%1; %2; %3 (%4).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s): %1 new, %2 changed, %3 unchanged</source>
        <translation>
            <numerusform>%n Datei: %1 neu, %2 geändert, %3 unverändert</numerusform>
            <numerusform>%n Dateien: %1 neu, %2 geändert, %3 unverändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) to set</source>
        <translation>
            <numerusform>%n Link zu setzen</numerusform>
            <numerusform>%n Links zu setzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s)</source>
        <translation>
            <numerusform>%n Befehl</numerusform>
            <numerusform>%n Befehle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n handler(s)</source>
        <translation>
            <numerusform>%n Handler</numerusform>
            <numerusform>%n Handler</numerusform>
        </translation>
    </message>
    <message>
        <source>
No manifest: drift unknown (the server was never deployed by Saltant Deploy, or before it recorded its deploys); this deploy writes it.
</source>
        <translation>
Kein Manifest: Abweichungen unbekannt (der Server wurde nie mit Saltant Deploy ausgeliefert, oder bevor es seine Deploys festhielt); dieser Deploy schreibt es.
</translation>
    </message>
    <message>
        <source>
The manifest of the last deploy cannot be read (%1): drift unknown; this deploy writes a new one.
</source>
        <translation>
Das Manifest des letzten Deploys ist nicht lesbar (%1): Abweichungen unbekannt; dieser Deploy schreibt ein neues.
</translation>
    </message>
    <message>
        <source>
No drift: every file is as the last deploy (%1) left it.
</source>
        <translation>
Keine Abweichung: jede Datei ist so, wie der letzte Deploy (%1) sie hinterlassen hat.
</translation>
    </message>
    <message>
        <source>
Changed on the server since the last deploy (%1):
</source>
        <translation>
Seit dem letzten Deploy (%1) auf dem Server geändert:
</translation>
    </message>
    <message>
        <source> (kept: this deploy leaves it as it is)</source>
        <translation> (behalten: dieser Deploy lässt sie, wie sie ist)</translation>
    </message>
    <message>
        <source> (already what this deploy installs)</source>
        <translation> (schon das, was dieser Deploy installiert)</translation>
    </message>
    <message>
        <source> (this deploy would overwrite it)</source>
        <translation> (dieser Deploy würde sie überschreiben)</translation>
    </message>
    <message>
        <source>
%1 changed on the server since the last deploy:
</source>
        <translation>
%1 wurde seit dem letzten Deploy auf dem Server geändert:
</translation>
    </message>
    <message>
        <source>last deployed -&gt; now on the server:
</source>
        <translation>zuletzt ausgeliefert -&gt; jetzt auf dem Server:
</translation>
    </message>
    <message>
        <source>(no copy of the last deployed version, or no difference in content)
</source>
        <translation>(keine Kopie der zuletzt ausgelieferten Fassung, oder kein Unterschied im Inhalt)
</translation>
    </message>
    <message>
        <source>now on the server -&gt; this deploy:
</source>
        <translation>jetzt auf dem Server -&gt; dieser Deploy:
</translation>
    </message>
    <message>
        <source>(no difference in content)
</source>
        <translation>(kein Unterschied im Inhalt)
</translation>
    </message>
    <message>
        <source> [changed on the server: kept]</source>
        <translation> [auf dem Server geändert: behalten]</translation>
    </message>
    <message>
        <source> [changed on the server]</source>
        <translation> [auf dem Server geändert]</translation>
    </message>
</context>
<context>
    <name>saltant::PreviewPane</name>
    <message>
        <source>Generated files</source>
        <translation>Erzeugte Dateien</translation>
    </message>
    <message>
        <source>File on the server</source>
        <translation>Datei auf dem Server</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation>Geheimnisse zeigen</translation>
    </message>
    <message>
        <source>Show this file with the real secret values from the keychain</source>
        <translation>Diese Datei mit den echten Werten der Geheimnisse aus dem Schlüsselbund anzeigen</translation>
    </message>
    <message>
        <source>File preview</source>
        <translation>Dateivorschau</translation>
    </message>
    <message>
        <source>Secret: %1 (kept in the keychain, masked in the preview)</source>
        <translation>Geheimnis: %1 (im Schlüsselbund gespeichert, in der Vorschau maskiert)</translation>
    </message>
    <message>
        <source>preview only</source>
        <translation>nur Vorschau</translation>
    </message>
    <message>
        <source>Linked from %1</source>
        <translation>Verlinkt von %1</translation>
    </message>
    <message>
        <source>Holds secrets: they are masked here and read from the keychain on deploy.</source>
        <translation>Enthält Geheimnisse: Sie sind hier maskiert und werden bei der Bereitstellung aus dem Schlüsselbund gelesen.</translation>
    </message>
    <message>
        <source>The commands the deploy runs, in order; not uploaded.</source>
        <translation>Die Befehle, die die Bereitstellung der Reihe nach ausführt; wird nicht hochgeladen.</translation>
    </message>
    <message>
        <source>secrets shown</source>
        <translation>Geheimnisse sichtbar</translation>
    </message>
    <message>
        <source>secrets masked</source>
        <translation>Geheimnisse maskiert</translation>
    </message>
    <message>
        <source>Not updated: invalid %1. The preview shows the last valid settings until this is fixed.</source>
        <translation>Nicht aktualisiert: ungültige Einstellung %1. Die Vorschau zeigt die letzten gültigen Einstellungen, bis dies behoben ist.</translation>
    </message>
    <message>
        <source>Worker %1 (not updated: invalid %2)</source>
        <translation>Worker %1 (nicht aktualisiert: ungültige Einstellung %2)</translation>
    </message>
    <message>
        <source>Worker %1</source>
        <translation>Worker %1</translation>
    </message>
    <message>
        <source>The files generated for worker host %1, not for the web server.</source>
        <translation>Die für den Worker-Host %1 erzeugten Dateien, nicht die für den Webserver.</translation>
    </message>
</context>
<context>
    <name>saltant::ProblemsPanel</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>&amp;Fix</source>
        <translation>&amp;Beheben</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Double-click a problem to go to its setting.</source>
        <translation>Doppelklick auf ein Problem führt zu seiner Einstellung.</translation>
    </message>
    <message>
        <source>The selected problem has no automatic fix.</source>
        <translation>Für das ausgewählte Problem gibt es keine automatische Korrektur.</translation>
    </message>
    <message>
        <source>&amp;Fix: %1</source>
        <translation>&amp;Beheben: %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Worker host %1</source>
        <translation>Worker-Host %1</translation>
    </message>
</context>
<context>
    <name>saltant::Project</name>
    <message>
        <source>There is no setting &quot;%1&quot;; `saltant-deploy-cli settings` lists them all.</source>
        <translation>Es gibt keine Einstellung „%1“; `saltant-deploy-cli settings` listet alle auf.</translation>
    </message>
    <message>
        <source>%1 (%2) must be one of: %3.</source>
        <translation>%1 (%2) muss eins der folgenden sein: %3.</translation>
    </message>
    <message>
        <source>%1 (%2) must be between %3 and %4.</source>
        <translation>%1 (%2) muss zwischen %3 und %4 liegen.</translation>
    </message>
    <message>
        <source>%1 (%2) got a value of the wrong type.</source>
        <translation>%1 (%2) hat einen Wert des falschen Typs erhalten.</translation>
    </message>
    <message>
        <source>%1 (%2) must be a whole number between %3 and %4.</source>
        <translation>%1 (%2) muss eine ganze Zahl zwischen %3 und %4 sein.</translation>
    </message>
    <message>
        <source>%1 (%2) must be true or false.</source>
        <translation>%1 (%2) muss true oder false sein.</translation>
    </message>
    <message>
        <source>is required.</source>
        <translation>ist erforderlich.</translation>
    </message>
    <message>
        <source>must be one of: %1.</source>
        <translation>muss eins der folgenden sein: %1.</translation>
    </message>
    <message>
        <source>must be between %1 and %2.</source>
        <translation>muss zwischen %1 und %2 liegen.</translation>
    </message>
    <message>
        <source>entry &quot;%1&quot; %2</source>
        <translation>Eintrag „%1“ %2</translation>
    </message>
    <message>
        <source>There is no worker host &quot;%1&quot;; the project has none yet (add one with `saltant-deploy-cli worker add`).</source>
        <translation>Es gibt keinen Worker-Host „%1“; das Projekt hat noch keinen (fügen Sie einen mit `saltant-deploy-cli worker add` hinzu).</translation>
    </message>
    <message>
        <source>There is no worker host &quot;%1&quot;; the project has: %2.</source>
        <translation>Es gibt keinen Worker-Host „%1“; das Projekt hat: %2.</translation>
    </message>
    <message>
        <source>There is already a worker host named &quot;%1&quot;; choose another name.</source>
        <translation>Es gibt bereits einen Worker-Host namens „%1“; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>%1 is the same on every host; a worker host may set only ssh.*, workers.* and worker.* settings of its own.</source>
        <translation>%1 ist auf jedem Host gleich; ein Worker-Host darf nur eigene ssh.*-, workers.*- und worker.*-Einstellungen setzen.</translation>
    </message>
    <message>
        <source>Queues: name at least one queue for the worker to consume.</source>
        <translation>Warteschlangen: Nennen Sie mindestens eine Warteschlange, die der Worker abarbeiten soll.</translation>
    </message>
    <message>
        <source>Log bucket: log shipping to S3 needs a bucket (or the server&apos;s AWS logs bucket in Monitoring).</source>
        <translation>Protokoll-Bucket: Der Protokollversand nach S3 benötigt einen Bucket (oder den AWS-Protokoll-Bucket des Servers unter Überwachung).</translation>
    </message>
    <message>
        <source>Log shipping: S3 needs the AWS access key id (Monitoring section) and its secret key in the keychain.</source>
        <translation>Protokollversand: S3 benötigt die AWS-Zugriffsschlüssel-ID (Abschnitt Überwachung) und ihren geheimen Schlüssel im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Task environment: %1 is written by the worker&apos;s .env itself; set it through its own setting instead.</source>
        <translation>Aufgabenumgebung: %1 wird von der .env des Workers selbst geschrieben; setzen Sie es stattdessen über die eigene Einstellung.</translation>
    </message>
    <message>
        <source>Task environment: %1 is set twice; keep one entry.</source>
        <translation>Aufgabenumgebung: %1 ist zweimal gesetzt; behalten Sie einen Eintrag.</translation>
    </message>
    <message>
        <source>Secret task variables: %1 is already set by the .env or the task environment; name each variable once.</source>
        <translation>Geheime Aufgabenvariablen: %1 wird bereits von der .env oder der Aufgabenumgebung gesetzt; nennen Sie jede Variable nur einmal.</translation>
    </message>
    <message>
        <source>Worker %1: </source>
        <translation>Worker %1: </translation>
    </message>
    <message>
        <source>SSH host: required; the worker is another machine than the server.</source>
        <translation>SSH-Host: erforderlich; der Worker ist ein anderer Rechner als der Server.</translation>
    </message>
    <message>
        <source>SSH host: %1 port %2 is the web server&apos;s own SSH target; a worker host is another machine (or another port).</source>
        <translation>SSH-Host: %1 Port %2 ist das SSH-Ziel des Webservers selbst; ein Worker-Host ist ein anderer Rechner (oder ein anderer Port).</translation>
    </message>
</context>
<context>
    <name>saltant::ProjectDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Add worker host %1</source>
        <translation>Worker-Host %1 hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate worker host %1 as %2</source>
        <translation>Worker-Host %1 als %2 duplizieren</translation>
    </message>
    <message>
        <source>Rename worker host %1 to %2</source>
        <translation>Worker-Host %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Remove worker host %1</source>
        <translation>Worker-Host %1 entfernen</translation>
    </message>
    <message>
        <source>Cannot move the worker host at position %1 to position %2: the list has positions 1 to %3.</source>
        <translation>Der Worker-Host an Position %1 kann nicht an Position %2 verschoben werden: Die Liste hat die Positionen 1 bis %3.</translation>
    </message>
    <message>
        <source>Move worker host %1</source>
        <translation>Worker-Host %1 verschieben</translation>
    </message>
</context>
<context>
    <name>saltant::ProjectFile</name>
    <message>
        <source>$: the file is %1 bytes; a project file is a few kilobytes (at most %2 bytes).</source>
        <translation>$: Die Datei hat %1 Bytes; eine Projektdatei hat wenige Kilobytes (höchstens %2 Bytes).</translation>
    </message>
    <message>
        <source>$: not valid JSON at byte %1: %2.</source>
        <translation>$: kein gültiges JSON bei Byte %1: %2.</translation>
    </message>
    <message>
        <source>$: the project file must be a JSON object.</source>
        <translation>$: Die Projektdatei muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>$.schemaVersion: missing; this does not look like a Saltant Deploy project.</source>
        <translation>$.schemaVersion: fehlt; dies sieht nicht nach einem Saltant-Deploy-Projekt aus.</translation>
    </message>
    <message>
        <source>$.schemaVersion: must be a whole number.</source>
        <translation>$.schemaVersion: muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>$.schemaVersion: the file uses schema %1, written by a newer Saltant Deploy; this version reads schema %2. Update Saltant Deploy to open it.</source>
        <translation>$.schemaVersion: Die Datei verwendet Schema %1 und wurde von einem neueren Saltant Deploy geschrieben; diese Version liest Schema %2. Saltant Deploy aktualisieren, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>$.schemaVersion: %1 is not a valid schema version.</source>
        <translation>$.schemaVersion: %1 ist keine gültige Schemaversion.</translation>
    </message>
    <message>
        <source>%1: must be a string of 1-64 letters, digits or hyphens.</source>
        <translation>%1: muss eine Zeichenkette aus 1–64 Buchstaben, Ziffern oder Bindestrichen sein.</translation>
    </message>
    <message>
        <source>%1: unknown key.</source>
        <translation>%1: unbekannter Schlüssel.</translation>
    </message>
    <message>
        <source>%1: must be an object of settings.</source>
        <translation>%1: muss ein Objekt mit Einstellungen sein.</translation>
    </message>
    <message>
        <source>%1: must be %2.</source>
        <translation>%1: muss %2 sein.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation>%1 kann nicht geöffnet werden: %2.</translation>
    </message>
    <message>
        <source>%1 is %2 bytes; a project file is a few kilobytes. Is it the right file?</source>
        <translation>%1 hat %2 Bytes; eine Projektdatei hat wenige Kilobytes. Ist es die richtige Datei?</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>%1: must be an array of worker hosts.</source>
        <translation>%1: muss ein Array von Worker-Hosts sein.</translation>
    </message>
    <message>
        <source>%1: must be an object with the host&apos;s name and settings.</source>
        <translation>%1: muss ein Objekt mit dem Namen und den Einstellungen des Hosts sein.</translation>
    </message>
    <message>
        <source>must be a string.</source>
        <translation>muss eine Zeichenkette sein.</translation>
    </message>
</context>
<context>
    <name>saltant::ProjectFileCommands</name>
    <message>
        <source>Saltant projects (*.saltant.json);;JSON files (*.json);;All files (*)</source>
        <translation>Saltant-Projekte (*.saltant.json);;JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Cannot Open Project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>Cannot Save Project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them before continuing?</source>
        <translation>%1 hat ungespeicherte Änderungen. Vor dem Fortfahren speichern?</translation>
    </message>
    <message>
        <source>Imported from %1; save the project to keep it.</source>
        <translation>Importiert aus %1; speichern Sie das Projekt, um es zu behalten.</translation>
    </message>
</context>
<context>
    <name>saltant::ProvisionCommands</name>
    <message>
        <source>uWSGI (user %1, group %2) or nginx (user %3) still cannot enter %4 or %5. Make sure %3 is in the group %2, or give it access to these directories yourself.</source>
        <translation>uWSGI (Benutzer %1, Gruppe %2) oder nginx (Benutzer %3) kann %4 oder %5 weiterhin nicht betreten. Sorgen Sie dafür, dass %3 in der Gruppe %2 ist, oder geben Sie selbst Zugriff auf diese Verzeichnisse.</translation>
    </message>
</context>
<context>
    <name>saltant::RabbitmqAccounts</name>
    <message>
        <source>RabbitMQ&apos;s users and vhosts could not be listed (%1); check that user %2 and vhost %3 exist, or let the deploy create them.</source>
        <translation>Die Benutzer und vhosts von RabbitMQ konnten nicht aufgelistet werden (%1); prüfen Sie, ob der Benutzer %2 und der vhost %3 existieren, oder lassen Sie sie von der Bereitstellung anlegen.</translation>
    </message>
    <message>
        <source>RabbitMQ&apos;s default user guest (password guest) still exists; the deploy deletes it (rabbitmq.removeGuest).</source>
        <translation>Der Standardbenutzer guest von RabbitMQ (Passwort guest) existiert noch; die Bereitstellung löscht ihn (rabbitmq.removeGuest).</translation>
    </message>
    <message>
        <source>RabbitMQ&apos;s default vhost &quot;/&quot; still exists; the deploy deletes it (rabbitmq.removeDefaultVhost).</source>
        <translation>Der Standard-vhost &quot;/&quot; von RabbitMQ existiert noch; die Bereitstellung löscht ihn (rabbitmq.removeDefaultVhost).</translation>
    </message>
    <message>
        <source>the broker user %1 of CELERY_BROKER_URL does not exist in RabbitMQ; the deploy creates it.</source>
        <translation>der Broker-Benutzer %1 aus CELERY_BROKER_URL existiert in RabbitMQ nicht; die Bereitstellung legt ihn an.</translation>
    </message>
    <message>
        <source>the vhost %1 of CELERY_BROKER_URL does not exist in RabbitMQ; the deploy creates it.</source>
        <translation>der vhost %1 aus CELERY_BROKER_URL existiert in RabbitMQ nicht; die Bereitstellung legt ihn an.</translation>
    </message>
    <message>
        <source>the permissions on vhost %1 could not be listed (%2).</source>
        <translation>die Berechtigungen auf dem vhost %1 konnten nicht aufgelistet werden (%2).</translation>
    </message>
    <message>
        <source>user %1 lacks configure, write and read &quot;.*&quot; on vhost %2; the deploy sets them.</source>
        <translation>dem Benutzer %1 fehlen configure, write und read &quot;.*&quot; auf dem vhost %2; die Bereitstellung setzt sie.</translation>
    </message>
</context>
<context>
    <name>saltant::RecentFiles</name>
    <message>
        <source>No recent projects</source>
        <translation>Keine zuletzt geöffneten Projekte</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>&amp;Liste leeren</translation>
    </message>
</context>
<context>
    <name>saltant::RemoteModule</name>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (nicht gefunden)</translation>
    </message>
    <message>
        <source>The deploy module could not be loaded, so deploying, the server checks, importing from a server and the keychain are unavailable: %1. Reinstall Saltant Deploy, or build the target saltant-deploy-remote.</source>
        <translation>Das Bereitstellungsmodul konnte nicht geladen werden; Bereitstellen, die Serverprüfungen, der Import von einem Server und der Schlüsselbund sind daher nicht verfügbar: %1. Installieren Sie Saltant Deploy neu oder bauen Sie das Ziel saltant-deploy-remote.</translation>
    </message>
</context>
<context>
    <name>saltant::RemoteServerFiles</name>
    <message>
        <source>%1 could not be read on the server: %2</source>
        <translation>%1 konnte auf dem Server nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a directory, FIFO or device): it was not read.</source>
        <translation>%1 ist keine reguläre Datei (ein Verzeichnis, FIFO oder Gerät): Sie wurde nicht gelesen.</translation>
    </message>
</context>
<context>
    <name>saltant::Rollback</name>
    <message>
        <source>The deploy history in %1 could not be read: %2</source>
        <translation>Der Bereitstellungsverlauf in %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The kept files could not be read: %1</source>
        <translation>Die aufbewahrten Dateien konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The kept files were read only in part.</source>
        <translation>Die aufbewahrten Dateien wurden nur teilweise gelesen.</translation>
    </message>
    <message>
        <source>The project does not render; fix it first (its steps validate the restored files).</source>
        <translation>Das Projekt lässt sich nicht erzeugen; bitte zuerst korrigieren (seine Schritte prüfen die wiederhergestellten Dateien).</translation>
    </message>
    <message>
        <source>%1 did not exist before deploy %2; the rollback leaves it in place (remove it by hand if it must go).</source>
        <translation>%1 gab es vor der Bereitstellung %2 nicht; die Rücknahme lässt die Datei stehen (von Hand entfernen, falls sie weg muss).</translation>
    </message>
    <message>
        <source>The kept version of %1 (%2) is missing on the server; the history cannot restore it.</source>
        <translation>Die aufbewahrte Fassung von %1 (%2) fehlt auf dem Server; der Verlauf kann sie nicht wiederherstellen.</translation>
    </message>
    <message>
        <source>A history entry was skipped: %1</source>
        <translation>Ein Verlaufseintrag wurde übersprungen: %1</translation>
    </message>
</context>
<context>
    <name>saltant::RollbackCommand</name>
    <message>
        <source>Restore the server&apos;s files to how they were before deploy ID (see `history`), validated, as a transaction.</source>
        <translation>Die Dateien des Servers auf den Stand vor der Bereitstellung ID zurücksetzen (siehe `history`), geprüft, als Transaktion.</translation>
    </message>
    <message>
        <source>The deploy (an id `history` lists) to undo, with every later one.</source>
        <translation>Die zurückzunehmende Bereitstellung (eine ID, die `history` auflistet), mit allen späteren.</translation>
    </message>
    <message>
        <source>Apply without asking (required when standard input is not a terminal).</source>
        <translation>Ohne Rückfrage anwenden (nötig, wenn die Standardeingabe kein Terminal ist).</translation>
    </message>
    <message>
        <source>rollback: give --to ID; `saltant-deploy-cli history` lists the ids.</source>
        <translation>rollback: --to ID angeben; `saltant-deploy-cli history` listet die IDs auf.</translation>
    </message>
    <message>
        <source>rollback: standard input is not a terminal; pass --yes.</source>
        <translation>rollback: die Standardeingabe ist kein Terminal; --yes angeben.</translation>
    </message>
    <message>
        <source>Roll back? [y/N] </source>
        <translation>Zurücknehmen? (y = ja) [y/N] </translation>
    </message>
</context>
<context>
    <name>saltant::SecretEditor</name>
    <message>
        <source>%1: state</source>
        <translation>%1: Zustand</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Neuer Wert</translation>
    </message>
    <message>
        <source>%1: new value</source>
        <translation>%1: neuer Wert</translation>
    </message>
    <message>
        <source>Clear…</source>
        <translation>Leeren …</translation>
    </message>
    <message>
        <source>Clear %1</source>
        <translation>%1 leeren</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Generate %1</source>
        <translation>%1 erzeugen</translation>
    </message>
    <message>
        <source>Fill in %1 random characters from %2.</source>
        <translation>%1 zufällige Zeichen aus %2 einsetzen.</translation>
    </message>
    <message>
        <source>Remove the %1 of this project from the keychain? Deploys that need it will ask for it again.</source>
        <translation>%1 dieses Projekts aus dem Schlüsselbund entfernen? Bereitstellungen, die es benötigen, fragen erneut danach.</translation>
    </message>
    <message>
        <source>Generated %1 random characters from %2 (safe in URLs and every generated file). Not stored yet: press %3.</source>
        <translation>%1 zufällige Zeichen aus %2 erzeugt (sicher in URLs und jeder erzeugten Datei). Noch nicht gespeichert: %3 drücken.</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <source>Talking to the keychain…</source>
        <translation>Verbindung zum Schlüsselbund …</translation>
    </message>
    <message>
        <source>Stored in the keychain</source>
        <translation>Im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Not stored</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <source>Replace %1</source>
        <translation>%1 ersetzen</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>%1 setzen</translation>
    </message>
</context>
<context>
    <name>saltant::SecretsPresenter</name>
    <message>
        <source>Keychain: not connected</source>
        <translation>Schlüsselbund: nicht verbunden</translation>
    </message>
    <message>
        <source>Keychain: connected</source>
        <translation>Schlüsselbund: verbunden</translation>
    </message>
    <message>
        <source>Keychain: unavailable</source>
        <translation>Schlüsselbund: nicht verfügbar</translation>
    </message>
    <message>
        <source>Cannot Read Secrets</source>
        <translation>Geheimnisse nicht lesbar</translation>
    </message>
    <message>
        <source>Keychain: checking…</source>
        <translation>Schlüsselbund: wird geprüft…</translation>
    </message>
    <message>
        <source>No keychain is connected, so the secrets found on the server cannot be stored. Start the keychain (e.g. gnome-keyring or KWallet) and import again.</source>
        <translation>Kein Schlüsselbund ist verbunden, daher können die auf dem Server gefundenen Geheimnisse nicht gespeichert werden. Starten Sie den Schlüsselbund (z. B. gnome-keyring oder KWallet) und importieren Sie erneut.</translation>
    </message>
</context>
<context>
    <name>saltant::SectionPage</name>
    <message>
        <source>Secrets (kept in the keychain, never in the project file)</source>
        <translation>Geheimnisse (im Schlüsselbund gespeichert, nie in der Projektdatei)</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Not stored</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Unknown (keychain unavailable)</source>
        <translation>Unbekannt (Schlüsselbund nicht verfügbar)</translation>
    </message>
</context>
<context>
    <name>saltant::ServerFiles</name>
    <message>
        <source>%1 holds NUL bytes (a binary file, not a configuration file): it was not read.</source>
        <translation>%1 enthält NUL-Bytes (eine Binärdatei, keine Konfigurationsdatei): Sie wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>%1 is %2 bytes, more than any configuration file this tool writes (at most %3): it was not read. Import the other files, then compare this one by hand.</source>
        <translation>%1 ist %2 Bytes groß, mehr als jede Konfigurationsdatei, die dieses Werkzeug schreibt (höchstens %3): Sie wurde nicht gelesen. Importieren Sie die anderen Dateien und vergleichen Sie diese von Hand.</translation>
    </message>
</context>
<context>
    <name>saltant::ServerImporter</name>
    <message>
        <source>No saltant server was found in %1: no systemd unit starts a uWSGI emperor, and there is no /etc/uwsgi/emperor.ini. Check the address (or the directory: it must hold the server&apos;s files at their server paths, e.g. DIR/etc/systemd/system/).</source>
        <translation>In %1 wurde kein saltant-Server gefunden: Keine systemd-Unit startet einen uWSGI-Emperor, und es gibt keine /etc/uwsgi/emperor.ini. Prüfen Sie die Adresse (oder das Verzeichnis: Es muss die Dateien des Servers unter ihren Serverpfaden enthalten, z. B. DIR/etc/systemd/system/).</translation>
    </message>
    <message>
        <source>the file is missing.</source>
        <translation>die Datei fehlt.</translation>
    </message>
    <message>
        <source>%1 cannot be &quot;%2&quot; (%3); the project keeps %4.</source>
        <translation>%1 kann nicht &quot;%2&quot; sein (%3); das Projekt behält %4.</translation>
    </message>
    <message>
        <source>(found; goes to the keychain)</source>
        <translation>(gefunden; kommt in den Schlüsselbund)</translation>
    </message>
    <message>
        <source>%1 as found cannot be deployed: %2 The project keeps %3; check it.</source>
        <translation>%1 kann so, wie gefunden, nicht bereitgestellt werden: %2 Das Projekt behält %3; prüfen Sie den Wert.</translation>
    </message>
    <message numerus="yes">
        <source>%n comment line(s) would be replaced by the generated file&apos;s own.</source>
        <translation>
            <numerusform>%n Kommentarzeile würde durch die der erzeugten Datei ersetzt.</numerusform>
            <numerusform>%n Kommentarzeilen würden durch die der erzeugten Datei ersetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>CELERY_BROKER_URL is not scheme://user:password@host:port/vhost; the broker settings keep the example&apos;s values.</source>
        <translation>CELERY_BROKER_URL hat nicht die Form scheme://user:password@host:port/vhost; die Broker-Einstellungen behalten die Werte des Beispiels.</translation>
    </message>
    <message>
        <source>no nginx site passes requests to the uWSGI socket %1: the site settings keep the example&apos;s values.</source>
        <translation>keine nginx-Site leitet Anfragen an den uWSGI-Socket %1 weiter: Die Site-Einstellungen behalten die Werte des Beispiels.</translation>
    </message>
    <message>
        <source>the site is a file, not a link to one: the deploy writes it to %1 and links it from %2; delete this file after the first deploy.</source>
        <translation>die Site ist eine Datei, kein Link auf eine: Die Bereitstellung schreibt sie nach %1 und verlinkt sie aus %2; löschen Sie diese Datei nach der ersten Bereitstellung.</translation>
    </message>
    <message>
        <source>certbot --nginx rewrote this site (%1 lines &quot;managed by Certbot&quot;), and does again at each renewal. The deploy gets certificates with certbot certonly --webroot, which never edits it.</source>
        <translation>certbot --nginx hat diese Site umgeschrieben (%1 Zeilen &quot;managed by Certbot&quot;) und tut es bei jeder Erneuerung wieder. Die Bereitstellung holt Zertifikate mit certbot certonly --webroot, das sie nie bearbeitet.</translation>
    </message>
    <message>
        <source>the certificate %1 is not certbot&apos;s &lt;dir&gt;/live/&lt;name&gt;/fullchain.pem; the deploy uses certbot&apos;s.</source>
        <translation>das Zertifikat %1 ist nicht certbots &lt;dir&gt;/live/&lt;name&gt;/fullchain.pem; die Bereitstellung verwendet das von certbot.</translation>
    </message>
    <message>
        <source>Flower&apos;s password is on its command line (--basic_auth), where every user sees it in ps. The deploy moves it to an EnvironmentFile= readable by root only.</source>
        <translation>Das Passwort von Flower steht auf seiner Befehlszeile (--basic_auth), wo jeder Benutzer es in ps sieht. Die Bereitstellung verschiebt es in eine EnvironmentFile=, die nur root lesen kann.</translation>
    </message>
    <message>
        <source>Type=notify: Flower never tells systemd it is ready, so systemd kills it after the start timeout and restarts it forever. The deploy writes Type=simple.</source>
        <translation>Type=notify: Flower meldet systemd nie, dass es bereit ist, daher beendet systemd es nach dem Start-Timeout und startet es endlos neu. Die Bereitstellung schreibt Type=simple.</translation>
    </message>
    <message>
        <source>no systemd unit in /etc/systemd/system starts the uWSGI emperor; the deploy writes %1.</source>
        <translation>keine systemd-Unit in /etc/systemd/system startet den uWSGI-Emperor; die Bereitstellung schreibt %1.</translation>
    </message>
    <message>
        <source>the emperor is started without an ini file; the deploy writes %1 and starts the emperor with it.</source>
        <translation>der Emperor wird ohne ini-Datei gestartet; die Bereitstellung schreibt %1 und startet den Emperor damit.</translation>
    </message>
    <message>
        <source>this uWSGI is started without --ini or --emperor: the vassals could not be found.</source>
        <translation>dieses uWSGI wird ohne --ini oder --emperor gestartet: Die Vassals konnten nicht gefunden werden.</translation>
    </message>
    <message>
        <source>no vassal (an .ini with chdir or module) was found here: the project directory and the .env are unknown.</source>
        <translation>hier wurde kein Vassal (eine .ini mit chdir oder module) gefunden: Das Projektverzeichnis und die .env sind unbekannt.</translation>
    </message>
    <message>
        <source>%1 vassals were found; %2 was imported, the others are left as they are: %3.</source>
        <translation>%1 Vassals wurden gefunden; %2 wurde importiert, die anderen bleiben, wie sie sind: %3.</translation>
    </message>
    <message>
        <source>the deploy writes the vassal as %1; delete this one after the first deploy, or two vassals will serve the same socket.</source>
        <translation>die Bereitstellung schreibt den Vassal als %1; löschen Sie diesen nach der ersten Bereitstellung, sonst bedienen zwei Vassals denselben Socket.</translation>
    </message>
    <message>
        <source>the uWSGI socket is in %1: systemd&apos;s PrivateTmp hides it from nginx and anyone may create it first. The deploy puts it under /run/uwsgi/ (set uwsgi.socketPath).</source>
        <translation>der uWSGI-Socket liegt in %1: PrivateTmp von systemd verbirgt ihn vor nginx, und jeder kann ihn zuerst anlegen. Die Bereitstellung legt ihn unter /run/uwsgi/ ab (uwsgi.socketPath setzen).</translation>
    </message>
    <message>
        <source>the socket %1 is not a unix socket; the project uses one (uwsgi.socketPath).</source>
        <translation>der Socket %1 ist kein Unix-Socket; das Projekt verwendet einen (uwsgi.socketPath).</translation>
    </message>
    <message>
        <source>the server&apos;s edit of %1</source>
        <translation>die Änderung von %1 auf dem Server</translation>
    </message>
</context>
<context>
    <name>saltant::SettingKey</name>
    <message>
        <source>There is no setting &quot;%1&quot;; `saltant-deploy-cli settings` lists them all.</source>
        <translation>Es gibt keine Einstellung „%1“; `saltant-deploy-cli settings` listet alle auf.</translation>
    </message>
</context>
<context>
    <name>saltant::SshFileTransfer</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Not connected to %1.</source>
        <translation>Nicht mit %1 verbunden.</translation>
    </message>
    <message>
        <source>%1 did not start an SFTP session (is the sftp subsystem enabled in its sshd_config?): %2</source>
        <translation>%1 hat keine SFTP-Sitzung gestartet (ist das sftp-Subsystem in seiner sshd_config aktiviert?): %2</translation>
    </message>
    <message>
        <source>The connection to %1 was lost while %2 %3.</source>
        <translation>Die Verbindung zu %1 ging beim %2 %3 verloren.</translation>
    </message>
    <message>
        <source>the directory does not exist</source>
        <translation>das Verzeichnis existiert nicht</translation>
    </message>
    <message>
        <source>permission denied for %1</source>
        <translation>Zugriff für %1 verweigert</translation>
    </message>
    <message>
        <source>a file of that name already exists</source>
        <translation>eine Datei dieses Namens existiert bereits</translation>
    </message>
    <message>
        <source>the file system is read-only</source>
        <translation>das Dateisystem ist schreibgeschützt</translation>
    </message>
    <message>
        <source>no medium</source>
        <translation>kein Medium</translation>
    </message>
    <message>
        <source>the SFTP session was lost</source>
        <translation>die SFTP-Sitzung ging verloren</translation>
    </message>
    <message>
        <source>the server reported a failure (a full disk? a directory in the way?)</source>
        <translation>der Server meldete einen Fehler (volle Festplatte? ein Verzeichnis im Weg?)</translation>
    </message>
    <message>
        <source>Error %1 %2 on %3: %4.</source>
        <translation>Fehler beim %1 %2 auf %3: %4.</translation>
    </message>
    <message>
        <source>creating</source>
        <translation>Anlegen von</translation>
    </message>
    <message>
        <source>setting the permissions of</source>
        <translation>Setzen der Rechte von</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>Schreiben von</translation>
    </message>
    <message>
        <source>Cancelled while writing %1.</source>
        <translation>Beim Schreiben von %1 abgebrochen.</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>Schließen von</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>Öffnen von</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>Lesen von</translation>
    </message>
    <message>
        <source>Cancelled while reading %1.</source>
        <translation>Beim Lesen von %1 abgebrochen.</translation>
    </message>
</context>
<context>
    <name>saltant::SshImport</name>
    <message>
        <source>&quot;%1&quot; is not an SSH address: write ssh://USER@HOST or ssh://USER@HOST:PORT, e.g. ssh://ubuntu@www.example.com:22.</source>
        <translation>&quot;%1&quot; ist keine SSH-Adresse: Schreiben Sie ssh://USER@HOST oder ssh://USER@HOST:PORT, z. B. ssh://ubuntu@www.example.com:22.</translation>
    </message>
</context>
<context>
    <name>saltant::SshPrivateKey</name>
    <message>
        <source>The identity file %1 does not exist.</source>
        <translation>Die Identitätsdatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The identity file %1 cannot be read: %2</source>
        <translation>Die Identitätsdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>it is a directory</source>
        <translation>es ist ein Verzeichnis</translation>
    </message>
    <message>
        <source>The identity file %1 is protected by a passphrase, and none is stored in the keychain: add the key passphrase there.</source>
        <translation>Die Identitätsdatei %1 ist durch eine Passphrase geschützt, und im Schlüsselbund ist keine gespeichert: die Passphrase des Schlüssels dort hinzufügen.</translation>
    </message>
    <message>
        <source>The passphrase in the keychain does not unlock the identity file %1: update the key passphrase there.</source>
        <translation>Die Passphrase im Schlüsselbund entsperrt die Identitätsdatei %1 nicht: die Passphrase des Schlüssels dort aktualisieren.</translation>
    </message>
    <message>
        <source>The identity file %1 is not a private key libssh can read (OpenSSH, PEM or PKCS#8 formats of ed25519, ECDSA and RSA keys are).</source>
        <translation>Die Identitätsdatei %1 ist kein privater Schlüssel, den libssh lesen kann (lesbar sind ed25519-, ECDSA- und RSA-Schlüssel in den Formaten OpenSSH, PEM oder PKCS#8).</translation>
    </message>
</context>
<context>
    <name>saltant::SshRemoteHost</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Not connected to %1.</source>
        <translation>Nicht mit %1 verbunden.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost %2: %3</source>
        <translation>Die Verbindung zu %1 ging %2 verloren: %3</translation>
    </message>
    <message>
        <source>before the command could start</source>
        <translation>vor dem Start des Befehls</translation>
    </message>
    <message>
        <source>%1 refused to open a session channel: %2</source>
        <translation>%1 hat das Öffnen eines Sitzungskanals abgelehnt: %2</translation>
    </message>
    <message>
        <source>while sending the command&apos;s input</source>
        <translation>beim Senden der Eingabe des Befehls</translation>
    </message>
    <message>
        <source>Cancelled while the command was running on %1.</source>
        <translation>Abgebrochen, während der Befehl auf %1 lief.</translation>
    </message>
    <message>
        <source>while the command was running</source>
        <translation>während der Ausführung des Befehls</translation>
    </message>
    <message>
        <source>before the command reported its exit status</source>
        <translation>vor der Meldung des Exit-Status des Befehls</translation>
    </message>
    <message>
        <source>The command ended on %1 without an exit status (killed by a signal?).</source>
        <translation>Der Befehl endete auf %1 ohne Exit-Status (durch ein Signal beendet?).</translation>
    </message>
    <message>
        <source>Could not find out the login user on %1: %2</source>
        <translation>Der Anmeldebenutzer auf %1 konnte nicht ermittelt werden: %2</translation>
    </message>
    <message>
        <source>%1 logs in as %2, who needs sudo to deploy, but sudo is not installed there: install it or deploy as root.</source>
        <translation>%1 meldet sich als %2 an, der für die Bereitstellung sudo braucht, aber sudo ist dort nicht installiert: sudo installieren oder als root bereitstellen.</translation>
    </message>
    <message>
        <source>sudo on %1 asks %2 for a password, and none is stored: add the sudo password to the keychain.</source>
        <translation>sudo auf %1 fragt %2 nach einem Passwort, und keines ist gespeichert: das sudo-Passwort im Schlüsselbund hinzufügen.</translation>
    </message>
    <message>
        <source>sudo rejected the password for %1 on %2: update the sudo password in the keychain.</source>
        <translation>sudo hat das Passwort für %1 auf %2 abgelehnt: das sudo-Passwort im Schlüsselbund aktualisieren.</translation>
    </message>
    <message>
        <source>sudo refused %1 on %2: %3 The deploy writes its files and runs its commands as root: give %1 sudo rights on %2 (for example `usermod -aG sudo %1`, run as root) or log in as root.</source>
        <translation>sudo hat %1 auf %2 abgewiesen: %3 Die Bereitstellung schreibt ihre Dateien und führt ihre Befehle als root aus: %1 auf %2 sudo-Rechte geben (zum Beispiel `usermod -aG sudo %1`, als root ausgeführt) oder als root anmelden.</translation>
    </message>
    <message numerus="yes">
        <source>The command did not finish within %n second(s) on %1 and was abandoned.</source>
        <translation>
            <numerusform>Der Befehl wurde auf %1 nicht innerhalb von %n Sekunde fertig und wurde aufgegeben.</numerusform>
            <numerusform>Der Befehl wurde auf %1 nicht innerhalb von %n Sekunden fertig und wurde aufgegeben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write %1 on %2 (%3): check the free space and the permissions of the staging directory there, then deploy again.</source>
        <translation>Konnte %1 auf %2 nicht schreiben (%3): Prüfen Sie dort den freien Platz und die Rechte des Staging-Verzeichnisses und deployen Sie erneut.</translation>
    </message>
    <message>
        <source>the upload ended early</source>
        <translation>der Upload endete vorzeitig</translation>
    </message>
</context>
<context>
    <name>saltant::SshSession</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Could not initialise libssh.</source>
        <translation>libssh konnte nicht initialisiert werden.</translation>
    </message>
    <message>
        <source>Invalid SSH settings for %1: %2</source>
        <translation>Ungültige SSH-Einstellungen für %1: %2</translation>
    </message>
    <message>
        <source>The SSH handshake with %1 port %2 failed: %3</source>
        <translation>Der SSH-Verbindungsaufbau mit %1 Port %2 ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>The host key is already known.</source>
        <translation>Der Host-Schlüssel ist bereits bekannt.</translation>
    </message>
    <message>
        <source>Only an unknown host key of a connected server can be accepted.</source>
        <translation>Nur ein unbekannter Host-Schlüssel eines verbundenen Servers kann akzeptiert werden.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>authenticating</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>no method this app supports</source>
        <translation>keine Methode, die diese Anwendung unterstützt</translation>
    </message>
    <message>
        <source>Authentication as %1 on %2 failed. Tried: %3. The server accepts: %4.</source>
        <translation>Die Anmeldung als %1 auf %2 ist fehlgeschlagen. Versucht: %3. Der Server akzeptiert: %4.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>The connection to %1 was lost while %2: %3</source>
        <translation>Die Verbindung zu %1 ging beim %2 verloren: %3</translation>
    </message>
    <message>
        <source>ssh-agent (no key of the agent was accepted)</source>
        <translation>ssh-agent (kein Schlüssel des Agenten wurde akzeptiert)</translation>
    </message>
    <message>
        <source>public key (%1)</source>
        <translation>öffentlicher Schlüssel (%1)</translation>
    </message>
    <message>
        <source>public key %1 (accepted, but the server demands a further method)</source>
        <translation>öffentlicher Schlüssel %1 (akzeptiert, aber der Server verlangt eine weitere Methode)</translation>
    </message>
    <message>
        <source>public key %1 (not accepted by the server)</source>
        <translation>öffentlicher Schlüssel %1 (vom Server nicht akzeptiert)</translation>
    </message>
    <message>
        <source>password (none stored in the keychain)</source>
        <translation>Passwort (keines im Schlüsselbund gespeichert)</translation>
    </message>
    <message>
        <source>password (rejected by the server: update the SSH password in the keychain)</source>
        <translation>Passwort (vom Server abgelehnt: das SSH-Passwort im Schlüsselbund aktualisieren)</translation>
    </message>
    <message numerus="yes">
        <source>%1 port %2 accepted the connection, but sent no SSH greeting or did not complete the key exchange within %n second(s): is it an SSH server?</source>
        <translation>
            <numerusform>%1 Port %2 hat die Verbindung angenommen, aber innerhalb von %n Sekunde keine SSH-Begrüßung gesendet oder den Schlüsselaustausch nicht abgeschlossen: Ist das ein SSH-Server?</numerusform>
            <numerusform>%1 Port %2 hat die Verbindung angenommen, aber innerhalb von %n Sekunden keine SSH-Begrüßung gesendet oder den Schlüsselaustausch nicht abgeschlossen: Ist das ein SSH-Server?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::SshSocket</name>
    <message>
        <source>The server name &quot;%1&quot; could not be resolved (%2). Check the SSH host setting, the Host aliases in ~/.ssh/config and the network connection.</source>
        <translation>Der Servername „%1“ konnte nicht aufgelöst werden (%2). Die SSH-Host-Einstellung, die Host-Aliase in ~/.ssh/config und die Netzwerkverbindung prüfen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1 port %2</source>
        <translation>%1 Port %2</translation>
    </message>
    <message>
        <source>%1 refused the connection: is sshd running and listening on that port?</source>
        <translation>%1 hat die Verbindung abgelehnt: Läuft sshd und lauscht es auf diesem Port?</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2.</source>
        <translation>Keine Verbindung zu %1 möglich: %2.</translation>
    </message>
    <message numerus="yes">
        <source>No answer from %1 within %n second(s): the server may be down, or a firewall drops the connection.</source>
        <translation>
            <numerusform>Keine Antwort von %1 innerhalb von %n Sekunde: Der Server ist möglicherweise nicht erreichbar, oder eine Firewall verwirft die Verbindung.</numerusform>
            <numerusform>Keine Antwort von %1 innerhalb von %n Sekunden: Der Server ist möglicherweise nicht erreichbar, oder eine Firewall verwirft die Verbindung.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::SshTarget</name>
    <message>
        <source>Could not initialise libssh.</source>
        <translation>libssh konnte nicht initialisiert werden.</translation>
    </message>
    <message>
        <source>The SSH configuration file %1 could not be read: %2</source>
        <translation>Die SSH-Konfigurationsdatei %1 konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>saltant::TcpProbe</name>
    <message>
        <source>port %1 of %2 (%3) accepts connections</source>
        <translation>Port %1 von %2 (%3) nimmt Verbindungen an</translation>
    </message>
    <message>
        <source>add an A (or ALIAS) record for %1, or correct the host name</source>
        <translation>einen A- (oder ALIAS-)Eintrag für %1 anlegen oder den Hostnamen korrigieren</translation>
    </message>
    <message>
        <source>port %1 closed on %2 (%3 refused the connection)</source>
        <translation>Port %1 auf %2 geschlossen (%3 hat die Verbindung abgelehnt)</translation>
    </message>
    <message>
        <source>port %1 closed: open it in the instance&apos;s firewall/security group and check that %2 listens on it</source>
        <translation>Port %1 geschlossen: in der Firewall/Sicherheitsgruppe der Instanz öffnen und prüfen, dass %2 darauf lauscht</translation>
    </message>
    <message>
        <source>port %1 of %2 (%3): %4</source>
        <translation>Port %1 von %2 (%3): %4</translation>
    </message>
    <message>
        <source>check this machine&apos;s network route to %1 and the instance&apos;s firewall/security group</source>
        <translation>die Netzwerkroute dieses Rechners zu %1 und die Firewall/Sicherheitsgruppe der Instanz prüfen</translation>
    </message>
    <message>
        <source>no answer from port %1 of %2 (%3) within %4 ms</source>
        <translation>keine Antwort von Port %1 von %2 (%3) innerhalb von %4 ms</translation>
    </message>
    <message>
        <source>port %1 looks filtered: open it in the instance&apos;s firewall/security group</source>
        <translation>Port %1 scheint gefiltert: in der Firewall/Sicherheitsgruppe der Instanz öffnen</translation>
    </message>
</context>
<context>
    <name>saltant::TlsProbe</name>
    <message>
        <source>add an A (or ALIAS) record for %1</source>
        <translation>einen A- (oder ALIAS-)Eintrag für %1 anlegen</translation>
    </message>
    <message>
        <source>port %1 closed on %2 (%3 refused the connection)</source>
        <translation>Port %1 auf %2 geschlossen (%3 hat die Verbindung abgelehnt)</translation>
    </message>
    <message>
        <source>port %1 closed: start %2 and open the port in the instance&apos;s firewall/security group</source>
        <translation>Port %1 geschlossen: %2 starten und den Port in der Firewall/Sicherheitsgruppe der Instanz öffnen</translation>
    </message>
    <message>
        <source>TLS handshake with %1 on port %2 (%3) failed: %4</source>
        <translation>TLS-Handshake mit %1 auf Port %2 (%3) fehlgeschlagen: %4</translation>
    </message>
    <message>
        <source>make %1 speak TLS on port %2 with the Let&apos;s Encrypt certificate and check it can read it</source>
        <translation>%1 auf Port %2 mit dem Let&apos;s-Encrypt-Zertifikat TLS sprechen lassen und prüfen, dass es das Zertifikat lesen kann</translation>
    </message>
    <message>
        <source>no TLS handshake with %1 on port %2 within %3 ms</source>
        <translation>kein TLS-Handshake mit %1 auf Port %2 innerhalb von %3 ms</translation>
    </message>
    <message>
        <source>%1 accepts connections on port %2 but does not answer: check that it speaks TLS there and is not overloaded</source>
        <translation>%1 nimmt auf Port %2 Verbindungen an, antwortet aber nicht: prüfen, dass dort TLS gesprochen wird und der Dienst nicht überlastet ist</translation>
    </message>
    <message>
        <source>run certbot renew and check the renewal timer (systemctl list-timers)</source>
        <translation>certbot renew ausführen und den Erneuerungs-Timer prüfen (systemctl list-timers)</translation>
    </message>
    <message>
        <source>the certificate for %1 is for %2</source>
        <translation>das Zertifikat für %1 gilt für %2</translation>
    </message>
    <message>
        <source>name mismatch: issue a certificate that covers %1 (certbot certonly --webroot -d %1) and point the server at it</source>
        <translation>Namenskonflikt: ein Zertifikat ausstellen, das %1 abdeckt (certbot certonly --webroot -d %1), und den Server darauf verweisen</translation>
    </message>
    <message>
        <source>the certificate for %1 expired on %2</source>
        <translation>das Zertifikat für %1 ist am %2 abgelaufen</translation>
    </message>
    <message>
        <source>the certificate for %1 is not valid before %2</source>
        <translation>das Zertifikat für %1 ist erst ab %2 gültig</translation>
    </message>
    <message>
        <source>check the clocks of the server and of this machine (timedatectl), then reissue it</source>
        <translation>die Uhren des Servers und dieses Rechners prüfen (timedatectl), dann neu ausstellen</translation>
    </message>
    <message>
        <source>the certificate for %1 is not valid: %2</source>
        <translation>das Zertifikat für %1 ist ungültig: %2</translation>
    </message>
    <message>
        <source>serve the full chain (fullchain.pem, not cert.pem) of a public CA such as Let&apos;s Encrypt</source>
        <translation>die vollständige Kette (fullchain.pem, nicht cert.pem) einer öffentlichen CA wie Let&apos;s Encrypt ausliefern</translation>
    </message>
    <message>
        <source>%1 presented no certificate</source>
        <translation>%1 hat kein Zertifikat vorgelegt</translation>
    </message>
    <message>
        <source>configure the Let&apos;s Encrypt certificate for %1</source>
        <translation>das Let&apos;s-Encrypt-Zertifikat für %1 konfigurieren</translation>
    </message>
    <message>
        <source>in less than a day</source>
        <translation>in weniger als einem Tag</translation>
    </message>
    <message>
        <source>in 1 day</source>
        <translation>in 1 Tag</translation>
    </message>
    <message numerus="yes">
        <source>in %n days</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>the certificate for %1 expires %2, on %3</source>
        <translation>das Zertifikat für %1 läuft %2 ab, am %3</translation>
    </message>
    <message>
        <source>certificate for %1 expires %2: run certbot renew and check the renewal timer</source>
        <translation>Zertifikat für %1 läuft %2 ab: certbot renew ausführen und den Erneuerungs-Timer prüfen</translation>
    </message>
    <message numerus="yes">
        <source>valid for %1 until %2 (%n days), issued by %3</source>
        <translation>
            <numerusform>gültig für %1 bis %2 (%n Tag), ausgestellt von %3</numerusform>
            <numerusform>gültig für %1 bis %2 (%n Tage), ausgestellt von %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::Transaction</name>
    <message>
        <source>The secret %1 has no value.</source>
        <translation>Das Geheimnis %1 hat keinen Wert.</translation>
    </message>
    <message>
        <source>Finish what an interrupted deploy left</source>
        <translation>Abschließen, was eine unterbrochene Bereitstellung hinterlassen hat</translation>
    </message>
    <message>
        <source>Staging directory</source>
        <translation>Staging-Verzeichnis</translation>
    </message>
    <message>
        <source>The server gave no staging directory the login user can write.</source>
        <translation>Der Server hat kein Staging-Verzeichnis angegeben, in das der Anmeldebenutzer schreiben kann.</translation>
    </message>
    <message>
        <source>upload to %1</source>
        <translation>nach %1 hochladen</translation>
    </message>
    <message>
        <source>Put the new files in place</source>
        <translation>Die neuen Dateien an ihren Platz bringen</translation>
    </message>
    <message>
        <source>Restore every file: validation failed</source>
        <translation>Jede Datei wiederherstellen: Validierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Keep the new files</source>
        <translation>Die neuen Dateien behalten</translation>
    </message>
    <message>
        <source>Every handler ran</source>
        <translation>Jeder Handler wurde ausgeführt</translation>
    </message>
    <message>
        <source>remove the pending markers</source>
        <translation>die Ausstehend-Markierungen entfernen</translation>
    </message>
    <message>
        <source>Remove the uploaded copies</source>
        <translation>Hochgeladene Kopien entfernen</translation>
    </message>
    <message>
        <source>The step ended without reporting its exit status.</source>
        <translation>Der Schritt endete, ohne seinen Exit-Status zu melden.</translation>
    </message>
    <message numerus="yes">
        <source>restore %n path(s)</source>
        <translation>
            <numerusform>%n Pfad wiederherstellen</numerusform>
            <numerusform>%n Pfade wiederherstellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>keep %n committed path(s)</source>
        <translation>
            <numerusform>%n übernommenen Pfad behalten</numerusform>
            <numerusform>%n übernommene Pfade behalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>install %n file(s) and link(s) beside their targets, back up, rename into place</source>
        <translation>
            <numerusform>%n Datei oder Link neben dem Ziel installieren, sichern, per Umbenennen an den Platz bringen</numerusform>
            <numerusform>%n Dateien und Links neben ihren Zielen installieren, sichern, per Umbenennen an ihren Platz bringen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>restore %n file(s) and link(s)</source>
        <translation>
            <numerusform>%n Datei oder Link wiederherstellen</numerusform>
            <numerusform>%n Dateien und Links wiederherstellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>mark %n file(s) committed, keep the replaced ones in the history, remove backups</source>
        <translation>
            <numerusform>%n Datei als übernommen markieren, die ersetzte im Verlauf aufbewahren, Sicherungen entfernen</numerusform>
            <numerusform>%n Dateien als übernommen markieren, die ersetzten im Verlauf aufbewahren, Sicherungen entfernen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>saltant::UwsgiIniParser</name>
    <message>
        <source>The line contains a NUL character; uWSGI ignores the rest of the line. Is it a uWSGI configuration file?</source>
        <translation>Die Zeile enthält ein NUL-Zeichen; uWSGI ignoriert den Rest der Zeile. Ist es eine uWSGI-Konfigurationsdatei?</translation>
    </message>
</context>
<context>
    <name>saltant::Validators</name>
    <message>
        <source>must be one line without control characters.</source>
        <translation>muss eine Zeile ohne Steuerzeichen sein.</translation>
    </message>
    <message>
        <source>must be at most 200 characters.</source>
        <translation>darf höchstens 200 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>must be a DNS name: dot-separated labels of letters, digits and inner hyphens, e.g. example.com.</source>
        <translation>muss ein DNS-Name sein: durch Punkte getrennte Labels aus Buchstaben, Ziffern und inneren Bindestrichen, z. B. example.com.</translation>
    </message>
    <message>
        <source>must be a DNS name such as example.com or an IP address such as 192.0.2.10.</source>
        <translation>muss ein DNS-Name wie example.com oder eine IP-Adresse wie 192.0.2.10 sein.</translation>
    </message>
    <message>
        <source>each entry must be a host name, an IPv4 address, an IPv6 address in brackets such as [::1], &quot;.suffix&quot; or &quot;*&quot;.</source>
        <translation>jeder Eintrag muss ein Hostname, eine IPv4-Adresse, eine IPv6-Adresse in eckigen Klammern wie [::1], „.suffix“ oder „*“ sein.</translation>
    </message>
    <message>
        <source>must be an absolute path such as /etc/nginx/site.conf: no trailing slash, no &quot;.&quot; or &quot;..&quot;, names of at most 255 letters, digits and . _ + @ -.</source>
        <translation>muss ein absoluter Pfad wie /etc/nginx/site.conf sein: kein abschließender Schrägstrich, kein „.“ oder „..“, Namen aus höchstens 255 Buchstaben, Ziffern und . _ + @ -.</translation>
    </message>
    <message>
        <source>must be a file name of letters, digits and . _ + @ - (no slash, not starting with -).</source>
        <translation>muss ein Dateiname aus Buchstaben, Ziffern und . _ + @ - sein (kein Schrägstrich, nicht mit - beginnend).</translation>
    </message>
    <message>
        <source>must be at most 4096 characters.</source>
        <translation>darf höchstens 4096 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>must be 1-128 letters, digits, _ . or - and must not start with -.</source>
        <translation>muss aus 1–128 Buchstaben, Ziffern, _ . oder - bestehen und darf nicht mit - beginnen.</translation>
    </message>
    <message>
        <source>must be a Unix user or group name: lower-case letters, digits, _ and -, starting with a letter or _, at most 32 characters.</source>
        <translation>muss ein Unix-Benutzer- oder Gruppenname sein: Kleinbuchstaben, Ziffern, _ und -, beginnend mit einem Buchstaben oder _, höchstens 32 Zeichen.</translation>
    </message>
    <message>
        <source>must be a dotted Python module path such as saltant.wsgi, at most 255 characters.</source>
        <translation>muss ein Python-Modulpfad mit Punkten wie saltant.wsgi sein, höchstens 255 Zeichen.</translation>
    </message>
    <message>
        <source>must be an http:// or https:// URL in plain ASCII without quotes or spaces, at most 2048 characters.</source>
        <translation>muss eine http://- oder https://-URL in reinem ASCII ohne Anführungszeichen oder Leerzeichen sein, höchstens 2048 Zeichen.</translation>
    </message>
    <message>
        <source>must be an e-mail address such as admin@example.com.</source>
        <translation>muss eine E-Mail-Adresse wie admin@example.com sein.</translation>
    </message>
    <message>
        <source>must be a size such as 10M: digits with an optional k, m or g suffix.</source>
        <translation>muss eine Größe wie 10M sein: Ziffern mit optionalem Suffix k, m oder g.</translation>
    </message>
    <message>
        <source>must be an IANA time zone name such as UTC or Europe/Berlin.</source>
        <translation>muss ein IANA-Zeitzonenname wie UTC oder Europe/Berlin sein.</translation>
    </message>
    <message>
        <source>must be one URL path segment of letters, digits, . _ or - (no slash).</source>
        <translation>muss ein einzelnes URL-Pfadsegment aus Buchstaben, Ziffern, . _ oder - sein (kein Schrägstrich).</translation>
    </message>
    <message>
        <source>must be the absolute path of a systemd unit file ending in .service, e.g. /etc/systemd/system/flower.service.</source>
        <translation>muss der absolute Pfad einer systemd-Unit-Datei mit der Endung .service sein, z. B. /etc/systemd/system/flower.service.</translation>
    </message>
    <message>
        <source>must be an AWS access key id (16-128 capital letters and digits).</source>
        <translation>muss eine AWS-Zugriffsschlüssel-ID sein (16–128 Großbuchstaben und Ziffern).</translation>
    </message>
    <message>
        <source>must be an S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens.</source>
        <translation>muss ein S3-Bucket-Name sein: 3–63 Kleinbuchstaben, Ziffern, Punkte und Bindestriche.</translation>
    </message>
    <message>
        <source>must be an https:// URL in plain ASCII without quotes or spaces, at most 2048 characters, e.g. https://acme-v02.api.letsencrypt.org/directory.</source>
        <translation>muss eine https://-URL in reinem ASCII ohne Anführungszeichen oder Leerzeichen sein, höchstens 2048 Zeichen, z. B. https://acme-v02.api.letsencrypt.org/directory.</translation>
    </message>
    <message>
        <source>must be a variable name of letters, digits and underscores, not starting with a digit, e.g. MY_TASK_TOKEN.</source>
        <translation>muss ein Variablenname aus Buchstaben, Ziffern und Unterstrichen sein, der nicht mit einer Ziffer beginnt, z. B. MY_TASK_TOKEN.</translation>
    </message>
    <message>
        <source>must be NAME=value, NAME made of letters, digits and underscores (not starting with a digit), e.g. MY_TASK_SETTING=42.</source>
        <translation>muss NAME=value sein, NAME aus Buchstaben, Ziffern und Unterstrichen (nicht mit einer Ziffer beginnend), z. B. MY_TASK_SETTING=42.</translation>
    </message>
</context>
<context>
    <name>saltant::WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New from Example</source>
        <translation>&amp;Neu aus Beispiel</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Saltant Deploy &amp;Help</source>
        <translation>&amp;Hilfe zu Saltant Deploy</translation>
    </message>
    <message>
        <source>&amp;About Saltant Deploy</source>
        <translation>Ü&amp;ber Saltant Deploy</translation>
    </message>
    <message>
        <source>About Saltant Deploy</source>
        <translation>Über Saltant Deploy</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Saltant Deploy %1&lt;/h3&gt;&lt;p&gt;Configures and deploys a production saltant server: Django, uWSGI, nginx, PostgreSQL, RabbitMQ, Celery and Flower.&lt;/p&gt;&lt;p&gt;Secrets stay in the system keychain; project files are safe to commit.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Saltant Deploy %1&lt;/h3&gt;&lt;p&gt;Konfiguriert einen saltant-Produktionsserver und stellt ihn bereit: Django, uWSGI, nginx, PostgreSQL, RabbitMQ, Celery und Flower.&lt;/p&gt;&lt;p&gt;Geheimnisse bleiben im Schlüsselbund des Systems; Projektdateien können bedenkenlos eingecheckt werden.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Deploy…</source>
        <translation>Be&amp;reitstellen …</translation>
    </message>
    <message>
        <source>Compare the server with the project, show the plan, then apply it as a transaction</source>
        <translation>Server mit dem Projekt vergleichen, den Plan anzeigen und ihn dann als Transaktion anwenden</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>The secrets could not be read from the keychain, so nothing was sent to the server: %1</source>
        <translation>Die Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden, daher wurde nichts an den Server gesendet: %1</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>Deploy to &amp;Every Host…</source>
        <translation>Auf &amp;jedem Host bereitstellen …</translation>
    </message>
    <message>
        <source>Plan and deploy the web server and every worker host in parallel</source>
        <translation>Den Webserver und jeden Worker-Host parallel planen und bereitstellen</translation>
    </message>
    <message>
        <source>The secrets could not be read from the keychain, so nothing was sent to any host: %1</source>
        <translation>Die Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden, daher wurde nichts an einen Host gesendet: %1</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Ansible…</source>
        <translation>&amp;Ansible…</translation>
    </message>
    <message>
        <source>The project as an Ansible inventory, playbook and encrypted vault</source>
        <translation>Das Projekt als Ansible-Inventar, Playbook und verschlüsselter Vault</translation>
    </message>
    <message>
        <source>Export to Ansible</source>
        <translation>Nach Ansible exportieren</translation>
    </message>
    <message>
        <source>The secrets could not be read from the keychain, so nothing was exported: %1</source>
        <translation>Die Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden, daher wurde nichts exportiert: %1</translation>
    </message>
    <message>
        <source>&amp;Import from Server…</source>
        <translation>Vom Server &amp;importieren…</translation>
    </message>
    <message>
        <source>A new project from a running server over SSH or from a copy of its files, with a report of where each value came from</source>
        <translation>Ein neues Projekt aus einem laufenden Server über SSH oder aus einer Kopie seiner Dateien, mit einem Bericht, woher jeder Wert stammt</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The secrets could not be stored in the keychain, so the project was not opened: %1</source>
        <translation>Die Geheimnisse konnten nicht im Schlüsselbund gespeichert werden, daher wurde das Projekt nicht geöffnet: %1</translation>
    </message>
    <message>
        <source>Imported; these secrets were found but not stored, set them in their sections: %1</source>
        <translation>Importiert; diese Geheimnisse wurden gefunden, aber nicht gespeichert – setzen Sie sie in ihren Abschnitten: %1</translation>
    </message>
    <message>
        <source>Deploy &amp;History…</source>
        <translation>Bereitstellungs&amp;verlauf …</translation>
    </message>
    <message>
        <source>The deploys the server keeps the replaced files of, what rolling back to before each changes, and Roll Back</source>
        <translation>Die Bereitstellungen, deren ersetzte Dateien der Server aufbewahrt, was das Zurückrollen auf den Stand vor jeder ändert, und Zurückrollen</translation>
    </message>
    <message>
        <source>The secrets could not be read from the keychain, so the server was not contacted: %1</source>
        <translation>Die Geheimnisse konnten nicht aus dem Schlüsselbund gelesen werden, daher wurde der Server nicht kontaktiert: %1</translation>
    </message>
    <message>
        <source>Deploy History</source>
        <translation>Bereitstellungsverlauf</translation>
    </message>
    <message>
        <source>Import from Server</source>
        <translation>Vom Server importieren</translation>
    </message>
</context>
<context>
    <name>saltant::WindowLayout</name>
    <message>
        <source>Sections</source>
        <translation>Abschnitte</translation>
    </message>
    <message>
        <source>Server Checks</source>
        <translation>Serverprüfungen</translation>
    </message>
</context>
<context>
    <name>saltant::WorkerChecks</name>
    <message>
        <source>%1: broker name %2 resolves</source>
        <translation>%1: Broker-Name %2 lässt sich auflösen</translation>
    </message>
    <message>
        <source>%1: %2 port %3 reachable</source>
        <translation>%1: %2-Port %3 erreichbar</translation>
    </message>
    <message>
        <source>AMQPS</source>
        <translation>AMQPS</translation>
    </message>
    <message>
        <source>AMQP</source>
        <translation>AMQP</translation>
    </message>
    <message>
        <source>%1: certificate of %2 verifies</source>
        <translation>%1: Zertifikat von %2 lässt sich verifizieren</translation>
    </message>
    <message>
        <source>%1: AMQP login as %2</source>
        <translation>%1: AMQP-Anmeldung als %2</translation>
    </message>
    <message>
        <source>%1: virtualenv imports celery and %2</source>
        <translation>%1: virtualenv importiert celery und %2</translation>
    </message>
    <message>
        <source>%1: %2 installed</source>
        <translation>%1: %2 installiert</translation>
    </message>
    <message>
        <source>not tried: &quot;%1&quot; failed first</source>
        <translation>nicht versucht: „%1“ ist zuvor fehlgeschlagen</translation>
    </message>
    <message>
        <source>Fix that first, then run the checks again.</source>
        <translation>Beheben Sie das zuerst und führen Sie die Prüfungen dann erneut aus.</translation>
    </message>
    <message>
        <source>not checked: the RabbitMQ password is not stored</source>
        <translation>nicht geprüft: Das RabbitMQ-Passwort ist nicht gespeichert</translation>
    </message>
    <message>
        <source>Store it (secret set rabbitmq.password) to check the login from %1.</source>
        <translation>Speichern Sie es (secret set rabbitmq.password), um die Anmeldung von %1 aus zu prüfen.</translation>
    </message>
    <message>
        <source>the command could not run on %1: %2</source>
        <translation>Der Befehl konnte auf %1 nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>Check the SSH connection to %1 and run the checks again.</source>
        <translation>Prüfen Sie die SSH-Verbindung zu %1 und führen Sie die Prüfungen erneut aus.</translation>
    </message>
    <message>
        <source>a program is missing on %1: %2</source>
        <translation>auf %1 fehlt ein Programm: %2</translation>
    </message>
    <message>
        <source>Install libc-bin (getent) on %1.</source>
        <translation>Installieren Sie libc-bin (getent) auf %1.</translation>
    </message>
    <message>
        <source>Install python3 on %1 (apt-get install python3).</source>
        <translation>Installieren Sie python3 auf %1 (apt-get install python3).</translation>
    </message>
    <message>
        <source>the AMQP login got no answer from %1 port %2 within the time limit</source>
        <translation>die AMQP-Anmeldung erhielt innerhalb des Zeitlimits keine Antwort von %1 Port %2</translation>
    </message>
    <message>
        <source>Check that %1 port %2 is RabbitMQ (not another service) and that the server&apos;s deploy succeeded.</source>
        <translation>Prüfen Sie, ob auf %1 Port %2 RabbitMQ läuft (kein anderer Dienst) und ob die Bereitstellung des Servers erfolgreich war.</translation>
    </message>
    <message>
        <source>no answer within the time limit on %1</source>
        <translation>keine Antwort innerhalb des Zeitlimits auf %1</translation>
    </message>
    <message>
        <source>Check that %1 reaches %2 (firewall, routes), then run the checks again.</source>
        <translation>Prüfen Sie, ob %1 %2 erreicht (Firewall, Routen), und führen Sie die Prüfungen dann erneut aus.</translation>
    </message>
    <message>
        <source>The worker&apos;s .env points at %1, the worker itself: turn &quot;Workers connect over the network&quot; on and set the broker host to the server&apos;s public name.</source>
        <translation>Die .env des Workers zeigt auf %1, den Worker selbst: Schalten Sie „Worker verbinden sich über das Netzwerk“ ein und setzen Sie den Broker-Host auf den öffentlichen Namen des Servers.</translation>
    </message>
    <message>
        <source>%1 does not resolve on %2</source>
        <translation>%1 lässt sich auf %2 nicht auflösen</translation>
    </message>
    <message>
        <source>Add a DNS record for %1 pointing at the server, or fix %2&apos;s resolver (/etc/resolv.conf) or add the name to its /etc/hosts.</source>
        <translation>Legen Sie einen DNS-Eintrag für %1 an, der auf den Server zeigt, oder korrigieren Sie den Resolver von %2 (/etc/resolv.conf) oder tragen Sie den Namen in seine /etc/hosts ein.</translation>
    </message>
    <message>
        <source>%1 resolves to %2 on %3</source>
        <translation>%1 wird auf %3 zu %2 aufgelöst</translation>
    </message>
    <message>
        <source>That is %1 itself: remove the /etc/hosts line mapping %2 to a loopback address there, or name the broker by another name.</source>
        <translation>Das ist %1 selbst: Entfernen Sie dort die Zeile in /etc/hosts, die %2 auf eine Loopback-Adresse abbildet, oder nennen Sie den Broker mit einem anderen Namen.</translation>
    </message>
    <message>
        <source>%1 connects to %2 port %3 (%4)</source>
        <translation>%1 verbindet sich mit %2 Port %3 (%4)</translation>
    </message>
    <message>
        <source>%1 port %2: no answer from %3 within %4 s</source>
        <translation>%1 Port %2: keine Antwort von %3 innerhalb von %4 s</translation>
    </message>
    <message>
        <source>Open port %1 for %2 in the server&apos;s firewall or security group (a silent drop looks like this).</source>
        <translation>Öffnen Sie Port %1 für %2 in der Firewall oder Sicherheitsgruppe des Servers (ein stilles Verwerfen sieht so aus).</translation>
    </message>
    <message>
        <source>%1 cannot connect to %2 port %3: %4</source>
        <translation>%1 kann keine Verbindung zu %2 Port %3 herstellen: %4</translation>
    </message>
    <message>
        <source>Check that RabbitMQ listens on port %1 (deploy the server) and that the firewall lets %2 in.</source>
        <translation>Prüfen Sie, ob RabbitMQ auf Port %1 lauscht (den Server bereitstellen) und ob die Firewall %2 hereinlässt.</translation>
    </message>
    <message>
        <source>verified on %1 (%2), expires in %3 days</source>
        <translation>verifiziert auf %1 (%2), läuft in %3 Tagen ab</translation>
    </message>
    <message>
        <source>Renew the certificate (certbot renew) and deploy, so RabbitMQ serves the new one.</source>
        <translation>Erneuern Sie das Zertifikat (certbot renew) und stellen Sie bereit, damit RabbitMQ das neue ausliefert.</translation>
    </message>
    <message>
        <source>%1 does not verify the certificate of %2: %3</source>
        <translation>%1 kann das Zertifikat von %2 nicht verifizieren: %3</translation>
    </message>
    <message>
        <source>Make RabbitMQ serve the certificate issued for %1 (deploy the server), and keep %2&apos;s CA store current (apt-get install ca-certificates).</source>
        <translation>Lassen Sie RabbitMQ das für %1 ausgestellte Zertifikat ausliefern (den Server bereitstellen), und halten Sie den CA-Speicher von %2 aktuell (apt-get install ca-certificates).</translation>
    </message>
    <message>
        <source>TLS with %1 port %2 failed on %3: %4</source>
        <translation>TLS mit %1 Port %2 ist auf %3 fehlgeschlagen: %4</translation>
    </message>
    <message>
        <source>Check that port %1 is RabbitMQ&apos;s TLS listener (AMQP over TLS on, deploy the server).</source>
        <translation>Prüfen Sie, ob Port %1 der TLS-Listener von RabbitMQ ist (AMQP über TLS eingeschaltet, den Server bereitstellen).</translation>
    </message>
    <message>
        <source>%1 logs in to vhost %2 as %3</source>
        <translation>%1 meldet sich beim vhost %2 als %3 an</translation>
    </message>
    <message>
        <source>the worker&apos;s virtualenv has no kombu: %1</source>
        <translation>das virtualenv des Workers hat kein kombu: %1</translation>
    </message>
    <message>
        <source>Install saltant&apos;s worker requirements in %1 (pip install -r requirements/requirements-worker-python3.txt).</source>
        <translation>Installieren Sie die Worker-Anforderungen von saltant in %1 (pip install -r requirements/requirements-worker-python3.txt).</translation>
    </message>
    <message>
        <source>RabbitMQ refused the login of %1 with the stored password</source>
        <translation>RabbitMQ hat die Anmeldung von %1 mit dem gespeicherten Passwort abgelehnt</translation>
    </message>
    <message>
        <source>Deploy the server (it sets the user&apos;s password), or store the password RabbitMQ has (secret set rabbitmq.password).</source>
        <translation>Stellen Sie den Server bereit (das setzt das Passwort des Benutzers) oder speichern Sie das Passwort, das RabbitMQ hat (secret set rabbitmq.password).</translation>
    </message>
    <message>
        <source>%1 may not use vhost %2: %3</source>
        <translation>%1 darf den vhost %2 nicht verwenden: %3</translation>
    </message>
    <message>
        <source>Deploy the server: it creates the vhost and sets the user&apos;s permissions.</source>
        <translation>Stellen Sie den Server bereit: Das legt den vhost an und setzt die Berechtigungen des Benutzers.</translation>
    </message>
    <message>
        <source>the AMQP login from %1 failed: %2</source>
        <translation>die AMQP-Anmeldung von %1 aus ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>no output</source>
        <translation>keine Ausgabe</translation>
    </message>
    <message>
        <source>Celery %1 and %2 import as %3 in %4</source>
        <translation>Celery %1 und %2 werden als %3 in %4 importiert</translation>
    </message>
    <message>
        <source>Celery %1 imports; %2 is not tried before its .env is deployed</source>
        <translation>Celery %1 wird importiert; %2 wird nicht versucht, bevor seine .env bereitgestellt ist</translation>
    </message>
    <message>
        <source>%1 has no saltant checkout at %2</source>
        <translation>%1 hat keinen saltant-Checkout unter %2</translation>
    </message>
    <message>
        <source>Clone saltant there as the worker user (git clone https://github.com/saltant-org/saltant.git %1), or set saltant checkout to where it is.</source>
        <translation>Klonen Sie saltant dort als Worker-Benutzer (git clone https://github.com/saltant-org/saltant.git %1) oder setzen Sie saltant-Checkout auf den Ort, an dem es liegt.</translation>
    </message>
    <message>
        <source>Create the virtualenv and install saltant&apos;s worker requirements in it (python3 -m venv %1; %1/bin/pip install -r requirements/requirements-worker-python3.txt), or set Worker virtualenv to the one that has them.</source>
        <translation>Legen Sie das virtualenv an und installieren Sie die Worker-Anforderungen von saltant darin (python3 -m venv %1; %1/bin/pip install -r requirements/requirements-worker-python3.txt) oder setzen Sie Worker-virtualenv auf das, welches sie hat.</translation>
    </message>
    <message>
        <source>%1 has no virtualenv python at %2/bin/python</source>
        <translation>%1 hat kein virtualenv-python unter %2/bin/python</translation>
    </message>
    <message>
        <source>celery does not import in %1: %2</source>
        <translation>celery lässt sich in %1 nicht importieren: %2</translation>
    </message>
    <message>
        <source>%1 does not import in %2 as %3: %4</source>
        <translation>%1 lässt sich in %2 als %3 nicht importieren: %4</translation>
    </message>
    <message>
        <source>Install saltant&apos;s worker requirements in %1 and check the .env there (deploy the worker again).</source>
        <translation>Installieren Sie die Worker-Anforderungen von saltant in %1 und prüfen Sie die .env dort (den Worker erneut bereitstellen).</translation>
    </message>
    <message>
        <source>the import check failed on %1: %2</source>
        <translation>die Importprüfung ist auf %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Check that user %1 exists on %2 and may read %3.</source>
        <translation>Prüfen Sie, ob der Benutzer %1 auf %2 existiert und %3 lesen darf.</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 ist %2</translation>
    </message>
    <message>
        <source>%1 is not installed on %2</source>
        <translation>%1 ist auf %2 nicht installiert</translation>
    </message>
    <message>
        <source>Install Docker on %1 (apt-get install docker.io), or choose another container runtime.</source>
        <translation>Installieren Sie Docker auf %1 (apt-get install docker.io) oder wählen Sie eine andere Container-Laufzeit.</translation>
    </message>
    <message>
        <source>Install SingularityCE or Apptainer on %1 as their documentation says (Debian 12 does not package it), or choose another container runtime.</source>
        <translation>Installieren Sie SingularityCE oder Apptainer auf %1 wie in deren Dokumentation beschrieben (Debian 12 paketiert es nicht) oder wählen Sie eine andere Container-Laufzeit.</translation>
    </message>
    <message>
        <source>Make %1 readable by %2 (the file and every directory above it), then check again.</source>
        <translation>Machen Sie %1 für %2 lesbar (die Datei und jedes Verzeichnis darüber), dann prüfen Sie erneut.</translation>
    </message>
</context>
<context>
    <name>saltant::WorkerChecksRunner</name>
    <message>
        <source>refused: the host key of %1 is not the one in known_hosts; nothing was sent to it and its checks were not run</source>
        <translation>abgelehnt: Der Host-Schlüssel von %1 ist nicht der in known_hosts; es wurde nichts dorthin gesendet und seine Prüfungen wurden nicht ausgeführt</translation>
    </message>
    <message>
        <source>%1 was not reached, so its checks were not run: %2</source>
        <translation>%1 wurde nicht erreicht, daher wurden seine Prüfungen nicht ausgeführt: %2</translation>
    </message>
    <message>
        <source>Check the SSH settings of worker host %1 (host, port, user, key) and that the host is up and reachable from here, then check again.</source>
        <translation>Prüfen Sie die SSH-Einstellungen des Worker-Hosts %1 (Host, Port, Benutzer, Schlüssel) und ob der Host läuft und von hier erreichbar ist, dann prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>not checked: its host key (%1 %2) was not trusted, so nothing was sent to %3</source>
        <translation>nicht geprüft: Seinem Host-Schlüssel (%1 %2) wurde nicht vertraut, daher wurde nichts an %3 gesendet</translation>
    </message>
    <message>
        <source>Compare the fingerprint with the host&apos;s own (on %1: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then check the worker hosts again and trust the key.</source>
        <translation>Vergleichen Sie den Fingerabdruck mit dem des Hosts selbst (auf %1: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), prüfen Sie dann die Worker-Hosts erneut und vertrauen Sie dem Schlüssel.</translation>
    </message>
    <message>
        <source>could not log in to %1, so its checks were not run: %2</source>
        <translation>Anmeldung bei %1 fehlgeschlagen, daher wurden seine Prüfungen nicht ausgeführt: %2</translation>
    </message>
    <message>
        <source>Check the SSH user and key of worker host %1 (and that the key is in the user&apos;s authorized_keys there), then check again.</source>
        <translation>Prüfen Sie SSH-Benutzer und Schlüssel des Worker-Hosts %1 (und ob der Schlüssel dort in den authorized_keys des Benutzers steht), dann prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>%1: SSH connection</source>
        <translation>%1: SSH-Verbindung</translation>
    </message>
</context>
<context>
    <name>saltant::WorkerCommand</name>
    <message>
        <source>List, add or remove worker hosts (machines running saltant&apos;s Celery workers).</source>
        <translation>Worker-Hosts auflisten, hinzufügen oder entfernen (Rechner, auf denen die Celery-Worker von saltant laufen).</translation>
    </message>
    <message>
        <source>add: the worker&apos;s SSH host name or address (required).</source>
        <translation>add: der SSH-Hostname oder die Adresse des Workers (erforderlich).</translation>
    </message>
    <message>
        <source>add: its SSH port (default: the server&apos;s).</source>
        <translation>add: sein SSH-Port (Standard: der des Servers).</translation>
    </message>
    <message>
        <source>add: its SSH login user (default: the server&apos;s).</source>
        <translation>add: sein SSH-Anmeldebenutzer (Standard: der des Servers).</translation>
    </message>
    <message>
        <source>add: the queues it consumes, comma-separated (default: the shared workers.queues).</source>
        <translation>add: die Warteschlangen, die er abarbeitet, durch Kommas getrennt (Standard: das gemeinsame workers.queues).</translation>
    </message>
    <message>
        <source>add: jobs it runs at once (default: the shared workers.concurrency).</source>
        <translation>add: Jobs, die er gleichzeitig ausführt (Standard: das gemeinsame workers.concurrency).</translation>
    </message>
    <message>
        <source>worker: expected `worker add NAME --host H`, `worker list` or `worker remove NAME`.</source>
        <translation>worker: erwartet wird `worker add NAME --host H`, `worker list` oder `worker remove NAME`.</translation>
    </message>
    <message>
        <source>queues %1</source>
        <translation>Warteschlangen %1</translation>
    </message>
    <message>
        <source>concurrency %1</source>
        <translation>Parallelität %1</translation>
    </message>
    <message>
        <source>worker %1: give the project file to change with --project FILE.</source>
        <translation>worker %1: Geben Sie die zu ändernde Projektdatei mit --project FILE an.</translation>
    </message>
    <message>
        <source>Added worker host %1.</source>
        <translation>Worker-Host %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Removed worker host %1.</source>
        <translation>Worker-Host %1 entfernt.</translation>
    </message>
    <message>
        <source>worker add: give the worker&apos;s SSH host with --host H.</source>
        <translation>worker add: Geben Sie den SSH-Host des Workers mit --host H an.</translation>
    </message>
</context>
<context>
    <name>saltant::WorkerDeploySteps</name>
    <message>
        <source>saltant is checked out in %1</source>
        <translation>saltant ist in %1 ausgecheckt</translation>
    </message>
    <message>
        <source>Clone saltant there as the worker user (git clone https://github.com/saltant-org/saltant.git %1), or set saltant checkout (Worker hosts section) to where it is.</source>
        <translation>Klonen Sie saltant dort als Worker-Benutzer (git clone https://github.com/saltant-org/saltant.git %1) oder setzen Sie saltant-Checkout (Abschnitt Worker-Hosts) auf den Ort, an dem es liegt.</translation>
    </message>
    <message>
        <source>The worker&apos;s virtualenv has Celery 4 or newer</source>
        <translation>Das virtualenv des Workers hat Celery 4 oder neuer</translation>
    </message>
    <message>
        <source>Create the virtualenv and install saltant&apos;s worker requirements in it (python3 -m venv %1; %1/bin/pip install -r requirements/requirements-worker-python3.txt), or set Worker virtualenv to the one that has them.</source>
        <translation>Legen Sie das virtualenv an und installieren Sie die Worker-Anforderungen von saltant darin (python3 -m venv %1; %1/bin/pip install -r requirements/requirements-worker-python3.txt) oder setzen Sie Worker-virtualenv auf das, welches sie hat.</translation>
    </message>
    <message>
        <source>Docker is installed</source>
        <translation>Docker ist installiert</translation>
    </message>
    <message>
        <source>Singularity is installed</source>
        <translation>Singularity ist installiert</translation>
    </message>
    <message>
        <source>Debian 12 does not package Singularity: install SingularityCE or Apptainer as their documentation says, or choose another container runtime.</source>
        <translation>Debian 12 paketiert Singularity nicht: Installieren Sie SingularityCE oder Apptainer wie in deren Dokumentation beschrieben oder wählen Sie eine andere Container-Laufzeit.</translation>
    </message>
    <message>
        <source>The AWS command line is installed (log shipping)</source>
        <translation>Die AWS-Kommandozeile ist installiert (Protokollversand)</translation>
    </message>
    <message>
        <source>Directory %1</source>
        <translation>Verzeichnis %1</translation>
    </message>
    <message>
        <source>%1 may run Docker containers</source>
        <translation>%1 darf Docker-Container ausführen</translation>
    </message>
    <message>
        <source>Worker directory %1</source>
        <translation>Worker-Verzeichnis %1</translation>
    </message>
    <message>
        <source>systemd accepts the units</source>
        <translation>systemd akzeptiert die Units</translation>
    </message>
    <message>
        <source>saltant&apos;s Celery app loads with the new .env</source>
        <translation>Die Celery-App von saltant lädt mit der neuen .env</translation>
    </message>
    <message>
        <source>Reload systemd</source>
        <translation>systemd neu laden</translation>
    </message>
    <message>
        <source>Enable and restart the worker (running jobs finish first)</source>
        <translation>Den Worker aktivieren und neu starten (laufende Jobs werden zuerst beendet)</translation>
    </message>
    <message>
        <source>Enable and start the log shipping timer</source>
        <translation>Den Timer für den Protokollversand aktivieren und starten</translation>
    </message>
</context>
<context>
    <name>saltant::WorkerHost</name>
    <message>
        <source>&quot;%1&quot; is not a worker name: use 1-32 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. gpu-1).</source>
        <translation>„%1“ ist kein Worker-Name: Verwenden Sie 1-32 Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben und nicht mit einem Bindestrich endend (z. B. gpu-1).</translation>
    </message>
</context>
<context>
    <name>saltant::WorkerHostForm</name>
    <message>
        <source>Greyed values are shared (the web server&apos;s SSH settings, the worker settings above, the worker directories of Django settings); type to give this host its own.</source>
        <translation>Ausgegraute Werte sind gemeinsam (die SSH-Einstellungen des Webservers, die Worker-Einstellungen oben, die Worker-Verzeichnisse der Django-Einstellungen); tippen Sie, um diesem Host einen eigenen Wert zu geben.</translation>
    </message>
    <message>
        <source>Use shared value</source>
        <translation>Gemeinsamen Wert verwenden</translation>
    </message>
    <message>
        <source>Use the shared %1</source>
        <translation>Gemeinsamen Wert von %1 verwenden</translation>
    </message>
    <message>
        <source>This host follows the shared value again</source>
        <translation>Dieser Host folgt wieder dem gemeinsamen Wert</translation>
    </message>
    <message>
        <source>%1&apos;s own value.</source>
        <translation>Eigener Wert von %1.</translation>
    </message>
    <message>
        <source>Shared by every worker host; type to set %1&apos;s own.</source>
        <translation>Gemeinsam für jeden Worker-Host; tippen Sie, um einen eigenen Wert für %1 zu setzen.</translation>
    </message>
    <message>
        <source>Same as the web server&apos;s; type to set %1&apos;s own.</source>
        <translation>Wie beim Webserver; tippen Sie, um einen eigenen Wert für %1 zu setzen.</translation>
    </message>
    <message>
        <source>Settings of %1</source>
        <translation>Einstellungen von %1</translation>
    </message>
</context>
<context>
    <name>saltant::WorkerHostsPanel</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>U&amp;mbenennen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach u&amp;nten</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>Each host runs a Celery worker with the settings above, except those it sets for itself below. Its files are in the preview under its name.</source>
        <translation>Jeder Host führt einen Celery-Worker mit den obigen Einstellungen aus, außer denen, die er unten für sich selbst setzt. Seine Dateien stehen in der Vorschau unter seinem Namen.</translation>
    </message>
    <message>
        <source>Worker hosts</source>
        <translation>Worker-Hosts</translation>
    </message>
    <message>
        <source>No worker hosts yet: the web server runs no Celery worker of its own, so add one to run jobs (type its name, then Add).</source>
        <translation>Noch keine Worker-Hosts: Der Webserver führt keinen eigenen Celery-Worker aus, fügen Sie also einen hinzu, um Jobs auszuführen (Namen eintippen, dann Hinzufügen).</translation>
    </message>
    <message>
        <source>Adds a copy of the selected host with the same settings, named as typed in the name field (or the next free name)</source>
        <translation>Fügt eine Kopie des ausgewählten Hosts mit denselben Einstellungen hinzu, benannt wie im Namensfeld eingegeben (oder mit dem nächsten freien Namen)</translation>
    </message>
    <message>
        <source>Gives the selected host the name typed in the name field</source>
        <translation>Gibt dem ausgewählten Host den im Namensfeld eingegebenen Namen</translation>
    </message>
    <message>
        <source>Worker host name</source>
        <translation>Name des Worker-Hosts</translation>
    </message>
    <message>
        <source>Name of a new host, e.g. gpu-1</source>
        <translation>Name eines neuen Hosts, z. B. gpu-1</translation>
    </message>
    <message>
        <source>1-32 lower-case letters, digits and hyphens, starting with a letter; it names the host in the preview, in Celery&apos;s --hostname and in the CLI&apos;s --host</source>
        <translation>1-32 Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben; er benennt den Host in der Vorschau, in --hostname von Celery und in --host der CLI</translation>
    </message>
    <message>
        <source>Type the new name of %1 in the name field, then Rename.</source>
        <translation>Geben Sie den neuen Namen von %1 im Namensfeld ein und klicken Sie dann auf Umbenennen.</translation>
    </message>
</context>
</TS>
