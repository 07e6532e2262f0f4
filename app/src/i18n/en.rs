use super::{Strings, group_thousands};

pub const STRINGS: Strings = Strings {
    language_name: "English",
    app_name: "Benturan",
    app_tagline: "Mapping and controlling conflict-of-interest risks",
    table_title: "Conflict of Interest Risk Mapping Table",
    columns: [
        "No.",
        "Work Unit / Section",
        "Activity / Stage of Work",
        "Potential Conflict of Interest / Risk",
        "Root Cause",
        "Negative Impact",
        "Planned Control Action (per Decree/SOP)",
    ],
    period: "Period",
    status: "Status",
    contents: "Contents",
    status_names: ["Draft", "Submitted", "Reviewed", "Adopted"],
    summary: |sections, rows| {
        let s = if sections == 1 { "section" } else { "sections" };
        let r = if rows == 1 { "risk row" } else { "risk rows" };
        format!("{sections} {s} · {rows} {r}")
    },
    caption: |unit, year| format!("Conflict-of-interest risk map of {unit}, period {year}"),
    switch_language: "Change language",
    skip_to_table: "Skip to the table",
    scroll_hint: "Scroll the table sideways to see every column.",
    loading: "Loading the register…",
    empty_title: "No register yet",
    empty_body: "No mapping table has been stored yet. Import the Biro's table with `benturan import FILE`.",
    not_found_title: "Page not found",
    not_found_body: "The address you opened does not exist in Benturan. Check it, or go back to the register.",
    back_to_register: "Back to the register",
    unavailable_title: "Service temporarily unavailable",
    unavailable_body: "The database cannot be reached right now. Everything already saved is safe; reload this page in a moment.",
    forbidden_title: "Access not allowed",
    forbidden_body: "You are not allowed to open or change this data. Ask the Biro's admin if you need access.",
    internal_title: "Something went wrong",
    internal_body: "An internal error occurred. It has been logged; please try again.",
    conflict_title: "Someone else changed this",
    conflict_body: "Another user saved this row after you opened it. Reload to see the latest version.",
    validation_title: "Please check your input",
    bad_request_title: "Invalid request",
    bad_request_body: "The address or the data sent could not be read. Check the link, or go back to the register.",
    final_title: "The register is final",
    final_body: "This register has been set by the Head of Bureau and can no longer be changed.",
    footer: "Benturan — conflict-of-interest risk register. Each section owns its data.",
    edit_hint: "Press Enter or F2 to edit this cell. Ctrl+Enter saves, Escape cancels, Ctrl+I marks italics.",
    edit_label: |field| format!("Edit {field}"),
    saving: "Saving…",
    saved: "Saved",
    save_failed: "Could not save. Your text is still here; try again.",
    retry: "Try again",
    save: "Save",
    cancel: "Cancel",
    emphasis: "Italic",
    cell_conflict: "Someone else changed this cell after you started editing it. Choose the text to keep.",
    theirs_label: "Saved text (someone else's)",
    mine_label: "Your text",
    keep_mine: "Keep my text",
    take_theirs: "Take their text",
    merge: "Merge",
    actions_column: "Actions",
    add_below: |code| format!("Add a row below {code}"),
    delete_row: |code| format!("Delete row {code}"),
    row_deleted: |code| format!("Row {code} deleted."),
    row_added: |code| format!("Row {code} added."),
    move_up: |code| format!("Move row {code} up"),
    move_down: |code| format!("Move row {code} down"),
    undo: "Undo",
    new_row: "New row",
    field_names: [
        "No.",
        "Work Unit / Section",
        "Activity / Stage of Work",
        "Potential Conflict of Interest / Risk",
        "Root Cause",
        "Negative Impact",
        "Planned Control Action",
        "Table title",
        "Work unit",
        "Risk code",
        "Register status",
    ],
    required: |field| format!("{field} is required."),
    too_long: |field, limit| {
        format!("{field} is too long: at most {} characters.", group_thousands(limit, ','))
    },
    too_many_bytes: |field, limit| {
        format!(
            "{field} is too large to store: at most {} bytes, italics included.",
            group_thousands(limit, ',')
        )
    },
    control_character: |field, code_point, position| {
        format!(
            "{field} contains the control character U+{code_point:04X} at character {position}; remove it."
        )
    },
    invalid_code: |field| {
        format!("{field} may hold only letters, digits, hyphens (-), dots (.) and underscores (_).")
    },
    unknown_value: |field| {
        format!("{field} is not a known value; choose one of the listed values.")
    },
};
