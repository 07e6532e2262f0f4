//! The daily reminder digest: read from `BENTURAN_SMTP_*` at start, sent
//! each day at 07:00 WITA (and at start when that hour has passed), each
//! user once a day whichever instance sends first; `benturan remind` sends
//! it at once (from cron, or to try the settings).
use app::reminders::mail::{MailSettings, send_digests};
use app::state::AppState;
use chrono::{Duration, NaiveTime, Utc};
use std::time::Duration as StdDuration;

/// When the digest goes out, in the Biro's time (WITA, UTC+8).
const SEND_AT: (u32, u32) = (7, 0);

/// The settings from the environment; links lead to `public_url` (else
/// the address the server listens on). A wrong value names its variable.
pub fn settings_from_env(public_url: Option<&str>) -> Result<Option<MailSettings>, String> {
    let base = public_url
        .map(str::to_owned)
        .unwrap_or_else(|| format!("http://{}", crate::leptos_options().site_addr));
    MailSettings::from_env(|name| std::env::var(name).ok(), base)
}

/// Sends the digest every day at 07:00 WITA for as long as the server runs
/// (nothing without settings).
pub fn spawn_daily(state: AppState) {
    let Some(settings) = app::reminders::mail::settings() else {
        tracing::info!("no BENTURAN_SMTP_HOST: reminder e-mails are not sent");
        return;
    };
    tokio::spawn(async move {
        loop {
            if state.is_ready() && past_send_time() {
                let today = app::db::today();
                match send_digests(&state.db, settings, today).await {
                    Ok(report) => tracing::info!(
                        sent = report.sent,
                        skipped = report.skipped,
                        failed = report.failed,
                        "reminder digests"
                    ),
                    Err(error) => tracing::warn!(%error, "reminder digests not sent"),
                }
            }
            tokio::time::sleep(until_next_send()).await;
        }
    });
}

fn wita_now() -> chrono::NaiveDateTime {
    (Utc::now() + Duration::hours(8)).naive_utc()
}

fn past_send_time() -> bool {
    wita_now().time() >= NaiveTime::from_hms_opt(SEND_AT.0, SEND_AT.1, 0).unwrap_or_default()
}

/// How long until the next 07:00 WITA (a failed round tries again within
/// the hour: the claim keeps what was sent from going twice).
fn until_next_send() -> StdDuration {
    let now = wita_now();
    let at = NaiveTime::from_hms_opt(SEND_AT.0, SEND_AT.1, 0).unwrap_or_default();
    let mut next = now.date().and_time(at);
    if next <= now {
        next += Duration::days(1);
    }
    let wait = (next - now).to_std().unwrap_or(StdDuration::from_secs(3600));
    wait.min(StdDuration::from_secs(3600))
}

/// `benturan remind`: today's digests, now.
pub async fn send_now(
    db: &sea_orm::DatabaseConnection,
    public_url: Option<&str>,
) -> Result<String, String> {
    let settings = settings_from_env(public_url)?
        .ok_or("BENTURAN_SMTP_HOST is not set: no e-mail can be sent")?;
    let report = send_digests(db, &settings, app::db::today()).await.map_err(|e| e.to_string())?;
    Ok(format!(
        "reminder digests: {} sent, {} skipped (nothing due, or sent today already), {} failed",
        report.sent, report.skipped, report.failed
    ))
}
