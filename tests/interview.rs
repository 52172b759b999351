//! Filling in and judging audits in the app, driven with `egui_kittest`: a new audit
//! answered by keyboard and written to a file that passes `check`, judging mode over twenty
//! answers, an outside edit that is never written over, undo and redo, and the ranking that
//! follows the answers.

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use provider_audit::app::command::FormField;
use provider_audit::app::modal::ModalKind;
use provider_audit::app::{Command, ProviderAuditApp, UiCommand, View};
use provider_audit::interview::AuditEdit;
use provider_audit::model::{Audit, QuestionId, Questionnaire, Verdict};

use crate::util::{app_harness, meeting_folder, run_in, settle};

fn press(harness: &mut Harness<'static, ProviderAuditApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn push(harness: &mut Harness<'static, ProviderAuditApp>, command: impl Into<Command>) {
    harness.state_mut().push(command);
    harness.run();
}

fn type_answer(harness: &mut Harness<'static, ProviderAuditApp>, text: &str) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Answer")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Answer")
        .type_text(text);
    harness.run();
}

fn read(path: &std::path::Path) -> Audit {
    Audit::from_ron(&std::fs::read_to_string(path).expect("written")).expect("parses")
}

fn current_id(harness: &Harness<'static, ProviderAuditApp>) -> String {
    let app = harness.state();
    let index = app.screens.interview.current.expect("a question");
    app.model.questionnaire.items[index].id.as_str().to_owned()
}

#[test]
fn a_new_audit_answered_by_keyboard_is_written_and_passes_check() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    press(&mut harness, Modifiers::COMMAND, Key::N);
    let Some(provider_audit::app::modal::Modal {
        kind: ModalKind::NewAudit(form),
        ..
    }) = harness.state_mut().modal.as_mut()
    else {
        panic!("the form is shown");
    };
    form.provider = "Example \"Cloud\" AB".to_owned();
    form.path = dir.path().join("example.ron").display().to_string();
    harness.run();
    harness.get_by_label("Create the audit").click();
    settle(&mut harness);
    assert_eq!(harness.state().view(), View::Interview);
    let path = dir.path().join("example.ron");
    let answers = [
        ("Three sites in Sweden, 20 to 50 km apart.", Key::Num1),
        ("One API for all zones; see \"docs\".", Key::Num2),
        (
            "Compute and block storage; object storage soon.\nNo GPUs.",
            Key::Num3,
        ),
    ];
    let mut ids = Vec::new();
    for (text, verdict) in answers {
        ids.push(current_id(&harness));
        type_answer(&mut harness, text);
        press(&mut harness, Modifiers::ALT, verdict);
        press(&mut harness, Modifiers::ALT, Key::N);
    }
    assert!(harness.state().model.session.audit_is_dirty());
    // Leaving the interview writes the audit.
    press(&mut harness, Modifiers::COMMAND, Key::Num1);
    assert!(!harness.state().model.session.audit_is_dirty(), "autosaved");
    let audit = read(&path);
    assert_eq!(audit.provider, "Example \"Cloud\" AB");
    let verdicts = [Verdict::Meets, Verdict::Partial, Verdict::Gap];
    for ((id, (text, _)), verdict) in ids.iter().zip(answers).zip(verdicts) {
        let answer = audit.answer(id).expect("answered");
        assert_eq!(
            (answer.answer.as_str(), answer.verdict),
            (text, Some(verdict))
        );
    }
    let check = run_in(dir.path(), &["check", "example.ron"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(!check.stdout.contains("error"), "{}", check.stdout);
}

/// An audit of `provider` with the first `count` answerable questions answered, unjudged.
fn unjudged_audit(dir: &std::path::Path, provider: &str, count: usize) -> std::path::PathBuf {
    let q = Questionnaire::builtin();
    let text = provider_audit::template::blank_audit(
        q,
        provider,
        provider_audit::model::Date::parse("2026-12-03").expect("date"),
    );
    let mut audit = Audit::from_ron(&text).expect("parses");
    for (_, answer) in audit.answers.0.iter_mut().take(count) {
        "Yes, in every zone.".clone_into(&mut answer.answer);
    }
    let path = dir.join("unjudged.ron");
    std::fs::write(&path, provider_audit::template::audit_text(q, &audit, "")).expect("write");
    path
}

#[test]
fn judging_mode_walks_twenty_answers_with_one_key_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = unjudged_audit(dir.path(), "Judged AB", 20);
    let mut harness = app_harness(vec![path.clone()], "ak");
    push(
        &mut harness,
        Command::EditAudit("Judged AB".to_owned(), None),
    );
    press(&mut harness, Modifiers::ALT, Key::G);
    assert!(harness.state().screens.interview.judging);
    assert_eq!(
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "Answer")
            .value()
            .as_deref(),
        Some("Yes, in every zone."),
        "the answer is shown"
    );
    for _ in 0..20 {
        press(&mut harness, Modifiers::ALT, Key::Num1);
    }
    push(&mut harness, UiCommand::SaveAudit);
    let audit = read(&path);
    let judged = audit
        .answers
        .iter()
        .filter(|(_, a)| a.verdict == Some(Verdict::Meets))
        .count();
    assert_eq!(judged, 20);
    let run = run_in(dir.path(), &["summary", "--format", "json", "unjudged.ron"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["providers"][0]["to_judge"], 0);
}

