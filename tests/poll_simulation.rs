//! What the data origin sees when 100,000 readers poll every 60 s, the origin is down for 10
//! minutes, and then recovers. Deterministic (seeded); run with `--nocapture` for the figures:
//! `cargo test --release --test poll_simulation -- --nocapture`.

use sitrep::schedule::{Next, Schedule};

const READERS: usize = 100_000;
const INTERVAL_MS: u64 = 60_000;
const OUTAGE_START_S: usize = 30 * 60;
const OUTAGE_END_S: usize = 40 * 60;
const END_S: usize = 80 * 60;

/// xorshift64*: a small deterministic random source for the simulation.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Outcome {
    per_second: Vec<u32>,
}

fn simulate() -> Outcome {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut schedules: Vec<Schedule> = (0..READERS).map(|_| Schedule::new(INTERVAL_MS)).collect();
    // Buckets of readers due in each second; readers opened the page at random moments.
    let mut due: Vec<Vec<u32>> = vec![Vec::new(); END_S];
    for reader in 0..READERS {
        due[(rng.next() * 60.0) as usize].push(reader as u32);
    }
    let mut per_second = vec![0u32; END_S];
    for second in 0..END_S {
        let readers = std::mem::take(&mut due[second]);
        per_second[second] = readers.len() as u32;
        let origin_up = !(OUTAGE_START_S..OUTAGE_END_S).contains(&second);
        for reader in readers {
            let schedule = &mut schedules[reader as usize];
            let next = if origin_up {
                schedule.succeeded(second as i64 * 1000, rng.next())
            } else {
                schedule.failed(rng.next())
            };
            let Next::In(ms) = next else {
                unreachable!("visible readers always have a next fetch")
            };
            // At least one second later: a reader never fetches twice in the same second.
            let at = second + (ms as usize / 1000).max(1);
            if at < END_S {
                due[at].push(reader);
            }
        }
    }
    Outcome { per_second }
}

#[test]
fn recovery_peak_stays_under_twice_the_steady_state() {
    let outcome = simulate();
    let rate = &outcome.per_second;
    let steady_window = &rate[10 * 60..OUTAGE_START_S];
    let steady =
        steady_window.iter().map(|&n| f64::from(n)).sum::<f64>() / steady_window.len() as f64;
    let steady_peak = *steady_window.iter().max().unwrap();
    let during_outage = &rate[OUTAGE_START_S + 120..OUTAGE_END_S];
    let outage_mean =
        during_outage.iter().map(|&n| f64::from(n)).sum::<f64>() / during_outage.len() as f64;
    let after = &rate[OUTAGE_END_S..];
    let (peak_offset, &peak) = after.iter().enumerate().max_by_key(|(_, &n)| n).unwrap();
    let minute_peak = after
        .chunks(60)
        .map(|m| m.iter().sum::<u32>())
        .max()
        .unwrap();

    println!(
        "readers {READERS}, interval {} s, outage {} min",
        INTERVAL_MS / 1000,
        (OUTAGE_END_S - OUTAGE_START_S) / 60
    );
    println!("steady state: mean {steady:.0} req/s, busiest second {steady_peak} req/s");
    println!("during the outage (after 2 min): mean {outage_mean:.0} req/s");
    println!(
        "after recovery: busiest second {peak} req/s at +{peak_offset} s ({:.2}x the steady mean), busiest minute {minute_peak} req",
        f64::from(peak) / steady
    );

    assert!(
        (steady - READERS as f64 / 60.0).abs() < 50.0,
        "steady state is one request per reader per interval: {steady}"
    );
    assert!(
        outage_mean < steady / 2.0,
        "readers back off while the origin is down: {outage_mean} vs {steady}"
    );
    assert!(
        f64::from(peak) < 2.0 * steady,
        "recovery peak {peak} must stay under 2x steady {steady:.0}"
    );
    let recovered = &rate[END_S - 10 * 60..];
    let recovered_mean =
        recovered.iter().map(|&n| f64::from(n)).sum::<f64>() / recovered.len() as f64;
    assert!(
        (recovered_mean - steady).abs() < steady * 0.05,
        "back to the normal interval: {recovered_mean}"
    );
}
