# sgg-eval — common tasks. `make` builds a release binary, `make test` runs the test suite.
SWIFT ?= swift
BIN := .build/release/sgg-eval

.PHONY: all build test lint format bench demo python-deps clean

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

python-deps:
	python3 -m pip install --quiet numpy scipy pycocotools

# Score the bundled fixtures (the README's main command).
demo: build
	$(BIN) score Fixtures/score/preds.jsonl --gt Fixtures/score/gt.jsonl \
	  --vocab Fixtures/score/vocab.json --db .build/demo.sqlite

bench:
	cd Benchmarks && $(SWIFT) package benchmark --no-progress

clean:
	rm -rf .build
