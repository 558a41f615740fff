#!/usr/bin/env python3
"""Self-test of sgg_reference.py: eval-protocols.md §8 vectors, parser edge cases and the
hand-checked 3-image case in hand/ (expected values derived by hand in README.md).

    python3 selftest.py        # prints "ok" or fails with an AssertionError
"""

import io
import json
import os
import sys
from contextlib import redirect_stdout

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sgg_reference as R  # noqa: E402


def fails(parser, text):
    try:
        parser(text)
    except R.ParseFailure:
        return True
    return False


def close(a, b, tol=1e-12):
    return abs(a - b) <= tol


# ---- §8: SceneGraphVLM _precision_recall_f1(tp=2, fp=1, fn=3) = (0.6667, 0.4, 0.5) ----
p, r, f = R.prf(2, 2 + 1, 2 + 3)
assert (round(p, 4), round(r, 4), round(f, 4)) == (0.6667, 0.4, 0.5), (p, r, f)
assert R.prf(0, 0, 0) == (0.0, 0.0, 0.0)

# ---- §8: SceneGraphVLM parser vectors ----
INT_NO_REL = "obj[2]{id,name,x1,y1,x2,y2}:\n1,person,10,20,30,40\n2,dog,50,60,70,80"
FLOAT_NO_REL = "obj[2]{id,name,x1,y1,x2,y2}:\n1,person,10.5,20,30,40\n2,dog,50.5,60,70,80"
assert fails(R.parse_scenegraphvlm, INT_NO_REL)  # no rel[ header + integer rows => 0 objects
objs, rels = R.parse_scenegraphvlm(FLOAT_NO_REL)
assert len(objs) == 2 and rels == []
objs, rels = R.parse_scenegraphvlm(
    'obj[1]{id,name,x1,y1,x2,y2}:\n1,"dining, table",10,20,30,40\nrel[0]{subj,pred,obj}:')
assert [o[1] for o in objs] == ["dining, table"]
# corner swap, thinking and answer tags, dangling / self relations kept
objs, rels = R.parse_scenegraphvlm(
    "<think>hmm</think><answer>\n```toon\nobj[2]{id,name,x1,y1,x2,y2}:\n  1,Traffic_Light,30,40,10,20\n"
    "  2,dog,1,2,3,4\nrel[2]{subj,pred,obj}:\n  1,in-front-of,7\n  2,near,2\n```\n</answer>")
assert objs[0] == ("1", "traffic light", [10.0, 20.0, 30.0, 40.0]), objs
assert rels == [("1", "in front of", "7"), ("2", "near", "2")]
# the default parser has no no-rel-header quirk and no corner swap
objs, rels = R.parse_auto(INT_NO_REL)
assert len(objs) == 2 and rels == []
objs, _ = R.parse_auto("obj[1]{id,name,x1,y1,x2,y2}:\n1,dog,30,40,10,20")
assert objs[0][2] == [30.0, 40.0, 10.0, 20.0]

# ---- §8: Kaihua ng-R top-100 with one predicted pair over 50 predicates holds all 50 cells ----
rows, cells = R._kaihua_cells(np.array([7]), np.arange(50))
assert len(cells) == 50 and sorted(cells.tolist()) == list(range(50)) and cells[0] == 7
rows, cells = R._kaihua_cells(np.arange(3), np.arange(50))
assert len(cells) == 100 and cells[:3].tolist() == [0, 1, 2] and rows[3:52].tolist() == [0] * 49

# ---- R1-SGG parser (§2.2) ----
G = '{"objects": [{"id": "Person.1", "bbox": [true, 2, 3, 4]}], "relationships": []}'
objs, _ = R.parse_r1sgg(G)
assert objs == [("person.1", "person", [1.0, 2.0, 3.0, 4.0])]  # bool passes in R1-SGG
assert fails(R.parse_auto, G)  # ...but not in the default parser
assert not fails(R.parse_r1sgg, "```json\n" + G + "\n```")
assert fails(R.parse_r1sgg, "<think>x</think>" + G)  # no answer tags => json.loads fails
assert not fails(R.parse_r1sgg, "<think>x</think><answer>" + G)  # lone <answer>
assert fails(R.parse_r1sgg, G + " trailing")
assert fails(R.parse_r1sgg, '{"objects": [], "relationships": [{"subject": "a", "predicate": 1, "object": "b"}]}')
assert not fails(R.parse_r1sgg, '{"objects": [], "relationships": []}')  # empty graph is valid

