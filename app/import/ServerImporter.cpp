#include "import/ServerImporter.h"

#include "generate/Renderer.h"
#include "import/MemoryServerFiles.h"
#include "import/ServerFiles.h"
#include "model/ProjectFile.h"
#include "model/Schema.h"
#include "plan/Differ.h"

namespace saltant {

ServerImporter::ServerImporter(ServerFiles& files) : m_files(files) {}

ServerImporter::ServerImporter(ServerFiles& files, const Project& base) : m_files(files), m_base(base) {}

ImportResult ServerImporter::importEdit(const Project& project, const SecretValues& secrets, const QString& path,
                                        const QString& serverText)
{
    MemoryServerFiles files(tr("the server's edit of %1").arg(path));
    for (const GeneratedFile& file : Renderer::render(project, &secrets).files) {
        if (!file.previewOnly) {
            files.add(file.remotePath, file.content);
            for (const QString& link : file.symlinks) {
                files.addLink(link, file.remotePath);
            }
        }
    }
    files.add(path, serverText);
    ImportResult result = ServerImporter(files, project).run();
    // Only the edited file's dropped lines concern this edit.
    auto& lines = result.report.unrepresented;
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [&](const ImportReport::Unrepresented& u) { return u.source.file != path; }),
                lines.end());
    return result;
}

ImportResult ServerImporter::run()
{
    m_result = ImportResult();
    if (m_base) {
        m_result.project = *m_base;
    } else {
        m_result.project = Project::example();
        m_result.project.setProjectId(ProjectFile::newProjectId());
    }
    m_result.report.origin = m_files.origin();

    const bool uwsgi = importUwsgi();
    importDotenv();
    if (!uwsgi && !m_result.foundFiles.contains(QStringLiteral("dotenv"))) {
        m_result.error = tr("No saltant server was found in %1: no systemd unit starts a uWSGI emperor, and there is "
                            "no /etc/uwsgi/emperor.ini. Check the address (or the directory: it must hold the "
                            "server's files at their server paths, e.g. DIR/etc/systemd/system/).")
                             .arg(m_files.origin());
        return m_result;
    }
    importNginx();
    importFlower();
    importRabbitmq();
    importSmallFiles();
    normaliseDerived();
    compareWithRender();
    return m_result;
}

