#include "model/Project.h"
#include "model/ReadLog.h"
#include "model/Schema.h"
#include "model/SettingKeys.h"

#include <QTest>
#include <algorithm>

using namespace saltant;

// ReadLog: what a piece of code read, each key once, however often and however many (more than its hash set holds).
class TestReadLog : public QObject
{
    Q_OBJECT

private slots:
    void repeatedReads_areKeptOnce();
    void everySetting_readTwice_isKeptOnceEach();
    void nestedLogs_passTheirKeysOut();
    void noteAll_addsToTheOpenLogOnly();
    void filter_hasTheBitOfEveryKey();
};

void TestReadLog::repeatedReads_areKeptOnce()
{
    const Project project = Project::example();
    ReadLog log;
    for (int i = 0; i < 50; ++i) {
        project.text(Key::ServerDomain);
        project.flag(Key::TlsEnabled);
    }
    QCOMPARE(log.keys().size(), 2);
    QVERIFY(log.keys().contains(Key::ServerDomain));
    QVERIFY(log.keys().contains(Key::TlsEnabled));
}

void TestReadLog::everySetting_readTwice_isKeptOnceEach()
{
    const Project project = Project::example();
    const QList<FieldSpec>& fields = Schema::fields();
    QVERIFY(fields.size() > 100); // beyond the keys the log's hash set indexes
    ReadLog log;
    for (int round = 0; round < 2; ++round) {
        for (const FieldSpec& field : fields) {
            project.stored(field.key);
        }
    }
    QCOMPARE(log.keys().size(), fields.size());
    for (const FieldSpec& field : fields) {
        QCOMPARE(std::count(log.keys().cbegin(), log.keys().cend(), field.key), 1);
    }
}

void TestReadLog::nestedLogs_passTheirKeysOut()
{
    const Project project = Project::example();
    ReadLog outer;
    project.text(Key::ServerDomain);
    {
        ReadLog inner;
        project.text(Key::ServerDomain);
        project.text(Key::NginxClientMaxBodySize);
        QCOMPARE(inner.keys().size(), 2);
    }
    QCOMPARE(outer.keys().size(), 2);
    QVERIFY(outer.keys().contains(Key::NginxClientMaxBodySize));
}

void TestReadLog::noteAll_addsToTheOpenLogOnly()
{
    ReadLog::Keys keys;
    keys << Key::ServerDomain << Key::TlsEnabled;
    ReadLog::noteAll(keys); // no log open: nothing to do, nothing kept
    ReadLog log;
    ReadLog::noteAll(keys);
    ReadLog::noteAll(keys);
    QCOMPARE(log.keys().size(), 2);
}

void TestReadLog::filter_hasTheBitOfEveryKey()
{
    const Project project = Project::example();
    ReadLog log;
    QCOMPARE(log.filter(), quint64(0));
    project.text(Key::ServerDomain);
    project.flag(Key::TlsEnabled);
    QCOMPARE(log.filter(), ReadLog::filterOf(Key::ServerDomain) | ReadLog::filterOf(Key::TlsEnabled));
}

QTEST_GUILESS_MAIN(TestReadLog)
#include "TestReadLog.moc"
