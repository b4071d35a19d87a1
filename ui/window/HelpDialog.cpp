#include "window/HelpDialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace saltant {

HelpDialog::HelpDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("helpDialog"));
    setWindowTitle(tr("Saltant Deploy Help"));
    auto* layout = new QVBoxLayout(this);
    auto* browser = new QTextBrowser(this);
    browser->setObjectName(QStringLiteral("helpText"));
    browser->setOpenExternalLinks(true);
    browser->setHtml(helpHtml());
    layout->addWidget(browser);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 560);
}

QString HelpDialog::helpHtml()
{
    return tr("<h2>Saltant Deploy</h2>"
              "<p>Saltant Deploy writes and deploys the configuration of a production saltant server: Django under "
              "uWSGI behind nginx, PostgreSQL, RabbitMQ, Celery and Flower.</p>"
              "<h3>Workflow</h3>"
              "<ol>"
              "<li><b>Fill in the forms.</b> Pick a section on the left; every setting has a tooltip saying which "
              "file and line it becomes. Settings with grey text follow another setting until you type a value.</li>"
              "<li><b>Watch the preview.</b> Every generated file is regenerated as you type; the lines your last "
              "edit changed light up briefly. Files with a lock hold secrets, which are masked.</li>"
              "<li><b>Store the secrets</b> (passwords, tokens, the Django SECRET_KEY) in the keychain from the "
              "section they belong to. They never go into the project file.</li>"
              "<li><b>Clear the problems.</b> The Problems panel lists mistakes the guide makes easy to repeat; "
              "double-click one to go to its setting, or press <i>Fix</i> when a fix is offered. Every edit and fix "
              "can be undone (Ctrl+Z).</li>"
              "<li><b>Save</b> the project (<tt>*.saltant.json</tt>): it holds no secrets and is safe to commit.</li>"
              "<li><b>Deploy</b>: the app connects over SSH, shows what would change and applies it as one "
              "transaction that rolls back on failure.</li>"
              "</ol>"
              "<h3>Command line: saltant-deploy-cli</h3>"
              "<table cellpadding=\"3\">"
              "<tr><td><tt>saltant-deploy-cli new FILE</tt></td><td>write the example project to FILE</td></tr>"
              "<tr><td><tt>saltant-deploy-cli settings [--project FILE]</tt></td><td>print every setting as "
              "dotted.key=value</td></tr>"
              "<tr><td><tt>saltant-deploy-cli render --out DIR [--project FILE] [--set KEY=VALUE]</tt></td>"
              "<td>write every generated file under DIR</td></tr>"
              "<tr><td><tt>saltant-deploy-cli lint [--project FILE]</tt></td><td>list the problems the Problems "
              "panel shows</td></tr>"
              "</table>"
              "<p>Run <tt>saltant-deploy-cli COMMAND --help</tt> for every option.</p>");
}

} // namespace saltant
