#!/usr/bin/env python3
"""Independent reference evaluator for sgg-eval (numpy / scipy / pycocotools).

Written from docs/protocols.md and /work/shared/spec/eval-protocols.md only (never from the Swift
sources), so the Swift implementation can be cross-checked against it and benchmarked against
it.  See Tests/Reference/README.md for every interpretation choice.

    python3 sgg_reference.py --gt GT.jsonl --preds P.jsonl [--vocab V.json] \
        --protocol default|r1sgg|scenegraphvlm [--set FIELD=VALUE ...]

prints one JSON object {"protocol", "samples", "metrics", "failures"}.
"""

import argparse
import contextlib
import csv
import io
import json
import math
import os
import re
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

KS = (20, 50, 100)
TIMINGS = {"load": 0.0, "parse": 0.0, "ap50": 0.0}


def refine(s):
    return s.replace("_", " ").replace("-", " ").strip().lower()


class Rec(tuple):
    """A parsed object (id, label, box) or relation (subject, predicate, object) that also
    remembers the name as written (`raw`: an object's text before the first '.' of its id, or
    its label; a relation's predicate), for the open-vocabulary mapping's `cleaned` count.
    Compares and unpacks like a plain tuple."""

    def __new__(cls, items, raw=None):
        t = super().__new__(cls, items)
        t.raw = raw
        return t


# --------------------------------------------------------------------------------------------
# Protocols
# --------------------------------------------------------------------------------------------

PRESETS = {
    "default": {
        "parser": "auto",
        "empty-graph-fails": True,
        "swap-reversed-corners": False,
        "missing-predictions": "fail",
        "unknown-ids-fail": False,
        "restrict-to-vocabulary": False,
        "id-resolution": "first-object-keep-unknown",
        "iou-threshold": 0.5,
        "matching-iou": "plain",
        "object-matching": "label-aware",
        "relation-matching": "full-triplet",
        "recall-iou": "plain",
        "graph-constraint": "one-predicate-per-pair",
        "no-graph-constraint": "predicted-only",
        "skip-no-predicted-relations": False,
        "mean-recall": "vocabulary",
        "ap-images": "all",
        "coco-id-zero-quirk": False,
        "open-vocab": "none",
        "open-vocab-tables": "auto",
    },
    "r1sgg": {
        "parser": "r1sgg",
        "empty-graph-fails": False,
        "swap-reversed-corners": False,
        "missing-predictions": "exclude",
        "unknown-ids-fail": True,
        "restrict-to-vocabulary": True,
        "id-resolution": "first-object-drop-unknown",
        "iou-threshold": 0.5,
        "matching-iou": "plain",
        "object-matching": "iou-then-label",
        "relation-matching": "endpoints-and-predicate",
        "recall-iou": "plus-one-pixel",
        "graph-constraint": "every-relation",
        "no-graph-constraint": "kaihua-fillers",
        "skip-no-predicted-relations": True,
        "mean-recall": "vocabulary",
        "ap-images": "with-prediction",
        "coco-id-zero-quirk": True,
        "open-vocab": "r1sgg",
        "open-vocab-tables": "auto",
    },
    "scenegraphvlm": {
        "parser": "scenegraphvlm",
        "empty-graph-fails": True,
        "swap-reversed-corners": True,
        "missing-predictions": "fail",
        "unknown-ids-fail": False,
        "restrict-to-vocabulary": False,
        "id-resolution": "matched-dictionary-keep-unknown",
        "iou-threshold": 0.5,
        "matching-iou": "plain",
        "object-matching": "iou-then-label",
        "relation-matching": "endpoints-and-predicate",
        "recall-iou": "plain",
        "graph-constraint": "one-predicate-per-pair",
        "no-graph-constraint": "predicted-only",
        "skip-no-predicted-relations": False,
        "mean-recall": "vocabulary",
        "ap-images": "all",
        "coco-id-zero-quirk": False,
        "open-vocab": "none",
        "open-vocab-tables": "auto",
    },
}

CHOICES = {
    "parser": {"auto", "r1sgg", "scenegraphvlm"},
    "missing-predictions": {"fail", "exclude"},
    "id-resolution": {
        "first-object-keep-unknown",
        "first-object-drop-unknown",
        "matched-dictionary-keep-unknown",
    },
    "matching-iou": {"plain", "plus-one-pixel"},
    "recall-iou": {"plain", "plus-one-pixel"},
    "object-matching": {"label-aware", "iou-then-label"},
    "relation-matching": {"full-triplet", "endpoints-and-predicate"},
    "graph-constraint": {"one-predicate-per-pair", "every-relation"},
    "no-graph-constraint": {"predicted-only", "kaihua-fillers"},
    "mean-recall": {"vocabulary", "present-in-ground-truth"},
    "ap-images": {"all", "with-prediction"},
    "open-vocab": {"none", "r1sgg"},
    "open-vocab-tables": {"auto", "vg150", "psg"},
}


def make_protocol(name, sets):
    proto = dict(PRESETS[name])
    for item in sets or []:
        key, _, value = item.partition("=")
        if key not in proto:
            raise SystemExit(f"unknown protocol field {key!r}")
        old = proto[key]
        if isinstance(old, bool):
            if value not in ("true", "false"):
                raise SystemExit(f"{key} takes true|false")
            proto[key] = value == "true"
        elif isinstance(old, float):
            proto[key] = float(value)
        else:
            if value not in CHOICES[key]:
                raise SystemExit(f"{key} takes one of {sorted(CHOICES[key])}")
            proto[key] = value
    return proto


