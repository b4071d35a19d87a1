#pragma once

#include <QString>
#include <QWidget>

class QLabel;

namespace saltant {

// Shows the image a branding setting points at (logo, favicon) as the user picks it: a thumbnail read with
// QImageReader, its format and size, and for the logo whether it is the square PNG saltant needs.
class BrandingPicker : public QWidget
{
    Q_OBJECT

public:
    // requireSquarePng: the logo; otherwise the favicon (an .ico).
    BrandingPicker(const QString& key, bool requireSquarePng, QWidget* parent = nullptr);

    void setPath(const QString& path);
    QString summary() const;
    bool isAcceptable() const { return m_acceptable; }

private:
    QString m_path;
    bool m_requireSquarePng;
    bool m_acceptable = false;
    QLabel* m_thumbnail;
    QLabel* m_summary;
};

} // namespace saltant