#[test]
fn an_outside_edit_is_never_written_over_and_nothing_is_lost() {
    let dir = meeting_folder();
    let beta = dir.path().join("beta.ron");
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    push(
        &mut harness,
        Command::EditAudit("Beta Hosting GmbH".to_owned(), None),
    );
    push(
        &mut harness,
        Command::AuditEdit(AuditEdit::Answer(
            QuestionId::new("tech.iam.offered"),
            "Keystone with SSO".to_owned(),
        )),
    );
    let outside = format!(
        "// edited in a text editor\n{}",
        std::fs::read_to_string(&beta).expect("read")
    );
    std::fs::write(&beta, &outside).expect("outside edit");
    push(&mut harness, UiCommand::SaveAudit);
    assert_eq!(
        std::fs::read_to_string(&beta).expect("read"),
        outside,
        "not written over"
    );
    assert!(
        harness.state().screens.interview.conflict.is_some(),
        "said so"
    );
    assert!(harness.query_by_label("Save as another file…").is_some());
    assert!(
        harness.state().model.session.audit_is_dirty(),
        "the answer is kept"
    );
    let copy = dir.path().join("beta-2.ron");
    push(&mut harness, Command::SaveAuditTo(copy.clone()));
    assert_eq!(
        read(&copy)
            .answer("tech.iam.offered")
            .map(|a| a.answer.as_str()),
        Some("Keystone with SSO")
    );
}

#[test]
fn undo_and_redo_of_answers_and_the_ranking_follows() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    let score = |harness: &Harness<'static, ProviderAuditApp>| {
        harness
            .state()
            .model
            .view()
            .providers
            .iter()
            .find(|p| p.name == "Beta Hosting GmbH")
            .map(|p| p.score)
            .expect("ranked")
    };
    let before = score(&harness);
    push(
        &mut harness,
        Command::EditAudit("Beta Hosting GmbH".to_owned(), None),
    );
    for id in ["tech.iam.offered", "tech.iam.roles-api"] {
        push(
            &mut harness,
            Command::AuditEdit(AuditEdit::Answer(QuestionId::new(id), "Yes".to_owned())),
        );
        push(
            &mut harness,
            Command::AuditEdit(AuditEdit::Verdict(
                QuestionId::new(id),
                Some(Verdict::Meets),
            )),
        );
    }
    let after = score(&harness);
    assert!(after > before, "the ranking follows: {before} → {after}");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(score(&harness) < after, "the last verdict undone");
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!((score(&harness) - after).abs() < 1e-9, "and redone");
}

#[test]
fn files_dropped_in_the_interview_become_evidence_and_ctrl_s_saves_the_answers() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    push(
        &mut harness,
        Command::EditAudit("Alpha Cloud AB".to_owned(), None),
    );
    let current = current_id(&harness);
    let document = dir.path().join("evidence").join("cert.txt");
    harness.state_mut().files_dropped(vec![document]);
    harness.run();
    let comparison_before = std::fs::read(dir.path().join("comparison.ron")).expect("read");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let audit = read(&dir.path().join("alpha.ron"));
    assert_eq!(
        audit.answer(&current).map(|a| a.evidence.clone()),
        Some(vec!["evidence/cert.txt".to_owned()]),
        "stored relative to the audit"
    );
    assert_eq!(
        std::fs::read(dir.path().join("comparison.ron")).expect("read"),
        comparison_before,
        "the unchanged comparison is not written"
    );
}

