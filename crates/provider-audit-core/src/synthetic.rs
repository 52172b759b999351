//! Synthetic audits for benchmarks and load tests: every question answered, answers of
//! 150 to 400 characters, deterministic from a seed. Not used by the product itself.

use crate::model::{Answer, AnswerMap, Audit, ItemKind, Provenance, Questionnaire, Verdict};

/// A small deterministic generator (xorshift64*), so that the same seed gives the same
/// audits on every machine.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value; 0 is replaced).
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "zone",
    "region",
    "OpenStack",
    "Terraform",
    "provider",
    "API",
    "backup",
    "restore",
    "ISO 27001",
    "certificate",
    "audit",
    "log",
    "retention",
    "days",
    "encrypted",
    "at rest",
    "by default",
    "on request",
    "tested",
    "quarterly",
    "incident",
    "response",
    "hours",
    "SLA",
    "99.95 %",
    "data centre",
    "Stockholm",
    "Frankfurt",
    "object storage",
    "S3-compatible",
    "load balancer",
    "IPv6",
    "DNS",
    "PROXY protocol",
    "subprocessor",
    "colocation",
    "DPA",
    "GDPR",
    "EU jurisdiction",
    "on-call",
    "24/7",
    "team",
    "policy",
    "renewed",
    "last",
    "year",
    "we",
    "our",
    "customers",
    "the",
    "and",
    "with",
    "in",
];

fn sentence(rng: &mut Rng, min_chars: usize, max_chars: usize) -> String {
    let target = min_chars + rng.below(max_chars - min_chars + 1);
    let mut text = String::with_capacity(target + 16);
    while text.len() < target {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(WORDS[rng.below(WORDS.len())]);
    }
    text.truncate(target.min(text.len()));
    text.push('.');
    text
}

/// A full audit of `provider`: every answerable item answered with a verdict.
#[must_use]
pub fn audit(questionnaire: &Questionnaire, provider: &str, rng: &mut Rng) -> Audit {
    let verdicts = [
        Verdict::Meets,
        Verdict::Meets,
        Verdict::Meets,
        Verdict::Partial,
        Verdict::Gap,
        Verdict::NoAnswer,
    ];
    let provenances = [
        Provenance::Stated,
        Provenance::Stated,
        Provenance::Evidenced,
        Provenance::Verified,
    ];
    let answers = questionnaire
        .items
        .iter()
        .filter(|item| item.kind != ItemKind::Heading)
        .map(|item| {
            let answer = Answer {
                answer: sentence(rng, 150, 400),
                verdict: Some(verdicts[rng.below(verdicts.len())]),
                provenance: provenances[rng.below(provenances.len())],
                evidence: Vec::new(),
                note: if rng.below(5) == 0 {
                    sentence(rng, 30, 90)
                } else {
                    String::new()
                },
                ..Answer::default()
            };
            (item.id.clone(), answer)
        })
        .collect();
    Audit {
        format: Some(1),
        questionnaire: questionnaire.id.clone(),
        provider: provider.to_owned(),
        audited_on: Some("2026-10-01".to_owned()),
        auditor: "Synthetic".to_owned(),
        answers: AnswerMap(answers),
        ..Audit::default()
    }
}

/// `count` full audits named "Provider 001" and so on, from `seed`.
#[must_use]
pub fn audits(questionnaire: &Questionnaire, count: usize, seed: u64) -> Vec<Audit> {
    let mut rng = Rng::new(seed);
    (1..=count)
        .map(|n| audit(questionnaire, &format!("Provider {n:03}"), &mut rng))
        .collect()
}

/// A questionnaire of one section with `questions` questions, for scale tests.
#[must_use]
pub fn large_questionnaire(questions: usize) -> Questionnaire {
    let mut text = String::from(
        "(format: 1, id: \"large\", title: \"Large\", sections: [(id: \"big\", label: \"Big\", title: \"Big section\", items: [",
    );
    for n in 0..questions {
        text.push_str(&format!("(id: \"big.q{n:04}\", text: \"Synthetic question number {n} about the provider's practices?\"),"));
    }
    text.push_str("])])");
    Questionnaire::parse(&text).unwrap_or_else(|_| Questionnaire::builtin().clone())
}

#[cfg(test)]
mod tests {
    use super::{audits, large_questionnaire};
    use crate::model::{Audit, Questionnaire};

    #[test]
    fn synthetic_audits_are_deterministic_full_and_valid_ron() {
        let q = Questionnaire::builtin();
        let first = audits(q, 3, 7);
        assert_eq!(first, audits(q, 3, 7));
        assert_ne!(first, audits(q, 3, 8));
        assert_eq!(first[0].answers.len(), 133);
        for (_, answer) in first[0].answers.iter() {
            assert!(
                (150..=401).contains(&answer.answer.len()),
                "{}",
                answer.answer.len()
            );
        }
        let text = first[0].to_ron().expect("serializes");
        assert_eq!(Audit::from_ron(&text).expect("parses"), first[0]);
    }

    #[test]
    fn the_large_questionnaire_has_the_size_asked_for() {
        assert_eq!(large_questionnaire(500).items.len(), 500);
    }
}
