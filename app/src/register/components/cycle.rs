//! The register's place in its yearly cycle, under its heading: the four
//! statuses with the current one marked, what happens next, the steps the
//! signed-in user can take (each with its comment, reason or decree), the
//! steps taken, and the approved versions to read and print.
use super::carry::{CarriedFrom, NextYear};
use super::{Access, RowEditing, RowStore, problem};
use crate::i18n::use_i18n;
use crate::register::cycle::take_register_step;
use crate::register::model::{
    CycleView, RegisterKey, RegisterStatus, Step, StepInput, StepView, next_steps,
};
use leptos::prelude::*;

/// The register whose cycle is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CycleOf {
    pub register_id: i32,
    pub unit_id: i32,
    pub year: i32,
    pub status: RegisterStatus,
}

#[component]
pub fn CyclePanel(of: CycleOf, cycle: CycleView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let user = use_context::<Access>().and_then(|access| access.user());
    let steps = next_steps(of.status, user.as_ref());
    let signed_in = user.is_some();
    let revision = cycle.revision;
    let status_at = RegisterStatus::ALL.iter().position(|s| *s == of.status).unwrap_or(0);
    let track = RegisterStatus::ALL
        .into_iter()
        .enumerate()
        .map(|(at, status)| {
            let class = match at.cmp(&status_at) {
                std::cmp::Ordering::Less => "cycle-stage cycle-done",
                std::cmp::Ordering::Equal => "cycle-stage cycle-current",
                std::cmp::Ordering::Greater => "cycle-stage",
            };
            let current = (at == status_at).then_some("step");
            view! { <li class=class aria-current=current>{move || t().status_name(status)}</li> }
        })
        .collect_view();
    let none_for_you = (signed_in && steps.is_empty())
        .then(|| view! { <p class="cycle-none">{move || t().cycle.nothing_for_you}</p> });
    let actions = (!steps.is_empty()).then(|| view! { <StepActions of steps/> }.into_any());
    let approvals = cycle.approvals().cloned().collect::<Vec<_>>();
    let history = cycle.steps.clone();
    let (id, unit_id, year) = (of.register_id, of.unit_id, of.year);
    let started = cycle.next_year_started;
    let carried = cycle.carried_from.map(|from| view! { <CarriedFrom unit_id from/> });
    view! {
        <section class="cycle" aria-labelledby="cycle-title" data-testid="cycle">
            <h2 id="cycle-title">
                {move || t().cycle.panel_title}
                <span class="cycle-revision">{move || (t().cycle.revision)(revision)}</span>
            </h2>
            <ol class="cycle-track">{track}</ol>
            <p class="cycle-waiting" data-testid="cycle-waiting">
                {move || t().cycle.waiting[status_at]}
            </p>
            {carried}
            {actions}
            {none_for_you}
            <NextYear register_id=id unit_id year started/>
            <Approvals of approvals/>
            <StepHistory steps=history/>
        </section>
    }
    .into_any()
}

