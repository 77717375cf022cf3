//! How much of a long view to draw per animation frame. A fixed count is too little on a fast
//! machine (the view takes many frames to complete) and too much on a slow phone (its frames
//! stall): each batch's size follows from how long the frame of the batch before took.
//!
//! Pure: the caller supplies the clock.

/// Work per frame aimed at: half of the 50 ms that make a task long, which leaves room for a
/// batch that costs more than the one before and for the browser's own style and layout.
pub const BUDGET_MS: f64 = 25.0;
/// A frame at 60 Hz. The time between two batches is their work and whatever remained of the
/// frame it ended in; half a frame is taken off for the latter.
const FRAME_MS: f64 = 1000.0 / 60.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Batches {
    size: usize,
    last_start_ms: Option<f64>,
}

impl Batches {
    /// Batches of `first` items until one has been timed.
    pub fn new(first: usize) -> Batches {
        Batches {
            size: first.max(1),
            last_start_ms: None,
        }
    }

    /// How many items to draw in the frame that starts at `now_ms` (a batch's frame starts
    /// once the batch before is painted). The last batch's cost is taken as the time since
    /// its frame started less half a frame; the next holds as many items as fit the budget at
    /// that cost, at most twice and at least half as many as the last. Twice, not more: a
    /// batch done within its frame may have cost anything up to a frame.
    pub fn next(&mut self, now_ms: f64) -> usize {
        if let Some(last_start) = self.last_start_ms {
            let spent = now_ms - last_start - FRAME_MS / 2.0;
            // Within half a frame (or a clock that went back): as many as may be added.
            let fitting = if spent > 0.0 {
                (BUDGET_MS / spent * self.size as f64) as usize
            } else {
                usize::MAX
            };
            self.size = fitting.clamp((self.size / 2).max(1), self.size.saturating_mul(2));
        }
        self.last_start_ms = Some(now_ms);
        self.size
    }
}
