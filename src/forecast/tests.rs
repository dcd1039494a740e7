//! Hand-checkable forecasts, pinned streams and ordering properties (domain reference §3).

use jiff::civil::date;
use proptest::prelude::*;

use super::*;

fn samples(days: &[u32]) -> Samples {
    Samples::new(days.to_vec()).expect("enough history")
}

/// 20 days alternating 0 and 1: 10 items over 20 days.
fn alternating() -> Samples {
    samples(&(0..20).map(|i| i % 2).collect::<Vec<_>>())
}

/// A Friday.
const FRIDAY: Date = date(2024, 1, 5);

fn days_of(forecast: &WhenForecast) -> Vec<u32> {
    forecast.percentiles().iter().map(|p| p.finish.expect("finished").days).collect()
}

fn at_least_of(forecast: &HowManyForecast) -> Vec<u64> {
    forecast.percentiles().iter().map(|p| p.at_least).collect()
}

#[test]
fn chacha8_matches_the_published_zero_key_vector() {
    // ChaCha8, all-zero key and nonce, first keystream bytes 3e00ef2f 895f40d6 (the
    // Strömbergson test vectors): any crate version must produce exactly this.
    let mut draws = draws::Draws::new(0);
    assert_eq!(draws.next_u64(), 0xd640_5f89_2fef_003e);
}

#[test]
fn constant_throughput_finishes_every_trial_on_the_same_day() {
    let forecast = when(&samples(&[2; 10]), ItemsToDo::exact(10), 1_000, 7, FRIDAY, false).unwrap();
    assert!(forecast.days().iter().all(|&d| d == 5));
    assert_eq!(days_of(&forecast), [5, 5, 5, 5]);
    assert_eq!(forecast.percentile(85).unwrap().finish.unwrap().date, date(2024, 1, 10));
    assert_eq!(forecast.unfinished(), 0);
}

#[test]
fn constant_throughput_on_workdays_skips_the_weekend() {
    let forecast = when(&samples(&[2; 10]), ItemsToDo::exact(10), 100, 7, FRIDAY, true).unwrap();
    // Mon 8, Tue 9, Wed 10, Thu 11, Fri 12.
    assert_eq!(forecast.percentile(50).unwrap().finish.unwrap().date, date(2024, 1, 12));
}

#[test]
fn no_items_take_no_days() {
    let forecast = when(&alternating(), ItemsToDo::exact(0), 10, 1, FRIDAY, true).unwrap();
    assert_eq!(days_of(&forecast), [0, 0, 0, 0]);
    assert_eq!(forecast.percentile(95).unwrap().finish.unwrap().date, FRIDAY);
    assert!((forecast.likelihood_by(FRIDAY) - 1.0).abs() < f64::EPSILON);
}

#[test]
fn alternating_throughput_in_ten_days_lands_near_five() {
    let forecast = how_many(&alternating(), 10, 10_000, 42).unwrap();
    assert!(forecast.sums().iter().all(|&s| s <= 10));
    let p50 = forecast.percentile(50).unwrap().at_least;
    assert!((4..=6).contains(&p50), "P50 {p50}");
    let mean = forecast.sums().iter().sum::<u64>() as f64 / 10_000.0;
    assert!((mean - 5.0).abs() < 0.1, "mean {mean}");
}

#[test]
fn how_many_percentiles_are_at_least_counts() {
    let forecast = how_many(&alternating(), 10, 10_000, 42).unwrap();
    let p50 = forecast.percentile(50).unwrap().at_least;
    let p85 = forecast.percentile(85).unwrap().at_least;
    assert!(p85 <= p50);
    // At-least semantics: at least 85% of trials reached P85, and it is the largest such count.
    assert!(forecast.likelihood_of_at_least(p85) >= 0.85);
    assert!(forecast.likelihood_of_at_least(p85 + 1) < 0.85);
}

