//! Hash maps with foldhash's fast, randomly seeded hasher, for the maps of loading (ids
//! and positions looked up for every answer of every file). Std and foldhash only.

/// A `HashMap` hashed with foldhash.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` hashed with foldhash.
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
