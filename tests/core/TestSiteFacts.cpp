#include "generate/SiteFacts.h"
#include "model/Project.h"
#include "model/ReadLog.h"
#include "model/SettingKeys.h"

#include <QTest>
#include <algorithm>
#include <functional>

using namespace saltant;

// SiteFacts with Memo::Once (one render's facts) answers like without it, and a fact asked again still tells the open
// ReadLog every setting it depends on, so a RenderCache piece that asked for it is recomputed when one changes.
class TestSiteFacts : public QObject
{
    Q_OBJECT

private slots:
    void remembered_answersLikeComputed_data();
    void remembered_answersLikeComputed();
    void askedAgain_notesWhatItRead_data();
    void askedAgain_notesWhatItRead();
    void withoutMemo_followsTheProject();

private:
    using Fact = std::function<QString(const SiteFacts&)>;
    static void addFacts();
    static QStringList sorted(const ReadLog::Keys& keys);
    static Project tlsProject();
};

Project TestSiteFacts::tlsProject()
{
    Project project = Project::example();
    project.setValue(Key::TlsEnabled, true);
    project.setValue(Key::RabbitmqOnNetwork, true);
    project.setValue(Key::RabbitmqTlsEnabled, true);
    project.setValue(Key::ServerWwwAlias, true);
    project.setValue(Key::ServerCanonicalWww, true);
    return project;
}

void TestSiteFacts::addFacts()
{
    QTest::addColumn<Fact>("fact");
    QTest::newRow("serverNames") << Fact([](const SiteFacts& f) { return f.serverNames().join(u' '); });
    QTest::newRow("canonicalHost") << Fact([](const SiteFacts& f) { return f.canonicalHost(); });
    QTest::newRow("baseUrl") << Fact([](const SiteFacts& f) { return f.baseUrl(); });
    QTest::newRow("certDir") << Fact([](const SiteFacts& f) { return f.certDir(); });
    QTest::newRow("fullChainPath") << Fact([](const SiteFacts& f) { return f.fullChainPath(); });
    QTest::newRow("privateKeyPath") << Fact([](const SiteFacts& f) { return f.privateKeyPath(); });
    QTest::newRow("amqpTls") << Fact(
        [](const SiteFacts& f) { return f.amqpTls() ? QStringLiteral("yes") : QString(); });
    QTest::newRow("amqpPort") << Fact([](const SiteFacts& f) { return QString::number(f.amqpPort()); });
    QTest::newRow("managementUrl") << Fact([](const SiteFacts& f) { return f.managementUrl(); });
    QTest::newRow("allowedHosts") << Fact([](const SiteFacts& f) { return f.allowedHosts().join(u' '); });
}

QStringList TestSiteFacts::sorted(const ReadLog::Keys& keys)
{
    QStringList names;
    for (const SettingKey& key : keys) {
        names << key.name();
    }
    names.sort();
    return names;
}

void TestSiteFacts::remembered_answersLikeComputed_data()
{
    addFacts();
}

void TestSiteFacts::remembered_answersLikeComputed()
{
    QFETCH(Fact, fact);
    QVERIFY(SiteFacts(tlsProject()).amqpTls()); // the second project takes the TLS branches
    for (const Project& project : {Project::example(), tlsProject()}) {
        const SiteFacts plain(project);
        const SiteFacts once(project, SiteFacts::Memo::Once);
        QCOMPARE(fact(once), fact(plain));
        QCOMPARE(fact(once), fact(plain)); // asked again: the remembered value
    }
}

void TestSiteFacts::askedAgain_notesWhatItRead_data()
{
    addFacts();
}

void TestSiteFacts::askedAgain_notesWhatItRead()
{
    QFETCH(Fact, fact);
    const Project project = tlsProject();
    QStringList computed;
    {
        const ReadLog log;
        fact(SiteFacts(project));
        computed = sorted(log.keys());
    }
    QVERIFY(!computed.isEmpty());
    const SiteFacts once(project, SiteFacts::Memo::Once);
    {
        const ReadLog first;
        fact(once);
        QCOMPARE(sorted(first.keys()), computed);
    }
    {
        const ReadLog second; // a later piece of the same render
        fact(once);
        QCOMPARE(sorted(second.keys()), computed);
    }
    {
        // Nested in another fact's first computation: the outer log hears of it too.
        const ReadLog outer;
        {
            const ReadLog inner;
            fact(once);
        }
        QCOMPARE(sorted(outer.keys()), computed);
    }
}

// Without the memo (every use outside a render), the facts follow the project as it changes.
void TestSiteFacts::withoutMemo_followsTheProject()
{
    Project project = Project::example();
    const SiteFacts facts(project);
    project.setValue(Key::ServerDomain, QStringLiteral("one.example"));
    QCOMPARE(facts.serverNames().constFirst(), QStringLiteral("one.example"));
    project.setValue(Key::ServerDomain, QStringLiteral("two.example"));
    QCOMPARE(facts.serverNames().constFirst(), QStringLiteral("two.example"));
    QVERIFY(facts.certDir().endsWith(project.text(Key::TlsCertName)));
}

QTEST_GUILESS_MAIN(TestSiteFacts)
#include "TestSiteFacts.moc"