#[test]
fn when_p85_is_no_earlier_than_p50() {
    let forecast = when(&alternating(), ItemsToDo::exact(20), 10_000, 3, FRIDAY, false).unwrap();
    let days = days_of(&forecast);
    assert!(days[2] >= days[0]);
    // About 2 days an item, so 20 items take about 40 days.
    assert!((35..=45).contains(&days[0]), "P50 {}", days[0]);
    // The P85 day is the earliest that at least 85% of trials finished by.
    let p85 = forecast.percentile(85).unwrap().finish.unwrap();
    assert!(forecast.likelihood_by(p85.date) >= 0.85);
    assert!(forecast.likelihood_by(p85.date.yesterday().unwrap()) < 0.85);
}

#[test]
fn likelihood_rises_to_one_at_the_last_finish() {
    let forecast = when(&alternating(), ItemsToDo::exact(8), 2_000, 9, FRIDAY, true).unwrap();
    let calendar = forecast.calendar();
    assert_eq!(forecast.likelihood_by(FRIDAY.yesterday().unwrap()), 0.0);
    let last = *forecast.days().last().unwrap();
    let mut previous = 0.0;
    for days in 0..=last + 3 {
        let likelihood = forecast.likelihood_by(calendar.date_after(days).unwrap());
        assert!(likelihood >= previous);
        previous = likelihood;
    }
    assert!((forecast.likelihood_by(calendar.date_after(last).unwrap()) - 1.0).abs() < f64::EPSILON);
    assert!(forecast.likelihood_by(calendar.date_after(last - 1).unwrap()) < 1.0);
}

#[test]
fn workday_calendar_skips_saturday_and_sunday() {
    let workdays = Calendar {
        start: FRIDAY,
        workdays_only: true,
    };
    assert_eq!(workdays.date_after(0).unwrap(), FRIDAY);
    assert_eq!(workdays.date_after(1).unwrap(), date(2024, 1, 8));
    assert_eq!(workdays.date_after(5).unwrap(), date(2024, 1, 12));
    assert_eq!(workdays.date_after(6).unwrap(), date(2024, 1, 15));
    assert_eq!(workdays.days_until(date(2024, 1, 7)), 0);
    assert_eq!(workdays.days_until(date(2024, 1, 8)), 1);
    assert_eq!(workdays.days_until(date(2024, 1, 15)), 6);
    let saturday = Calendar {
        start: date(2024, 1, 6),
        workdays_only: true,
    };
    assert_eq!(saturday.date_after(1).unwrap(), date(2024, 1, 8));
    assert_eq!(saturday.date_after(5).unwrap(), date(2024, 1, 12));
    let every_day = Calendar {
        start: FRIDAY,
        workdays_only: false,
    };
    assert_eq!(every_day.date_after(1).unwrap(), date(2024, 1, 6));
    assert_eq!(every_day.days_until(date(2024, 1, 4)), -1);
}

#[test]
fn date_after_and_days_until_agree() {
    for start_day in 1..=7 {
        for workdays_only in [false, true] {
            let calendar = Calendar {
                start: date(2024, 1, start_day),
                workdays_only,
            };
            for days in 0..40 {
                let finish = calendar.date_after(days).unwrap();
                assert_eq!(calendar.days_until(finish), i64::from(days), "{calendar:?} + {days}");
            }
        }
    }
}

#[test]
fn too_little_history_says_what_is_needed() {
    let short = Samples::new(vec![1; 9]).unwrap_err();
    assert_eq!(
        short,
        ForecastError::TooLittleHistory {
            days: 9,
            nonzero_days: 9,
            needed: HistoryNeeded::DEFAULT,
        }
    );
    assert!(
        short
            .to_string()
            .contains("at least 10 days of history with at least 3 days on which an item was finished")
    );
    let sparse = Samples::new(vec![0, 0, 0, 0, 0, 0, 0, 0, 4, 5]).unwrap_err();
    assert!(matches!(sparse, ForecastError::TooLittleHistory { nonzero_days: 2, .. }));
    assert!(matches!(
        Samples::new(Vec::new()),
        Err(ForecastError::TooLittleHistory { days: 0, .. })
    ));
    let lowered = HistoryNeeded { days: 2, nonzero_days: 1 };
    assert!(Samples::with_minimum(vec![0, 3], lowered).is_ok());
}

