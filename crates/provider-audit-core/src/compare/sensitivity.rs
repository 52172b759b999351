//! How robust the ranking is: for each section weight, the range over which the current
//! leader stays first (the other weights unchanged), and the smallest single weight change
//! that would change the leader.
//!
//! Section scores do not depend on section weights, so a provider's score as a function
//! of one section weight `w` is `(A + w·x) / (B + w)`; the leader is found at each `w` with
//! the ranking's own order (knock-outs first, then score, gaps and name). The range is found
//! by scanning in steps of 0.01 and refined by bisection.

use crate::model::{Comparison, Questionnaire};
use crate::scoring::ProviderScore;

/// The largest weight considered.
pub const MAX_WEIGHT: f64 = 10.0;
const STEP: f64 = 0.01;

/// The leader's range for one section weight.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionSensitivity {
    /// Section index in the questionnaire.
    pub section: usize,
    /// The weight in force.
    pub weight: f64,
    /// Below this weight another provider leads (`None`: the leader stays first down to 0).
    pub lower: Option<f64>,
    /// Who would lead below `lower`.
    pub leader_below: Option<String>,
    /// Above this weight another provider leads (`None`: first up to [`MAX_WEIGHT`]).
    pub upper: Option<f64>,
    /// Who would lead above `upper`.
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

struct Contender<'a> {
    score: &'a ProviderScore,
    knocked_out: bool,
    gaps: usize,
}

/// The sensitivity of `ranking` (rank order, as scored with `comparison`), or `None` with
/// fewer than two providers.
#[must_use]
pub fn sensitivity(
    questionnaire: &Questionnaire,
    comparison: &Comparison,
    ranking: &[ProviderScore],
) -> Option<Sensitivity> {
    if ranking.len() < 2 {
        return None;
    }
    let leader = ranking[0].provider.clone();
    let contenders: Vec<Contender<'_>> = ranking
        .iter()
        .map(|score| Contender {
            score,
            knocked_out: score.knocked_out(),
            gaps: score.gaps.total(),
        })
        .collect();
    let sections = (0..questionnaire.sections.len())
        .map(|section| {
            let weight = comparison.section_weight(questionnaire.sections[section].id.as_str());
            let leader_at = |w: f64| leader_with_weight(&contenders, section, w);
            let (lower, leader_below) = boundary(&leader_at, &leader, weight, -1.0);
            let (upper, leader_above) = boundary(&leader_at, &leader, weight, 1.0);
            SectionSensitivity {
                section,
                weight,
                lower,
                leader_below,
                upper,
                leader_above,
            }
        })
        .collect();
    Some(Sensitivity { leader, sections })
}

/// A provider's score with section `section` weighing `weight`, the rest unchanged.
fn score_with_weight(score: &ProviderScore, section: usize, weight: f64) -> f64 {
    let (mut weighted, mut total) = (0.0, 0.0);
    for (index, result) in score.sections.iter().enumerate() {
        let Some(value) = result.score else { continue };
        let w = if index == section {
            weight
        } else {
            result.weight
        };
        weighted += w * value;
        total += w;
    }
    if total > 0.0 {
        100.0 * weighted / total
    } else {
        0.0
    }
}

