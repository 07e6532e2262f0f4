//! The pack's contents as lines of text in the reader's language: what the
//! workbook's sheets and the printed pages both show.
use super::EvidencePack;
use crate::i18n::Strings;
use crate::register::history::ChangeView;
use crate::register::labels::assessment_value;
use crate::register::model::{Field, RichText};

/// One change during the quarter.
pub struct ChangeLine {
    pub when: String,
    pub who: String,
    pub code: String,
    pub action: &'static str,
    pub column: String,
    pub old: String,
    pub new: String,
}

/// One review note of the quarter.
pub struct NoteLine {
    pub code: String,
    pub written: String,
    pub who: String,
    pub body: String,
    /// Open, or resolved when and by whom, at the quarter's end.
    pub state: String,
}

/// The summary: (label, value) in order.
pub fn summary(pack: &EvidencePack, t: &Strings) -> Vec<(String, String)> {
    let e = t.evidence;
    let register = &pack.form.register;
    let settings = &pack.form.settings;
    let long = |day| t.print.long_date(day);
    let period = (e.period)(&long(pack.quarter.first_day()), &long(pack.quarter.last_day()));
    let as_of = match register.as_of {
        Some(as_of) => format!("{} ({})", long(as_of.date), (e.version)(as_of.version)),
        None => long(pack.quarter.last_day()),
    };
    let signatory = |signatory: &crate::print::model::Signatory| {
        let name = [&signatory.name, &signatory.position]
            .into_iter()
            .filter(|part| !part.trim().is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        // Not yet named: the dotted blank the printed form leaves to fill in.
        let name = if name.is_empty() { crate::i18n::print::BLANK.to_owned() } else { name };
        match signatory.nip.trim() {
            "" => name,
            nip => format!("{name} ({} {})", t.print.nip, crate::rules::print::format_nip(nip)),
        }
    };
    let (written, all) = pack.realised();
    vec![
        (e.unit.to_owned(), register.unit_line()),
        (e.period_label.to_owned(), period),
        (e.register_as_of.to_owned(), as_of),
        (e.status.to_owned(), t.status_name(register.status).to_owned()),
        (e.prepared.to_owned(), signatory(&settings.prepared)),
        (e.approved.to_owned(), signatory(&settings.approved)),
        (e.rows.to_owned(), all.to_string()),
        (e.realised_label.to_owned(), (e.realised)(written, all)),
        (e.changes_count.to_owned(), pack.changes.len().to_string()),
        (e.notes_label.to_owned(), (e.notes_count)(pack.notes.len(), pack.open_notes())),
        (e.generated.to_owned(), t.moment(pack.generated)),
    ]
}

pub fn change_lines(pack: &EvidencePack, t: &Strings) -> Vec<ChangeLine> {
    let sources = &pack.form.register.sources;
    pack.changes
        .iter()
        .map(|(code, change)| {
            let word = |value: &Option<String>| {
                let raw = value.as_deref().unwrap_or("");
                match change.field {
                    Some(field) if Field::CELLS.contains(&field) => {
                        RichText::new(raw.to_owned()).plain().to_owned()
                    }
                    Some(field) if crate::rules::assessment::is_assessment(field) => {
                        assessment_value(t, field, raw, sources)
                    }
                    _ => raw.to_owned(),
                }
            };
            ChangeLine {
                when: t.moment(change.at),
                who: change.author.name(t),
                code: code.clone(),
                action: change.action.label(t.evidence),
                column: column(change, t),
                old: word(&change.old),
                new: word(&change.new),
            }
        })
        .collect()
}

/// The column a change names: the field's name, with the quarter of a
/// realisation; else as logged.
fn column(change: &ChangeView, t: &Strings) -> String {
    match (change.field, change.quarter) {
        (Some(field), Some(quarter)) => {
            match usize::from(quarter).checked_sub(1).and_then(|index| t.quarter_names.get(index)) {
                Some(name) => format!("{} ({name})", t.field_name(field)),
                None => t.field_name(field).to_owned(),
            }
        }
        (Some(field), None) => t.field_name(field).to_owned(),
        (None, _) => change.column.clone(),
    }
}

pub fn note_lines(pack: &EvidencePack, t: &Strings) -> Vec<NoteLine> {
    let e = t.evidence;
    pack.notes
        .iter()
        .map(|(code, note)| NoteLine {
            code: code.clone(),
            written: t.moment(note.at),
            who: note.author.clone().unwrap_or_default(),
            body: note.body.clone(),
            state: match &note.resolved {
                Some((at, by)) => (e.resolved)(&t.moment(*at), by.as_deref()),
                None => e.open.to_owned(),
            },
        })
        .collect()
}
