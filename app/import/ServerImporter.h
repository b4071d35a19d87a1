#pragma once

#include "import/ImportReport.h"
#include "model/Project.h"
#include "model/SettingKeys.h"
#include "secrets/SecretValues.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <optional>

namespace saltant {

class ServerFiles;
struct ServerFile;

struct ImportResult
{
    Project project;      // the example's values where the server had nothing to say (the report names those)
    SecretValues secrets; // found on the server; for the keychain only
    ImportReport report;
    QHash<QString, QString> foundFiles; // generated file id -> the server path it was read from
    QString error;                      // nothing of a saltant server was found: no project
    bool ok() const { return error.isEmpty(); }
};

// Builds a project from a server set up by hand (as the guide says) or by this tool, finding the pieces the way an
// admin would: the uWSGI emperor's systemd unit and ini, its vassal (whose chdir names the project and its .env),
// the nginx site passing to that socket, RabbitMQ's configuration, Flower's unit and environment file, the renewal
// hook, rsyslog's forwarding. Every value goes into its setting with the file and line it came from; secrets go to
// ImportResult::secrets only. Afterwards the project is rendered and compared with what was read: every line a
// deploy would drop is reported, before anything is deployed.
class ServerImporter
{
    Q_DECLARE_TR_FUNCTIONS(saltant::ServerImporter)

public:
    explicit ServerImporter(ServerFiles& files);
    // Values the server does not set keep base's (its id, SSH target, worker hosts, ...) instead of the example's.
    ServerImporter(ServerFiles& files, const Project& base);
    ImportResult run();

    // A hand edit of one generated file, taken into project where the importer understands it: the project's own
    // files (rendered with secrets) with path replaced by serverText, imported on top of project. The report's
    // unrepresented lines are the parts of the edit the project cannot hold.
    static ImportResult importEdit(const Project& project, const SecretValues& secrets, const QString& path,
                                   const QString& serverText);

private:
    // A path without trailing slashes ("/" stays), and with leading: without its leading ones too ("/flower/" ->
    // "flower", a URL prefix or a location's name).
    static QString trimSlashes(QString path, bool leading = false);
    // ServerImporter.cpp: bookkeeping and the comparison with the rendered files.
    ServerFile readFile(const QString& path);
    void set(SettingKey key, const QString& value, const QString& file, int line);
    void setSecret(const QString& name, const QString& value, const QString& file, int line);
    void mistake(const QString& id, const QString& file, int line, const QString& message);
    void problem(const QString& file, int line, const QString& message);
    void found(const QString& id, const QString& path);
    void normaliseDerived();
    void compareWithRender();

    // ServerImporterUwsgi.cpp
    bool importUwsgi();
    bool importEmperorUnit(const QString& path, const QString& text);
    void importEmperorIni(const QString& path);
    void importVassal(const QString& path, const QString& text);
    // ServerImporterDotenv.cpp
    void importDotenv();
    void importBrokerUrl(const QString& url, bool tls, const QString& file, int line);
    // ServerImporterNginx.cpp
    void importNginx();
    // ServerImporterServices.cpp
    void importFlower();
    void importFlowerEnv(const QString& path);
    void importRabbitmq();
    void importRabbitConf(const QString& path, const QString& text);
    void importRabbitClassic(const QString& path, const QString& text);
    void importSmallFiles();

    QStringList unitFiles(); // /etc/systemd/system/*.service

    ServerFiles& m_files;
    std::optional<Project> m_base;
    ImportResult m_result;
    QSet<QString> m_imported; // setting names set from the server
    QString m_uwsgiExec;      // argv[0] of the emperor's ExecStart, resolved once the venv is known
    QString m_uwsgiExecFile;
    int m_uwsgiExecLine = 0;
};

} // namespace saltant
