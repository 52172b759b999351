//! The desktop app driven through AccessKit with `egui_kittest`, on the real samples and
//! fixtures: no window, the same code as on screen.

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use provider_audit::app::{Prefs, ProviderAuditApp, View};
use provider_audit::palette::Theme;

use crate::util::{fixture, root};

fn harness(paths: Vec<std::path::PathBuf>) -> Harness<'static, ProviderAuditApp> {
    let app = ProviderAuditApp::new(Prefs::default(), paths);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut ProviderAuditApp| app.show(ui), app);
    harness.run();
    harness
}

fn samples() -> Vec<std::path::PathBuf> {
    vec![root().join("sample_audits/selection-meeting.comparison.ron")]
}

#[test]
fn the_overview_shows_the_heat_map_and_a_click_opens_the_section() {
    let mut harness = harness(samples());
    assert_eq!(harness.state().view(), View::Overview);
    assert_eq!(harness.state().model.provider_count(), 5);
    harness
        .get_by_role_and_label(Role::Button, "Legal, Hyperion Compute Inc.: 37.5, 5 gaps")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.view(), View::Matrix);
    assert_eq!(
        app.model.questionnaire.sections[app.screens.matrix.section]
            .id
            .as_str(),
        "legal"
    );
    // The matrix of the Legal section is on screen: a cell of it can be found.
    harness.get_by_role_and_label(
        Role::Button,
        "Hyperion Compute Inc. · legal.eu-jurisdiction.operation: gap",
    );
}

#[test]
fn clicking_a_cell_selects_it_and_enter_opens_the_detail() {
    let mut harness = harness(samples());
    harness
        .get_by_role_and_label(Role::Button, "Section matrix")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(
            Role::Button,
            "Kvarnby Hosting AB · tech.services.all-zones: gap",
        )
        .click();
    harness.run();
    let selection = harness.state().selection().expect("a cell is selected");
    let q = &harness.state().model.questionnaire;
    assert_eq!(
        q.items[selection.item].id.as_str(),
        "tech.services.all-zones"
    );
    assert_eq!(
        harness.state().model.provider_name(selection.column),
        "Kvarnby Hosting AB"
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.state().screens.matrix.detail_open);
    // The detail shows the override annotation on Eisenwald's answer to the same question.
    harness.get_by_label_contains("verdict overridden to partial");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().screens.matrix.detail_open);
}

#[test]
fn arrow_keys_move_the_selection_in_the_matrix() {
    let mut harness = harness(samples());
    harness.state_mut().prefs.view = View::Matrix;
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    let first = harness
        .state()
        .selection()
        .expect("the first arrow selects the first cell");
    assert_eq!(
        harness.state().model.questionnaire.items[first.item]
            .id
            .as_str(),
        "tech.az.locations"
    );
    harness.key_press(egui::Key::ArrowDown);
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    let moved = harness.state().selection().expect("still selected");
    assert_eq!(
        harness.state().model.questionnaire.items[moved.item]
            .id
            .as_str(),
        "tech.az.api-presentation"
    );
    assert_eq!(moved.column, 1);
    // After a click on a cell the arrows still move the selection.
    harness
        .get_by_role_and_label(
            Role::Button,
            "Kvarnby Hosting AB · tech.services.all-zones: gap",
        )
        .click();
    harness.run();
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    let after_click = harness.state().selection().expect("selected");
    assert_eq!(
        harness.state().model.provider_name(after_click.column),
        "Eisenwald Cloud GmbH"
    );
}

#[test]
fn typing_in_the_search_box_filters_the_rows() {
    let mut harness = harness(samples());
    harness.state_mut().prefs.view = View::Matrix;
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .type_text("object lock");
    harness.run();
    assert_eq!(harness.state().screens.matrix.filters.search, "object lock");
    let rows = harness.state_mut().matrix_rows();
    let q = harness.state().model.questionnaire.clone();
    let ids: Vec<&str> = rows.iter().map(|&i| q.items[i].id.as_str()).collect();
    assert!(ids.contains(&"tech.storage.object.object-lock"), "{ids:?}");
    assert!(!ids.contains(&"tech.az.locations"), "{ids:?}");
    assert!(
        harness
            .query_by_label_contains("tech.az.locations")
            .is_none()
    );
    harness.get_by_role_and_label(
        Role::Button,
        "Nordlys Cloud AB · tech.storage.object.object-lock: meets",
    );
}

