#include "bodyeditor.h"

#include "themecolors.h"

#include "bodyhighlighter.h"
#include "keyvaluetable.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace mr {

namespace {
enum Page { NonePage, TextPage, FormPage, PartsPage, FilePage };
}

BodyEditor::BodyEditor(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_highlighter(new BodyHighlighter(m_text->document()))
    , m_problem(new QLabel(this))
    , m_form(new KeyValueTable({KeyValueModel::Name, KeyValueModel::Value}, true, this))
    , m_parts(new KeyValueTable({KeyValueModel::Name, KeyValueModel::Value, KeyValueModel::File,
                                 KeyValueModel::ContentType},
                                true, this))
    , m_file(new QLineEdit(this))
{
    m_mode->setObjectName(QStringLiteral("bodyMode"));
    m_mode->addItem(tr("No body"), None);
    m_mode->addItem(QStringLiteral("JSON"), Json);
    m_mode->addItem(QStringLiteral("XML"), Xml);
    m_mode->addItem(tr("Text"), Text);
    m_mode->addItem(tr("Other text"), Other);
    m_mode->addItem(tr("Form URL-encoded"), Form);
    m_mode->addItem(tr("Multipart form"), Multipart);
    m_mode->addItem(tr("Binary file"), Binary);

    auto *none = new QLabel(tr("This request sends no body."), this);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);

    // Kept from the plain editor this replaces: tests and the window find it by this name.
    m_text->setObjectName(QStringLiteral("requestBody"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Request body"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setTabStopDistance(m_text->fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    m_problem->setObjectName(QStringLiteral("bodyProblem"));
    m_problem->setWordWrap(true);
    QPalette warning = m_problem->palette();
    warning.setColor(QPalette::WindowText, ThemeColors::color(ThemeColors::Error, warning));
    m_problem->setPalette(warning);
    m_problem->hide();
    auto *textPage = new QWidget(this);
    auto *textLayout = new QVBoxLayout(textPage);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(m_text, 1);
    textLayout->addWidget(m_problem);

    m_form->setObjectName(QStringLiteral("formFields"));
    m_form->rowsModel()->setPlaceholder(tr("Add a field"));
    m_parts->setObjectName(QStringLiteral("multipartParts"));
    m_parts->rowsModel()->setPlaceholder(tr("Add a part"));
    m_parts->setColumnWidth(0, 120);
    m_parts->setColumnWidth(1, 140);
    m_parts->setColumnWidth(2, 160);

    m_file->setObjectName(QStringLiteral("bodyFile"));
    m_file->setPlaceholderText(tr("./path/to/file, relative to the .http file"));
    auto *choose = new QPushButton(tr("Choose file\u2026"), this);
    choose->setObjectName(QStringLiteral("chooseBodyFile"));
    auto *filePage = new QWidget(this);
    auto *fileLine = new QHBoxLayout;
    fileLine->addWidget(m_file, 1);
    fileLine->addWidget(choose);
    auto *fileLayout = new QVBoxLayout(filePage);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    fileLayout->addWidget(new QLabel(tr("The body is this file's content, sent as it is:"), this));
    fileLayout->addLayout(fileLine);
    fileLayout->addStretch(1);

    m_pages->insertWidget(NonePage, none);
    m_pages->insertWidget(TextPage, textPage);
    m_pages->insertWidget(FormPage, m_form);
    m_pages->insertWidget(PartsPage, m_parts);
    m_pages->insertWidget(FilePage, filePage);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Body:"), this));
    top->addWidget(m_mode);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &BodyEditor::modeChosen);
    connect(m_text, &QPlainTextEdit::textChanged, this, &BodyEditor::textEdited);
    connect(m_form->rowsModel(), &KeyValueModel::edited, this, &BodyEditor::formEdited);
    connect(m_parts->rowsModel(), &KeyValueModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                if (!m_loading)
                    m_body.parts.remove(first, last - first + 1);
            });
    connect(m_parts->rowsModel(), &KeyValueModel::edited, this, &BodyEditor::partsEdited);
    connect(m_file, &QLineEdit::textChanged, this, [this](const QString &path) {
        if (m_loading)
            return;
        m_body.filePath = path;
        Q_EMIT edited();
    });
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Send this file"), m_baseFolder);
        if (!path.isEmpty())
            m_file->setText(RequestBody::filePathFrom(m_baseFolder, path));
    });
    m_highlighter->setColours(palette());
}

void BodyEditor::showRequest(const RequestDefinition &request, bool force)
{
    if (!force) {
        RequestDefinition written = request;
        m_body.applyTo(&written);
        if (written.body == request.body && written.headers == request.headers)
            return;
    }
    m_body = RequestBody::read(request);
    // No body yet but a Content-Type: show the mode it names, ready to type into (an empty
    // raw body writes the same request).
    if (m_body.mode == RequestBody::Mode::None && !m_body.contentType.isEmpty()) {
        const QString type = m_body.contentType.trimmed().toLower();
        if (type.startsWith(QLatin1String("application/x-www-form-urlencoded")))
            m_body.mode = RequestBody::Mode::Form;
        else if (!type.startsWith(QLatin1String("multipart/")))
            m_body.mode = RequestBody::Mode::Raw;
    }
    showBody();
}

BodyEditor::Choice BodyEditor::choice() const
{
    switch (m_body.mode) {
    case RequestBody::Mode::None: return None;
    case RequestBody::Mode::Form: return Form;
    case RequestBody::Mode::Multipart: return Multipart;
    case RequestBody::Mode::Binary: return Binary;
    case RequestBody::Mode::Raw: break;
    }
    switch (RequestBody::rawType(m_body.contentType)) {
    case RequestBody::RawType::Json: return Json;
    case RequestBody::RawType::Xml: return Xml;
    case RequestBody::RawType::Text: return Text;
    case RequestBody::RawType::Other: break;
    }
    return Other;
}

