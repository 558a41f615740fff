#!/usr/bin/env python3
"""Writes the miniature dataset fixtures used by Tests/SGGDatasetsTests, in every original format.

    python3 Fixtures/datasets/make_fixtures.py            # rewrites Fixtures/datasets/*

Needs numpy and h5py (`pip install h5py`); the outputs are committed, so the Swift tests never
run this script.  Besides the files in the benchmarks' own layouts it writes `expected.json`
next to each dataset: the evaluation sets worked out here, in Python, by re-implementing the
anchors' readers (SGB VGDataset, OpenPSG PanopticSceneGraphDataset, SceneGraphVLM's PVSG
preparation, STTran's AG dataset) on the in-memory data -- independently of the Swift loaders.

Quirks covered (spec/datasets.md):
  vg150   4 corrupted image ids interleaved in image_data.json; -1 box and relation ranges;
          odd widths (x1 = x - 1 on decode); full-width box touching the border; portrait image;
          exact duplicate triplets in test; several predicates per pair; non-overlapping
          relations; 12 datasets (root group needs two symbol-table nodes); bool enum dataset.
  psg     string image ids; zero-relation test image; duplicate triplet in test; several
          predicates per pair; iscrowd segment; x2 == width; stuff classes with '-'.
  pvsg    palette PNG masks with all five scanline filters, bit depths 2/4/8, odd widths;
          objects never visible; ids in masks but not declared; inclusive frame spans and an
          empty span list; self relation; duplicate relation; empty mask; both directory
          layouts; a video without masks; a thinned frame list.
  ag      pickle protocols 2/3 (numpy 1.x globals) and 4/5 (numpy 2.x); invisible objects;
          empty person boxes; frames without visible objects; short videos (1 and 2 frames);
          portrait bbox_size; class-name mismatches (cup/glass/bottle, not_contacting, ...).
  corrupt chunked+gzip HDF5, libver='latest' HDF5, an interlaced PNG, a PNG with a bad CRC,
          a pickle calling os.system.
"""
import json
import math
import os
import pickle
import struct
import sys
import zlib
from collections import OrderedDict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def dump_json(path, obj):
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=None, separators=(",", ":"))


# --------------------------------------------------------------------------------------------
# VG150
# --------------------------------------------------------------------------------------------
# Alphabetical class lists of the real VG-SGG-dicts-with-attri.json (SGB repository).
VG_OBJECTS = ("airplane animal arm bag banana basket beach bear bed bench bike bird board boat "
              "book boot bottle bowl box boy branch building bus cabinet cap car cat chair child "
              "clock coat counter cow cup curtain desk dog door drawer ear elephant engine eye face "
              "fence finger flag flower food fork fruit giraffe girl glass glove guy hair hand "
              "handle hat head helmet hill horse house jacket jean kid kite lady lamp laptop leaf "
              "leg letter light logo man men motorcycle mountain mouth neck nose number orange "
              "pant paper paw people person phone pillow pizza plane plant plate player pole post "
              "pot racket railing rock roof room screen seat sheep shelf shirt shoe short sidewalk "
              "sign sink skateboard ski skier sneaker snow sock stand street surfboard table tail "
              "tie tile tire toilet towel tower track train tree truck trunk umbrella vase "
              "vegetable vehicle wave wheel window windshield wing wire woman zebra").split()
VG_PREDICATES = ["above", "across", "against", "along", "and", "at", "attached to", "behind",
                 "belonging to", "between", "carrying", "covered in", "covering", "eating",
                 "flying in", "for", "from", "growing on", "hanging from", "has", "holding", "in",
                 "in front of", "laying on", "looking at", "lying on", "made of", "mounted on",
                 "near", "of", "on", "on back of", "over", "painted on", "parked on", "part of",
                 "playing", "riding", "says", "sitting on", "standing on", "to", "under", "using",
                 "walking in", "walking on", "watching", "wearing", "wears", "with"]
assert len(VG_OBJECTS) == 150 and len(VG_PREDICATES) == 50


