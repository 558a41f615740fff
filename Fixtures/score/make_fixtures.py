#!/usr/bin/env python3
"""Writes the bundled scoring fixtures (gt.jsonl, preds.jsonl, vocab.json).

Each prediction line exercises one behaviour of the scorer; the comment beside it says which.
Run from this folder: python3 make_fixtures.py
"""
import json

vocab = {
    "objects": ["person", "horse", "hat", "dog", "tree", "car", "bike"],
    "predicates": ["on", "has", "riding", "wearing", "near", "next to", "holding"],
}

def s(id, objs, rels, w=640, h=480):
    return {"id": id, "width": w, "height": h,
            "objects": [{"label": l, "box": b} for l, b in objs],
            "relations": [{"subject": a, "predicate": p, "object": o} for a, p, o in rels]}

gt = [
    s("img1", [("person", [100, 50, 300, 400]), ("horse", [80, 200, 500, 470]), ("hat", [150, 40, 230, 90])],
      [(0, "riding", 1), (0, "wearing", 2), (2, "on", 0)]),
    s("img2", [("dog", [20, 20, 400, 400]), ("tree", [600, 0, 1200, 800])], [(0, "near", 1)], w=1280, h=960),
    s("img3", [("person", [0, 0, 100, 200]), ("bike", [20, 100, 150, 250])], [(0, "riding", 1), (0, "holding", 1)],
      w=1000, h=500),
    s("img4", [("car", [50, 50, 250, 150]), ("person", [260, 40, 320, 200])], [(1, "next to", 0)]),
    s("img5", [("person", [10, 10, 110, 300]), ("hat", [30, 0, 90, 40])], [(0, "wearing", 1)]),
    s("img6", [("tree", [0, 0, 200, 400]), ("dog", [220, 300, 330, 420])], [(1, "near", 0)]),
    s("img7", [("person", [200, 20, 300, 200]), ("horse", [150, 100, 450, 400])], [(0, "on", 1)]),
    s("img8", [("person", [0, 0, 50, 100]), ("dog", [40, 60, 90, 100])], [(0, "holding", 1)]),
    s("img9", [("tree", [5.5, 10.25, 300.75, 470])], []),
    s("img10", [("car", [0, 100, 300, 300]), ("person", [320, 80, 400, 300])], [(1, "near", 0)]),
    s("img11", [("person", [100, 100, 200, 300]), ("bike", [90, 200, 260, 330])], [(0, "on", 1)]),
    s("img12", [("person", [0, 0, 64, 48]), ("hat", [10, 0, 40, 10])], [(0, "has", 1)]),
]

def answer(graph, think="I look at the image."):
    return f"<think>{think}</think><answer>{json.dumps(graph)}</answer>"

preds = [
    # img1: R1-SGG JSON in <think>/<answer> tags, pixel boxes, one extra hallucinated dog.
    {"id": "img1", "response": answer({
        "objects": [{"id": "person.1", "bbox": [102, 48, 298, 405]}, {"id": "horse.1", "bbox": [85, 210, 495, 470]},
                    {"id": "hat.1", "bbox": [150, 40, 230, 90]}, {"id": "dog.1", "bbox": [500, 400, 600, 470]}],
        "relationships": [{"subject": "person.1", "predicate": "riding", "object": "horse.1"},
                          {"subject": "person.1", "predicate": "wearing", "object": "hat.1"},
                          {"subject": "dog.1", "predicate": "near", "object": "horse.1"}]}),
     "gen_time_s": 1.5, "usage": {"prompt_tokens": 300, "completion_tokens": 120}},
    # img2: SceneGraphVLM TOON rows in a 640x480 resized input (GT is 1280x960).
    {"id": "img2", "box_space": "resized:640x480",
     "response": "<answer>\nobj[2]{id,name,x1,y1,x2,y2}:\n1,dog,10,10,200,200\n2,tree,300,0,600,400\n"
                 "rel[1]{subj,pred,obj}:\n1,near,2\n</answer>",
     "gen_time_s": 0.5, "usage": {"prompt_tokens": 280, "completion_tokens": 40}},
    # img3: fenced JSON in 0-1000 space; the second relation has the wrong predicate.
    {"id": "img3", "box_space": "norm1000",
     "response": "```json\n" + json.dumps({
         "objects": [{"id": "person.1", "bbox": [0, 0, 100, 400]}, {"id": "bike.1", "bbox": [20, 200, 150, 500]}],
         "relationships": [{"subject": "person.1", "predicate": "riding", "object": "bike.1"},
                           {"subject": "person.1", "predicate": "on", "object": "bike.1"}]}) + "\n```",
     "gen_time_s": 1.0, "usage": {"prompt_tokens": 310, "completion_tokens": 90}},
    # img4: no answer: only a think block.
    {"id": "img4", "response": "<think>There is a car and a person next to it.</think>"},
    # img5: malformed: prose instead of a graph.
    {"id": "img5", "response": "Sorry, I cannot describe this image."},
    # img6: truncated: JSON cut off mid-object (max tokens reached).
    {"id": "img6", "response": '{"objects": [{"id": "tree.1", "bbox": [0, 0, 200, 400]}, {"id": "dog.1", "bbox": [220, 3',
     "finish_reason": "length"},
    # img7: missing field: no "relationships" key.
    {"id": "img7", "response": json.dumps({"objects": [{"id": "person.1", "bbox": [200, 20, 300, 200]}]})},
    # img8: bad box: three numbers.
    {"id": "img8", "response": json.dumps({"objects": [{"id": "person.1", "bbox": [0, 0, 50]}], "relationships": []})},
    # img9: bad field: the id is a number.
    {"id": "img9", "response": json.dumps({"objects": [{"id": 5, "bbox": [5, 10, 300, 470]}], "relationships": []})},
    # img10: a NaN coordinate (json.loads accepts NaN; our default rejects the box).
    {"id": "img10", "response": '{"objects": [{"id": "car.1", "bbox": [0, 100, NaN, 300]}, '
                                '{"id": "person.1", "bbox": [320, 80, 400, 300]}], "relationships": '
                                '[{"subject": "person.1", "predicate": "near", "object": "car.1"}]}'},
    # img11: TOON with headers but no object rows.
    {"id": "img11", "response": "<answer>\nobj[0]{id,name,x1,y1,x2,y2}:\nrel[0]{subj,pred,obj}:\n</answer>"},
    # img12: (no line) missing prediction.
    # An id the ground truth does not have.
    {"id": "img99", "response": answer({"objects": [], "relationships": []})},
    # A second line for img1: duplicate id, ignored (the first line wins).
    {"id": "img1", "response": answer({"objects": [], "relationships": []})},
]

with open("gt.jsonl", "w") as f:
    for g in gt:
        f.write(json.dumps(g) + "\n")
with open("preds.jsonl", "w") as f:
    lines = [json.dumps(p) for p in preds]
    # A line that is not JSON at all, after img3.
    lines.insert(3, '{"id": "img3b", "response": oops}')
    f.write("\n".join(lines) + "\n")
with open("vocab.json", "w") as f:
    json.dump(vocab, f, indent=1)
    f.write("\n")