#[test]
fn a_provider_column_of_the_matrix_opens_its_audit() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    push(&mut harness, UiCommand::ShowMatrix);
    harness
        .get_by_role_and_label(Role::Button, "Beta Hosting GmbH column")
        .click_secondary();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Edit Beta Hosting GmbH's audit")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.view(), View::Interview);
    assert_eq!(
        app.model
            .session
            .editor()
            .map(|e| e.audit().provider.as_str()),
        Some("Beta Hosting GmbH")
    );
}

#[test]
fn a_document_dropped_on_a_checklist_item_is_recorded_with_its_hash() {
    let dir = meeting_folder();
    std::fs::write(
        dir.path().join("evidence/terms.txt"),
        "Terms of service, v3",
    )
    .expect("write");
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    push(
        &mut harness,
        Command::EditAudit("Alpha Cloud AB".to_owned(), None),
    );
    let terms = harness
        .state()
        .model
        .questionnaire
        .position("evidence.terms")
        .expect("checklist item");
    harness.state_mut().screens.interview.current = Some(terms);
    harness.run();
    harness
        .state_mut()
        .files_dropped(vec![dir.path().join("evidence/terms.txt")]);
    harness.run();
    push(&mut harness, UiCommand::SaveAudit);
    let audit = read(&dir.path().join("alpha.ron"));
    let document = audit
        .documents
        .iter()
        .find(|d| d.item.as_str() == "evidence.terms")
        .expect("recorded");
    assert_eq!(document.file, "evidence/terms.txt");
    assert_eq!(
        document.sha256.as_deref(),
        Some(provider_audit::fsutil::sha256_hex(b"Terms of service, v3").as_str())
    );
    let check = run_in(dir.path(), &["check", "alpha.ron"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        !check.stdout.contains("terms.txt"),
        "verified: {}",
        check.stdout
    );
}

#[test]
fn a_workbook_sent_from_the_app_and_imported_back_opens_for_judging() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    settle(&mut harness);
    push(
        &mut harness,
        Command::EditAudit("Alpha Cloud AB".to_owned(), None),
    );
    push(&mut harness, UiCommand::SendWorkbook);
    let workbook = dir.path().join("alpha.xlsx");
    {
        let Some(provider_audit::app::modal::Modal {
            kind: ModalKind::SendWorkbook(form),
            ..
        }) = harness.state_mut().modal.as_mut()
        else {
            panic!("the form is shown");
        };
        assert_eq!(
            form.provider, "Alpha Cloud AB",
            "filled from the audit being edited"
        );
        assert!(form.prefill);
        form.path = workbook.display().to_string();
    }
    harness.run();
    harness.get_by_label("Write the workbook").click();
    harness.run();
    assert!(harness.state().modal.is_none(), "the window closed");
    assert!(workbook.is_file());
    // A second try never writes over the workbook.
    push(&mut harness, UiCommand::SendWorkbook);
    harness
        .state_mut()
        .modal
        .as_mut()
        .expect("shown")
        .set_field(FormField::Output, &workbook);
    harness.run();
    harness.get_by_label("Write the workbook").click();
    harness.run();
    let error = harness.state().modal.as_ref().and_then(|m| m.error.clone());
    assert!(error.is_some_and(|e| e.contains("already exists")));
    harness.state_mut().modal = None;

    let imported = dir.path().join("alpha-2027.ron");
    crate::util::import_answers(&mut harness, &workbook, "Alpha Cloud Renamed", &imported);
    let app = harness.state();
    assert!(app.modal.is_none(), "{:?}", app.modal);
    assert_eq!(app.view(), View::Interview);
    assert!(
        app.screens.interview.judging,
        "the imported audit opens for judging"
    );
    let editor = app
        .model
        .session
        .editor()
        .expect("the imported audit is edited");
    assert_eq!(editor.audit().provider, "Alpha Cloud Renamed");
    let original = read(&dir.path().join("alpha.ron"));
    let audit = read(&imported);
    for (id, answer) in original.answers.iter() {
        if answer.answer.trim().is_empty() {
            continue;
        }
        let back = audit.answer(id.as_str()).expect("imported");
        assert_eq!(back.answer, answer.answer, "{id}");
        assert_eq!(back.verdict, None, "{id}: the auditor judges");
    }
    let current = app.screens.interview.current.expect("a question shown");
    let shown = &app.model.questionnaire.items[current].id;
    assert!(
        audit
            .answer(shown.as_str())
            .is_some_and(|a| !a.answer.is_empty() && a.verdict.is_none()),
        "judging starts at an answer without a verdict"
    );
}

