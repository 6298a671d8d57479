#pragma once

#include "content/bodyformatjob.h"
#include "largetextview.h"

#include <QByteArray>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

namespace mr {

struct Exchange;

// A response body: pretty (JSON indented, coloured, foldable), raw, or a preview (images,
// HTML); a search box; a JSONPath / jq filter. Formatting, search and filtering run off the
// GUI thread, so a body of tens of megabytes never freezes the window.
class ResponseBodyView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Pretty, Raw, Preview };

    explicit ResponseBodyView(QWidget *parent = nullptr);

    void showBody(const Exchange &exchange);
    void clear();
    void setMode(Mode mode);
    Mode mode() const;
    // Highlights every occurrence and goes to the first (the search runs in the background).
    void search(const QString &text);
    // Shows only what a JSONPath ("$.items[*].id") or jq (".items[] | .id") expression selects;
    // an empty expression shows the whole body again.
    void filter(const QString &expression);
    // True while formatting, searching or filtering is still running.
    bool isBusy() const { return m_pending > 0 || m_searchDelay.isActive(); }

    LargeTextView *textView() const { return m_text; }
    QLineEdit *searchBox() const { return m_search; }
    QLineEdit *filterBox() const { return m_filter; }
    QComboBox *modeBox() const { return m_mode; }
    QLabel *note() const { return m_note; }
    QWidget *previewWidget() const;
    // The text shown (pretty, raw or filtered).
    QString toPlainText() const { return m_text->text(); }

Q_SIGNALS:
    // Formatting, a search or a filter finished (tests and the benchmark wait for it).
    void ready();

private:
    void showCurrent();
    void showPretty();
    void finishTask();
    void onFormatted(const BodyFormatJob::Result &result);

    QByteArray m_body;
    QByteArray m_contentType;
    QByteArray m_pretty;
    LargeTextView::LineIndex m_prettyIndex;
    QList<LargeTextView::Fold> m_folds;
    bool m_isJson = false;
    bool m_prettyReady = false;
    QString m_prettyNote;
    QString m_filterExpression;
    int m_epoch = 0;            // one per body shown: work for an earlier body is dropped
    int m_searchGeneration = 0; // a newer search supersedes an older one
    BodyFormatJob m_formatter;  // formatting and filtering, in the thread pool
    bool m_formatting = false;
    bool m_filtering = false;
    QByteArray m_filtered;
    QList<LargeTextView::Fold> m_filteredFolds;
    QString m_filterNote;
    QString m_cutNote; // the body was too big to show whole
    QTimer m_searchDelay;
    int m_pending = 0;

    QComboBox *m_mode;
    QLineEdit *m_search;
    QLabel *m_matches;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLineEdit *m_filter;
    QLabel *m_note;
    QStackedWidget *m_pages;
    LargeTextView *m_text;
    QLabel *m_image;
    QTextBrowser *m_html;
};

} // namespace mr
