# The two commands of the README, and their helpers. Everything the commands need is
# installed by .ci/setup.sh (idempotent), so both work from a fresh clone.
PORT ?= 8080
SHELL := /bin/bash
LOG := target/test-logs
# When make started, and `phase NAME,COMMAND`: runs COMMAND and notes its seconds in
# $(LOG)/times.txt for the summary's last line (where a run's time goes, cold or warm).
START := $(shell date +%s)
phase = s=$$(date +%s); $(2); rc=$$?; echo "$(1) $$(( $$(date +%s) - s )) s" >> $(LOG)/times.txt; exit $$rc

.PHONY: demo test setup setup-test build native-test rule-cases size browser-test bench screenshots clean

## Build everything in release and serve the demo site on http://127.0.0.1:$(PORT)/
demo: setup build
	node .ci/serve.mjs --root target/site --port $(PORT)

## Install what is missing, then run every test; ends with the runners' summary lines.
test: setup-test
	@mkdir -p $(LOG); echo "setup $$(( $$(date +%s) - $(START) )) s" > $(LOG)/times.txt
	@$(call phase,native,set -o pipefail; $(MAKE) --no-print-directory native-test 2>&1 | tee $(LOG)/native.txt)
	@$(call phase,fuzz smoke,set -o pipefail; $(MAKE) --no-print-directory fuzz-smoke 2>&1 | tee $(LOG)/fuzz.txt)
	@$(call phase,rule cases,set -o pipefail; $(MAKE) --no-print-directory rule-cases 2>&1 | tee $(LOG)/rules.txt)
	@$(call phase,types,set -o pipefail; $(MAKE) --no-print-directory types 2>&1 | tee $(LOG)/types.txt)
	@$(call phase,build and budgets,GRASSROOTS_CLI=$$(bash .ci/cli.sh) $(MAKE) --no-print-directory build size)
	@$(call phase,browser,set -o pipefail; $(MAKE) --no-print-directory browser-test 2>&1 | tee $(LOG)/browser.txt)
	@echo "time: $$(paste -sd '|' $(LOG)/times.txt | sed 's/|/, /g'), all $$(( $$(date +%s) - $(START) )) s"
	@echo "=== summary"
	@grep -h '^test result:' $(LOG)/native.txt
	@grep -h '^fuzz: [0-9]* targets' $(LOG)/fuzz.txt
	@sed -n '/^page budgets (/,/^page budgets:/p' $(LOG)/size.txt
	@grep -h '^jsonlogic cross-check:' $(LOG)/rules.txt
	@echo "rules: $$(tail -n 1 $(LOG)/rules.txt)"
	@grep -h '^types:' $(LOG)/types.txt
	@tail -n 1 $(LOG)/browser.txt

setup:
	@bash .ci/setup.sh build

setup-test:
	@bash .ci/setup.sh test

build:
	@bash .ci/build.sh

native-test:
	@. target/toolchain.env && $$CARGO test --workspace --quiet

## The shipped rule sets' case files, run through the CLI as a department's CI would; then
## every shipped expression checked against json-logic-js (the reference implementation), and
## that check's own self-test (a deliberate divergence must be caught).
## The CLI is the one `cargo test --workspace` built (.ci/cli.sh), not a second build of core.
rule-cases:
	@cli=$$(bash .ci/cli.sh) && \
	  { node tests/browser/jsonlogic-crosscheck.mjs "$$cli" --self-test > $(LOG)/crosscheck-self-test.txt || { cat $(LOG)/crosscheck-self-test.txt; exit 1; }; } && \
	  node tests/browser/jsonlogic-crosscheck.mjs "$$cli" | tail -n 1 && \
	  "$$cli" test tests/data/rules/cases

size:
	@mkdir -p $(LOG)
	@set -o pipefail; bash .ci/size.sh | tee $(LOG)/size.txt

browser-test:
	@bash .ci/browser-test.sh