# ---- default parser: first balanced object, trailing prose ignored ----
J = '{"objects": [{"id": "dog.1", "bbox": [1, 2, 3.5, 4]}], "relationships": [{"subject": "dog.1", "predicate": "Next_To", "object": "x"}]} thanks {'
objs, rels = R.parse_auto("<think>a</think>\n<answer>```json\n" + J + "```</answer>")
assert objs == [("dog.1", "dog", [1.0, 2.0, 3.5, 4.0])] and rels == [("dog.1", "next to", "x")]
assert R._first_balanced_object(J) == J.index(" thanks")
assert R._first_balanced_object('{"a": "}{"}') == len('{"a": "}{"}')
assert fails(R.parse_auto, J[:40])
assert fails(R.parse_auto, '{"objects": [{"id": "d", "bbox": [1, 2, 3, NaN]}], "relationships": []}')

# ---- box spaces ----
o = R.scale_boxes([("a", "a", [100.0, 100.0, 500.0, 1000.0])], "norm1000", 640.0, 480.0)
assert o[0][2] == [64.0, 48.0, 320.0, 480.0]
o = R.scale_boxes([("a", "a", [320.0, 240.0, 640.0, 480.0])], "resized:640x480", 1280.0, 960.0)
assert o[0][2] == [640.0, 480.0, 1280.0, 960.0]

# ---- IoU flavours ----
a = np.array([[0.0, 0.0, 10.0, 10.0]])
b = np.array([[5.0, 0.0, 15.0, 10.0], [10.0, 0.0, 20.0, 10.0], [3.0, 3.0, 2.0, 2.0]])
assert np.allclose(R.iou_plain(a, b), [[1 / 3, 0.0, 0.0]])
assert R.iou_plus_one(a, b).dtype == np.float32
assert np.allclose(R.iou_plus_one(a, b)[0, :2], [66 / (121 + 121 - 66), 11 / (242 - 11)])

# ---- hand case (README.md, "Hand check") ----
EXPECTED = {
    "default": dict(samples=3, failure_rate=1 / 3, obj_p=7 / 18, obj_r=7 / 18, obj_f1=7 / 18,
                    rel_p=1 / 9, rel_r=1 / 6, rel_f1=0.4 / 3, sgg_score=(8 / 15 + 0.25) / 3,
                    R=0.25, mR=1 / 3, ngR=0.25, AP50=(34 / 101 + 1 + 0 + 1) / 4),
    "scenegraphvlm": dict(samples=3, failure_rate=2 / 3, obj_p=1 / 6, obj_r=1 / 6, obj_f1=1 / 6,
                          rel_p=1 / 3, rel_r=1 / 3, rel_f1=1 / 3, sgg_score=0.25,
                          R=0.0, mR=0.0, ngR=0.0, AP50=0.25),
    "r1sgg": dict(samples=2, failure_rate=2 / 3, obj_p=1 / 3, obj_r=1 / 3, obj_f1=1 / 3,
                  rel_p=1 / 6, rel_r=0.25, rel_f1=0.2, sgg_score=(8 / 15) / 2,
                  R=0.25, mR=1 / 3, ngR=0.25, AP50=0.25),
}
for proto, exp in EXPECTED.items():
    buf = io.StringIO()
    with redirect_stdout(buf):
        R.main(["--gt", os.path.join(HERE, "hand/gt.jsonl"),
                "--preds", os.path.join(HERE, "hand/preds.jsonl"),
                "--vocab", os.path.join(HERE, "hand/vocab.json"), "--protocol", proto])
    out = json.loads(buf.getvalue())
    m = out["metrics"]
    assert out["samples"] == exp["samples"], (proto, out["samples"])
    for k, v in exp.items():
        if k == "samples":
            continue
        keys = [f"{k}@{K}" for K in (20, 50, 100)] if k in ("R", "mR", "ngR") else [k]
        for key in keys:
            assert close(m[key], v, 1e-9), (proto, key, m[key], v)

print("ok")


