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
    }
}

fn render(register: &RegisterView) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let register = register.clone();
        // The table reads its filter from the address.
        provide_context(leptos_router::location::RequestUrl::new("/"));
        view! {
            <leptos_router::components::Router>
                <RegisterTable register/>
            </leptos_router::components::Router>
        }
        .to_html()
    })
}

fn bench_render(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_register_table");
    let seed = register_of(parse_table(SEED_TABLE).expect("seed parses"));
    let large = register_of(generated_table(2_000));
    assert_eq!(render(&seed).matches("<tr data-row-id").count(), 13);
    assert_eq!(render(&large).matches("<tr data-row-id").count(), 2_000);
    for (label, register) in [("13_rows", &seed), ("2000_rows", &large)] {
        group.bench_with_input(BenchmarkId::from_parameter(label), register, |b, register| {
            b.iter(|| black_box(render(register)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