## The README's screenshots of the demo site (docs/screenshots/), from a fresh build.
screenshots: setup-test build
	@cd tests/browser && node screenshots.mjs

## Benchmarks (figures, not assertions): the load benchmark (10k/100k/1M nodes), the
## scorecard benchmark (10,000 entities × 25 indicators vs the old bare jsonlogic-rs loop, then
## vs GoRules ZEN's decision graphs of the same rule set: bench/zen, a crate outside the
## workspace), the geometry benchmark (10,000 grids loaded and checked), the re-cut benchmark
# (a 100 × 100 lattice into 25 parts and the demo county into 300–500-household grids, beside
# METIS from PyPI's pymetis, which bench/recut/setup.sh installs in a venv), and each demo page's
## time until its widgets render on a throttled phone profile, and <gr-org-tree>'s time from data
## to first render for a generated 100,000-node tree.
bench: setup
	@. target/toolchain.env && $$CARGO bench -p grassroots-core --bench load --features generate
	@. target/toolchain.env && $$CARGO bench -p grassroots-core --bench scorecard --features rules
	@. target/toolchain.env && $$CARGO run --quiet --release --manifest-path bench/zen/Cargo.toml
	@. target/toolchain.env && $$CARGO bench -p grassroots-core --bench geo --features geo,generate --profile native
	@bash bench/recut/setup.sh
	@. target/toolchain.env && $$CARGO bench -p grassroots-core --bench recut --features recut,generate --profile native
	@$(MAKE) --no-print-directory build
	@node tests/browser/scorecard-bench.mjs
	@node tests/browser/recut-bench.mjs
	@node tests/browser/load-bench.mjs
	@. target/toolchain.env && $$CARGO build --quiet --release -p grassroots-core --features cli --bin grassroots
	@node tests/browser/tree-bench.mjs target/release/grassroots

clean:
	rm -rf target tests/browser/node_modules tests/browser/artifacts

.PHONY: types package sheets-fixtures fuzz fuzz-smoke

## The spreadsheet test corpus (tests/data/sheets): the CSV templates in its src/ made into
## .xlsx, .xls and .ods by LibreOffice Calc, plus a GBK CSV. The files are checked in, so
## `make test` does not need LibreOffice; this target installs it (`setup.sh fixtures`).
sheets-fixtures:
	@bash .ci/setup.sh fixtures
	@bash .ci/make-sheets.sh

## The package's declarations (wasm/package/grassroots.d.ts) and element manifest, checked
## with TypeScript from npm: a consumer example compiles with --strict, deliberate mistakes do not.
types:
	@node tests/types/check.mjs

## The npm package of the built bundle: target/npm/ and the tarball npm pack makes of it.
package:
	@bash .ci/package.sh

## Coverage-guided fuzzing (issue 17): every reader of outside data (fuzz/, cargo-fuzz and
## libFuzzer) for FUZZ_SECONDS each, FUZZ_JOBS at a time (default one a core), from the seeds in tests/data and
## the corpus earlier runs grew (target/fuzz/); a line a target (executions, exec/s, cov/ft,
## clean or the input found) and `fuzz: N targets, N clean, N found`. FUZZ_TARGETS="a b"
## runs some; FUZZ_RUNS=N stops each after N executions if that comes before FUZZ_SECONDS.
## Installs cargo-fuzz (`setup.sh fuzz`).
FUZZ_SECONDS ?= 180
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash .ci/fuzz.sh $(FUZZ_TARGETS)

## Every fuzz target for 12 s (two at a time on two cores; 20 s until session 28, which gave
## the cold `make test` back the minute it was over 30); exits non-zero on a finding. Built
## with 16 codegen units (a cold build in 5½ minutes instead of 9: .ci/fuzz.sh) and, since
## session 33, at opt-level 1 with line tables only (287 → 239 s cold, as many executions).
fuzz-smoke:
	@FUZZ_SECONDS=12 FUZZ_CODEGEN_UNITS=16 FUZZ_OPT_LEVEL=1 bash .ci/fuzz.sh