# ---- loop-based re-derivation of the recall family and P/R/F1 on a random graph split ----
def brute(gt, preds, vo, vp, proto, zeroshot):
    """Plain-Python loops (no vectorisation) over the graph-mode predictions."""
    from scipy.optimize import linear_sum_assignment as lsa
    thr = proto["iou-threshold"]

    def iou(a, b, plus):
        if plus:
            f = np.float32
            a = [f(v) for v in a]
            b = [f(v) for v in b]
            one = f(1)
            ar1 = (a[2] - a[0] + one) * (a[3] - a[1] + one)
            ar2 = (b[2] - b[0] + one) * (b[3] - b[1] + one)
            w = max(min(a[2], b[2]) - max(a[0], b[0]) + one, f(0))
            h = max(min(a[3], b[3]) - max(a[1], b[1]) + one, f(0))
            with np.errstate(all="ignore"):
                return (w * h) / (ar1 + ar2 - w * h)
        w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
        h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
        u = max(0.0, a[2] - a[0]) * max(0.0, a[3] - a[1]) + max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1]) - w * h
        return w * h / u if u > 0 else 0.0

    plus = proto["recall-iou"] == "plus-one-pixel"
    restrict = proto["restrict-to-vocabulary"]
    res = {"R": [0.0] * 3, "ngR": [0.0] * 3}
    zres = {"R": [0.0] * 3, "ngR": [0.0] * 3}
    zn = 0
    n = 0
    per = []
    mr = [dict() for _ in range(3)]
    for s in gt:
        pl = preds.get(s["id"])
        if pl is None and proto["missing-predictions"] == "exclude":
            continue
        g = pl.get("graph") if pl else None
        gl, gb = s["labels"], s["boxes"].tolist()
        grels = s["rels"]
        zs = [j for j, gr in enumerate(grels) if (gl[gr[0]], gr[1], gl[gr[2]]) in zeroshot]
        if g is None:
            per.append((0.0, 0.0))
            if grels:
                n += 1
                zn += bool(zs)
                for ki in range(3):
                    for c in {r[1] for r in grels}:
                        mr[ki].setdefault(c, []).append(0.0)
            continue
        objs = [(str(o["id"]), R.refine(o["label"]), [float(v) for v in o["box"]]) for o in g["objects"]]
        rels = [(str(r["subject"]), R.refine(r["predicate"]), str(r["object"])) for r in g["relations"]]
        if restrict:
            objs = [o for o in objs if o[1] in vo]
            rels = [r for r in rels if r[1] in vp]
        first = {}
        for i, o in enumerate(objs):
            first.setdefault(o[0], i)
        if proto["id-resolution"] == "first-object-drop-unknown":
            rels = [r for r in rels if r[0] in first and r[2] in first]
        # object F1 (label-aware or iou-then-label) -> only F1 checked here
        G, P = len(gl), len(objs)
        pairs = []
        if G and P:
            M = np.array([[iou(gb[i], objs[j][2], False) for j in range(P)] for i in range(G)])
            if proto["object-matching"] == "iou-then-label":
                for i, j in zip(*lsa(-M)):
                    if M[i, j] >= thr:
                        pairs.append((i, j, gl[i] == objs[j][1]))
            else:
                eps = 1.0 / (min(G, P) + 1)
                C = np.zeros((G, P))
                for i in range(G):
                    for j in range(P):
                        if M[i, j] >= thr and gl[i] == objs[j][1]:
                            C[i, j] = -(1.0 + M[i, j] * eps)
                for i, j in zip(*lsa(C)):
                    if C[i, j] < 0:
                        pairs.append((i, j, True))
        tp = sum(e for _, _, e in pairs)
        per.append((R.prf(tp, P, G)[2], None))
        if not grels:
            continue
        if proto["skip-no-predicted-relations"] and P > 0 and not rels:
            continue
        n += 1
        zn += bool(zs)

        def hit(rel, p, gr):
            si, oi = first.get(rel[0]), first.get(rel[2])
            if si is None or oi is None or p != gr[1]:
                return False
            return (objs[si][1] == gl[gr[0]] and objs[oi][1] == gl[gr[2]]
                    and iou(gb[gr[0]], objs[si][2], plus) >= thr
                    and iou(gb[gr[2]], objs[oi][2], plus) >= thr)

        if proto["graph-constraint"] == "every-relation":
            ranked = [(r, r[1]) for r in rels]
        else:
            seen, ranked = set(), []
            for r in rels:
                if (r[0], r[2]) not in seen:
                    seen.add((r[0], r[2]))
                    ranked.append((r, r[1]))
        if proto["no-graph-constraint"] == "predicted-only":
            ng = [(r, r[1]) for r in rels]
        else:
            cells = [(r, r[1], 1.0) for r in rels]
            for r in rels:
                cells += [(r, p, 0.0) for p in vp if p != r[1]]
            cells.sort(key=lambda c: -c[2])  # stable
            ng = [(c[0], c[1]) for c in cells[:100]]
        for fam, lst in (("R", ranked), ("ngR", ng)):
            for ki, K in enumerate((20, 50, 100)):
                matched = [any(hit(rl, p, gr) for rl, p in lst[:K]) for gr in grels]
                res[fam][ki] += sum(matched) / len(grels)
                if zs:
                    zres[fam][ki] += sum(matched[j] for j in zs) / len(zs)
                if fam == "R":
                    for c in {gr[1] for gr in grels}:
                        idx = [j for j, gr in enumerate(grels) if gr[1] == c]
                        mr[ki].setdefault(c, []).append(sum(matched[j] for j in idx) / len(idx))
    out = {}
    for fam in res:
        for ki, K in enumerate((20, 50, 100)):
            out[f"{fam}@{K}"] = res[fam][ki] / n if n else 0.0
    for ki, K in enumerate((20, 50, 100)):
        out[f"mR@{K}"] = sum(float(np.mean(mr[ki][c])) if mr[ki].get(c) else 0.0 for c in vp) / len(vp)
    out["obj_f1"] = float(np.mean([x[0] for x in per]))
    for fam, name in (("R", "zR"), ("ngR", "ng-zR")):
        for ki, K in enumerate((20, 50, 100)):
            if zn:
                out[f"{name}@{K}"] = zres[fam][ki] / zn
    return out


