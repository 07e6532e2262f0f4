//! The sources of conflict rows name (PermenPAN-RB 17/2024's categories),
//! as admins keep them: added, renamed, retired and brought back. A retired
//! source stays on the rows that name it and is no longer offered. Each
//! change is in the audit log, and moves every register's version on, so
//! that kept pages are rendered again with the list as it is.
use super::*;
use crate::entities::conflict_source;
use crate::register::model::SourceView;
use crate::rules::FieldProblem;
use crate::rules::assessment::parse_source_name;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, Condition};

/// Adds a source named `name` at the end of the list.
pub async fn add_source(write: &Write<'_>, name: &str) -> Result<SourceView, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::ManageSettings)?;
    let name = parse_source_name(name).map_err(|e| WriteError::Validation(vec![e]))?;
    let all = conflict_source::Entity::find().lock_exclusive().all(txn).await?;
    refuse_taken(&all, None, &name)?;
    let position = all.iter().map(|source| source.position).max().unwrap_or(0) + 1;
    let added = conflict_source::ActiveModel {
        code: Set(free_code(&all, &name)),
        name: Set(name.clone()),
        position: Set(position),
        active: Set(true),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit_setting(write, "source_added", name).await?;
    refresh_pages(write, Condition::all()).await?;
    Ok(view(added))
}

/// Renames source `id` to `name`, if it is still named `expected` (else a
/// conflict with the name it has now).
pub async fn rename_source(
    write: &Write<'_>,
    id: i32,
    expected: &str,
    name: &str,
) -> Result<SourceView, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::ManageSettings)?;
    let name = parse_source_name(name).map_err(|e| WriteError::Validation(vec![e]))?;
    let expected = super::invalid(crate::rules::parse_expected(Field::Source, expected))?;
    let all = conflict_source::Entity::find().lock_exclusive().all(txn).await?;
    let source = all.iter().find(|source| source.id == id).ok_or(WriteError::NotFound)?;
    if source.name == name {
        return Ok(view(source.clone()));
    }
    if source.name != expected.trim() {
        let theirs = source.name.clone();
        return Err(WriteError::CellConflict {
            row_id: id,
            field: Field::Source,
            theirs,
            version: 0,
        });
    }
    refuse_taken(&all, Some(id), &name)?;
    let old = source.name.clone();
    let mut renamed: conflict_source::ActiveModel = source.clone().into();
    renamed.name = Set(name.clone());
    let renamed = renamed.update(txn).await?;
    audit_setting(write, "source_renamed", format!("{old} → {name}")).await?;
    refresh_pages(write, Condition::all()).await?;
    Ok(view(renamed))
}

/// Retires source `id` (no longer offered) or, with `active`, brings it back.
pub async fn set_source_active(
    write: &Write<'_>,
    id: i32,
    active: bool,
) -> Result<SourceView, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::ManageSettings)?;
    let source = conflict_source::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(WriteError::NotFound)?;
    if source.active == active {
        return Ok(view(source));
    }
    let mut changed: conflict_source::ActiveModel = source.into();
    changed.active = Set(active);
    let changed = changed.update(txn).await?;
    let kind = if active { "source_restored" } else { "source_retired" };
    audit_setting(write, kind, changed.name.clone()).await?;
    refresh_pages(write, Condition::all()).await?;
    Ok(view(changed))
}

fn view(source: conflict_source::Model) -> SourceView {
    SourceView { id: source.id, name: source.name, active: source.active }
}

/// Refuses a name another source has, whatever its case (retired ones too:
/// their rows still show it).
fn refuse_taken(
    all: &[conflict_source::Model],
    own: Option<i32>,
    name: &str,
) -> Result<(), WriteError> {
    let folded = name.to_lowercase();
    let taken =
        all.iter().any(|source| Some(source.id) != own && source.name.to_lowercase() == folded);
    if taken {
        let error = FieldError::new(Field::Source, FieldProblem::Duplicate);
        return Err(WriteError::Validation(vec![error]));
    }
    Ok(())
}

/// A code for a new source, from its name ("Hubungan keluarga" →
/// "hubungan_keluarga"), unused by any other.
fn free_code(all: &[conflict_source::Model], name: &str) -> String {
    let mut base = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('_') && !base.is_empty() {
            base.push('_');
        }
        if base.len() >= 24 {
            break;
        }
    }
    let base = match base.trim_end_matches('_') {
        "" => "sumber",
        trimmed => trimmed,
    }
    .to_owned();
    let taken = |code: &str| all.iter().any(|source| source.code == code);
    let mut code = base.clone();
    let mut n = 1;
    while taken(&code) {
        n += 1;
        code = format!("{base}_{n}");
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: i32, code: &str) -> conflict_source::Model {
        conflict_source::Model {
            id,
            code: code.to_owned(),
            name: code.to_owned(),
            position: id,
            active: true,
        }
    }

    #[test]
    fn codes_come_from_names_and_never_repeat() {
        let all = [source(1, "hubungan_keluarga"), source(2, "hubungan_keluarga_2")];
        assert_eq!(free_code(&[], "Hubungan keluarga"), "hubungan_keluarga");
        assert_eq!(free_code(&all, "Hubungan  Keluarga!"), "hubungan_keluarga_3");
        assert_eq!(free_code(&[], "مصدر"), "sumber");
        assert_eq!(
            free_code(&[], "Rangkap jabatan pada BUMD / BUMN lain"),
            "rangkap_jabatan_pada_bum"
        );
    }
}
