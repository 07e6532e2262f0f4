//! Every user-visible string, in Bahasa Indonesia (the default) and English.
//! A locale is a `&'static Strings`: a missing translation is a compile error.
pub mod as_of;
#[cfg(feature = "ssr")]
pub mod cli;
mod context;
mod en;
pub mod evidence;
mod id;
pub mod print;
mod switch;
pub mod upload;
#[cfg(feature = "ssr")]
pub mod workbook;

pub use context::{
    I18n, LANG_COOKIE, cookie_value, initial_locale, locale_from_cookie_header, provide_i18n,
    use_i18n,
};
pub use switch::{LanguageSwitch, SetLanguage, set_language};

use crate::register::model::{
    Field, FieldError, FieldProblem, Level, Nature, RegisterStatus, RtpStatus, SourceView,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Id,
    En,
}

impl Locale {
    pub const ALL: [Self; 2] = [Self::Id, Self::En];

    /// The BCP 47 tag, used for `<html lang>` and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|locale| locale.tag().eq_ignore_ascii_case(tag.trim()))
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Self::Id => &id::STRINGS,
            Self::En => &en::STRINGS,
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Self {
        match self {
            Self::Id => Self::En,
            Self::En => Self::Id,
        }
    }
}

/// The strings of one language.
pub struct Strings {
    /// This language's own name, shown on the switch that selects it.
    pub language_name: &'static str,
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub table_title: &'static str,
    pub columns: [&'static str; 7],
    pub period: &'static str,
    pub status: &'static str,
    pub contents: &'static str,
    pub status_names: [&'static str; 4],
    /// Risk levels, lowest first (BPKP).
    pub level_names: [&'static str; 5],
    /// Aktual, potensial.
    pub nature_names: [&'static str; 2],
    /// Control action statuses: not started, in progress, done.
    pub rtp_status_names: [&'static str; 3],
    /// Likelihood 1 to 5, as BPKP's guides name them.
    pub likelihood_names: [&'static str; 5],
    /// Impact 1 to 5.
    pub impact_names: [&'static str; 5],
    /// Quarters (triwulan) I to IV.
    pub quarter_names: [&'static str; 4],
    /// Quarters in short ("TW II").
    pub quarter_short: [&'static str; 4],
    /// A field not filled in yet.
    pub not_set: &'static str,
    pub overdue: &'static str,
    /// The register's documents: the workbook's sheets, its code column,
    /// the printed page number (Excel's `&P` and `&N`), the download links.
    pub sheet_official: &'static str,
    pub sheet_assessment: &'static str,
    pub code_column: &'static str,
    pub page_footer: &'static str,
    pub inherent_score: &'static str,
    pub residual_score: &'static str,
    pub download_xlsx: &'static str,
    pub download_csv: &'static str,
    pub downloads_label: &'static str,
    /// "Skor 16 · Tinggi".
    pub score_label: fn(score: u8, level: &str) -> String,
    /// A history entry: a field changed from `old` to `new`.
    pub value_changed: fn(field: &str, old: &str, new: &str) -> String,
    /// A history entry: the level changed with the risk matrix.
    pub relevelled: fn(field: &str, old: &str, new: &str) -> String,
    pub show_assessment: &'static str,
    pub hide_assessment: &'static str,
    /// The assessment columns: identification, existing control, inherent
    /// risk, residual risk, control action (RTP).
    pub assessment_columns: [&'static str; 5],
    pub dashboard_title: &'static str,
    pub nav_register: &'static str,
    pub nav_dashboard: &'static str,
    pub show: &'static str,
    pub open_register: &'static str,
    pub live_note: &'static str,
    /// Risks, inherent high or above, residual high or above, control
    /// actions done, overdue.
    pub total_labels: [&'static str; 5],
    pub heat_title: &'static str,
    /// Inherent, residual.
    pub heat_names: [&'static str; 2],
    pub heat_cell_label: fn(
        likelihood: u8,
        likelihood_name: &str,
        impact: u8,
        impact_name: &str,
        risks: u32,
        rating: &str,
    ) -> String,
    /// Levels abbreviated, lowest first ("SR" … "ST").
    pub level_abbr: [&'static str; 5],
    pub legend_label: &'static str,
    pub total_row: &'static str,
    pub levels_title: &'static str,
    pub risks_column: &'static str,
    pub progress_title: &'static str,
    pub realisation_note: &'static str,
    pub progress_column: &'static str,
    /// A quarter's realisation: actions reported, their average progress.
    pub quarter_cell: fn(actions: u32, progress: u8) -> String,
    pub progress_label: fn(done: u32, in_progress: u32, not_started: u32) -> String,
    pub matrix_title: &'static str,
    pub matrix_lead: &'static str,
    pub matrix_cell_label: fn(likelihood: u8, impact: u8, score: u8) -> String,
    pub matrix_save: &'static str,
    pub matrix_saved: fn(rows: usize, registers: usize) -> String,
    pub filter_assessment: &'static str,
    pub all_values: &'static str,
    pub high_and_above: &'static str,
    pub overdue_only: &'static str,
    /// Inherent level, residual level (the filter's selects).
    pub level_filters: [&'static str; 2],
    /// The filter names a heat map's cell: "Risiko inheren: kemungkinan 4, dampak 3".
    pub heat_chip: fn(map: &str, likelihood: u8, impact: u8) -> String,
    pub remove_chip: &'static str,
    /// Short labels of `Field::ASSESSMENT`, in its order.
    pub assessment_labels: [&'static str; 13],
    pub not_rated: &'static str,
    pub sources_title: &'static str,
    pub sources_lead: &'static str,
    pub source_name: &'static str,
    pub source_add: &'static str,
    pub source_rename: &'static str,
    pub source_retire: &'static str,
    pub source_restore: &'static str,
    pub source_retired: &'static str,
    pub source_rows: fn(rows: usize) -> String,
    pub source_saved: fn(name: &str) -> String,
    pub source_conflict: fn(theirs: &str) -> String,
    /// The realisation of a row's control action, per quarter.
    pub realisation_title: &'static str,
    /// Short labels of `Field::REALISATION`, in its order.
    pub realisation_labels: [&'static str; 3],
    /// The quarters reported, as (quarter's short name, progress %).
    pub realisation_summary: fn(reported: &[(&str, u8)]) -> String,
    /// Opens a quarter's evidence (a link).
    pub open_evidence: &'static str,
    pub likelihood: &'static str,
    pub impact: &'static str,
    pub target: &'static str,
    /// Assessment saved / failed, beside the field.
    pub assessment_conflict: fn(field: &str, theirs: &str) -> String,
    pub summary: fn(sections: usize, rows: usize) -> String,
    pub caption: fn(unit: &str, year: i32) -> String,
    pub switch_language: &'static str,
    pub skip_to_table: &'static str,
    pub scroll_hint: &'static str,
    pub loading: &'static str,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_register: &'static str,
    pub unavailable_title: &'static str,
    pub unavailable_body: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_body: &'static str,
    pub internal_title: &'static str,
    pub internal_body: &'static str,
    pub conflict_title: &'static str,
    pub conflict_body: &'static str,
    pub validation_title: &'static str,
    pub footer: &'static str,
    pub bad_request_title: &'static str,
    pub bad_request_body: &'static str,
    pub final_title: &'static str,
    pub final_body: &'static str,
    pub edit_hint: &'static str,
    pub grid_hint: &'static str,
    pub edit_label: fn(field: &str) -> String,
    pub saving: &'static str,
    pub saved: &'static str,
    pub save_failed: &'static str,
    pub retry: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub emphasis: &'static str,
    pub cell_conflict: &'static str,
    pub theirs_label: &'static str,
    pub mine_label: &'static str,
    pub keep_mine: &'static str,
    pub take_theirs: &'static str,
    pub merge: &'static str,
    pub actions_column: &'static str,
    pub add_below: fn(code: &str) -> String,
    pub delete_row: fn(code: &str) -> String,
    pub row_deleted: fn(code: &str) -> String,
    pub row_added: fn(code: &str) -> String,
    pub move_up: fn(code: &str) -> String,
    pub move_down: fn(code: &str) -> String,
    pub undo: &'static str,
    pub new_row: &'static str,
    pub filter_title: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub bagian_filter: &'static str,
    pub apply_filter: &'static str,
    pub clear_filter: &'static str,
    /// The fold of many Bagian boxes: how many are chosen, of all.
    pub bagian_chosen: fn(chosen: usize, total: usize) -> String,
    pub all_rows: fn(rows: usize) -> String,
    pub filtered_rows: fn(shown: usize, total: usize) -> String,
    pub no_match: &'static str,
    pub whole_table: fn(rows: usize) -> String,
    pub history: &'static str,
    pub history_of: fn(code: &str) -> String,
    pub history_empty: &'static str,
    pub close: &'static str,
    pub row_created: &'static str,
    pub cell_changed: fn(field: &str) -> String,
    pub row_moved: &'static str,
    pub row_deleted_entry: &'static str,
    pub row_restored_entry: &'static str,
    pub moved_position: fn(from: &str, to: &str) -> String,
    pub moved_bagian: fn(from: &str, to: &str) -> String,
    pub before: &'static str,
    pub after: &'static str,
    pub empty_value: &'static str,
    pub restore_value: &'static str,
    pub restore_value_label: fn(field: &str) -> String,
    pub value_restored: fn(field: &str, code: &str) -> String,
    pub same_as_now: &'static str,
    pub by_import: &'static str,
    pub by_web: fn(client: Option<&str>) -> String,
    pub by_user: fn(name: &str, client: Option<&str>) -> String,
    pub note_written_entry: fn(body: &str) -> String,
    pub note_resolved_entry: fn(body: &str) -> String,
    pub note_reopened_entry: fn(body: &str) -> String,
    /// The notes control of a row, and its open notes.
    pub notes: &'static str,
    pub notes_of: fn(code: &str) -> String,
    pub notes_open: fn(count: u32) -> String,
    pub notes_none: &'static str,
    pub note_new: &'static str,
    pub note_send: &'static str,
    pub note_sent: fn(code: &str) -> String,
    pub note_resolve: &'static str,
    pub note_reopen: &'static str,
    pub note_open_badge: &'static str,
    pub note_resolved: fn(name: Option<&str>, when: &str) -> String,
    pub note_unknown_author: &'static str,
    /// Presence: who else is editing a row now.
    pub editing_now: fn(names: &str) -> String,
    pub deleted_rows: &'static str,
    pub deleted_none: &'static str,
    pub deleted_when: &'static str,
    pub restore_row: fn(code: &str) -> String,
    pub restore: &'static str,
    pub row_restored: fn(code: &str) -> String,
    pub months: [&'static str; 12],
    pub time_separator: char,
    pub move_to_label: fn(code: &str) -> String,
    pub move_to_prompt: &'static str,
    pub row_moved_to: fn(code: &str, bagian: &str) -> String,
    pub bagian_tools: fn(name: &str) -> String,
    pub rename_bagian: fn(name: &str) -> String,
    pub move_bagian_up: fn(name: &str) -> String,
    pub move_bagian_down: fn(name: &str) -> String,
    pub remove_bagian: fn(name: &str) -> String,
    pub bagian_name_label: &'static str,
    pub add_bagian: &'static str,
    pub new_bagian_label: &'static str,
    pub new_bagian_hint: &'static str,
    pub empty_bagian: &'static str,
    pub add_first_row: fn(name: &str) -> String,
    pub bagian_added: fn(name: &str) -> String,
    pub bagian_renamed: fn(name: &str) -> String,
    pub bagian_moved: fn(name: &str) -> String,
    pub bagian_removed: fn(name: &str) -> String,
    pub field_names: [&'static str; 43],
    pub required: fn(field: &str) -> String,
    pub too_long: fn(field: &str, limit: usize) -> String,
    pub too_many_bytes: fn(field: &str, limit: usize) -> String,
    pub control_character: fn(field: &str, code_point: u32, position: usize) -> String,
    pub invalid_code: fn(field: &str) -> String,
    pub unknown_value: fn(field: &str) -> String,
    pub duplicate: fn(field: &str) -> String,
    pub not_empty: fn(field: &str, rows: usize) -> String,
    pub out_of_range: fn(field: &str, min: i32, max: i32) -> String,
    pub invalid_date: fn(field: &str) -> String,
    pub above_inherent: fn(field: &str, inherent: u8, residual: u8) -> String,
    pub levels_out_of_order: fn(field: &str) -> String,
    pub invalid_nip: fn(field: &str, digits: usize) -> String,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub username_label: &'static str,
    pub password_label: &'static str,
    pub sign_in: &'static str,
    pub sign_in_invalid: &'static str,
    pub sign_in_locked: fn(minutes: i64) -> String,
    pub sign_in_busy: &'static str,
    pub sign_in_unavailable: &'static str,
    pub signed_out: &'static str,
    pub sign_in_needed: &'static str,
    pub sign_out: &'static str,
    /// "Signed in as": before the user's name in the header.
    pub signed_in_as: &'static str,
    pub role_names: [&'static str; 4],
    /// A reader's or reviewer's table: why it has no editing controls.
    pub read_only_note: fn(role: &str) -> String,
    /// An editor's table: which Bagian they edit.
    pub edits_bagian_note: fn(bagian: &str) -> String,
    /// A colleague saved the cell the user is editing.
    pub changed_meanwhile: &'static str,
    /// The table took in a colleague's change of its shape.
    pub table_updated: &'static str,
    pub admin_title: &'static str,
    pub admin_lead: &'static str,
    pub admin_link: &'static str,
    pub add_account: &'static str,
    pub accounts_heading: &'static str,
    pub role_label: &'static str,
    pub active_label: &'static str,
    pub last_sign_in: &'static str,
    pub reset_password: &'static str,
    pub password_once: fn(user: &str) -> String,
    pub account_saved: fn(user: &str) -> String,
    pub bad_username: fn(min: usize, max: usize) -> String,
    pub username_taken: &'static str,
    pub last_admin: &'static str,
    pub no_such_bagian: &'static str,
    pub no_such_user: &'static str,
    pub audit_title: &'static str,
    pub audit_when: &'static str,
    pub audit_what: &'static str,
    pub audit_by: &'static str,
    pub audit_address: &'static str,
    pub audit_detail: &'static str,
    /// Names of the audit log's kinds of entry, by code.
    pub audit_kinds: &'static [(&'static str, &'static str)],
    pub upload: &'static upload::UploadStrings,
    pub print: &'static print::PrintStrings,
    pub as_of: &'static as_of::AsOfStrings,
    pub evidence: &'static evidence::EvidenceStrings,
}

impl Strings {
    /// A moment as the Biro reads it: in its time zone (WITA, UTC+8, no
    /// daylight saving), "29 Nov 2026, 22.49 WITA".
    pub fn moment(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        use chrono::{Datelike, Timelike};
        let wita = chrono::FixedOffset::east_opt(8 * 3600).map(|zone| at.with_timezone(&zone));
        let Some(local) = wita else { return at.to_rfc3339() };
        format!(
            "{} {} {}, {:02}{}{:02} WITA",
            local.day(),
            self.months[local.month0() as usize],
            local.year(),
            local.hour(),
            self.time_separator,
            local.minute()
        )
    }

    /// Who made a change, as the history and the evidence pack name them.
    pub fn author_name(&self, author: &crate::register::history::Author) -> String {
        use crate::register::history::Author;
        match author {
            Author::Import => self.by_import.to_owned(),
            Author::Web { client } => (self.by_web)(client.as_deref()),
            Author::User { name, client } => (self.by_user)(name, client.as_deref()),
        }
    }

    /// Why an account change was refused, naming the field and the limit.
    pub fn account_problem(&self, problem: crate::admin::AccountProblem) -> String {
        use crate::admin::AccountProblem;
        match problem {
            AccountProblem::BadUsername { min, max } => (self.bad_username)(min, max),
            AccountProblem::Taken => self.username_taken.to_owned(),
            AccountProblem::LastAdmin => self.last_admin.to_owned(),
            AccountProblem::NoSuchBagian => self.no_such_bagian.to_owned(),
            AccountProblem::NoSuchUser => self.no_such_user.to_owned(),
        }
    }

    /// An audit log entry's kind, in words (the code if unknown).
    pub fn audit_kind(&self, code: &str) -> String {
        self.audit_kinds
            .iter()
            .find(|(kind, _)| *kind == code)
            .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
    }

    pub fn role_name(&self, role: crate::auth::Role) -> &'static str {
        let index = crate::auth::Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
        self.role_names[index]
    }

    pub fn level_name(&self, level: Level) -> &'static str {
        self.level_names[level as usize - 1]
    }

    pub fn nature_name(&self, nature: Nature) -> &'static str {
        self.nature_names[Nature::ALL.iter().position(|n| *n == nature).unwrap_or(0)]
    }

    pub fn rtp_status_name(&self, status: RtpStatus) -> &'static str {
        self.rtp_status_names[RtpStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }

    /// An assessment field's value (as forms and the history write it) in
    /// words: "3 – Kadang-kadang terjadi", "Selesai", a source's name.
    pub fn assessment_value(&self, field: Field, raw: &str, sources: &[SourceView]) -> String {
        let number = raw.parse::<usize>().ok().filter(|n| (1..=5).contains(n));
        let named = match field {
            Field::InherentLikelihood | Field::ResidualLikelihood => {
                number.map(|n| format!("{n} – {}", self.likelihood_names[n - 1]))
            }
            Field::InherentImpact | Field::ResidualImpact => {
                number.map(|n| format!("{n} – {}", self.impact_names[n - 1]))
            }
            Field::TargetQuarter => {
                number.filter(|n| *n <= 4).map(|n| self.quarter_names[n - 1].to_owned())
            }
            Field::Nature => Nature::from_code(raw).map(|n| self.nature_name(n).to_owned()),
            Field::RtpStatus => {
                RtpStatus::from_code(raw).map(|s| self.rtp_status_name(s).to_owned())
            }
            Field::InherentLevel | Field::ResidualLevel => {
                Level::from_slug(raw).map(|level| self.level_name(level).to_owned())
            }
            Field::RealisationProgress => raw.parse::<u8>().ok().map(|n| format!("{n}%")),
            Field::Source => raw
                .parse::<i32>()
                .ok()
                .and_then(|id| sources.iter().find(|source| source.id == id))
                .map(|source| source.name.clone()),
            _ => None,
        };
        match named {
            Some(named) => named,
            None if raw.is_empty() => self.not_set.to_owned(),
            None => raw.to_owned(),
        }
    }

    pub fn status_name(&self, status: RegisterStatus) -> &'static str {
        let index = RegisterStatus::ALL.iter().position(|s| *s == status).unwrap_or(0);
        self.status_names[index]
    }

    pub fn field_name(&self, field: Field) -> &'static str {
        self.field_names[field as usize]
    }

    /// Each of `errors` in words, one per line.
    pub fn field_errors(&self, errors: &[FieldError]) -> String {
        errors.iter().map(|e| self.field_error(*e)).collect::<Vec<_>>().join("\n")
    }

    /// "Penyebab Utama wajib diisi." — names the field and, if any, the limit.
    pub fn field_error(&self, error: FieldError) -> String {
        let field = self.field_name(error.field);
        match error.problem {
            FieldProblem::Required => (self.required)(field),
            FieldProblem::TooLong { limit } => (self.too_long)(field, limit),
            FieldProblem::TooManyBytes { limit } => (self.too_many_bytes)(field, limit),
            FieldProblem::ControlCharacter { code_point, position } => {
                (self.control_character)(field, code_point, position)
            }
            FieldProblem::InvalidCode => (self.invalid_code)(field),
            FieldProblem::UnknownValue => (self.unknown_value)(field),
            FieldProblem::Duplicate => (self.duplicate)(field),
            FieldProblem::NotEmpty { rows } => (self.not_empty)(field, rows),
            FieldProblem::OutOfRange { min, max } => (self.out_of_range)(field, min, max),
            FieldProblem::InvalidDate => (self.invalid_date)(field),
            FieldProblem::AboveInherent { inherent, residual } => {
                (self.above_inherent)(field, inherent, residual)
            }
            FieldProblem::LevelsOutOfOrder => (self.levels_out_of_order)(field),
            FieldProblem::InvalidNip { digits } => (self.invalid_nip)(field, digits),
        }
    }
}

/// Thousands separators as each language writes them: 4.000 / 4,000.
pub fn group_thousands(value: usize, separator: char) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_round_trip_and_default_to_indonesian() {
        assert_eq!(Locale::default(), Locale::Id);
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
            assert_eq!(locale.other().other(), locale);
        }
        assert_eq!(Locale::from_tag("fr"), None);
    }

    #[test]
    fn field_errors_name_field_and_limit_in_each_language() {
        let error =
            FieldError { field: Field::Rencana, problem: FieldProblem::TooLong { limit: 4000 } };
        assert_eq!(
            Locale::Id.strings().field_error(error),
            "Rencana Tindak Pengendalian terlalu panjang: paling banyak 4.000 karakter."
        );
        assert_eq!(
            Locale::En.strings().field_error(error),
            "Planned Control Action is too long: at most 4,000 characters."
        );
    }

    #[test]
    fn every_problem_names_its_field() {
        let problems = [
            FieldProblem::Required,
            FieldProblem::TooLong { limit: 4000 },
            FieldProblem::TooManyBytes { limit: 20000 },
            FieldProblem::ControlCharacter { code_point: 0, position: 3 },
            FieldProblem::InvalidCode,
            FieldProblem::UnknownValue,
            FieldProblem::Duplicate,
            FieldProblem::NotEmpty { rows: 3 },
            FieldProblem::OutOfRange { min: 1, max: 5 },
            FieldProblem::InvalidDate,
            FieldProblem::AboveInherent { inherent: 7, residual: 19 },
            FieldProblem::LevelsOutOfOrder,
            FieldProblem::InvalidNip { digits: 18 },
        ];
        for locale in Locale::ALL {
            for problem in problems {
                let message =
                    locale.strings().field_error(FieldError { field: Field::Penyebab, problem });
                let name = locale.strings().field_name(Field::Penyebab);
                assert!(message.starts_with(name), "{message}");
            }
        }
        assert_eq!(
            Locale::Id.strings().field_error(FieldError {
                field: Field::Penyebab,
                problem: FieldProblem::ControlCharacter { code_point: 0, position: 3 }
            }),
            "Penyebab Utama berisi karakter kendali U+0000 pada karakter ke-3; hapus karakter itu."
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(7, '.'), "7");
        assert_eq!(group_thousands(4000, '.'), "4.000");
        assert_eq!(group_thousands(1234567, ','), "1,234,567");
    }
}
