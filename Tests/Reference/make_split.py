#!/usr/bin/env python3
"""Randomised ground truth + predictions that stress every sgg-eval metric.

    python3 make_split.py --samples N --seed S --out DIR [--mode graph|response|openvocab]
    python3 make_split.py --size large --seed S --out DIR      # 25,000-sample benchmark split

writes DIR/gt.jsonl, DIR/preds.jsonl and DIR/vocab.json.  The same (samples, seed, mode, size)
always gives byte-identical files (Python's `random.Random(seed)` only).

`--mode graph` writes already parsed predictions ({"id", "graph": {...}} or "graph": null for
a failed sample) so the metric code can be compared without any text parser; `--mode response`
writes raw model text (JSON and TOON, <think>/<answer> wrappers, code fences, mixed box spaces,
garbage and truncated outputs); `--mode openvocab` writes R1-SGG JSON answers with open-vocabulary
names over a VG150 ground truth (exact, re-spelled, table keys, WordNet synonyms and plurals,
phrases, names WordNet drops, passive predicates written reversed, blocking table entries,
"name .N" ids) and also DIR/zeroshot.json (a random subset of the GT's name triples).
"""

import argparse
import json
import os
import random
import sys

OBJECTS = [
    "person", "horse", "dog", "cat", "car", "traffic_light", "tree", "building", "hat",
    "shirt", "table", "chair", "wine-glass", "bottle", "window", "street", "bike", "sign",
    "umbrella", "plate",
]
EXTRA_VOCAB_OBJECTS = ["zebra", "kite"]  # in the vocabulary, never in the GT
PREDICATES = [
    "on", "has", "wearing", "in_front_of", "next-to", "holding", "near", "behind", "under",
    "riding",
]
EXTRA_VOCAB_PREDICATES = ["flying in"]  # dilutes mR
OUT_OF_VOCAB_OBJECTS = ["unicorn", "spaceship"]
OUT_OF_VOCAB_PREDICATES = ["levitating", "sort of near"]
LARGE_FORMAT = "json"
SIZES = [(640, 480), (800, 600), (1024, 768), (500, 375), (480, 640)]


