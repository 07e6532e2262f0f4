//! Review notes on rows: a reviewer (APIP / Inspektorat, Kepala Biro) or an
//! admin writes a note on a row and later marks it resolved. Like every
//! change, each locks the register, is logged with its author, and bumps the
//! register's version, so that every open page hears of it.
use super::*;
use crate::entities::review_note;
use crate::rules::parse_note;

/// Adds a note to row `row_id`; returns its id. The text is checked by the
/// note rules (present, at most 2,000 characters, no control characters).
pub async fn add_note(write: &Write<'_>, row_id: i32, body: &str) -> Result<i32, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::Review)?;
    let body = parse_note(body).map_err(|error| WriteError::Validation(vec![error]))?;
    let register_id = row_place(txn, row_id).await?;
    let register = lock_register(txn, register_id, Touch::Beside).await?;
    let insert = Query::insert()
        .into_table(review_note::Entity)
        .columns([
            review_note::Column::RiskId,
            review_note::Column::AuthorId,
            review_note::Column::Body,
            review_note::Column::CreatedAt,
        ])
        .values_panic([
            row_id.into(),
            actor.user_id().into(),
            body.clone().into(),
            now(txn.get_database_backend()),
        ])
        .returning_col(review_note::Column::Id)
        .to_owned();
    let created = txn.query_one(&insert).await?.ok_or(WriteError::NotFound)?;
    let id: i32 = created.try_get("", "id")?;
    let entry = LogEntry::new(Action::Note, Field::Note.column(), None, Some(body));
    log(write, &register, Some(row_id), [entry]).await?;
    bump_register(write, &register, None).await?;
    Ok(id)
}

/// Marks note `id` resolved (or open again). Resolving a resolved note, or
/// reopening an open one, changes nothing and is no error (two reviewers
/// clicking at once).
pub async fn resolve_note(write: &Write<'_>, id: i32, resolved: bool) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::Review)?;
    let note = review_note::Entity::find_by_id(id).one(txn).await?.ok_or(WriteError::NotFound)?;
    let register_id = row_place(txn, note.risk_id).await?;
    let register = lock_register(txn, register_id, Touch::Beside).await?;
    let mut update = review_note::Entity::update_many().filter(review_note::Column::Id.eq(id));
    update = if resolved {
        update
            .col_expr(review_note::Column::ResolvedAt, now(txn.get_database_backend()))
            .col_expr(review_note::Column::ResolvedBy, Expr::val(actor.user_id()))
            .filter(review_note::Column::ResolvedAt.is_null())
    } else {
        update
            .col_expr(review_note::Column::ResolvedAt, Expr::cust("NULL"))
            .col_expr(review_note::Column::ResolvedBy, Expr::cust("NULL"))
            .filter(review_note::Column::ResolvedAt.is_not_null())
    };
    if update.exec(txn).await?.rows_affected == 0 {
        return Ok(());
    }
    let action = if resolved { Action::Resolve } else { Action::Reopen };
    let entry = LogEntry::new(action, Field::Note.column(), None, Some(note.body));
    log(write, &register, Some(note.risk_id), [entry]).await?;
    bump_register(write, &register, None).await?;
    Ok(())
}
