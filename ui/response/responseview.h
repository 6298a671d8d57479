#pragma once

#include "net/exchange.h"
#include "themecolors.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace mr {

class PhaseBar;
class ResponseBodyView;

// Shows a response: status, time, size, connection badge and phase bar on top; tabs for the
// body (pretty, raw, preview, search, filter), headers, cookies, attempts (retries and
// redirect hops) and the raw exchange. When there was no response, or one that did not arrive
// whole: the error in plain words (how much of the body came) and what to try.
class ResponseView : public QWidget
{
    Q_OBJECT
public:
    explicit ResponseView(QWidget *parent = nullptr);

    void showExchange(const Exchange &exchange);
    void showError(const QString &message, const QString &hint);
    void showSending(const QString &what);
    void clear();
    const Exchange &exchange() const { return m_exchange; }
    // Writes the body as received (decoded) to a file, atomically.
    bool saveBody(const QString &path, QString *error) const;

    QLabel *statusLabel() const { return m_status; }
    // The status badge's background (ThemeColors, on this view's palette); invalid without one.
    QColor statusColour() const;
    ResponseBodyView *body() const { return m_body; }
    QTreeWidget *headersView() const { return m_headers; }
    QTreeWidget *cookiesView() const { return m_cookies; }
    QTreeWidget *attemptsView() const { return m_attempts; }
    QPlainTextEdit *rawView() const { return m_raw; }
    PhaseBar *phaseBar() const { return m_phases; }
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    void copyAsCurlRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void setStatusStyle(ThemeColors::Role role);
    void applyStatusStyle();
    void chooseAndSaveBody();
    void showCookies(const Exchange &exchange);
    void showAttempts(const Exchange &exchange);

    Exchange m_exchange;
    std::optional<ThemeColors::Role> m_statusRole;
    QLabel *m_status;
    QLabel *m_time;
    QLabel *m_size;
    QLabel *m_connection;
    PhaseBar *m_phases;
    QPushButton *m_saveBody;
    QPushButton *m_copyCurl;
    QLabel *m_message;
    QTabWidget *m_tabs;
    ResponseBodyView *m_body;
    QTreeWidget *m_headers;
    QTreeWidget *m_cookies;
    QTreeWidget *m_attempts;
    QPlainTextEdit *m_raw;
};

} // namespace mr
