//! The three-way rules every part of a file is merged by: a value changed on one side only
//! takes that side; both sides changed to different values is a conflict (ours kept, both
//! recorded). Values are compared as their RON text, so `NaN` equals `NaN` and a weight
//! written `2.0` equals `2.0`. Entries are merged field by field; keyed lists keep our
//! order with their new entries after ours; sets and append-only lists have rules of their
//! own.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{Conflict, ConflictOn};

/// Why a value could not be read back from its RON text.
#[derive(Debug, thiserror::Error)]
#[error("`{text}` is not a value of this field: {message}")]
pub struct ValueError {
    /// The text given.
    pub text: String,
    /// The parser's message.
    pub message: String,
}

/// `value` as the RON text a conflict records (and [`parse`] reads back).
#[must_use]
pub fn value_text<T: Serialize + ?Sized>(value: &T) -> String {
    crate::model::ron_options()
        .to_string(value)
        .unwrap_or_default()
}

/// Reads a value back from RON text.
///
/// # Errors
/// When the text is not a value of type `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ValueError> {
    crate::model::ron_options()
        .from_str(text)
        .map_err(|err| ValueError {
            text: text.to_owned(),
            message: err.to_string(),
        })
}

/// An entry merged field by field: its fields as RON text, and set from RON text.
pub(crate) trait Fields: Clone + Serialize + DeserializeOwned {
    /// The fields merged one by one; empty when the entry is merged as one value.
    const FIELDS: &'static [&'static str];
    /// The field `name` as RON text.
    fn field(&self, name: &str) -> String;
    /// Sets the field `name` from RON text.
    fn set_field(&mut self, name: &str, text: &str) -> Result<(), ValueError>;
    /// Who changed this entry and when, where the entry says.
    fn who(&self) -> (String, String) {
        (String::new(), String::new())
    }
    /// After a field-by-field merge of `ours` and `theirs` into `self`.
    fn merged_from(&mut self, _ours: &Self, _theirs: &Self) {}
}

/// Implements [`Fields`] for a struct, naming every field it has: the destructuring
/// fails to compile when a field is added to the struct and not here.
macro_rules! fields {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl $crate::merge::three_way::Fields for $ty {
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
            fn field(&self, name: &str) -> String {
                let $ty { $($field),* } = self;
                match name {
                    $(stringify!($field) => $crate::merge::three_way::value_text($field),)*
                    _ => String::new(),
                }
            }
            fn set_field(
                &mut self,
                name: &str,
                text: &str,
            ) -> Result<(), $crate::merge::three_way::ValueError> {
                match name {
                    $(stringify!($field) => self.$field = $crate::merge::three_way::parse(text)?,)*
                    _ => {
                        return Err($crate::merge::three_way::ValueError {
                            text: name.to_owned(),
                            message: "no such field".to_owned(),
                        })
                    }
                }
                Ok(())
            }
        }
    };
}
pub(crate) use fields;

/// Values merged as one (weights, intervals, the decision).
macro_rules! whole {
    ($($ty:ty),*) => {$(
        impl Fields for $ty {
            const FIELDS: &'static [&'static str] = &[];
            fn field(&self, _name: &str) -> String {
                String::new()
            }
            fn set_field(&mut self, name: &str, _text: &str) -> Result<(), ValueError> {
                Err(ValueError { text: name.to_owned(), message: "no such field".to_owned() })
            }
        }
    )*};
}
whole!(
    f64,
    u32,
    Option<u32>,
    Option<String>,
    String,
    crate::model::Scope
);

impl Fields for crate::model::Decision {
    const FIELDS: &'static [&'static str] = &[];
    fn field(&self, _name: &str) -> String {
        String::new()
    }
    fn set_field(&mut self, name: &str, _text: &str) -> Result<(), ValueError> {
        Err(ValueError {
            text: name.to_owned(),
            message: "no such field".to_owned(),
        })
    }
    fn who(&self) -> (String, String) {
        (self.decided_by.clone(), self.decided_on.clone())
    }
}

/// Collects the conflicts of one merge.
#[derive(Debug, Default)]
pub(crate) struct Conflicts(pub Vec<Conflict>);

fn same<T: Serialize>(a: Option<&T>, b: Option<&T>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => value_text(a) == value_text(b),
        _ => false,
    }
}

impl Conflicts {
    /// Merges one entry (present or not on each side); `who` names the author of a side
    /// where the entry does not say (audits: their auditor).
    pub(crate) fn entry<T: Fields>(
        &mut self,
        on: &ConflictOn,
        base: Option<&T>,
        ours: Option<&T>,
        theirs: Option<&T>,
        sides: &Sides,
    ) -> Option<T> {
        if same(ours, theirs) || same(base, theirs) {
            return ours.cloned();
        }
        if same(base, ours) {
            return theirs.cloned();
        }
        match (ours, theirs) {
            (Some(o), Some(t)) if !T::FIELDS.is_empty() => Some(self.fields(on, base, o, t, sides)),
            _ => {
                self.push(on, "", base.map(value_text), ours, theirs, sides, |v| {
                    value_text(v)
                });
                // Nothing is lost: an entry removed on one side and changed on the other stays.
                ours.or(theirs).cloned()
            }
        }
    }

