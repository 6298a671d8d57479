#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

namespace mr {

struct Exchange;

// Shows a response: status, time and size on top; body (pretty JSON) and headers in tabs;
// or, when there was no response, the error in plain words and what to try.
class ResponseView : public QWidget
{
    Q_OBJECT
public:
    explicit ResponseView(QWidget *parent = nullptr);

    void showExchange(const Exchange &exchange);
    void showError(const QString &message, const QString &hint);
    void showSending(const QString &what);
    void clear();

    QLabel *statusLabel() const { return m_status; }
    QPlainTextEdit *bodyView() const { return m_body; }
    QTreeWidget *headersView() const { return m_headers; }

private:
    void setStatusStyle(const QColor &color);

    QLabel *m_status;
    QLabel *m_time;
    QLabel *m_size;
    QLabel *m_connection;
    QLabel *m_message;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_body;
    QTreeWidget *m_headers;
};

} // namespace mr
