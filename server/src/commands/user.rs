//! `benturan user …`: the accounts, managed from the command line.
use app::i18n::{Locale, cli as text};
use clap::Subcommand;
use sea_orm::DatabaseConnection;

/// The subcommands of `benturan user`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user with a role (admin, editor, reviewer, viewer); an editor
    /// edits the rows of the Bagian given (ids, --bagian again for more).
    /// Without --password-stdin a first password is made and printed once.
    Add {
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long = "bagian")]
        bagian: Vec<i32>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a user's password (their sessions end). Without --password-stdin
    /// a new one is made and printed once.
    Passwd {
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the users: name, role, active, Bagian.
    List,
    /// Disable a user: no more sign-ins, and their sessions end.
    Disable { name: String },
}

/// The `user` commands.
pub async fn user(
    db: &DatabaseConnection,
    command: UserCommand,
    locale: Locale,
) -> Result<(), String> {
    use app::admin::repo::{self as accounts, AccountError, Role};
    let done = text::strings(locale).account;
    let refused = |error: AccountError| error.message(locale);
    // The password from standard input, or a new one printed once.
    let password = |name: &str, from_stdin: bool| -> Result<String, String> {
        if from_stdin {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(|error| error.to_string())?;
            return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
        }
        let made = accounts::generate_password();
        eprintln!("{}", (done.one_time_password)(name));
        println!("{made}");
        Ok(made)
    };
    match command {
        UserCommand::Add { name, role, bagian, password_stdin } => {
            let role = Role::parse(&role).ok_or_else(|| refused(AccountError::BadRole(role)))?;
            let secret = password(&name, password_stdin)?;
            accounts::add_user(db, &name, role, &bagian, &secret).await.map_err(refused)?;
            eprintln!("{}", (done.added)(&name, role.code()));
        }
        UserCommand::Passwd { name, password_stdin } => {
            let secret = password(&name, password_stdin)?;
            accounts::set_password(db, &name, &secret).await.map_err(refused)?;
            eprintln!("{}", (done.password_set)(&name));
        }
        UserCommand::List => {
            let users = accounts::list_users(db).await.map_err(refused)?;
            if users.is_empty() {
                eprintln!("{}", done.no_users);
            }
            for user in users {
                let bagian = user.bagian.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
                let state = if user.active { "active" } else { "disabled" };
                println!("{}\t{}\t{state}\t{bagian}", user.username, user.role);
            }
        }
        UserCommand::Disable { name } => {
            accounts::disable_user(db, &name).await.map_err(refused)?;
            eprintln!("{}", (done.disabled)(&name));
        }
    }
    Ok(())
}