import subprocess, tempfile  # noqa: E401,E402

with tempfile.TemporaryDirectory() as d:
    subprocess.run([sys.executable, os.path.join(HERE, "make_split.py"), "--samples", "150",
                    "--seed", "11", "--out", d, "--mode", "graph"], check=True)
    gt = R.load_gt(os.path.join(d, "gt.jsonl"))
    preds = R.load_preds(os.path.join(d, "preds.jsonl"))
    vo, vp = R.load_vocab(os.path.join(d, "vocab.json"), gt)
    # zero-shot triplets: every third distinct GT name triple
    triples = sorted({(g["labels"][a], p, g["labels"][b]) for g in gt for a, p, b in g["rels"]})
    zeroshot = set(triples[::3])
    for name in ("default", "r1sgg"):
        # metric code only: no open-vocabulary mapping (checked separately below)
        proto = R.make_protocol(name, ["open-vocab=none"])
        extra = {}
        _, m, _ = R.evaluate(gt, preds, vo, vp, proto, zeroshot=zeroshot, extra=extra)
        b = brute(gt, preds, vo, vp, proto, zeroshot)
        assert "zR@20" in b and extra["zero_shot_samples"] > 0
        for k, v in b.items():
            assert close(m[k], v, 1e-12), (name, k, m[k], v)
print("ok (brute-force recall / zero-shot recall / obj F1 agree)")


# ---- open-vocabulary mapping (open-vocabulary.md, eval-protocols.md §2.3): R1-SGG's own lists ----
try:
    import nltk  # noqa: F401
except ImportError:
    print("skipped the open-vocabulary checks: nltk is not installed")
    raise SystemExit(0)
if not os.path.exists("/usr/share/wordnet/data.noun"):
    print("skipped the open-vocabulary checks: /usr/share/wordnet (wordnet-base) is missing")
    raise SystemExit(0)
import open_vocab as OV  # noqa: E402

M = OV.Mapper("vg150", *OV.class_lists("vg150"))
OBJECT_FACTS = {
    "hands": "men", "bikes": "motorcycle", "kitty": "pot", "grass": "pot", "wall": "fence",
    "home": "plate", "dish": "bag", "stool": "toilet", "mitt": "hand", "bike": "bike",
    "puppy": None, "sofa": None, "mug": None, "tv": None, "sky": None, "road": None,
    "orange truck": "orange", "little girl": "short", "street  sign": "street",
    "street sign": "sign", "arm ": None, "beer glass ": "glass", "beer glass": "glass",
}
for name, want in OBJECT_FACTS.items():
    assert M.map_object(name)[1] == want, (name, M.map_object(name), want)
