#pragma once

// Shared by the TestLint*.cpp rule tests: builds a lint context and checks one rule's three behaviours
// (fires with the right id, severity and field; stays quiet on the compliant case; its fix clears it).

#include "TestKeys.h"
#include "lint/Lint.h"

#include <QSet>
#include <QTest>

namespace lintcheck {

using namespace saltant;

inline void addColumns()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QStringList>("fire");             // --set style "key=value" making the rule fire on the example
    QTest::addColumn<QStringList>("compliant");        // settings close to `fire` on which the rule must stay quiet
    QTest::addColumn<QStringList>("secrets");          // "-name" = not stored; "name=value" = stored with that value
    QTest::addColumn<QStringList>("compliantSecrets"); // the same, for the compliant case
    QTest::addColumn<int>("severity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("hasFix");
}

// Every secret stored, each with a long random-looking value distinct from every user name.
struct Secrets
{
    QSet<QString> names;
    SecretValues values;
};

inline Secrets secrets(const QStringList& overrides = {})
{
    Secrets s;
    for (const SecretSpec& spec : Schema::secrets()) {
        s.names.insert(spec.name);
        s.values.set(spec.name, QStringLiteral("Vq7#mZ2pL9xK-") + spec.name);
    }
    for (const QString& o : overrides) {
        if (o.startsWith(QLatin1Char('-'))) {
            s.names.remove(o.mid(1));
            s.values.set(o.mid(1), QString());
        } else {
            const int eq = o.indexOf(QLatin1Char('='));
            s.values.set(o.left(eq), o.mid(eq + 1));
        }
    }
    return s;
}

inline bool apply(Project& p, const QStringList& sets)
{
    for (const QString& set : sets) {
        const int eq = set.indexOf(QLatin1Char('='));
        QString error;
        if (!p.setFromString(settingKey(set.left(eq)), set.mid(eq + 1), &error)) {
            qWarning("%s: %s", qPrintable(set), qPrintable(error));
            return false;
        }
    }
    return true;
}

inline QList<LintIssue> issuesOf(const QList<LintIssue>& all, const QString& rule)
{
    QList<LintIssue> out;
    for (const LintIssue& i : all) {
        if (i.ruleId == rule) {
            out << i;
        }
    }
    return out;
}

inline QList<LintIssue> lint(const Project& p, const Secrets& s, const QString& rule)
{
    return issuesOf(Linter::run(LintContext{p, s.names, &s.values}), rule);
}

inline QSet<QString> errorRules(const Project& p, const Secrets& s)
{
    QSet<QString> ids;
    for (const LintIssue& i : Linter::run(LintContext{p, s.names, &s.values})) {
        if (i.severity == Severity::Error) {
            ids.insert(i.ruleId);
        }
    }
    return ids;
}

// The body of every data-driven rule test; call after the caller's _data() rows are fetched.
inline void verifyRow()
{
    QFETCH(QString, rule);
    QFETCH(QStringList, fire);
    QFETCH(QStringList, compliant);
    QFETCH(QStringList, secrets);
    QFETCH(QStringList, compliantSecrets);
    QFETCH(int, severity);
    QFETCH(QString, field);
    QFETCH(bool, hasFix);
    const Secrets s = lintcheck::secrets(secrets);

    // 1. Fires, with the right id, severity and field, and a message.
    Project p = Project::example();
    QVERIFY(apply(p, fire));
    const QList<LintIssue> found = lint(p, s, rule);
    QCOMPARE(found.size(), 1);
    const LintIssue issue = found.first();
    QCOMPARE(int(issue.severity), severity);
    QCOMPARE(issue.field, field);
    QVERIFY2(issue.message.size() > 40, qPrintable(issue.message));
    QVERIFY(Schema::field(issue.field) || Schema::secret(issue.field));
    QCOMPARE(issue.fix.has_value(), hasFix);

    // 2. Quiet on the compliant case.
    Project good = Project::example();
    QVERIFY(apply(good, compliant));
    const QList<LintIssue> quiet = lint(good, lintcheck::secrets(compliantSecrets), rule);
    QVERIFY2(quiet.isEmpty(), qPrintable(quiet.isEmpty() ? QString() : quiet.first().message));

    // 3. The fix clears it, changes only valid values, and brings in no error that was not there before.
    if (hasFix) {
        const QSet<QString> before = errorRules(p, s);
        QString error;
        QVERIFY2(Linter::applyFix(p, *issue.fix, &error), qPrintable(error));
        QVERIFY(!issue.fix->description.isEmpty());
        QVERIFY(lint(p, s, rule).isEmpty());
        const QSet<QString> after = errorRules(p, s);
        QVERIFY2((after - before).isEmpty(), qPrintable(QStringList((after - before).values()).join(QLatin1Char(' '))));
    }
}

inline void row(const char* name, const char* rule, const QStringList& fire, const QStringList& compliant,
                Severity severity, const QString& field, bool hasFix, const QStringList& secrets = {},
                const QStringList& compliantSecrets = {})
{
    QTest::newRow(name) << QString::fromLatin1(rule) << fire << compliant << secrets << compliantSecrets
                        << int(severity) << field << hasFix;
}

} // namespace lintcheck