def vg_encode(x, y, w, h, img_w, img_h, long_side):
    """scene-graph-TF-release vg_to_roidb.encode_box: VG x/y are 1-based; returns cx,cy,w,h."""
    s = float(long_side) / max(img_w, img_h)
    bx = min(max(math.floor(s * (x - 1)), 0), long_side - 2)
    by = min(max(math.floor(s * (y - 1)), 0), long_side - 2)
    bw, bh = math.ceil(s * w), math.ceil(s * h)
    if bx + bw >= long_side:
        bw = long_side - bx
    if by + bh >= long_side:
        bh = long_side - by
    return [bx + bw // 2, by + bh // 2, bw, bh]


# (image_id, width, height, split, objects [(class, x, y, w, h)], relations [(s, predicate, o)])
# None as split = a corrupted id that image_data.json lists but the h5 has no row for.
VG_IMAGES = [
    (1, 800, 600, 0, [("man", 100, 50, 200, 400), ("shirt", 120, 100, 150, 150),
                      ("tree", 600, 10, 150, 300)],
     [(0, "wearing", 1), (0, "wearing", 1), (0, "near", 2)]),
    (1592, 640, 480, None, [], []),
    (10, 500, 333, 0, [], []),                                   # no boxes: -1 ranges
    (107, 640, 480, 0, [("dog", 10, 10, 100, 80)], []),          # boxes, no relations
    (1722, 640, 480, None, [], []),
    (51, 1024, 768, 0, [("dog", 11, 21, 101, 50), ("bowl", 200, 300, 33, 17),
                        ("table", 150, 250, 600, 400)],          # odd widths
     [(0, "near", 1), (1, "on", 2), (0, "near", 2)]),
    (52, 333, 500, 0, [("girl", 10, 20, 150, 400), ("kite", 200, 5, 99, 77),
                       ("hand", 120, 200, 31, 29)],
     [(0, "holding", 2), (0, "has", 2), (0, "looking at", 1), (2, "holding", 1)]),
    (4616, 500, 500, None, [], []),
    (4617, 500, 500, None, [], []),
    (2343728, 1024, 768, 2, [("car", 1, 1, 1024, 768), ("tire", 50, 600, 120, 160),
                             ("street", 0, 500, 1024, 268)],     # border-touching boxes
     [(1, "part of", 0), (0, "parked on", 2), (0, "on", 2), (0, "parked on", 2)]),
    (2417985, 333, 500, 2, [("woman", 30, 40, 200, 450), ("umbrella", 20, 5, 250, 120)],
     [(0, "holding", 1)]),                                       # portrait
    (60, 640, 427, 2, [("sign", 5, 5, 60, 40)], []),             # test image without relations
    (61, 640, 427, 2, [], []),                                   # test image without boxes
    (62, 700, 525, 0, [("bike", 10, 10, 100, 100), ("tree", 500, 300, 150, 200)],
     [(0, "near", 1)]),                                          # only non-overlapping relation
]
CORRUPTED = {1592, 1722, 4616, 4617}


def vg_arrays():
    L = {n: i + 1 for i, n in enumerate(VG_OBJECTS)}
    P = {n: i + 1 for i, n in enumerate(VG_PREDICATES)}
    a = {k: [] for k in ("labels", "boxes_1024", "boxes_512", "attributes", "mask", "predicates",
                         "relationships", "f_box", "l_box", "f_rel", "l_rel", "split")}
    image_data = []
    for image_id, w, h, sp, objs, rels in VG_IMAGES:
        image_data.append({"width": w, "url": f"https://cs.stanford.edu/people/rak248/VG_100K/{image_id}.jpg",
                           "height": h, "image_id": image_id, "coco_id": None, "flickr_id": None})
        if sp is None:
            continue
        a["split"].append(sp)
        first = len(a["labels"])
        for (name, x, y, bw, bh) in objs:
            a["labels"].append([L[name]])
            a["boxes_1024"].append(vg_encode(x, y, bw, bh, w, h, 1024))
            a["boxes_512"].append(vg_encode(x, y, bw, bh, w, h, 512))
            a["attributes"].append([0] * 9 + [len(a["labels"]) % 3])
            a["mask"].append([True])
        a["f_box"].append(first if objs else -1)
        a["l_box"].append(len(a["labels"]) - 1 if objs else -1)
        rfirst = len(a["predicates"])
        for (s, p, o) in rels:
            a["predicates"].append([P[p]])
            a["relationships"].append([first + s, first + o])   # global box rows
        a["f_rel"].append(rfirst if rels else -1)
        a["l_rel"].append(len(a["predicates"]) - 1 if rels else -1)
    return a, image_data


def write_vg_h5(path, a, **kw):
    import h5py
    with h5py.File(path, "w", **{k: v for k, v in kw.items() if k == "libver"}) as f:
        extra = {k: v for k, v in kw.items() if k != "libver"}
        f.create_dataset("active_object_mask", data=np.array(a["mask"], dtype=bool), **extra)
        f.create_dataset("attributes", data=np.array(a["attributes"], dtype=np.int64), **extra)
        f.create_dataset("boxes_1024", data=np.array(a["boxes_1024"], dtype=np.int32), **extra)
        f.create_dataset("boxes_512", data=np.array(a["boxes_512"], dtype=np.int32), **extra)
        f.create_dataset("img_to_first_box", data=np.array(a["f_box"], dtype=np.int32), **extra)
        f.create_dataset("img_to_first_rel", data=np.array(a["f_rel"], dtype=np.int32), **extra)
        f.create_dataset("img_to_last_box", data=np.array(a["l_box"], dtype=np.int32), **extra)
        f.create_dataset("img_to_last_rel", data=np.array(a["l_rel"], dtype=np.int32), **extra)
        f.create_dataset("labels", data=np.array(a["labels"], dtype=np.int64), **extra)
        f.create_dataset("predicates", data=np.array(a["predicates"], dtype=np.int64), **extra)
        f.create_dataset("relationships", data=np.array(a["relationships"], dtype=np.int32), **extra)
        f.create_dataset("split", data=np.array(a["split"], dtype=np.int32), **extra)


def sgb_expected(h5path, image_data, split, num_val=5000, filter_non_overlap=False, clip=True,
                 float32=True, scale=1024):
    """Scene-Graph-Benchmark VGDataset (load_graphs + get_groundtruth(evaluation=True)), no
    duplicate filter (it is random).  Reads the h5 with h5py."""
    import h5py
    info = [d for d in image_data if d["image_id"] not in CORRUPTED]
    with h5py.File(h5path, "r") as f:
        data_split = f["split"][:]
        mask = data_split == (2 if split == "test" else 0)
        mask &= f["img_to_first_box"][:] >= 0
        mask &= f["img_to_first_rel"][:] >= 0
        idx = np.where(mask)[0]
        if split == "val":
            idx = idx[:num_val]
        elif split == "train":
            idx = idx[num_val:]
        labels = f["labels"][:, 0]
        boxes = f[f"boxes_{scale}"][:].copy()
        boxes[:, :2] = boxes[:, :2] - boxes[:, 2:] / 2       # float -> int32 truncation
        boxes[:, 2:] = boxes[:, :2] + boxes[:, 2:]
        fb, lb = f["img_to_first_box"][:], f["img_to_last_box"][:]
        fr, lr = f["img_to_first_rel"][:], f["img_to_last_rel"][:]
        preds = f["predicates"][:, 0]
        rels = f["relationships"][:]
    out = []
    for i in idx:
        b = boxes[fb[i]:lb[i] + 1]
        r = np.column_stack((rels[fr[i]:lr[i] + 1] - fb[i], preds[fr[i]:lr[i] + 1]))
        if filter_non_overlap:
            x1 = np.maximum(b[r[:, 0], 0], b[r[:, 1], 0]); x2 = np.minimum(b[r[:, 0], 2], b[r[:, 1], 2])
            y1 = np.maximum(b[r[:, 0], 1], b[r[:, 1], 1]); y2 = np.minimum(b[r[:, 0], 3], b[r[:, 1], 3])
            inter = np.clip(x2 - x1 + 1, 0, None) * np.clip(y2 - y1 + 1, 0, None)
            r = r[inter > 0]
            if len(r) == 0:
                continue
        W, H = info[i]["width"], info[i]["height"]
        px = b / scale * max(W, H)
        if float32:
            px = px.astype(np.float32)
        if clip:
            px[:, 0] = np.clip(px[:, 0], 0, W - 1); px[:, 2] = np.clip(px[:, 2], 0, W - 1)
            px[:, 1] = np.clip(px[:, 1], 0, H - 1); px[:, 3] = np.clip(px[:, 3], 0, H - 1)
        out.append({"id": str(info[i]["image_id"]), "width": W, "height": H,
                    "objects": [{"label": VG_OBJECTS[labels[fb[i] + k] - 1],
                                 "box": [float(v) for v in px[k]]} for k in range(len(b))],
                    "relations": [[int(s), VG_PREDICATES[p - 1], int(o)] for s, o, p in r]})
    return out


def make_vg150():
    import h5py
    d = os.path.join(HERE, "vg150")
    os.makedirs(d, exist_ok=True)
    a, image_data = vg_arrays()
    h5 = os.path.join(d, "VG-SGG-with-attri.h5")
    write_vg_h5(h5, a)
    L = {n: i + 1 for i, n in enumerate(VG_OBJECTS)}
    P = {n: i + 1 for i, n in enumerate(VG_PREDICATES)}
    dump_json(os.path.join(d, "VG-SGG-dicts-with-attri.json"), {
        "object_count": {n: 900 - i for i, n in enumerate(VG_OBJECTS)},
        "idx_to_label": {str(i): n for n, i in L.items()}, "predicate_to_idx": P,
        "predicate_count": {n: 300 - i for i, n in enumerate(VG_PREDICATES)},
        "idx_to_predicate": {str(i): n for n, i in P.items()}, "label_to_idx": L,
        "attribute_count": {"white": 3, "red": 2}, "idx_to_attribute": {"1": "white", "2": "red"},
        "attribute_to_idx": {"white": 1, "red": 2}})
    dump_json(os.path.join(d, "image_data.json"), image_data)
    expected = {
        "test": sgb_expected(h5, image_data, "test"),
        "val_2": sgb_expected(h5, image_data, "val", num_val=2),
        "val_default": sgb_expected(h5, image_data, "val"),
        "train_2": sgb_expected(h5, image_data, "train", num_val=2),
        "train_2_nonoverlap": sgb_expected(h5, image_data, "train", num_val=2, filter_non_overlap=True),
        "test_raw": sgb_expected(h5, image_data, "test", clip=False, float32=False),
        "test_512": sgb_expected(h5, image_data, "test", scale=512),
    }
    dump_json(os.path.join(d, "expected.json"), expected)
    # A VG-SGG.h5-style copy without the optional datasets (Xu's file has no attributes).
    d2 = os.path.join(HERE, "vg150_xu")
    os.makedirs(d2, exist_ok=True)
    with h5py.File(os.path.join(d2, "VG-SGG.h5"), "w") as f:
        for k in ("boxes_1024", "img_to_first_box", "img_to_first_rel", "img_to_last_box",
                  "img_to_last_rel", "labels", "predicates", "relationships", "split"):
            src = {"img_to_first_box": "f_box", "img_to_first_rel": "f_rel",
                   "img_to_last_box": "l_box", "img_to_last_rel": "l_rel"}.get(k, k)
            dt = np.int64 if k in ("labels", "predicates") else np.int32
            f.create_dataset(k, data=np.array(a[src], dtype=dt))
    dicts = json.load(open(os.path.join(d, "VG-SGG-dicts-with-attri.json")))
    for k in list(dicts):
        if "attribute" in k or k in ("label_to_idx", "predicate_to_idx"):
            del dicts[k]                      # only the idx_to_* form: exercises the fallback
    dump_json(os.path.join(d2, "VG-SGG-dicts.json"), dicts)
    dump_json(os.path.join(d2, "image_data.json"), image_data)
    # Files outside the supported HDF5 subset.
    c = os.path.join(HERE, "corrupt")
    os.makedirs(c, exist_ok=True)
    write_vg_h5(os.path.join(c, "chunked_gzip.h5"), a, compression="gzip", chunks=True)
    write_vg_h5(os.path.join(c, "libver_latest.h5"), a, libver="latest")


# --------------------------------------------------------------------------------------------
# PSG
# --------------------------------------------------------------------------------------------
PSG_THING = ["person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
             "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat",
             "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack",
             "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball",
             "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket",
             "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
             "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake",
             "chair", "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop",
             "mouse", "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
             "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
             "toothbrush"]
PSG_STUFF = ["banner", "blanket", "bridge", "cardboard", "counter", "curtain", "door-stuff",
             "floor-wood", "flower", "fruit", "gravel", "house", "light", "mirror-stuff", "net",
             "pillow", "platform", "playingfield", "railroad", "river", "road", "roof", "sand",
             "sea", "shelf", "snow", "stairs", "tent", "towel", "wall-brick", "wall-stone",
             "wall-tile", "wall-wood", "water-other", "window-blind", "window-other",
             "tree-merged", "fence-merged", "ceiling-merged", "sky-other-merged", "cabinet-merged",
             "table-merged", "floor-other-merged", "pavement-merged", "mountain-merged",
             "grass-merged", "dirt-merged", "paper-merged", "food-other-merged",
             "building-other-merged", "rock-merged", "wall-other-merged", "rug-merged"]
PSG_PREDICATES = ["over", "in front of", "beside", "on", "in", "attached to", "hanging from",
                  "on back of", "falling off", "going down", "painted on", "walking on",
                  "running on", "crossing", "standing on", "lying on", "sitting on", "flying over",
                  "jumping over", "jumping from", "wearing", "holding", "carrying", "looking at",
                  "guiding", "kissing", "eating", "drinking", "feeding", "biting", "catching",
                  "picking", "playing with", "chasing", "climbing", "cleaning", "playing",
                  "touching", "pushing", "pulling", "opening", "cooking", "talking to", "throwing",
                  "slicing", "driving", "riding", "parked on", "driving on", "about to hit",
                  "kicking", "swinging", "entering", "exiting", "enclosing", "leaning on"]
assert (len(PSG_THING), len(PSG_STUFF), len(PSG_PREDICATES)) == (80, 53, 56)

# (image_id, coco_id, folder, w, h, segments [(class, x1, y1, x2, y2, iscrowd)], relations (s, pred, o))
PSG_IMAGES = [
    ("107902", "417720", "train2017", 480, 640,
     [("person", 49, 162, 207, 617, 0), ("person", 259, 158, 397, 631, 0),
      ("umbrella", 157, 75, 469, 279, 0), ("tree-merged", 0, 0, 480, 131, 0),
      ("fence-merged", 0, 112, 480, 323, 0), ("sky-other-merged", 215, 0, 480, 54, 0),
      ("grass-merged", 0, 285, 480, 640, 0)],
     [(0, "beside", 1), (0, "standing on", 6), (1, "holding", 2), (1, "standing on", 6),
      (4, "in front of", 3), (5, "over", 3), (1, "carrying", 2)]),        # 2 predicates, pair (1,2)
    ("2000001", "139", "val2017", 640, 426,
     [("person", 10.5, 20.25, 200, 400, 0), ("tv", 300, 50, 400, 150, 0),
      ("wall-other-merged", 0, 0, 640, 426, 0)],
     [(0, "looking at", 1), (1, "on", 2), (0, "looking at", 1), (0, "in front of", 1)]),
    ("2000002", "285", "val2017", 586, 640, [("bear", 0, 10, 586, 640, 0)], []),   # dropped
    ("2000003", "632", "train2017", 640, 480,
     [("bed", 0, 200, 640, 480, 0), ("person", 100, 100, 300, 400, 1)],
     [(1, "lying on", 0)]),
    ("2000004", "724", "val2017", 375, 500,
     [("stop sign", 20, 30, 375, 300, 0), ("pavement-merged", 0, 300, 375, 500, 0)],
     [(0, "on", 1)]),
    ("2000005", "776", "train2017", 500, 375, [("teddy bear", 1, 1, 2, 2, 0)], []),  # dropped
]
PSG_TEST_IDS = ["2000001", "2000002", "2000004"]


def make_psg():
    d = os.path.join(HERE, "psg")
    os.makedirs(d, exist_ok=True)
    classes = PSG_THING + PSG_STUFF
    data = []
    for image_id, coco_id, folder, w, h, segs, rels in PSG_IMAGES:
        seg_info, anns = [], []
        for k, (name, x1, y1, x2, y2, crowd) in enumerate(segs):
            c = classes.index(name)
            seg_info.append({"id": 3000000 + 101 * k, "category_id": c, "iscrowd": crowd,
                             "isthing": int(c < 80), "area": int((x2 - x1) * (y2 - y1) * 0.6)})
            anns.append({"bbox": [float(x1), float(y1), float(x2), float(y2)], "bbox_mode": 0,
                         "category_id": c})
        data.append({"file_name": f"{folder}/{int(coco_id):012d}.jpg", "height": h, "width": w,
                     "image_id": image_id, "pan_seg_file_name": f"panoptic_{folder}/{int(coco_id):012d}.png",
                     "segments_info": seg_info,
                     "relations": [[s, o, PSG_PREDICATES.index(p)] for s, p, o in rels],
                     "annotations": anns, "coco_image_id": coco_id})
    doc = {"data": data, "thing_classes": PSG_THING, "stuff_classes": PSG_STUFF,
           "predicate_classes": PSG_PREDICATES, "test_image_ids": PSG_TEST_IDS}
    dump_json(os.path.join(d, "psg.json"), doc)

    # OpenPSG: drop zero-relation images, split by test_image_ids; test drops exact duplicate
    # triplets only (train picks a random predicate per pair: only counts are checked).
    def split(test):
        out, dropped = [], 0
        for im in data:
            if (im["image_id"] in PSG_TEST_IDS) != test:
                continue
            if not im["relations"]:
                dropped += 1
                continue
            rels = []
            if test:
                for r in im["relations"]:
                    if tuple(r) not in [tuple(x) for x in rels]:
                        rels.append(r)
            else:
                pairs = OrderedDict()
                for s, o, p in im["relations"]:
                    pairs.setdefault((s, o), []).append(p)
                rels = [[s, o, ps] for (s, o), ps in pairs.items()]   # candidate predicates
            out.append({"id": im["image_id"], "width": im["width"], "height": im["height"],
                        "objects": [{"label": classes[a["category_id"]], "box": a["bbox"]}
                                    for a in im["annotations"]],
                        "relations": [[s, PSG_PREDICATES[p], o] if test else
                                      [s, [PSG_PREDICATES[x] for x in p], o] for s, o, p in rels]})
        return out, dropped
    test, test_dropped = split(True)
    train, train_dropped = split(False)
    dump_json(os.path.join(d, "expected.json"), {"test": test, "test_dropped": test_dropped,
                                                 "train": train, "train_dropped": train_dropped})


# --------------------------------------------------------------------------------------------
# PVSG: palette PNGs written with a small encoder that uses every scanline filter
# --------------------------------------------------------------------------------------------
def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def png_bytes(pixels, depth=8, interlace=0, corrupt_crc=False):
    """8-bit-or-less palette PNG of a 2-D list of indices; row r uses filter r % 5."""
    h, w = len(pixels), len(pixels[0])
    rows = []
    for r in pixels:
        if depth == 8:
            rows.append(bytes(r))
        else:
            per = 8 // depth
            out = bytearray()
            for i in range(0, w, per):
                byte = 0
                for k in range(per):
                    v = r[i + k] if i + k < w else 0
                    byte |= v << (8 - depth * (k + 1))
                out.append(byte)
            rows.append(bytes(out))
    raw = bytearray()
    prev = bytes(len(rows[0]))
    for y, row in enumerate(rows):
        ftype = y % 5
        enc = bytearray()
        for x in range(len(row)):
            a = row[x - 1] if x >= 1 else 0             # bpp = 1 byte for palette images
            b = prev[x] if y > 0 else 0
            c = prev[x - 1] if (x >= 1 and y > 0) else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
            enc.append((row[x] - pred) % 256)
        raw.append(ftype)
        raw += enc
        prev = row

    def chunk(tag, body):
        crc = zlib.crc32(tag + body) & 0xFFFFFFFF
        if corrupt_crc and tag == b"IDAT":
            crc ^= 1
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", crc)
    palette = b"".join(bytes([(53 * i) % 256, (97 * i) % 256, (31 * i) % 256]) for i in range(1 << depth))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, 3, 0, 0, interlace))
            + chunk(b"PLTE", palette) + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def rect(mask, v, x0, y0, x1, y1):
    for y in range(y0, y1):
        for x in range(x0, x1):
            mask[y][x] = v


