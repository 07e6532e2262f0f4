//! Names of the tables and columns, shared by the migrations.
use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
pub enum OrgUnit {
    Table,
    Id,
    ParentId,
    Kind,
    Name,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum AppUser {
    Table,
    Id,
    Username,
    DisplayName,
    Role,
    UnitId,
    Active,
    CreatedAt,
    PasswordHash,
    PasswordSetAt,
    Email,
}

/// The day a user's reminder digest went out.
#[derive(DeriveIden)]
pub enum ReminderSent {
    Table,
    UserId,
    Day,
    Items,
    SentAt,
}

/// The Bagian an editor may edit the rows of.
#[derive(DeriveIden)]
pub enum UserBagian {
    Table,
    UserId,
    BagianId,
}

/// A signed-in browser: the SHA-256 of its cookie's token, never the token.
#[derive(DeriveIden)]
pub enum UserSession {
    Table,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    Client,
}

/// Sign-ins (success, failure, lock-out), role changes and user management.
#[derive(DeriveIden)]
pub enum AuthEvent {
    Table,
    Id,
    At,
    Kind,
    Username,
    UserId,
    ActorId,
    Client,
    Detail,
}

#[derive(DeriveIden)]
pub enum ConflictSource {
    Table,
    Id,
    Code,
    Name,
    Position,
    Active,
}

#[derive(DeriveIden)]
pub enum Register {
    Table,
    Id,
    UnitId,
    Year,
    Title,
    Status,
    SkNumber,
    SkDate,
    PreparedBy,
    ApprovedBy,
    Version,
    CreatedAt,
    UpdatedAt,
    SignPlace,
    SignDate,
    PreparedPosition,
    PreparedName,
    PreparedNip,
    ApprovedPosition,
    ApprovedName,
    ApprovedNip,
    Revision,
    CarriedFrom,
}

#[derive(DeriveIden)]
pub enum RegisterStep {
    Table,
    Id,
    RegisterId,
    Revision,
    Step,
    FromStatus,
    ToStatus,
    UserId,
    Comment,
    SkNumber,
    SkDate,
    RegisterVersion,
    TakenAt,
}

#[derive(DeriveIden)]
pub enum Risk {
    Table,
    Id,
    RegisterId,
    BagianId,
    Position,
    Code,
    Aktivitas,
    Potensi,
    Penyebab,
    Dampak,
    Rencana,
    ConflictSourceId,
    ConflictNature,
    Jabatan,
    ExistingControl,
    ControlBasis,
    InherentLikelihood,
    InherentImpact,
    ResidualLikelihood,
    ResidualImpact,
    RtpOwner,
    RtpTargetDate,
    RtpTargetQuarter,
    RtpStatus,
    Version,
    CreatedAt,
    UpdatedAt,
    CreatedBy,
    UpdatedBy,
    DeletedAt,
    DeletedBy,
    InherentScore,
    InherentLevel,
    ResidualScore,
    ResidualLevel,
    RtpDue,
    CarriedFrom,
}

#[derive(DeriveIden)]
pub enum RtpRealisation {
    Table,
    Id,
    RiskId,
    Year,
    Quarter,
    Progress,
    Note,
    Evidence,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum ReviewNote {
    Table,
    Id,
    RiskId,
    AuthorId,
    Body,
    CreatedAt,
    ResolvedAt,
    ResolvedBy,
}

#[derive(DeriveIden)]
pub enum ChangeLog {
    Table,
    Id,
    RegisterId,
    RiskId,
    Action,
    Field,
    OldValue,
    NewValue,
    ChangedBy,
    Source,
    ChangedAt,
    Client,
    RegisterVersion,
}

/// A foreign key from `table.column` to `target.id`.
pub fn foreign_key(
    (table, column): (impl IntoIden, impl IntoIden),
    (target, target_id): (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, column).to(target, target_id).on_delete(on_delete).to_owned()
}

/// An index named `name` on `columns` of `table`.
pub fn index<T, C>(
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
) -> IndexCreateStatement
where
    T: IntoIden,
    C: IntoIndexColumn,
{
    let mut index = Index::create().name(name).table(table).to_owned();
    for column in columns {
        index.col(column);
    }
    index
}

/// The change log's table named `table`, with or without the foreign key to
/// its register (whose cascade erased the history with the register; the
/// fourth migration drops it). No foreign key to risk: the history of a
/// deleted row is kept.
pub fn change_log_table(table: DynIden, register_key: bool) -> TableCreateStatement {
    use sea_orm_migration::schema::*;
    let mut create = Table::create()
        .table(table.clone())
        .col(pk_auto(ChangeLog::Id))
        .col(integer(ChangeLog::RegisterId))
        .col(integer_null(ChangeLog::RiskId))
        .col(string_len(ChangeLog::Action, 16))
        .col(string_len(ChangeLog::Field, 64))
        .col(text_null(ChangeLog::OldValue))
        .col(text_null(ChangeLog::NewValue))
        .col(integer_null(ChangeLog::ChangedBy))
        .col(string_len(ChangeLog::Source, 16))
        .col(timestamp_with_time_zone(ChangeLog::ChangedAt))
        .to_owned();
    if register_key {
        create.foreign_key(&mut foreign_key(
            (table.clone(), ChangeLog::RegisterId),
            (Register::Table, Register::Id),
            ForeignKeyAction::Cascade,
        ));
    }
    create.foreign_key(&mut foreign_key(
        (table, ChangeLog::ChangedBy),
        (AppUser::Table, AppUser::Id),
        ForeignKeyAction::SetNull,
    ));
    create
}

#[derive(DeriveIden)]
pub enum RegisterSection {
    Table,
    RegisterId,
    BagianId,
    Position,
}
