//! The benchmark's baseline: a plain Axum handler that reads the same rows
//! with sqlx and writes the same table as a string, with no framework in
//! between. `BENCHMARKS.md` reports the Leptos page's throughput as a ratio
//! of this one's, which holds on a noisy machine.
//!
//! Run: `DATABASE_URL=sqlite://file.sqlite BASELINE_ADDR=127.0.0.1:3102 \
//!       cargo run --release --example baseline -p benturan` (or a
//!       `postgres://` URL: the same queries through sqlx's PostgreSQL driver).
use app::register::model::RichText;
use axum::{Router, extract::State, http::StatusCode, response::Html, routing::get};
use sea_orm::sqlx::{self, PgPool, SqlitePool};
use std::fmt::Write;

// The same allocator as the app's server, so the ratio compares the code only.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Row = (i32, String, i32, String, String, String, String, String);

const QUERY: &str = "SELECT r.id, b.name, b.id, r.aktivitas, r.potensi, r.penyebab, r.dampak, r.rencana \
     FROM risk r JOIN org_unit b ON b.id = r.bagian_id \
     WHERE r.register_id = (SELECT id FROM register ORDER BY year DESC, unit_id LIMIT 1) \
     AND r.deleted_at IS NULL \
     ORDER BY b.position, b.id, r.position, r.id";

const HEAD_QUERY: &str = "SELECT g.title, g.year, u.name, p.name FROM register g \
     JOIN org_unit u ON u.id = g.unit_id LEFT JOIN org_unit p ON p.id = u.parent_id \
     ORDER BY g.year DESC, g.id LIMIT 1";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("DATABASE_URL")?;
    let address = std::env::var("BASELINE_ADDR").unwrap_or_else(|_| "127.0.0.1:3102".into());
    let app = if url.starts_with("postgres") {
        let pool = sqlx::postgres::PgPoolOptions::new().max_connections(8).connect(&url).await?;
        Router::new()
            .route("/", get(page_postgres))
            .route("/dashboard", get(dashboard_postgres))
            .with_state(pool)
    } else {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(8).connect(&url).await?;
        Router::new().route("/", get(page)).route("/dashboard", get(dashboard)).with_state(pool)
    };
    let listener = tokio::net::TcpListener::bind(&address).await?;
    eprintln!("baseline on http://{address}");
    axum::serve(listener, app).await?;
    Ok(())
}

async fn page(State(pool): State<SqlitePool>) -> Result<Html<String>, StatusCode> {
    let fail = |_| StatusCode::SERVICE_UNAVAILABLE;
    let (title, year, unit, parent): (String, i32, String, Option<String>) =
        sqlx::query_as(HEAD_QUERY).fetch_one(&pool).await.map_err(fail)?;
    let rows: Vec<Row> = sqlx::query_as(QUERY).fetch_all(&pool).await.map_err(fail)?;
    Ok(Html(render(&title, year, &unit, parent.as_deref(), &rows)))
}

async fn page_postgres(State(pool): State<PgPool>) -> Result<Html<String>, StatusCode> {
    let fail = |_| StatusCode::SERVICE_UNAVAILABLE;
    let (title, year, unit, parent): (String, i32, String, Option<String>) =
        sqlx::query_as(HEAD_QUERY).fetch_one(&pool).await.map_err(fail)?;
    let rows: Vec<Row> = sqlx::query_as(QUERY).fetch_all(&pool).await.map_err(fail)?;
    Ok(Html(render(&title, year, &unit, parent.as_deref(), &rows)))
}