#[test]
fn all_zero_days_are_refused_whatever_the_minimum() {
    let err = Samples::new(vec![0; 30]).unwrap_err();
    assert_eq!(err, ForecastError::NothingFinished { days: 30 });
    assert!(err.to_string().starts_with("no item was ever finished in the window"));
    let anything = HistoryNeeded { days: 0, nonzero_days: 0 };
    assert_eq!(
        Samples::with_minimum(vec![0], anything),
        Err(ForecastError::NothingFinished { days: 1 })
    );
}

#[test]
fn trials_out_of_range_are_refused() {
    let s = alternating();
    assert_eq!(
        when(&s, ItemsToDo::exact(3), 0, 1, FRIDAY, false),
        Err(ForecastError::Trials { trials: 0 })
    );
    assert_eq!(how_many(&s, 5, 1_000_001, 1), Err(ForecastError::Trials { trials: 1_000_001 }));
    assert!(how_many(&s, 5, 1, 1).is_ok());
    assert!(matches!(
        how_many(&s, MAX_TRIAL_DAYS + 1, 10, 1),
        Err(ForecastError::Horizon { .. })
    ));
}

#[test]
fn bad_item_ranges_and_split_rates_are_refused() {
    assert_eq!(ItemsToDo::range(5, 4), Err(ForecastError::ItemRange { low: 5, high: 4 }));
    let items = ItemsToDo::exact(3);
    assert!(items.with_split_rate(1.5, 1.0).is_err());
    assert!(items.with_split_rate(0.0, 1.0).is_err());
    assert!(items.with_split_rate(1.0, f64::NAN).is_err());
    assert!(items.with_split_rate(1.0, f64::INFINITY).is_err());
    assert!(items.with_split_rate(1.0, 1.0).is_ok());
}

#[test]
fn a_trial_that_cannot_finish_in_a_century_counts_as_unfinished() {
    // One item on 3 days in 1,000: far more items than 100 years of such days finish.
    let mut days = vec![0; 1_000];
    days[..3].fill(1);
    let sparse = samples(&days);
    let forecast = when(&sparse, ItemsToDo::exact(1_000), 5, 1, FRIDAY, false).unwrap();
    assert_eq!(forecast.unfinished(), 5);
    assert!(forecast.days().is_empty());
    assert!(forecast.percentiles().iter().all(|p| p.finish.is_none()));
    assert_eq!(forecast.likelihood_by(date(2200, 1, 1)), 0.0);
}

#[test]
fn split_rate_rounds_up_and_a_fixed_rate_is_exact() {
    // 10 × 1.1 is 11.000000000000002 in binary; it must still be 11 items, not 12.
    let items = ItemsToDo::exact(10).with_split_rate(1.1, 1.1).unwrap();
    let forecast = when(&samples(&[1; 10]), items, 50, 1, FRIDAY, false).unwrap();
    assert_eq!(days_of(&forecast), [11, 11, 11, 11]);
    let items = ItemsToDo::exact(10).with_split_rate(1.05, 1.05).unwrap();
    let forecast = when(&samples(&[1; 10]), items, 50, 1, FRIDAY, false).unwrap();
    assert_eq!(days_of(&forecast), [11, 11, 11, 11]);
}

#[test]
fn ranges_and_split_rates_widen_the_spread() {
    let s = alternating();
    let p95 = |items: ItemsToDo| {
        let forecast = when(&s, items, 10_000, 11, FRIDAY, false).unwrap();
        forecast.percentile(95).unwrap().finish.unwrap().days
    };
    let exact = p95(ItemsToDo::exact(20));
    let ranged = p95(ItemsToDo::range(20, 30).unwrap());
    let split = p95(ItemsToDo::range(20, 30).unwrap().with_split_rate(1.0, 1.5).unwrap());
    assert!(exact < ranged, "{exact} < {ranged}");
    assert!(ranged < split, "{ranged} < {split}");
}