# --------------------------------------------------------------------------------------------
# Parsers: model text -> (objects [(id, label, [x1,y1,x2,y2])], relations [(sid, pred, oid)])
# A parser raises ParseFailure(kind) when the sample fails.
# --------------------------------------------------------------------------------------------


class ParseFailure(Exception):
    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


def _is_number(v, allow_bool):
    if isinstance(v, bool):
        return allow_bool
    return isinstance(v, (int, float))


def parse_r1sgg(text):
    """eval-protocols.md §2.2."""
    t = text.replace("```", " ").replace("json", " ").strip()
    m = re.search(r"<answer>(.*?)</answer>", t, re.S)
    if m:
        t = m.group(1).strip()
    else:
        m = re.search(r"<answer>(.*)", t, re.S)
        if m:
            t = m.group(1).strip()
    try:
        d = json.loads(t)
    except Exception:
        raise ParseFailure("invalid-json")
    # R1-SGG's category is refine(id).split('.')[0], NOT stripped again: "arm .2" -> "arm "
    return _graph_from_json(d, allow_bool=True, require_finite=False, trim_category=False)


def _graph_from_json(d, allow_bool, require_finite, trim_category):
    if not isinstance(d, dict) or "objects" not in d or "relationships" not in d:
        raise ParseFailure("schema")
    objs_in, rels_in = d["objects"], d["relationships"]
    if not isinstance(objs_in, list) or not isinstance(rels_in, list):
        raise ParseFailure("schema")
    objects = []
    for o in objs_in:
        if not isinstance(o, dict):
            raise ParseFailure("schema")
        oid, bbox = o.get("id"), o.get("bbox")
        if not isinstance(oid, str) or not isinstance(bbox, list) or len(bbox) != 4:
            raise ParseFailure("schema")
        if not all(_is_number(v, allow_bool) for v in bbox):
            raise ParseFailure("schema")
        try:
            box = [float(v) for v in bbox]
        except OverflowError:
            raise ParseFailure("schema")
        if require_finite and not all(math.isfinite(v) for v in box):
            raise ParseFailure("schema")
        rid = refine(oid)
        cat = rid.split(".")[0]
        if trim_category:
            cat = cat.strip()
        objects.append(Rec((rid, cat, box), oid.split(".")[0]))
    relations = []
    for r in rels_in:
        if not isinstance(r, dict):
            raise ParseFailure("schema")
        s, p, ob = r.get("subject"), r.get("predicate"), r.get("object")
        if not (isinstance(s, str) and isinstance(p, str) and isinstance(ob, str)):
            raise ParseFailure("schema")
        relations.append(Rec((refine(s), refine(p), refine(ob)), p))
    return objects, relations


# ---- SceneGraphVLM (§3.2), reproduced with its quirks ----

TOON_OBJ_HEADER = re.compile(r"obj\s*\[\s*(\d+)\s*\]\s*\{.*?\}\s*:\s*", re.IGNORECASE)
TOON_REL_HEADER = re.compile(r"rel\s*\[\s*(\d+)\s*\]\s*\{.*?\}\s*:\s*", re.IGNORECASE)
_THINK_OBJ = re.compile(r"^\s*obj\[\d+\]\{id,name", re.MULTILINE)
_THINK_REL = re.compile(r"^\s*rel\[\d+\]\{subj,pred,obj\}", re.MULTILINE)
_LEAD_INT = re.compile(r"\s*\d+\s*,")


def _strip_thinking_qwen35(text):
    s = text.strip()
    while "</think>" in s:
        idx = s.find("</think>")
        prefix = s[:idx]
        suffix = s[idx + len("</think>"):].lstrip()
        if _THINK_OBJ.search(prefix) or _THINK_REL.search(prefix):
            s = (prefix + "\n" + suffix).strip() if suffix else prefix.strip()
            break
        if not suffix:
            return prefix.strip() if prefix.strip() else ""
        s = suffix
    return s


def _unwrap_answer_tags(text):
    if not text:
        return text
    blocks = list(re.finditer(r"<answer\s*>([\s\S]*?)</answer\s*>", text, re.IGNORECASE))
    if blocks:
        for m in reversed(blocks):
            inner = m.group(1).strip()
            if inner and re.search(r"obj\s*\[\s*\d+\s*\]", inner, re.IGNORECASE):
                return inner
        last = blocks[-1].group(1).strip()
        if last:
            return last
    return re.sub(r"</?answer\s*>", " ", text, flags=re.IGNORECASE)


def _object_row(ln, strict_ascii):
    """One lenient TOON object row -> (id, label, box) or None."""
    if ln.count(",") < 5:
        return None
    try:
        row = next(csv.reader([ln], skipinitialspace=True))
    except Exception:
        return None
    if len(row) < 6:
        return None
    f0 = row[0].strip()
    if not (f0.isdigit() and (not strict_ascii or f0.isascii())):
        return None
    try:
        tid = int(f0)
        name = refine(row[1])
        coords = [float(v) for v in row[2:6]]
    except (ValueError, TypeError):
        return None
    if strict_ascii and not all(math.isfinite(v) for v in coords):
        return None
    return Rec((str(tid), name, coords), row[1])


