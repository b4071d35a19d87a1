#include "TlsPeer.h"

#include "FreePort.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace {

constexpr int ProcessTimeoutMs = 60000;
constexpr int ReadyTimeoutMs = 20000;

bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool ok = socket.waitForConnected(500);
    socket.abort();
    return ok;
}

} // namespace

TlsPeer::TlsPeer() = default;

TlsPeer::~TlsPeer()
{
    for (auto& process : m_processes) {
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(5000)) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }
}

bool TlsPeer::fail(const QString& message)
{
    m_error = message;
    return false;
}

bool TlsPeer::run(const QString& program, const QStringList& arguments, QByteArray* output)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(ProcessTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return fail(program + QStringLiteral(" did not finish: ") + process.errorString());
    }
    const QByteArray out = process.readAll();
    if (output) {
        *output = out;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return fail(program + QLatin1Char(' ') + arguments.join(QLatin1Char(' ')) + QStringLiteral(" failed: ") +
                    QString::fromLocal8Bit(out));
    }
    return true;
}

bool TlsPeer::writeFile(const QString& relativePath, const QByteArray& content)
{
    const QString file = path(relativePath);
    if (!QDir().mkpath(QFileInfo(file).absolutePath())) {
        return fail(QStringLiteral("cannot create the directory of ") + file);
    }
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(content) != content.size()) {
        return fail(QStringLiteral("cannot write ") + file);
    }
    return true;
}

