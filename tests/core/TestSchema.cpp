#include "model/Schema.h"

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
    QVERIFY(Schema::field(QStringLiteral("ssh.identityFile"))->editor() == EditorKind::LocalFile);
    QVERIFY(Schema::field(QStringLiteral("ssh.host"))->editor() == EditorKind::LineEdit);
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
    QCOMPARE(labelled, 5);
}

void TestSchema::choiceLabel_namesAValue_andFallsBackToTheValue()
{
    const FieldSpec* prefix = Schema::field(QStringLiteral("flower.prefixMode"));
    QCOMPARE(prefix->choiceLabel(QStringLiteral("native")), QStringLiteral("0.9.5 or newer"));
    QCOMPARE(prefix->choiceLabel(QStringLiteral("strip")), QStringLiteral("0.9.4 or older"));
    QCOMPARE(prefix->choiceLabel(QStringLiteral("other")), QStringLiteral("other"));
    const FieldSpec* scheme = Schema::field(QStringLiteral("rabbitmq.brokerScheme"));
    QCOMPARE(scheme->choiceLabel(QStringLiteral("amqp")), QStringLiteral("amqp (may use librabbitmq, no TLS)"));
    // A choice without human names shows its value.
    const FieldSpec* task = Schema::field(QStringLiteral("django.defaultTaskClass"));
    QCOMPARE(task->choiceLabel(QStringLiteral("EXECUTABLE")), QStringLiteral("EXECUTABLE"));
}

void TestSchema::fileDialogFilter_isTheFieldsOwnOrAllFiles()
{
    QCOMPARE(Schema::field(QStringLiteral("branding.logoFile"))->fileDialogFilter(),
             QStringLiteral("PNG images (*.png);;All files (*)"));
    QCOMPARE(Schema::field(QStringLiteral("branding.faviconFile"))->fileDialogFilter(),
             QStringLiteral("Icons (*.ico);;All files (*)"));
    QCOMPARE(Schema::field(QStringLiteral("ssh.identityFile"))->fileDialogFilter(), QStringLiteral("All files (*)"));
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
    QCOMPARE(previewed, (QStringList{QStringLiteral("branding.logoFile"), QStringLiteral("branding.faviconFile")}));
    QVERIFY(Schema::field(QStringLiteral("branding.logoFile"))->preview == ImagePreview::SquarePng);
    QVERIFY(Schema::field(QStringLiteral("branding.faviconFile"))->preview == ImagePreview::Icon);
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
    QCOMPARE(Schema::secret(QStringLiteral("server.domain")), nullptr);
    QCOMPARE(Schema::field(QStringLiteral("tls.enabld")), nullptr);
    QCOMPARE(Schema::field(QStringLiteral("rabbitmq.password")), nullptr);
}

QTEST_GUILESS_MAIN(TestSchema)
#include "TestSchema.moc"
