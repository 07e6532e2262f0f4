//! The change log's entries: every write logs what it changed, old and
//! new, by the database's clock.
use super::*;
use sea_orm::sea_query::SelectStatement;

pub struct LogEntry {
    action: Action,
    /// A column, or a quarter's realisation field ("realisation_note.2").
    field: std::borrow::Cow<'static, str>,
    old: Option<String>,
    new: Option<String>,
}

impl LogEntry {
    pub(super) fn new(
        action: Action,
        field: impl Into<std::borrow::Cow<'static, str>>,
        old: Option<&str>,
        new: Option<String>,
    ) -> Self {
        Self { action, field: field.into(), old: old.map(str::to_owned), new }
    }
}

/// Logs a change of the register itself (no row's): its title, say.
pub async fn log_register(
    write: &Write<'_>,
    register: &LockedRegister,
    field: Field,
    old: &str,
    new: &str,
) -> Result<(), WriteError> {
    let entry = LogEntry::new(Action::Update, field.column(), Some(old), Some(new.to_owned()));
    log(write, register, None, [entry]).await
}

pub(super) async fn log(
    write: &Write<'_>,
    register: &LockedRegister,
    risk_id: Option<i32>,
    entries: impl IntoIterator<Item = LogEntry>,
) -> Result<(), WriteError> {
    let entries = entries.into_iter().map(|entry| (risk_id, entry));
    log_many(write, register, entries).await
}

/// Logs entries of the register's rows, each `(row, entry)`, in one INSERT,
/// as made by the version the write's bump will make.
pub(super) async fn log_many(
    write: &Write<'_>,
    register: &LockedRegister,
    entries: impl IntoIterator<Item = (Option<i32>, LogEntry)>,
) -> Result<(), WriteError> {
    let &Write { txn, .. } = write;
    use change_log::Column as C;
    let mut insert = Query::insert()
        .into_table(change_log::Entity)
        .columns(
            [C::RiskId, C::Action, C::Field, C::OldValue, C::NewValue]
                .into_iter()
                .chain(ENTRY_OF_WRITE),
        )
        .to_owned();
    let of_write = of_write(write, register);
    let mut any = false;
    for (risk_id, entry) in entries {
        any = true;
        let entry = [
            risk_id.into(),
            entry.action.code().into(),
            entry.field.into_owned().into(),
            entry.old.into(),
            entry.new.into(),
        ];
        insert.values_panic(entry.into_iter().chain(of_write.clone()));
    }
    if any {
        txn.execute(&insert).await?;
    }
    Ok(())
}

/// Logs an entry of `action` for each row `rows` selects, as (row, field,
/// old value, new value), in one INSERT … SELECT: a change of many rows
/// the database makes by itself.
pub(super) async fn log_select(
    write: &Write<'_>,
    register: &LockedRegister,
    action: Action,
    mut rows: SelectStatement,
) -> Result<(), WriteError> {
    let &Write { txn, .. } = write;
    use change_log::Column as C;
    rows.expr(Expr::val(action.code())).exprs(of_write(write, register));
    let insert = Query::insert()
        .into_table(change_log::Entity)
        .columns(
            [C::RiskId, C::Field, C::OldValue, C::NewValue, C::Action]
                .into_iter()
                .chain(ENTRY_OF_WRITE),
        )
        .select_from(rows)
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .to_owned();
    txn.execute(&insert).await?;
    Ok(())
}

/// The columns of a log entry that the write gives every entry alike
/// (`columns` replaces the list it is given: they are chained to the rest).
const ENTRY_OF_WRITE: [change_log::Column; 6] = [
    change_log::Column::RegisterId,
    change_log::Column::ChangedBy,
    change_log::Column::Source,
    change_log::Column::ChangedAt,
    change_log::Column::Client,
    change_log::Column::RegisterVersion,
];

/// Their values: the register, who and from where, the database's clock,
/// and the version this transaction's one `bump_register` makes (pages
/// behind read what changed since).
fn of_write(write: &Write<'_>, register: &LockedRegister) -> [Expr; 6] {
    let &Write { txn, actor, .. } = write;
    [
        Expr::val(register.id),
        Expr::val(actor.user_id()),
        Expr::val(actor.source.code()),
        now(txn.get_database_backend()),
        Expr::val(actor.client.clone()),
        Expr::val(register.next_version()),
    ]
}
