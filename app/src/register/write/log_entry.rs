//! The change log's entries: every write logs what it changed, old and
//! new, by the database's clock.
use super::*;

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
    txn: &DatabaseTransaction,
    actor: &Actor,
    register: &LockedRegister,
    field: Field,
    old: &str,
    new: &str,
) -> Result<(), WriteError> {
    let entry = LogEntry::new(Action::Update, field.column(), Some(old), Some(new.to_owned()));
    log(txn, actor, register, None, [entry]).await
}

pub(super) async fn log(
    txn: &DatabaseTransaction,
    actor: &Actor,
    register: &LockedRegister,
    risk_id: Option<i32>,
    entries: impl IntoIterator<Item = LogEntry>,
) -> Result<(), WriteError> {
    let entries = entries.into_iter().map(|entry| (risk_id, entry));
    log_many(txn, actor, register, entries).await
}

/// Logs entries of the register's rows, each `(row, entry)`, in one INSERT,
/// as made by the version the write's bump will make.
pub(super) async fn log_many(
    txn: &DatabaseTransaction,
    actor: &Actor,
    register: &LockedRegister,
    entries: impl IntoIterator<Item = (Option<i32>, LogEntry)>,
) -> Result<(), WriteError> {
    let register_id = register.id;
    let now = now(txn.get_database_backend());
    let mut insert = Query::insert()
        .into_table(change_log::Entity)
        .columns([
            change_log::Column::RegisterId,
            change_log::Column::RiskId,
            change_log::Column::Action,
            change_log::Column::Field,
            change_log::Column::OldValue,
            change_log::Column::NewValue,
            change_log::Column::ChangedBy,
            change_log::Column::Source,
            change_log::Column::ChangedAt,
            change_log::Column::Client,
            change_log::Column::RegisterVersion,
        ])
        .to_owned();
    // The version this transaction's one `bump_register` makes: pages
    // behind read what changed since.
    let version = Expr::val(register.next_version());
    let mut any = false;
    for (risk_id, entry) in entries {
        any = true;
        insert.values_panic([
            register_id.into(),
            risk_id.into(),
            entry.action.code().into(),
            entry.field.into_owned().into(),
            entry.old.into(),
            entry.new.into(),
            actor.user_id().into(),
            actor.source.code().into(),
            now.clone(),
            actor.client.clone().into(),
            version.clone(),
        ]);
    }
    if any {
        txn.execute(&insert).await?;
    }
    Ok(())
}