fn leader_with_weight(contenders: &[Contender<'_>], section: usize, weight: f64) -> String {
    contenders
        .iter()
        .map(|c| (c, score_with_weight(c.score, section, weight)))
        .min_by(|(a, sa), (b, sb)| {
            a.knocked_out
                .cmp(&b.knocked_out)
                .then_with(|| sb.total_cmp(sa))
                .then_with(|| a.gaps.cmp(&b.gaps))
                .then_with(|| a.score.provider.cmp(&b.score.provider))
        })
        .map(|(c, _)| c.score.provider.clone())
        .unwrap_or_default()
}

/// Walks from `start` in `direction` (±1) until someone else leads; returns the crossing
/// weight (to 0.001) and the new leader, or `None` when the leader holds to the end.
fn boundary(
    leader_at: &dyn Fn(f64) -> String,
    leader: &str,
    start: f64,
    direction: f64,
) -> (Option<f64>, Option<String>) {
    let end = if direction < 0.0 {
        0.0
    } else {
        MAX_WEIGHT.max(start)
    };
    let mut inside = start;
    loop {
        let next = (inside + direction * STEP).clamp(0.0, end.max(0.0));
        let candidate = leader_at(next);
        if candidate != leader {
            let (mut a, mut b) = (inside, next);
            for _ in 0..40 {
                let middle = f64::midpoint(a, b);
                if leader_at(middle) == leader {
                    a = middle;
                } else {
                    b = middle;
                }
            }
            let crossing = (f64::midpoint(a, b) * 1000.0).round() / 1000.0;
            return (Some(crossing), Some(leader_at(b)));
        }
        if (next - end).abs() < f64::EPSILON || (next - inside).abs() < f64::EPSILON {
            return (None, None);
        }
        inside = next;
    }
}

impl Sensitivity {
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
    let text = format!("{weight:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn who(provider: Option<&str>) -> String {
    provider
        .map(|p| format!(" ({p} would lead)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{MAX_WEIGHT, sensitivity};
    use crate::model::{Audit, Comparison, Questionnaire};
    use crate::scoring::rank;

    /// Two sections of five questions; P1: A 1.0, B 0.2; P2: A 0.5, B 0.6 (computed below).
    fn setup() -> (Questionnaire, Vec<Audit>) {
        let mut text = String::from("(format: 1, id: \"t\", title: \"T\", sections: [");
        for section in ["a", "b"] {
            text.push_str(&format!(
                "(id: \"{section}\", label: \"{}\", title: \"{section}\", items: [",
                section.to_uppercase()
            ));
            for n in 0..5 {
                text.push_str(&format!("(id: \"{section}.q{n}\", text: \"?\"),"));
            }
            text.push_str("]),");
        }
        text.push_str("])");
        let q = Questionnaire::parse(&text).expect("parses");
        let audit = |name: &str, a: [&str; 5], b: [&str; 5]| {
            let mut text =
                format!("(format: 1, questionnaire: \"t\", provider: \"{name}\", answers: {{");
            for (n, v) in a.iter().enumerate() {
                text.push_str(&format!("\"a.q{n}\": (verdict: {v}),"));
            }
            for (n, v) in b.iter().enumerate() {
                text.push_str(&format!("\"b.q{n}\": (verdict: {v}),"));
            }
            text.push_str("})");
            Audit::from_ron(&text).expect("parses")
        };
        // P1: A = 5/5 = 1.0; B = 1/5 = 0.2.  P2: A = 2.5/5 = 0.5; B = 3/5 = 0.6.
        let p1 = audit("P1", ["Meets"; 5], ["Meets", "Gap", "Gap", "Gap", "Gap"]);
        let p2 = audit(
            "P2",
            ["Meets", "Meets", "Partial", "Gap", "Gap"],
            ["Meets", "Meets", "Meets", "Gap", "Gap"],
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
        assert!(
            (a.lower.expect("P2 leads below") - 0.8).abs() < 0.002,
            "{a:?}"
        );
        assert_eq!(
            a.upper, None,
            "P1 leads for any larger A weight up to {MAX_WEIGHT}"
        );
        let b = &s.sections[1];
        assert_eq!(b.lower, None);
        assert!(
            (b.upper.expect("P2 leads above") - 1.25).abs() < 0.002,
            "{b:?}"
        );
        assert_eq!(b.leader_above.as_deref(), Some("P2"));
        // The smallest change: A down by 0.2 (to 0.8) rather than B up by 0.25 (to 1.25).
        let (section, weight, who) = s.smallest_change().expect("a change exists");
        assert_eq!((section, who), (0, "P2"));
        assert!((weight - 0.8).abs() < 0.002);
        assert_eq!(
            s.describe(a, "A"),
            "P1 stays first unless A weighs less than 0.8 (P2 would lead)"
        );
        assert_eq!(
            s.describe(b, "B"),
            "P1 stays first unless B weighs more than 1.25 (P2 would lead)"
        );
    }

    #[test]
    fn a_dominant_leader_holds_at_any_weight() {
        let (q, mut audits) = setup();
        // P2 everywhere worse than P1: no weight changes the leader.
        audits[1] = Audit::from_ron(r#"(format: 1, questionnaire: "t", provider: "P2", answers: {"a.q0": (verdict: Meets)})"#).expect("parses");
        let refs: Vec<&Audit> = audits.iter().collect();
        let comparison = Comparison::default();
        let ranking = rank(&q, &refs, &comparison);
        let s = sensitivity(&q, &comparison, &ranking).expect("two providers");
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
    }
}
