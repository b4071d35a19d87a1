#include "secrets/SecretPlaceholder.h"

#include <QTest>

using namespace saltant;

class TestSecretPlaceholder : public QObject
{
    Q_OBJECT

private slots:
    void placeholder_namesTheSecret()
    {
        QCOMPARE(SecretPlaceholder::placeholder(QStringLiteral("django.secretKey")),
                 QStringLiteral("<secret:django.secretKey>"));
    }

    void find_givesPositionsAndNames()
    {
        const QString text = QStringLiteral("URL='amqp://u:<secret:rabbitmq.password>@h'\nK=<secret:k_2>");
        const QList<SecretPlaceholder::Match> matches = SecretPlaceholder::find(text);
        QCOMPARE(matches.size(), 2);
        QCOMPARE(matches.at(0).name, QStringLiteral("rabbitmq.password"));
        QCOMPARE(text.mid(matches.at(0).start, matches.at(0).length), QStringLiteral("<secret:rabbitmq.password>"));
        QCOMPARE(matches.at(1).name, QStringLiteral("k_2"));
        QCOMPARE(matches.at(1).start + matches.at(1).length, text.size());
    }

    void find_ignoresWhatIsNoPlaceholder()
    {
        QVERIFY(SecretPlaceholder::find(QStringLiteral("KEY='<secret>' <secret:> <secret:a b> <Secret:x>")).isEmpty());
    }

    void names_eachOnceInOrder()
    {
        const QString text = SecretPlaceholder::placeholder(QStringLiteral("b")) +
                             SecretPlaceholder::placeholder(QStringLiteral("a")) + QStringLiteral("\n") +
                             SecretPlaceholder::placeholder(QStringLiteral("b"));
        QCOMPARE(SecretPlaceholder::names(text), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        QVERIFY(SecretPlaceholder::names(QStringLiteral("no secrets here")).isEmpty());
    }

    void mask_replacesEveryPlaceholderAndNothingElse()
    {
        QCOMPARE(
            SecretPlaceholder::mask(QStringLiteral("A=1\nP=<secret:p>;Q=<secret:q>\n<secret>"), QStringLiteral("***")),
            QStringLiteral("A=1\nP=***;Q=***\n<secret>"));
        QCOMPARE(SecretPlaceholder::mask(QStringLiteral("plain"), QStringLiteral("***")), QStringLiteral("plain"));
    }
};

QTEST_GUILESS_MAIN(TestSecretPlaceholder)
#include "TestSecretPlaceholder.moc"