def video_a_mask(t, W=21, H=15):
    m = [[0] * W for _ in range(H)]
    if t == 5:
        return m                                         # empty mask: no objects
    rect(m, 1, 0, 0, W, 4)                               # wall, top rows
    if t == 4:
        return m                                         # only the wall: no relation active
    rect(m, 4, 11, 9, 20, 15)                            # table
    rect(m, 3, 12 + t, 6, 16 + t, 9)                     # cake moves right
    if t != 3:
        rect(m, 2, 1, 3, 6, 14)                          # adult (absent at frame 3)
        m[14][0] = 2                                     # a stray pixel widens the box
    m[0][W - 1] = 9                                      # id 9 is not declared in objects
    return m


def video_b_mask(t, W=13, H=9):
    m = [[0] * W for _ in range(H)]
    rect(m, 1, 0, 6, W, H)                               # floor
    rect(m, 2, 2 + t, 1, 5 + t, 7)                       # adult
    rect(m, 3, 6, 3, 12, 5)                              # knife
    return m


PVSG_A = "0001_4164158586"
PVSG_B = "P01_01"
PVSG_C = "0a1b2c3d-feed-4bee-8a5e-0123456789ab"


def make_pvsg():
    d = os.path.join(HERE, "pvsg")
    videos = {
        PVSG_A: dict(source="vidor", layout="source", frames=6, mask=video_a_mask, depth=lambda t: 8,
                     W=21, H=15,
                     objects=[(1, "wall", False), (2, "adult", True), (3, "cake", True),
                              (4, "table", True), (5, "child", True)],
                     relations=[[2, 3, "looking at", [[0, 2], [4, 5]]], [3, 4, "on", [[0, 5]]],
                                [2, 4, "beside", []], [5, 3, "holding", [[0, 5]]],
                                [3, 3, "on", [[0, 5]]], [2, 3, "looking at", [[1, 1]]]]),
        PVSG_B: dict(source="epic_kitchen", layout="flat", frames=3, mask=video_b_mask,
                     depth=lambda t: [2, 4, 8][t], W=13, H=9,
                     objects=[(1, "floor", False), (2, "adult", True), (3, "knife", True)],
                     relations=[[2, 3, "holding", [[0, 1]]], [3, 1, "on", [[1, 2]]]]),
        PVSG_C: dict(source="ego4d", layout=None, frames=0, W=32, H=24,
                     objects=[(1, "ground", False)], relations=[]),
    }
    split = {"vidor": {"train": [], "val": [PVSG_A]},
             "epic_kitchen": {"train": [PVSG_B], "val": []},
             "ego4d": {"train": [], "val": [PVSG_C]}}
    data = []
    raw_masks = {}
    for vid, v in videos.items():
        data.append({"video_id": vid,
                     "meta": {"height": v["H"], "width": v["W"], "fps": 5,
                              "duration": v["frames"] / 5, "num_frames": v["frames"]},
                     "objects": [{"object_id": i, "category": c, "is_thing": th, "status": []}
                                 for i, c, th in v["objects"]],
                     "relations": v["relations"],
                     "captions": [{"time": "0000-0002", "description": "synthetic"}],
                     "qa_pairs": [], "summary": "synthetic video"})
        if not v["layout"]:
            continue
        mdir = (os.path.join(d, v["source"], "masks", vid) if v["layout"] == "source"
                else os.path.join(d, "masks", vid))
        os.makedirs(mdir, exist_ok=True)
        for t in range(v["frames"]):
            m = v["mask"](t)
            raw_masks[(vid, t)] = m
            with open(os.path.join(mdir, f"{t:04d}.png"), "wb") as fh:
                fh.write(png_bytes(m, depth=v["depth"](t)))
    doc = {"objects": {"thing": ["adult", "cake", "child", "knife", "table"],
                       "stuff": ["floor", "ground", "wall"]},
           "relations": ["beside", "holding", "looking at", "on"], "split": split, "data": data}
    dump_json(os.path.join(d, "pvsg.json"), doc)
    with open(os.path.join(d, "frames_thinned.txt"), "w") as fh:
        fh.write(f"{PVSG_A}_0000\n{PVSG_A}_0002\n\n")

    def frames_for(split_name, keep_empty=False):
        out = []
        for vid, v in videos.items():
            if vid not in sum((s[split_name] for s in split.values()), []) or not v["layout"]:
                continue
            cat = {i: c for i, c, _ in v["objects"]}
            for t in range(v["frames"]):
                m = np.array(raw_masks[(vid, t)])
                ids = sorted(int(i) for i in np.unique(m) if i != 0 and int(i) in cat)
                if not ids:
                    continue
                boxes = []
                for i in ids:
                    ys, xs = np.nonzero(m == i)
                    boxes.append([int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())])
                new = {oid: k for k, oid in enumerate(ids)}
                rels, seen = [], set()
                for s, o, p, spans in v["relations"]:
                    if spans and not any(a <= t <= b for a, b in spans):
                        continue
                    if s not in new or o not in new or new[s] == new[o]:
                        continue
                    key = (new[s], new[o], p)
                    if key in seen:
                        continue
                    seen.add(key)
                    rels.append([new[s], p, new[o]])
                if not rels and not keep_empty:
                    continue
                out.append({"id": f"{vid}_{t:04d}", "video": vid, "frame": t,
                            "width": v["W"], "height": v["H"],
                            "objects": [{"label": cat[i], "box": b} for i, b in zip(ids, boxes)],
                            "relations": rels})
        return out
    dump_json(os.path.join(d, "expected.json"), {
        "masks": {f"{vid}/{t:04d}": m for (vid, t), m in raw_masks.items()},
        "val": frames_for("val"), "val_keep_empty": frames_for("val", keep_empty=True),
        "train": frames_for("train")})
    c = os.path.join(HERE, "corrupt")
    os.makedirs(c, exist_ok=True)
    with open(os.path.join(c, "bad_crc.png"), "wb") as fh:
        fh.write(png_bytes(video_b_mask(0), corrupt_crc=True))
    with open(os.path.join(c, "interlaced.png"), "wb") as fh:
        fh.write(png_bytes(video_b_mask(0), interlace=1))


