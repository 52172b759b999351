//! How robust the ranking is: for each section weight, the range over which the current
//! leader stays first (the other weights unchanged), and the smallest single weight change
//! that would change the leader.
//!
//! Section scores do not depend on section weights, so a provider's score as a function
//! of one section weight `w` is `(A + w·x) / (B + w)`, with `x` the section's score and `A`,
//! `B` the weighted sum and the weight total of its other scored sections (constant when the
//! provider has no score in that section). Two providers' scores cross only where the
//! difference of their cross-multiplied numerators, a polynomial of degree 2 at most, is 0.
//! Those crossings split 0 to [`MAX_WEIGHT`] into intervals within which the order of the
//! providers does not change; the leader of each interval is found at its midpoint with the
//! ranking's own formula and order ([`provider_score`], [`compare_with_scores`]). The
//! boundaries are the exact crossing weights.

use serde::Serialize;

use crate::model::{Comparison, MAX_WEIGHT, Questionnaire};
use crate::scoring::{ProviderScore, compare_with_scores, provider_score, weighted_sums};

/// The leader's range for one section weight.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionSensitivity {
    /// Section index in the questionnaire.
    pub section: usize,
    /// The weight in force.
    pub weight: f64,
    /// Below this weight another provider leads (`None`: the leader stays first down to 0).
    pub lower: Option<f64>,
    /// Who would lead just below `lower`.
    pub leader_below: Option<String>,
    /// Above this weight another provider leads (`None`: first up to [`MAX_WEIGHT`]).
    pub upper: Option<f64>,
    /// Who would lead just above `upper`.
    pub leader_above: Option<String>,
}

/// The sensitivity of the ranking to every section weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    /// The current leader.
    pub leader: String,
    /// Per section.
    pub sections: Vec<SectionSensitivity>,
}

/// One section's range as `summary --format json` writes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SensitivityEntry {
    /// The section's id.
    pub section: String,
    /// Below this weight another provider leads; `None` when the leader stays first down to 0.
    pub low: Option<f64>,
    /// Above this weight another provider leads; `None` when the leader stays first up to
    /// [`MAX_WEIGHT`].
    pub high: Option<f64>,
    /// Who would lead just outside the range, past the boundary nearer the weight in force
    /// when there are two; `None` when the leader stays first from 0 to [`MAX_WEIGHT`].
    pub challenger: Option<String>,
}

/// The sensitivity of `ranking` (rank order, as scored with `comparison`), or `None` with
/// fewer than two providers.
#[must_use]
pub fn sensitivity(
    questionnaire: &Questionnaire,
    comparison: &Comparison,
    ranking: &[ProviderScore],
) -> Option<Sensitivity> {
    let leader = ranking.first().filter(|_| ranking.len() >= 2)?;
    let sections = questionnaire
        .sections
        .iter()
        .enumerate()
        .map(|(section, s)| {
            let weight = comparison.section_weight(s.id.as_str());
            section_sensitivity(ranking, leader, section, weight)
        })
        .collect();
    Some(Sensitivity {
        leader: leader.provider.clone(),
        sections,
    })
}

/// The leader's range for section `section`, weighing `weight` now.
fn section_sensitivity(
    ranking: &[ProviderScore],
    leader: &ProviderScore,
    section: usize,
    weight: f64,
) -> SectionSensitivity {
    let points = critical_points(ranking, section, weight);
    let leader_between = |a: f64, b: f64| leader_at(ranking, section, f64::midpoint(a, b));
    let above: Vec<f64> = points.iter().copied().filter(|p| *p >= weight).collect();
    let below: Vec<f64> = points
        .iter()
        .rev()
        .copied()
        .filter(|p| *p <= weight)
        .collect();
    let (upper, leader_above) = first_change(&above, leader, leader_between);
    let (lower, leader_below) = first_change(&below, leader, leader_between);
    SectionSensitivity {
        section,
        weight,
        lower,
        leader_below,
        upper,
        leader_above,
    }
}

