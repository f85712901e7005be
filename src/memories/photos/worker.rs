//! The one thread that decodes and scales photos. Memory a thread frees stays with that
//! thread's allocator arena for the next use, so photos decoded on many threads would each leave
//! their peak behind; on one thread they reuse the same memory, and the server's resident size
//! follows the [`super::budget`] rather than the number of threads that ever decoded a photo.

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    sync::{OnceLock, mpsc},
};

use crate::error::{AppError, AppResult};

type Job = Box<dyn FnOnce() + Send>;

static QUEUE: OnceLock<Option<mpsc::Sender<Job>>> = OnceLock::new();

/// Runs `work` on the photo thread (started on first use) and waits for its result.
pub async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let queue = QUEUE
        .get_or_init(|| {
            let (jobs, queue) = mpsc::channel::<Job>();
            std::thread::Builder::new()
                .name("photos".into())
                .spawn(move || queue.into_iter().for_each(|job| job()))
                .ok()
                .map(|_| jobs)
        })
        .as_ref()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the photo thread did not start")))?;
    let (done, result) = tokio::sync::oneshot::channel();
    // A panic is caught here, so it fails one upload and leaves the thread to the next.
    let job: Job = Box::new(move || {
        let _ = done.send(catch_unwind(AssertUnwindSafe(work)));
    });
    queue
        .send(job)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("the photo thread has stopped")))?;
    match result.await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) => Err(AppError::Internal(anyhow::anyhow!(
            "processing a photo panicked"
        ))),
        Err(_) => Err(AppError::Internal(anyhow::anyhow!(
            "the photo thread dropped a job"
        ))),
    }
}
