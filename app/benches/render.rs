//! Server rendering of the register table to HTML, with the seed's 13 rows
//! and a generated register of 2,000 rows (no database, no HTTP).
#![allow(clippy::unwrap_used, clippy::expect_used)]
use app::import::{ParsedTable, SEED_TABLE, generate::generated_table, parse_table};
use app::register::components::RegisterTable;
use app::register::model::{RegisterStatus, RegisterView, RiskRowView, SectionView};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use leptos::prelude::*;
use std::hint::black_box;

fn register_of(table: ParsedTable) -> RegisterView {
    let mut next_id = 0;
    let sections = table
        .sections
        .into_iter()
        .enumerate()
        .map(|(index, section)| SectionView {
            bagian_id: index as i32 + 1,
            ordinal: index as u32 + 1,
            name: section.name,
            rows: section
                .rows
                .into_iter()
                .map(|row| {
                    next_id += 1;
                    let [aktivitas, potensi, penyebab, dampak, rencana] = row.cells;
                    RiskRowView {
                        id: next_id,
                        code: format!("BK-{next_id:03}"),
                        version: 1,
                        aktivitas,
                        potensi,
                        penyebab,
                        dampak,
                        rencana,
                        notes: 0,
                        assessment: Default::default(),
                    }
                })
                .collect(),
        })
        .collect();
    RegisterView {
        id: 1,
        unit_id: 2,
        version: 2,
        title: table.title,
        unit_name: table.unit.biro,
        parent_name: table.unit.instansi,
        year: 2026,
        status: RegisterStatus::Draft,
        sections,
        sources: Vec::new(),
        as_of: None,
        cycle: Default::default(),
    }
}

/// The table as the server renders it at `address` (it reads its filter,
/// and whether to show the whole table, from the address).
fn render(register: &RegisterView, address: &str) -> String {
    // As on the server: a rendering context that says so (browser-only
    // helpers such as window listeners then do nothing).
    let context = std::sync::Arc::new(hydration_context::SsrSharedContext::new());
    let owner = Owner::new_root(Some(context));
    owner.with(|| {
        let register = register.clone();
        // An admin's table: every control on every row, the most to render.
        let user = Some(app::auth::CurrentUser {
            id: 1,
            username: "admin".into(),
            display_name: "admin".into(),
            role: app::auth::Role::Admin,
            bagian: Vec::new(),
        });
        provide_context(leptos_router::location::RequestUrl::new(address));
        view! {
            <leptos_router::components::Router>
                <RegisterTable register user/>
            </leptos_router::components::Router>
        }
        .to_html()
    })
}

fn bench_render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_register_table");
    let seed = register_of(parse_table(SEED_TABLE).expect("seed parses"));
    let large = register_of(generated_table(2_000));
    let cases = [
        ("13_rows", &seed, "/", 13),
        // The whole table, as before the window (comparable over time).
        ("2000_rows", &large, "/?lengkap=1", 2_000),
        ("2000_rows_windowed", &large, "/", 60),
    ];
    for (label, register, address, rows) in cases {
        assert_eq!(render(register, address).matches("<tr data-row-id").count(), rows, "{label}");
        group.bench_with_input(BenchmarkId::from_parameter(label), register, |b, register| {
            b.iter(|| black_box(render(register, address)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
