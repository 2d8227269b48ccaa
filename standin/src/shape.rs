//! Which authentik release the stand-in imitates.
//!
//! The list endpoint's JSON and its page-size rules changed over the releases; the page must cope
//! with all of them, so the stand-in can speak each one.

use std::fmt;
use std::str::FromStr;

/// A release line of authentik whose response shape the stand-in reproduces.
///
/// The variants are ordered by release, so "since 2025.10" reads as `shape >= Shape::V2025_10`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// `js_url`/`api_url` exist; no score thresholds, no `interactive`.
    V2022_12,
    /// The reference shape: thresholds and `error_on_invalid_score`, flow `background`.
    V2024_8,
    /// Adds the stage's `interactive` and an `autocomplete` object beside `pagination`.
    V2025_10,
    /// Flow `background_url` instead of `background`; `flow_set` always present; page sizes
    /// default to 20 and are capped at 100.
    V2026_5,
}

/// How a release turns the `page_size` query parameter into rows per page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageSizePolicy {
    /// Rows per page when `page_size` is missing or not a positive integer.
    pub default: usize,
    /// The most rows a page may hold, whatever was asked for.
    pub max: Option<usize>,
}

impl Shape {
    pub const ALL: [Shape; 4] = [Shape::V2022_12, Shape::V2024_8, Shape::V2025_10, Shape::V2026_5];

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::V2022_12 => "2022.12",
            Shape::V2024_8 => "2024.8",
            Shape::V2025_10 => "2025.10",
            Shape::V2026_5 => "2026.5",
        }
    }

    /// `score_min_threshold`, `score_max_threshold` and `error_on_invalid_score` arrived in 2024.6.
    pub fn has_score_fields(self) -> bool {
        self >= Shape::V2024_8
    }

    /// The stage's `interactive` flag arrived in 2024.10.2.
    pub fn has_interactive(self) -> bool {
        self >= Shape::V2025_10
    }

    /// The list's `autocomplete` object arrived in 2025.8.
    pub fn has_autocomplete(self) -> bool {
        self >= Shape::V2025_10
    }

    /// 2025.12 renamed the flow's `background` to `background_url`, made `flow_set` a read-only
    /// field that is always sent, and added two flow layouts.
    pub fn is_2025_12_or_later(self) -> bool {
        self >= Shape::V2026_5
    }

    pub fn page_size_policy(self) -> PageSizePolicy {
        if self.is_2025_12_or_later() {
            // From 2025.12 the tenant's settings decide; these are the defaults a new tenant gets.
            PageSizePolicy { default: 20, max: Some(100) }
        } else {
            PageSizePolicy { default: 100, max: None }
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Shape {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Shape::ALL.into_iter().find(|shape| shape.as_str() == s).ok_or_else(|| {
            let known: Vec<&str> = Shape::ALL.iter().map(|shape| shape.as_str()).collect();
            format!("unknown shape `{s}`, expected one of {}", known.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_parses_back_from_its_name() {
        for shape in Shape::ALL {
            assert_eq!(shape.as_str().parse::<Shape>(), Ok(shape));
        }
        assert!("2024.9".parse::<Shape>().unwrap_err().contains("2024.8"));
    }

    #[test]
    fn page_sizes_are_capped_only_from_2025_12() {
        for shape in [Shape::V2022_12, Shape::V2024_8, Shape::V2025_10] {
            assert_eq!(shape.page_size_policy(), PageSizePolicy { default: 100, max: None });
        }
        assert_eq!(
            Shape::V2026_5.page_size_policy(),
            PageSizePolicy { default: 20, max: Some(100) }
        );
    }
}