#[test]
fn same_seed_same_forecast_other_seed_other_forecast() {
    let s = alternating();
    let items = ItemsToDo::range(5, 15).unwrap().with_split_rate(1.0, 1.5).unwrap();
    let a = when(&s, items, 1_000, 99, FRIDAY, true).unwrap();
    let b = when(&s, items, 1_000, 99, FRIDAY, true).unwrap();
    let c = when(&s, items, 1_000, 100, FRIDAY, true).unwrap();
    assert_eq!(a, b);
    assert_ne!(a.days(), c.days());
    assert_eq!(how_many(&s, 30, 1_000, 5).unwrap(), how_many(&s, 30, 1_000, 5).unwrap());
}

/// Pinned results for seed 2024: a dependency upgrade that changes the random stream, or a
/// change to how draws are made, fails here. Re-pin only on purpose, and say so in the
/// changelog: every earlier report stops reproducing.
#[test]
fn pinned_stream_for_a_fixed_seed() {
    let s = samples(&[0, 1, 0, 2, 1, 0, 3, 0, 1, 1]);
    let items = ItemsToDo::range(3, 6).unwrap().with_split_rate(1.0, 1.5).unwrap();
    let forecast = when(&s, items, 12, 2024, FRIDAY, false).unwrap();
    assert_eq!(forecast.days(), PINNED_WHEN);
    let forecast = how_many(&s, 5, 12, 2024).unwrap();
    assert_eq!(forecast.sums(), PINNED_HOW_MANY);
}

const PINNED_WHEN: &[u32] = &[3, 4, 4, 5, 6, 6, 7, 8, 9, 10, 12, 15];
const PINNED_HOW_MANY: &[u64] = &[1, 2, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7];

#[test]
fn how_many_by_counts_the_days_to_the_end_date() {
    let s = samples(&[1; 10]);
    // Friday to the Friday after, workdays only: 5 days of exactly 1 item.
    let forecast = how_many_by(&s, FRIDAY, date(2024, 1, 12), true, 100, 1).unwrap();
    assert_eq!(forecast.days(), 5);
    assert_eq!(at_least_of(&forecast), [5, 5, 5, 5]);
    assert_eq!(
        how_many_by(&s, FRIDAY, date(2024, 1, 4), false, 100, 1),
        Err(ForecastError::EndBeforeStart {
            start: FRIDAY,
            end: date(2024, 1, 4)
        })
    );
}

#[test]
fn nearest_rank_is_ceil_of_the_share() {
    assert_eq!(nearest_rank(85, 10_000), 8_500);
    assert_eq!(nearest_rank(85, 10), 9);
    assert_eq!(nearest_rank(50, 1), 1);
    assert_eq!(nearest_rank(0, 10), 1);
    assert_eq!(nearest_rank(100, 10), 10);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn percentiles_are_ordered(
        days in proptest::collection::vec(0u32..6, 10..40),
        low in 0u32..30,
        extra in 0u32..20,
        split in proptest::option::of(1.0f64..2.0),
        horizon in 0u32..60,
        trials in 1u32..400,
        seed in any::<u64>(),
        workdays_only in any::<bool>(),
    ) {
        let Ok(s) = Samples::new(days) else { return Ok(()) };
        let mut items = ItemsToDo::range(low, low + extra).unwrap();
        if let Some(high) = split {
            items = items.with_split_rate(1.0, high).unwrap();
        }
        let forecast = when(&s, items, trials, seed, FRIDAY, workdays_only).unwrap();
        let finishes: Vec<Finish> = forecast.percentiles().iter().map(|p| p.finish.unwrap()).collect();
        for pair in finishes.windows(2) {
            prop_assert!(pair[0].days <= pair[1].days);
            prop_assert!(pair[0].date <= pair[1].date);
        }
        let counts = at_least_of(&how_many(&s, horizon, trials, seed).unwrap());
        for pair in counts.windows(2) {
            prop_assert!(pair[0] >= pair[1]);
        }
    }
}
