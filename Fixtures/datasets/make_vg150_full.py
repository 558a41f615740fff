#!/usr/bin/env python3
"""Writes a full-size synthetic VG150 download for load benchmarks (not committed: ~150 MB).

    python3 Fixtures/datasets/make_vg150_full.py OUT_DIR [--seed N]

OUT_DIR gets VG-SGG-with-attri.h5 with the released shapes and dtypes (108,073 image rows,
1,145,398 boxes, 622,705 relations; split 0 for the first 75,651 rows, 2 for the rest),
VG-SGG-dicts-with-attri.json (real 150/50 class lists, from make_fixtures.py) and
image_data.json (108,077 entries including the 4 corrupted ids).  It also writes summary.json
with the counts a loader must report, computed here with numpy:
  {"rows", "boxes", "relations", "test_images", "test_objects", "test_relations",
   "train_images", "val_images"}
Requires numpy and h5py.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import VG_OBJECTS, VG_PREDICATES, CORRUPTED  # noqa: E402

ROWS, BOXES, RELS = 108_073, 1_145_398, 622_705
TRAIN_ROWS = 75_651


def main():
    import h5py
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = args[0] if args else "vg150_full"
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 0
    rng = np.random.default_rng(seed)
    os.makedirs(out, exist_ok=True)

    # Box counts per image: a few images have none; the rest share BOXES.
    counts = rng.multinomial(BOXES - ROWS, np.full(ROWS, 1.0 / ROWS)) + 1
    empty = rng.choice(ROWS, 40, replace=False)
    spill = counts[empty].sum()
    counts[empty] = 0
    counts[rng.choice(np.setdiff1d(np.arange(ROWS), empty), spill)] += 1
    assert counts.sum() == BOXES
    first_box = np.where(counts > 0, np.cumsum(counts) - counts, -1).astype(np.int32)
    last_box = np.where(counts > 0, np.cumsum(counts) - 1, -1).astype(np.int32)

    # Relations: about 18% of images get none, the rest share RELS (needs ≥ 2 boxes... any box
    # pair, self pairs allowed, the loader does not care).
    has_rel = (counts > 0) & (rng.random(ROWS) > 0.18)
    idx = np.where(has_rel)[0]
    rcounts = np.zeros(ROWS, dtype=np.int64)
    rcounts[idx] = rng.multinomial(RELS - len(idx), np.full(len(idx), 1.0 / len(idx))) + 1
    first_rel = np.where(rcounts > 0, np.cumsum(rcounts) - rcounts, -1).astype(np.int32)
    last_rel = np.where(rcounts > 0, np.cumsum(rcounts) - 1, -1).astype(np.int32)
    owner = np.repeat(np.arange(ROWS), rcounts)
    subj = first_box[owner] + (rng.random(RELS) * counts[owner]).astype(np.int64)
    obj = first_box[owner] + (rng.random(RELS) * counts[owner]).astype(np.int64)
    relationships = np.stack([subj, obj], 1).astype(np.int32)

    w = rng.integers(1, 600, BOXES)
    h = rng.integers(1, 600, BOXES)
    x = rng.integers(0, 1022, BOXES)
    y = rng.integers(0, 1022, BOXES)
    w = np.minimum(w, 1024 - x)
    h = np.minimum(h, 1024 - y)
    boxes = np.stack([x + w // 2, y + h // 2, w, h], 1).astype(np.int32)
    split = np.where(np.arange(ROWS) < TRAIN_ROWS, 0, 2).astype(np.int32)

    with h5py.File(os.path.join(out, "VG-SGG-with-attri.h5"), "w") as f:
        f.create_dataset("active_object_mask", data=np.ones((BOXES, 1), dtype=bool))
        f.create_dataset("attributes", data=np.zeros((BOXES, 10), dtype=np.int64))
        f.create_dataset("boxes_1024", data=boxes)
        f.create_dataset("boxes_512", data=boxes // 2 + 1)
        f.create_dataset("img_to_first_box", data=first_box)
        f.create_dataset("img_to_first_rel", data=first_rel)
        f.create_dataset("img_to_last_box", data=last_box)
        f.create_dataset("img_to_last_rel", data=last_rel)
        f.create_dataset("labels", data=rng.integers(1, 151, (BOXES, 1)).astype(np.int64))
        f.create_dataset("predicates", data=rng.integers(1, 51, (RELS, 1)).astype(np.int64))
        f.create_dataset("relationships", data=relationships)
        f.create_dataset("split", data=split)

    L = {n: i + 1 for i, n in enumerate(VG_OBJECTS)}
    P = {n: i + 1 for i, n in enumerate(VG_PREDICATES)}
    with open(os.path.join(out, "VG-SGG-dicts-with-attri.json"), "w") as fh:
        json.dump({"label_to_idx": L, "idx_to_label": {str(i): n for n, i in L.items()},
                   "predicate_to_idx": P, "idx_to_predicate": {str(i): n for n, i in P.items()}}, fh)
    ids = np.arange(1, ROWS + 1) * 3 + 7                   # never one of the corrupted ids
    assert not CORRUPTED.intersection(ids.tolist())
    sizes = rng.integers(300, 1025, (ROWS, 2))
    entries = [{"width": int(a), "url": f"https://cs.stanford.edu/people/rak248/VG_100K/{i}.jpg",
                "height": int(b), "image_id": int(i), "coco_id": None, "flickr_id": None}
               for i, (a, b) in zip(ids, sizes)]
    for k, bad in enumerate(sorted(CORRUPTED)):           # interleave the 4 corrupted ids
        entries.insert(1000 * (k + 1), {"width": 500, "url": "", "height": 500, "image_id": bad,
                                        "coco_id": None, "flickr_id": None})
    with open(os.path.join(out, "image_data.json"), "w") as fh:
        json.dump(entries, fh)

    ok = (first_box >= 0) & (first_rel >= 0)
    test = ok & (split == 2)
    train = np.where(ok & (split == 0))[0]
    summary = {"rows": ROWS, "boxes": BOXES, "relations": RELS,
               "test_images": int(test.sum()), "test_objects": int(counts[test].sum()),
               "test_relations": int(rcounts[test].sum()),
               "train_images": int(max(0, len(train) - 5000)), "val_images": int(min(5000, len(train)))}
    with open(os.path.join(out, "summary.json"), "w") as fh:
        json.dump(summary, fh)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
