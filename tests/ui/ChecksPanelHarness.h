#pragma once

#include "panels/ChecksPanel.h"

#include <QApplication>
#include <QHostAddress>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QTest>
#include <QTreeWidget>
#include <memory>

namespace saltant {

// The Server Checks panel driven by its buttons (objectName): the panel, its finished() spy and what a row shows
// (verdict icon and tooltip, detail, remedy). Test classes derive from it next to QObject; VERIFY_ROW and friends
// below use its members.
class ChecksPanelHarness
{
public:
    static QStringList names() { return {QStringLiteral("localhost"), QStringLiteral("www.localhost")}; }

    static QString verdictWord(CheckVerdict verdict)
    {
        return verdict == CheckVerdict::Pass   ? QStringLiteral("Passed")
               : verdict == CheckVerdict::Warn ? QStringLiteral("Warning")
                                               : QStringLiteral("Failed");
    }

    static QIcon verdictIcon(CheckVerdict verdict, const QStyle* style)
    {
        return style->standardIcon(verdict == CheckVerdict::Pass   ? QStyle::SP_DialogApplyButton
                                   : verdict == CheckVerdict::Warn ? QStyle::SP_MessageBoxWarning
                                                                   : QStyle::SP_MessageBoxCritical);
    }

    // The verdict whose standard icon a row's icon is closest to: a view that drew an icon caches scaled copies in
    // it, so the row's icon is matched by likeness, not equality.
    static CheckVerdict shownVerdict(const QIcon& icon, const QStyle* style)
    {
        const QImage shown = iconImage(icon);
        CheckVerdict best = CheckVerdict::Pass;
        for (CheckVerdict verdict : {CheckVerdict::Warn, CheckVerdict::Fail}) {
            if (distance(shown, iconImage(verdictIcon(verdict, style))) <
                distance(shown, iconImage(verdictIcon(best, style)))) {
                best = verdict;
            }
        }
        return best;
    }

    // True when the three verdict icons can be told apart (the row assertions mean nothing otherwise).
    static bool verdictIconsDiffer()
    {
        for (CheckVerdict verdict : {CheckVerdict::Pass, CheckVerdict::Warn, CheckVerdict::Fail}) {
            if (shownVerdict(verdictIcon(verdict, QApplication::style()), QApplication::style()) != verdict) {
                return false;
            }
        }
        return true;
    }

    // Options that resolve names() to 127.0.0.1 and map the given ports.
    static CheckOptions loopbackOptions(const QHash<int, int>& portMap)
    {
        CheckOptions o;
        o.timeoutMs = 15000;
        for (const QString& name : names()) {
            o.hostAddresses[name] = {QHostAddress(QHostAddress::LocalHost)};
        }
        o.portMap = portMap;
        return o;
    }

    // Every port the checks use answers on the one port of preflight's listener, AMQPS on amqps.
    static CheckOptions preflightOptions(quint16 open, quint16 amqps)
    {
        return loopbackOptions({{22, open}, {80, open}, {443, open}, {5671, amqps}});
    }

    // Every health check goes to a server that accepts and never answers.
    static CheckOptions silentOptions(quint16 silent)
    {
        return loopbackOptions({{80, silent}, {443, silent}, {5671, silent}});
    }

    bool openPanel(const Project& project)
    {
        m_panel = std::make_unique<ChecksPanel>();
        m_panel->setProject(project);
        m_finished = std::make_unique<QSignalSpy>(m_panel.get(), &ChecksPanel::finished);
        m_panel->show();
        return QTest::qWaitForWindowExposed(m_panel.get());
    }

    void closePanel()
    {
        m_finished.reset();
        m_panel.reset();
    }

    // Clicks the panel's button and waits for finished(); false when it was disabled or did not finish.
    bool runByButton(const char* name)
    {
        const qsizetype before = m_finished->size();
        QPushButton* b = button(name);
        if (!b || !b->isEnabled()) {
            return false;
        }
        b->click();
        return QTest::qWaitFor([&] { return m_finished->size() > before; }, 60000);
    }

    QPushButton* button(const char* name) const { return m_panel->findChild<QPushButton*>(QLatin1String(name)); }
    QString status() const { return m_panel->findChild<QLabel*>(QStringLiteral("checksStatus"))->text(); }

    QStringList ids() const
    {
        QStringList out;
        const auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("checksList"));
        for (int i = 0; i < list->topLevelItemCount(); ++i) {
            out << list->topLevelItem(i)->data(ChecksPanel::CheckColumn, Qt::UserRole).toString();
        }
        return out;
    }

