#pragma once

#include "MemorySecretStore.h"
#include "SshdRig.h"
#include "UiTestMain.h"
#include "deploy/DeployController.h"
#include "deploy/DeployProgressDialog.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTest>
#include <memory>

namespace saltant {

// The window of a deploy test: the deploy target of SshdRig (a pretend server behind a real sshd on loopback), its
// project opened in a MainWindow, its secrets in a MemorySecretStore. Fields stay public: tests adjust the fixture or
// the peer between start() and openWindow().
class DeployWindowHarness : public SshdRig
{
public:
    // The fixture and the peer; remotePath is put first on the remote PATH (default: the fixture's tools).
    bool start(QString* error, const QString& remotePath = QString())
    {
        QSettings().clear();
        return SshdRig::start(KnownHosts::Empty, error, remotePath);
    }

    enum class ChecksAroundDeploy
    {
        Off,   // no preflight or health checks around the deploy: they would resolve the project's domain names
        AsSet, // as the settings say (on by default): the test maps every name and port itself
    };

    // Saves the project (with the peer's address, user and key, trusting knownHosts) and opens it in a window, by
    // default with the checks around deploying switched off.
    bool openWindow(const QString& knownHosts, QString* error, ChecksAroundDeploy checks = ChecksAroundDeploy::Off)
    {
        const Project& p = fixture->project;
        if (!trust(knownHosts, error)) {
            return false;
        }
        const QString projectPath = saveProject(QStringLiteral("project.saltant.json"), error);
        if (projectPath.isEmpty()) {
            return false;
        }
        window = std::make_unique<MainWindow>();
        if (!window->openFile(projectPath)) {
            *error = QStringLiteral("the window did not open ") + projectPath;
            return false;
        }
        store = std::make_unique<MemorySecretStore>(p.projectId());
        window->setSecretStore(store.get());
        const SecretValues secrets = fixture->secrets();
        for (const QString& name : secrets.names()) {
            const SecretResult written = store->writeNow(name, secrets.value(name));
            if (!written.ok) {
                *error = written.errorMessage;
                return false;
            }
        }
        // The Server Checks panel is created when first needed (the dock shown, a deploy): now, to set its switch.
        if (!window->checksPanel(error)) {
            return false;
        }
        auto* around = window->findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"));
        if (!around) {
            *error = QStringLiteral("the window has no checksAroundDeploy switch");
            return false;
        }
        if (checks == ChecksAroundDeploy::Off) {
            around->setChecked(false);
        }
        return UiTest::showWithAllSections(window.get());
    }

    // The window goes first (its controller stops a running deploy), the server last.
    void tearDown()
    {
        window.reset();
        store.reset();
        stop();
    }

    QAction* deployAction() const { return window->findChild<QAction*>(QStringLiteral("actionDeploy")); }
    DeployController* controller() const
    {
        return window->findChild<DeployController*>(QStringLiteral("deployController"));
    }

    // The window's child of that type and name once it is visible, or null after 60 s.
    template<class T>
    T* waitFor(const char* name) const
    {
        const QString objectName = QString::fromLatin1(name);
        T* found = nullptr;
        const auto visible = [&] {
            found = window->findChild<T*>(objectName);
            return found && found->isVisible();
        };
        return QTest::qWaitFor(visible, 60000) ? found : nullptr;
    }
    template<class T>
    static T* child(QWidget* parent, const char* name)
    {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }

    // Presses Close in the progress dialog and waits until it is gone.
    static bool closeProgress(DeployProgressDialog* dialog)
    {
        QPointer<DeployProgressDialog> guard(dialog);
        child<QPushButton>(dialog, "closeDeployButton")->click();
        return QTest::qWaitFor([&guard] { return guard.isNull(); }, 10000);
    }

    std::unique_ptr<MemorySecretStore> store;
    std::unique_ptr<MainWindow> window;
};

} // namespace saltant
