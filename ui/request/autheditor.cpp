#include "autheditor.h"

#include "themecolors.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace mr {

namespace {
enum Page { NonePage, PasswordPage, TokenPage, KeyPage };

QWidget *formPage(QWidget *parent, QFormLayout **form)
{
    auto *page = new QWidget(parent);
    *form = new QFormLayout(page);
    (*form)->setContentsMargins(0, 0, 0, 0);
    (*form)->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return page;
}
} // namespace

AuthEditor::AuthEditor(QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_keyName(new QLineEdit(this))
    , m_keyValue(new QLineEdit(this))
    , m_where(new QComboBox(this))
    , m_problem(new QLabel(this))
{
    m_kind->setObjectName(QStringLiteral("authKind"));
    m_kind->addItem(tr("No auth"), int(RequestAuth::Kind::None));
    m_kind->addItem(tr("Basic"), int(RequestAuth::Kind::Basic));
    m_kind->addItem(tr("Bearer token"), int(RequestAuth::Kind::Bearer));
    m_kind->addItem(tr("API key"), int(RequestAuth::Kind::ApiKey));
    m_kind->addItem(tr("Digest"), int(RequestAuth::Kind::Digest));
    m_user->setObjectName(QStringLiteral("authUser"));
    m_password->setObjectName(QStringLiteral("authPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    // The eye toggles between dots and the password, as login forms do.
    QAction *show = m_password->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView),
                                          QLineEdit::TrailingPosition);
    show->setCheckable(true);
    show->setObjectName(QStringLiteral("showPassword"));
    show->setToolTip(tr("Show the password"));
    connect(show, &QAction::toggled, this, [this](bool shown) {
        m_password->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_token->setObjectName(QStringLiteral("authToken"));
    m_token->setPlaceholderText(tr("a token or {{token}}"));
    m_keyName->setObjectName(QStringLiteral("authKeyName"));
    m_keyName->setPlaceholderText(QStringLiteral("X-API-Key"));
    m_keyValue->setObjectName(QStringLiteral("authKeyValue"));
    m_where->setObjectName(QStringLiteral("authKeyWhere"));
    m_where->addItem(tr("Header"), int(RequestAuth::Where::Header));
    m_where->addItem(tr("Query param"), int(RequestAuth::Where::Query));
    m_problem->setObjectName(QStringLiteral("authProblem"));
    m_problem->setWordWrap(true);
    QPalette warning = m_problem->palette();
    warning.setColor(QPalette::WindowText, ThemeColors::color(ThemeColors::Error, warning));
    m_problem->setPalette(warning);

    auto *none = new QLabel(tr("This request sends no credentials."), this);
    none->setEnabled(false);
    QFormLayout *form = nullptr;
    QWidget *passwordPage = formPage(this, &form);
    form->addRow(tr("User name:"), m_user);
    form->addRow(tr("Password:"), m_password);
    QWidget *tokenPage = formPage(this, &form);
    form->addRow(tr("Token:"), m_token);
    QWidget *keyPage = formPage(this, &form);
    form->addRow(tr("Name:"), m_keyName);
    form->addRow(tr("Value:"), m_keyValue);
    form->addRow(tr("Send in:"), m_where);
    m_pages->insertWidget(NonePage, none);
    m_pages->insertWidget(PasswordPage, passwordPage);
    m_pages->insertWidget(TokenPage, tokenPage);
    m_pages->insertWidget(KeyPage, keyPage);

    auto *kindForm = new QFormLayout;
    kindForm->setContentsMargins(0, 0, 0, 0);
    kindForm->addRow(tr("Type:"), m_kind);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(kindForm);
    layout->addWidget(m_pages);
    layout->addWidget(m_problem);
    layout->addStretch(1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuthEditor::fieldsEdited);
    connect(m_where, &QComboBox::currentIndexChanged, this, &AuthEditor::fieldsEdited);
    for (QLineEdit *edit : {m_user, m_password, m_token, m_keyName, m_keyValue})
        connect(edit, &QLineEdit::textChanged, this, &AuthEditor::fieldsEdited);
}

void AuthEditor::showRequest(const RequestDefinition &request, bool force)
{
    const RequestAuth read = RequestAuth::read(request);
    if (!force && read == m_written)
        return;
    m_auth = read;
    m_written = read;
    m_lastKey = read.kind == RequestAuth::Kind::ApiKey ? read : RequestAuth();
    showAuth();
}

void AuthEditor::applyTo(RequestDefinition *request)
{
    if (!m_auth.problem().isEmpty())
        return;
    m_auth.replace(m_lastKey, request);
    m_written = RequestAuth::read(*request);
    m_lastKey = m_auth.kind == RequestAuth::Kind::ApiKey ? m_auth : RequestAuth();
    m_lastKey.keyName = m_lastKey.keyName.trimmed();
}

void AuthEditor::showAuth()
{
    m_loading = true;
    m_kind->setCurrentIndex(m_kind->findData(int(m_auth.kind)));
    const std::pair<QLineEdit *, QString> fields[] = {{m_user, m_auth.user},
                                                      {m_password, m_auth.password},
                                                      {m_token, m_auth.token},
                                                      {m_keyName, m_auth.keyName},
                                                      {m_keyValue, m_auth.keyValue}};
    for (const auto &[edit, text] : fields) {
        if (edit->text() != text)
            edit->setText(text);
    }
    m_where->setCurrentIndex(m_where->findData(int(m_auth.where)));
    switch (m_auth.kind) {
    case RequestAuth::Kind::None: m_pages->setCurrentIndex(NonePage); break;
    case RequestAuth::Kind::Basic:
    case RequestAuth::Kind::Digest: m_pages->setCurrentIndex(PasswordPage); break;
    case RequestAuth::Kind::Bearer: m_pages->setCurrentIndex(TokenPage); break;
    case RequestAuth::Kind::ApiKey: m_pages->setCurrentIndex(KeyPage); break;
    }
    const QString problem = m_auth.problem();
    m_problem->setText(problem.isEmpty() ? QString() : tr("Not written yet: %1.").arg(problem));
    m_problem->setVisible(!problem.isEmpty());
    m_loading = false;
}

void AuthEditor::fieldsEdited()
{
    if (m_loading)
        return;
    m_auth.kind = RequestAuth::Kind(m_kind->currentData().toInt());
    m_auth.user = m_user->text();
    m_auth.password = m_password->text();
    m_auth.token = m_token->text();
    m_auth.keyName = m_keyName->text();
    m_auth.keyValue = m_keyValue->text();
    m_auth.where = RequestAuth::Where(m_where->currentData().toInt());
    if (m_auth.kind == RequestAuth::Kind::ApiKey && m_auth.keyName.isEmpty()) {
        // A sensible name to start from, so picking "API key" gives something that works.
        m_auth.keyName = QStringLiteral("X-API-Key");
    }
    showAuth();
    Q_EMIT edited();
}

} // namespace mr
