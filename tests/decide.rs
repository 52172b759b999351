//! The meeting's flow in the app, driven with `egui_kittest`: annotate, change a weight,
//! pick a provider, save, reopen and find it all again; and the recovery of unsaved work.

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use provider_audit::app::{Command, Prefs, ProviderAuditApp, UiCommand, View};
use provider_audit::model::{Comparison, Flag};

use crate::util::{fixture, meeting_folder};

fn open(path: std::path::PathBuf) -> Harness<'static, ProviderAuditApp> {
    crate::util::app_harness(vec![path], "ak")
}

#[test]
fn annotate_weigh_decide_save_and_reopen() {
    let dir = meeting_folder();
    let path = dir.path().join("comparison.ron");
    let audits_before = std::fs::read(dir.path().join("beta.ron")).expect("read");
    let mut harness = open(path.clone());

    // Annotate Beta's answer to org.iso27001 from the question detail.
    harness
        .get_by_role_and_label(Role::Button, "Section matrix")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Organizational")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Beta Hosting GmbH · org.iso27001: meets")
        .click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("Weak").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Comment")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Comment")
        .type_text("Certificate scope unclear");
    harness.run();
    harness.get_by_label("Save annotation").click();
    harness.run();
    assert!(
        harness.state().is_dirty(),
        "an edit marks the comparison unsaved"
    );
    let comparison = harness.state().model.workspace().comparison().clone();
    let note = comparison
        .annotation("Beta Hosting GmbH", "org.iso27001")
        .expect("annotated");
    assert_eq!(note.flag, Some(Flag::Weak));
    assert_eq!(note.comment, "Certificate scope unclear");
    assert_eq!(note.author, "ak");
    let weak_before = harness
        .state()
        .model
        .ranking()
        .iter()
        .find(|s| s.provider == "Beta Hosting GmbH")
        .expect("ranked")
        .gaps
        .weak;
    assert_eq!(weak_before, 1, "the weak answer counts at once");

    // Change a weight in the decision view with the keyboard.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num4);
    harness.run();
    assert_eq!(harness.state().view(), View::Decision);
    harness
        .get_by_role_and_label(Role::Slider, "Technical")
        .focus();
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    let weight = harness
        .state()
        .model
        .workspace()
        .comparison()
        .section_weight("tech");
    assert!(
        (weight - 1.1).abs() < 1e-9,
        "the slider moved one step: {weight}"
    );

    // Pick a provider and record the decision.
    harness
        .get_by_role_and_label(Role::ComboBox, "Provider")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Beta Hosting GmbH (knocked out)")
        .click();
    harness.run();
    crate::meeting::type_into(
        &mut harness,
        "This provider is knocked out by a must-have: why is it chosen anyway?",
        "The jurisdiction question is answered by the parent company.",
    );
    crate::meeting::type_into(&mut harness, "Rationale", "Closer to our team.");
    harness.get_by_label("Replace the decision…").click();
    harness.run();
    harness.get_by_label("Replace").click();
    harness.run();
    let decision = harness
        .state()
        .model
        .workspace()
        .comparison()
        .decision
        .clone()
        .expect("decided");
    assert_eq!(decision.provider, "Beta Hosting GmbH");
    assert_eq!(decision.decided_by, "ak");
    let basis = decision.basis.expect("the basis is recorded");
    assert_eq!(basis.audits.len(), 2);
    assert!(
        basis
            .audits
            .iter()
            .all(|a| a.sha256.as_ref().is_some_and(|h| h.len() == 64))
    );
    assert!((basis.section_weights["tech"] - 1.1).abs() < 1e-9);

    // Save with Ctrl+S: the previous version becomes the backup.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(!harness.state().is_dirty(), "saved");
    assert!(dir.path().join("comparison.ron.bak").is_file());
    assert_eq!(
        std::fs::read(dir.path().join("beta.ron")).expect("read"),
        audits_before,
        "audits are never written"
    );

    // Reopen and find it all again.
    let reopened = open(path.clone());
    let app = reopened.state();
    assert!(
        app.model.workspace().findings.is_empty(),
        "{:?}",
        app.model.workspace().findings
    );
    let comparison: &Comparison = app.model.workspace().comparison();
    assert_eq!(
        comparison
            .annotation("Beta Hosting GmbH", "org.iso27001")
            .map(|a| a.comment.as_str()),
        Some("Certificate scope unclear")
    );
    assert!((comparison.section_weight("tech") - 1.1).abs() < 1e-9);
    assert_eq!(
        comparison.decision.as_ref().map(|d| d.provider.as_str()),
        Some("Beta Hosting GmbH")
    );
    assert!(
        comparison.audits.iter().all(|a| a.sha256.is_some()),
        "hashes recorded on save"
    );
    assert!(app.model.workspace().drift.is_empty());
}