/// Walks the intervals between `points` (from the weight in force outward) and returns the
/// first point past which someone other than `leader` leads, and who; `(None, None)` when
/// `leader` leads to the end.
fn first_change<'a>(
    points: &[f64],
    leader: &ProviderScore,
    leader_between: impl Fn(f64, f64) -> Option<&'a ProviderScore>,
) -> (Option<f64>, Option<String>) {
    points
        .windows(2)
        .find_map(|pair| {
            leader_between(pair[0], pair[1])
                .filter(|who| !std::ptr::eq(*who, leader))
                .map(|who| (Some(pair[0]), Some(who.provider.clone())))
        })
        .unwrap_or((None, None))
}

/// Who leads with section `section` weighing `weight`, the other weights unchanged.
fn leader_at(ranking: &[ProviderScore], section: usize, weight: f64) -> Option<&ProviderScore> {
    ranking
        .iter()
        .map(|score| (score, score_at(score, section, weight)))
        .min_by(|(a, a_score), (b, b_score)| compare_with_scores(a, *a_score, b, *b_score))
        .map(|(score, _)| score)
}

/// A provider's score with section `section` weighing `weight`, the other weights unchanged.
fn score_at(score: &ProviderScore, section: usize, weight: f64) -> f64 {
    provider_score(&score.sections, |s| {
        if s.section == section {
            weight
        } else {
            s.weight
        }
    })
}

/// 0, [`MAX_WEIGHT`], the weight in force and every weight from 0 to [`MAX_WEIGHT`] where
/// two providers' scores cross, sorted, each once. Providers knocked out and providers not
/// knocked out never change places, so only pairs of the same kind can cross.
fn critical_points(ranking: &[ProviderScore], section: usize, weight: f64) -> Vec<f64> {
    let scores: Vec<(bool, Fraction)> = ranking
        .iter()
        .map(|score| (score.knocked_out(), Fraction::of(score, section)))
        .collect();
    let mut points = vec![0.0, MAX_WEIGHT, weight.clamp(0.0, MAX_WEIGHT)];
    for (index, (knocked_out, first)) in scores.iter().enumerate() {
        for (other_knocked_out, second) in &scores[index + 1..] {
            if knocked_out == other_knocked_out {
                points.extend(
                    first
                        .crossings(second)
                        .into_iter()
                        .filter(|w| (0.0..=MAX_WEIGHT).contains(w)),
                );
            }
        }
    }
    points.sort_by(f64::total_cmp);
    points.dedup();
    points
}

/// A provider's score (over 100) as a function of one section weight `w`:
/// `(a + w·x) / (b + w·m)`, with `m` 1 when the provider has a score `x` in that section;
/// without one, `x` and `m` are 0 and the score does not depend on `w`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fraction {
    a: f64,
    b: f64,
    x: f64,
    m: f64,
}

impl Fraction {
    fn of(score: &ProviderScore, section: usize) -> Self {
        let (a, b) = weighted_sums(&score.sections, |s| {
            if s.section == section { 0.0 } else { s.weight }
        });
        match score.sections.get(section).and_then(|s| s.score) {
            Some(x) => Self { a, b, x, m: 1.0 },
            // Nothing weighs: the score is 0 at any weight.
            None if b <= 0.0 => Self {
                a: 0.0,
                b: 1.0,
                x: 0.0,
                m: 0.0,
            },
            None => Self {
                a,
                b,
                x: 0.0,
                m: 0.0,
            },
        }
    }

    /// The weights where `self` and `other` are equal: the roots of
    /// `(a₁ + w·x₁)(b₂ + w·m₂) − (a₂ + w·x₂)(b₁ + w·m₁)`, which has the sign of the
    /// difference wherever both denominators are positive (every weight above 0).
    fn crossings(&self, other: &Self) -> Vec<f64> {
        roots(
            self.x * other.m - other.x * self.m,
            self.a * other.m + self.x * other.b - other.a * self.m - other.x * self.b,
            self.a * other.b - other.a * self.b,
        )
    }
}

