#include "NginxPeer.h"
#include "TestKeys.h"
#include "generate/DeploySteps.h"
#include "generate/Quote.h"
#include "generate/Renderer.h"

#include <QCryptographicHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

Q_DECLARE_METATYPE(saltant::Project)

namespace {

struct Hostile
{
    QString name;
    QString value;
};

QList<Hostile> hostileStrings()
{
    return {
        {QStringLiteral("newline"), QStringLiteral("a\nb")},
        {QStringLiteral("CR"), QStringLiteral("a\rb")},
        {QStringLiteral("tab"), QStringLiteral("a\tb")},
        {QStringLiteral("NEL"), QStringLiteral("a") + QChar(0x85) + QStringLiteral("b")},
        {QStringLiteral("line separator"), QStringLiteral("a") + QChar(0x2028) + QStringLiteral("b")},
        {QStringLiteral("semicolon"), QStringLiteral("a;b")},
        {QStringLiteral("open brace"), QStringLiteral("a{b")},
        {QStringLiteral("close brace"), QStringLiteral("a}b")},
        {QStringLiteral("nginx injection"), QStringLiteral("x; return 200 pwned; #")},
        {QStringLiteral("command substitution"), QStringLiteral("$(id)")},
        {QStringLiteral("backticks"), QStringLiteral("`id`")},
        {QStringLiteral("single quote"), QStringLiteral("it's")},
        {QStringLiteral("quote and semicolon"), QStringLiteral("a';id;'")},
        {QStringLiteral("double quote"), QStringLiteral("say \"hi\"")},
        {QStringLiteral("hash"), QStringLiteral("a#b")},
        {QStringLiteral("backslash"), QStringLiteral("a\\b")},
        {QStringLiteral("trailing backslash"), QStringLiteral("a\\")},
        {QStringLiteral("space"), QStringLiteral("a b")},
        {QStringLiteral("percent"), QStringLiteral("100%d")},
        {QStringLiteral("nginx variable"), QStringLiteral("$host")},
        {QStringLiteral("unicode"), QStringLiteral("\u00fc\u2713")},
        {QStringLiteral("5000 characters"), QString(5000, QLatin1Char('a'))},
        {QStringLiteral("300-character name"), QString(300, QLatin1Char('n'))},
        {QStringLiteral("leading dash"), QStringLiteral("-rf")},
        {QStringLiteral("double dash"), QStringLiteral("--help")},
    };
}

bool hasLineBreakOrControl(const QString& value)
{
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f) || c.unicode() == 0x2028 ||
            c.unicode() == 0x2029) {
            return true;
        }
    }
    return false;
}

// A value of the same shape with only harmless characters: what a file whose line count legitimately
// depends on the value (the deploy steps list one step per directory) must match.
QString twinOf(const QString& value)
{
    QString out = value;
    for (QChar& c : out) {
        const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                          (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                          (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || QStringLiteral("/.@:").contains(c);
        if (!keep) {
            c = QLatin1Char('x');
        }
    }
    return out;
}

QVariant twinOf(const QVariant& value)
{
    if (value.typeId() == QMetaType::QStringList) {
        QStringList out;
        for (const QString& item : value.toStringList()) {
            out << twinOf(item);
        }
        return out;
    }
    return twinOf(value.toString());
}

QString printable(const QVariant& value)
{
    const QString text = value.typeId() == QMetaType::QStringList
                             ? QLatin1Char('[') + value.toStringList().join(QStringLiteral(", ")) + QLatin1Char(']')
                             : value.toString();
    QString out = text.left(40);
    for (QChar& c : out) {
        c = hasLineBreakOrControl(QString(c)) ? QChar(0x2424) : c;
    }
    return text.size() > 40 ? out + QStringLiteral("...(%1 chars)").arg(text.size()) : out;
}

int lineCount(const QString& content)
{
    return static_cast<int>(content.count(QLatin1Char('\n')));
}

QStringList lineHeads(const QString& content)
{
    QStringList out;
    for (const QString& line : content.split(QLatin1Char('\n'))) {
        out << line.trimmed().section(QLatin1Char(' '), 0, 0);
    }
    return out;
}

QHash<QString, GeneratedFile> byId(const QList<GeneratedFile>& files)
{
    QHash<QString, GeneratedFile> out;
    for (const GeneratedFile& file : files) {
        out.insert(file.id, file);
    }
    return out;
}

// Every value the test tries for one setting: the hostile string alone, appended to the baseline value, and
// as a new path component (or, for a list, as an extra entry, the only entry and appended to the first).
QList<QPair<QString, QVariant>> candidates(const Project& base, const FieldSpec& spec)
{
    QList<QPair<QString, QVariant>> out;
    QSet<QString> seen;
    const auto add = [&](const QString& form, const QVariant& value) {
        const QString id =
            value.typeId() == QMetaType::QStringList ? value.toStringList().join(QChar(0)) : value.toString();
        if (!seen.contains(id)) {
            seen.insert(id);
            out.append({form, value});
        }
    };
    for (const Hostile& h : hostileStrings()) {
        if (spec.type == FieldType::List) {
            const QStringList items = base.list(spec.key);
            add(h.name + QStringLiteral(" (only entry)"), QStringList{h.value});
            add(h.name + QStringLiteral(" (extra entry)"), QStringList(items) << h.value);
            if (!items.isEmpty()) {
                add(h.name + QStringLiteral(" (appended to an entry)"),
                    QStringList{items.first() + h.value} + items.mid(1));
            }
        } else {
            const QString value = base.text(spec.key);
            add(h.name, h.value);
            add(h.name + QStringLiteral(" (appended)"), QString(value + h.value));
            add(h.name + QStringLiteral(" (path component)"), QString(value + QLatin1Char('/') + h.value));
        }
    }
    return out;
}

} // namespace

class TestHostileValues : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyTextSetting_rejectsOrRendersIntact_data();
    void everyTextSetting_rejectsOrRendersIntact();
    void quoteNginx_keepsAnyValueOneLiteralArgument();
    void breakage_detectsInjectedDirectivesLinesAndNginxFailures();
    void cleanupTestCase();

private:
    // Compares one accepted value's files with the baseline's; returns a description of the first breakage.
    QString breakage(const Project& baseline, const RenderResult& base, const Project& hostile,
                     const RenderResult& rendered, const QString& key, const QVariant& value);

    QTemporaryDir m_dir;
    std::unique_ptr<NginxPeer> m_peer;
    QSet<QByteArray> m_sitesPassed; // sites nginx -t accepted (by hash): an identical site needs no second run
    int m_accepted = 0;
    int m_rejected = 0;
};