def _relation_row(ln, strict_ascii):
    if ln.count(",") < 2:
        return None
    try:
        row = next(csv.reader([ln], skipinitialspace=True))
    except Exception:
        return None
    if len(row) < 3:
        return None
    a, c = row[0].strip(), row[2].strip()
    if not a.isdigit() or not c.isdigit():
        return None
    if strict_ascii and not (a.isascii() and c.isascii()):
        return None
    # SceneGraphVLM calls int() outside any try here: a non-ASCII digit raises and the whole
    # parse fails (the caller turns that into an empty scene).
    return Rec((str(int(a)), refine(row[1]), str(int(c))), row[1])


def parse_scenegraphvlm(text):
    """eval-protocols.md §3.2 (_normalize_toon_text + lenient _parse_toon + corner swap)."""
    try:
        objects, relations = _parse_toon_sgvlm(text)
    except ParseFailure:
        raise
    except Exception:
        raise ParseFailure("no-objects")
    out = []
    for o in objects:
        tid, name, (x1, y1, x2, y2) = o
        x1, x2 = sorted((x1, x2))
        y1, y2 = sorted((y1, y2))
        out.append(Rec((tid, name, [x1, y1, x2, y2]), getattr(o, "raw", None)))
    return out, relations


def _parse_toon_sgvlm(text):
    t = _unwrap_answer_tags(_strip_thinking_qwen35(text)).strip()
    if not t:
        raise ParseFailure("empty")
    cleaned = t.replace("```", " ")
    cleaned = re.sub(r"</?answer\s*>", " ", cleaned, flags=re.IGNORECASE)
    lines = [ln.rstrip() for ln in cleaned.splitlines() if ln.strip()]
    obj_start = rel_start = None
    for i, ln in enumerate(lines):
        if obj_start is None and TOON_OBJ_HEADER.search(ln):
            obj_start = i
        if rel_start is None and TOON_REL_HEADER.search(ln):
            rel_start = i
    if obj_start is None:
        for i, ln in enumerate(lines):
            if ln.count(",") >= 5 and _LEAD_INT.match(ln):
                obj_start = i
                break
    if obj_start is None:
        raise ParseFailure("no-objects")
    if rel_start is None:  # the no-rel-header quirk
        for i in range(obj_start + 1, len(lines)):
            ln = lines[i]
            if ln.count(",") >= 2 and _LEAD_INT.match(ln):
                parts = [p.strip() for p in ln.split(",")]
                if len(parts) >= 3 and parts[0].isdigit() and parts[2].isdigit():
                    rel_start = i
                    break
    obj_lines, rel_lines = [], []
    for i in range(obj_start, len(lines)):
        ln = lines[i]
        if i == obj_start:
            if ":" in ln:
                tail = ln.split(":", 1)[1].strip()
                if tail:
                    obj_lines.append(tail)
            continue
        if rel_start is not None and i >= rel_start:
            break
        obj_lines.append(ln)
    if rel_start is not None:
        for i in range(rel_start, len(lines)):
            ln = lines[i]
            if i == rel_start:
                if ":" in ln:
                    tail = ln.split(":", 1)[1].strip()
                    if tail:
                        rel_lines.append(tail)
                continue
            rel_lines.append(ln)
    objects = []
    for ln in obj_lines:
        if ln.lower().startswith("rel["):
            break
        if TOON_OBJ_HEADER.search(ln) and not re.match(r"^\s*\d+\s*,", ln):
            continue
        o = _object_row(ln, strict_ascii=False)
        if o is not None:
            objects.append(o)
    relations = []
    for ln in rel_lines:
        r = _relation_row(ln, strict_ascii=False)
        if r is not None:
            relations.append(r)
    if not objects:
        raise ParseFailure("no-objects")
    return objects, relations


# ---- default ("auto") ----

_DECODER = json.JSONDecoder()
_FENCE = re.compile(r"```(?:json|toon)?")


def _strip_wrappers_auto(text):
    t = text.lstrip()
    if t.startswith("<think>"):
        end = t.find("</think>")
        if end >= 0:
            t = t[end + len("</think>"):]
    blocks = re.findall(r"<answer>(.*?)</answer>", t, re.S)
    if blocks:
        t = blocks[-1]
    else:
        idx = t.rfind("<answer>")
        if idx >= 0:
            t = t[idx + len("<answer>"):]
    t = _FENCE.sub("", t)
    return t.strip()


