#!/usr/bin/env python3
"""A real HTTP/1.1 server speaking OpenAI chat completions, for the SGGJudge tests.

It answers judge prompts from a table and injects faults on request. Start it, read the first
stdout line ("PORT <n>"), then:

  POST /config   {"answers": {KEY: TEXT}, "default": "0", "faults": {KEY: [MODE, ...]},
                  "drop_after": N or null, "delay": S}
  GET  /stats    {"requests": n, "answered": n, "log": [{key, t, mode, user, system, model,
                  temperature, max_tokens, auth}, ...]}
  POST /reset    clear the stats and restart the fault sequences
  GET  /health   {"status": "ok"}

KEY is "obj:GT|PRED" for object prompts and "rel:S|P|O|S|P|O" (GT then prediction triplet) or
"rel:P|P" for relation prompts; the labels are read back from the prompt text.
MODE, consumed one per request for that key (then normal answers): "ok", "slow:S",
"429:S" (Retry-After seconds), "429date:S" (Retry-After as an HTTP-date S seconds ahead),
"500", "503:S", "400", "drop" (close the connection without a response), "malformed"
(truncated JSON), "nocontent" (content null), "answer:TEXT".
"drop_after": N answers N completions, then drops every later request (a dead server).
"delay": S sleeps S seconds before every answer.
The process exits when its stdin closes or its parent dies, so a killed test leaves no server
behind.
"""

import ast
import email.utils
import json
import os
import re
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"config": {"answers": {}, "default": "0", "faults": {}, "drop_after": None},
         "cursor": {}, "log": [], "requests": 0, "answered": 0}

LITERAL = r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
OBJ_SCENE = re.compile(r"Do the two labels " + LITERAL + r" \(from GT\) and " + LITERAL + r" \(from prediction\)")
OBJ_FREE = re.compile(r'^Are "(.*)" and "(.*)" synonymous in the context of', re.S)
TRIPLET = r"subject=" + LITERAL + r", predicate=" + LITERAL + r", object=" + LITERAL + r"\."
REL_GT = re.compile(r"(?:GT relation|Triplet 1): " + TRIPLET)
REL_PRED = re.compile(r"(?:Pred relation|Triplet 2): " + TRIPLET)


def keys_for(user):
    """Table keys for a prompt, most specific first."""
    m = OBJ_SCENE.search(user)
    if m:
        return ["obj:%s|%s" % (ast.literal_eval(m.group(1)), ast.literal_eval(m.group(2)))]
    m = OBJ_FREE.search(user)
    if m:
        return ["obj:%s|%s" % (m.group(1), m.group(2))]
    g, p = REL_GT.search(user), REL_PRED.search(user)
    if g and p:
        gt = [ast.literal_eval(x) for x in g.groups()]
        pr = [ast.literal_eval(x) for x in p.groups()]
        return ["rel:" + "|".join(gt + pr), "rel:%s|%s" % (gt[1], pr[1])]
    return ["unknown"]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Without this each keep-alive reply stalls ~45 ms (Nagle + delayed ACK; swift-notes §3).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def do_GET(self):
        if self.path == "/health":
            return self.reply(200, {"status": "ok"})
        if self.path == "/stats":
            with LOCK:
                stats = {"requests": STATE["requests"], "answered": STATE["answered"],
                         "log": list(STATE["log"])}
            return self.reply(200, stats)
        self.reply(404, {"error": {"message": "not found"}})

    def do_POST(self):
        body = self.read_body()
        if self.path == "/config":
            with LOCK:
                STATE["config"].update(json.loads(body or b"{}"))
                STATE["cursor"] = {}
            return self.reply(200, {"ok": True})
        if self.path == "/reset":
            with LOCK:
                STATE.update(cursor={}, log=[], requests=0, answered=0)
            return self.reply(200, {"ok": True})
        if self.path != "/v1/chat/completions":
            return self.reply(404, {"error": {"message": "not found: " + self.path}})
        try:
            request = json.loads(body)
            messages = request["messages"]
            system = next(m["content"] for m in messages if m["role"] == "system")
            user = next(m["content"] for m in messages if m["role"] == "user")
        except Exception as e:  # a malformed request is the client's bug: say so
            return self.reply(400, {"error": {"message": "bad request: %r" % e}})
        keys = keys_for(user)
        with LOCK:
            config = STATE["config"]
            STATE["requests"] += 1
            fault_key = next((k for k in keys if k in config["faults"]), keys[0])
            sequence = config["faults"].get(fault_key, [])
            i = STATE["cursor"].get(fault_key, 0)
            mode = sequence[i] if i < len(sequence) else "ok"
            STATE["cursor"][fault_key] = i + 1
            drop_after = config.get("drop_after")
            if drop_after is not None and STATE["answered"] >= drop_after:
                mode = "drop"
            answer = next((config["answers"][k] for k in keys if k in config["answers"]),
                          config.get("default", "0"))
            if mode.startswith("answer:"):
                answer = mode[len("answer:"):]
            will_answer = mode in ("ok",) or mode.startswith(("slow:", "answer:"))
            if will_answer:
                STATE["answered"] += 1
            STATE["log"].append({
                "key": keys[0], "t": time.monotonic(), "mode": mode, "user": user,
                "system": system, "model": request.get("model"),
                "temperature": request.get("temperature"),
                "max_tokens": request.get("max_tokens"),
                "auth": self.headers.get("Authorization")})
        kind, _, arg = mode.partition(":")
        if will_answer and config.get("delay"):
            time.sleep(float(config["delay"]))
        if kind == "slow":
            time.sleep(float(arg))
        if kind == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if kind == "429":
            return self.reply(429, {"error": {"message": "rate limited"}}, {"Retry-After": arg})
        if kind == "429date":
            date = email.utils.formatdate(time.time() + float(arg), usegmt=True)
            return self.reply(429, {"error": {"message": "rate limited"}}, {"Retry-After": date})
        if kind == "500":
            return self.reply(500, {"error": {"message": "internal error"}})
        if kind == "503":
            return self.reply(503, {"error": {"message": "overloaded"}}, {"Retry-After": arg})
        if kind == "400":
            return self.reply(400, {"error": {"message": "bad request"}})
        if kind == "malformed":
            return self.reply(200, b'{"choices": [{"message": {"content": "1"')
        if kind == "nocontent":
            return self.reply(200, {"choices": [{"index": 0, "message": {"role": "assistant", "content": None}}]})
        self.reply(200, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": request.get("model"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": answer}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})


def watch_stdin():
    sys.stdin.read()
    os._exit(0)


def watch_parent():
    # stdin EOF never comes when a sibling process inherited the pipe: also exit when the test
    # process that started us is gone (we get re-parented).
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    # A child of the Swift test process inherits its blocked signal mask: unblock, so SIGTERM
    # works.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, range(1, signal.NSIG))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Thread(target=watch_parent, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
