#include "plan/DeployManifest.h"

#include <QTest>

using namespace saltant;

// The deploy manifest's JSON: what a deploy writes is what the next plan reads; anything else is refused.
class TestDeployManifest : public QObject
{
    Q_OBJECT

private slots:
    void toJson_fromJson_roundTrip()
    {
        DeployManifest m;
        m.project = QStringLiteral("jobs.example.org");
        m.toolVersion = QStringLiteral("1.2.3");
        m.time = QDateTime(QDate(2026, 12, 7), QTime(12, 34, 56), Qt::UTC);
        m.files.append({QStringLiteral("/etc/nginx/sites-available/saltant_nginx.conf"),
                        DeployManifest::sha256("server {}\n"), 0644, QStringLiteral("root"), QStringLiteral("root")});
        m.files.append({QStringLiteral("/home/ubuntu/saltant/.env"), DeployManifest::sha256("SECRET=x\n"), 0640,
                        QStringLiteral("ubuntu"), QStringLiteral("www-data")});
        const QByteArray json = m.toJson();
        QVERIFY2(json.contains("\"time\": \"2026-12-07T12:34:56Z\""), json.constData());
        QVERIFY2(json.contains("\"mode\": \"0640\""), json.constData());
        QVERIFY(!json.contains("SECRET"));
        DeployManifest back;
        QString error;
        QVERIFY2(DeployManifest::fromJson(json, &back, &error), qPrintable(error));
        QCOMPARE(back.project, m.project);
        QCOMPARE(back.toolVersion, m.toolVersion);
        QCOMPARE(back.time, m.time);
        QCOMPARE(back.files.size(), 2);
        QVERIFY(back.files.at(0) == m.files.at(0));
        QVERIFY(back.files.at(1) == m.files.at(1));
        QVERIFY(back.find(QStringLiteral("/home/ubuntu/saltant/.env")));
        QCOMPARE(back.find(QStringLiteral("/home/ubuntu/saltant/.env"))->mode, 0640);
        QVERIFY(!back.find(QStringLiteral("/nowhere")));
    }

    void sha256_isHexOfTheBytes()
    {
        QCOMPARE(DeployManifest::sha256("abc"),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void paths_underTheStateDirectory()
    {
        QCOMPARE(DeployManifest::manifestPath(QStringLiteral("/var/lib/saltant-deploy")),
                 QStringLiteral("/var/lib/saltant-deploy/manifest.json"));
        QCOMPARE(DeployManifest::deployedCopyPath(QStringLiteral("/var/lib/saltant-deploy"),
                                                  QStringLiteral("/etc/nginx/sites-available/x.conf")),
                 QStringLiteral("/var/lib/saltant-deploy/deployed/etc/nginx/sites-available/x.conf"));
    }

    void fromJson_refusesWhatIsNotAManifest_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const QByteArray hash = DeployManifest::sha256("x").toLatin1();
        QTest::newRow("not json") << QByteArray("{oops") << QStringLiteral("not valid JSON");
        QTest::newRow("no files") << QByteArray("{\"project\": \"p\"}") << QStringLiteral("no list of files");
        QTest::newRow("relative path") << QByteArray("{\"files\": [{\"path\": \"etc/x\", \"sha256\": \"" + hash +
                                                     "\", \"mode\": \"0644\", \"owner\": \"root\", \"group\": "
                                                     "\"root\"}]}")
                                       << QStringLiteral("etc/x");
        QTest::newRow("short hash") << QByteArray("{\"files\": [{\"path\": \"/x\", \"sha256\": \"abc\", \"mode\": "
                                                  "\"0644\", \"owner\": \"root\", \"group\": \"root\"}]}")
                                    << QStringLiteral("incomplete");
        QTest::newRow("bad mode") << QByteArray("{\"files\": [{\"path\": \"/x\", \"sha256\": \"" + hash +
                                                "\", \"mode\": \"rw\", \"owner\": \"root\", \"group\": \"root\"}]}")
                                  << QStringLiteral("incomplete");
        QTest::newRow("no owner") << QByteArray("{\"files\": [{\"path\": \"/x\", \"sha256\": \"" + hash +
                                                "\", \"mode\": \"0644\", \"group\": \"root\"}]}")
                                  << QStringLiteral("incomplete");
    }

    void fromJson_refusesWhatIsNotAManifest()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        DeployManifest m;
        QString message;
        QVERIFY(!DeployManifest::fromJson(json, &m, &message));
        QVERIFY2(message.contains(error), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestDeployManifest)
#include "TestDeployManifest.moc"
