#include "GoldenFiles.h"
#include "UiTestMain.h"
#include "common/FileDialog.h"
#include "window/AnsibleExportDialog.h"

#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

using namespace saltant;

// File > Export > Ansible…: the dialog writes what `export ansible` writes (real ansible-vault), with the keychain's
// vault password or one typed twice, and nothing secret in clear.
class TestAnsibleExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void typedPassword_mustMatch_thenExports();
    void storedPassword_isTheDefault();
    void invalidProject_exportsNothing_andSaysWhy();

private:
    static Project fleet() { return GoldenFiles::fleetProject(); }
    static SecretValues secrets(bool withVault)
    {
        SecretValues s;
        for (const char* name :
             {"django.secretKey", "django.apiToken", "email.password", "database.password", "rabbitmq.password",
              "flower.password", "aws.secretKey", "rollbar.token", "sudo.password", "taskEnv.HF_TOKEN"}) {
            s.set(QString::fromLatin1(name), QStringLiteral("SECRET-%1-0123456789").arg(QString::fromLatin1(name)));
        }
        if (withVault) {
            s.set(QStringLiteral("ansible.vaultPassword"), QStringLiteral("stored vault password"));
        }
        return s;
    }
    template<class T>
    static T* child(QWidget* parent, const char* name)
    {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }
};

void TestAnsibleExportDialog::typedPassword_mustMatch_thenExports()
{
    QTemporaryDir dir;
    AnsibleExportDialog dialog(fleet(), secrets(false));
    dialog.show();
    QVERIFY(!child<QRadioButton>(&dialog, "ansibleExportStoredPassword")->isEnabled());
    QVERIFY(child<QRadioButton>(&dialog, "ansibleExportTypedPassword")->isChecked());
    auto* exportButton = child<QPushButton>(&dialog, "ansibleExportButton");
    QVERIFY(!exportButton->isEnabled());
    // Browse… goes through the file dialog's seam.
    FileDialog::setNextFileName(dir.filePath(QStringLiteral("out")));
    child<QPushButton>(&dialog, "ansibleExportBrowse")->click();
    QCOMPARE(child<QLineEdit>(&dialog, "ansibleExportDirectory")->text(), dir.filePath(QStringLiteral("out")));
    child<QLineEdit>(&dialog, "ansibleExportPassword")->setText(QStringLiteral("typed vault password"));
    child<QLineEdit>(&dialog, "ansibleExportConfirm")->setText(QStringLiteral("typo"));
    QVERIFY(exportButton->isEnabled());
    exportButton->click();
    QVERIFY(child<QLabel>(&dialog, "ansibleExportStatus")->text().contains(QLatin1String("differ")));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out"))));

    child<QLineEdit>(&dialog, "ansibleExportConfirm")->setText(QStringLiteral("typed vault password"));
    exportButton->click();
    QVERIFY(dialog.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 120000);
    QVERIFY2(dialog.result().ok(), qPrintable(dialog.result().error));
    QVERIFY(child<QLabel>(&dialog, "ansibleExportStatus")->text().contains(QLatin1String("ansible-playbook")));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("out/playbook.yml"))));
    QVERIFY(child<QLineEdit>(&dialog, "ansibleExportPassword")->text().isEmpty());
    // No secret in clear anywhere in the export.
    const SecretValues s = secrets(false);
    QDirIterator it(dir.filePath(QStringLiteral("out")), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        for (const QString& name : s.names()) {
            QVERIFY2(!bytes.contains(s.value(name).toUtf8()), qPrintable(file.fileName() + QLatin1Char(' ') + name));
        }
        QVERIFY(!bytes.contains("typed vault password"));
    }
}

void TestAnsibleExportDialog::storedPassword_isTheDefault()
{
    QTemporaryDir dir;
    AnsibleExportDialog dialog(fleet(), secrets(true));
    dialog.show();
    QVERIFY(child<QRadioButton>(&dialog, "ansibleExportStoredPassword")->isChecked());
    QVERIFY(!child<QLineEdit>(&dialog, "ansibleExportPassword")->isEnabled());
    child<QLineEdit>(&dialog, "ansibleExportDirectory")->setText(dir.filePath(QStringLiteral("stored")));
    child<QPushButton>(&dialog, "ansibleExportButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 120000);
    QVERIFY2(dialog.result().ok(), qPrintable(dialog.result().error));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("stored/vault.yml"))));
}

void TestAnsibleExportDialog::invalidProject_exportsNothing_andSaysWhy()
{
    QTemporaryDir dir;
    Project project = fleet();
    QVERIFY(project.setWorkerValue(QStringLiteral("cpu-2"), Key::WorkersQueues, QStringList{QStringLiteral("a b")}));
    AnsibleExportDialog dialog(project, secrets(true));
    dialog.show();
    child<QLineEdit>(&dialog, "ansibleExportDirectory")->setText(dir.filePath(QStringLiteral("bad")));
    child<QPushButton>(&dialog, "ansibleExportButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 120000);
    QVERIFY(!dialog.result().ok());
    const QString status = child<QLabel>(&dialog, "ansibleExportStatus")->text();
    QVERIFY2(status.startsWith(QLatin1String("Nothing was exported")) && status.contains(QLatin1String("a b")),
             qPrintable(status));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("bad/playbook.yml"))));
}

SALTANT_UI_TEST_MAIN(TestAnsibleExportDialog)
#include "TestAnsibleExportDialog.moc"