# --------------------------------------------------------------------------------------------
# Action Genome
# --------------------------------------------------------------------------------------------
AG_OBJECT_TXT = ["person", "bag", "bed", "blanket", "book", "box", "broom", "chair",
                 "closetcabinet", "clothes", "cupglassbottle", "dish", "door", "doorknob",
                 "doorway", "floor", "food", "groceries", "laptop", "light", "medicine", "mirror",
                 "papernotebook", "phonecamera", "picture", "pillow", "refrigerator", "sandwich",
                 "shelf", "shoe", "sofacouch", "table", "television", "towel", "vacuum", "window"]
AG_REL_TXT = ["lookingat", "notlookingat", "unsure", "above", "beneath", "infrontof", "behind",
              "onthesideof", "in", "carrying", "coveredby", "drinkingfrom", "eating",
              "haveitontheback", "holding", "leaningon", "lyingon", "notcontacting",
              "otherrelationship", "sittingon", "standingon", "touching", "twisting", "wearing",
              "wiping", "writingon"]
# STTran's patched names (dataloader/action_genome.py).
AG_OBJECTS = list(AG_OBJECT_TXT)
for i, n in ((8, "closet/cabinet"), (10, "cup/glass/bottle"), (22, "paper/notebook"),
             (23, "phone/camera"), (30, "sofa/couch")):
    AG_OBJECTS[i] = n
