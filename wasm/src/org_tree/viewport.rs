//! The scroll viewport of a virtualized list of equal-height rows, free of yew and the DOM:
//! which rows to render, how far to scroll to bring a row into view, how many rows a page is.

use std::ops::Range;

/// Rows rendered above and below the viewport, so that small scrolls show no gap.
pub const OVERSCAN: usize = 6;

/// A scroll container over rows of one height, all in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// The height of one row (> 0).
    pub row: f64,
    /// The visible height of the container.
    pub height: f64,
    /// How far it is scrolled.
    pub top: f64,
}

impl Default for Viewport {
    /// A guess until the first measurement: 2.25em rows in a 28em box at 16px.
    fn default() -> Self {
        Viewport { row: 36.0, height: 448.0, top: 0.0 }
    }
}

impl Viewport {
    /// The number of rows wholly in view; at least 1.
    pub fn page(&self) -> usize {
        ((self.height / self.row).floor() as usize).max(1)
    }

    /// The rows to render out of `rows`: those in view, plus `overscan` on each side.
    pub fn window(&self, rows: usize, overscan: usize) -> Range<usize> {
        // `as usize` saturates: negative and NaN become 0.
        let first = (self.top / self.row).floor() as usize;
        let last = ((self.top + self.height) / self.row).ceil() as usize;
        let start = first.saturating_sub(overscan).min(rows);
        let end = last.saturating_add(overscan).min(rows);
        start..end.max(start)
    }

    /// Scrolls as little as possible to show `row` wholly; returns whether `top` changed.
    pub fn reveal(&mut self, row: usize) -> bool {
        let y = row as f64 * self.row;
        let top = if y < self.top || self.height < self.row {
            y
        } else if y + self.row > self.top + self.height {
            (y + self.row - self.height).ceil()
        } else {
            self.top
        };
        self.set_top(top)
    }

    /// Keeps `top` within what `rows` rows can scroll; returns whether it changed.
    pub fn clamp(&mut self, rows: usize) -> bool {
        let max = (rows as f64 * self.row - self.height).max(0.0).ceil();
        self.set_top(self.top.clamp(0.0, max))
    }

    fn set_top(&mut self, top: f64) -> bool {
        let changed = (top - self.top).abs() >= 0.5;
        if changed {
            self.top = top;
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(top: f64) -> Viewport {
        Viewport { row: 36.0, height: 360.0, top }
    }

    #[test]
    fn the_window_covers_the_view_and_the_overscan() {
        assert_eq!(port(0.0).page(), 10);
        assert_eq!(port(0.0).window(100_000, 6), 0..16);
        assert_eq!(port(36.0 * 100.0).window(100_000, 6), 94..116);
        // Half a row scrolled: the partly visible rows at both ends count.
        assert_eq!(port(36.0 * 100.0 + 18.0).window(100_000, 0), 100..111);
        assert_eq!(port(36.0 * 99_990.0).window(100_000, 6), 99_984..100_000);
        assert_eq!(port(0.0).window(3, 6), 0..3);
        assert_eq!(port(0.0).window(0, 6), 0..0);
        // Scrolled beyond the rows (they shrank): an empty window, never an inverted one.
        assert_eq!(port(36.0 * 1000.0).window(10, 6), 10..10);
        assert_eq!(Viewport { row: 36.0, height: 10.0, top: 0.0 }.page(), 1);
    }

    #[test]
    fn reveal_scrolls_as_little_as_possible() {
        let mut p = port(36.0 * 100.0);
        assert!(!p.reveal(100));
        assert!(!p.reveal(109));
        assert!(p.reveal(110));
        assert_eq!(p.top, 36.0 * 101.0);
        assert!(p.reveal(5));
        assert_eq!(p.top, 36.0 * 5.0);
        let mut odd = Viewport { row: 33.75, height: 400.0, top: 0.0 };
        assert!(odd.reveal(20));
        assert!(odd.top + odd.height >= 21.0 * 33.75);
        assert!(odd.top <= 20.0 * 33.75);
    }

    #[test]
    fn clamp_keeps_the_view_on_the_rows() {
        let mut p = port(36.0 * 1000.0);
        assert!(p.clamp(20));
        assert_eq!(p.top, 36.0 * 20.0 - 360.0);
        assert!(p.clamp(5));
        assert_eq!(p.top, 0.0);
        assert!(!p.clamp(100_000));
    }
}
