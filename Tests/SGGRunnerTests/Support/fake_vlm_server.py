#!/usr/bin/env python3
"""A real chat-completions server for the runner tests (standard library only).

POST /v1/chat/completions answers with the ground-truth graph of the sample named by the
X-SGG-Sample-Id header, so scoring the run has known results:
  * requests whose `stop` contains "</answer>" get SceneGraphVLM TOON in the 640x480 frame
    (without the "<answer>\n" prefix when the request continues an assistant message);
  * others get R1-SGG JSON with boxes in the space given by --box-space (norm1000 or pixel).
It decodes the image data URL (JPEG SOF marker) and logs the size it got, the messages and the
sampling fields; GET /stats returns the log. Faults are injected per sample id.

usage: fake_vlm_server.py --gt GT.jsonl [--latency S] [--box-space norm1000|pixel]
       [--fault ID:KIND:COUNT ...] [--drop-relation ID ...]
KIND: 500, 429, 400, drop (close without answering), garbage (200 with a non-completion body),
      sleep (wait --sleep-seconds before answering). COUNT: how many first requests of ID fail
      (-1 = always). Prints "PORT <n>" once listening.
"""
import argparse
import base64
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def jpeg_size(data):
    """(width, height) from the first SOF marker of a JPEG."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ValueError("bad marker at %d" % i)
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h = int.from_bytes(data[i + 5:i + 7], "big")
            w = int.from_bytes(data[i + 7:i + 9], "big")
            return w, h
        i += 2 + length
    raise ValueError("no SOF marker")


def fmt(v):
    return int(v) if float(v).is_integer() else v


def answer_json(sample, space, drop_relation):
    w, h = sample["width"], sample["height"]
    ids = []
    counts = {}
    objects = []
    for o in sample["objects"]:
        counts[o["label"]] = counts.get(o["label"], 0) + 1
        oid = "%s.%d" % (o["label"], counts[o["label"]])
        ids.append(oid)
        x1, y1, x2, y2 = o["box"]
        if space == "norm1000":
            box = [x1 / w * 1000, y1 / h * 1000, x2 / w * 1000, y2 / h * 1000]
        else:
            box = [x1, y1, x2, y2]
        objects.append({"id": oid, "bbox": [fmt(v) for v in box]})
    rels = sample["relations"][:-1] if drop_relation else sample["relations"]
    relationships = [
        {"subject": ids[r["subject"]], "predicate": r["predicate"], "object": ids[r["object"]]}
        for r in rels
    ]
    return "```json\n" + json.dumps({"objects": objects, "relationships": relationships}) + "\n```"


def answer_toon(sample, drop_relation):
    sx, sy = 640 / sample["width"], 480 / sample["height"]
    lines = ["obj[%d]{id,name,x1,y1,x2,y2}:" % len(sample["objects"])]
    for i, o in enumerate(sample["objects"]):
        x1, y1, x2, y2 = o["box"]
        lines.append("%d,%s,%d,%d,%d,%d" % (
            i + 1, o["label"], round(x1 * sx), round(y1 * sy), round(x2 * sx), round(y2 * sy)))
    rels = sample["relations"][:-1] if drop_relation else sample["relations"]
    lines.append("rel[%d]{subj,pred,obj}:" % len(rels))
    for r in rels:
        lines.append("%d,%s,%d" % (r["subject"] + 1, "-".join(r["predicate"].split()), r["object"] + 1))
    return "\n".join(lines) + "\n"


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.log = []
        self.seen = {}
        self.samples = {}
        with open(args.gt) as f:
            for line in f:
                if line.strip():
                    s = json.loads(line)
                    self.samples[s["id"]] = s
        self.faults = {}
        for spec in args.fault:
            sid, kind, count = spec.rsplit(":", 2)
            self.faults[sid] = (kind, int(count))
        self.drop_relation = set(args.drop_relation)
        self.args = args


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *a):
            pass

        def send_json(self, status, obj, headers=()):
            body = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/stats":
                with state.lock:
                    self.send_json(200, {"requests": state.log})
            elif self.path in ("/health", "/v1/models"):
                self.send_json(200, {"status": "ok"})
            else:
                self.send_json(404, {"error": "not found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            sid = self.headers.get("X-SGG-Sample-Id", "")
            entry = {"id": sid, "t": time.time(), "port": self.server.server_address[1]}
            try:
                body = json.loads(raw)
            except ValueError:
                self.send_json(400, {"error": "bad json"})
                return
            entry["model"] = body.get("model")
            for key in ("temperature", "top_p", "top_k", "max_tokens", "stop", "seed",
                        "continue_final_message", "add_generation_prompt"):
                entry[key] = body.get(key)
            entry["messages"] = []
            for m in body.get("messages", []):
                content = m.get("content")
                if isinstance(content, str):
                    entry["messages"].append({"role": m["role"], "parts": [["text", content]]})
                    continue
                parts = []
                for p in content:
                    if p.get("type") == "text":
                        parts.append(["text", p["text"]])
                    elif p.get("type") == "image_url":
                        url = p["image_url"]["url"]
                        head, b64 = url.split(",", 1)
                        try:
                            w, h = jpeg_size(base64.b64decode(b64))
                            parts.append(["image", head, w, h])
                        except ValueError as e:
                            parts.append(["image", head, str(e)])
                entry["messages"].append({"role": m["role"], "parts": parts})
            with state.lock:
                n = state.seen.get(sid, 0)
                state.seen[sid] = n + 1
                fault = state.faults.get(sid)
                failing = fault is not None and (fault[1] < 0 or n < fault[1])
                entry["attempt"] = n + 1
                entry["fault"] = fault[0] if failing else None
                state.log.append(entry)
            time.sleep(state.args.latency)
            if failing:
                kind = fault[0]
                if kind == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if kind == "garbage":
                    self.send_json(200, {"not": "a completion"})
                    return
                if kind == "sleep":
                    time.sleep(state.args.sleep_seconds)
                else:
                    headers = [("Retry-After", "0")] if kind == "429" else []
                    self.send_json(int(kind), {"error": "injected"}, headers)
                    return
            sample = state.samples.get(sid)
            if sample is None:
                self.send_json(404, {"error": "unknown sample " + sid})
                return
            stop = body.get("stop") or []
            msgs = body.get("messages", [])
            prefilled = bool(msgs) and msgs[-1].get("role") == "assistant"
            if "</answer>" in stop:
                text = answer_toon(sample, sid in state.drop_relation)
                if not prefilled:
                    text = "<answer>\n" + text
            else:
                text = answer_json(sample, state.args.box_space, sid in state.drop_relation)
            prompt_chars = sum(len(p[1]) for m in entry["messages"] for p in m["parts"] if p[0] == "text")
            self.send_json(200, {
                "id": "cmpl-" + sid, "object": "chat.completion", "model": body.get("model"),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": prompt_chars // 4, "completion_tokens": len(text) // 4,
                          "total_tokens": prompt_chars // 4 + len(text) // 4},
            })

    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gt", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--sleep-seconds", type=float, default=5.0)
    ap.add_argument("--box-space", default="norm1000")
    ap.add_argument("--fault", action="append", default=[])
    ap.add_argument("--drop-relation", action="append", default=[])
    args = ap.parse_args()
    state = State(args)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(state))
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
