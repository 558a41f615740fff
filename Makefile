# sgg-eval — common tasks. `make` builds a release binary, `make test` runs the test suite.
SWIFT ?= swift
BIN := .build/release/sgg-eval

.PHONY: setup all build test lint format bench bench-data demo python-deps report-demo report-screenshot clean

all: build

build:
	$(SWIFT) build -c release --product sgg-eval

# The test suite; cross-checks call python3 with numpy, scipy and pycocotools (make python-deps).
test:
	$(SWIFT) test --parallel

lint:
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks/Benchmarks

format:
	$(SWIFT) format format -i -r Sources Tests Benchmarks/Benchmarks

# System libraries (SQLite, libjpeg, libpng, zlib) and the Python packages the tests call.
setup:
	bash .ci/install-deps

python-deps:
	python3 -m pip install --quiet numpy scipy pycocotools nltk

# Score the bundled fixtures (the README's main command).
demo: build
	$(BIN) score Fixtures/score/preds.jsonl --gt Fixtures/score/gt.jsonl \
	  --vocab Fixtures/score/vocab.json --db .build/demo.sqlite

# Three runs of the fixtures, a leaderboard page and a gallery page in .build/report-demo/.
REPORT := .build/report-demo
report-demo: build
	rm -rf $(REPORT) && mkdir -p $(REPORT)/images
	sed 's/\\"predicate\\": \\"wearing\\"/\\"predicate\\": \\"holding\\"/' Fixtures/score/preds.jsonl > $(REPORT)/worse.jsonl
	$(BIN) score Fixtures/score/preds.jsonl --gt Fixtures/score/gt.jsonl --vocab Fixtures/score/vocab.json --db $(REPORT)/runs.sqlite --name base > /dev/null
	$(BIN) score $(REPORT)/worse.jsonl --gt Fixtures/score/gt.jsonl --vocab Fixtures/score/vocab.json --db $(REPORT)/runs.sqlite --name worse > /dev/null
	$(BIN) leaderboard --gt Fixtures/score/gt.jsonl --db $(REPORT)/runs.sqlite --format html -o $(REPORT)/leaderboard.html
	$(BIN) compare 1 2 --db $(REPORT)/runs.sqlite --format html -o $(REPORT)/compare.html
	python3 Tests/Reference/check_html.py $(REPORT)/leaderboard.html
	python3 Tests/Reference/check_html.py $(REPORT)/compare.html

# Renders the leaderboard page in headless Chromium (Debian's chromium package) to a PNG.
report-screenshot: report-demo
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=$(REPORT)/profile \
	  --window-size=1200,900 --screenshot=$(REPORT)/leaderboard.png file://$(CURDIR)/$(REPORT)/leaderboard.html
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=$(REPORT)/profile \
	  --window-size=1200,900 --screenshot=$(REPORT)/compare.png file://$(CURDIR)/$(REPORT)/compare.html
	@echo "screenshots in $(REPORT)/leaderboard.png and $(REPORT)/compare.png"

# The 25,000-sample benchmark split (Tests/Reference/make_split.py, deterministic).
bench-data:
	@test -f .build/bench-data/large/preds.jsonl || python3 Tests/Reference/make_split.py --size large --seed 7 --out .build/bench-data/large

# ordo-one benchmarks (nested package, release build), then the Python reference on the same split.
bench: bench-data
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --no-progress --format markdown
	python3 Tests/Reference/sgg_reference.py --gt .build/bench-data/large/gt.jsonl --preds .build/bench-data/large/preds.jsonl \
	  --vocab .build/bench-data/large/vocab.json --protocol default --timings > /dev/null

clean:
	rm -rf .build
