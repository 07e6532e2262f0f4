//! A user as the rules see them: their role and the Bagian they edit, read
//! from the database (a session's user, a reminder's recipient).
use super::{CurrentUser, Role};
use crate::entities::user_bagian;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// The signed-in user, with the Bagian they edit; `None` for an unknown role.
pub async fn signed_in_user(
    db: &impl ConnectionTrait,
    id: i32,
    username: String,
    display_name: String,
    role: &str,
) -> Result<Option<CurrentUser>, DbErr> {
    let Some(role) = Role::parse(role) else {
        tracing::warn!(user = %username, role, "unknown role: not signed in");
        return Ok(None);
    };
    let bagian = if role == Role::Editor {
        user_bagian::Entity::find()
            .select_only()
            .column(user_bagian::Column::BagianId)
            .filter(user_bagian::Column::UserId.eq(id))
            .order_by_asc(user_bagian::Column::BagianId)
            .into_tuple()
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    Ok(Some(CurrentUser { id, username, display_name, role, bagian }))
}
