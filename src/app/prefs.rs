//! UI preferences kept between runs in eframe's storage: theme, recent files, the last
//! view and filters. A value that fails to decode means defaults, never a crash.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::model::Filters;
use crate::palette::Theme;

/// The key under which the preferences are stored.
pub const STORAGE_KEY: &str = "provider-audit-prefs";

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 12;

/// The views of the central panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// Heat map and ranking.
    #[default]
    Overview,
    /// One section's questions × providers.
    Matrix,
    /// Gap charts.
    Charts,
    /// Weights, must-haves, sensitivity and the decision.
    Decision,
    /// Filling in and judging one audit.
    Interview,
    /// A provider's audits over time and what changed.
    History,
    /// Who carries each control, per provider and domain (from CAIQ ownership).
    Responsibility,
}

/// Preferences persisted between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Light or dark.
    pub theme: Theme,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// The view shown last.
    pub view: View,
    /// The section shown last in the matrix.
    pub section: usize,
    /// The matrix filters.
    pub filters: Filters,
    /// Whether the notification panel is open.
    pub show_notifications: bool,
    /// The name recorded with annotations and decisions.
    pub author: String,
}

impl Prefs {
    /// Remembers `path` as the most recent file.
    pub fn remember(&mut self, path: &std::path::Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Decodes stored preferences; anything unreadable gives the defaults.
    #[must_use]
    pub fn decode(text: Option<&str>) -> Self {
        text.and_then(|t| ron::from_str(t).ok()).unwrap_or_default()
    }

    /// Encodes the preferences for storage.
    #[must_use]
    pub fn encode(&self) -> String {
        ron::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::{Prefs, View};

    #[test]
    fn undecodable_preferences_give_defaults() {
        assert_eq!(Prefs::decode(Some("not ron at all (")), Prefs::default());
        assert_eq!(Prefs::decode(None), Prefs::default());
        // Fields added later, or removed, do not invalidate the rest.
        let partial = Prefs::decode(Some("(view: Charts, unknown_field: 3)"));
        assert_eq!(partial.view, View::Charts);
    }

    #[test]
    fn preferences_round_trip_and_recent_files_are_unique() {
        let mut prefs = Prefs::default();
        prefs.remember(std::path::Path::new("/nonexistent/a.ron"));
        prefs.remember(std::path::Path::new("/nonexistent/b.ron"));
        prefs.remember(std::path::Path::new("/nonexistent/a.ron"));
        assert_eq!(prefs.recent.len(), 2);
        assert!(prefs.recent[0].ends_with("a.ron"));
        assert_eq!(Prefs::decode(Some(&prefs.encode())), prefs);
    }
}