QString ServerImporter::trimSlashes(QString path, bool leading)
{
    while (leading && path.startsWith(QLatin1Char('/'))) {
        path.remove(0, 1);
    }
    while (path.size() > 1 && path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    return path == QLatin1String("/") && leading ? QString() : path;
}

ServerFile ServerImporter::readFile(const QString& path)
{
    ServerFile file = m_files.read(path);
    if (!file.exists) {
        problem(path, 0, tr("the file is missing."));
    } else if (!file.error.isEmpty()) {
        problem(path, 0, file.error);
    } else if (!m_result.report.filesRead.contains(path)) {
        m_result.report.filesRead << path;
    }
    return file;
}

void ServerImporter::set(SettingKey key, const QString& value, const QString& file, int line)
{
    QString error;
    if (!m_result.project.setFromString(key, value, &error)) {
        problem(file, line,
                tr("%1 cannot be \"%2\" (%3); the project keeps %4.")
                    .arg(key.name(), value, error, m_result.project.toDisplayString(key)));
        return;
    }
    m_imported.insert(key.name());
    auto& settings = m_result.report.settings;
    settings.erase(std::remove_if(settings.begin(), settings.end(),
                                  [&](const ImportReport::Setting& s) { return s.key == key.name(); }),
                   settings.end());
    settings.append({key.name(), value, {file, line}});
}

void ServerImporter::setSecret(const QString& name, const QString& value, const QString& file, int line)
{
    // Empty, or the placeholder of a file rendered without secrets (`render` without --with-secrets): no secret.
    if (value.isEmpty() || value == QStringLiteral("<secret:%1>").arg(name)) {
        return;
    }
    m_result.secrets.set(name, value);
    const QString key = QStringLiteral("secret.") + name;
    auto& settings = m_result.report.settings;
    settings.erase(
        std::remove_if(settings.begin(), settings.end(), [&](const ImportReport::Setting& s) { return s.key == key; }),
        settings.end());
    settings.append({key, tr("(found; goes to the keychain)"), {file, line}});
}

void ServerImporter::mistake(const QString& id, const QString& file, int line, const QString& message)
{
    m_result.report.mistakes.append({id, {file, line}, message});
}

void ServerImporter::problem(const QString& file, int line, const QString& message)
{
    m_result.report.problems.append({{file, line}, message});
}

void ServerImporter::found(const QString& id, const QString& path)
{
    m_result.foundFiles.insert(id, path);
}

// A derived setting whose imported value is what it derives anyway stays empty, so it keeps following the
// settings it derives from (as in a project made with this tool).
void ServerImporter::normaliseDerived()
{
    for (const QString& name : std::as_const(m_imported)) {
        const FieldSpec* spec = Schema::field(name);
        const std::optional<SettingKey> key = SettingKey::parse(name);
        if (!spec || !spec->derive || !key) {
            continue;
        }
        const QString value = m_result.project.stored(*key).toString();
        Project cleared = m_result.project;
        cleared.setValue(*key, QString());
        if (cleared.text(*key) == value) {
            m_result.project = cleared;
        }
    }
}

// Renders the imported project and compares each generated file with the server's: a line of the server's file
// that the rendered one lacks is one a deploy would remove. Comments count apart (a deploy writes its own).
void ServerImporter::compareWithRender()
{
    RenderResult render = Renderer::render(m_result.project, &m_result.secrets);
    // An imported value the project refuses (a path with a trailing slash, ...) goes back to the example's, with a
    // problem naming where it came from, so the rest can still be compared.
    const Project example = m_base ? *m_base : Project::example();
    for (int round = 0; round < 8 && !render.ok(); ++round) {
        bool reverted = false;
        for (const FieldProblem& p : std::as_const(render.problems)) {
            const std::optional<SettingKey> key = SettingKey::parse(p.key);
            ImportReport::Source source;
            for (const ImportReport::Setting& s : std::as_const(m_result.report.settings)) {
                if (s.key == p.key) {
                    source = s.source;
                }
            }
            problem(source.file, source.line,
                    tr("%1 as found cannot be deployed: %2 The project keeps %3; check it.")
                        .arg(p.key, p.message, key ? example.toDisplayString(*key) : QString()));
            if (key && m_imported.contains(p.key)) {
                m_result.project.setValue(*key, example.stored(*key));
                m_imported.remove(p.key);
                reverted = true;
            }
        }
        if (!reverted) {
            return;
        }
        render = Renderer::render(m_result.project, &m_result.secrets);
    }
    if (!render.ok()) {
        return;
    }
    for (const GeneratedFile& file : render.files) {
        const QString path = m_result.foundFiles.value(file.id);
        if (file.previewOnly || path.isEmpty()) {
            continue;
        }
        const ServerFile server = m_files.read(path);
        if (!server.ok()) {
            continue;
        }
        const QStringList oldLines = Differ::lines(server.text);
        int comments = 0;
        for (const Differ::Edit& edit : Differ::edits(oldLines, Differ::lines(file.content))) {
            if (edit.op != Differ::Edit::Removed) {
                continue;
            }
            const QString text = oldLines.at(edit.oldIndex).trimmed();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith(QLatin1Char('#')) || text.startsWith(QLatin1Char(';')) ||
                text.startsWith(QLatin1Char('%'))) {
                ++comments;
                continue;
            }
            // A secret's line is named, never printed.
            const bool secretLine = file.holdsSecrets && text.contains(QLatin1Char('='));
            QString shown = secretLine ? text.left(text.indexOf(QLatin1Char('=')) + 1) + QStringLiteral("...") : text;
            for (const QString& name : m_result.secrets.names()) {
                const QString value = m_result.secrets.value(name);
                if (!value.isEmpty()) {
                    shown.replace(value, QStringLiteral("<secret:%1>").arg(name));
                }
            }
            if (shown.size() > 160) {
                shown = shown.left(160) + QStringLiteral("...");
            }
            m_result.report.unrepresented.append({{path, int(edit.oldIndex) + 1}, shown});
        }
        if (comments > 0) {
            m_result.report.unrepresented.append(
                {{path, 0},
                 tr("%n comment line(s) would be replaced by the generated file's own.", nullptr, comments)});
        }
    }
}

QStringList ServerImporter::unitFiles()
{
    QStringList paths;
    for (const QString& name : m_files.list(QStringLiteral("/etc/systemd/system"))) {
        if (name.endsWith(QLatin1String(".service"))) {
            paths << QStringLiteral("/etc/systemd/system/") + name;
        }
    }
    return paths;
}

} // namespace saltant
