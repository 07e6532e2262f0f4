//! The daily digest: to each active user with an e-mail address and
//! something falling due, one message a day through the SMTP server the
//! environment names; whichever instance sends it first claims the day.
use super::model::DueItem;
use crate::entities::{app_user, reminder_sent};
use chrono::NaiveDate;
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};
use std::sync::OnceLock;

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tls {
    /// STARTTLS on a plain connection (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Wrapper,
    /// None: only for a server on the same host or network.
    Off,
}

/// The SMTP server and the sender, from `BENTURAN_SMTP_*`.
#[derive(Clone, Debug)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    pub credentials: Option<(String, String)>,
    pub from: Mailbox,
    /// Where the links in a message lead (`BENTURAN_PUBLIC_URL`).
    pub public_url: String,
}

static SETTINGS: OnceLock<Option<MailSettings>> = OnceLock::new();

/// Keeps the server's settings (once, at start).
pub fn configure(settings: Option<MailSettings>) {
    let _ = SETTINGS.set(settings);
}

/// The settings the server started with; `None`: no e-mail is sent.
pub fn settings() -> Option<&'static MailSettings> {
    SETTINGS.get().and_then(Option::as_ref)
}

impl MailSettings {
    /// From the environment (`get` reads a variable): `None` without
    /// `BENTURAN_SMTP_HOST`; a wrong value is an error naming its variable.
    pub fn from_env(
        get: impl Fn(&str) -> Option<String>,
        public_url: String,
    ) -> Result<Option<Self>, String> {
        // A variable set empty (compose passes them all) is one not set.
        let get = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        let Some(host) = get("BENTURAN_SMTP_HOST") else {
            return Ok(None);
        };
        let tls = match get("BENTURAN_SMTP_TLS").as_deref().map(str::trim) {
            None | Some("" | "starttls") => Tls::StartTls,
            Some("tls") => Tls::Wrapper,
            Some("none") => Tls::Off,
            Some(other) => {
                return Err(format!("BENTURAN_SMTP_TLS: {other:?} is not starttls, tls or none"));
            }
        };
        let default_port = match tls {
            Tls::StartTls => 587,
            Tls::Wrapper => 465,
            Tls::Off => 25,
        };
        let port = match get("BENTURAN_SMTP_PORT") {
            None => default_port,
            Some(port) => port
                .trim()
                .parse()
                .map_err(|_| format!("BENTURAN_SMTP_PORT: {port:?} is not a port number"))?,
        };
        let from = get("BENTURAN_SMTP_FROM").ok_or("BENTURAN_SMTP_FROM: the sender is needed")?;
        let from = from
            .parse::<Mailbox>()
            .map_err(|error| format!("BENTURAN_SMTP_FROM: {from:?}: {error}"))?;
        let credentials = match (get("BENTURAN_SMTP_USER"), get("BENTURAN_SMTP_PASSWORD")) {
            (Some(user), Some(password)) => Some((user, password)),
            (None, None) => None,
            _ => return Err("BENTURAN_SMTP_USER and BENTURAN_SMTP_PASSWORD go together".into()),
        };
        Ok(Some(Self { host: host.trim().to_owned(), port, tls, credentials, from, public_url }))
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let builder = match self.tls {
            Tls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&self.host),
            Tls::Wrapper => AsyncSmtpTransport::<Tokio1Executor>::relay(&self.host),
            Tls::Off => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)),
        };
        let mut builder = builder.map_err(|error| error.to_string())?.port(self.port);
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

/// What a round of digests did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DigestReport {
    pub sent: usize,
    /// Sent already today (by this or another instance), or nothing due.
    pub skipped: usize,
    pub failed: usize,
}

/// Sends today's digest to every active user with an address and
/// something falling due who has not had it yet today.
pub async fn send_digests(
    db: &DatabaseConnection,
    settings: &MailSettings,
    today: NaiveDate,
) -> Result<DigestReport, DbErr> {
    let users = app_user::Entity::find()
        .filter(app_user::Column::Active.eq(true))
        .filter(app_user::Column::Email.is_not_null())
        .all(db)
        .await?;
    let transport = settings.transport().map_err(DbErr::Custom)?;
    let mut report = DigestReport::default();
    for user in users {
        let Some(address) = user.email.clone() else { continue };
        let Some(current) = crate::auth::load::signed_in_user(
            db,
            user.id,
            user.username.clone(),
            user.display_name.clone(),
            &user.role,
        )
        .await?
        else {
            continue;
        };
        let items = super::repo::due_for(db, &current, today).await?;
        if items.is_empty() || !claim(db, user.id, today, items.len()).await? {
            report.skipped += 1;
            continue;
        }
        let message = digest(settings, &user.display_name, &address, &items, today);
        let sent = match message {
            Ok(message) => transport.send(message).await.map_err(|error| error.to_string()),
            Err(error) => Err(error),
        };
        match sent {
            Ok(_) => report.sent += 1,
            Err(error) => {
                tracing::warn!(user = %user.username, %error, "reminder digest not sent");
                // Not claimed after all: a later round tries again.
                reminder_sent::Entity::delete_many()
                    .filter(reminder_sent::Column::UserId.eq(user.id))
                    .filter(reminder_sent::Column::Day.eq(today))
                    .exec(db)
                    .await?;
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

/// Claims `day`'s digest of user `user`: `false` if it was claimed already.
async fn claim(
    db: &impl ConnectionTrait,
    user: i32,
    day: NaiveDate,
    items: usize,
) -> Result<bool, DbErr> {
    let row = reminder_sent::ActiveModel {
        user_id: Set(user),
        day: Set(day),
        items: Set(i32::try_from(items).unwrap_or(i32::MAX)),
        sent_at: Set(crate::db::clock(db).await?),
    };
    let inserted = reminder_sent::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([reminder_sent::Column::UserId, reminder_sent::Column::Day])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// The digest of `items` for `name` at `address`, in Bahasa Indonesia.
fn digest(
    settings: &MailSettings,
    name: &str,
    address: &str,
    items: &[DueItem],
    today: NaiveDate,
) -> Result<Message, String> {
    let t = crate::i18n::Locale::Id.strings();
    let to = format!("{name} <{address}>").parse::<Mailbox>().map_err(|e| e.to_string())?;
    let overdue = items.iter().filter(|item| item.overdue()).count();
    let mut body = (t.reminders.mail_intro)(name, items.len(), overdue);
    body.push_str("\n\n");
    for item in items {
        let when = t.print.long_date(item.due);
        let left = (t.reminders.days_left)(item.days_left);
        let link = format!("{}{}", settings.public_url.trim_end_matches('/'), item.link());
        body.push_str(&format!(
            "- {} · {} · {}: {} ({left})\n  {}\n  {}: {}\n  {link}\n\n",
            item.code,
            item.bagian,
            t.reminders.due_label,
            when,
            item.aktivitas,
            t.reminders.owner_label,
            item.owner,
        ));
    }
    body.push_str(&(t.reminders.mail_footer)(&t.print.long_date(today)));
    Message::builder()
        .from(settings.from.clone())
        .to(to)
        .subject((t.reminders.mail_subject)(items.len(), overdue))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|error| error.to_string())
}
