//! The register page's workbook import: a disclosure under the downloads
//! that takes an `.xlsx`, shows what it would change (conflicts first),
//! and applies it on "Terapkan".
mod preview;
#[cfg(feature = "hydrate")]
mod send;

#[cfg(feature = "hydrate")]
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::import::diff::ImportPreview;
use leptos::prelude::*;
use preview::PreviewPanel;

/// Where an import stands.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Idle,
    /// Sending the file (percent), then the server reads it.
    Sending {
        percent: u32,
        applying: bool,
    },
    Preview(ImportPreview),
    Failed(String),
}

#[component]
pub fn WorkbookImport(register_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().upload;
    let stage = RwSignal::new(Stage::Idle);
    let taken = RwSignal::new(Vec::<String>::new());
    // The last answer of "Terapkan", and whether the preview was made anew
    // because the register had changed.
    let notice = RwSignal::new(None::<String>);
    let file = StoredValue::new_local(None::<Upload>);
    let send = move |apply: Option<i32>| {
        notice.set(None);
        stage.set(Stage::Sending { percent: 0, applying: apply.is_some() });
        let chosen = taken.get_untracked();
        file.with_value(|file| {
            if let Some(file) = file {
                file.send(register_id, apply, &chosen, stage, taken, notice, i18n);
            }
        });
    };
    let on_change = move |_event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input = _event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok());
            let chosen = input.and_then(|input| input.files()).and_then(|files| files.get(0));
            file.set_value(chosen.map(Upload));
            taken.set(Vec::new());
            if file.with_value(Option::is_some) {
                send(None);
            }
        }
    };
    view! {
        <details class="workbook-import" data-testid="workbook-import">
            <summary class="view-switch">{move || t().open}</summary>
            <div class="workbook-import-body">
                <h2 class="workbook-import-title">{move || t().title}</h2>
                <p class="workbook-import-hint">{move || t().hint}</p>
                <label class="workbook-file">
                    <span>{move || t().file_label}</span>
                    <input
                        type="file"
                        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        on:change=on_change
                    />
                </label>
                <ImportStatus stage notice/>
                {move || match stage.get() {
                    Stage::Preview(preview) => Some(view! {
                        <PreviewPanel
                            preview
                            taken
                            on_apply=Callback::new(move |version| send(Some(version)))
                            on_cancel=Callback::new(move |()| stage.set(Stage::Idle))
                        />
                    }),
                    _ => None,
                }}
            </div>
        </details>
    }
    .into_any()
}

/// What the import is doing, its last notice, and what went wrong, read
/// aloud as they change.
#[component]
fn ImportStatus(stage: RwSignal<Stage>, notice: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().upload;
    let status = move || match stage.get() {
        Stage::Sending { percent, applying } => Some(if percent < 100 {
            (t().uploading)(percent)
        } else if applying {
            t().applying.to_owned()
        } else {
            t().checking.to_owned()
        }),
        _ => None,
    };
    let percent = move || match stage.get() {
        Stage::Sending { percent, .. } => percent,
        _ => 0,
    };
    view! {
        <div aria-live="polite" class="workbook-status">
            {move || status().map(|status| view! {
                <p class="workbook-progress">
                    <progress max="100" value=percent></progress>
                    <span>{status}</span>
                </p>
            })}
            {move || notice.get().map(|notice| view! {
                <p class="workbook-notice" data-testid="import-notice">{notice}</p>
            })}
            {move || match stage.get() {
                Stage::Failed(problem) => Some(view! {
                    <p class="workbook-error" role="alert" data-testid="import-error">
                        {problem}
                    </p>
                }),
                _ => None,
            }}
        </div>
    }
}

/// The chosen file (a browser object: this thread only).
#[cfg(feature = "hydrate")]
struct Upload(web_sys::File);
#[cfg(not(feature = "hydrate"))]
struct Upload;

impl Upload {
    #[allow(clippy::too_many_arguments)]
    fn send(
        &self,
        register_id: i32,
        apply: Option<i32>,
        taken_codes: &[String],
        stage: RwSignal<Stage>,
        taken: RwSignal<Vec<String>>,
        notice: RwSignal<Option<String>>,
        i18n: crate::i18n::I18n,
    ) {
        #[cfg(feature = "hydrate")]
        {
            use crate::import::api::fields;
            let Ok(form) = web_sys::FormData::new() else { return };
            let _ = form.append_with_str(fields::REGISTER, &register_id.to_string());
            if let Some(version) = apply {
                let _ = form.append_with_str(fields::APPLY_AT, &version.to_string());
                for code in taken_codes {
                    let _ = form.append_with_str(fields::TAKE, code);
                }
            }
            let _ = form.append_with_blob_and_filename(fields::FILE, &self.0, &self.0.name());
            let applying = apply.is_some();
            let file = self.0.clone();
            send::post(
                &form,
                move |percent| stage.set(Stage::Sending { percent, applying }),
                move |answer| {
                    answered(answer, applying, stage, taken, notice, i18n, register_id, file)
                },
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (register_id, apply, taken_codes, stage, taken, notice, i18n);
    }
}

/// What the page shows after the server's answer.
#[cfg(feature = "hydrate")]
#[allow(clippy::too_many_arguments)]
fn answered(
    answer: Result<ImportPreview, AppError>,
    applying: bool,
    stage: RwSignal<Stage>,
    taken: RwSignal<Vec<String>>,
    notice: RwSignal<Option<String>>,
    i18n: crate::i18n::I18n,
    register_id: i32,
    file: web_sys::File,
) {
    let t = i18n.t();
    match answer {
        Ok(preview) if preview.applied => {
            notice.set(Some((t.upload.applied)(preview.rows.len())));
            taken.set(Vec::new());
            stage.set(Stage::Idle);
        }
        Ok(preview) => stage.set(Stage::Preview(preview)),
        // The register moved on since the preview: preview it again.
        Err(AppError::Conflict { .. }) if applying => {
            let again = Upload(file);
            again.send(register_id, None, &[], stage, taken, notice, i18n);
            notice.set(Some(t.upload.stale.to_owned()));
        }
        Err(AppError::Workbook(problem)) => stage.set(Stage::Failed(problem)),
        Err(AppError::Forbidden) if applying => {
            stage.set(Stage::Failed(t.upload.cannot_apply.to_owned()));
        }
        Err(error) => stage.set(Stage::Failed(crate::register::components::problem(error, t))),
    }
}
