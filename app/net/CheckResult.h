#pragma once

#include <QMetaType>
#include <QString>

namespace saltant {

enum class CheckVerdict
{
    Pass,
    Warn,
    Fail
};

// The outcome of one preflight or health check: what was checked, what was found and, unless it passed, the
// one thing to do about it ("port 5671 closed: open it in the instance's firewall/security group").
struct CheckResult
{
    QString id;    // stable, e.g. "port.amqps", "tls.site.www.example.com"
    QString title; // "AMQPS port", translated
    CheckVerdict verdict = CheckVerdict::Fail;
    QString detail; // what was found
    QString remedy; // what to do; empty when it passed

    // "PASS", "WARN", "FAIL" (not translated: the CLI's output is parsed by scripts).
    static QString verdictLabel(CheckVerdict verdict);
    // "FAIL  AMQPS port: 127.0.0.1:5671 refused the connection — open it in ..." (the CLI's line).
    QString toLine() const;
};

} // namespace saltant

Q_DECLARE_METATYPE(saltant::CheckResult)
