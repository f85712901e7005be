//! Memory shared by every upload in the process. Each photo (and each form body) reserves the
//! bytes it is expected to need before it takes them, so concurrent uploads queue instead of
//! stacking up: the server's peak memory is bounded by the budgets, not by how many people
//! press "Save" at once (docs/adr/0014-uploads-bounded-by-memory.md).

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::error::{AppError, AppResult};

const MIB: u64 = 1024 * 1024;

/// A number of mebibytes shared out to whoever reserves them, first come, first served.
#[derive(Debug)]
pub struct MemoryBudget {
    mebibytes: Semaphore,
    total_mib: u32,
}

impl MemoryBudget {
    /// A budget of `total_mib` MiB.
    pub const fn new(total_mib: u32) -> MemoryBudget {
        MemoryBudget {
            mebibytes: Semaphore::const_new(total_mib as usize),
            total_mib,
        }
    }

    /// Waits until `bytes` are free, and holds them until the permit is dropped. A reservation
    /// larger than the whole budget takes all of it: it then runs alone rather than never.
    pub async fn reserve(&self, bytes: u64) -> AppResult<SemaphorePermit<'_>> {
        self.mebibytes
            .acquire_many(self.weight(bytes))
            .await
            .map_err(|e| AppError::Internal(e.into()))
    }

    /// The number of MiB a reservation of `bytes` holds: rounded up, at least one, at most all.
    pub fn weight(&self, bytes: u64) -> u32 {
        let mib = bytes.div_ceil(MIB).max(1);
        u32::try_from(mib).map_or(self.total_mib, |mib| mib.min(self.total_mib))
    }
}

/// Decoding and scaling photos: at most this much working memory at once, in all uploads. A
/// 12 MP photo takes about 60 MiB, so it is decoded alone; small ones share.
pub static DECODING: MemoryBudget = MemoryBudget::new(64);
/// Form bodies with photos held in memory while they are read and processed: a form of six
/// phone photos at a time (a larger one alone).
pub static FORM_BODIES: MemoryBudget = MemoryBudget::new(40);

#[cfg(test)]
mod tests {
    use std::{
        future::Future,
        pin::pin,
        task::{Context, Poll, Waker},
    };

    use super::*;

    fn poll_once<F: Future>(future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
        future.poll(&mut Context::from_waker(Waker::noop()))
    }

    #[tokio::test]
    async fn two_uploads_whose_weights_sum_over_the_budget_do_not_run_at_once() {
        let budget = MemoryBudget::new(100);
        let first = budget.reserve(60 * MIB).await.unwrap();
        let mut second = pin!(budget.reserve(50 * MIB));
        assert!(poll_once(second.as_mut()).is_pending(), "60 + 50 > 100 MiB");
        // A small one that fits still waits its turn behind the second (first come, first served).
        let mut small = pin!(budget.reserve(10 * MIB));
        assert!(poll_once(small.as_mut()).is_pending());
        drop(first);
        let Poll::Ready(second) = poll_once(second.as_mut()) else {
            panic!("the second runs once the first is done");
        };
        assert!(poll_once(small.as_mut()).is_ready(), "50 + 10 <= 100 MiB");
        drop(second);
    }

    #[tokio::test]
    async fn uploads_that_fit_together_run_at_once_and_a_huge_one_runs_alone() {
        let budget = MemoryBudget::new(100);
        let a = budget.reserve(40 * MIB).await.unwrap();
        let b = budget.reserve(60 * MIB).await.unwrap();
        drop((a, b));
        assert_eq!(budget.weight(10 * 1024 * MIB), 100);
        assert_eq!(budget.weight(0), 1);
        assert_eq!(budget.weight(MIB + 1), 2);
        let huge = budget.reserve(10 * 1024 * MIB).await.unwrap();
        let mut tiny = pin!(budget.reserve(1));
        assert!(poll_once(tiny.as_mut()).is_pending());
        drop(huge);
        assert!(poll_once(tiny.as_mut()).is_ready());
    }
}
