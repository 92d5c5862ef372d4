use super::*;

#[cfg(feature = "generate")]
#[test]
fn lattice_probe() {
    let blocks = generate::lattice(100, 100, (20, 80), 7);
    let t = std::time::Instant::now();
    let out = recut(&blocks, &Options::new(Target::Parts { parts: 25, tolerance: 0.05 }));
    eprintln!("{:?} {:?} dev {} ratio {:?} boundary {} reasons {:?}", t.elapsed(), out.feasible, out.report.after.population.max_deviation, out.report.after.population.ratio, out.report.after.boundary, out.reasons);
}
