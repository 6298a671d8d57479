#include "responsebodyview.h"

#include "base/inbackground.h"
#include "content/bodyformatter.h"
#include "content/textsearch.h"
#include "net/exchange.h"

#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>
#include <memory>

namespace mr {

namespace {
bool isImage(const QByteArray &contentType)
{
    return contentType.trimmed().toLower().startsWith("image/");
}

bool isHtml(const QByteArray &contentType)
{
    return contentType.toLower().contains("text/html");
}

} // namespace

ResponseBodyView::ResponseBodyView(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_matches(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_filter(new QLineEdit(this))
    , m_note(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_text(new LargeTextView(this))
    , m_image(new QLabel(this))
    , m_html(new QTextBrowser(this))
{
    m_mode->setObjectName(QStringLiteral("bodyMode"));
    m_mode->addItem(tr("Pretty"), int(Mode::Pretty));
    m_mode->addItem(tr("Raw"), int(Mode::Raw));
    m_mode->addItem(tr("Preview"), int(Mode::Preview));
    m_search->setObjectName(QStringLiteral("bodySearch"));
    m_search->setPlaceholderText(tr("Search (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_matches->setObjectName(QStringLiteral("bodyMatches"));
    m_previous->setText(QStringLiteral("\u2191"));
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_next->setText(QStringLiteral("\u2193"));
    m_next->setToolTip(tr("Next match (Enter)"));
    m_filter->setObjectName(QStringLiteral("bodyFilter"));
    m_filter->setPlaceholderText(tr("Filter: $.items[*].id or .items[] | .id"));
    m_filter->setToolTip(tr("A JSONPath expression (starting with $) or a jq program; Enter "
                            "applies it, an empty filter shows the whole body"));
    m_filter->setClearButtonEnabled(true);
    m_note->setObjectName(QStringLiteral("bodyNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_text->setObjectName(QStringLiteral("responseBody"));
    m_image->setObjectName(QStringLiteral("bodyImage"));
    m_image->setAlignment(Qt::AlignCenter);
    auto *imageScroll = new QScrollArea(this);
    imageScroll->setWidget(m_image);
    imageScroll->setWidgetResizable(true);
    m_html->setObjectName(QStringLiteral("bodyHtml"));
    m_html->setOpenLinks(false); // a preview, not a browser: nothing is fetched
    m_pages->addWidget(m_text);
    m_pages->addWidget(imageScroll);
    m_pages->addWidget(m_html);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_mode);
    bar->addWidget(m_search, 2);
    bar->addWidget(m_matches);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    bar->addWidget(m_filter, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_note);
    layout->addWidget(m_pages, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &ResponseBodyView::showCurrent);
    // A search per pause in typing, not per keystroke: each one scans the whole text.
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(150);
    connect(&m_searchDelay, &QTimer::timeout, this, [this] { search(m_search->text()); });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this,
            [this] { m_text->goToMatch(m_text->currentMatch() + 1); });
    connect(m_next, &QToolButton::clicked, this,
            [this] { m_text->goToMatch(m_text->currentMatch() + 1); });
    connect(m_previous, &QToolButton::clicked, this,
            [this] { m_text->goToMatch(m_text->currentMatch() - 1); });
    connect(m_text, &LargeTextView::currentMatchChanged, this, [this](int index, int count) {
        m_matches->setText(count == 0 ? (m_search->text().isEmpty() ? QString() : tr("no match"))
                                      : tr("%1 of %2").arg(index + 1).arg(count));
    });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] { filter(m_filter->text()); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_filterExpression.isEmpty())
            filter(QString());
    });
    connect(&m_formatter, &BodyFormatJob::finished, this, &ResponseBodyView::onFormatted);
    auto *find =
        new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    clear();
}

QWidget *ResponseBodyView::previewWidget() const
{
    return m_pages->currentWidget();
}

void ResponseBodyView::clear()
{
    ++m_epoch;
    m_pending = 0;
    m_formatter.cancel();
    m_formatting = m_filtering = false;
    m_filtered.clear();
    m_filteredFolds.clear();
    m_body.clear();
    m_contentType.clear();
    m_pretty.clear();
    m_prettyIndex = {};
    m_folds.clear();
    m_prettyReady = false;
    m_isJson = false;
    m_text->clear();
    m_image->clear();
    m_html->clear();
    m_note->hide();
    m_matches->clear();
    m_pages->setCurrentWidget(m_text);
}

void ResponseBodyView::showBody(const Exchange &exchange)
{
    clear(); // the filter stays: the same question is usually asked of the next response too
    m_contentType = exchange.responseHeaders.value("Content-Type");
    // Bodies beyond what a view can sensibly hold are shown in part; Save body… has it all.
    constexpr qint64 ViewLimit = qint64(256) << 20;
    m_cutNote.clear();
    if (!exchange.responseBodyFile.isEmpty()) {
        QFile file(exchange.responseBodyFile);
        if (file.open(QIODevice::ReadOnly)) {
            m_body = file.read(ViewLimit);
            if (file.size() > ViewLimit)
                m_cutNote = tr("Showing the first %1 of %2; Save body… writes all of it.")
                                .arg(BodyFormatter::sizeText(ViewLimit),
                                     BodyFormatter::sizeText(file.size()));
        }
    } else {
        m_body = exchange.responseBody;
    }
    const bool previewable = isImage(m_contentType) || isHtml(m_contentType);
    if (previewable && mode() == Mode::Pretty && isImage(m_contentType))
        m_mode->setCurrentIndex(int(Mode::Preview));
    else if (!previewable && mode() == Mode::Preview)
        m_mode->setCurrentIndex(int(Mode::Pretty));

    // Formatting a big body takes a while: it runs in the pool and the view fills when done.
    m_formatting = true;
    ++m_pending;
    m_formatter.format(m_body, m_contentType);
    showCurrent();
}

ResponseBodyView::Mode ResponseBodyView::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

void ResponseBodyView::setMode(Mode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
}

void ResponseBodyView::showCurrent()
{
    m_note->hide();
    switch (mode()) {
    case Mode::Raw:
        m_pages->setCurrentWidget(m_text);
        m_text->setText(m_body);
        break;
    case Mode::Preview:
        if (isImage(m_contentType)) {
            QPixmap pixmap;
            if (pixmap.loadFromData(m_body)) {
                m_image->setPixmap(pixmap);
                m_image->setToolTip(tr("%1 × %2 pixels").arg(pixmap.width()).arg(pixmap.height()));
            } else {
                m_image->setText(tr("This image could not be read (%1).")
                                     .arg(QString::fromLatin1(m_contentType)));
            }
            m_pages->setCurrentWidget(m_image->parentWidget()->parentWidget());
        } else if (isHtml(m_contentType)) {
            m_html->setHtml(QString::fromUtf8(m_body));
            m_pages->setCurrentWidget(m_html);
        } else {
            m_note->setText(tr("No preview for %1; showing it pretty.")
                                .arg(m_contentType.isEmpty() ? tr("a body without a type")
                                                             : QString::fromLatin1(m_contentType)));
            m_note->show();
            showPretty();
        }
        break;
    case Mode::Pretty: showPretty(); break;
    }
    if (!m_cutNote.isEmpty()) {
        m_note->setText(m_note->isVisibleTo(this) ? m_note->text() + QLatin1Char(' ') + m_cutNote
                                                  : m_cutNote);
        m_note->show();
    }
    if (!m_search->text().isEmpty())
        m_searchDelay.start();
}

void ResponseBodyView::showPretty()
{
    m_pages->setCurrentWidget(m_text);
    if (!m_prettyReady) {
        m_text->clear();
        if (!m_body.isEmpty()) {
            m_note->setText(tr("Formatting %n byte(s)…", nullptr,
                               int(qMin<qsizetype>(m_body.size(), INT_MAX))));
            m_note->show();
        }
        return;
    }
    if (!m_filterExpression.isEmpty() && !m_filterNote.isEmpty()) {
        m_text->setText(m_filtered, m_filteredFolds, true);
        m_note->setText(m_filterNote);
        m_note->show();
        return;
    }
    m_text->setText(m_pretty, m_prettyIndex, m_folds, m_isJson);
    if (!m_prettyNote.isEmpty()) {
        m_note->setText(m_prettyNote);
        m_note->show();
    }
}

void ResponseBodyView::search(const QString &text)
{
    const int generation = ++m_searchGeneration;
    const int epoch = m_epoch;
    if (text.isEmpty()) {
        m_text->setMatches({});
        return;
    }
    ++m_pending;
    const QByteArray haystack = m_text->bytes();
    inBackground<QList<TextSearch::Hit>>(
        QThreadPool::globalInstance(), this,
        [haystack, text] { return TextSearch::find(haystack, text); },
        [this, generation, epoch](QList<TextSearch::Hit> hits) {
            if (epoch != m_epoch)
                return;
            if (generation == m_searchGeneration) {
                QList<LargeTextView::Match> matches;
                matches.reserve(hits.size());
                for (const TextSearch::Hit &hit : hits)
                    matches.append({hit.line, hit.column, hit.length});
                m_text->setMatches(matches);
            }
            finishTask();
        });
}

void ResponseBodyView::filter(const QString &expression)
{
    m_filterExpression = expression.trimmed();
    m_filtered.clear();
    m_filteredFolds.clear();
    m_filterNote.clear();
    if (m_filterExpression.isEmpty() || m_body.isEmpty()) {
        if (m_filtering) { // a filter still running: let formatting (if any) go on alone
            m_formatter.cancel();
            m_filtering = false;
            finishTask();
        }
        showCurrent();
        return;
    }
    if (m_formatting) { // one request at a time: formatting first, then the filter
        m_note->setText(tr("Formatting; the filter applies when it is done."));
        m_note->show();
        return;
    }
    if (!m_filtering)
        ++m_pending;
    m_filtering = true;
    m_note->setText(tr("Filtering…"));
    m_note->show();
    m_formatter.filter(m_body, m_filterExpression);
}

void ResponseBodyView::onFormatted(const BodyFormatJob::Result &result)
{
    QList<LargeTextView::Fold> folds;
    folds.reserve(result.folds.size());
    for (const JsonPrettyPrinter::FoldRegion &fold : result.folds)
        folds.append({fold.start, fold.end});
    if (result.filtered) {
        m_filtering = false;
        m_filtered = result.text;
        m_filteredFolds = std::move(folds);
        m_filterNote =
            result.ok ? tr("Filtered by %1: %2").arg(m_filterExpression, result.note) : result.note;
        if (!result.ok)
            m_filtered.clear();
        showCurrent();
        finishTask();
        return;
    }
    m_pretty = result.text;
    m_folds = std::move(folds);
    m_isJson = result.kind == BodyFormatter::Kind::Json;
    m_prettyNote = result.note;
    // Millions of lines take tens of milliseconds to index: not on the GUI thread either.
    const int epoch = m_epoch;
    const QByteArray pretty = m_pretty;
    inBackground<LargeTextView::LineIndex>(
        QThreadPool::globalInstance(), this, [pretty] { return LargeTextView::indexLines(pretty); },
        [this, epoch](LargeTextView::LineIndex index) {
            if (epoch != m_epoch)
                return;
            m_formatting = false;
            m_prettyIndex = std::move(index);
            m_prettyReady = true;
            if (!m_filterExpression.isEmpty()) {
                finishTask();
                filter(m_filterExpression); // asked for while formatting
                return;
            }
            showCurrent();
            finishTask();
        });
}

void ResponseBodyView::finishTask()
{
    if (m_pending > 0)
        --m_pending;
    if (m_pending == 0)
        Q_EMIT ready();
}

} // namespace mr