bool TlsPeer::createCa()
{
    if (!m_dir.isValid()) {
        return fail(QStringLiteral("no temporary directory"));
    }
    const QByteArray config = "[ca]\ndefault_ca = test_ca\n"
                              "[test_ca]\ndatabase = index.txt\nnew_certs_dir = issued\nserial = serial\n"
                              "default_md = sha256\npolicy = any_name\nunique_subject = no\n"
                              "[any_name]\ncommonName = supplied\n";
    if (!writeFile(QStringLiteral("ca.cnf"), config) || !writeFile(QStringLiteral("index.txt"), QByteArray()) ||
        !writeFile(QStringLiteral("serial"), "1000\n") || !QDir(m_dir.path()).mkpath(QStringLiteral("issued"))) {
        return false;
    }
    return run(QStringLiteral("openssl"),
               {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                QStringLiteral("-subj"), QStringLiteral("/CN=Saltant Deploy Test CA"), QStringLiteral("-days"),
                QStringLiteral("30"), QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
}

QList<QSslCertificate> TlsPeer::caCertificates() const
{
    return QSslCertificate::fromPath(path(QStringLiteral("ca.pem")));
}

bool TlsPeer::issue(const QString& label, const QStringList& names, Validity validity, Leaf* leaf)
{
    const QString key = label + QStringLiteral(".key");
    const QString csr = label + QStringLiteral(".csr");
    const QString cert = label + QStringLiteral(".pem");
    const QString ext = label + QStringLiteral(".ext");
    QStringList san;
    for (const QString& name : names) {
        san << QStringLiteral("DNS:") + name;
    }
    const QByteArray extensions = "subjectAltName = " + san.join(QLatin1Char(',')).toUtf8() +
                                  "\nbasicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\n";
    if (!writeFile(ext, extensions) ||
        !run(QStringLiteral("openssl"),
             {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("ec"),
              QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
              QStringLiteral("-keyout"), key, QStringLiteral("-out"), csr, QStringLiteral("-subj"),
              QStringLiteral("/CN=") + names.value(0)})) {
        return false;
    }
    QStringList args{QStringLiteral("ca"),
                     QStringLiteral("-batch"),
                     QStringLiteral("-notext"),
                     QStringLiteral("-config"),
                     QStringLiteral("ca.cnf"),
                     QStringLiteral("-cert"),
                     QStringLiteral("ca.pem"),
                     QStringLiteral("-keyfile"),
                     QStringLiteral("ca.key"),
                     QStringLiteral("-in"),
                     csr,
                     QStringLiteral("-out"),
                     cert,
                     QStringLiteral("-extfile"),
                     ext};
    switch (validity) {
    case Validity::Valid:
        args << QStringLiteral("-days") << QStringLiteral("365");
        break;
    case Validity::ExpiresSoon:
        args << QStringLiteral("-days") << QStringLiteral("1");
        break;
    case Validity::Expired:
        args << QStringLiteral("-startdate") << QStringLiteral("20200101000000Z") << QStringLiteral("-enddate")
             << QStringLiteral("20200201000000Z");
        break;
    case Validity::NotYetValid:
        args << QStringLiteral("-startdate") << QStringLiteral("20900101000000Z") << QStringLiteral("-enddate")
             << QStringLiteral("20910101000000Z");
        break;
    }
    if (!run(QStringLiteral("openssl"), args)) {
        return false;
    }
    leaf->certPath = path(cert);
    leaf->keyPath = path(key);
    return true;
}

QString TlsPeer::writeHtpasswd(const QString& user, const QString& password)
{
    QByteArray hash;
    if (!run(QStringLiteral("openssl"), {QStringLiteral("passwd"), QStringLiteral("-apr1"), password}, &hash)) {
        return QString();
    }
    if (!writeFile(QStringLiteral("htpasswd"), user.toUtf8() + ':' + hash.trimmed() + '\n')) {
        return QString();
    }
    return path(QStringLiteral("htpasswd"));
}

quint16 TlsPeer::freePort()
{
    return saltant::freeLoopbackPort();
}

bool TlsPeer::startProcess(const QString& program, const QStringList& arguments, const QList<quint16>& ports)
{
    auto process = std::make_unique<QProcess>();
    process->setWorkingDirectory(m_dir.path());
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start(program, arguments);
    if (!process->waitForStarted(ProcessTimeoutMs)) {
        return fail(program + QStringLiteral(" did not start: ") + process->errorString());
    }
    QProcess* started = process.get();
    m_processes.push_back(std::move(process));
    const QDeadlineTimer deadline(ReadyTimeoutMs);
    for (quint16 port : ports) {
        while (!accepts(port)) {
            if (started->state() == QProcess::NotRunning) {
                return fail(program + QStringLiteral(" exited: ") + QString::fromLocal8Bit(started->readAll()));
            }
            if (deadline.hasExpired()) {
                return fail(program + QStringLiteral(" is not listening on port ") + QString::number(port));
            }
            QThread::msleep(50);
        }
    }
    // Something answers on every port; make sure it is this process (a failed bind exits at once, while another
    // program may hold the port).
    if (started->waitForFinished(200)) {
        return fail(program + QStringLiteral(" exited: ") + QString::fromLocal8Bit(started->readAll()));
    }
    return true;
}

bool TlsPeer::startNginx(const QString& servers, const QList<quint16>& ports)
{
    QDir(m_dir.path()).mkpath(QStringLiteral("nginx/logs"));
    QDir(m_dir.path()).mkpath(QStringLiteral("nginx/temp"));
    const QByteArray config = "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                              "pid nginx/nginx.pid;\nerror_log nginx/logs/error.log info;\n"
                              "events { worker_connections 64; }\n"
                              "http {\n"
                              "    access_log off;\n"
                              "    client_body_temp_path nginx/temp/body;\n"
                              "    proxy_temp_path nginx/temp/proxy;\n"
                              "    fastcgi_temp_path nginx/temp/fastcgi;\n"
                              "    uwsgi_temp_path nginx/temp/uwsgi;\n"
                              "    scgi_temp_path nginx/temp/scgi;\n"
                              "    default_type text/html;\n" +
                              servers.toUtf8() + "\n}\n";
    if (!writeFile(QStringLiteral("nginx/nginx.conf"), config)) {
        return false;
    }
    return startProcess(QStringLiteral("nginx"),
                        {QStringLiteral("-p"), m_dir.path() + QLatin1Char('/'), QStringLiteral("-c"),
                         path(QStringLiteral("nginx/nginx.conf"))},
                        ports);
}

bool TlsPeer::startTlsServer(quint16 port, const Leaf& leaf)
{
    return startProcess(QStringLiteral("openssl"),
                        {QStringLiteral("s_server"), QStringLiteral("-accept"),
                         QStringLiteral("127.0.0.1:") + QString::number(port), QStringLiteral("-cert"), leaf.certPath,
                         QStringLiteral("-key"), leaf.keyPath, QStringLiteral("-quiet")},
                        {port});
}