def _first_balanced_object(t):
    """End index (exclusive) of the balanced {...} starting at t[0], JSON strings respected."""
    depth = 0
    in_str = False
    esc = False
    for i, ch in enumerate(t):
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def parse_auto(text):
    t = _strip_wrappers_auto(text)
    if not t:
        raise ParseFailure("empty")
    if t.startswith("{"):
        # raw_decode parses the JSON value starting at t[0] and ignores what follows; for a
        # text starting with "{" that is exactly json.loads of the first balanced top-level
        # {...} (it fails iff that span is unbalanced or not valid JSON).  The explicit scan
        # below (_first_balanced_object) is kept for the self-test.
        try:
            d, _ = _DECODER.raw_decode(t)
        except Exception:
            raise ParseFailure("invalid-json")
        # docs/protocols.md: labels are compared after refine, so "arm .2" is an "arm"
        return _graph_from_json(d, allow_bool=False, require_finite=True, trim_category=True)
    lines = [ln.rstrip() for ln in t.splitlines() if ln.strip()]
    obj_start = rel_start = None
    for i, ln in enumerate(lines):
        if TOON_OBJ_HEADER.search(ln):
            obj_start = i
            break
    if obj_start is None:
        raise ParseFailure("no-objects")
    for i in range(obj_start + 1, len(lines)):
        if TOON_REL_HEADER.search(lines[i]):
            rel_start = i
            break
    end = rel_start if rel_start is not None else len(lines)
    obj_lines = []
    tail = lines[obj_start].split(":", 1)[1].strip() if ":" in lines[obj_start] else ""
    if tail:
        obj_lines.append(tail)
    obj_lines.extend(lines[obj_start + 1:end])
    rel_lines = []
    if rel_start is not None:
        tail = lines[rel_start].split(":", 1)[1].strip() if ":" in lines[rel_start] else ""
        if tail:
            rel_lines.append(tail)
        rel_lines.extend(lines[rel_start + 1:])
    objects = []
    for ln in obj_lines:
        if ln.lower().startswith("rel["):
            break
        if TOON_OBJ_HEADER.search(ln) and not re.match(r"^\s*\d+\s*,", ln):
            continue
        o = _object_row(ln, strict_ascii=True)
        if o is not None:
            objects.append(o)
    relations = [r for r in (_relation_row(ln, strict_ascii=True) for ln in rel_lines) if r]
    if not objects:
        raise ParseFailure("no-objects")
    return objects, relations


PARSERS = {"auto": parse_auto, "r1sgg": parse_r1sgg, "scenegraphvlm": parse_scenegraphvlm}


def parse_graph_field(g):
    """Pre-parsed predictions: {"objects":[{id,label,box}], "relations":[{subject,predicate,object}]}."""
    if not isinstance(g, dict):
        raise ParseFailure("graph-null")
    objects = []
    for o in g.get("objects") or []:
        objects.append(Rec((str(o["id"]), refine(o["label"]), [float(v) for v in o["box"]]),
                           o["label"]))
    relations = []
    for r in g.get("relations") or []:
        relations.append(Rec((str(r["subject"]), refine(r["predicate"]), str(r["object"])),
                             r["predicate"]))
    return objects, relations


def scale_boxes(objects, space, width, height):
    if space is None or space == "pixel":
        return objects
    if space == "norm1000":
        sx, dx, sy, dy = width, 1000.0, height, 1000.0
    elif space == "norm1":
        sx, dx, sy, dy = width, 1.0, height, 1.0
    else:
        m = re.fullmatch(r"resized:(\d+)x(\d+)", space)
        if not m or int(m.group(1)) == 0 or int(m.group(2)) == 0:
            raise ParseFailure("bad-box-space")
        sx, dx, sy, dy = width, float(m.group(1)), height, float(m.group(2))
    return [
        Rec((i, l, [b[0] * sx / dx, b[1] * sy / dy, b[2] * sx / dx, b[3] * sy / dy]),
            getattr(o, "raw", None))
        for o in objects for i, l, b in (o,)
    ]


# --------------------------------------------------------------------------------------------
# IoU
# --------------------------------------------------------------------------------------------


def iou_plain(a, b):
    """a: (G,4), b: (P,4) float64 -> (G,P)."""
    ix = np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0])
    iy = np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1])
    inter = np.maximum(ix, 0.0) * np.maximum(iy, 0.0)
    aa = np.maximum(a[:, 2] - a[:, 0], 0.0) * np.maximum(a[:, 3] - a[:, 1], 0.0)
    ab = np.maximum(b[:, 2] - b[:, 0], 0.0) * np.maximum(b[:, 3] - b[:, 1], 0.0)
    union = aa[:, None] + ab[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)
    return out


