//! Shared helpers for the example programs in `src/bin/`.

pub mod drift;

use opendota_sdk::Client;

/// An OpenDota client configured from `OPENDOTA_BASE_URL` and `OPENDOTA_API_KEY` (both optional).
///
/// # Errors
///
/// When `OPENDOTA_BASE_URL` is set but not a URL.
pub fn opendota_from_env() -> anyhow::Result<Client> {
    Ok(Client::from_env()?)
}

/// `part / whole` as a percentage with one decimal, or `"-"` when `whole` is zero.
#[must_use]
pub fn percent(part: impl Into<u64>, whole: impl Into<u64>) -> String {
    let (part, whole) = (part.into(), whole.into());
    if whole == 0 {
        return "-".to_owned();
    }
    #[allow(clippy::cast_precision_loss, reason = "game counts are far below 2^52")]
    let pct = part as f64 * 100.0 / whole as f64;
    format!("{pct:.1}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_and_handles_zero() {
        assert_eq!(percent(1_u32, 3_u32), "33.3%");
        assert_eq!(percent(0_u32, 0_u32), "-");
        assert_eq!(percent(3747_u32, 6075_u64), "61.7%");
    }
}