AG_RELS = list(AG_REL_TXT)
for i, n in ((0, "looking_at"), (1, "not_looking_at"), (5, "in_front_of"), (7, "on_the_side_of"),
             (10, "covered_by"), (11, "drinking_from"), (13, "have_it_on_the_back"),
             (15, "leaning_on"), (16, "lying_on"), (17, "not_contacting"),
             (18, "other_relationship"), (19, "sitting_on"), (20, "standing_on"),
             (25, "writing_on")):
    AG_RELS[i] = n


def ag_obj(video, frame, cls, bbox, att, spa, con, split, visible=True):
    return {"class": cls, "bbox": bbox, "attention_relationship": att,
            "spatial_relationship": spa, "contacting_relationship": con,
            "metadata": {"tag": f"{video}/{cls}/{frame[:-4]}", "set": split}, "visible": visible}


def ag_person(boxes, size):
    n = len(boxes)
    return {"bbox": np.asarray(boxes, dtype=np.float32).reshape(n, 4),
            "bbox_score": np.linspace(0.9, 0.99, n).astype(np.float32), "bbox_size": size,
            "bbox_mode": "xyxy", "keypoints": np.ones((n, 17, 3), dtype=np.float32),
            "keypoints_logits": np.zeros((n, 17), dtype=np.float32)}


