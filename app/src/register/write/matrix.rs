//! The risk matrix's levels: an admin moves them, and every row of every
//! register still open is re-levelled at once, each change in its history.
//! Set-based: per register, one INSERT … SELECT logs the moved levels of a
//! kind (inherent, residual) and one UPDATE moves them, however many rows.
use super::log_entry::log_select;
use super::*;
use crate::entities::risk_matrix;
use crate::register::repo::matrix;
use crate::rules::assessment::{Level, Matrix};
use sea_orm::{
    Condition,
    sea_query::{CaseStatement, Order, SelectStatement},
};

/// Rows re-levelled by a change of the matrix.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Relevelled {
    pub rows: usize,
    pub registers: usize,
}

/// Gives the scores `levels` name their new levels, and re-levels every
/// row of every register not yet final (a register that is set keeps the
/// levels it was set with), logging each row's change and bumping each
/// register changed.
pub async fn set_matrix_levels(
    write: &Write<'_>,
    levels: &[(u8, Level)],
) -> Result<Relevelled, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::ManageSettings)?;
    let before = matrix(txn).await?;
    let after = before.with_levels(levels).map_err(|error| WriteError::Validation(vec![error]))?;
    if after == before {
        return Ok(Relevelled::default());
    }
    for (_, _, score, level) in after.cells() {
        risk_matrix::Entity::update_many()
            .col_expr(risk_matrix::Column::Level, Expr::val(level.code()))
            .filter(risk_matrix::Column::Score.eq(i16::from(score)))
            .exec(txn)
            .await?;
    }
    audit_setting(write, "matrix_changed", moves(&before, &after)).await?;
    let levels = Levels::of(&after);
    let mut done = Relevelled::default();
    for register_id in open_registers(txn).await? {
        let register = lock_register(txn, register_id, Touch::Beside).await?;
        let changed = relevel(write, &register, &levels).await?;
        if changed > 0 {
            bump_register(write, &register, None).await?;
            done.rows += changed;
            done.registers += 1;
        }
    }
    Ok(done)
}

/// The scores whose level moved, for the audit log: "12: sedang → tinggi".
fn moves(before: &Matrix, after: &Matrix) -> String {
    let moved = before.cells().zip(after.cells()).filter(|(old, new)| old.3 != new.3);
    let moved = moved.map(|((_, _, score, old), (_, _, _, new))| {
        format!("{score}: {} → {}", old.slug(), new.slug())
    });
    moved.collect::<Vec<_>>().join(", ")
}

/// The registers not yet final, in order (their locks are taken in it).
async fn open_registers(txn: &DatabaseTransaction) -> Result<Vec<i32>, WriteError> {
    let open = register::Column::Status.ne(RegisterStatus::Ditetapkan.code());
    Ok(register::Entity::find()
        .select_only()
        .column(register::Column::Id)
        .filter(open)
        .order_by_asc(register::Column::Id)
        .into_tuple()
        .all(txn)
        .await?)
}

/// The matrix as SQL reads it: each level with the scores it holds.
struct Levels(Vec<(Level, Vec<i16>)>);

impl Levels {
    fn of(matrix: &Matrix) -> Self {
        let mut levels: Vec<(Level, Vec<i16>)> = Vec::new();
        for (_, _, score, level) in matrix.cells() {
            let score = i16::from(score);
            match levels.iter_mut().find(|(known, _)| *known == level) {
                Some((_, scores)) if scores.contains(&score) => {}
                Some((_, scores)) => scores.push(score),
                None => levels.push((level, vec![score])),
            }
        }
        Self(levels)
    }

    /// What the matrix gives score column `score`: `then` of its level
    /// (NULL for no score, or one the matrix does not hold).
    fn of_score<T: Into<Expr>>(&self, score: risk::Column, then: impl Fn(Level) -> T) -> Expr {
        let case = self.0.iter().fold(CaseStatement::new(), |case, (level, scores)| {
            case.case(Expr::col(score).is_in(scores.iter().copied()), then(*level))
        });
        case.into()
    }
}

/// A level the matrix sets: the inherent or the residual one.
#[derive(Clone, Copy)]
struct Rated {
    score: risk::Column,
    level: risk::Column,
    field: Field,
}

const RATED: [Rated; 2] = [
    Rated {
        score: risk::Column::InherentScore,
        level: risk::Column::InherentLevel,
        field: Field::InherentLevel,
    },
    Rated {
        score: risk::Column::ResidualScore,
        level: risk::Column::ResidualLevel,
        field: Field::ResidualLevel,
    },
];

impl Rated {
    /// The level the matrix now gives the row's score.
    fn new_level(self, levels: &Levels) -> Expr {
        levels.of_score(self.score, |level| Expr::val(level.code()))
    }

    /// Whether the row's level moves: it has a score the matrix rates,
    /// and the matrix now rates it otherwise.
    fn moves(self, levels: &Levels) -> Condition {
        let new = self.new_level(levels);
        let level = Expr::col(self.level);
        Condition::all()
            .add(new.clone().is_not_null())
            .add(Condition::any().add(level.clone().is_null()).add(level.ne(new)))
    }

    /// The log's entries of register `register`'s moved levels:
    /// (row, field, old, new), the levels by name as every entry gives them.
    fn moved(self, register: i32, levels: &Levels) -> SelectStatement {
        let old = Level::ALL.iter().fold(CaseStatement::new(), |case, level| {
            case.case(Expr::col(self.level).eq(level.code()), Expr::val(level.slug()))
        });
        Query::select()
            .column(risk::Column::Id)
            .expr(Expr::val(self.field.column()))
            .expr(old)
            .expr(levels.of_score(self.score, |level| Expr::val(level.slug())))
            .from(risk::Entity)
            .and_where(risk::Column::RegisterId.eq(register))
            .cond_where(self.moves(levels))
            .order_by(risk::Column::Id, Order::Asc)
            .to_owned()
    }
}

/// Re-levels the rows of held register `register` by `levels`: their moves
/// logged, then made, each row's version moved once. The rows moved.
async fn relevel(
    write: &Write<'_>,
    register: &LockedRegister,
    levels: &Levels,
) -> Result<usize, WriteError> {
    let &Write { txn, actor, .. } = write;
    for rated in RATED {
        log_select(write, register, Action::Relevel, rated.moved(register.id, levels)).await?;
    }
    // The register is held: no other write moves its rows meanwhile, and
    // every expression reads the row as it was before this UPDATE.
    let any = RATED.iter().fold(Condition::any(), |any, rated| any.add(rated.moves(levels)));
    let mut update = risk::Entity::update_many()
        .col_expr(risk::Column::Version, Expr::col(risk::Column::Version).add(1))
        .col_expr(risk::Column::UpdatedAt, now(txn.get_database_backend()))
        .col_expr(risk::Column::UpdatedBy, Expr::val(actor.user_id()))
        .filter(risk::Column::RegisterId.eq(register.id))
        .filter(any);
    for rated in RATED {
        let moved = Expr::case(rated.moves(levels), rated.new_level(levels));
        update = update.col_expr(rated.level, moved.finally(Expr::col(rated.level)).into());
    }
    Ok(update.exec(txn).await?.rows_affected as usize)
}
