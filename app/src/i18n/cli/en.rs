use super::{AccountStrings, CliStrings, ImportStrings, TableStrings, WriteStrings};

pub const STRINGS: CliStrings = CliStrings {
    notes_heading: "Notes:",
    rows_heading: "Rows of the file:",
    refused: "File refused",
    nothing_changed: "Nothing was changed.",
    cannot_read: |path, error| format!("Cannot read {path}: {error}"),
    database_unreachable: |url, error| format!("The database at {url} cannot be reached: {error}"),
    database_invalid: |url, error| {
        format!(
            "DATABASE_URL is not valid ({url}): {error}. Examples: sqlite://benturan.sqlite?mode=rwc or postgres://user@host/database"
        )
    },
    startup_failed: |error| format!("The database cannot be prepared; the server stopped: {error}"),
    migrated: "Database schema migrated.",
    no_register: "There is no register to export yet.",
    exported: |rows| format!("{rows} risk rows exported."),
    xlsx_needs_out: "An XLSX workbook is written to a file: give --out FILE.xlsx.",
    evidence_written: |quarter, year, path| {
        format!("The evidence pack of quarter {quarter} of {year} was written to {path}.")
    },
    seeded: |rows| format!("Empty database: the Biro's table was loaded ({rows} risk rows)."),
    listening: |address| format!("Benturan is listening on http://{address}"),
    at_line: |line, message| format!("line {line}: {message}"),
    table: &TABLE,
    import: &IMPORT,
    write: &WRITE,
    account: &ACCOUNT,
};

const TABLE: TableStrings = TableStrings {
    not_utf8: "the file is not UTF-8 text",
    missing_title: "the table title and the unit's name must come before the column header",
    missing_header: |first| format!("no column header line ({first} …) was found"),
    header_mismatch: |column, found, expected| {
        format!("column {column} is headed \"{found}\", expected \"{expected}\"")
    },
    column_count: |found, expected| format!("{found} columns found, expected {expected}"),
    invalid_number: |found| format!("column No holds \"{found}\", expected the section's number"),
    row_without_bagian: "a risk row comes before the first section",
    duplicate_bagian: |name, line| format!("section \"{name}\" already appears on line {line}"),
    duplicate_code: |code, line| format!("code {code} is already used on line {line}"),
    no_rows: "the table holds no risk rows",
    not_a_workbook: "the file is not an Excel workbook (.xlsx) that can be read",
    beyond_table: |last| {
        format!("a cell right of the table is filled (the table ends at column {last})")
    },
    at_cell: |sheet, row, column, problem| match column {
        Some(column) => format!("sheet \"{sheet}\", row {row}, column {column}: {problem}"),
        None => format!("sheet \"{sheet}\", row {row}: {problem}"),
    },
    joined: |field, row_line| format!("continuation of {field} from line {row_line} joined back"),
    stray_fragment: |fragment, field| {
        format!("fragment \"{fragment}\" in {field} dropped (the word above is complete)")
    },
    foreign_markup: |tag, field| format!("markup {tag} in {field} is shown as text, as written"),
    renumbered: |found, expected| {
        format!("section numbered {found}, expected {expected}; numbering follows the file's order")
    },
    ignored: |text| format!("text \"{text}\" before the column header ignored"),
};

const IMPORT: ImportStrings = ImportStrings {
    heading: |dry_run, year, register_id, created| {
        let heading = if dry_run { "Import dry run" } else { "Import done" };
        let register = if created { "created" } else { "already existed" };
        format!("{heading}: register for {year} (id {register_id}) {register}.")
    },
    bagian: |created, existing| format!("Sections: {created} new, {existing} existing."),
    rows: |[created, updated, unchanged, deleted, restored]| {
        format!(
            "Risk rows: {created} new, {updated} changed, {unchanged} unchanged, \
             {deleted} deleted, {restored} restored."
        )
    },
    matched: |[code, content, similar, position, new]| {
        format!(
            "Rows matched: {code} by code, {content} by content, \
             {similar} by similar content, {position} by position, {new} new rows."
        )
    },
    renamed: |old, new| format!("Section \"{old}\" renamed to \"{new}\"."),
    deleted: |code, activity| format!("Deleted (restorable): {code} \"{activity}\"."),
    units_created: |units| format!("New units: {units}."),
    dry_run: "Dry run (--dry-run): nothing was stored.",
    match_kinds: ["by code", "by content", "by similar content (edited)", "by position", "new row"],
};

const WRITE: WriteStrings = WriteStrings {
    conflict: |row| format!("row {row} was changed by someone else at the same time; import again"),
    final_register: |year| {
        format!("the register for {year} is final (ditetapkan) and can no longer be changed")
    },
    under_review: |year| {
        format!(
            "the register for {year} is submitted or reviewed; its text cannot change until it is returned to draft"
        )
    },
    not_found: "the data was not found",
    forbidden: "your role does not allow this change",
    database: |error| format!("database error: {error}"),
};

const ACCOUNT: AccountStrings = AccountStrings {
    bad_username: |min, max| {
        format!("Username: {min}–{max} characters of a–z, 0–9, '.', '_' or '-'.")
    },
    bad_password: |min, max| format!("Password: {min}–{max} characters."),
    bad_email: |max| format!("E-mail: one address of at most {max} characters."),
    bad_role: |role| format!("Unknown role \"{role}\": admin, editor, reviewer or viewer."),
    taken: |name| format!("The username {name} is taken."),
    no_such_user: |name| format!("There is no user {name}."),
    no_such_bagian: |id| format!("There is no Bagian with id {id}."),
    last_admin: "The last active admin cannot lose the role or be disabled.",
    database: |error| format!("Database: {error}"),
    added: |name, role| format!("User {name} added with the role {role}."),
    password_set: |name| format!("The password of {name} was changed; their sessions ended."),
    disabled: |name| format!("User {name} was disabled; their sessions ended."),
    one_time_password: |name| {
        format!("The first password of {name} (shown this once; pass it on):")
    },
    no_users: "There are no users yet.",
    first_admin: |name, password| {
        format!(
            "No users yet: the account {name} was made. One-time password: {password} \
             (shown this once; change it with `benturan user passwd {name}`)."
        )
    },
};