def ag_data():
    objs, pers = {}, {}
    invisible = lambda v, f, c, s: ag_obj(v, f, c, None, None, None, None, s, visible=False)
    v = "001YG.mp4"                                      # train, 3 frames: kept
    for i, f in enumerate(["000089.png", "000093.png", "000120.png"]):
        k = f"{v}/{f}"
        objs[k] = [ag_obj(v, f, "table", (222.10317460317458 + i, 143.829365079365,
                                          257.77777777777777, 101.11111111111109),
                          ["unsure"], ["in_front_of"], ["not_contacting"], "train"),
                   ag_obj(v, f, "chair", (56.34126984126985, 179.16666666666663, 192.77777777777777,
                                          90.56890211160798),
                          ["not_looking_at"], ["beneath", "behind"], ["sitting_on", "leaning_on"], "train"),
                   invisible(v, f, "dish", "train")]
        if i == 2:
            objs[k].append(ag_obj(v, f, "cup/glass/bottle", (300.5, 20.0, 15.25, 30.0),
                                  ["looking_at"], ["on_the_side_of"],
                                  ["have_it_on_the_back", "other_relationship"], "train"))
        pers[k] = ag_person([[30.254154, 72.110634, 250.53336, 267.7752]], (480, 270))
    v = "00607.mp4"                                      # test, portrait, 5 frames -> 3 kept
    for i, f in enumerate(["000016.png", "000047.png", "000078.png", "000109.png", "000140.png"]):
        k = f"{v}/{f}"
        if i == 2:
            objs[k] = [invisible(v, f, "dish", "test"), invisible(v, f, "table", "test")]
        else:
            objs[k] = [invisible(v, f, "dish", "test"),
                       ag_obj(v, f, "table", (208.2368, 229.0974 + i, 61.7632, 104.2942),
                              ["looking_at"], ["beneath"], ["touching"], "test"),
                       ag_obj(v, f, "sofa/couch", (0.0, 300.0, 270.0, 180.0),
                              ["not_looking_at"], ["behind", "above"], ["sitting_on"], "test")]
        boxes = [] if i == 1 else [[140.7502, 150.3986, 229.9369, 328.0558]]
        if i == 3:
            boxes.append([1.5, 2.5, 3.5, 4.5])           # a second detection: row 0 is used
        pers[k] = ag_person(boxes, (270, 480))
    v = "0A8CF.mp4"                                      # test, 2 frames: STTran drops it
    for f in ["000001.png", "000002.png"]:
        k = f"{v}/{f}"
        objs[k] = [ag_obj(v, f, "book", (10.0, 10.0, 20.0, 20.0), ["looking_at"], ["in"],
                          ["holding"], "test")]
        pers[k] = ag_person([[0.0, 0.0, 100.0, 200.0]], (480, 360))
    v = "0BX9N.mp4"                                      # train, 1 frame: dropped
    k = f"{v}/000005.png"
    objs[k] = [ag_obj(v, "000005.png", "phone/camera", (1.0, 2.0, 3.0, 4.0), ["unsure"],
                      ["in_front_of"], ["holding"], "train")]
    pers[k] = ag_person([[5.0, 5.0, 50.0, 50.0]], (480, 360))
    v = "ZBULK.mp4"                                      # train, many frames: long memo
    for j in range(40):
        f = f"{7 + 30 * j:06d}.png"
        k = f"{v}/{f}"
        objs[k] = [ag_obj(v, f, "paper/notebook", (10.5 + j, 20.25, 30.0 + j / 8, 40.0),
                          ["looking_at"], ["in_front_of", "beneath"][: 1 + j % 2],
                          ["holding"] if j % 3 else ["writing_on", "touching"], "train"),
                   ag_obj(v, f, "closet/cabinet", (100.0, 100.0, 50.0, 50.0 + j), ["unsure"],
                          ["behind"], ["not_contacting"], "train")]
        pers[k] = ag_person([[1.0 + j, 2.0, 3.0 + j, 4.0]] * (1 + j % 3), (480, 360))
    return objs, pers


