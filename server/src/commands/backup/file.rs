//! The commands' side of a backup: the file written beside its name and
//! moved into place, the file read back, and what was done, in a line.
use super::{Counts, backup, restore};
use sea_orm::DatabaseConnection;

/// `benturan backup FILE`: written beside, then moved into place (a failed
/// backup leaves no half file under the name).
pub async fn backup_file(
    db: &DatabaseConnection,
    file: &std::path::Path,
) -> Result<String, String> {
    let partial = file.with_extension("partial");
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&partial).map_err(|e| format!("{}: {e}", partial.display()))?,
    );
    let counts = match backup(db, &mut out).await {
        Ok(counts) => counts,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
    };
    drop(out);
    std::fs::rename(&partial, file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(format!("backup written to {}: {}", file.display(), summary(&counts)))
}

/// `benturan restore FILE [--replace]`.
pub async fn restore_file(
    db: &DatabaseConnection,
    file: &std::path::Path,
    replace: bool,
) -> Result<String, String> {
    let input = std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let counts = restore(db, std::io::BufReader::new(input), replace).await?;
    Ok(format!("restored from {}: {}", file.display(), summary(&counts)))
}

fn summary(counts: &Counts) -> String {
    let rows: u64 = counts.iter().map(|(_, n)| n).sum();
    let tables: Vec<String> = counts.iter().map(|(t, n)| format!("{t} {n}")).collect();
    format!("{rows} rows ({})", tables.join(", "))
}
