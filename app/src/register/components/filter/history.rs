//! The address written by hand while the user types: the History API
//! itself, ahead of the router.
/// Writes `address` into the browser's history (a new entry, or in place);
/// false if it could not (then the router navigates instead).
pub(super) fn write_address(address: &str, replace: bool) -> bool {
    #[cfg(feature = "hydrate")]
    {
        let Some(history) = web_sys::window().and_then(|window| window.history().ok()) else {
            return false;
        };
        let state = wasm_bindgen::JsValue::NULL;
        let written = if replace {
            history.replace_state_with_url(&state, "", Some(address))
        } else {
            history.push_state_with_url(&state, "", Some(address))
        };
        written.is_ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (address, replace);
        false
    }
}

/// The browser's address (path and query), if there is a browser.
pub(super) fn current_address() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let location = web_sys::window()?.location();
        Some(format!("{}{}", location.pathname().ok()?, location.search().ok()?))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}
