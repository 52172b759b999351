//! Work spread over the machine's cores with scoped threads, results in the order of the
//! input: whatever the threads' timing, the same input gives the same output (findings,
//! audits and their order are deterministic).
//!
//! Std only; no UI, no files.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most threads one call starts: loading is bounded by the disk and the allocator
/// well before this.
const MAX_THREADS: usize = 8;

/// `f` applied to every item, on up to as many threads as the machine has cores, the
/// results in the order of `items`. One item, or one core, runs on the calling thread.
pub fn map_in_order<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    // Each thread takes the next item not taken yet: a slow file does not hold up the
    // others' share.
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            break done;
                        };
                        done.push((index, f(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(done) => done,
                // A panic in `f` is a bug; carry it to the caller as if it ran here.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::map_in_order;

    #[test]
    fn results_come_in_the_order_of_the_input() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map_in_order(&items, |n| {
            // Uneven work, so that threads finish out of order.
            if n % 7 == 0 {
                std::thread::yield_now();
            }
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(map_in_order(&[] as &[u8], |n| *n).is_empty());
        assert_eq!(map_in_order(&[3_u8], |n| n + 1), [4]);
    }
}