def sttran_expected(objs, pers, mode, filter_person=True, min_frames=3):
    videos = OrderedDict()
    for k in pers:
        if objs[k][0]["metadata"]["set"] != mode:
            continue
        if not any(o["visible"] for o in objs[k]):
            continue
        videos.setdefault(k.split("/")[0], []).append(k)
    out = []
    for v, keys in videos.items():
        frames = []
        for k in keys:
            pb = pers[k]["bbox"]
            if filter_person and pb.shape[0] == 0:
                continue
            objects, rels = [], []
            if pb.shape[0] > 0:
                objects.append({"label": "person", "box": [float(x) for x in pb[0]]})
            for o in objs[k]:
                if not o["visible"]:
                    continue
                x, y, w, h = o["bbox"]
                m = len(objects)
                objects.append({"label": o["class"], "box": [x, y, x + w, y + h]})
                if pb.shape[0] == 0:
                    continue
                for r in o["attention_relationship"]:
                    rels.append([0, r, m])
                for r in o["spatial_relationship"]:
                    rels.append([m, r, 0])                 # object -> person
                for r in o["contacting_relationship"]:
                    rels.append([0, r, m])
            w, h = pers[k]["bbox_size"]
            frames.append({"id": k, "video": v, "frame": int(k.split("/")[1][:-4]),
                           "width": w, "height": h, "objects": objects, "relations": rels})
        if len(frames) >= min_frames:
            out += frames
    return out


