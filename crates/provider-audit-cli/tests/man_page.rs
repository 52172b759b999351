//! The manual page the Debian package ships, `packaging/provider-audit.1`, is generated
//! from the command line's own definition; this test fails when it is out of date.
//! `UPDATE_MAN_PAGE=1 cargo test -p provider-audit-cli man_page` writes it again.

use std::path::Path;

#[test]
fn the_packaged_manual_page_is_the_one_the_command_line_gives() {
    let mut generated = Vec::new();
    clap_mangen::Man::new(provider_audit_cli::command())
        .render(&mut generated)
        .expect("the page renders");
    let text = String::from_utf8(generated).expect("UTF-8");
    assert!(text.contains(".TH provider-audit 1"), "{text}");
    for command in ["summary", "import", "merge", "sign", "due", "git-setup"] {
        assert!(
            text.replace("\\-", "-").contains(command),
            "the page lists `{command}`"
        );
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packaging/provider-audit.1");
    if std::env::var_os("UPDATE_MAN_PAGE").is_some() {
        std::fs::write(&path, &text).expect("written");
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == text,
        "{} is out of date: run UPDATE_MAN_PAGE=1 cargo test -p provider-audit-cli man_page",
        path.display()
    );
}
