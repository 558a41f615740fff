#!/usr/bin/env python3
"""nltk's WordNet answers for a list of words: the oracle for the Swift WordNet reader.

Usage: python3 wordnet_oracle.py [--wordnet DIR] [WORDS_FILE]

Words come from WORDS_FILE (one per line) or, without it, from stdin: either a JSON array of
strings or one word per line. Prints one JSON array with, for each word,

    {"word": w,
     "synsets": [[pos, offset, [lemma names...]], ...],      # wn.synsets(w)
     "morphy": {"n": [...], "v": [...], "a": [...], "r": [...]},  # wn._morphy(w, pos)
     "morphy_any": str or null}                              # wn.morphy(w)

nltk 3.10.4 reads Debian's `wordnet-base` folder (default /usr/share/wordnet) through an
NLTK_DATA folder built in a temporary directory: `corpora/wordnet` holds symlinks to the index,
data and exception files plus the `lexnames` file next to this script (Debian does not ship
one). They are copies, not symlinks: nltk 3.10's path check (`nltk.pathsec.validate_path`)
rejects a symlink whose target lies outside the corpus root. `map_wn` is patched away because it wants an `index.sense` Debian lacks; it only maps
Open Multilingual WordNet data, which English lookups never use.
"""

import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = [
    f"{kind}.{pos}" for kind in ("index", "data") for pos in ("noun", "verb", "adj", "adv")
] + [f"{pos}.exc" for pos in ("noun", "verb", "adj", "adv")]


def open_wordnet(directory):
    data = tempfile.mkdtemp(prefix="nltk-data-")
    corpus = os.path.join(data, "corpora", "wordnet")
    os.makedirs(corpus)
    for name in FILES:
        source = os.path.join(directory, name)
        if not os.path.exists(source):
            sys.exit(f"{source} is missing: install Debian's wordnet-base (apt-get install wordnet-base)")
        shutil.copyfile(source, os.path.join(corpus, name))
    shutil.copyfile(os.path.join(HERE, "wordnet", "lexnames"), os.path.join(corpus, "lexnames"))
    import nltk

    nltk.data.path[:] = [data]
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    WordNetCorpusReader.map_wn = lambda self, version="wordnet": None
    from nltk.corpus import wordnet as wn

    wn.ensure_loaded()
    return wn, data


def answer(wn, word):
    return {
        "word": word,
        "synsets": [[s.pos(), s.offset(), s.lemma_names()] for s in wn.synsets(word)],
        "morphy": {pos: wn._morphy(word, pos) for pos in ("n", "v", "a", "r")},
        "morphy_any": wn.morphy(word),
    }


def main():
    args = sys.argv[1:]
    directory = "/usr/share/wordnet"
    if args[:1] == ["--wordnet"]:
        directory, args = args[1], args[2:]
    text = open(args[0], encoding="utf-8").read() if args else sys.stdin.read()
    words = json.loads(text) if text.lstrip().startswith("[") else text.splitlines()
    wn, data = open_wordnet(directory)
    try:
        answers = [answer(wn, w) for w in words]
    finally:
        shutil.rmtree(data, ignore_errors=True)
    json.dump(answers, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
