#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace mr {

// Rows of name/value pairs (query params, headers, form fields, multipart parts) for a
// QTableView. A last, empty row is always there: typing into it adds a row, so nothing needs
// an "Add" button. Only user edits (setData, removeRows) emit edited(); setRows() is how the
// editor shows what the request holds and stays silent.
class KeyValueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Value, File, ContentType };
    struct Row {
        bool enabled = true;
        QString name;
        QString value;
        QString file;        // multipart: sent from this file
        QString contentType; // multipart: the part's Content-Type

        bool isEmpty() const
        {
            return name.isEmpty() && value.isEmpty() && file.isEmpty() && contentType.isEmpty();
        }
        friend bool operator==(const Row &a, const Row &b)
        {
            return a.enabled == b.enabled && a.name == b.name && a.value == b.value &&
                   a.file == b.file && a.contentType == b.contentType;
        }
    };

    // `checkable`: the name column gets a checkbox that disables a row without deleting it.
    KeyValueModel(const QList<Column> &columns, bool checkable, QObject *parent = nullptr);

    // Shows these rows; does nothing when they are already shown, so an open cell editor stays.
    void setRows(const QList<Row> &rows);
    // The rows, without the empty last one.
    const QList<Row> &rows() const { return m_rows; }
    Column columnKind(int column) const { return m_columns.at(column); }
    int columnOf(Column kind) const { return int(m_columns.indexOf(kind)); }
    bool isPlaceholderRow(int row) const { return row == m_rows.size(); }
    // Grey text in the empty last row's name cell ("Add a header").
    void setPlaceholder(const QString &text) { m_placeholder = text; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

Q_SIGNALS:
    void edited();

private:
    static QString &field(Row &row, Column kind);
    static const QString &field(const Row &row, Column kind);

    QList<Column> m_columns;
    bool m_checkable;
    QList<Row> m_rows;
    QString m_placeholder;
};

} // namespace mr
