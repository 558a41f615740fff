"""R1-SGG's open-vocabulary mapping (the gather step), written from the specs.

/work/shared/spec/open-vocabulary.md and eval-protocols.md §2.3 describe what R1-SGG's
`sgg_gather_preds.py` (gpt4vision/R1-SGG e4de64d) does to every parsed prediction before
evaluation; this module reproduces it for sgg_reference.py (`--set open-vocab=r1sgg`, the r1sgg
preset) together with the per-path counts sgg-eval prints as `"mapping"`.

Only sgg_reference.py's open-vocabulary mode imports this module, so nltk stays optional for
every other mode.  WordNet is nltk 3.10's reader over Debian's `wordnet-base` files (WordNet
3.0): nltk wants an NLTK_DATA folder whose `corpora/wordnet` holds the index/data/exception
files and a `lexnames` file (Debian ships none: `wordnet/lexnames` beside this file, made from
`lexnames(5WN)`).  nltk 3.10's path check refuses symlinks that leave the corpus root, so the
files are copied into a temporary folder.  `map_wn` is patched away: it wants an `index.sense`
Debian lacks and only matters for the Open Multilingual WordNet.

Tables: `Sources/SGGVocabulary/Tables/*.json` ({"source", "note", "entries": [...]}), turned
into dicts from `entries` in order (a later duplicate source wins, like Python's dict
comprehension in the gather step).
"""

import atexit
import json
import os
import shutil
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = os.path.normpath(os.path.join(HERE, "..", "..", "Sources", "SGGVocabulary", "Tables"))
WORDNET_FILES = [f"{k}.{p}" for k in ("index", "data") for p in ("noun", "verb", "adj", "adv")] + [
    f"{p}.exc" for p in ("noun", "verb", "adj", "adv")]
PATHS = ("exact", "cleaned", "table", "wordnet_word", "wordnet_phrase", "alias", "unmapped")


def refine(s):
    return s.replace("_", " ").replace("-", " ").strip().lower()


def load_table(name):
    with open(os.path.join(TABLES, name + ".json"), encoding="utf-8") as f:
        return json.load(f)["entries"]


def class_lists(branch):
    """R1-SGG's own target lists: (objects, predicates), __background__ removed, refined."""
    e = load_table("vg150_classes" if branch == "vg150" else "psg_classes")[0]
    objs = [refine(x) for x in e["objects"] if x != "__background__"]
    preds = [x for x in e["predicates"] if x != "__background__"]
    return objs, preds


def psg_objects_refined():
    return class_lists("psg")[0]


# --------------------------------------------------------------------------------------------
# WordNet through nltk
# --------------------------------------------------------------------------------------------

_WN = None


def wordnet(directory="/usr/share/wordnet"):
    """nltk's WordNet reader over Debian's database files in `directory`."""
    global _WN
    if _WN is not None:
        return _WN
    data = tempfile.mkdtemp(prefix="sgg-ref-nltk-")
    atexit.register(shutil.rmtree, data, True)
    corpus = os.path.join(data, "corpora", "wordnet")
    os.makedirs(corpus)
    for name in WORDNET_FILES:
        src = os.path.join(directory, name)
        if not os.path.exists(src):
            raise SystemExit(f"{src} is missing: apt-get install wordnet-base, or pass --wordnet DIR")
        shutil.copyfile(src, os.path.join(corpus, name))
    lex = os.path.join(directory, "lexnames")
    if not os.path.exists(lex):
        lex = os.path.join(HERE, "wordnet", "lexnames")
    shutil.copyfile(lex, os.path.join(corpus, "lexnames"))
    import nltk

    nltk.data.path[:] = [data]
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    WordNetCorpusReader.map_wn = lambda self, version="wordnet": None
    from nltk.corpus import wordnet as wn

    wn.ensure_loaded()
    _WN = wn
    return wn


def _first_lemma_in(wn, word, targets):
    """First (synset, lemma) in nltk's order whose lemma name is in `targets`, or None."""
    for syn in wn.synsets(word):
        for lemma in syn.lemmas():
            if lemma.name() in targets:
                return lemma.name()
    return None


def find_synonym(wn, name, targets):
    """R1-SGG's `find_synonym_map([name], targets)` for one name.

    Returns (kind, result) with kind in {"direct", "word", "phrase"} or (None, None):
    direct membership; else the first lemma name in `targets` over `wn.synsets(name)`; else,
    only for a name that `str.split()` cuts into more than one word, word by word: the word
    itself when it is a target, else its first target lemma; the first word that yields wins.
    """
    if name in targets:
        return "direct", name
    hit = _first_lemma_in(wn, name, targets)
    if hit is not None:
        return "word", hit
    words = name.split()
    if len(words) > 1:
        for w in words:
            if w in targets:
                return "phrase", w
            hit = _first_lemma_in(wn, w, targets)
            if hit is not None:
                return "phrase", hit
    return None, None