def numpy1_globals(blob):
    """Rewrite numpy 2.x module paths to the numpy 1.x ones (GLOBAL opcode text, protocols 2-3,
    has no length prefixes, so a byte substitution is exact)."""
    return blob.replace(b"numpy._core.multiarray\n", b"numpy.core.multiarray\n")


def make_ag():
    objs, pers = ag_data()
    targets = {"ag": (4, False), os.path.join("ag_protocols", "p2_numpy1"): (2, True),
               os.path.join("ag_protocols", "p3_numpy1"): (3, True),
               os.path.join("ag_protocols", "p5"): (5, False)}
    for sub, (proto, np1) in targets.items():
        d = os.path.join(HERE, sub)
        os.makedirs(d, exist_ok=True)
        for name, obj in (("object_bbox_and_relationship.pkl", objs), ("person_bbox.pkl", pers)):
            blob = pickle.dumps(obj, protocol=proto)
            if np1:
                blob = numpy1_globals(blob)
                assert b"numpy._core" not in blob
            with open(os.path.join(d, name), "wb") as fh:
                fh.write(blob)
        with open(os.path.join(d, "object_classes.txt"), "w") as fh:
            fh.write("\n".join(AG_OBJECT_TXT) + "\n")
        with open(os.path.join(d, "relationship_classes.txt"), "w") as fh:
            fh.write("\n".join(AG_REL_TXT) + "\n")
        with open(os.path.join(d, "frame_list.txt"), "w") as fh:
            fh.write("\n".join(sorted(objs)) + "\n")
    dump_json(os.path.join(HERE, "ag", "expected.json"), {
        "train": sttran_expected(objs, pers, "train"),
        "test": sttran_expected(objs, pers, "test"),
        "test_keep_nonperson": sttran_expected(objs, pers, "test", filter_person=False),
        "vocabulary": {"objects": AG_OBJECTS, "predicates": AG_RELS},
        "person_bbox_first": {k: [float(x) for x in p["bbox"].reshape(-1)] for k, p in list(pers.items())[:9]},
    })
    # Arrays in layouts the AG files do not use but numpy can write: Fortran order, big-endian.
    pk = os.path.join(HERE, "pickles")
    os.makedirs(pk, exist_ok=True)
    arrays = {"fortran_f8": np.asfortranarray(np.arange(1, 7, dtype=np.float64).reshape(2, 3)),
              "big_endian_i4": np.array([[-2, 70000], [3, -1]], dtype=">i4"),
              "bool": np.array([True, False, True]), "empty": np.zeros((0, 4), dtype=np.float32)}
    for proto in (2, 4):
        with open(os.path.join(pk, f"arrays_p{proto}.pkl"), "wb") as fh:
            fh.write(pickle.dumps(arrays, protocol=proto))
    c = os.path.join(HERE, "corrupt")
    os.makedirs(c, exist_ok=True)

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))
    with open(os.path.join(c, "evil.pkl"), "wb") as fh:
        fh.write(pickle.dumps({"x": Evil()}, protocol=4))


if __name__ == "__main__":
    make_vg150()
    make_psg()
    make_pvsg()
    make_ag()
    total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(HERE) for f in fs)
    print(f"wrote fixtures under {HERE} ({total / 1024:.0f} KB)")