void TestHostileValues::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_peer = std::make_unique<NginxPeer>(m_dir.path());
}

void TestHostileValues::everyTextSetting_rejectsOrRendersIntact_data()
{
    QTest::addColumn<Project>("baseline");
    // Every generator runs in one of the two: papertrail on, a CA file for the ACME server, rabbitmq.conf or the
    // classic rabbitmq.config.
    Project conf = Project::example();
    m_peer->redirect(&conf);
    QVERIFY(conf.setValue(Key::PapertrailEnabled, true));
    // A private ACME server's CA: certbot's renewal drop-in is generated, and acmeCaFile reaches certbot's line.
    QVERIFY(conf.setValue(Key::TlsAcmeCaFile, QStringLiteral("/etc/ssl/acme-ca.pem")));
    Project classic = conf;
    QVERIFY(classic.setValue(Key::RabbitmqConfigFormat, QStringLiteral("classic")));
    QVERIFY(classic.setValue(Key::FlowerPrefixMode, QStringLiteral("strip")));
    QVERIFY(classic.setValue(Key::NginxListenIpv6, false));
    QTest::newRow("rabbitmq.conf, papertrail") << conf;
    QTest::newRow("classic rabbitmq.config, papertrail, Flower strip") << classic;
}

void TestHostileValues::everyTextSetting_rejectsOrRendersIntact()
{
    QFETCH(Project, baseline);
    const RenderResult base = Renderer::render(baseline);
    QVERIFY(base.ok());
    QString error;
    QVERIFY2(m_peer->provide(baseline, &error), qPrintable(error));
    const QString baseSite = byId(base.files).value(QStringLiteral("nginx-site")).content;
    const NginxTestResult baseCheck = m_peer->test(baseSite);
    QVERIFY2(baseCheck.ok(), qPrintable(baseCheck.output));

    int accepted = 0;
    int rejected = 0;
    int keys = 0;
    for (const FieldSpec& spec : Schema::fields()) {
        if (spec.type != FieldType::Text && spec.type != FieldType::List) {
            continue;
        }
        ++keys;
        const QString label = spec.displayLabel();
        QStringList acceptedForms;
        int rejectedHere = 0;
        for (const auto& [form, value] : candidates(baseline, spec)) {
            Project p = baseline;
            QVERIFY2(p.setValue(spec.key, value, &error), qPrintable(error));
            const QString problem = p.validateField(spec.key);
            if (!problem.isEmpty()) {
                ++rejectedHere;
                QVERIFY2(problem.startsWith(label + QStringLiteral(": ")),
                         qPrintable(spec.key + QStringLiteral(": ") + problem));
                continue;
            }
            acceptedForms << form + QStringLiteral(" = ") + printable(value);
            const QString where = spec.key + QStringLiteral(" = ") + printable(value) + QStringLiteral(" (") + form +
                                  QStringLiteral("): ");
            // No setting may hold a line break or control character, nor a 5000-character value.
            const QString flat = value.typeId() == QMetaType::QStringList ? value.toStringList().join(QLatin1Char(' '))
                                                                          : value.toString();
            QVERIFY2(!hasLineBreakOrControl(flat), qPrintable(where + QStringLiteral("a line break was accepted")));
            QVERIFY2(!form.startsWith(QStringLiteral("5000")), qPrintable(where + QStringLiteral("accepted")));

            const RenderResult rendered = Renderer::render(p);
            QVERIFY2(rendered.ok(),
                     qPrintable(where + QStringLiteral("valid field, but render failed: ") +
                                (rendered.problems.isEmpty() ? QString() : rendered.problems.first().message)));
            const QString broken = breakage(baseline, base, p, rendered, spec.key, value);
            QVERIFY2(broken.isEmpty(), qPrintable(where + broken));
        }
        qInfo().noquote() << spec.key << "accepted" << acceptedForms.size() << "rejected" << rejectedHere
                          << (acceptedForms.isEmpty()
                                  ? QString()
                                  : QStringLiteral("\n    ") + acceptedForms.join(QStringLiteral("\n    ")));
        accepted += acceptedForms.size();
        rejected += rejectedHere;
    }
    qInfo("%d Text/List settings: %d hostile values accepted and rendered intact, %d rejected; %d nginx -t runs", keys,
          accepted, rejected, m_peer->runs());
    QVERIFY(keys >= 50);
    QVERIFY2(accepted >= 100, "too few accepted values: the check of rendered files ran too rarely");
    QVERIFY2(rejected >= 1000, "too few rejected values");
    m_accepted += accepted;
    m_rejected += rejected;
}

