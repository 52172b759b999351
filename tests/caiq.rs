//! A provider's published CSA CAIQ in the app: File → Import answers… recognises it, writes
//! the audit with its questionnaire, opens it for judging in reading order, accepts the
//! provider's self-assessment in one step (undone in one), and the Responsibility screen
//! draws the shared-responsibility split the core computes.

use egui_kittest::kittest::Queryable as _;
use provider_audit::app::{UiCommand, View};
use provider_audit::interview;
use provider_audit::model::Provenance;

use crate::util::{app_harness, import_answers, root, sample_files, settle};

#[test]
fn import_answers_recognises_a_caiq_and_judging_starts_with_what_to_read_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workbook = dir.path().join("brassworks.xlsx");
    std::fs::copy(root().join("sample_audits/caiq/brassworks.xlsx"), &workbook).expect("copy");
    let audit_path = dir.path().join("brassworks.ron");
    // The meeting's set is open (another questionnaire, nothing unsaved).
    let mut harness = app_harness(sample_files(), "ak");
    settle(&mut harness);
    import_answers(&mut harness, &workbook, "Brassworks Cloud", &audit_path);

    let app = harness.state();
    assert!(
        app.modal.is_none(),
        "{:?}",
        app.modal.as_ref().map(|m| &m.error)
    );
    assert!(audit_path.is_file(), "the audit is written");
    let questionnaires: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("csa-caiq-") && name.ends_with(".questionnaire.ron"))
        .collect();
    assert_eq!(
        questionnaires.len(),
        1,
        "the questionnaire is written beside it"
    );
    assert_eq!(
        app.model.questionnaire.id, "csa-caiq",
        "the app works on the CAIQ's questionnaire now"
    );
    assert_eq!(app.view(), View::Interview);
    assert!(app.screens.interview.judging, "it opens for judging");
    let editor = app.model.session.editor().expect("the new audit is edited");
    assert_eq!(editor.audit().provider, "Brassworks Cloud");
    let order = interview::reading_order(&app.model.questionnaire, editor.audit());
    assert_eq!(
        app.screens.interview.current,
        order.first().copied(),
        "judging starts at the first answer worth reading"
    );
    let first = &app.model.questionnaire.items[order[0]].id;
    let reasons = interview::read_first(editor.audit().answer(first.as_str()));
    assert!(!reasons.is_empty(), "{first} is worth reading first");
    let assessable = interview::self_assessable(editor.audit());
    assert!(assessable > 0);

    // One click accepts the provider's own Yes/No/NA for every answer not judged.
    harness
        .get_by_label_contains("Accept the provider's self-assessment")
        .click();
    settle(&mut harness);
    let audit = harness
        .state()
        .model
        .session
        .editor()
        .expect("edited")
        .audit()
        .clone();
    assert_eq!(interview::self_assessable(&audit), 0, "none left to accept");
    let accepted = audit
        .answers
        .iter()
        .filter(|(_, a)| a.provenance == Provenance::SelfAssessed && a.verdict.is_some())
        .count();
    assert_eq!(
        accepted, assessable,
        "each accepted answer is marked self-assessed"
    );
    assert!(
        harness
            .query_by_label_contains("Accept the provider's self-assessment")
            .is_none(),
        "the offer is gone"
    );
    // Undo takes them all back in one step.
    harness.state_mut().push(UiCommand::Undo);
    settle(&mut harness);
    let audit = harness
        .state()
        .model
        .session
        .editor()
        .expect("edited")
        .audit()
        .clone();
    assert_eq!(interview::self_assessable(&audit), assessable);
}

#[test]
fn the_responsibility_screen_draws_the_split_of_each_provider() {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("sample_audits/caiq"))
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "ron")
                && !p.to_string_lossy().ends_with(".questionnaire.ron")
        })
        .collect();
    paths.sort();
    let mut harness = app_harness(paths, "ak");
    settle(&mut harness);
    harness.state_mut().push(UiCommand::ShowResponsibility);
    settle(&mut harness);
    let rows = harness.state().model.view().ownership.clone();
    assert!(rows.len() >= 3, "every CAIQ sample states ownership");
    for row in &rows {
        let t = &row.total;
        let spoken = format!(
            "{}: {} CSP-owned, {} shared with you, {} 3rd party, {} yours (customer), {} not given",
            row.provider, t.csp, t.shared, t.third_party, t.customer, t.blank
        );
        assert!(
            harness.query_by_label(&spoken).is_some(),
            "the bar reads {spoken:?}"
        );
        assert!(
            harness
                .query_by_label(&format!("{} ({})", row.provider, row.customer_parts.len()))
                .is_some(),
            "the list of what you still own with {} counts its entries",
            row.provider
        );
    }
    // A part left to the customer links to the question's detail.
    let first = rows
        .iter()
        .find(|r| !r.customer_parts.is_empty())
        .expect("a provider leaves something to the customer");
    harness.state_mut().screens.responsibility.provider = Some(first.provider.clone());
    settle(&mut harness);
    let part = &first.customer_parts[0];
    harness
        .get_by_label_contains(&format!("{} ", part.question.id))
        .click();
    settle(&mut harness);
    assert_eq!(harness.state().view(), View::Matrix);
    assert!(harness.state().screens.matrix.detail_open);
}
