//! The least dose or amplitude that meets a goal, found by halving an interval: the goals
//! that ask for no more than is needed (ziconotide's least relieving dose, 10 kHz's least
//! relieving amplitude) judge against it.

/// The least value in (0, `hi`] at which `meets` holds, to within `tolerance`, for a
/// `meets` that, once it holds, holds for every larger value (relief grows with dose and
/// amplitude); `None` when not even `hi` meets it.
pub fn least_meeting(hi: f64, tolerance: f64, meets: impl Fn(f64) -> bool) -> Option<f64> {
    if !meets(hi) {
        return None;
    }
    let (mut lo, mut hi) = (0.0, hi);
    while hi - lo > tolerance {
        let mid = 0.5 * (lo + hi);
        if meets(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_is_found_to_the_tolerance_or_is_none() {
        let at = least_meeting(10.0, 0.01, |x| x >= 2.5).unwrap();
        assert!((2.5..2.51).contains(&at), "{at}");
        assert_eq!(least_meeting(10.0, 0.01, |x| x >= 11.0), None);
    }
}