QString TestHostileValues::breakage(const Project& baseline, const RenderResult& base, const Project& hostile,
                                    const RenderResult& rendered, const QString& key, const QVariant& value)
{
    const QHash<QString, GeneratedFile> before = byId(base.files);
    const QHash<QString, GeneratedFile> after = byId(rendered.files);
    if (QSet<QString>(before.keyBegin(), before.keyEnd()) != QSet<QString>(after.keyBegin(), after.keyEnd())) {
        return QStringLiteral("a different set of files was generated");
    }
    for (const GeneratedFile& file : rendered.files) {
        const GeneratedFile old = before.value(file.id);
        if (file.id == QLatin1String("nginx-site")) {
            QString error;
            const QStringList skeleton = NginxPeer::skeleton(file.content, &error);
            if (!error.isEmpty() || skeleton != NginxPeer::skeleton(old.content)) {
                return QStringLiteral("the nginx site's directive skeleton changed ") + error + QLatin1Char('\n') +
                       file.content;
            }
            if (lineHeads(file.content) != lineHeads(old.content)) {
                return QStringLiteral("a line of the nginx site starts with another directive\n") + file.content;
            }
            const QByteArray hash = QCryptographicHash::hash(file.content.toUtf8(), QCryptographicHash::Sha256);
            if (!m_sitesPassed.contains(hash)) {
                if (!m_peer->provide(hostile, &error)) {
                    return error;
                }
                const NginxTestResult check = m_peer->test(file.content);
                if (!check.ok()) {
                    return QStringLiteral("nginx -t failed: ") + check.output + QLatin1Char('\n') + file.content;
                }
                m_sitesPassed.insert(hash);
            }
        } else if (file.id == QLatin1String("deploy-steps")) {
            // One step per directory to prepare (and per branding file): its line count follows the value's
            // shape, so it must equal that of the same-shaped harmless value, and no step may span lines.
            Project twin = baseline;
            twin.setValue(settingKey(key), twinOf(value));
            const RenderResult twinRender = Renderer::render(twin);
            if (!twinRender.ok()) {
                return QStringLiteral("the harmless twin value does not validate: ") +
                       twinRender.problems.first().message;
            }
            if (lineCount(file.content) != lineCount(byId(twinRender.files).value(file.id).content)) {
                return QStringLiteral("the deploy steps have another line count than for the harmless twin\n") +
                       file.content;
            }
            QList<GeneratedFile> serverFiles;
            for (const GeneratedFile& f : rendered.files) {
                if (!f.previewOnly) {
                    serverFiles << f;
                }
            }
            for (const DeployStep& step : DeploySteps::build(GenerateContext(hostile), serverFiles)) {
                if (hasLineBreakOrControl(step.title) || hasLineBreakOrControl(step.command)) {
                    return QStringLiteral("a deploy step spans lines: ") + step.command;
                }
            }
        } else if (lineCount(file.content) != lineCount(old.content)) {
            return file.id +
                   QStringLiteral(" has %1 lines instead of %2\n")
                       .arg(lineCount(file.content))
                       .arg(lineCount(old.content)) +
                   file.content;
        }
    }
    return QString();
}