assert M.map_object("street sign")[0] == "table" and M.map_object("street  sign")[0] == "wordnet_phrase"
assert M.map_object("hands")[0] == "wordnet_word" and M.map_object("beer glass ")[0] == "wordnet_phrase"
PREDICATE_FACTS = {"is looking at": "at", "standing next to": "to", "contains": "in",
                   "is wearing": None, "wearing": "wearing", "locating": None}
for name, want in PREDICATE_FACTS.items():
    assert M.map_predicate(name)[1] == want, (name, M.map_predicate(name), want)
assert OV.find_synonym(OV.wordnet(), "is wearing", M.predicates) == ("phrase", "wearing")
assert M.map_predicate("is wearing")[0] == "table"  # the blocking entry stops WordNet
assert M.pass2act["placed on"]["passive"] == 1 and M.map_predicate("placing on")[1] == "on"
assert M.pass2act["located"]["target"] == "locating"  # "located": the passive entry wins...
assert M.rel_table["located"] == "in"  # ...over rel2vg's entry, and "locating" maps to nothing

# one R1-SGG answer through parse + mapping, with every count derived by hand
ANSWER = json.dumps({
    "objects": [{"id": i, "bbox": [0, 0, 10, 10]} for i in (
        "Person.1", "person.2", "wine bottle.1", "hands.1", "orange truck.1", "puppy.1",
        "arm .2", "Beer Glass .8")],
    "relationships": [{"subject": s, "predicate": p, "object": o} for s, p, o in (
        ("person.1", "Placed_On", "wine bottle.1"),  # passive: swapped, "placing on" -> on (phrase)
        ("person.2", "contains", "hands.1"),  # rel2vg -> in, not swapped
        ("person.1", "is wearing", "person.2"),  # blocking rel2vg entry: dropped
        ("person.1", "on", "puppy.1"),  # puppy dropped -> endpoint
        ("puppy.1", "worn by", "person.1"),  # passive, swapped, then endpoint
        ("person.1", "Next-To", "person.2"),  # rel2vg "next to" -> near
        ("person.1", "ON", "orange truck.1"),  # cleaned
        ("person.1", "levitating", "person.2"),  # unmapped: dropped
        ("PERSON.1", "near", "beer glass .8"),  # exact; ids match after refine
    )]})
objs, rels = R.parse_r1sgg("<answer>" + ANSWER + "</answer>")
assert [o[1] for o in objs][6:] == ["arm ", "beer glass "]  # the category keeps its space
M2 = OV.Mapper("vg150", *OV.class_lists("vg150"))
kept, kept_rels = M2.apply(objs, rels, [o.raw for o in objs], [r.raw for r in rels], True)
assert [o[1] for o in kept] == ["person", "person", "bottle", "men", "orange", "glass"], kept
assert kept_rels == [("wine bottle.1", "on", "person.1"), ("person.2", "in", "hands.1"),
                     ("person.1", "near", "person.2"), ("person.1", "on", "orange truck.1"),
                     ("person.1", "near", "beer glass .8")], kept_rels
assert M2.stats["objects"] == {"total": 8, "exact": 1, "cleaned": 1, "table": 1,
                               "wordnet_word": 1, "wordnet_phrase": 2, "alias": 0,
                               "unmapped": 2, "dropped": 2}, M2.stats["objects"]
assert M2.stats["relations"] == {"total": 9, "exact": 1, "cleaned": 1, "table": 3,
                                 "wordnet_word": 0, "wordnet_phrase": 1, "alias": 0,
                                 "unmapped": 1, "dropped": 2, "dropped_endpoint": 2,
                                 "passive": 2, "swapped": 2}, M2.stats["relations"]

# PSG branch: objects are looked up in the predicate list (R1-SGG's bug)
P = OV.Mapper("psg", *OV.class_lists("psg"))
assert P.map_object("person") == ("exact", "person")  # WordNet finds no predicate: kept as is
assert P.map_object("tree") == ("table", "tree merged")
assert P.map_object("desk") == ("table", None)  # obj2psg target "table" is not a PSG class
assert P.map_object("puppy") == ("unmapped", None)
assert P.map_predicate("next to")[0] != "table"  # no relation table for PSG
print("ok (open-vocabulary mapping)")