    fn fields<T: Fields>(
        &mut self,
        on: &ConflictOn,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
        sides: &Sides,
    ) -> T {
        let mut merged = ours.clone();
        for name in T::FIELDS {
            let o = ours.field(name);
            let t = theirs.field(name);
            if o == t {
                continue;
            }
            let b = base.map(|b| b.field(name));
            // A field that does not read back keeps ours (it was written by `field`).
            if b.as_deref() == Some(o.as_str()) {
                let _ = merged.set_field(name, &t);
            } else if b.as_deref() != Some(t.as_str()) {
                self.push(on, name, b, Some(ours), Some(theirs), sides, |v| {
                    v.field(name)
                });
            }
        }
        // Also with a conflict, so that the entry is the same whichever side is ours.
        merged.merged_from(ours, theirs);
        merged
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one conflict's parts, each needed"
    )]
    fn push<T: Fields>(
        &mut self,
        on: &ConflictOn,
        field: &str,
        base: Option<String>,
        ours: Option<&T>,
        theirs: Option<&T>,
        sides: &Sides,
        text: impl Fn(&T) -> String,
    ) {
        let who = |entry: Option<&T>, side: &(String, String)| {
            let (by, at) = entry.map(Fields::who).unwrap_or_default();
            (
                if by.is_empty() { side.0.clone() } else { by },
                if at.is_empty() { side.1.clone() } else { at },
            )
        };
        let (ours_by, ours_at) = who(ours, &sides.ours);
        let (theirs_by, theirs_at) = who(theirs, &sides.theirs);
        let conflict = Conflict {
            on: on.clone(),
            field: field.to_owned(),
            base,
            ours: ours.map(&text),
            theirs: theirs.map(&text),
            ours_by,
            ours_at,
            theirs_by,
            theirs_at,
        };
        if !self.0.contains(&conflict) {
            self.0.push(conflict);
        }
    }
}

/// Who made each side's changes and when, where the file as a whole says (an audit's
/// auditor and date); empty for comparisons, whose entries say themselves.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sides {
    /// Our side.
    pub ours: (String, String),
    /// Their side.
    pub theirs: (String, String),
}

/// Merges lists keyed by `key`: our order, then their new entries in their order. With
/// duplicate keys on one side, the last entry counts (as the readers do).
pub(crate) fn keyed<K, T>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    mut merge: impl FnMut(&K, Option<&T>, Option<&T>, Option<&T>) -> Option<T>,
) -> Vec<T>
where
    K: Eq + Hash + Clone,
{
    let index = |list: &[T]| -> HashMap<K, usize> {
        list.iter()
            .enumerate()
            .map(|(i, entry)| (key(entry), i))
            .collect()
    };
    let (b, o, t) = (index(base), index(ours), index(theirs));
    let mut order: Vec<K> = Vec::new();
    let mut seen: HashSet<K> = HashSet::new();
    for entry in ours.iter().chain(theirs) {
        let k = key(entry);
        if seen.insert(k.clone()) {
            order.push(k);
        }
    }
    order
        .iter()
        .filter_map(|k| {
            merge(
                k,
                b.get(k).map(|&i| &base[i]),
                o.get(k).map(|&i| &ours[i]),
                t.get(k).map(|&i| &theirs[i]),
            )
        })
        .collect()
}

/// Merges sets: an element is kept when both sides have it or one side added it; one
/// side's removal of a common element wins. Our order, then their additions.
pub(crate) fn set<T: Clone + Serialize>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let texts = |list: &[T]| list.iter().map(value_text).collect::<HashSet<String>>();
    let (b, o, t) = (texts(base), texts(ours), texts(theirs));
    let mut seen = HashSet::new();
    ours.iter()
        .chain(theirs)
        .filter(|entry| {
            let text = value_text(*entry);
            let keep = (o.contains(&text) && t.contains(&text)) || !b.contains(&text);
            keep && seen.insert(text)
        })
        .cloned()
        .collect()
}

/// Merges append-only lists: ours, then the entries theirs has more of (a multiset union,
/// so that a list both sides only appended to loses nothing and gains no duplicate).
pub(crate) fn append_only<T: Clone + Serialize>(ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for entry in ours {
        *counts.entry(value_text(entry)).or_default() += 1;
    }
    let mut merged = ours.to_vec();
    for entry in theirs {
        let count = counts.entry(value_text(entry)).or_default();
        if *count == 0 {
            merged.push(entry.clone());
        } else {
            *count -= 1;
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::{append_only, set};

    #[test]
    fn a_set_keeps_additions_of_both_sides_and_one_sides_removals() {
        let base = ["a", "b", "c"];
        let ours = ["a", "c", "d"];
        let theirs = ["b", "c", "e", "a"];
        assert_eq!(set(&base, &ours, &theirs), ["a", "c", "d", "e"]);
    }

    #[test]
    fn append_only_lists_lose_nothing() {
        assert_eq!(append_only(&["x", "y"], &["x", "z"]), ["x", "y", "z"]);
    }
}
