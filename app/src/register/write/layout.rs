//! The register's layout in the change log: which Bagian it lists, in what
//! order and under what names, and which live rows each Bagian holds in what
//! order. A write that changes any of it logs the new layout of what it
//! touched (no row of its own: `risk_id` NULL, action `layout`), so that
//! the register "as of" any version is the last layout logged up to it,
//! whatever shifted places on the way (an insert above, a restore, a move,
//! an import's reorder) without a row entry of its own.
use super::*;
use crate::register::repo::section_names;

/// The field of the Bagian list: `[[id, "name"], …]` in printed order.
pub const SECTIONS_FIELD: &str = "sections";
/// The prefix of a Bagian's row order field, `order:{bagian id}`: the ids of
/// its live rows in printed order, `"3,4,5"`.
pub const ORDER_PREFIX: &str = "order:";

/// What of the layout a write changed.
#[derive(Clone, Copy, Debug)]
pub enum Touched<'a> {
    /// The rows of these Bagian.
    Rows(&'a [i32]),
    /// The Bagian list and the rows of these Bagian.
    SectionsAndRows(&'a [i32]),
}

/// Logs the layout `touched` names as it is now in the transaction (before
/// the write's bump: the entries name the version the bump makes).
pub async fn log_layout(
    write: &Write<'_>,
    register: &LockedRegister,
    touched: Touched<'_>,
) -> Result<(), WriteError> {
    let &Write { txn, .. } = write;
    let register_id = register.id;
    let (sections, bagian) = match touched {
        Touched::Rows(bagian) => (false, bagian),
        Touched::SectionsAndRows(bagian) => (true, bagian),
    };
    let mut entries = Vec::with_capacity(bagian.len() + 1);
    if sections {
        let listed = section_names(txn, register_id).await?;
        entries.push(layout_entry(SECTIONS_FIELD.into(), sections_value(&listed)));
    }
    if !bagian.is_empty() {
        let mut orders = row_orders(txn, register_id, bagian).await?;
        let mut ids = bagian.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let order = orders.remove(&id).unwrap_or_default();
            entries.push(layout_entry(format!("{ORDER_PREFIX}{id}"), order_value(&order)));
        }
    }
    log(write, register, None, entries).await
}

fn layout_entry(field: String, value: String) -> LogEntry {
    LogEntry::new(Action::Layout, field, None, Some(value))
}

/// The Bagian list as logged.
pub fn sections_value(listed: &[(i32, String)]) -> String {
    serde_json::to_string(listed).unwrap_or_default()
}

/// A Bagian's row order as logged.
pub fn order_value(rows: &[i32]) -> String {
    rows.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

/// The live rows of Bagian `bagian` of the register, each Bagian's in
/// printed order.
async fn row_orders(
    txn: &DatabaseTransaction,
    register_id: i32,
    bagian: &[i32],
) -> Result<std::collections::HashMap<i32, Vec<i32>>, WriteError> {
    let rows: Vec<(i32, i32)> = risk::Entity::find()
        .select_only()
        .columns([risk::Column::BagianId, risk::Column::Id])
        .filter(risk::Column::RegisterId.eq(register_id))
        .filter(risk::Column::BagianId.is_in(bagian.iter().copied()))
        .filter(risk::Column::DeletedAt.is_null())
        .order_by_asc(risk::Column::BagianId)
        .order_by_asc(risk::Column::Position)
        .order_by_asc(risk::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let mut orders: std::collections::HashMap<i32, Vec<i32>> = Default::default();
    for (bagian, id) in rows {
        orders.entry(bagian).or_default().push(id);
    }
    Ok(orders)
}
