#include "GoldenFiles.h"

#include "model/ProjectFile.h"
#include "plan/Differ.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTest>
#include <algorithm>

namespace saltant {
namespace {

QString extensionOf(FileFormat format)
{
    switch (format) {
    case FileFormat::Nginx:
    case FileFormat::RabbitConf:
    case FileFormat::Rsyslog:
        return QStringLiteral(".conf");
    case FileFormat::Ini:
        return QStringLiteral(".ini");
    case FileFormat::Systemd:
        return QStringLiteral(".service");
    case FileFormat::Dotenv:
    case FileFormat::EnvFile:
        return QStringLiteral(".env");
    case FileFormat::Shell:
        return QStringLiteral(".sh");
    case FileFormat::Erlang:
        return QStringLiteral(".config");
    }
    return QStringLiteral(".txt");
}

bool readText(const QString& path, QString* text, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    *text = QString::fromUtf8(file.readAll());
    return true;
}

bool writeText(const QString& path, const QString& text, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    return true;
}

const GeneratedFile* findFile(const QList<GeneratedFile>& files, const QString& id)
{
    for (const GeneratedFile& file : files) {
        if (file.id == id) {
            return &file;
        }
    }
    return nullptr;
}

} // namespace

GoldenFiles::GoldenFiles(const QString& root) : m_root(root) {}

Project GoldenFiles::fleetProject()
{
    Project project;
    QString error;
    if (!GoldenFiles(QStringLiteral(SALTANT_SOURCE_DIR "/tests/data/golden-workers"))
             .loadProject(QStringLiteral("fleet"), &project, &error)) {
        qFatal("fleet: %s", qPrintable(error));
    }
    return project;
}

bool GoldenFiles::updateRequested()
{
    return qEnvironmentVariable("SALTANT_UPDATE_GOLDEN") == QLatin1String("1");
}

QString GoldenFiles::expectedFileName(const GeneratedFile& file)
{
    // A systemd drop-in (not a unit) keeps its own extension.
    if (file.format == FileFormat::Systemd && file.remotePath.endsWith(QLatin1String(".conf"))) {
        return file.id + QStringLiteral(".conf");
    }
    return file.id + extensionOf(file.format);
}

QString GoldenFiles::manifest(const QList<GeneratedFile>& files)
{
    QString out = QStringLiteral("# id  remote path  mode  owner:group  [secrets] [preview] [<- symlink]\n");
    for (const GeneratedFile& f : files) {
        out += f.id + QLatin1Char(' ') + f.remotePath + QLatin1Char(' ') + f.modeString() + QLatin1Char(' ') + f.owner +
               QLatin1Char(':') + f.group;
        if (f.holdsSecrets) {
            out += QStringLiteral(" secrets");
        }
        if (f.previewOnly) {
            out += QStringLiteral(" preview");
        }
        for (const QString& link : f.symlinks) {
            out += QStringLiteral(" <- ") + link;
        }
        out += QLatin1Char('\n');
    }
    return out;
}

QString GoldenFiles::lineDiff(const QString& expected, const QString& actual, int context)
{
    if (expected == actual) {
        return QString();
    }
    const QStringList a = expected.split(QLatin1Char('\n'));
    const QStringList b = actual.split(QLatin1Char('\n'));
    struct Line
    {
        QChar tag;
        QString text;
    };
    QList<Line> lines;
    for (const Differ::Edit& e : Differ::edits(a, b)) {
        switch (e.op) {
        case Differ::Edit::Removed:
            lines.append({QLatin1Char('-'), a.at(e.oldIndex)});
            break;
        case Differ::Edit::Added:
            lines.append({QLatin1Char('+'), b.at(e.newIndex)});
            break;
        case Differ::Edit::Common:
            lines.append({QLatin1Char(' '), a.at(e.oldIndex)});
            break;
        }
    }
    QString out;
    qsizetype lastShown = -1;
    for (qsizetype k = 0; k < lines.size(); ++k) {
        bool near = false;
        for (qsizetype d = std::max<qsizetype>(0, k - context); d <= std::min(lines.size() - 1, k + context); ++d) {
            near = near || lines.at(d).tag != QLatin1Char(' ');
        }
        if (!near) {
            continue;
        }
        if (lastShown >= 0 && k > lastShown + 1) {
            out += QStringLiteral("@@\n");
        }
        out += lines.at(k).tag + lines.at(k).text + QLatin1Char('\n');
        lastShown = k;
    }
    return out;
}

QStringList GoldenFiles::cases() const
{
    return QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

QString GoldenFiles::casePath(const QString& caseName) const
{
    return m_root + QLatin1Char('/') + caseName;
}

bool GoldenFiles::loadProject(const QString& caseName, Project* project, QString* error) const
{
    return ProjectFile::load(casePath(caseName) + QStringLiteral("/project.saltant.json"), project, error);
}

bool GoldenFiles::render(const QString& caseName, RenderResult* result, QString* error) const
{
    Project project;
    if (!loadProject(caseName, &project, error)) {
        return false;
    }
    *result = Renderer::render(project);
    if (!result->ok()) {
        *error = caseName + QStringLiteral(": the project does not validate: ") + result->problems.first().key +
                 QStringLiteral(" ") + result->problems.first().message;
        return false;
    }
    return true;
}

bool GoldenFiles::renderedFile(const QString& caseName, const QString& id, GeneratedFile* file, QString* error) const
{
    RenderResult result;
    if (!render(caseName, &result, error)) {
        return false;
    }
    const GeneratedFile* found = findFile(result.files, id);
    if (!found) {
        *error = caseName + QStringLiteral(": no file with id ") + id;
        return false;
    }
    *file = *found;
    return true;
}

bool GoldenFiles::compare(const QString& caseName, const QString& fileName, const QString& actual,
                          QString* message) const
{
    const QString path = casePath(caseName) + QLatin1Char('/') + fileName;
    if (updateRequested()) {
        return writeText(path, actual, message);
    }
    QString expected;
    if (!readText(path, &expected, message)) {
        *message += QStringLiteral(" (run with SALTANT_UPDATE_GOLDEN=1 to create it, then review it)");
        return false;
    }
    if (expected == actual) {
        return true;
    }
    *message = QStringLiteral("%1 differs from the generated text (- expected, + generated; "
                              "SALTANT_UPDATE_GOLDEN=1 accepts the change):\n%2")
                   .arg(path, lineDiff(expected, actual));
    return false;
}

bool GoldenFiles::verifyFile(const QString& caseName, const QString& id, QString* message) const
{
    RenderResult result;
    if (!render(caseName, &result, message)) {
        return false;
    }
    const GeneratedFile* file = findFile(result.files, id);
    const QStringList expected =
        QDir(casePath(caseName)).entryList({id + QStringLiteral(".*")}, QDir::Files, QDir::Name);
    if (!file) {
        if (expected.isEmpty()) {
            return true;
        }
        if (updateRequested()) {
            for (const QString& name : expected) {
                QFile::remove(casePath(caseName) + QLatin1Char('/') + name);
            }
            return true;
        }
        *message = caseName + QStringLiteral(": expected file ") + expected.join(QLatin1Char(',')) +
                   QStringLiteral(" exists but the case no longer generates ") + id;
        return false;
    }
    const QString name = expectedFileName(*file);
    if (!updateRequested() && !expected.contains(name)) {
        *message = caseName + QStringLiteral(": generates ") + id + QStringLiteral(" but has no expected ") + name +
                   QStringLiteral(" (run with SALTANT_UPDATE_GOLDEN=1 to create it, then review it)");
        return false;
    }
    return compare(caseName, name, file->content, message);
}

void GoldenFiles::addCaseRows(const QString& id) const
{
    QTest::addColumn<QString>("caseName");
    QStringList names = cases();
    if (!id.isEmpty()) {
        names.removeIf([&](const QString& name) {
            return QDir(casePath(name)).entryList({id + QStringLiteral(".*")}, QDir::Files).isEmpty();
        });
    }
    if (names.isEmpty()) {
        QTest::newRow("no golden cases") << QString(); // fails on load: a wrong root must not pass vacuously
    }
    for (const QString& name : names) {
        QTest::newRow(qPrintable(name)) << name;
    }
}

} // namespace saltant