#[test]
fn a_changed_audit_after_the_decision_raises_the_banner() {
    let dir = meeting_folder();
    let path = dir.path().join("comparison.ron");
    let mut harness = open(path.clone());
    harness.state_mut().push(UiCommand::Save);
    harness.run();
    // Someone edits an audit after the comparison recorded its hash.
    let beta = dir.path().join("beta.ron");
    let text = std::fs::read_to_string(&beta)
        .expect("read")
        .replace("One data centre", "Two data centres");
    std::fs::write(&beta, text).expect("write");
    let reopened = open(path);
    assert_eq!(reopened.state().model.workspace().drift.len(), 1);
    reopened.get_by_label_contains(
        "The comparison's decision was made on other evidence: beta.ron changed",
    );
}

#[test]
fn unsaved_work_is_autosaved_and_offered_again() {
    let dir = meeting_folder();
    let path = dir.path().join("comparison.ron");
    let mut app = ProviderAuditApp::new(Prefs::default(), vec![path.clone()]);
    app.apply(Command::Edit(provider_audit::compare::Edit::SectionWeight(
        "legal".into(),
        4.0,
    )));
    assert!(app.is_dirty());
    app.write_recovery();
    let recovery = dir.path().join("comparison.ron.recovery");
    assert!(recovery.is_file(), "unsaved work went to the recovery file");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        std::fs::read(fixture("comparison.ron")).expect("read"),
        "the comparison itself is untouched"
    );

    // Next start (after a crash): the recovery is offered and restores the weight.
    let mut next = ProviderAuditApp::new(Prefs::default(), vec![path]);
    next.enable_recovery();
    next.check_recovery();
    assert_eq!(
        next.autosave.offer.as_ref().map(|o| o.path.as_path()),
        Some(recovery.as_path())
    );
    next.apply(UiCommand::RestoreRecovery.into());
    assert!((next.model.workspace().comparison().section_weight("legal") - 4.0).abs() < 1e-9);
    assert!(next.is_dirty(), "restored work still needs saving");
}

#[test]
fn the_app_exports_the_image_and_the_report_it_shows() {
    use provider_audit::app::command::ExportKind;
    let dir = meeting_folder();
    let mut app = ProviderAuditApp::new(Prefs::default(), vec![dir.path().join("comparison.ron")]);
    let png = dir.path().join("out.png");
    app.export_checked(ExportKind::Image, &png)
        .expect("exported");
    let bytes = std::fs::read(&png).expect("the image is written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // The same bytes as the command line gives for the same input.
    let cli = crate::util::run_in(dir.path(), &["export", "comparison.ron", "-o", "cli.png"]);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    assert_eq!(
        std::fs::read(dir.path().join("cli.png")).expect("cli image"),
        bytes
    );
    let report = dir.path().join("report.md");
    app.export_checked(ExportKind::Report, &report)
        .expect("exported");
    let text = std::fs::read_to_string(&report).expect("the report is written");
    assert!(
        text.contains("Alpha Cloud AB") && text.contains("Beta Hosting GmbH"),
        "{text}"
    );
    assert!(
        app.notices
            .list()
            .iter()
            .any(|n| n.text == format!("Exported {}", png.display()))
    );
    let bad = dir.path().join("out.gif");
    let err = app
        .export_checked(ExportKind::Image, &bad)
        .expect_err("not an image name");
    assert!(err.contains("name the image .png or .svg"), "{err}");
    assert!(!bad.exists());
    assert!(
        app.notices
            .list()
            .last()
            .is_some_and(|n| n.is_problem && n.text.contains("name the image .png or .svg"))
    );
}

#[test]
fn the_app_exports_the_section_it_shows_as_the_command_line_does() {
    use provider_audit::app::command::ExportKind;
    let dir = meeting_folder();
    let mut app = ProviderAuditApp::new(Prefs::default(), vec![dir.path().join("comparison.ron")]);
    let legal = app
        .model
        .questionnaire
        .section_position("legal")
        .expect("section");
    app.screens.matrix.section = legal;
    let svg = dir.path().join("legal.svg");
    app.export_checked(ExportKind::Section, &svg)
        .expect("exported");
    let cli = crate::util::run_in(
        dir.path(),
        &[
            "export",
            "comparison.ron",
            "--section",
            "legal",
            "-o",
            "cli.svg",
        ],
    );
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    assert_eq!(
        std::fs::read(&svg).expect("app image"),
        std::fs::read(dir.path().join("cli.svg")).expect("cli image"),
        "the same section image from the app and the command line"
    );
    let shown = std::path::absolute(&svg).expect("absolute");
    assert!(
        app.notices
            .list()
            .iter()
            .any(|n| n.text == format!("Exported {}", shown.display())),
        "the notice names the whole path"
    );
}

#[test]
fn the_app_exports_the_same_pdf_record_as_the_command_line() {
    use provider_audit::app::command::ExportKind;
    let dir = meeting_folder();
    let mut app = ProviderAuditApp::new(Prefs::default(), vec![dir.path().join("comparison.ron")]);
    let pdf = dir.path().join("record.pdf");
    app.export_checked(ExportKind::Pdf, &pdf).expect("exported");
    let bytes = std::fs::read(&pdf).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let cli = crate::util::run_in(dir.path(), &["export", "comparison.ron", "-o", "cli.pdf"]);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    assert_eq!(
        std::fs::read(dir.path().join("cli.pdf")).expect("cli PDF"),
        bytes,
        "the same record, byte for byte"
    );
}
