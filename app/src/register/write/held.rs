//! A write and the register it holds: the transaction, who writes, and
//! the versions it made; the register locked, refused when final, and its
//! version bumped once per change.
use super::*;

/// One write: the transaction it runs in, who makes it, and the register
/// versions it made (each bump and refresh adds one).
pub struct Write<'a> {
    pub txn: &'a DatabaseTransaction,
    pub actor: &'a Actor,
    made: std::sync::Mutex<Vec<crate::live::Change>>,
}

impl<'a> Write<'a> {
    pub fn new(txn: &'a DatabaseTransaction, actor: &'a Actor) -> Self {
        Self { txn, actor, made: std::sync::Mutex::default() }
    }

    /// The register versions this write made, in order: what open pages
    /// hear once its transaction commits.
    pub fn made(self) -> Vec<crate::live::Change> {
        self.made.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Tells open pages that register `register` is at `version` now: every
    /// instance's listener when (and only if) the transaction commits; this
    /// instance's pages through `made`, told by the caller after commit.
    pub(super) async fn announce(&self, register: i32, version: i32) -> Result<(), WriteError> {
        let change = crate::live::Change { register, version };
        crate::live::notify(self.txn, change.payload()).await?;
        let mut made = self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        made.push(change);
        Ok(())
    }
}

/// A register held by this transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockedRegister {
    pub id: i32,
    /// The unit (Biro) that keeps the register: its Bagian are this unit's children.
    pub unit_id: i32,
    pub year: i32,
    pub version: i32,
    pub title: String,
    /// 0 until the set register is opened again.
    pub revision: i32,
}

impl LockedRegister {
    /// The version this transaction's `bump_register` makes: the register
    /// is held, so no other write moves it meanwhile. The change log names
    /// it, so pages behind read what changed since.
    pub fn next_version(&self) -> i32 {
        self.version + 1
    }
}

/// What a write changes of a register, which the register's status may
/// forbid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touch {
    /// Its rows, Bagian, title or assessment: only while drafted (a
    /// submitted register's text is fixed for its reviewer).
    Content,
    /// Beside the text: review notes, the printed form's heading, the
    /// levels the matrix gives. Until the register is set.
    Beside,
}

/// Locks the register for the rest of the transaction (`FOR UPDATE` on
/// PostgreSQL; SQLite's write transaction holds the database already) and
/// refuses it when its status forbids what the write `touches`.
pub async fn lock_register(
    txn: &DatabaseTransaction,
    register_id: i32,
    touches: Touch,
) -> Result<LockedRegister, WriteError> {
    let (locked, status) = lock_any(txn, register_id).await?;
    if status.is_final() {
        return Err(WriteError::Final { year: locked.year });
    }
    if touches == Touch::Content && !status.is_open() {
        return Err(WriteError::UnderReview { year: locked.year, status });
    }
    Ok(locked)
}

/// Locks the register whatever its status; returns it with its status.
pub(super) async fn lock_any(
    txn: &DatabaseTransaction,
    register_id: i32,
) -> Result<(LockedRegister, RegisterStatus), WriteError> {
    let found = register::Entity::find_by_id(register_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(WriteError::NotFound)?;
    let status =
        RegisterStatus::parse(&found.status).map_err(|e| WriteError::Validation(vec![e]))?;
    let locked = LockedRegister {
        id: found.id,
        unit_id: found.unit_id,
        year: found.year,
        version: found.version,
        title: found.title,
        revision: found.revision,
    };
    Ok((locked, status))
}

/// Marks the register changed: version + 1, by the database's clock; still
/// refused should it have become final meanwhile.
pub async fn bump_register(
    write: &Write<'_>,
    register: &LockedRegister,
    title: Option<&str>,
) -> Result<i32, WriteError> {
    let txn = write.txn;
    let mut update = register::Entity::update_many()
        .col_expr(register::Column::Version, Expr::col(register::Column::Version).add(1))
        .col_expr(register::Column::UpdatedAt, now(txn.get_database_backend()))
        .filter(register::Column::Id.eq(register.id))
        .filter(register::Column::Status.ne(RegisterStatus::Ditetapkan.code()));
    if let Some(title) = title {
        update = update.col_expr(register::Column::Title, Expr::val(title));
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(WriteError::Final { year: register.year });
    }
    write.announce(register.id, register.next_version()).await?;
    Ok(register.next_version())
}

/// Moves the versions of the registers `which` selects on, set ones too
/// (what their pages show beside the rows changed: the sources, the unit's
/// years), telling open pages on every instance.
pub(crate) async fn refresh_pages(
    write: &Write<'_>,
    which: sea_orm::Condition,
) -> Result<(), WriteError> {
    let txn = write.txn;
    let registers: Vec<(i32, i32)> = register::Entity::find()
        .select_only()
        .columns([register::Column::Id, register::Column::Version])
        .filter(which.clone())
        .order_by_asc(register::Column::Id)
        .lock_exclusive()
        .into_tuple()
        .all(txn)
        .await?;
    register::Entity::update_many()
        .col_expr(register::Column::Version, Expr::col(register::Column::Version).add(1))
        .filter(which)
        .exec(txn)
        .await?;
    for (id, version) in registers {
        write.announce(id, version + 1).await?;
    }
    Ok(())
}