void BodyEditor::setChoice(Choice choice)
{
    m_mode->setCurrentIndex(m_mode->findData(choice));
}

QString BodyEditor::summary() const
{
    switch (choice()) {
    case None: return {};
    case Form: return tr("Form");
    case Multipart: return tr("Multipart");
    case Binary: return tr("File");
    case Other: return tr("Text");
    default: return m_mode->currentText();
    }
}

void BodyEditor::setExpander(const VariableExpander &expander)
{
    m_form->delegate()->setExpander(expander);
    m_parts->delegate()->setExpander(expander);
    m_highlighter->setExpander(expander);
}

void BodyEditor::showBody()
{
    m_loading = true;
    const Choice shown = choice();
    m_mode->setCurrentIndex(m_mode->findData(shown));
    if (m_text->toPlainText() != m_body.text)
        m_text->setPlainText(m_body.text);
    QList<KeyValueModel::Row> fields;
    for (const RequestBody::Field &field : std::as_const(m_body.fields))
        fields.append({field.enabled, field.name, field.value, {}, {}});
    m_form->rowsModel()->setRows(fields);
    QList<KeyValueModel::Row> parts;
    for (const RequestBody::Part &part : std::as_const(m_body.parts))
        parts.append({part.enabled, part.name, part.value, part.filePath, part.contentType});
    m_parts->rowsModel()->setRows(parts);
    if (m_file->text() != m_body.filePath)
        m_file->setText(m_body.filePath);
    switch (shown) {
    case None: m_pages->setCurrentIndex(NonePage); break;
    case Form: m_pages->setCurrentIndex(FormPage); break;
    case Multipart: m_pages->setCurrentIndex(PartsPage); break;
    case Binary: m_pages->setCurrentIndex(FilePage); break;
    default: m_pages->setCurrentIndex(TextPage); break;
    }
    m_highlighter->setLanguage(shown == Json  ? BodyHighlighter::Language::Json
                               : shown == Xml ? BodyHighlighter::Language::Xml
                                              : BodyHighlighter::Language::Plain);
    validate();
    m_loading = false;
}

void BodyEditor::modeChosen()
{
    if (m_loading)
        return;
    const auto chosen = Choice(m_mode->currentData().toInt());
    switch (chosen) {
    case None: m_body.setMode(RequestBody::Mode::None); break;
    case Json:
    case Xml:
    case Text:
    case Other: {
        m_body.setMode(RequestBody::Mode::Raw);
        const RequestBody::RawType type = chosen == Json   ? RequestBody::RawType::Json
                                          : chosen == Xml  ? RequestBody::RawType::Xml
                                          : chosen == Text ? RequestBody::RawType::Text
                                                           : RequestBody::RawType::Other;
        // A type the content type already says ("application/vnd.api+json") is kept.
        if (RequestBody::rawType(m_body.contentType) != type)
            m_body.contentType = RequestBody::contentTypeFor(type);
        break;
    }
    case Form: m_body.setMode(RequestBody::Mode::Form); break;
    case Multipart: m_body.setMode(RequestBody::Mode::Multipart); break;
    case Binary: m_body.setMode(RequestBody::Mode::Binary); break;
    }
    showBody();
    Q_EMIT edited();
}

void BodyEditor::textEdited()
{
    if (m_loading)
        return;
    m_body.text = m_text->toPlainText();
    // Text set while no mode shows it (by a test or a pasted body) is a raw body.
    if (m_body.mode == RequestBody::Mode::None && !m_body.text.isEmpty()) {
        m_body.mode = RequestBody::Mode::Raw;
        m_loading = true;
        m_mode->setCurrentIndex(m_mode->findData(choice()));
        m_pages->setCurrentIndex(TextPage);
        m_loading = false;
    }
    validate();
    Q_EMIT edited();
}

void BodyEditor::formEdited()
{
    if (m_loading)
        return;
    m_body.fields.clear();
    for (const KeyValueModel::Row &row : m_form->rowsModel()->rows())
        m_body.fields.append({row.name, row.value, row.enabled});
    Q_EMIT edited();
}

void BodyEditor::partsEdited()
{
    if (m_loading)
        return;
    const QList<KeyValueModel::Row> &rows = m_parts->rowsModel()->rows();
    // Parts are edited in place, so what the editor does not show (other part headers, the
    // file name) stays.
    m_body.parts.resize(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        RequestBody::Part &part = m_body.parts[i];
        const KeyValueModel::Row &row = rows.at(i);
        if (part.filePath != row.file)
            part.fileName.clear();
        part.name = row.name;
        part.value = row.value;
        part.filePath = row.file;
        part.contentType = row.contentType;
        part.enabled = row.enabled;
    }
    Q_EMIT edited();
}

void BodyEditor::validate()
{
    QString problem;
    if (choice() == Json) {
        int line = 0;
        int column = 0;
        problem = RequestBody::validateJson(m_body.text, &line, &column);
        if (!problem.isEmpty())
            problem = tr("Line %1, column %2: %3").arg(line).arg(column).arg(problem);
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void BodyEditor::setBaseFolder(const QString &folder)
{
    m_baseFolder = folder;
    m_parts->delegate()->setBaseFolder(folder);
}

void BodyEditor::changeEvent(QEvent *event)
{
    // The system switched between light and dark: recolour the syntax.
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setColours(palette());
    QWidget::changeEvent(event);
}

} // namespace mr