fn render(title: &str, year: i32, unit: &str, parent: Option<&str>, rows: &[Row]) -> String {
    let mut html = String::with_capacity(512 + rows.len() * 700);
    html.push_str("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">");
    html.push_str("<link rel=\"stylesheet\" href=\"/pkg/benturan.css\"><title>");
    escape(&mut html, title);
    html.push_str("</title></head><body><main><h1>");
    escape(&mut html, title);
    html.push_str("</h1><p>");
    escape(&mut html, unit);
    if let Some(parent) = parent {
        html.push(' ');
        escape(&mut html, parent);
    }
    let _ = write!(html, "</p><p>{year}</p><table><thead><tr>");
    for header in app::import::HEADER {
        html.push_str("<th scope=\"col\">");
        escape(&mut html, header);
        html.push_str("</th>");
    }
    html.push_str("</tr></thead>");
    let mut index = 0;
    let mut ordinal = 0;
    while index < rows.len() {
        let bagian = rows[index].2;
        let span = rows[index..].iter().take_while(|row| row.2 == bagian).count();
        ordinal += 1;
        html.push_str("<tbody>");
        for (offset, row) in rows[index..index + span].iter().enumerate() {
            let _ = write!(html, "<tr data-row-id=\"{}\">", row.0);
            if offset == 0 {
                let _ =
                    write!(html, "<td rowspan=\"{span}\">{ordinal}</td><th rowspan=\"{span}\">");
                escape(&mut html, &row.1);
                html.push_str("</th>");
            }
            for cell in [&row.3, &row.4, &row.5, &row.6, &row.7] {
                html.push_str("<td>");
                for span in RichText::new(cell.as_str()).spans() {
                    if span.emphasis {
                        html.push_str("<em>");
                        escape(&mut html, span.text);
                        html.push_str("</em>");
                    } else {
                        escape(&mut html, span.text);
                    }
                }
                html.push_str("</td>");
            }
            html.push_str("</tr>");
        }
        html.push_str("</tbody>");
        index += span;
    }
    html.push_str("</table></main></body></html>");
    html
}

fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// The dashboard's figures by hand: the app's own aggregate queries
/// (`app::dashboard::repo`: counts per Bagian, both heat maps, realisation
/// per quarter) straight through sqlx, written into a plain HTML table,
/// for the newest register (looked up first, as the app does).
const NEWEST: &str = "SELECT id, year FROM register ORDER BY year DESC, unit_id LIMIT 1";

/// A Bagian's line: id, rows, inherent levels 1–5, residual levels 1–5,
/// done, in progress, overdue.
type Line = (
    i32,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);
type Pair = (Option<i16>, Option<i16>, Option<i16>, Option<i16>, i64);
type Realised = (i32, i16, i64, Option<f64>);

macro_rules! dashboard_handler {
    ($name:ident, $pool:ty) => {
        async fn $name(State(pool): State<$pool>) -> Result<Html<String>, StatusCode> {
            use app::dashboard::repo::{bagian_sql, heat_sql, realised_sql};
            let fail = |_| StatusCode::SERVICE_UNAVAILABLE;
            let today = app::db::today();
            let (register, year): (i32, i32) =
                sqlx::query_as(NEWEST).fetch_one(&pool).await.map_err(fail)?;
            let lines: Vec<Line> =
                sqlx::query_as(sqlx::AssertSqlSafe(bagian_sql(register, today, None)))
                    .fetch_all(&pool)
                    .await
                    .map_err(fail)?;
            let pairs: Vec<Pair> = sqlx::query_as(sqlx::AssertSqlSafe(heat_sql(register)))
                .fetch_all(&pool)
                .await
                .map_err(fail)?;
            let realised: Vec<Realised> =
                sqlx::query_as(sqlx::AssertSqlSafe(realised_sql(register, year, None)))
                    .fetch_all(&pool)
                    .await
                    .map_err(fail)?;
            Ok(Html(render_dashboard(&lines, &pairs, &realised)))
        }
    };
}

dashboard_handler!(dashboard, SqlitePool);
dashboard_handler!(dashboard_postgres, PgPool);

fn render_dashboard(lines: &[Line], pairs: &[Pair], realised: &[Realised]) -> String {
    let mut quarters: std::collections::HashMap<i32, [f64; 4]> = Default::default();
    for (bagian, quarter, _n, progress) in realised {
        quarters.entry(*bagian).or_default()[(*quarter).clamp(1, 4) as usize - 1] =
            progress.unwrap_or(0.0);
    }
    let mut html = String::from("<!DOCTYPE html><html lang=\"id\"><body><main><table>");
    for line in lines {
        let (bagian, risks) = (line.0, line.1);
        let counts = [
            line.2, line.3, line.4, line.5, line.6, line.7, line.8, line.9, line.10, line.11,
            line.12, line.13, line.14,
        ];
        let _ = write!(html, "<tr><th>{bagian}</th><td>{risks}</td>");
        for n in counts {
            let _ = write!(html, "<td>{}</td>", n.unwrap_or(0));
        }
        for q in quarters.get(&bagian).copied().unwrap_or_default() {
            let _ = write!(html, "<td>{q:.0}</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>");
    let mut heat = [[[0i64; 5]; 5]; 2];
    for (il, ii, rl, ri, n) in pairs {
        for (map, (l, i)) in [(il, ii), (rl, ri)].into_iter().enumerate() {
            if let (Some(l @ 1..=5), Some(i @ 1..=5)) = (l, i) {
                heat[map][*l as usize - 1][*i as usize - 1] += n;
            }
        }
    }
    for map in heat {
        html.push_str("<svg>");
        for (l, row) in map.iter().enumerate() {
            for (i, n) in row.iter().enumerate() {
                let _ = write!(html, "<text x=\"{i}\" y=\"{l}\">{n}</text>");
            }
        }
        html.push_str("</svg>");
    }
    html.push_str("</main></body></html>");
    html
}
