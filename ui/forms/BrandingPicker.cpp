#include "forms/BrandingPicker.h"

#include "common/Palette.h"

#include <QDir>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPixmap>

namespace saltant {
namespace {

constexpr int ThumbnailSize = 72;

} // namespace

BrandingPicker::BrandingPicker(const QString& key, bool requireSquarePng, QWidget* parent)
    : QWidget(parent), m_requireSquarePng(requireSquarePng), m_thumbnail(new QLabel(this)), m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("brandingPreview_") + key.section(QLatin1Char('.'), -1));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_thumbnail->setFixedSize(ThumbnailSize, ThumbnailSize);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setFrameShape(QFrame::StyledPanel);
    m_thumbnail->setAccessibleName(requireSquarePng ? tr("Logo preview") : tr("Favicon preview"));
    m_summary->setWordWrap(true);
    m_summary->setObjectName(objectName() + QStringLiteral("_summary"));
    row->addWidget(m_thumbnail);
    row->addWidget(m_summary, 1);
    setPath(QString());
}

void BrandingPicker::setPath(const QString& path)
{
    if (path == m_path && !m_summary->text().isEmpty()) {
        return;
    }
    m_path = path;
    m_acceptable = false;
    m_thumbnail->clear();
    m_summary->setStyleSheet(QString());
    if (path.isEmpty()) {
        m_thumbnail->setText(tr("None"));
        m_summary->setText(m_requireSquarePng ? tr("No logo: the site keeps saltant's own.")
                                              : tr("No favicon: the site keeps saltant's own."));
        return;
    }
    QString file = path;
    if (file.startsWith(QLatin1String("~/"))) {
        file = QDir::homePath() + file.mid(1);
    }
    QImageReader reader(file);
    const QByteArray format = reader.format();
    const QSize size = reader.size();
    const QImage image = reader.read();
    if (image.isNull()) {
        m_thumbnail->setText(tr("?"));
        m_summary->setText(tr("Cannot read this image: %1.").arg(reader.errorString()));
    } else {
        m_thumbnail->setPixmap(QPixmap::fromImage(
            image.scaled(m_thumbnail->size() * devicePixelRatioF(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        const QString facts =
            tr("%1, %2 × %3 px").arg(QString::fromLatin1(format).toUpper()).arg(size.width()).arg(size.height());
        if (!m_requireSquarePng) {
            m_acceptable = format == "ico";
            m_summary->setText(m_acceptable ? facts : facts + tr(" — not an .ico file."));
        } else if (format != "png") {
            m_summary->setText(facts + tr(" — not a PNG: the logo must be a PNG file."));
        } else if (size.width() != size.height()) {
            m_summary->setText(facts + tr(" — not square: the logo must be 1:1."));
        } else {
            m_acceptable = true;
            m_summary->setText(facts + tr(" — square PNG, ready to upload."));
        }
    }
    const auto role = m_acceptable ? Palette::Role::Info : Palette::Role::Error;
    m_summary->setStyleSheet(QStringLiteral("color: ") + Palette::color(role, palette()).name() + QLatin1Char(';'));
}

QString BrandingPicker::summary() const
{
    return m_summary->text();
}

} // namespace saltant