def rnd_box(r, w, h, floats):
    bw = r.randint(6, max(7, w // 2))
    bh = r.randint(6, max(7, h // 2))
    x1 = r.randint(0, w - bw)
    y1 = r.randint(0, h - bh)
    box = [x1, y1, x1 + bw, y1 + bh]
    if floats:
        box = [round(v + r.choice([0, 0.25, 0.5, 0.75]), 2) for v in box]
    return box


def near_threshold(r, box):
    """Shift a box horizontally so the IoU with the original is close to 0.5.

    For a pure x-shift d of a w-wide box IoU = (w - d) / (w + d), which is 0.5 at d = w / 3."""
    x1, y1, x2, y2 = box
    w = x2 - x1
    d = w / 3 + r.choice([-1, -0.5, -0.25, 0, 0, 0.25, 0.5, 1])
    if r.random() < 0.5:
        d = round(d)
    s = r.choice([-1, 1])
    return [x1 + s * d, y1, x2 + s * d, y2]


def jitter(r, box):
    k = r.random()
    if k < 0.35:
        return list(box)
    if k < 0.65:
        return [v + r.choice([-3, -2, -1, 0, 1, 2, 3]) for v in box]
    if k < 0.9:
        return near_threshold(r, box)
    # big miss
    return [v + r.choice([-1, 1]) * r.randint(40, 120) for v in box]


def count(r, lo, hi, skew):
    """Uniform in [lo, hi], or skewed towards lo (cubed uniform) for the large split."""
    return lo + int((hi - lo + 1) * r.random() ** 3) if skew else r.randint(lo, hi)


def make_gt(r, idx, nobj, nrel, skew=False):
    w, h = r.choice(SIZES)
    floats = r.random() < (0.1 if skew else 0.3)
    objs = []
    for _ in range(count(r, *nobj, skew)):
        label = r.choice(OBJECTS)
        if r.random() < 0.05:
            label = label.upper() if r.random() < 0.5 else " " + label.replace("_", "-") + " "
        box = rnd_box(r, w, h, floats)
        objs.append({"label": label, "box": box})
        if r.random() < 0.05:  # GT duplicate box with another name
            objs.append({"label": r.choice(OBJECTS), "box": list(box)})
    rels = []
    if objs:
        for _ in range(count(r, *nrel, skew)):
            s = r.randrange(len(objs))
            o = r.randrange(len(objs))
            if s == o and r.random() < 0.8:
                o = (o + 1) % len(objs)
            rels.append({"subject": s, "predicate": r.choice(PREDICATES), "object": o})
            if r.random() < 0.04:  # duplicate GT triplet
                rels.append(dict(rels[-1]))
    return {"id": f"img{idx:06d}", "width": w, "height": h, "objects": objs, "relations": rels}


def derive(r, gt, large):
    """Predicted objects [(label, box)] and relations [(si, pred, oi)] (si/oi: index or -1)."""
    objs, back = [], {}
    for gi, o in enumerate(gt["objects"]):
        if r.random() < 0.15:
            continue
        label = o["label"].strip().lower()
        if r.random() < 0.1:
            label = r.choice(OBJECTS)
        if r.random() < 0.03:
            label = r.choice(OUT_OF_VOCAB_OBJECTS)
        box = jitter(r, o["box"])
        if r.random() < 0.04:  # reversed corners
            box = [box[2], box[1], box[0], box[3]] if r.random() < 0.5 else [box[2], box[3], box[0], box[1]]
        back[gi] = len(objs)
        objs.append([label, box])
        if r.random() < 0.08:  # identical box, different name
            objs.append([r.choice(OBJECTS), list(box)])
    for _ in range(r.choice([0, 0, 1, 2, 3])):
        objs.append([r.choice(OBJECTS + OUT_OF_VOCAB_OBJECTS[:1]),
                     rnd_box(r, gt["width"], gt["height"], r.random() < 0.3)])
    # light reordering of the generation order
    order = list(range(len(objs)))
    for _ in range(len(order) // 4):
        a, b = r.randrange(len(order)), r.randrange(len(order))
        order[a], order[b] = order[b], order[a]
    pos = {old: new for new, old in enumerate(order)}
    objs = [objs[i] for i in order]
    back = {g: pos[p] for g, p in back.items()}
    rels = []
    for rel in gt["relations"]:
        if r.random() < 0.15:
            continue
        si, oi = back.get(rel["subject"], -1), back.get(rel["object"], -1)
        if (si < 0 or oi < 0) and r.random() < 0.5:
            continue
        pred = rel["predicate"]
        if r.random() < 0.1:
            pred = r.choice(PREDICATES)
        if r.random() < 0.02:
            pred = r.choice(OUT_OF_VOCAB_PREDICATES)
        rels.append([si, pred, oi])
        if r.random() < 0.05:
            rels.append(list(rels[-1]))  # duplicate triplet
        if r.random() < 0.06:
            rels.append([si, r.choice(PREDICATES), oi])  # same pair, another predicate
    n = len(objs)
    for _ in range(r.choice([0, 0, 1, 2, 4])):
        if n:
            rels.append([r.randrange(n), r.choice(PREDICATES), r.randrange(n)])
    if n and not large and r.random() < 0.1:  # long lists, so that K = 20 / 50 truncate
        good = list(rels)
        for _ in range(r.randint(20, 110)):
            if good and r.random() < 0.3:
                rels.append(list(r.choice(good)))
            else:
                rels.append([r.randrange(n), r.choice(PREDICATES), r.randrange(n)])
        r.shuffle(rels)
    if n and r.random() < 0.05:
        i = r.randrange(n)
        rels.append([i, r.choice(PREDICATES), i])  # self relation
    if r.random() < 0.05 and n:
        rels.append([r.randrange(n), r.choice(PREDICATES), -2])  # unknown id
    if len(rels) > 2 and not large:
        i, j = r.randrange(len(rels)), r.randrange(len(rels))
        rels[i], rels[j] = rels[j], rels[i]
    return objs, rels


def assign_ids(r, objs, numeric):
    ids = []
    counter = {}
    for k, (label, _) in enumerate(objs):
        if ids and r.random() < 0.05:
            ids.append(r.choice(ids))  # duplicate id
            continue
        if numeric:
            ids.append(str(k + 1))
        else:
            counter[label] = counter.get(label, 0) + 1
            ids.append(f"{label}.{counter[label]}")
    return ids


def fmt_num(v, as_int):
    return int(round(v)) if as_int else round(float(v), 2)


def to_space(r, box, gt, space, as_int):
    w, h = gt["width"], gt["height"]
    if space == "norm1000":
        b = [box[0] * 1000 / w, box[1] * 1000 / h, box[2] * 1000 / w, box[3] * 1000 / h]
    elif space and space.startswith("resized:"):
        rw, rh = (int(t) for t in space[len("resized:"):].split("x"))
        b = [box[0] * rw / w, box[1] * rh / h, box[2] * rw / w, box[3] * rh / h]
    else:
        b = list(box)
    return [fmt_num(v, as_int) for v in b]


def json_text(r, gt, objs, rels, ids, space, as_int, compact):
    jo = [{"id": i, "bbox": to_space(r, b, gt, space, as_int)} for i, (l, b) in zip(ids, objs)]

    def ref(k):
        return ids[k] if k >= 0 else "ghost.9"

    jr = [{"subject": ref(s), "predicate": p, "object": ref(o)} for s, p, o in rels]
    sep = (",", ":") if compact else (", ", ": ")
    return json.dumps({"objects": jo, "relationships": jr}, separators=sep)


def toon_text(r, gt, objs, rels, ids, space, as_int, truncate):
    lines = [f"obj[{len(objs)}]{{id,name,x1,y1,x2,y2}}:"]
    indent = r.choice(["", "  "])
    for i, (label, b) in zip(ids, objs):
        name = f'"{label}"' if r.random() < 0.05 else label
        lines.append(indent + ",".join([i, name] + [str(v) for v in to_space(r, b, gt, space, as_int)]))
    if not truncate:
        lines.append(f"rel[{len(rels)}]{{subj,pred,obj}}:")
        for s, p, o in rels:
            sid = ids[s] if s >= 0 else "99"
            oid = ids[o] if o >= 0 else "99"
            lines.append(indent + f"{sid},{p.replace(' ', '-')},{oid}")
    return "\n".join(lines)


FAILED = [
    "",
    "I cannot help with that.",
    "Sure! The scene shows a person riding a horse.",
    '{"objects": [{"id": "person.1", "bbox": [1, 2, 3]}], "relationships": []}',
    '{"objects": [{"id": "person.1", "bbox": [10, 20, 30, 40]}]}',
    '{"objects": [{"id": 7, "bbox": [10, 20, 30, 40]}], "relationships": []}',
    '{"objects": [{"id": "person.1", "bbox": [10, "20", 30, 40]}], "relationships": []}',
    '{"objects": [{"id": "person.1", "bbox": [true, 20, 30, 40]}], "relationships": []}',
    '{"objects": [], "relationships": []}',
    '[{"id": "person.1", "bbox": [10, 20, 30, 40]}]',
    "<think>let me look at the image carefully",
    "obj[0]{id,name,x1,y1,x2,y2}:\nrel[0]{subj,pred,obj}:",
    '{"objects": [{"id": "person.1", "bbox": [10, 20, 30, 40]}], "relationships": '
    '[{"subject": "person.1", "predicate": 3, "object": "person.1"}]}',
]


def wrap(r, body, kind):
    fence = r.random() < 0.3
    if fence:
        body = f"```{kind}\n{body}\n```"
    k = r.random()
    if k < 0.35:
        body = f"<answer>\n{body}\n</answer>"
    elif k < 0.45:
        body = f"<answer>{body}"  # lone <answer>
    if r.random() < 0.25:
        body = "<think>The image shows objects; list them.</think>\n" + body
    if kind == "json" and r.random() < 0.05:
        body = body + "\nHope this helps!"  # trailing prose
    return body


def make_pred_line(r, gt, mode, large):
    objs, rels = derive(r, gt, large)
    line = {"id": gt["id"]}
    if mode == "graph":
        if r.random() < 0.06:
            line["graph"] = None
            return line
        ids = assign_ids(r, objs, numeric=r.random() < 0.3)
        line["graph"] = {
            "objects": [{"id": i, "label": l, "box": b} for i, (l, b) in zip(ids, objs)],
            "relations": [{"subject": ids[s] if s >= 0 else "ghost",
                           "predicate": p,
                           "object": ids[o] if o >= 0 else "ghost"} for s, p, o in rels],
        }
        return line
    if not large and r.random() < 0.08:
        line["response"] = r.choice(FAILED)
        return line
    space = r.choice([None, "pixel", "norm1000", "norm1000", "resized:640x480"])
    if space:
        line["box_space"] = space
    as_int = r.random() < 0.6 or space == "norm1000" and r.random() < 0.5
    if large:
        use_toon = LARGE_FORMAT == "toon" or LARGE_FORMAT == "mixed" and r.random() < 0.4
    else:
        use_toon = r.random() < 0.4
    ids = assign_ids(r, objs, numeric=use_toon)
    if use_toon:
        truncate = r.random() < 0.06
        body = toon_text(r, gt, objs, rels, ids, space, as_int, truncate)
        line["response"] = wrap(r, body, "toon")
    else:
        body = json_text(r, gt, objs, rels, ids, space, as_int, compact=large)
        if not large and r.random() < 0.04:
            body = body[: r.randrange(1, max(2, len(body)))]  # truncated
        line["response"] = wrap(r, body, "json") if not large or r.random() < 0.5 else body
    return line


# --------------------------------------------------------------------------------------------
# --mode openvocab: R1-SGG-style open-vocabulary answers over VG150 (eval-protocols.md §2.3,
# /work/shared/spec/open-vocabulary.md).  The GT uses VG150's 150 classes and 50 predicates; the
# predictions write names that reach (or miss) those classes through every path of R1-SGG's
# gather step.  The WordNet outcomes noted below were read off nltk 3.10 over WordNet 3.0 when
# this was written; they only steer which GT object a name is written for (how often it hits),
# never what either evaluator must compute.
# --------------------------------------------------------------------------------------------

TABLES = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                       "Sources", "SGGVocabulary", "Tables"))


def _table(name):
    with open(os.path.join(TABLES, name + ".json"), encoding="utf-8") as f:
        return json.load(f)["entries"]


# written name -> VG150 class WordNet gives it (first synset, first target lemma)
OV_WORDNET_OBJECTS = {
    "hands": "men", "bikes": "motorcycle", "kitty": "pot", "grass": "pot", "wall": "fence",
    "home": "plate", "dish": "bag", "stool": "toilet", "mitt": "hand", "aeroplane": "airplane",
    "purse": "bag", "bicycle": "bike", "chick": "bird", "boats": "boat", "coach": "bus",
    "cars": "car", "automobile": "car", "chairs": "chair", "kids": "child", "children": "child",
    "baby": "child", "cake": "coat", "cups": "cup", "dogs": "dog", "ears": "ear",
    "elephants": "elephant", "eyes": "eye", "giraffes": "giraffe", "glasses": "glass",
    "ice": "glass", "horses": "horse", "jeans": "jean", "lamps": "lamp", "leaves": "leaf",
    "legs": "leg", "gentleman": "man", "trousers": "pant", "pants": "pant", "telephone": "phone",
    "plates": "plate", "poles": "pole", "stone": "rock", "shirts": "shirt", "shoes": "shoe",
    "signs": "sign", "skis": "ski", "sneakers": "sneaker", "tables": "table", "trees": "tree",
    "wheels": "wheel", "windows": "window", "women": "woman", "zebras": "zebra",
    # phrases: word by word, the first word that maps wins
    "orange truck": "orange", "little girl": "short", "street  sign": "street",
}
# names WordNet (and the tables) leave unmapped: dropped
OV_DROPPED_OBJECTS = ["puppy", "sofa", "mug", "tv", "sky", "road", "couch", "ocean", "sun",
                      "bush", "cloud", "apple", "kitten", "sailboat", "frisbee", "backpack"]
# phrases whose outcome is whatever WordNet says (noise)
OV_NOISE_PHRASES = ["white car", "red shirt", "wooden table", "tall tree", "small dog",
                    "blue sky", "old man", "parked car", "green grass", "brick wall"]
# predicate written -> VG150 predicate after pass2act / rel2vg / WordNet; passive ones are written
# with subject and object exchanged so that the swap restores the GT orientation
OV_WORDNET_PREDICATES = {
    "is looking at": "at", "looks at": "at", "standing next to": "to", "belongs to": "to",
    "mounted to": "to", "across from": "across", "leaning against": "against",
    "walking along": "along", "made from": "from", "has on": "has", "holding onto": "holding",
    "is holding": "holding", "sitting in": "in", "lying in": "in", "in the middle of": "in",
    "near to": "near", "close to": "near", "on top of": "on", "sits on": "on", "stands on": "on",
    "hanging on": "on", "leaning on": "on", "playing with": "playing", "riding on": "riding",
    "covered with": "with", "below": "under",
}
OV_PASSIVE_TO = {  # pass2act source -> final VG150 predicate (after the table / WordNet)
    "worn by": "wearing", "held by": "holding", "carried by": "carrying",
    "being ridden by": "riding", "beingriddenby": "riding", "has been eaten": "eating",
    "is covered by": "covering", "placed on": "on", "placed under": "under", "parked at": "at",
    "anchored at": "at", "parked in": "in", "is connected to": "to", "anchored to": "to",
    "is above": "above", "is at": "at", "located at": "at", "is in": "in", "located on": "on",
    "is on": "on", "is part of": "part of", "located under": "under", "is next to": "near",
    "is below": "under",
}
OV_DROPPED_PREDICATES = ["is wearing", "surrounding", "pulling", "beside", "inside", "holds",
                         "rides", "underneath", "levitating", "located", "driven by",
                         "is surrounded by", "surrounded by", "bordered by"]


def _spell(r, name):
    """A spelling that R1-SGG's clean-up turns back into `name` (case, '_', '-', spaces)."""
    k = r.random()
    if k < 0.3:
        return name.upper()
    if k < 0.55:
        return name.title().replace(" ", "_")
    if k < 0.8:
        return name.replace(" ", "-") if " " in name else name.capitalize()
    return " " + name + " "


class OpenVocab:
    def __init__(self):
        vg = _table("vg150_classes")[0]
        self.objects = [o for o in vg["objects"] if o != "__background__"]
        self.predicates = [p for p in vg["predicates"] if p != "__background__"]
        obj_alias = {}
        for e in _table("obj2vg"):
            obj_alias.setdefault(e["target"], []).append(e["source"])
        for name, target in OV_WORDNET_OBJECTS.items():
            obj_alias.setdefault(target, []).append(name)
        self.obj_alias = obj_alias
        pred_alias = {}  # predicate -> [(written, swapped)]
        for e in _table("rel2vg"):
            if e["target"] in self.predicates:
                pred_alias.setdefault(e["target"], []).append((e["source"], False))
        passive = {e["source"]: e["passive"] for e in _table("pass2act")}
        for name, target in OV_PASSIVE_TO.items():
            pred_alias.setdefault(target, []).append((name, passive[name] == 1))
        for name, target in OV_WORDNET_PREDICATES.items():
            pred_alias.setdefault(target, []).append((name, False))
        self.pred_alias = pred_alias
        self.table_keys_other = [e["source"] for e in _table("rel2vg")
                                 if e["target"] not in self.predicates]
        # GT classes: half of the draws from classes that have a written alias
        self.aliased = sorted(obj_alias)
        self.pred_aliased = sorted(pred_alias)

    def gt(self, r, idx):
        w, h = r.choice(SIZES)
        floats = r.random() < 0.3
        objs = []
        for _ in range(r.randint(0, 15)):
            label = r.choice(self.aliased) if r.random() < 0.6 else r.choice(self.objects)
            if r.random() < 0.03:
                label = label.upper()
            objs.append({"label": label, "box": rnd_box(r, w, h, floats)})
        rels = []
        if objs:
            for _ in range(r.randint(0, 20)):
                s = r.randrange(len(objs))
                o = r.randrange(len(objs))
                if s == o and r.random() < 0.8:
                    o = (o + 1) % len(objs)
                p = r.choice(self.pred_aliased) if r.random() < 0.6 else r.choice(self.predicates)
                rels.append({"subject": s, "predicate": p, "object": o})
                if r.random() < 0.03:
                    rels.append(dict(rels[-1]))
        return {"id": f"img{idx:06d}", "width": w, "height": h, "objects": objs, "relations": rels}

    def object_name(self, r, label):
        """What the model writes for a GT object of class `label`."""
        label = label.lower()
        k = r.random()
        if k < 0.3:
            return label
        if k < 0.45:
            return _spell(r, label)
        if k < 0.8 and label in self.obj_alias:
            name = r.choice(self.obj_alias[label])
            return _spell(r, name) if r.random() < 0.15 and "  " not in name else name
        if k < 0.87:
            return r.choice(OV_DROPPED_OBJECTS)
        if k < 0.93:
            return r.choice(OV_NOISE_PHRASES)
        return r.choice(self.objects)  # a wrong class

    def predicate_name(self, r, pred):
        """(written predicate, write the endpoints swapped)."""
        k = r.random()
        if k < 0.35:
            return pred, False
        if k < 0.45:
            return _spell(r, pred), False
        if k < 0.85 and pred in self.pred_alias:
            name, swapped = r.choice(self.pred_alias[pred])
            return (_spell(r, name) if r.random() < 0.1 else name), swapped
        if k < 0.92:
            return r.choice(OV_DROPPED_PREDICATES + self.table_keys_other[:20]), False
        return r.choice(self.predicates), r.random() < 0.1

    def pred_line(self, r, gt):
        line = {"id": gt["id"]}
        if r.random() < 0.06:
            line["response"] = r.choice(FAILED)
            return line
        names, boxes, back = [], [], {}
        for gi, o in enumerate(gt["objects"]):
            if r.random() < 0.12:
                continue
            back[gi] = len(names)
            names.append(self.object_name(r, o["label"]))
            boxes.append(jitter(r, o["box"]))
        for _ in range(r.choice([0, 0, 1, 2])):
            names.append(r.choice(OV_DROPPED_OBJECTS + self.objects[:10] + list(OV_WORDNET_OBJECTS)))
            boxes.append(rnd_box(r, gt["width"], gt["height"], False))
        ids, counter = [], {}
        for name in names:
            if ids and r.random() < 0.04:
                ids.append(r.choice(ids))  # duplicate id: relations bind to the first one
                continue
            counter[name] = counter.get(name, 0) + 1
            sep = " ." if r.random() < 0.05 else "."  # "arm .2": the category keeps a space
            ids.append(f"{name}{sep}{counter[name]}")
        rels = []
        for rel in gt["relations"]:
            if r.random() < 0.12:
                continue
            si, oi = back.get(rel["subject"], -1), back.get(rel["object"], -1)
            if (si < 0 or oi < 0) and r.random() < 0.6:
                continue
            written, swapped = self.predicate_name(r, rel["predicate"])
            rels.append((oi, written, si) if swapped else (si, written, oi))
            if r.random() < 0.04:
                rels.append(rels[-1])
        n = len(ids)
        for _ in range(r.choice([0, 0, 1, 2, 3])):
            if n:
                written, _ = self.predicate_name(r, r.choice(self.predicates))
                rels.append((r.randrange(n), written, r.randrange(n)))
        if n and r.random() < 0.08:  # long lists: K = 20 / 50 truncate
            for _ in range(r.randint(20, 80)):
                rels.append((r.randrange(n), r.choice(self.predicates), r.randrange(n)))
            r.shuffle(rels)
        if n and r.random() < 0.08:
            rels.append((r.randrange(n), r.choice(self.predicates), -2))  # unknown id

        def ref(k):
            if k < 0:
                return "ghost.9"
            i = ids[k]
            return i.upper() if r.random() < 0.05 else i  # same id after the clean-up

        space = r.choice([None, "pixel", "norm1000", "resized:640x480"])
        if space:
            line["box_space"] = space
        as_int = r.random() < 0.6 or space == "norm1000"
        body = json.dumps({
            "objects": [{"id": i, "bbox": to_space(r, b, gt, space, as_int)} for i, b in zip(ids, boxes)],
            "relationships": [{"subject": ref(s), "predicate": p, "object": ref(o)} for s, p, o in rels],
        })
        if r.random() < 0.03:
            body = body[: r.randrange(1, max(2, len(body)))]  # truncated
        line["response"] = wrap(r, body, "json")
        return line


def write_zeroshot(r, gts, path):
    """A random subset of the GT's (subject, predicate, object) name triples, plus a few that
    never occur."""
    triples = []
    seen = set()
    for g in gts:
        for rel in g["relations"]:
            t = (g["objects"][rel["subject"]]["label"].lower(), rel["predicate"],
                 g["objects"][rel["object"]]["label"].lower())
            if t not in seen:
                seen.add(t)
                triples.append(t)
    chosen = [list(t) for t in triples if r.random() < 0.2]
    chosen += [["zebra", "riding", "airplane"], ["sock", "eating", "tower"]]
    r.shuffle(chosen)
    with open(path, "w") as f:
        json.dump({"triplets": chosen}, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--mode", choices=["graph", "response", "openvocab"], default="response")
    ap.add_argument("--size", choices=["small", "large"], default="small",
                    help="large: 25,000 samples (unless --samples is given), response mode, "
                         "JSON responses with 5-25 objects and 2-20 relations (VG150-like means)")
    ap.add_argument("--no-vocab-extras", action="store_true",
                    help="vocabulary = exactly the GT classes (no never-seen classes)")
    ap.add_argument("--large-format", choices=["json", "toon", "mixed"], default="json",
                    help="response format of the large split (default json, R1-SGG style)")
    a = ap.parse_args()
    global LARGE_FORMAT
    LARGE_FORMAT = a.large_format
    large = a.size == "large"
    if large:
        a.mode = "response"
        if "--samples" not in sys.argv:
            a.samples = 25000
    r = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    # The large split mirrors VG150 test images: about 11 objects and 7 relations each.
    nobj, nrel = ((5, 25), (2, 20)) if large else ((0, 15), (0, 20))
    ov = OpenVocab() if a.mode == "openvocab" else None
    if ov:
        new_gt = ov.gt
        pred_line = ov.pred_line
    else:
        def new_gt(r, i):
            return make_gt(r, i, nobj, nrel, skew=large)

        def pred_line(r, gt):
            return make_pred_line(r, gt, a.mode, large)
    gts = [new_gt(r, i) for i in range(a.samples)]
    lines = []
    for gt in gts:
        if r.random() < (0.01 if large else 0.06):
            continue  # no prediction line
        lines.append(json.dumps(pred_line(r, gt)))
        if not large and r.random() < 0.03:  # duplicate id: the first line wins
            lines.append(json.dumps(pred_line(r, gt)))
    n_unknown = max(1, a.samples // (200 if large else 40))
    for k in range(n_unknown):
        other = new_gt(r, 900000 + k)
        lines.insert(r.randrange(len(lines) + 1), json.dumps(pred_line(r, other)))
    if not large:
        lines.insert(r.randrange(len(lines) + 1), "this line is not JSON")
        lines.insert(r.randrange(len(lines) + 1), json.dumps({"id": 42, "response": "{}"}))
        lines.insert(r.randrange(len(lines) + 1), json.dumps({"response": "no id"}))
    with open(os.path.join(a.out, "gt.jsonl"), "w") as f:
        for g in gts:
            f.write(json.dumps(g, separators=(",", ":") if large else (", ", ": ")) + "\n")
    with open(os.path.join(a.out, "preds.jsonl"), "w") as f:
        for ln in lines:
            f.write(ln + "\n")
    vocab = {"objects": OBJECTS + ([] if a.no_vocab_extras else EXTRA_VOCAB_OBJECTS),
             "predicates": PREDICATES + ([] if a.no_vocab_extras else EXTRA_VOCAB_PREDICATES)}
    if ov:
        vocab = {"objects": ov.objects, "predicates": ov.predicates}
        write_zeroshot(r, gts, os.path.join(a.out, "zeroshot.json"))
    with open(os.path.join(a.out, "vocab.json"), "w") as f:
        json.dump(vocab, f, indent=1)


if __name__ == "__main__":
    main()