#[test]
fn the_filters_keep_only_must_haves_gaps_or_differences() {
    let mut harness = harness(samples());
    harness.state_mut().prefs.view = View::Matrix;
    harness.state_mut().screens.matrix.section = 1; // Organizational
    harness.run();
    harness.get_by_label("Only must-haves").click();
    harness.run();
    let rows = harness.state_mut().matrix_rows();
    let q = harness.state().model.questionnaire.clone();
    let ids: Vec<&str> = rows.iter().map(|&i| q.items[i].id.as_str()).collect();
    assert_eq!(ids, ["org.iso27001", "org.disaster-recovery.tests"]);
    harness.get_by_label("Only must-haves").click();
    harness.get_by_label("Only where providers differ").click();
    harness.run();
    let differing = harness.state_mut().matrix_rows();
    assert!(!differing.is_empty());
    for &item in &differing {
        let statuses: Vec<_> = (0..5)
            .map(|c| harness.state().model.status(c, item))
            .collect();
        assert!(
            statuses.windows(2).any(|w| w[0] != w[1]),
            "{}",
            q.items[item].id
        );
    }
}

#[test]
fn one_bad_file_is_listed_and_the_good_ones_load() {
    let harness = harness(vec![
        fixture("alpha.ron"),
        fixture("syntax-error.ron"),
        fixture("beta.ron"),
    ]);
    let app = harness.state();
    assert_eq!(app.model.provider_count(), 2);
    assert!(
        app.prefs.show_notifications,
        "errors open the notification panel"
    );
    harness.get_by_label_contains("syntax-error.ron:4:5: error: Expected comma");
}

#[test]
fn the_theme_toggles_from_the_command_table() {
    let mut harness = harness(samples());
    assert_eq!(harness.state().prefs.theme, Theme::Light);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::T,
    );
    harness.run();
    assert_eq!(harness.state().prefs.theme, Theme::Dark);
    assert!(harness.ctx.global_style().visuals.dark_mode);
}

#[test]
fn an_empty_app_offers_to_open_files() {
    let harness = harness(Vec::new());
    harness.get_by_label("No audit open");
    harness.get_by_role_and_label(Role::Button, "Open path…");
}

/// Small image snapshots of the overview and the matrix, rendered with wgpu on Mesa's
/// software Vulkan. `UPDATE_SNAPSHOTS=1 cargo test` rewrites the baselines in
/// `tests/snapshots/` after a deliberate change; look at them before committing.
fn snapshot_views(theme: Theme) {
    let prefs = Prefs {
        theme,
        ..Prefs::default()
    };
    let app = ProviderAuditApp::new(prefs, samples());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 660.0))
        .build_ui_state(|ui, app: &mut ProviderAuditApp| app.show(ui), app);
    harness.run();
    let name = format!("{theme:?}").to_lowercase();
    harness.snapshot(format!("overview-{name}"));
    harness.state_mut().prefs.view = View::Matrix;
    harness.run();
    harness.snapshot(format!("matrix-{name}"));
}

#[test]
fn snapshots_in_the_light_theme() {
    snapshot_views(Theme::Light);
}

#[test]
fn snapshots_in_the_dark_theme() {
    snapshot_views(Theme::Dark);
}

#[test]
fn files_opened_later_load_in_the_background_and_unsaved_edits_survive() {
    let mut harness = harness(vec![fixture("alpha.ron")]);
    assert_eq!(harness.state().model.provider_count(), 1);
    harness
        .state_mut()
        .apply(provider_audit::app::Command::Edit(
            provider_audit::compare::Edit::SectionWeight("legal".into(), 3.0),
        ));
    harness
        .state_mut()
        .push(provider_audit::app::Command::OpenPaths(vec![fixture(
            "beta.ron",
        )]));
    harness.step();
    // The window stays responsive: frames go on while the files are read.
    crate::util::settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.model.provider_count(), 2);
    assert!(
        (app.model.workspace().comparison().section_weight("legal") - 3.0).abs() < 1e-9,
        "the unsaved weight is kept"
    );
}

/// Every view at the smallest supported size, 1280x720: nothing may overlap or be cut off
/// (the decision view stacks its parts and scrolls there).
#[test]
fn every_view_at_1280x720() {
    let app = ProviderAuditApp::new(Prefs::default(), samples());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui_state(|ui, app: &mut ProviderAuditApp| app.show(ui), app);
    harness.run();
    harness.snapshot("overview-1280x720");
    harness.state_mut().prefs.view = View::Matrix;
    harness
        .state_mut()
        .push(provider_audit::app::UiCommand::MoveDown);
    harness.run();
    harness
        .state_mut()
        .push(provider_audit::app::UiCommand::ShowDetail);
    harness.run();
    harness.snapshot("matrix-detail-1280x720");
    harness.state_mut().prefs.view = View::Charts;
    harness.run();
    harness.snapshot("charts-1280x720");
    harness.state_mut().prefs.view = View::Decision;
    harness.run();
    harness.snapshot("decision-1280x720");
    harness
        .state_mut()
        .push(provider_audit::app::Command::EditAudit(
            "Kvarnby Hosting AB".to_owned(),
            None,
        ));
    harness.run();
    harness.snapshot("interview-1280x720");
}
