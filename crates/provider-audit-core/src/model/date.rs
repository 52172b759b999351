//! Calendar dates in the `YYYY-MM-DD` form the files use, over `jiff`'s civil date; no
//! time zones: "today" and "now" are read from the system clock in UTC.

use std::fmt;

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::Offset;

/// A calendar date (proleptic Gregorian), years -9999 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

impl Date {
    /// Builds a date, or `None` when it does not exist (2026-02-30) or its year is outside
    /// -9999 to 9999.
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let year = i16::try_from(year).ok()?;
        let month = i8::try_from(month).ok()?;
        let day = i8::try_from(day).ok()?;
        civil::Date::new(year, month, day).ok().map(Self)
    }

    /// Parses `YYYY-MM-DD` (exactly four, two and two digits); anything else is `None`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let shape = bytes.len() == 10
            && bytes.iter().enumerate().all(|(index, &byte)| match index {
                4 | 7 => byte == b'-',
                _ => byte.is_ascii_digit(),
            });
        if !shape {
            return None;
        }
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        Self::new(year, month, day)
    }

    /// Today's date in UTC, from the system clock.
    #[must_use]
    pub fn today() -> Self {
        Self(Offset::UTC.to_datetime(Timestamp::now()).date())
    }

    /// The date `days` days after 1970-01-01 (before it when negative), clamped to the
    /// range of dates.
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Self {
        let date = days
            .checked_mul(86_400)
            .and_then(|seconds| Timestamp::from_second(seconds).ok())
            .map(|instant| Offset::UTC.to_datetime(instant).date());
        match date {
            Some(date) => Self(date),
            None if days < 0 => Self(civil::Date::MIN),
            None => Self(civil::Date::MAX),
        }
    }

    /// The same day `months` months later (the month's last day when it is shorter:
    /// 2026-01-31 plus one month is 2026-02-28); `None` beyond the range of dates.
    #[must_use]
    pub fn plus_months(self, months: u32) -> Option<Self> {
        let span = jiff::Span::new().try_months(i64::from(months)).ok()?;
        self.0.checked_add(span).ok().map(Self)
    }

    /// The date `days` days later (earlier when negative), clamped to the range of dates.
    #[must_use]
    pub fn plus_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// Days from 1970-01-01 to this date (negative before it).
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        let epoch = civil::Date::constant(1970, 1, 1);
        epoch
            .until(self.0)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// Days from this date to `later` (negative when `later` is earlier).
    #[must_use]
    pub fn days_until(self, later: Self) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

/// The current time as RFC 3339 in UTC, to the second: `2026-11-30T14:05:09Z`. Stamps
/// annotations and other edits.
#[must_use]
pub fn now_rfc3339() -> String {
    rfc3339(Timestamp::now())
}

/// `instant` as RFC 3339 in UTC, cut (not rounded) to the second.
fn rfc3339(instant: Timestamp) -> String {
    // A precision of 0 drops the fraction of a second.
    format!("{instant:.0}")
}

#[cfg(test)]
mod tests {
    use super::{Date, now_rfc3339, rfc3339};

    #[test]
    fn parses_and_prints_iso_dates() {
        let date = Date::parse("2027-05-01").expect("valid date");
        assert_eq!(date.to_string(), "2027-05-01");
        assert!(
            Date::parse("2026-02-29").is_none(),
            "2026 is not a leap year"
        );
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("26-10-14").is_none());
        assert!(Date::parse("2026-1-14").is_none());
        assert!(Date::parse("2026-10-14T00:00").is_none());
        assert_eq!(
            Date::parse("0001-01-01").map(|d| d.to_string()).as_deref(),
            Some("0001-01-01")
        );
    }

    #[test]
    fn only_digits_make_a_date() {
        for text in [
            "+123-01-01",
            "-001-01-01",
            "2026-+1-01",
            "2026-01-+1",
            "2026 01 01",
        ] {
            assert!(Date::parse(text).is_none(), "{text}");
        }
    }

    #[test]
    fn new_refuses_dates_that_do_not_exist() {
        assert!(Date::new(2026, 2, 30).is_none());
        assert!(Date::new(2026, 0, 1).is_none());
        assert!(Date::new(2026, 200, 1).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
        assert!(Date::new(20_000, 1, 1).is_none());
        assert_eq!(Date::new(2000, 2, 29), Date::parse("2000-02-29"));
    }

    #[test]
    fn days_since_epoch_match_known_dates() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        // 2026-11-30 is day 20 787 since the epoch.
        assert_eq!(
            Date::from_days_since_epoch(20_787).to_string(),
            "2026-11-30"
        );
        assert_eq!(
            Date::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
        assert_eq!(Date::from_days_since_epoch(-1).to_string(), "1969-12-31");
        assert_eq!(
            Date::from_days_since_epoch(i64::MAX).to_string(),
            "9999-12-31"
        );
        assert!(Date::from_days_since_epoch(i64::MIN) < Date::from_days_since_epoch(0));
    }

    #[test]
    fn months_and_days_are_added_on_the_calendar() {
        let date = |text| Date::parse(text).expect("date");
        assert_eq!(date("2026-01-31").plus_months(1), Some(date("2026-02-28")));
        assert_eq!(date("2025-12-01").plus_months(12), Some(date("2026-12-01")));
        assert_eq!(date("2026-12-30").plus_days(3), date("2027-01-02"));
        assert_eq!(date("2026-11-30").days_since_epoch(), 20_787);
        assert_eq!(date("2026-11-30").days_until(date("2026-12-07")), 7);
        assert_eq!(date("9999-12-01").plus_months(1), None);
    }

    #[test]
    fn dates_order_chronologically() {
        assert!(Date::parse("2026-11-30") < Date::parse("2027-01-01"));
        assert!(Date::parse("2026-12-01") > Date::parse("2026-11-30"));
    }

    #[test]
    fn today_is_a_plausible_date() {
        let today = Date::today();
        assert!(today > Date::parse("2024-01-01").expect("date"), "{today}");
        assert_eq!(Date::parse(&today.to_string()), Some(today));
    }

    #[test]
    fn timestamps_are_rfc3339_utc_to_the_second() {
        let instant = jiff::Timestamp::new(1_796_133_909, 999_000_000).expect("instant");
        assert_eq!(rfc3339(instant), "2026-12-01T14:05:09Z");
        let epoch = jiff::Timestamp::UNIX_EPOCH;
        assert_eq!(rfc3339(epoch), "1970-01-01T00:00:00Z");
        let now = now_rfc3339();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
        assert!(now.get(..10).and_then(Date::parse).is_some(), "{now}");
    }
}