/// The real roots of `a·w² + b·w + c`; none when it is constant (equal scores everywhere or
/// nowhere).
fn roots(a: f64, b: f64, c: f64) -> Vec<f64> {
    if a == 0.0 {
        return if b == 0.0 { Vec::new() } else { vec![-c / b] };
    }
    let discriminant = b * b - 4.0 * a * c;
    if discriminant < 0.0 {
        return Vec::new();
    }
    // The form without cancellation between `b` and the square root.
    let q = -0.5 * (b + discriminant.sqrt().copysign(b));
    if q == 0.0 {
        vec![0.0]
    } else {
        vec![q / a, c / q]
    }
}

impl Sensitivity {
    /// Every section's range, for `summary --format json`. Sections `questionnaire` does not
    /// have are left out.
    #[must_use]
    pub fn entries(&self, questionnaire: &Questionnaire) -> Vec<SensitivityEntry> {
        self.sections
            .iter()
            .filter_map(|s| {
                let section = questionnaire.sections.get(s.section)?;
                Some(SensitivityEntry {
                    section: section.id.as_str().to_owned(),
                    low: s.lower,
                    high: s.upper,
                    challenger: nearest_challenger(s).map(str::to_owned),
                })
            })
            .collect()
    }

    /// The smallest single weight change that changes the leader: the section, the
    /// weight at which it happens and the new leader.
    #[must_use]
    pub fn smallest_change(&self) -> Option<(usize, f64, &str)> {
        self.sections
            .iter()
            .flat_map(|s| {
                [
                    s.lower
                        .zip(s.leader_below.as_deref())
                        .map(|(w, who)| (s.section, w, who, s.weight - w)),
                    s.upper
                        .zip(s.leader_above.as_deref())
                        .map(|(w, who)| (s.section, w, who, w - s.weight)),
                ]
            })
            .flatten()
            .min_by(|a, b| a.3.total_cmp(&b.3))
            .map(|(section, weight, who, _)| (section, weight, who))
    }

    /// The range of one section in words a manager reads at a glance.
    #[must_use]
    pub fn describe(&self, section: &SectionSensitivity, label: &str) -> String {
        let leader = &self.leader;
        match (section.lower, section.upper) {
            (None, None) => {
                format!("{leader} stays first at any {label} weight from 0 to {MAX_WEIGHT}")
            }
            (Some(lower), None) => format!(
                "{leader} stays first unless {label} weighs less than {}{}",
                short(lower),
                who(section.leader_below.as_deref())
            ),
            (None, Some(upper)) => format!(
                "{leader} stays first unless {label} weighs more than {}{}",
                short(upper),
                who(section.leader_above.as_deref())
            ),
            (Some(lower), Some(upper)) => format!(
                "{leader} stays first while {label} weighs between {} and {}",
                short(lower),
                short(upper)
            ),
        }
    }
}

/// A weight as people write it: at most two decimals, no trailing zeros.
#[must_use]
pub fn short(weight: f64) -> String {
    crate::labels::weight(weight)
}

fn who(provider: Option<&str>) -> String {
    provider
        .map(|p| format!(" ({p} would lead)"))
        .unwrap_or_default()
}