def iou_plus_one(a, b):
    """Kaihua's boxlist_iou in float32 (TO_REMOVE = 1, no clamping of areas)."""
    a = a.astype(np.float32)
    b = b.astype(np.float32)
    one = np.float32(1)
    area1 = (a[:, 2] - a[:, 0] + one) * (a[:, 3] - a[:, 1] + one)
    area2 = (b[:, 2] - b[:, 0] + one) * (b[:, 3] - b[:, 1] + one)
    lt = np.maximum(a[:, None, :2], b[None, :, :2])
    rb = np.minimum(a[:, None, 2:], b[None, :, 2:])
    wh = np.maximum(rb - lt + one, np.float32(0))
    inter = wh[:, :, 0] * wh[:, :, 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return inter / (area1[:, None] + area2[None, :] - inter)


IOU = {"plain": iou_plain, "plus-one-pixel": iou_plus_one}


def prf(tp, npred, ngt):
    p = tp / npred if npred > 0 else 0.0
    r = tp / ngt if ngt > 0 else 0.0
    f = 2 * p * r / (p + r) if (p + r) > 0 else 0.0
    return p, r, f


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def load_gt(path):
    samples = []
    seen = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            sid = str(d["id"])
            if sid in seen:
                continue
            seen.add(sid)
            objs = d.get("objects") or []
            labels = [refine(o["label"]) for o in objs]
            boxes = np.array([[float(v) for v in o["box"]] for o in objs], dtype=np.float64)
            boxes = boxes.reshape(len(objs), 4)
            rels = []
            for r in d.get("relations") or []:
                s, o = int(r["subject"]), int(r["object"])
                if 0 <= s < len(objs) and 0 <= o < len(objs):
                    rels.append((s, refine(r["predicate"]), o))
            samples.append({
                "id": sid,
                "width": float(d.get("width", 0) or 0),
                "height": float(d.get("height", 0) or 0),
                "labels": labels,
                "boxes": boxes,
                "rels": rels,
            })
    return samples


def load_preds(path):
    preds = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except Exception:
                continue
            if not isinstance(d, dict) or not isinstance(d.get("id"), str):
                continue
            preds.setdefault(d["id"], d)
    return preds


def load_vocab(path, gt):
    def dedupe(xs):
        out, seen = [], set()
        for x in xs:
            if x not in seen:
                seen.add(x)
                out.append(x)
        return out

    if path:
        with open(path, encoding="utf-8") as f:
            v = json.load(f)
        return dedupe(refine(x) for x in v.get("objects", [])), dedupe(
            refine(x) for x in v.get("predicates", []))
    return (dedupe(l for s in gt for l in s["labels"]),
            dedupe(r[1] for s in gt for r in s["rels"]))


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


class Ids:
    """Interns strings to ints so label / predicate comparisons vectorise."""

    def __init__(self):
        self.map = {}

    def __call__(self, s):
        v = self.map.get(s)
        if v is None:
            v = self.map[s] = len(self.map)
        return v

    def many(self, xs):
        return np.fromiter((self(x) for x in xs), dtype=np.int64, count=len(xs))


# Per-sample rows for `--per-sample FILE` (debugging a disagreement with sgg-eval).
DEBUG_ROWS = []


def make_mapper(proto, vocab_objs, vocab_preds, vocab_given, wordnet_dir):
    """The open-vocabulary mapper of `open-vocab=r1sgg`, or None."""
    if proto["open-vocab"] == "none":
        return None
    try:
        import open_vocab
    except ImportError:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import open_vocab
    branch = proto["open-vocab-tables"]
    if branch == "auto":
        branch = "psg" if list(vocab_objs) == open_vocab.psg_objects_refined() else "vg150"
    if vocab_given:
        objs, preds = vocab_objs, vocab_preds
    else:
        objs, preds = open_vocab.class_lists(branch)
    return open_vocab.Mapper(branch, objs, preds, wordnet_dir or "/usr/share/wordnet")


def load_zeroshot(path):
    """{"triplets": [[subject, predicate, object], ...]} -> set of refined name triples."""
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    return {(refine(a), refine(b), refine(c)) for a, b, c in d["triplets"]}


def evaluate(gt, preds, vocab_objs, vocab_preds, proto, vocab_given=True, zeroshot=None,
             wordnet_dir=None, extra=None):
    """`zeroshot`: set of (subject, predicate, object) names or None; `extra`: a dict that
    receives "mapping" (open-vocab) and "zero_shot_samples" (with `zeroshot`)."""
    thr = proto["iou-threshold"]
    mapper = make_mapper(proto, vocab_objs, vocab_preds, vocab_given, wordnet_dir)
    zs_sum = {"R": np.zeros(3), "ngR": np.zeros(3)}
    zs_n = 0
    parse = PARSERS[proto["parser"]]
    match_iou = IOU[proto["matching-iou"]]
    recall_iou = IOU[proto["recall-iou"]]
    vocab_obj_set, vocab_pred_set = set(vocab_objs), set(vocab_preds)
    label_id = Ids()
    pred_id = Ids()
    vocab_pred_ids = pred_id.many(vocab_preds)
    failures = {}

    def fail(kind):
        failures[kind] = failures.get(kind, 0) + 1

    gt_ids = {s["id"] for s in gt}
    n_unknown = 0
    if proto["unknown-ids-fail"]:
        n_unknown = sum(1 for k in preds if k not in gt_ids)
        if n_unknown:
            failures["unknown-id"] = n_unknown

    per_sample = []  # (obj_p, obj_r, obj_f1, rel_p, rel_r, rel_f1, sgg)
    n_failed = 0
    recall_sum = {"R": np.zeros(3), "ngR": np.zeros(3)}
    recall_n = 0
    mr_collect = [dict() for _ in KS]  # mR@K: predicate -> per-image hits/count (R family)
    ap_images = []
    detections = []  # (image_id, label, box)
    evaluated = 0

    for s in gt:
        pl = preds.get(s["id"])
        if pl is None and proto["missing-predictions"] == "exclude":
            continue
        evaluated += 1
        if proto["ap-images"] == "all" or pl is not None:
            ap_images.append(s["id"])
        gboxes = s["boxes"]
        if proto["swap-reversed-corners"] and len(gboxes):
            gboxes = np.stack([np.minimum(gboxes[:, 0], gboxes[:, 2]),
                               np.minimum(gboxes[:, 1], gboxes[:, 3]),
                               np.maximum(gboxes[:, 0], gboxes[:, 2]),
                               np.maximum(gboxes[:, 1], gboxes[:, 3])], axis=1)
        grels = s["rels"]
        G, GR = len(s["labels"]), len(grels)

        # ---- parse ----
        objects = relations = None
        if pl is None:
            fail("missing")
        else:
            t0 = time.perf_counter()
            try:
                if "graph" in pl:
                    objects, relations = parse_graph_field(pl["graph"])
                elif isinstance(pl.get("response"), str):
                    objects, relations = parse(pl["response"])
                else:
                    raise ParseFailure("no-response")
                objects = scale_boxes(objects, pl.get("box_space"), s["width"], s["height"])
                # docs/protocols.md `empty-graph-fails`: a well-formed answer without objects.
                if proto["empty-graph-fails"] and len(objects) == 0:
                    raise ParseFailure("no-objects")
            except ParseFailure as e:
                fail(e.kind)
                objects = relations = None
            TIMINGS["parse"] += time.perf_counter() - t0

        zs_idx = None
        if zeroshot is not None and GR:
            labels = s["labels"]
            zs_idx = np.array([j for j, (a, p_, b) in enumerate(grels)
                               if (labels[a], p_, labels[b]) in zeroshot], dtype=np.int64)
            if len(zs_idx) == 0:
                zs_idx = None

        if objects is None:
            n_failed += 1
            per_sample.append((0.0,) * 7)
            DEBUG_ROWS.append({"id": s["id"], "failed": True})
            if GR:
                recall_n += 1
                if zs_idx is not None:
                    zs_n += 1  # counts 0
                for c, cnt in _pred_counts(grels).items():
                    for ki in range(3):
                        mr_collect[ki].setdefault(c, []).append(0.0)
            continue

        # ---- open-vocabulary mapping (R1-SGG's gather step), before the protocol transforms ----
        if mapper is not None:
            objects, relations = mapper.apply(
                objects, relations, [getattr(o, "raw", None) for o in objects],
                [getattr(r, "raw", None) for r in relations],
                proto["id-resolution"] == "first-object-drop-unknown")

        # ---- protocol transforms ----
        if proto["restrict-to-vocabulary"]:
            objects = [o for o in objects if o[1] in vocab_obj_set]
            relations = [r for r in relations if r[1] in vocab_pred_set]
        first = {}
        for i, o in enumerate(objects):
            first.setdefault(o[0], i)
        rel_s = [first.get(r[0], -1) for r in relations]
        rel_o = [first.get(r[2], -1) for r in relations]
        if proto["id-resolution"] == "first-object-drop-unknown":
            keep = [i for i in range(len(relations)) if rel_s[i] >= 0 and rel_o[i] >= 0]
            relations = [relations[i] for i in keep]
            rel_s = [rel_s[i] for i in keep]
            rel_o = [rel_o[i] for i in keep]
        P, PR = len(objects), len(relations)
        pboxes = np.array([o[2] for o in objects], dtype=np.float64).reshape(P, 4)
        if proto["swap-reversed-corners"] and P:
            pboxes = np.stack([np.minimum(pboxes[:, 0], pboxes[:, 2]),
                               np.minimum(pboxes[:, 1], pboxes[:, 3]),
                               np.maximum(pboxes[:, 0], pboxes[:, 2]),
                               np.maximum(pboxes[:, 1], pboxes[:, 3])], axis=1)
        glab = label_id.many(s["labels"])
        plab = label_id.many([o[1] for o in objects])
        for o, b in zip(objects, pboxes):
            detections.append((s["id"], o[1], b))

        # ---- object P/R/F1 ----
        pairs = []  # (g, p, label_equal) in assignment order
        if G and P:
            iou = match_iou(gboxes, pboxes)
            leq = glab[:, None] == plab[None, :]
            if proto["object-matching"] == "iou-then-label":
                r_, c_ = linear_sum_assignment(-iou)
                for g, p in zip(r_.tolist(), c_.tolist()):
                    if iou[g, p] >= thr:
                        pairs.append((g, p, bool(leq[g, p])))
            else:
                adm = (iou >= thr) & leq
                if adm.any():
                    eps = 1.0 / (min(G, P) + 1)
                    cost = np.where(adm, -(1.0 + iou * eps), 0.0)
                    r_, c_ = linear_sum_assignment(cost)
                    for g, p in zip(r_.tolist(), c_.tolist()):
                        if adm[g, p]:
                            pairs.append((g, p, True))
        tp_obj = sum(1 for _, _, e in pairs if e)
        op, orr, of = prf(tp_obj, P, G)

        # ---- relation P/R/F1 ----
        good = [(g, p) for g, p, e in pairs
                if e or proto["relation-matching"] == "endpoints-and-predicate"]
        if proto["id-resolution"] == "matched-dictionary-keep-unknown":
            d = {}
            for g, p in good:
                d[objects[p][0]] = g
            rs_g = [d.get(r[0], -1) for r in relations]
            ro_g = [d.get(r[2], -1) for r in relations]
        else:
            gmap = [-1] * P
            for g, p in good:
                gmap[p] = g
            rs_g = [gmap[i] if i >= 0 else -1 for i in rel_s]
            ro_g = [gmap[i] if i >= 0 else -1 for i in rel_o]
        tp_rel = 0
        if GR and PR:
            gpi = pred_id.many([r[1] for r in grels])
            ppi = pred_id.many([r[1] for r in relations])
            gs = np.array([r[0] for r in grels])
            go = np.array([r[2] for r in grels])
            adm = ((np.array(rs_g)[None, :] == gs[:, None]) & (np.array(ro_g)[None, :] == go[:, None])
                   & (ppi[None, :] == gpi[:, None]))
            if adm.any():
                cost = np.where(adm, 0.0, 1.0)
                r_, c_ = linear_sum_assignment(cost)
                tp_rel = int(adm[r_, c_].sum())
        rp, rr, rf = prf(tp_rel, PR, GR)
        per_sample.append((op, orr, of, rp, rr, rf, (of + rf) / 2))
        DEBUG_ROWS.append({"id": s["id"], "failed": False, "obj_p": op, "obj_r": orr, "rel_p": rp, "rel_r": rr})

        # ---- recall family ----
        if not GR:
            continue
        if proto["skip-no-predicted-relations"] and P > 0 and PR == 0:
            continue
        recall_n += 1
        if zs_idx is not None:
            zs_n += 1
        counts = _pred_counts(grels)
        gpi = pred_id.many([r[1] for r in grels])
        gs = np.array([r[0] for r in grels])
        go = np.array([r[2] for r in grels])
        if PR:
            riou = recall_iou(gboxes, pboxes) if G and P else np.zeros((G, P))
            om = (riou >= thr) & (glab[:, None] == plab[None, :])  # G x P
            om = np.concatenate([om, np.zeros((G, 1), dtype=bool)], axis=1)  # column -1 = unknown
            si = np.array(rel_s)
            oi = np.array(rel_o)
            pair_hit = om[gs[:, None], si[None, :]] & om[go[:, None], oi[None, :]]  # GR x PR
            ppi = pred_id.many([r[1] for r in relations])
        # graph constraint
        if not PR:
            hitsets = {"R": None, "ngR": None}
        else:
            if proto["graph-constraint"] == "every-relation":
                idx = np.arange(PR)
            else:
                seenp = set()
                idx = []
                for i, r in enumerate(relations):
                    key = (r[0], r[2])
                    if key not in seenp:
                        seenp.add(key)
                        idx.append(i)
                idx = np.array(idx, dtype=np.int64)
            hit_r = pair_hit[:, idx] & (ppi[idx][None, :] == gpi[:, None])  # GR x ranked
            if proto["no-graph-constraint"] == "predicted-only":
                hit_ng = pair_hit & (ppi[None, :] == gpi[:, None])
            else:
                rows, cells = _kaihua_cells(ppi, vocab_pred_ids)
                hit_ng = pair_hit[:, rows] & (cells[None, :] == gpi[:, None])
            hitsets = {"R": hit_r, "ngR": hit_ng}
        for fam in ("R", "ngR"):
            h = hitsets[fam]
            for ki, k in enumerate(KS):
                if h is None or h.shape[1] == 0:
                    matched = np.zeros(GR, dtype=bool)
                else:
                    matched = h[:, :k].any(axis=1)
                recall_sum[fam][ki] += matched.sum() / GR
                if zs_idx is not None:
                    zs_sum[fam][ki] += matched[zs_idx].sum() / len(zs_idx)
                if fam == "R":
                    for c, cnt in counts.items():
                        hits = int(matched[gpi == pred_id(c)].sum())
                        mr_collect[ki].setdefault(c, []).append(hits / cnt)

    # ---- aggregate ----
    m = {}
    denom = evaluated + n_unknown
    m["failure_rate"] = (n_failed + n_unknown) / denom if denom else 0.0
    arr = np.array(per_sample, dtype=np.float64).reshape(len(per_sample), 7)
    names = ["obj_p", "obj_r", "obj_f1", "rel_p", "rel_r", "rel_f1", "sgg_score"]
    for j, n in enumerate(names):
        m[n] = float(arr[:, j].mean()) if len(arr) else 0.0
    for fam in ("R", "ngR"):
        for ki, k in enumerate(KS):
            m[f"{fam}@{k}"] = float(recall_sum[fam][ki] / recall_n) if recall_n else 0.0
    for ki, k in enumerate(KS):
        col = mr_collect[ki]
        if proto["mean-recall"] == "vocabulary":
            classes = vocab_preds
        else:
            classes = [c for c in col if col[c]]
        total = sum(float(np.mean(col[c])) if col.get(c) else 0.0 for c in classes)
        m[f"mR@{k}"] = total / len(classes) if classes else 0.0
    t0 = time.perf_counter()
    m["AP50"] = ap50(gt, ap_images, detections, vocab_objs, proto)
    TIMINGS["ap50"] += time.perf_counter() - t0
    order = ["failure_rate", "obj_p", "obj_r", "obj_f1", "rel_p", "rel_r", "rel_f1",
             "sgg_score", "R@20", "R@50", "R@100", "mR@20", "mR@50", "mR@100",
             "ngR@20", "ngR@50", "ngR@100", "AP50"]
    out = {k: m[k] for k in order}
    if zeroshot is not None and zs_n:
        for fam, name in (("R", "zR"), ("ngR", "ng-zR")):
            for ki, k in enumerate(KS):
                out[f"{name}@{k}"] = float(zs_sum[fam][ki] / zs_n)
    if extra is not None:
        if mapper is not None:
            extra["mapping"] = {"rule": "r1sgg", "branch": mapper.branch, **mapper.stats}
        if zeroshot is not None:
            extra["zero_shot_samples"] = zs_n
    return evaluated, out, failures


def _pred_counts(grels):
    c = {}
    for r in grels:
        c[r[1]] = c.get(r[1], 0) + 1
    return c


def _kaihua_cells(ppi, vocab_pred_ids, top=100):
    """Top-`top` (row, predicate) cells: every row's own predicate (score 1) in row order, then
    the zero-score cells in row-major order (vocabulary order within a row), stable."""
    n = len(ppi)
    rows = list(range(min(n, top)))
    cells = [int(ppi[i]) for i in rows]
    i = 0
    while len(rows) < top and i < n:
        own = int(ppi[i])
        for p in vocab_pred_ids.tolist():
            if p == own:
                continue
            rows.append(i)
            cells.append(p)
            if len(rows) >= top:
                break
        i += 1
    return np.array(rows, dtype=np.int64), np.array(cells, dtype=np.int64)


def ap50(gt, ap_images, detections, vocab_objs, proto):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    cat = {}
    for l in vocab_objs:
        cat.setdefault(l, len(cat) + 1)
    for s in gt:
        for l in s["labels"]:
            cat.setdefault(l, len(cat) + 1)
    for _, l, _ in detections:
        cat.setdefault(l, len(cat) + 1)
    ann_id = 0 if proto["coco-id-zero-quirk"] else 1
    images, anns = [], []
    for s in gt:
        images.append({"id": s["id"]})
        b = s["boxes"]
        if proto["swap-reversed-corners"] and len(b):
            b = np.stack([np.minimum(b[:, 0], b[:, 2]), np.minimum(b[:, 1], b[:, 3]),
                          np.maximum(b[:, 0], b[:, 2]), np.maximum(b[:, 1], b[:, 3])], axis=1)
        for l, (x1, y1, x2, y2) in zip(s["labels"], b.tolist()):
            anns.append({"id": ann_id, "image_id": s["id"], "category_id": cat[l],
                         "bbox": [x1, y1, x2 - x1, y2 - y1], "area": (x2 - x1) * (y2 - y1),
                         "iscrowd": 0})
            ann_id += 1
    if not ap_images:
        return 0.0
    keep = set(ap_images)
    dets = [{"image_id": i, "category_id": cat[l],
             "bbox": [float(b[0]), float(b[1]), float(b[2] - b[0]), float(b[3] - b[1])],
             "score": 1.0} for i, l, b in detections if i in keep]
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = {"images": images, "annotations": anns,
                           "categories": [{"id": v, "name": k} for k, v in cat.items()]}
        coco_gt.createIndex()
        if dets:
            coco_dt = coco_gt.loadRes(dets)
        else:
            coco_dt = COCO()
            coco_dt.dataset = {"images": images, "annotations": [],
                               "categories": coco_gt.dataset["categories"]}
            coco_dt.createIndex()
        ev = COCOeval(coco_gt, coco_dt, "bbox")
        ev.params.imgIds = list(np.unique(ap_images))
        # Categories without GT in these images get precision -1 and leave the mean anyway;
        # skipping them only saves time.
        ev.params.catIds = sorted({cat[l] for s in gt if s["id"] in keep for l in s["labels"]})
        # Only the entries AP50 reads (IoU .5, area all, maxDets 100): each (threshold, area,
        # maxDet) slice of evaluateImg / accumulate is computed independently, so this equals
        # the full run's precision[0, :, :, 0, 2].
        ev.params.iouThrs = np.array([0.5])
        ev.params.areaRng = [[0, 1e10]]
        ev.params.areaRngLbl = ["all"]
        ev.params.maxDets = [100]
        ev.evaluate()
        ev.accumulate()
    prec = ev.eval["precision"][0, :, :, 0, 0]
    valid = prec[prec > -1]
    return float(valid.mean()) if valid.size else 0.0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gt", required=True)
    ap.add_argument("--preds", required=True)
    ap.add_argument("--vocab")
    ap.add_argument("--protocol", default="default", choices=sorted(PRESETS))
    ap.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                    help="change one protocol field on top of the preset (repeatable)")
    ap.add_argument("--timings", action="store_true",
                    help="print seconds per stage (load, parse, metrics, ap50) on stderr")
    ap.add_argument("--zeroshot", metavar="FILE",
                    help='zero-shot triplets {"triplets": [[subject, predicate, object], ...]}: '
                         "adds zR@K and ng-zR@K")
    ap.add_argument("--wordnet", metavar="DIR", default="/usr/share/wordnet",
                    help="WordNet 3.0 database folder for open-vocab=r1sgg (Debian wordnet-base)")
    ap.add_argument("--per-sample", metavar="FILE",
                    help="write one JSON line per evaluated sample (failed flag, obj/rel P and R)")
    a = ap.parse_args(argv)
    proto = make_protocol(a.protocol, a.set)
    t0 = time.perf_counter()
    gt = load_gt(a.gt)
    preds = load_preds(a.preds)
    vo, vp = load_vocab(a.vocab, gt)
    t1 = time.perf_counter()
    TIMINGS["load"] = t1 - t0
    zs = load_zeroshot(a.zeroshot) if a.zeroshot else None
    extra = {}
    n, metrics, failures = evaluate(gt, preds, vo, vp, proto, vocab_given=bool(a.vocab),
                                    zeroshot=zs, wordnet_dir=a.wordnet, extra=extra)
    if a.timings:
        total = time.perf_counter() - t0
        rest = total - sum(TIMINGS.values())
        print(json.dumps({**{k: round(v, 3) for k, v in TIMINGS.items()},
                          "metrics": round(rest, 3), "total": round(total, 3)}), file=sys.stderr)
    if a.per_sample:
        with open(a.per_sample, "w") as f:
            for row in DEBUG_ROWS:
                f.write(json.dumps(row) + "\n")
    out = {"protocol": a.protocol, "samples": n, "metrics": metrics, "failures": failures, **extra}
    if a.set:
        out["set"] = a.set
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