/// The steps the user can take; choosing one opens its form.
#[component]
fn StepActions(of: CycleOf, steps: Vec<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(None::<Step>);
    let buttons = steps
        .into_iter()
        .map(|step| {
            let class = match step {
                Step::Return | Step::Revise => "button-secondary",
                _ => "button-primary",
            };
            view! {
                <button
                    type="button"
                    class=class
                    data-step=step.code()
                    aria-expanded=move || (chosen.get() == Some(step)).to_string()
                    on:click=move |_| chosen.set(Some(step))
                >
                    {move || i18n.t().step_name(step)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="cycle-actions">{buttons}</div>
        {move || chosen.get().map(|step| view! { <StepForm of step chosen/> })}
    }
}

/// One step's form: its comment (a reason where the step needs one), an
/// approval's decree, and the buttons to take it or not.
#[component]
fn StepForm(of: CycleOf, step: Step, chosen: RwSignal<Option<Step>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let input = RwSignal::new(StepInput::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let editing = use_context::<RowEditing>();
    let store = use_context::<RowStore>();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(store) = store else { return };
        let (version, sent) = (store.version.get_untracked(), input.get_untracked());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let taken = take_register_step(of.register_id, version, step, sent).await;
            busy.set(false);
            match taken {
                Ok(_) => {
                    chosen.set(None);
                    if let Some(editing) = editing {
                        let name = i18n.t().cycle.steps_done[step_index(step)];
                        editing.notice.set(Some((i18n.t().cycle.taken)(name)));
                        editing.reload.run(());
                    }
                }
                Err(failure) => error.set(Some(problem(failure, i18n.t()))),
            }
        });
    };
    let field = move |id: &'static str,
                      label: String,
                      kind: &'static str,
                      set: fn(&mut StepInput, String)| {
        view! {
            <label for=id>{label}</label>
            <input
                id=id
                type=kind
                aria-describedby="step-error"
                on:input=move |event| input.update(|input| set(input, event_target_value(&event)))
            />
        }
    };
    let comment_label =
        if step.needs_reason() { t().cycle.reason_label } else { t().cycle.comment_label };
    let decree = (step == Step::Approve).then(|| {
        view! {
            {field("step-sk-number", t().cycle.sk_number_label.to_owned(), "text", |i, v| i.sk_number = v)}
            {field("step-sk-date", t().cycle.sk_date_label.to_owned(), "date", |i, v| i.sk_date = v)}
        }
    });
    view! {
        <form class="cycle-form" on:submit=submit data-testid="step-form">
            <h3>{move || i18n.t().step_name(step)}</h3>
            {decree}
            <label for="step-comment">{comment_label}</label>
            <textarea
                id="step-comment"
                rows="2"
                aria-describedby="step-error"
                required=step.needs_reason()
                on:input=move |event| input.update(|input| input.comment = event_target_value(&event))
            ></textarea>
            <p id="step-error" class="field-error" role="alert">{move || error.get()}</p>
            <div class="cycle-form-buttons">
                <button type="submit" class="button-primary" disabled=move || busy.get()>
                    {move || t().cycle.confirm}
                </button>
                <button type="button" class="button-secondary" on:click=move |_| chosen.set(None)>
                    {move || t().cycle.cancel}
                </button>
            </div>
        </form>
    }
}

fn step_index(step: Step) -> usize {
    Step::ALL.iter().position(|s| *s == step).unwrap_or(0)
}

/// The approved versions, newest first: each to read and print as set.
#[component]
fn Approvals(of: CycleOf, approvals: Vec<StepView>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if approvals.is_empty() {
        return ().into_any();
    }
    let path = RegisterKey::path(of.unit_id, of.year);
    let items = approvals
        .into_iter()
        .map(|approval| {
            let revision = approval.revision;
            let view_link = format!("{path}?revisi={revision}");
            let print_link = format!("{path}/cetak?revisi={revision}");
            let decree = approval.sk.clone();
            let decree = move || {
                decree
                    .as_ref()
                    .map(|(number, date)| (t().cycle.decree)(number, &t().print.long_date(*date)))
            };
            view! {
                <li data-testid="approval">
                    <span class="approval-name">{move || (t().cycle.revision)(revision)}</span>
                    " · "
                    <span>{decree}</span>
                    " · "
                    <a href=view_link>{move || t().cycle.view}</a>
                    " · "
                    <a href=print_link rel="external">{move || t().cycle.print}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="cycle-approved">
            <h3>{move || t().cycle.approved_title}</h3>
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}

/// The steps taken, newest first, folded.
#[component]
fn StepHistory(steps: Vec<StepView>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let count = steps.len();
    if count == 0 {
        return view! { <p class="cycle-none">{move || t().cycle.no_steps}</p> }.into_any();
    }
    let items = steps
        .into_iter()
        .rev()
        .map(|taken| {
            let StepView { step, revision, by, at, comment, .. } = taken;
            let by = move || {
                let name = by.clone().unwrap_or_else(|| t().cycle.someone.to_owned());
                (t().cycle.by)(&name, &t().moment(at))
            };
            let comment =
                (!comment.is_empty()).then(|| view! { <q class="cycle-comment">{comment}</q> });
            view! {
                <li data-testid="cycle-step">
                    <strong>{move || t().cycle.steps_done[step_index(step)]}</strong>
                    " (" {move || (t().cycle.revision)(revision)} ") "
                    <span class="cycle-by">{by}</span>
                    {comment}
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="cycle-history">
            <summary>{move || t().cycle.history_title} " (" {count} ")"</summary>
            <ol>{items}</ol>
        </details>
    }
    .into_any()
}
