/// The window's own commands. Listing them here makes tauri-build generate an
/// `allow-<command>` permission for each, and a command not granted to the
/// window by capabilities/default.json cannot be called from it.
const COMMANDS: &[&str] = &[
    "visit_page",
    "visit_detail",
    "visit_history",
    "database_setting",
    "test_database",
    "switch_database",
    "record_history",
    "create_visit",
    "update_visit",
    "delete_visit",
    "set_participant",
    "remove_participant",
    "reorder_participants",
    "create_agenda_item",
    "update_agenda_item",
    "duplicate_agenda_item",
    "delete_agenda_item",
    "create_follow_up",
    "update_follow_up",
    "delete_follow_up",
    "copy_visit",
    "carry_follow_up",
    "uncarry_follow_up",
    "follow_up_register",
    "overdue_follow_ups",
    "set_follow_up_status",
    "load_sample",
    "start_screen",
    "organisations",
    "organisation",
    "create_organisation",
    "update_organisation",
    "delete_organisation",
    "search_people",
    "person",
    "create_person",
    "update_person",
    "delete_person",
    "export_calendar",
    "preview_calendar_import",
    "import_calendar",
    "next_opened_file",
    "import_document",
    "cancel_import",
    "perf_mode",
    "painted",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build");
}