void TestHostileValues::quoteNginx_keepsAnyValueOneLiteralArgument()
{
    // Validation keeps such values out of the site, but Quote::nginx must hold on its own: whatever the value,
    // the directive keeps one argument, nginx -t accepts it and no variable is expanded.
    QStringList values;
    for (const Hostile& h : hostileStrings()) {
        values << h.value;
    }
    values << QStringLiteral("a\\$host") << QStringLiteral("${host}") << QStringLiteral("\"; } server { #");
    const QString shape = QStringLiteral("server {\n    listen 127.0.0.1:8089;\n    server_name quote.invalid;\n"
                                         "    location /q/ {\n        root %1;\n    }\n}\n");
    const QStringList expected = NginxPeer::skeleton(shape.arg(QStringLiteral("x")));
    for (const QString& value : values) {
        const QString site = shape.arg(Quote::nginx(value));
        QString error;
        const QList<NginxFlatDirective> directives = NginxPeer::parse(site, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error + site));
        QCOMPARE(NginxPeer::skeleton(site), expected);
        const QString root = directives.at(4).args.first();
        QVERIFY2(!root.contains(QLatin1Char('$')), qPrintable(site));
        QVERIFY2(!hasLineBreakOrControl(root), qPrintable(site));
        if (!value.contains(QLatin1Char('$')) && !hasLineBreakOrControl(value)) {
            QCOMPARE(root, value); // everything else arrives literally
        }
        const NginxTestResult check = m_peer->test(site);
        // nginx reads a parameter into a 4 KiB buffer: a longer one is refused whole, never split. (Validation
        // keeps nginx values far shorter: paths at most 1024 characters, host names 253.)
        QCOMPARE(check.ok(), Quote::nginx(value).toUtf8().size() < 4000);
        if (!check.ok()) {
            QVERIFY2(check.output.contains(QStringLiteral("too long parameter")), qPrintable(check.output));
        }
    }
}

void TestHostileValues::breakage_detectsInjectedDirectivesLinesAndNginxFailures()
{
    // Negative controls: what an injection would do to the files is caught.
    Project p = Project::example();
    m_peer->redirect(&p);
    const RenderResult base = Renderer::render(p);
    QVERIFY(base.ok());
    const QString key = Key::DjangoProjectName;
    const QVariant value = p.stored(settingKey(key));
    QCOMPARE(breakage(p, base, p, base, key, value), QString());

    const auto edited = [&](const char* id, const QString& from, const QString& to) {
        RenderResult changed = base;
        for (GeneratedFile& file : changed.files) {
            if (file.id == QLatin1String(id)) {
                file.content.replace(from, to);
            }
        }
        return changed;
    };
    const QString size = QStringLiteral("client_max_body_size 10M;");
    const RenderResult injected = edited("nginx-site", size, size + QStringLiteral(" return 200 pwned;"));
    QVERIFY(breakage(p, base, p, injected, key, value).contains(QStringLiteral("skeleton")));
    const RenderResult moved = edited("nginx-site", size, QStringLiteral("client_max_body_size\n    10M;"));
    QVERIFY(breakage(p, base, p, moved, key, value).contains(QStringLiteral("starts with another directive")));
    const RenderResult invalid = edited("nginx-site", size, QStringLiteral("client_max_body_size 10Q;"));
    QVERIFY(breakage(p, base, p, invalid, key, value).contains(QStringLiteral("nginx -t failed")));
    const RenderResult extraLine =
        edited("uwsgi-emperor", QStringLiteral("[uwsgi]\n"), QStringLiteral("[uwsgi]\nmodule = evil\n"));
    QVERIFY(breakage(p, base, p, extraLine, key, value).contains(QStringLiteral("uwsgi-emperor has")));
    const RenderResult steps = edited("deploy-steps", QStringLiteral("set -eu\n"), QStringLiteral("set -eu\nid\n"));
    QVERIFY(breakage(p, base, p, steps, key, value).contains(QStringLiteral("deploy steps")));
}

void TestHostileValues::cleanupTestCase()
{
    qInfo("total: %d accepted, %d rejected (key, value) pairs; %d nginx -t runs", m_accepted, m_rejected,
          m_peer ? m_peer->runs() : 0);
}

QTEST_GUILESS_MAIN(TestHostileValues)
#include "TestHostileValues.moc"
#include "model/SettingKeys.h"
