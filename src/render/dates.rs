//! Dates as each locale writes them, from CLDR data (ICU4X): "14 April 2019",
//! "١٤ أبريل ٢٠١٩". Whether Arabic uses Arabic-Indic or Latin digits is the locale's
//! `digits` setting.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_locale_core::Locale;

use crate::l10n::{Digits, LocaleSetting};

/// Long-form date formatters, one per configured locale.
pub struct DateFormats {
    by_locale: HashMap<String, FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
}

impl DateFormats {
    pub fn new(locales: &[LocaleSetting]) -> Self {
        let by_locale = locales
            .iter()
            .filter_map(|setting| {
                let base = setting.cldr_locale.as_deref().unwrap_or(&setting.code);
                let tag = match setting.digits {
                    Digits::Arab => format!("{base}-u-nu-arab"),
                    Digits::Latn => format!("{base}-u-nu-latn"),
                };
                let locale: Locale = tag.parse().ok()?;
                let formatter = FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long()).ok()?;
                Some((setting.code.clone(), formatter))
            })
            .collect();
        Self { by_locale }
    }

    /// The date in `locale`'s long form; ISO 8601 if the locale has no CLDR data.
    pub fn long(&self, locale: &str, date: NaiveDate) -> String {
        let iso = || date.format("%Y-%m-%d").to_string();
        let Some(formatter) = self.by_locale.get(locale) else { return iso() };
        match Date::try_new_gregorian(date.year(), date.month() as u8, date.day() as u8) {
            Ok(day) => formatter.format(&day).to_string(),
            Err(_) => iso(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l10n::{localize_digits, Direction};

    fn locale(code: &str, digits: Digits) -> LocaleSetting {
        let cldr_locale = (code == "en").then(|| "en-GB".to_owned());
        LocaleSetting {
            code: code.into(),
            name: code.into(),
            direction: Direction::Ltr,
            script: None,
            digits,
            cldr_locale,
            lettering: None,
        }
    }

    #[test]
    fn dates_follow_the_locale_and_its_digits() {
        let date = NaiveDate::from_ymd_opt(2019, 4, 14).unwrap();
        let formats = DateFormats::new(&[locale("en", Digits::Latn), locale("ar", Digits::Arab)]);
        assert_eq!(formats.long("en", date), "14 April 2019");
        assert_eq!(formats.long("ar", date), "١٤ أبريل ٢٠١٩");
        let latin = DateFormats::new(&[locale("ar", Digits::Latn)]);
        assert_eq!(latin.long("ar", date), "14 أبريل 2019");
        assert_eq!(formats.long("xx", date), "2019-04-14");
    }

    #[test]
    fn digits_are_mapped() {
        assert_eq!(localize_digits("Issue 12", Digits::Arab), "Issue ١٢");
        assert_eq!(localize_digits("12", Digits::Latn), "12");
    }
}