/// What a window system sends for Alt+`key` while a text field has the focus, in one
/// frame as winit delivers it: the key with its modifier, then the text the key types.
fn alt_with_text(harness: &mut Harness<'static, ProviderAuditApp>, key: Key, text: &str) {
    harness.input_mut().events.extend([
        egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::ALT,
        },
        egui::Event::Text(text.to_owned()),
    ]);
    harness.step();
    harness.run();
}

#[test]
fn alt_shortcuts_never_type_into_the_answer() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    settle(&mut harness);
    push(
        &mut harness,
        Command::EditAudit("Alpha Cloud AB".to_owned(), None),
    );
    let first = current_id(&harness);
    type_answer(&mut harness, "abc");
    alt_with_text(&mut harness, Key::Num1, "1");
    alt_with_text(&mut harness, Key::N, "n");
    let app = harness.state();
    let audit = app.model.session.editor().expect("editing").audit();
    let answer = audit.answer(&first).expect("answered");
    assert!(
        answer.answer.ends_with("abc"),
        "nothing typed by the shortcuts: {:?}",
        answer.answer
    );
    assert_eq!(answer.verdict, Some(Verdict::Meets));
    assert_ne!(current_id(&harness), first, "Alt+N moved on");
}

#[test]
fn the_answer_has_the_focus_when_the_interview_opens_and_after_each_move() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    settle(&mut harness);
    push(
        &mut harness,
        Command::EditAudit("Alpha Cloud AB".to_owned(), None),
    );
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "Answer")
            .accesskit_node()
            .is_focused(),
        "focused when the view opens"
    );
    press(&mut harness, Modifiers::ALT, Key::N);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "Answer")
            .accesskit_node()
            .is_focused(),
        "focused after a move"
    );
}

#[test]
fn a_new_audit_is_created_from_the_keyboard_alone() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    settle(&mut harness);
    press(&mut harness, Modifiers::COMMAND, Key::N);
    harness.run();
    // The Provider field has the focus: typing goes there, Enter creates the audit.
    harness.event(egui::Event::Text("Keyboard AB".to_owned()));
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    settle(&mut harness);
    let path = dir.path().join("keyboard-ab.ron");
    assert!(path.is_file(), "the audit is written");
    assert_eq!(read(&path).provider, "Keyboard AB");
    assert_eq!(harness.state().view(), View::Interview);
    // Escape closes a window without acting.
    press(&mut harness, Modifiers::COMMAND, Key::N);
    assert!(harness.state().modal.is_some());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().modal.is_none());
}

#[test]
fn judging_after_an_import_starts_at_the_first_unjudged_answer() {
    let dir = meeting_folder();
    let mut harness = app_harness(vec![dir.path().join("comparison.ron")], "ak");
    settle(&mut harness);
    push(
        &mut harness,
        Command::EditAudit("Alpha Cloud AB".to_owned(), None),
    );
    // The cursor far down the audit, as the previous audit left it.
    let q = harness.state().model.questionnaire.clone();
    let last = q.items.len() - 1;
    harness.state_mut().screens.interview.current = Some(last);
    push(&mut harness, UiCommand::ToggleJudging);
    let app = harness.state();
    let audit = app.model.session.editor().expect("editing").audit();
    let first_unjudged = provider_audit::interview::questions(&q, audit)
        .into_iter()
        .find(|&i| {
            provider_audit::interview::is_answered(&q, audit, i)
                && !provider_audit::interview::is_judged(&q, audit, i)
        });
    assert_eq!(app.screens.interview.current, first_unjudged.or(Some(last)));
}
