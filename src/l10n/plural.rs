//! Plural categories from ICU4X, exposed to Fluent as `PLURAL($n)`.
//!
//! fluent-bundle's own selection uses `intl_pluralrules`, which gets Arabic wrong from 103 up
//! (it drops the `n % 100` of CLDR's rules). Messages therefore select on `PLURAL($count)`,
//! whose categories come from ICU4X's CLDR data.

use fixed_decimal::Decimal;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentValue};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// Cardinal plural rules for one locale.
pub struct PluralSelector {
    rules: PluralRules,
}

impl PluralSelector {
    /// Rules for `code`; an unknown language falls back to CLDR's root rules (`other` only).
    pub fn for_locale(code: &str) -> Self {
        let locale: Locale = code.parse().unwrap_or(Locale::UNKNOWN);
        let rules = PluralRules::try_new_cardinal(locale.clone().into())
            .or_else(|_| PluralRules::try_new_cardinal(Locale::UNKNOWN.into()))
            .expect("compiled CLDR data always has root plural rules");
        Self { rules }
    }

    /// The CLDR category name for a number, as written in a Fluent variant key.
    pub fn category(&self, number: &FluentNumber) -> &'static str {
        // Going through the formatted string keeps visible fraction digits: "1.0" is not "1".
        let category = match number.as_string().parse::<Decimal>() {
            Ok(decimal) => self.rules.category_for(&decimal),
            Err(_) => PluralCategory::Other,
        };
        category_name(category)
    }

    /// The category of a whole number.
    pub fn category_of(&self, n: u64) -> &'static str {
        category_name(self.rules.category_for(n))
    }

    /// The Fluent function body: `PLURAL($n)` yields the category name as a string, which
    /// Fluent matches against variant keys such as `[few]`.
    pub fn fluent_function<'a>(&self, positional: &[FluentValue<'a>], _: &FluentArgs) -> FluentValue<'a> {
        match positional.first() {
            Some(FluentValue::Number(number)) => FluentValue::String(self.category(number).into()),
            Some(FluentValue::String(s)) => match s.parse::<f64>() {
                Ok(value) => FluentValue::String(self.category(&FluentNumber::new(value, Default::default())).into()),
                Err(_) => FluentValue::Error,
            },
            _ => FluentValue::Error,
        }
    }
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CLDR's Arabic cardinal rules written out by hand, to check the data against.
    fn arabic_by_cldr_rule(n: u64) -> &'static str {
        match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        }
    }

    #[test]
    fn arabic_categories_are_right_from_0_to_1000() {
        let arabic = PluralSelector::for_locale("ar");
        for n in 0..=1000 {
            assert_eq!(arabic.category_of(n), arabic_by_cldr_rule(n), "n = {n}");
        }
    }

    #[test]
    fn visible_fraction_digits_change_the_category() {
        let english = PluralSelector::for_locale("en");
        assert_eq!(english.category(&FluentNumber::new(1.0, Default::default())), "one");
        let one_decimal =
            fluent_bundle::types::FluentNumberOptions { minimum_fraction_digits: Some(1), ..Default::default() };
        assert_eq!(english.category(&FluentNumber::new(1.0, one_decimal)), "other");
    }
}