    QTreeWidgetItem* row(const QString& id) const
    {
        const auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("checksList"));
        const int index = ids().indexOf(id);
        return index < 0 ? nullptr : list->topLevelItem(index);
    }

    QString text(const QString& id, int column) const { return row(id) ? row(id)->text(column) : QString(); }

    // Empty when the row of id shows verdict (icon, tooltip) with consistent detail/remedy columns.
    QString rowMismatch(const QString& id, CheckVerdict verdict) const
    {
        const QTreeWidgetItem* item = row(id);
        if (!item) {
            return id + QStringLiteral(": no row in\n") + rowsText();
        }
        const QString title = item->text(ChecksPanel::CheckColumn);
        const QString detail = item->text(ChecksPanel::DetailColumn);
        const QString remedy = item->text(ChecksPanel::RemedyColumn);
        const QString shown = item->toolTip(ChecksPanel::CheckColumn) + QStringLiteral(": ") + title +
                              QStringLiteral(" | ") + detail + QStringLiteral(" | ") + remedy;
        if (item->toolTip(ChecksPanel::CheckColumn) !=
            verdictWord(verdict) + QStringLiteral(" (") + id + QLatin1Char(')')) {
            return QStringLiteral("expected the tooltip \"%1 (%2)\": %3").arg(verdictWord(verdict), id, shown);
        }
        if (shownVerdict(item->icon(ChecksPanel::CheckColumn), m_panel->style()) != verdict) {
            return QStringLiteral("the icon is not the one for %1: %2").arg(verdictWord(verdict), shown);
        }
        if (title.isEmpty() || detail.isEmpty()) {
            return QStringLiteral("no title or detail: ") + shown;
        }
        if (remedy.isEmpty() != (verdict == CheckVerdict::Pass)) {
            return QStringLiteral("every row that did not pass has a remedy, only those: ") + shown;
        }
        if (item->toolTip(ChecksPanel::DetailColumn) != detail || item->toolTip(ChecksPanel::RemedyColumn) != remedy) {
            return QStringLiteral("the detail and remedy tooltips differ from the text: ") + shown;
        }
        return QString();
    }

    int countShown(CheckVerdict verdict) const
    {
        int count = 0;
        for (const QString& id : ids()) {
            count +=
                row(id)->toolTip(ChecksPanel::CheckColumn).startsWith(verdictWord(verdict) + QLatin1Char(' ')) ? 1 : 0;
        }
        return count;
    }

    QString rowsText() const
    {
        QStringList lines;
        for (const QString& id : ids()) {
            lines << row(id)->toolTip(ChecksPanel::CheckColumn) + QStringLiteral(": ") +
                         text(id, ChecksPanel::DetailColumn) + QStringLiteral(" | ") +
                         text(id, ChecksPanel::RemedyColumn);
        }
        return status() + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
    }

protected:
    std::unique_ptr<ChecksPanel> m_panel;
    std::unique_ptr<QSignalSpy> m_finished;

private:
    static QImage iconImage(const QIcon& icon)
    {
        return icon.pixmap(16, 16).toImage().convertToFormat(QImage::Format_ARGB32).scaled(16, 16);
    }

    // How far apart two icons look: the sum of the channel differences of their 16x16 images.
    static qint64 distance(const QImage& a, const QImage& b)
    {
        qint64 sum = 0;
        for (int i = 0; i < 256; ++i) {
            const QRgb p = a.pixel(i % 16, i / 16);
            const QRgb q = b.pixel(i % 16, i / 16);
            sum += qAbs(qRed(p) - qRed(q)) + qAbs(qGreen(p) - qGreen(q)) + qAbs(qBlue(p) - qBlue(q)) +
                   qAbs(qAlpha(p) - qAlpha(q));
        }
        return sum;
    }
};

} // namespace saltant

#define VERIFY_ROW(id, verdict)                                                                                        \
    do {                                                                                                               \
        const QString mismatch = rowMismatch(id, verdict);                                                             \
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));                                                            \
    } while (false)

#define VERIFY_EVERY_ROW(verdict)                                                                                      \
    do {                                                                                                               \
        for (const QString& everyId : ids()) {                                                                         \
            VERIFY_ROW(everyId, verdict);                                                                              \
        }                                                                                                              \
    } while (false)

// A finished run that was not cancelled, whose failure count matches the rows shown as failed.
#define VERIFY_RUN(button)                                                                                             \
    do {                                                                                                               \
        QVERIFY2(runByButton(button), qPrintable(status()));                                                           \
        QVERIFY2(!m_finished->last().at(0).toBool(), qPrintable(status()));                                            \
        QCOMPARE(m_finished->last().at(1).toInt(), countShown(CheckVerdict::Fail));                                    \
    } while (false)

#define VERIFY_TEXT(id, column, test, expected)                                                                        \
    QVERIFY2(text(id, ChecksPanel::column).test(QStringLiteral(expected)), qPrintable(rowsText()))
