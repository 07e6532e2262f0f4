//! The live channel's benchmark (`bench/run` calls it):
//!
//! - `live_bench latency SAVE_URL LISTEN_URL TOKEN N`: N saves of one cell
//!   through the server at SAVE_URL while a page listens on LISTEN_URL (the
//!   same server, or another instance on the same database); prints the
//!   p50 and p99 in ms from sending a save to the listener hearing its
//!   version.
//! - `live_bench idle URL TOKEN N SECONDS`: opens N event streams and holds
//!   them open for SECONDS; prints how many opened.
use reqwest::header;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["latency", save, listen, token, n] => latency(save, listen, token, n.parse()?).await,
        ["idle", url, token, n, seconds] => idle(url, token, n.parse()?, seconds.parse()?).await,
        _ => Err("usage: live_bench latency SAVE LISTEN TOKEN N | idle URL TOKEN N SECONDS".into()),
    }
}

fn client(token: &str) -> Result<reqwest::Client, Box<dyn std::error::Error>> {
    let mut headers = header::HeaderMap::new();
    headers.insert(header::COOKIE, format!("benturan_session={token}").parse()?);
    Ok(reqwest::Client::builder().default_headers(headers).build()?)
}

/// An event stream's next version.
async fn next_version(stream: &mut reqwest::Response, buffer: &mut String) -> Option<i64> {
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            // Changes only (presence events say who edits, no version).
            if !event.lines().any(|line| line == "event: change") {
                continue;
            }
            if let Some(data) = event.lines().find_map(|line| line.strip_prefix("data: ")) {
                let change: serde_json::Value = serde_json::from_str(data).ok()?;
                return change["version"].as_i64();
            }
            continue;
        }
        let chunk = stream.chunk().await.ok()??;
        buffer.push_str(&String::from_utf8_lossy(&chunk));
    }
}

async fn latency(
    save: &str,
    listen: &str,
    token: &str,
    n: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let client = client(token)?;
    let register: serde_json::Value = serde_json::from_str(
        &client.get(format!("{save}/api/get_register")).send().await?.text().await?,
    )?;
    let (id, version) = (
        register["id"].as_i64().ok_or("no register")?,
        register["version"].as_i64().ok_or("no version")?,
    );
    let row = &register["sections"][0]["rows"][0];
    let row_id = row["id"].as_i64().ok_or("no row")?.to_string();
    let mut current = row["penyebab"].as_str().ok_or("no cell")?.to_owned();
    let mut stream = client
        .get(format!("{listen}/api/events?register={id}&since={version}"))
        .header(header::ORIGIN, listen)
        .send()
        .await?;
    let mut buffer = String::new();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let next = format!("Penyebab uji langsung {}", i % 2);
        let started = Instant::now();
        let saved = client
            .post(format!("{save}/api/save_cell"))
            .header(header::ORIGIN, save)
            .form(&[
                ("row", row_id.as_str()),
                ("field", "Penyebab"),
                ("expected", &current),
                ("value", &next),
            ])
            .send()
            .await?;
        if !saved.status().is_success() {
            return Err(format!("save {i}: {}", saved.status()).into());
        }
        let expected = version + 1 + i as i64;
        loop {
            let heard = tokio::time::timeout(
                Duration::from_secs(10),
                next_version(&mut stream, &mut buffer),
            )
            .await?
            .ok_or("the stream ended")?;
            if heard >= expected {
                break;
            }
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        current = next;
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!("{:.1} {:.1}", at(0.5), at(0.99));
    Ok(())
}

async fn idle(
    url: &str,
    token: &str,
    n: usize,
    seconds: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    let client = client(token)?;
    let register: serde_json::Value = serde_json::from_str(
        &client.get(format!("{url}/api/get_register")).send().await?.text().await?,
    )?;
    let id = register["id"].as_i64().ok_or("no register")?;
    let version = register["version"].as_i64().ok_or("no version")?;
    let mut streams = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(200) {
        let opening = chunk.iter().map(|_| {
            client
                .get(format!("{url}/api/events?register={id}&since={version}"))
                .header(header::ORIGIN, url)
                .send()
        });
        for opened in futures_util::future::join_all(opening).await {
            let opened = opened?;
            if opened.status().is_success() {
                streams.push(opened);
            }
        }
    }
    println!("{}", streams.len());
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    drop(streams);
    Ok(())
}