# --------------------------------------------------------------------------------------------
# The mapper
# --------------------------------------------------------------------------------------------


class Mapper:
    """Maps parsed objects and relations of one run the way R1-SGG's gather step does.

    branch "vg150": objects are looked up in the object classes, then obj2vg, then WordNet
    against the object classes; predicates in the predicates, then rel2vg, then WordNet.
    branch "psg": objects are looked up in the PREDICATE list (R1-SGG's bug), then obj2psg,
    then WordNet against the predicates, and kept iff the result is an object class; the
    relation table is empty.
    """

    def __init__(self, branch, objects, predicates, wordnet_dir="/usr/share/wordnet"):
        self.branch = branch
        self.classes = set(objects)
        self.predicates = set(predicates)
        self.object_targets = self.classes if branch == "vg150" else self.predicates
        obj_table = load_table("obj2vg" if branch == "vg150" else "obj2psg")
        self.obj_table = {e["source"]: e["target"] for e in obj_table}
        self.rel_table = ({e["source"]: e["target"] for e in load_table("rel2vg")}
                          if branch == "vg150" else {})
        self.pass2act = {e["source"]: e for e in load_table("pass2act")}
        self.wordnet_dir = wordnet_dir
        self._obj_cache = {}
        self._pred_cache = {}
        self.stats = {
            "objects": dict({"total": 0}, **{p: 0 for p in PATHS}, dropped=0),
            "relations": dict({"total": 0}, **{p: 0 for p in PATHS}, dropped=0,
                              dropped_endpoint=0, passive=0, swapped=0),
        }

    def _wn(self):
        return wordnet(self.wordnet_dir)

    def map_object(self, cat):
        """(path, class or None) for an object category; path "exact" is split into
        exact / cleaned by the caller."""
        hit = self._obj_cache.get(cat)
        if hit is not None:
            return hit
        if cat in self.object_targets:
            path, result = "exact", cat
        elif cat in self.obj_table:
            path, result = "table", self.obj_table[cat]
        else:
            kind, result = find_synonym(self._wn(), cat, self.object_targets)
            if kind is None:
                # the category stays as written: for PSG an object class survives this way
                path, result = ("exact", cat) if cat in self.classes else ("unmapped", None)
            else:
                path = "wordnet_word" if kind == "word" else "wordnet_phrase"
        if result is not None and result not in self.classes:
            result = None
        self._obj_cache[cat] = (path, result)
        return path, result

    def map_predicate(self, pred):
        hit = self._pred_cache.get(pred)
        if hit is not None:
            return hit
        if pred in self.predicates:
            path, result = "exact", pred
        elif pred in self.rel_table:
            path, result = "table", self.rel_table[pred]
        else:
            kind, result = find_synonym(self._wn(), pred, self.predicates)
            path = {None: "unmapped", "word": "wordnet_word", "phrase": "wordnet_phrase",
                    "direct": "exact"}[kind]
        if result is not None and result not in self.predicates:
            result = None
        self._pred_cache[pred] = (path, result)
        return path, result

    def apply(self, objects, relations, raw_objects, raw_predicates, drop_unknown_endpoints):
        """One parsed prediction -> (objects, relations) after the mapping.

        objects: [(id, category, box)], relations: [(subject id, predicate, object id)], all
        refined by the parser; raw_objects / raw_predicates: the text as written (the id's
        part before the first '.', the predicate), for the `cleaned` count.
        """
        so, sr = self.stats["objects"], self.stats["relations"]
        kept = []
        for (oid, cat, box), raw in zip(objects, raw_objects):
            path, result = self.map_object(cat)
            if path == "exact" and raw is not None and raw != cat:
                path = "cleaned"
            so["total"] += 1
            so[path] += 1
            if result is None:
                so["dropped"] += 1
            else:
                kept.append((oid, result, box))
        names = {o[0] for o in kept}
        rels = []
        for (s, p, o), raw in zip(relations, raw_predicates):
            sr["total"] += 1
            refined_written = p
            if p not in self.predicates and p in self.pass2act:
                e = self.pass2act[p]
                sr["passive"] += 1
                p = e["target"]
                if e["passive"] == 1:
                    sr["swapped"] += 1
                    s, o = o, s
            if drop_unknown_endpoints and (s not in names or o not in names):
                sr["dropped_endpoint"] += 1
                continue
            path, result = self.map_predicate(p)
            if path == "exact" and raw is not None and raw != refined_written:
                path = "cleaned"
            sr[path] += 1
            if result is None:
                sr["dropped"] += 1
            else:
                rels.append((s, result, o))
        return kept, rels
