#include "MemorySecretStore.h"
#include "UiTestMain.h"
#include "common/MessageBox.h"
#include "forms/SecretEditor.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>

using namespace saltant;

// SecretEditor against the in-memory store: state, Set/Replace, Clear with its confirmation, Generate, errors.
class TestSecretEditor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void objectAndAccessibleNames_followTheSecretName();
    void eachEditor_showsWhichSecretItIs();
    void refresh_showsNotStoredThenSet_storesAndShowsReplace();
    void value_isAPasswordFieldAndIsClearedAfterSaving();
    void clear_asksFirstAndCancelKeepsTheSecret();
    void generate_fillsAUrlSafeRandomValueButDoesNotStore();
    void generateValue_usesOnlyTheAlphabetAndVaries();
    void keychainFailure_showsTheMessage();
    void flowerPasswordWithComma_isRefusedAndKeptForCorrection();
    void generateValue_neverHoldsAComma();

private:
    template<typename T>
    T* child(const char* suffix) const
    {
        return m_editor->findChild<T*>(SecretEditor::objectNameFor(QStringLiteral("rabbitmq.password")) +
                                       QLatin1String(suffix));
    }
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<SecretEditor> m_editor;
};

void TestSecretEditor::init()
{
    m_store = std::make_unique<MemorySecretStore>(QStringLiteral("project-1"));
    m_editor = std::make_unique<SecretEditor>(*Schema::secret(QStringLiteral("rabbitmq.password")), m_store.get());
    m_editor->show();
}

void TestSecretEditor::cleanup()
{
    m_editor.reset();
    m_store.reset();
}

void TestSecretEditor::objectAndAccessibleNames_followTheSecretName()
{
    QCOMPARE(m_editor->objectName(), QStringLiteral("secret_rabbitmq_password"));
    for (const char* suffix : {"_state", "_value", "_save", "_clear", "_generate", "_generated"}) {
        QVERIFY2(m_editor->findChild<QWidget*>(QStringLiteral("secret_rabbitmq_password") + QLatin1String(suffix)),
                 suffix);
    }
    for (const char* suffix : {"_value", "_save", "_clear", "_generate"}) {
        QVERIFY2(!child<QWidget>(suffix)->accessibleName().isEmpty(), suffix);
    }
}

// The Deploy target section holds four secrets (key passphrase, SSH and sudo passwords, the Ansible export's vault
// password): each editor names its own, visibly, beside its state.
void TestSecretEditor::eachEditor_showsWhichSecretItIs()
{
    QStringList titles;
    for (const SecretSpec* spec : Schema::secretsOfSection(QStringLiteral("ssh"))) {
        SecretEditor editor(*spec, m_store.get());
        editor.show();
        auto* title = editor.findChild<QLabel*>(SecretEditor::objectNameFor(spec->name) + QStringLiteral("_title"));
        QVERIFY2(title && title->isVisible(), qPrintable(spec->name));
        QCOMPARE(title->text(), spec->displayLabel());
        titles << title->text();
    }
    QCOMPARE(titles.size(), 4);
    QCOMPARE(QSet<QString>(titles.begin(), titles.end()).size(), 4);
}

void TestSecretEditor::refresh_showsNotStoredThenSet_storesAndShowsReplace()
{
    m_editor->refresh();
    QTRY_COMPARE(m_editor->state(), SecretEditor::State::NotStored);
    QCOMPARE(child<QLabel>("_state")->text(), QStringLiteral("Not stored"));
    QCOMPARE(child<QPushButton>("_save")->text(), QStringLiteral("Set"));
    QVERIFY(!child<QPushButton>("_save")->isEnabled());
    QVERIFY(!child<QPushButton>("_clear")->isEnabled());

    QSignalSpy stored(m_editor.get(), &SecretEditor::stored);
    QTest::keyClicks(child<QLineEdit>("_value"), QStringLiteral("rabbit-secret"));
    QVERIFY(child<QPushButton>("_save")->isEnabled());
    QTest::mouseClick(child<QPushButton>("_save"), Qt::LeftButton);
    QTRY_COMPARE(m_editor->state(), SecretEditor::State::Stored);
    QCOMPARE(stored.count(), 1);
    QCOMPARE(stored.at(0), (QList<QVariant>{QStringLiteral("rabbitmq.password"), true}));
    QCOMPARE(m_store->readNow(QStringLiteral("rabbitmq.password")).value, QStringLiteral("rabbit-secret"));
    QCOMPARE(child<QLabel>("_state")->text(), QStringLiteral("Stored in the keychain"));
    QCOMPARE(child<QPushButton>("_save")->text(), QStringLiteral("Replace"));
    QVERIFY(child<QPushButton>("_clear")->isEnabled());
}

void TestSecretEditor::value_isAPasswordFieldAndIsClearedAfterSaving()
{
    QLineEdit* value = child<QLineEdit>("_value");
    QCOMPARE(value->echoMode(), QLineEdit::Password);
    QTest::keyClicks(value, QStringLiteral("typed"));
    QTest::keyClick(value, Qt::Key_Return);
    QTRY_COMPARE(m_editor->state(), SecretEditor::State::Stored);
    QVERIFY(value->text().isEmpty());
    QVERIFY(!child<QLabel>("_state")->text().contains(QStringLiteral("typed")));
}