/// Who would lead past the boundary nearer the weight in force (below on a tie).
fn nearest_challenger(section: &SectionSensitivity) -> Option<&str> {
    let below = section.lower.map(|w| section.weight - w);
    let above = section.upper.map(|w| w - section.weight);
    match (below, above) {
        (Some(below), Some(above)) if above < below => section.leader_above.as_deref(),
        (Some(_), _) => section.leader_below.as_deref(),
        (None, _) => section.leader_above.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_WEIGHT, SectionSensitivity, Sensitivity, roots, sensitivity};
    use crate::model::{Audit, Comparison, QuestionId, Questionnaire};
    use crate::scoring::rank;

    const TOLERANCE: f64 = 1e-9;

    /// A questionnaire of sections `(id, number of questions)`, questions `id.q0`, `id.q1`...
    fn questionnaire(sections: &[(&str, usize)]) -> Questionnaire {
        let mut text = String::from("(format: 1, id: \"t\", title: \"T\", sections: [");
        for (section, count) in sections {
            text.push_str(&format!(
                "(id: \"{section}\", label: \"{}\", title: \"{section}\", items: [",
                section.to_uppercase()
            ));
            for n in 0..*count {
                text.push_str(&format!("(id: \"{section}.q{n}\", text: \"?\"),"));
            }
            text.push_str("]),");
        }
        text.push_str("])");
        Questionnaire::parse(&text).expect("parses")
    }

    /// An audit with the verdicts of each section's questions, in order.
    fn audit(name: &str, sections: &[(&str, &[&str])]) -> Audit {
        let mut text =
            format!("(format: 1, questionnaire: \"t\", provider: \"{name}\", answers: {{");
        for (section, verdicts) in sections {
            for (n, v) in verdicts.iter().enumerate() {
                text.push_str(&format!("\"{section}.q{n}\": (verdict: {v}),"));
            }
        }
        text.push_str("})");
        Audit::from_ron(&text).expect("parses")
    }

    fn close(value: Option<f64>, expected: f64) -> bool {
        value.is_some_and(|v| (v - expected).abs() < TOLERANCE)
    }

    /// Two sections of five questions; P1: A 1.0, B 0.2; P2: A 0.5, B 0.6.
    fn setup() -> (Questionnaire, Vec<Audit>) {
        let q = questionnaire(&[("a", 5), ("b", 5)]);
        // P1: A = 5/5 = 1.0; B = 1/5 = 0.2.  P2: A = 2.5/5 = 0.5; B = 3/5 = 0.6.
        let p1 = audit(
            "P1",
            &[
                ("a", &["Meets"; 5]),
                ("b", &["Meets", "Gap", "Gap", "Gap", "Gap"]),
            ],
        );
        let p2 = audit(
            "P2",
            &[
                ("a", &["Meets", "Meets", "Partial", "Gap", "Gap"]),
                ("b", &["Meets", "Meets", "Meets", "Gap", "Gap"]),
            ],
        );
        (q, vec![p1, p2])
    }

    #[test]
    fn ranges_match_the_hand_computed_crossings() {
        // With weights 1 and 1: P1 = 0.6, P2 = 0.55, P1 leads.
        // Weight of B = w: P1 = (1 + 0.2w)/(1 + w), P2 = (0.5 + 0.6w)/(1 + w): equal at w = 1.25.
        // Weight of A = v: P1 = (v + 0.2)/(v + 1), P2 = (0.5v + 0.6)/(v + 1): equal at v = 0.8.
        let (q, audits) = setup();
        let comparison = Comparison::default();
        let refs: Vec<&Audit> = audits.iter().collect();
        let ranking = rank(&q, &refs, &comparison);
        assert_eq!(ranking[0].provider, "P1");
        let s = sensitivity(&q, &comparison, &ranking).expect("two providers");
        let a = &s.sections[0];
        assert!(close(a.lower, 0.8), "{a:?}");
        assert_eq!(a.leader_below.as_deref(), Some("P2"));
        assert_eq!(
            a.upper, None,
            "P1 leads for any larger A weight up to {MAX_WEIGHT}"
        );
        let b = &s.sections[1];
        assert_eq!(b.lower, None);
        assert!(close(b.upper, 1.25), "{b:?}");
        assert_eq!(b.leader_above.as_deref(), Some("P2"));
        // The smallest change: A down by 0.2 (to 0.8) rather than B up by 0.25 (to 1.25).
        let (section, weight, who) = s.smallest_change().expect("a change exists");
        assert_eq!((section, who), (0, "P2"));
        assert!((weight - 0.8).abs() < TOLERANCE);
        assert_eq!(
            s.describe(a, "A"),
            "P1 stays first unless A weighs less than 0.8 (P2 would lead)"
        );
        assert_eq!(
            s.describe(b, "B"),
            "P1 stays first unless B weighs more than 1.25 (P2 would lead)"
        );
        let entries = s.entries(&q);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].section, "a");
        assert!(close(entries[0].low, 0.8) && entries[0].high.is_none());
        assert_eq!(entries[0].challenger.as_deref(), Some("P2"));
        assert_eq!(entries[1].section, "b");
        assert!(entries[1].low.is_none() && close(entries[1].high, 1.25));
        assert_eq!(entries[1].challenger.as_deref(), Some("P2"));
    }

    #[test]
    fn a_dominant_leader_holds_at_any_weight() {
        let (q, mut audits) = setup();
        // P2 everywhere worse than P1: no weight changes the leader.
        audits[1] = audit("P2", &[("a", &["Meets"])]);
        let refs: Vec<&Audit> = audits.iter().collect();
        let comparison = Comparison::default();
        let ranking = rank(&q, &refs, &comparison);
        let s = sensitivity(&q, &comparison, &ranking).expect("two providers");
        assert_eq!(s.leader, "P1");
        assert!(
            s.sections
                .iter()
                .all(|x| x.lower.is_none() && x.upper.is_none())
        );
        assert_eq!(s.smallest_change(), None);
        assert_eq!(
            s.describe(&s.sections[0], "A"),
            "P1 stays first at any A weight from 0 to 10"
        );
        for entry in s.entries(&q) {
            assert_eq!(
                (entry.low, entry.high, entry.challenger),
                (None, None, None)
            );
        }
    }

    #[test]
    fn fewer_than_two_providers_have_no_sensitivity() {
        let (q, audits) = setup();
        let comparison = Comparison::default();
        let ranking = rank(&q, &[&audits[0]], &comparison);
        assert_eq!(sensitivity(&q, &comparison, &ranking), None);
    }

    /// Section A: ten questions of weight 1. Section B: `b.q0` weighs 0.0973964 and `b.q1`
    /// 0.9026036, so Meets then Gap scores 0.0973964. Section C: `c.q0` weighs 0.1987 and
    /// `c.q1` 0.8013, so Meets then Gap scores 0.1987.
    ///
    /// Outside: A 0.6, B 0.0973964, C 0.1987. Window: A 0.5, B 0.0973964, C not applicable.
    /// With A weighing w (B and C 1): Window − Outside has the sign of
    /// (0.5 − 0.6)·w² + (0.0973964 + 0.5·2 − 0.2960964 − 0.6·1)·w + (0.0973964·2 − 0.2960964)
    /// = −0.1·w² + 0.2013·w − 0.1013036 = −0.1·(w − 1.004)·(w − 1.009):
    /// Window leads only between 1.004 and 1.009, a window narrower than 0.01.
    fn window() -> (Questionnaire, Vec<Audit>, Comparison) {
        let q = questionnaire(&[("a", 10), ("b", 2), ("c", 2)]);
        let meets = |n: usize| -> Vec<&str> {
            (0..10)
                .map(|i| if i < n { "Meets" } else { "Gap" })
                .collect()
        };
        let outside = audit(
            "Outside",
            &[
                ("a", &meets(6)),
                ("b", &["Meets", "Gap"]),
                ("c", &["Meets", "Gap"]),
            ],
        );
        let window = audit(
            "Window",
            &[
                ("a", &meets(5)),
                ("b", &["Meets", "Gap"]),
                ("c", &["NotApplicable", "NotApplicable"]),
            ],
        );
        let mut comparison = Comparison::default();
        for (id, weight) in [
            ("b.q0", 0.097_396_4),
            ("b.q1", 0.902_603_6),
            ("c.q0", 0.1987),
            ("c.q1", 0.8013),
        ] {
            comparison
                .question_weights
                .insert(QuestionId::new(id), weight);
        }
        (q, vec![outside, window], comparison)
    }

    #[test]
    fn the_quadratic_of_the_narrow_window_has_the_hand_computed_roots() {
        let mut found = roots(-0.1, 0.2013, -0.101_303_6);
        found.sort_by(f64::total_cmp);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!((found[0] - 1.004).abs() < TOLERANCE, "{found:?}");
        assert!((found[1] - 1.009).abs() < TOLERANCE, "{found:?}");
        // Degenerate cases: linear, constant, no real root.
        assert_eq!(roots(0.0, 2.0, -1.0), vec![0.5]);
        assert!(roots(0.0, 0.0, 1.0).is_empty());
        assert!(roots(0.0, 0.0, 0.0).is_empty());
        assert!(roots(1.0, 0.0, 1.0).is_empty());
    }

    #[test]
    fn a_lead_change_within_less_than_a_hundredth_is_found() {
        let (q, audits, comparison) = window();
        let refs: Vec<&Audit> = audits.iter().collect();
        let ranking = rank(&q, &refs, &comparison);
        // At w = 1: −0.1·(−0.004)·(−0.009) < 0, Outside leads; at 1.01 as well.
        assert_eq!(ranking[0].provider, "Outside");
        let s = sensitivity(&q, &comparison, &ranking).expect("two providers");
        let a = &s.sections[0];
        assert_eq!((a.lower, a.leader_below.as_deref()), (None, None), "{a:?}");
        assert!(close(a.upper, 1.004), "{a:?}");
        assert_eq!(a.leader_above.as_deref(), Some("Window"));
        let entry = &s.entries(&q)[0];
        let json = serde_json::to_value(entry).expect("serializes");
        assert_eq!(json["section"], "a");
        assert!(json["low"].is_null());
        assert!((json["high"].as_f64().expect("a number") - 1.004).abs() < TOLERANCE);
        assert_eq!(json["challenger"], "Window");
    }

    #[test]
    fn a_leader_within_a_narrow_window_has_both_exact_boundaries() {
        let (q, audits, mut comparison) = window();
        // At w = 1.006: −0.1·0.002·(−0.003) > 0, Window leads.
        comparison.section_weights.insert("a".into(), 1.006);
        let refs: Vec<&Audit> = audits.iter().collect();
        let ranking = rank(&q, &refs, &comparison);
        assert_eq!(ranking[0].provider, "Window");
        let s = sensitivity(&q, &comparison, &ranking).expect("two providers");
        let a = &s.sections[0];
        assert!(close(a.lower, 1.004), "{a:?}");
        assert!(close(a.upper, 1.009), "{a:?}");
        assert_eq!(a.leader_below.as_deref(), Some("Outside"));
        assert_eq!(a.leader_above.as_deref(), Some("Outside"));
        // Window leads by about 6·10⁻⁷ here, so B and C change the leader right next to 1.
        // B weighing v: Window = (0.503 + 0.0973964v)/(1.006 + v), Outside = (0.8023 +
        // 0.0973964v)/(2.006 + v): equal at v = 0.2019042/0.2019036.
        // C weighing u: Window = 0.6003964/2.006 = X, Outside = (0.7009964 + 0.1987u)/
        // (2.006 + u): equal at u = 0.1006/(X − 0.1987).
        let b_crossing = 0.201_904_2 / 0.201_903_6;
        let c_crossing = 0.1006 / (0.600_396_4 / 2.006 - 0.1987);
        assert!(close(s.sections[1].upper, b_crossing), "{s:?}");
        assert!(close(s.sections[2].lower, c_crossing), "{s:?}");
        let (section, weight, who) = s.smallest_change().expect("a change exists");
        assert_eq!((section, who), (1, "Outside"));
        assert!((weight - b_crossing).abs() < TOLERANCE);
        let entry = &s.entries(&q)[0];
        assert!(close(entry.low, 1.004) && close(entry.high, 1.009));
        assert_eq!(entry.challenger.as_deref(), Some("Outside"));
    }

    #[test]
    fn a_knocked_out_provider_never_leads_however_high_it_scores() {
        let (q, audits) = setup();
        let refs: Vec<&Audit> = audits.iter().collect();
        // B weighing 2: P1 = (1 + 0.4)/3 ≈ 46.7, P2 = (0.5 + 1.2)/3 ≈ 56.7; P2 leads down to
        // B = 1.25.
        let mut comparison = Comparison::default();
        comparison.section_weights.insert("b".into(), 2.0);
        let ranking = rank(&q, &refs, &comparison);
        assert_eq!(ranking[0].provider, "P2");
        let s = sensitivity(&q, &comparison, &ranking).expect("two providers");
        assert!(close(s.sections[1].lower, 1.25), "{:?}", s.sections[1]);
        // `a.q3` a must-have: P2 (Gap there) is knocked out and never leads.
        comparison.must_have.push(QuestionId::new("a.q3"));
        let ranking = rank(&q, &refs, &comparison);
        assert_eq!(ranking[0].provider, "P1");
        assert!(ranking[1].knocked_out() && ranking[1].score > ranking[0].score);
        let s = sensitivity(&q, &comparison, &ranking).expect("two providers");
        assert!(
            s.sections
                .iter()
                .all(|x| x.lower.is_none() && x.upper.is_none()),
            "{s:?}"
        );
        assert_eq!(s.smallest_change(), None);
    }

    #[test]
    fn a_tie_broken_by_gaps_holds_only_on_one_side() {
        // Zeta: A 1.0, B 0.0, 5 gaps. Alpha: A 0.5, B 0.5, 6 gaps. Both score 50 with weights
        // 1 and 1; Zeta leads by fewer gaps (the name alone would put Alpha first).
        // Weight of A = v: Zeta = v/(v + 1), Alpha = 0.5: Zeta leads from v = 1 up.
        // Weight of B = w: Zeta = 1/(1 + w), Alpha = 0.5: Zeta leads from w = 1 down.
        let q = questionnaire(&[("a", 5), ("b", 5)]);
        let zeta = audit("Zeta", &[("a", &["Meets"; 5]), ("b", &["Gap"; 5])]);
        let half = ["Meets", "Meets", "Partial", "Gap", "Gap"];
        let alpha = audit("Alpha", &[("a", &half), ("b", &half)]);
        let comparison = Comparison::default();
        let ranking = rank(&q, &[&alpha, &zeta], &comparison);
        assert_eq!(ranking[0].provider, "Zeta");
        assert!((ranking[0].score - ranking[1].score).abs() < TOLERANCE);
        assert_eq!((ranking[0].gaps.total(), ranking[1].gaps.total()), (5, 6));
        let s = sensitivity(&q, &comparison, &ranking).expect("two providers");
        let (a, b) = (&s.sections[0], &s.sections[1]);
        assert!(close(a.lower, 1.0) && a.upper.is_none(), "{a:?}");
        assert_eq!(a.leader_below.as_deref(), Some("Alpha"));
        assert!(b.lower.is_none() && close(b.upper, 1.0), "{b:?}");
        assert_eq!(b.leader_above.as_deref(), Some("Alpha"));
        let entries = s.entries(&q);
        assert_eq!(entries[0].challenger.as_deref(), Some("Alpha"));
        assert_eq!(entries[1].challenger.as_deref(), Some("Alpha"));
    }

    #[test]
    fn the_challenger_is_the_one_past_the_nearer_boundary() {
        let section = |lower: f64| SectionSensitivity {
            section: 0,
            weight: 1.0,
            lower: Some(lower),
            leader_below: Some("Below".to_owned()),
            upper: Some(1.2),
            leader_above: Some("Above".to_owned()),
        };
        let (q, _) = setup();
        let s = Sensitivity {
            leader: "P1".to_owned(),
            sections: vec![section(0.5), section(0.9)],
        };
        let entries = s.entries(&q);
        // 1.2 is nearer to 1 than 0.5; 0.9 is nearer than 1.2.
        assert_eq!(entries[0].challenger.as_deref(), Some("Above"));
        assert_eq!(entries[1].challenger.as_deref(), Some("Below"));
        assert_eq!((entries[0].low, entries[0].high), (Some(0.5), Some(1.2)));
    }
}
