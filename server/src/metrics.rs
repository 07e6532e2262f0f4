//! `GET /metrics`: the server's own figures in Prometheus' text format, for
//! operators: requests answered by status class and how long they took, the
//! event streams open now, writes saved and refused as conflicts. Counted
//! in this process since it started; nothing of the data itself.
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

/// Requests answered, by status class (1xx to 5xx), and their latencies.
struct Requests {
    by_class: [AtomicU64; 5],
    /// Requests per bucket: the first whose bound holds the latency.
    in_bucket: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    micros: AtomicU64,
}

static REQUESTS: Requests = Requests {
    by_class: [const { AtomicU64::new(0) }; 5],
    in_bucket: [const { AtomicU64::new(0) }; BUCKETS.len()],
    count: AtomicU64::new(0),
    micros: AtomicU64::new(0),
};

/// Counts every request, timed to its response's headers (an event
/// stream's open time is not its latency).
pub async fn count_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let response = next.run(request).await;
    let took = started.elapsed();
    let class = usize::from(response.status().as_u16() / 100).clamp(1, 5) - 1;
    REQUESTS.by_class[class].fetch_add(1, Relaxed);
    let seconds = took.as_secs_f64();
    if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
        REQUESTS.in_bucket[bucket].fetch_add(1, Relaxed);
    }
    REQUESTS.count.fetch_add(1, Relaxed);
    REQUESTS.micros.fetch_add(u64::try_from(took.as_micros()).unwrap_or(u64::MAX), Relaxed);
    response
}

pub async fn metrics(State(state): State<AppState>) -> Response {
    let mut text = String::new();
    let name = "benturan_http_requests_total";
    family(&mut text, name, "counter", "HTTP requests answered.");
    for (class, count) in REQUESTS.by_class.iter().enumerate() {
        let _ = writeln!(text, "{name}{{class=\"{}xx\"}} {}", class + 1, count.load(Relaxed));
    }
    let name = "benturan_http_request_duration_seconds";
    family(&mut text, name, "histogram", "Time from a request to its response's headers.");
    let mut below = 0;
    for (bound, count) in BUCKETS.iter().zip(&REQUESTS.in_bucket) {
        below += count.load(Relaxed);
        let _ = writeln!(text, "{name}_bucket{{le=\"{bound}\"}} {below}");
    }
    let count = REQUESTS.count.load(Relaxed);
    let seconds = REQUESTS.micros.load(Relaxed) as f64 / 1e6;
    let _ = writeln!(text, "{name}_bucket{{le=\"+Inf\"}} {count}");
    let _ = writeln!(text, "{name}_sum {seconds}\n{name}_count {count}");
    let (saved, conflicts) = app::register::edit::write_counts();
    let streams = state.live.listeners() as u64;
    for (name, kind, help, value) in [
        ("benturan_event_streams_open", "gauge", "Event streams open to pages now.", streams),
        ("benturan_saves_total", "counter", "Writes through the web committed.", saved),
        ("benturan_conflicts_total", "counter", "Writes refused: someone saved first.", conflicts),
    ] {
        family(&mut text, name, kind, help);
        let _ = writeln!(text, "{name} {value}");
    }
    let kind = "text/plain; version=0.0.4; charset=utf-8";
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store")], text).into_response()
}

/// A metric family's help and type lines.
fn family(text: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(text, "# HELP {name} {help}\n# TYPE {name} {kind}");
}