void TestSecretEditor::clear_asksFirstAndCancelKeepsTheSecret()
{
    QVERIFY(m_store->writeNow(QStringLiteral("rabbitmq.password"), QStringLiteral("x")).ok);
    m_editor->refresh();
    QTRY_COMPARE(m_editor->state(), SecretEditor::State::Stored);

    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QTest::mouseClick(child<QPushButton>("_clear"), Qt::LeftButton);
    QVERIFY(MessageBox::lastQuestion().contains(QStringLiteral("RabbitMQ")));
    QCOMPARE(m_editor->state(), SecretEditor::State::Stored);
    QVERIFY(m_store->probeNow(QStringLiteral("rabbitmq.password")).stored);

    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(child<QPushButton>("_clear"), Qt::LeftButton);
    QTRY_COMPARE(m_editor->state(), SecretEditor::State::NotStored);
    QVERIFY(!m_store->probeNow(QStringLiteral("rabbitmq.password")).stored);
    QCOMPARE(child<QPushButton>("_save")->text(), QStringLiteral("Set"));
}

void TestSecretEditor::generate_fillsAUrlSafeRandomValueButDoesNotStore()
{
    QTest::mouseClick(child<QPushButton>("_generate"), Qt::LeftButton);
    const QString value = child<QLineEdit>("_value")->text();
    QCOMPARE(value.size(), SecretEditor::GeneratedLength);
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9._~-]{32}$")).match(value).hasMatch());
    QLabel* note = child<QLabel>("_generated");
    QVERIFY(note->isVisibleTo(m_editor.get()));
    QVERIFY(note->text().contains(QStringLiteral("32 random characters from ") + SecretEditor::generatorAlphabet()));
    QVERIFY(!note->text().contains(value));
    QVERIFY(!m_store->probeNow(QStringLiteral("rabbitmq.password")).stored);
    QTest::mouseClick(child<QPushButton>("_save"), Qt::LeftButton);
    QTRY_COMPARE(m_editor->state(), SecretEditor::State::Stored);
    QCOMPARE(m_store->readNow(QStringLiteral("rabbitmq.password")).value, value);
    QVERIFY(!note->isVisibleTo(m_editor.get()));
}

void TestSecretEditor::generateValue_usesOnlyTheAlphabetAndVaries()
{
    const QString alphabet = SecretEditor::generatorAlphabet();
    QCOMPARE(alphabet.size(), 66);
    QSet<QString> seen;
    QSet<QChar> used;
    for (int i = 0; i < 200; ++i) {
        const QString value = SecretEditor::generateValue();
        QCOMPARE(value.size(), 32);
        for (const QChar c : value) {
            QVERIFY2(alphabet.contains(c), qPrintable(value));
            used.insert(c);
        }
        seen.insert(value);
    }
    QCOMPARE(seen.size(), 200);
    QCOMPARE(used.size(), 66); // 6400 draws from 66 symbols reach every one
}

void TestSecretEditor::keychainFailure_showsTheMessage()
{
    m_store->failWith(SecretErrorKind::Locked, QStringLiteral("The keyring is locked: unlock it."));
    QSignalSpy failed(m_editor.get(), &SecretEditor::failed);
    m_editor->refresh();
    QTRY_COMPARE(m_editor->state(), SecretEditor::State::Failed);
    QCOMPARE(child<QLabel>("_state")->text(), QStringLiteral("The keyring is locked: unlock it."));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(m_editor->errorMessage(), QStringLiteral("The keyring is locked: unlock it."));
    m_store->clearFailure();
    m_editor->refresh();
    QTRY_COMPARE(m_editor->state(), SecretEditor::State::NotStored);
}

// Flower splits FLOWER_BASIC_AUTH at commas: the editor refuses such a Flower password with the reason, stores
// nothing and leaves the value in the field to be corrected.
void TestSecretEditor::flowerPasswordWithComma_isRefusedAndKeptForCorrection()
{
    SecretEditor editor(*Schema::secret(QStringLiteral("flower.password")), m_store.get());
    editor.show();
    const QString prefix = SecretEditor::objectNameFor(QStringLiteral("flower.password"));
    auto* value = editor.findChild<QLineEdit*>(prefix + QStringLiteral("_value"));
    auto* save = editor.findChild<QPushButton*>(prefix + QStringLiteral("_save"));
    auto* state = editor.findChild<QLabel*>(prefix + QStringLiteral("_state"));
    QVERIFY(value && save && state);
    QSignalSpy failed(&editor, &SecretEditor::failed);
    const int requestsBefore = m_store->requestCount();
    QTest::keyClicks(value, QStringLiteral("flower,pass-word"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(editor.state(), SecretEditor::State::Failed);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(state->text().contains(QStringLiteral("comma")), qPrintable(state->text()));
    QCOMPARE(value->text(), QStringLiteral("flower,pass-word"));
    QCOMPARE(m_store->requestCount(), requestsBefore);
    QVERIFY(!m_store->probeNow(QStringLiteral("flower.password")).stored);

    value->clear();
    QTest::keyClicks(value, QStringLiteral("flower-pass-word"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(editor.state(), SecretEditor::State::Stored);
    QCOMPARE(m_store->readNow(QStringLiteral("flower.password")).value, QStringLiteral("flower-pass-word"));
}

// Generate must never produce a value the Flower password (or any secret) refuses.
void TestSecretEditor::generateValue_neverHoldsAComma()
{
    QVERIFY(!SecretEditor::generatorAlphabet().contains(QLatin1Char(',')));
    for (int i = 0; i < 200; ++i) {
        const QString value = SecretEditor::generateValue();
        for (const SecretSpec& spec : Schema::secrets()) {
            QVERIFY2(SecretStore::checkValue(spec.name, value, nullptr), qPrintable(spec.name));
        }
    }
}

SALTANT_UI_TEST_MAIN(TestSecretEditor)
#include "TestSecretEditor.moc"
