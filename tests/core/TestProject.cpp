#include "model/Project.h"
#include "model/ReadLog.h"
#include "model/SettingKeys.h"

#include <QTest>
#include <algorithm>

using namespace saltant;

// Project::changedSettings(), which RenderCache asks after every keystroke: one edit ago, unrelated projects, values
// changed back, settings stored on one side only.
class TestProject : public QObject
{
    Q_OBJECT

private slots:
    void changedSettings_copyIsUnchanged();
    void changedSettings_oneEditAgo_namesTheEditedSetting();
    void changedSettings_sameValueAgain_isUnchanged();
    void changedSettings_editedApart_comparesEveryValue();
    void changedSettings_changedBack_isUnchanged();
    void changedSettings_storedOnOneSideOnly_comparesWithTheDefault();
    void changedSettings_readsNothingIntoALog();
    void follow_oneEditLater_appliesItToItsOwnValues();
    void follow_anyOtherProject_becomesItsCopy();
};

namespace {

QStringList names(const QList<SettingKey>& keys)
{
    QStringList out;
    for (const SettingKey& key : keys) {
        out << key.name();
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

void TestProject::changedSettings_copyIsUnchanged()
{
    const Project example = Project::example();
    const Project copy = example;
    QVERIFY(copy.changedSettings(example).isEmpty());
    QVERIFY(example.changedSettings(copy).isEmpty());
}

void TestProject::changedSettings_oneEditAgo_namesTheEditedSetting()
{
    const Project before = Project::example();
    Project after = before;
    QVERIFY(after.setValue(Key::ServerDomain, QStringLiteral("other.example.org")));
    QCOMPARE(names(after.changedSettings(before)), QStringList{QStringLiteral("server.domain")});
    // The other way round is not one edit ago: every value is compared, with the same answer.
    QCOMPARE(names(before.changedSettings(after)), QStringList{QStringLiteral("server.domain")});
}

void TestProject::changedSettings_sameValueAgain_isUnchanged()
{
    const Project before = Project::example();
    Project after = before;
    QVERIFY(after.setValue(Key::ServerDomain, before.stored(Key::ServerDomain)));
    QVERIFY(after.changedSettings(before).isEmpty());
    const QString size = before.text(Key::NginxClientMaxBodySize);
    QVERIFY(after.setValue(Key::NginxClientMaxBodySize, QString(size.constData(), size.size())));
    QVERIFY(after.changedSettings(before).isEmpty()); // an equal text held in other characters
}

void TestProject::changedSettings_editedApart_comparesEveryValue()
{
    Project a = Project::example();
    Project b = a;
    QVERIFY(a.setValue(Key::ServerDomain, QStringLiteral("a.example.org")));
    QVERIFY(b.setValue(Key::NginxClientMaxBodySize, QStringLiteral("20M")));
    QVERIFY(b.setValue(Key::TlsEnabled, !a.flag(Key::TlsEnabled)));
    const QStringList expected{QStringLiteral("nginx.clientMaxBodySize"), QStringLiteral("server.domain"),
                               QStringLiteral("tls.enabled")};
    QCOMPARE(names(a.changedSettings(b)), expected);
    QCOMPARE(names(b.changedSettings(a)), expected);
}

void TestProject::changedSettings_changedBack_isUnchanged()
{
    const Project before = Project::example();
    Project after = before;
    QVERIFY(after.setValue(Key::ServerDomain, QStringLiteral("other.example.org")));
    QVERIFY(after.setValue(Key::ServerDomain, before.stored(Key::ServerDomain)));
    QVERIFY(after.changedSettings(before).isEmpty());
}

void TestProject::changedSettings_storedOnOneSideOnly_comparesWithTheDefault()
{
    const Project empty;
    const Project example = Project::example();
    // The example stores every default: nothing differs from a project that stores none.
    QVERIFY(empty.changedSettings(example).isEmpty());
    QVERIFY(example.changedSettings(empty).isEmpty());
    Project edited;
    QVERIFY(edited.setValue(Key::ServerDomain, QStringLiteral("other.example.org")));
    QCOMPARE(names(edited.changedSettings(example)), QStringList{QStringLiteral("server.domain")});
    QCOMPARE(names(example.changedSettings(edited)), QStringList{QStringLiteral("server.domain")});
}

void TestProject::changedSettings_readsNothingIntoALog()
{
    const Project before = Project::example();
    Project after = before;
    QVERIFY(after.setValue(Key::ServerDomain, QStringLiteral("other.example.org")));
    ReadLog log;
    QCOMPARE(after.changedSettings(before).size(), 1);
    QCOMPARE(Project(after).changedSettings(Project::example()).size(), 1);
    QVERIFY(log.keys().isEmpty());
}

void TestProject::follow_oneEditLater_appliesItToItsOwnValues()
{
    Project edited = Project::example();
    Project kept;
    kept.follow(edited); // not one edit later: a copy
    QVERIFY(kept == edited);
    for (const QString& domain : {QStringLiteral("a.example.org"), QStringLiteral("b.example.org")}) {
        QVERIFY(edited.setValue(Key::ServerDomain, domain));
        QCOMPARE(edited.changedSettings(kept).size(), 1);
        kept.follow(edited);
        QVERIFY(kept == edited);
        QVERIFY(edited.changedSettings(kept).isEmpty());
    }
    // Each kept its own values: editing one leaves the other as it was.
    QVERIFY(edited.setValue(Key::NginxClientMaxBodySize, QStringLiteral("20M")));
    QCOMPARE(kept.text(Key::NginxClientMaxBodySize), Project::example().text(Key::NginxClientMaxBodySize));
    QCOMPARE(kept.text(Key::ServerDomain), QStringLiteral("b.example.org"));
}

void TestProject::follow_anyOtherProject_becomesItsCopy()
{
    Project kept = Project::example();
    Project other = Project::example();
    QVERIFY(other.setValue(Key::ServerDomain, QStringLiteral("other.example.org")));
    QVERIFY(other.addWorker(QStringLiteral("worker-1")));
    other.setProjectId(QStringLiteral("other"));
    kept.follow(other); // other's last edit is not one after kept: every value is taken
    QVERIFY(kept == other);
    QCOMPARE(kept.workers().size(), 1);
    QCOMPARE(kept.projectId(), QStringLiteral("other"));
}

QTEST_GUILESS_MAIN(TestProject)
#include "TestProject.moc"
