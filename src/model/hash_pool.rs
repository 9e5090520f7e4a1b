//! One hashing pool for the whole process: as many workers as cores, each
//! keeping its argon2 memory for the next hash instead of mapping and
//! faulting in a fresh 19 MiB block every time (that kernel work cost an
//! import a third of its time). Interactive work (logins, password
//! changes) waits in a bounded queue and is refused with `Busy` when it is
//! full, so a login flood costs neither unbounded memory nor unbounded
//! waits; bulk work (imports) waits for room instead, and workers take
//! interactive work first, so an import never starves a login.
//!
//! Callers block on the answer: they run on blocking threads already
//! (`spawn_blocking`, the CLI, job workers), never on the async executor.

use std::collections::VecDeque;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, OnceLock};

use argon2::Block;

/// Work refused: the interactive queue is full. Answer "try again shortly".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// What a worker keeps between hashes: argon2's memory blocks.
#[derive(Default)]
pub struct Scratch {
    blocks: Vec<Block>,
}

/// Blocks kept between hashes: enough for the default parameters. A larger
/// imported hash borrows more for its check and gives it back.
const KEPT_BLOCKS: usize = argon2::Params::DEFAULT_M_COST as usize;

impl Scratch {
    /// `count` zeroed blocks (argon2 overwrites them all; zeroing is cheap
    /// next to a hash and keeps no state from the previous one).
    pub fn blocks(&mut self, count: usize) -> &mut [Block] {
        if self.blocks.len() < count {
            self.blocks.resize(count, Block::default());
        }
        &mut self.blocks[..count]
    }

    fn shrink(&mut self) {
        if self.blocks.len() > KEPT_BLOCKS {
            self.blocks.truncate(KEPT_BLOCKS);
            self.blocks.shrink_to_fit();
        }
    }
}

type Job = Box<dyn FnOnce(&mut Scratch) + Send>;

#[derive(Default)]
struct Queues {
    interactive: VecDeque<Job>,
    bulk: VecDeque<Job>,
}

struct Pool {
    queues: Mutex<Queues>,
    work: Condvar,
    room: Condvar,
    interactive_limit: usize,
    bulk_limit: usize,
}

static POOL: OnceLock<Pool> = OnceLock::new();
static LIMIT: OnceLock<usize> = OnceLock::new();

/// Sets how many interactive hashes may wait (before the pool's first use;
/// later calls change nothing). The default is 16 per worker.
pub fn set_queue_limit(limit: usize) {
    let _ = LIMIT.set(limit.max(1));
}

fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn pool() -> &'static Pool {
    POOL.get_or_init(|| {
        let count = workers();
        for index in 0..count {
            // A worker that cannot start leaves the others; none at all is
            // caught by `submit` never being answered (see `run`).
            let _ = std::thread::Builder::new()
                .name(format!("hash-{index}"))
                .spawn(work);
        }
        Pool {
            queues: Mutex::new(Queues::default()),
            work: Condvar::new(),
            room: Condvar::new(),
            interactive_limit: *LIMIT.get_or_init(|| 16 * count),
            bulk_limit: 2 * count,
        }
    })
}

fn work() {
    let mut scratch = Scratch::default();
    loop {
        let pool = pool();
        let job = {
            let mut queues = pool.queues.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(job) = queues.interactive.pop_front() {
                    break job;
                }
                if let Some(job) = queues.bulk.pop_front() {
                    pool.room.notify_one();
                    break job;
                }
                queues = pool.work.wait(queues).unwrap_or_else(|e| e.into_inner());
            }
        };
        job(&mut scratch);
        scratch.shrink();
    }
}

/// Runs `f` on a worker; `Busy` when the interactive queue is full.
pub fn run<T: Send + 'static>(
    f: impl FnOnce(&mut Scratch) -> T + Send + 'static,
) -> Result<T, Busy> {
    submit(f, false)
}

/// Runs `f` on a worker, waiting for room in the queue (imports).
pub fn run_bulk<T: Send + 'static>(
    f: impl FnOnce(&mut Scratch) -> T + Send + 'static,
) -> Result<T, Busy> {
    submit(f, true)
}

/// Queues every item as bulk work at once and collects the answers in
/// order: the workers hash a batch in parallel.
pub fn map_bulk<I, T>(
    items: Vec<I>,
    f: impl Fn(I, &mut Scratch) -> T + Send + Sync + Clone + 'static,
) -> Result<Vec<T>, Busy>
where
    I: Send + 'static,
    T: Send + 'static,
{
    let answers: Vec<mpsc::Receiver<T>> = items
        .into_iter()
        .map(|item| {
            let (sender, answer) = mpsc::sync_channel(1);
            let f = f.clone();
            enqueue(
                Box::new(move |scratch| {
                    let _ = sender.send(f(item, scratch));
                }),
                true,
            )?;
            Ok(answer)
        })
        .collect::<Result<_, Busy>>()?;
    answers
        .into_iter()
        .map(|answer| answer.recv().map_err(|_| Busy))
        .collect()
}

fn submit<T: Send + 'static>(
    f: impl FnOnce(&mut Scratch) -> T + Send + 'static,
    bulk: bool,
) -> Result<T, Busy> {
    let (sender, answer) = mpsc::sync_channel(1);
    enqueue(
        Box::new(move |scratch| {
            let _ = sender.send(f(scratch));
        }),
        bulk,
    )?;
    // A job dropped unanswered (a worker panicked) reads as busy: retry.
    answer.recv().map_err(|_| Busy)
}

fn enqueue(job: Job, bulk: bool) -> Result<(), Busy> {
    let pool = pool();
    let mut queues = pool.queues.lock().unwrap_or_else(|e| e.into_inner());
    if bulk {
        while queues.bulk.len() >= pool.bulk_limit {
            queues = pool.room.wait(queues).unwrap_or_else(|e| e.into_inner());
        }
        queues.bulk.push_back(job);
    } else {
        if queues.interactive.len() >= pool.interactive_limit {
            return Err(Busy);
        }
        queues.interactive.push_back(job);
    }
    pool.work.notify_one();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_runs_on_the_pool_and_bulk_answers_keep_their_order() {
        assert_eq!(run(|_| 7), Ok(7));
        let doubled = map_bulk((0..50).collect(), |n: u32, _| n * 2).unwrap();
        assert_eq!(doubled, (0..50).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn scratch_memory_is_kept_up_to_the_default_size() {
        let mut scratch = Scratch::default();
        assert_eq!(scratch.blocks(KEPT_BLOCKS * 2).len(), KEPT_BLOCKS * 2);
        scratch.shrink();
        assert_eq!(scratch.blocks.len(), KEPT_BLOCKS);
        assert_eq!(scratch.blocks(10).len(), 10);
        assert_eq!(scratch.blocks.len(), KEPT_BLOCKS, "kept for the next hash");
    }
}
