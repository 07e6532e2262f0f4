//! Sends the upload form with `XMLHttpRequest` (fetch tells nothing of an
//! upload's progress) to the server function's address, and reads its JSON
//! answer: the preview, or the error as the server function encodes it.
use crate::error::AppError;
use crate::import::diff::ImportPreview;

pub fn post(
    form: &web_sys::FormData,
    progress: impl Fn(u32) + 'static,
    done: impl FnOnce(Result<ImportPreview, AppError>) + 'static,
) {
    use std::{cell::RefCell, rc::Rc};
    use wasm_bindgen::{JsCast, closure::Closure};
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |result| {
            if let Some(done) = done.borrow_mut().take() {
                done(result);
            }
        }
    };
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        return finish(Err(AppError::Unavailable));
    };
    if xhr.open("POST", crate::import::api::ENDPOINT).is_err() {
        return finish(Err(AppError::Unavailable));
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    if let Ok(upload) = xhr.upload() {
        let on_progress =
            Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
                if event.length_computable() && event.total() > 0.0 {
                    progress((event.loaded() / event.total() * 100.0).round() as u32);
                }
            });
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let on_load = {
        let (xhr, finish) = (xhr.clone(), finish.clone());
        Closure::<dyn FnMut()>::new(move || {
            let status = xhr.status().unwrap_or(0);
            let body = xhr.response_text().ok().flatten().unwrap_or_default();
            finish(answer(status, &body));
        })
    };
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    let on_error = {
        let finish = finish.clone();
        Closure::<dyn FnMut()>::new(move || finish(Err(AppError::Unavailable)))
    };
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    if xhr.send_with_opt_form_data(Some(form)).is_err() {
        finish(Err(AppError::Unavailable));
    }
}

/// The server function's answer: its value on success, else its error.
fn answer(status: u16, body: &str) -> Result<ImportPreview, AppError> {
    if (200..300).contains(&status) {
        serde_json::from_str(body).map_err(|_| AppError::Internal)
    } else {
        Err(serde_json::from_str(body).unwrap_or(AppError::Internal))
    }
}
