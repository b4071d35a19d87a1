#include "model/Project.h"
#include "model/ProjectFile.h"
#include "model/Schema.h"

#include <QSet>
#include <QTest>

using namespace saltant;

// What the schema decides about a field so the forms only read it: editor kind, choice labels, file filter,
// image preview; and its lookups.
class TestSchema : public QObject
{
    Q_OBJECT

private slots:
    void editorKind_followsTypeAndKind();
    void choiceLabels_nameEveryChoiceOrNone();
    void choiceLabel_namesAValue_andFallsBackToTheValue();
    void fileDialogFilter_isTheFieldsOwnOrAllFiles();
    void imagePreview_onlyForTheBrandingFiles();
    void lookups_findEveryFieldAndSecret_andNothingElse();
    void keyConstants_areTheTable_oneEach();
    void parse_namesAnUnknownKey();
    void projectFile_withAnUnknownKey_isRefusedNamingIt();
};

void TestSchema::editorKind_followsTypeAndKind()
{
    for (const FieldSpec& f : Schema::fields()) {
        EditorKind expected = EditorKind::LineEdit;
        switch (f.type) {
        case FieldType::Integer:
            expected = EditorKind::SpinBox;
            break;
        case FieldType::Boolean:
            expected = EditorKind::CheckBox;
            break;
        case FieldType::Choice:
            expected = EditorKind::ComboBox;
            break;
        case FieldType::List:
            expected = EditorKind::ListEdit;
            break;
        case FieldType::Text:
            expected = f.kind == ValueKind::LocalPath ? EditorKind::LocalFile : EditorKind::LineEdit;
            break;
        }
        QVERIFY2(f.editor() == expected, qPrintable(f.key));
    }
    QVERIFY(Schema::field(Key::SshIdentityFile)->editor() == EditorKind::LocalFile);
    QVERIFY(Schema::field(Key::SshHost)->editor() == EditorKind::LineEdit);
}

void TestSchema::choiceLabels_nameEveryChoiceOrNone()
{
    int labelled = 0;
    for (const FieldSpec& f : Schema::fields()) {
        if (f.type != FieldType::Choice) {
            QVERIFY2(f.choices.isEmpty() && f.choiceLabels.isEmpty(), qPrintable(f.key));
            continue;
        }
        QVERIFY2(f.choiceLabels.isEmpty() || f.choiceLabels.size() == f.choices.size(), qPrintable(f.key));
        labelled += f.choiceLabels.isEmpty() ? 0 : 1;
    }
    QCOMPARE(labelled, 7); // the server's five, the workers' container runtime and log shipping
}

void TestSchema::choiceLabel_namesAValue_andFallsBackToTheValue()
{
    const FieldSpec* prefix = Schema::field(Key::FlowerPrefixMode);
    QCOMPARE(prefix->choiceLabel(QStringLiteral("native")), QStringLiteral("0.9.5 or newer"));
    QCOMPARE(prefix->choiceLabel(QStringLiteral("strip")), QStringLiteral("0.9.4 or older"));
    QCOMPARE(prefix->choiceLabel(QStringLiteral("other")), QStringLiteral("other"));
    const FieldSpec* scheme = Schema::field(Key::RabbitmqBrokerScheme);
    QCOMPARE(scheme->choiceLabel(QStringLiteral("amqp")), QStringLiteral("amqp (may use librabbitmq, no TLS)"));
    // A choice without human names shows its value.
    const FieldSpec* task = Schema::field(Key::DjangoDefaultTaskClass);
    QCOMPARE(task->choiceLabel(QStringLiteral("EXECUTABLE")), QStringLiteral("EXECUTABLE"));
}

void TestSchema::fileDialogFilter_isTheFieldsOwnOrAllFiles()
{
    QCOMPARE(Schema::field(Key::BrandingLogoFile)->fileDialogFilter(),
             QStringLiteral("PNG images (*.png);;All files (*)"));
    QCOMPARE(Schema::field(Key::BrandingFaviconFile)->fileDialogFilter(),
             QStringLiteral("Icons (*.ico);;All files (*)"));
    QCOMPARE(Schema::field(Key::SshIdentityFile)->fileDialogFilter(), QStringLiteral("All files (*)"));
}

void TestSchema::imagePreview_onlyForTheBrandingFiles()
{
    QStringList previewed;
    for (const FieldSpec& f : Schema::fields()) {
        if (f.preview != ImagePreview::None) {
            QVERIFY2(f.editor() == EditorKind::LocalFile, qPrintable(f.key));
            previewed << f.key;
        }
    }
    QCOMPARE(previewed, (QStringList{Key::BrandingLogoFile, Key::BrandingFaviconFile}));
    QVERIFY(Schema::field(Key::BrandingLogoFile)->preview == ImagePreview::SquarePng);
    QVERIFY(Schema::field(Key::BrandingFaviconFile)->preview == ImagePreview::Icon);
}

void TestSchema::lookups_findEveryFieldAndSecret_andNothingElse()
{
    for (const FieldSpec& f : Schema::fields()) {
        QCOMPARE(Schema::field(f.key), &f);
        QVERIFY2(!f.displayLabel().isEmpty(), qPrintable(f.key));
    }
    for (const SecretSpec& s : Schema::secrets()) {
        QCOMPARE(Schema::secret(s.name), &s);
        QVERIFY2(!s.displayLabel().isEmpty(), qPrintable(s.name));
    }
    QCOMPARE(Schema::secret(QStringLiteral("rabbitmq.pasword")), nullptr);
    QCOMPARE(Schema::secret(Key::ServerDomain), nullptr);
    QCOMPARE(Schema::field(QStringLiteral("tls.enabld")), nullptr);
    QCOMPARE(Schema::field(QStringLiteral("rabbitmq.password")), nullptr);
}

void TestSchema::keyConstants_areTheTable_oneEach()
{
    // Key::All is generated from the table: one constant per field, none left over, none missing.
    const QList<FieldSpec>& fields = Schema::fields();
    QCOMPARE(qsizetype(std::size(Key::All)), fields.size());
    QSet<QString> constants;
    for (const SettingKey key : Key::All) {
        QVERIFY2(Schema::field(key), key.latin1());
        QCOMPARE(Schema::field(key)->key, key);
        constants.insert(key.name());
    }
    QCOMPARE(constants.size(), fields.size());
}

void TestSchema::parse_namesAnUnknownKey()
{
    QString error;
    const std::optional<SettingKey> known = SettingKey::parse(QStringLiteral("tls.enabled"), &error);
    QVERIFY(known);
    QVERIFY(*known == Key::TlsEnabled);
    QVERIFY(error.isEmpty());
    for (const QString& unknown : {QStringLiteral("tls.enabld"), QStringLiteral("rabbitmq.password"), QString(),
                                   QStringLiteral("tls.enabled ")}) {
        QVERIFY2(!SettingKey::parse(unknown, &error), qPrintable(unknown));
        QVERIFY2(error.contains(QLatin1Char('"') + unknown + QLatin1Char('"')), qPrintable(error));
    }
}

void TestSchema::projectFile_withAnUnknownKey_isRefusedNamingIt()
{
    Project project;
    QString error;
    QByteArray json = ProjectFile::toJson(Project::example());
    QVERIFY(json.contains("\"tls\": {"));
    json.replace("\"tls\": {", "\"tls\": {\n        \"enabld\": true,");
    QVERIFY(!ProjectFile::fromJson(json, &project, &error));
    QVERIFY2(error.contains(QStringLiteral("tls.enabld")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSchema)
#include "TestSchema.moc"
