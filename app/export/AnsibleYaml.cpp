#include "export/AnsibleYaml.h"

namespace saltant {

QString AnsibleYaml::quoted(const QString& text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        default:
            // C0 and C1 controls, DEL, YAML's extra line breaks (NEL, LS, PS) and the BOM: escaped.
            if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029 || u == 0xfeff) {
                out += QStringLiteral("\\u%1").arg(static_cast<uint>(u), 4, 16, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString AnsibleYaml::unsafe(const QString& text)
{
    return QStringLiteral("!unsafe ") + quoted(text);
}

QString AnsibleYaml::unsafeList(const QStringList& items)
{
    QStringList parts;
    for (const QString& item : items) {
        parts << unsafe(item);
    }
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString AnsibleYaml::plainLabel(const QString& text)
{
    QString out;
    for (const QChar c : text) {
        if (c != QLatin1Char('{') && c != QLatin1Char('}') && c != QLatin1Char('%') && c != QLatin1Char('#')) {
            out += c;
        }
    }
    return out;
}

} // namespace saltant
