#!/usr/bin/env python3
"""Ack time under a slow OpenDota, and OpenDota calls per question (cold, then repeated).

Starts local fakes of OpenDota (answers from fixtures/opendota after a delay) and of the Graph API
(records Send API calls), starts the bot binary against them, then:

1. posts N signed webhook bodies (each a new message asking for a player's stats) and times how
   long the bot takes to answer each POST while OpenDota takes --delay seconds per call;
2. asks for one player's stats cold, waits for the replies, and counts the OpenDota calls; asks the
   same again (a new message) and counts again.

Only 127.0.0.1 is contacted; the bot process is stopped at the end.

    cargo build --release -p hbdta-bot
    python3 hbdta-bot/bench/ack_and_calls.py --bot target/release/hbdta-bot
"""

import argparse
import hashlib
import hmac
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "opendota"
SECRET = "bench-app-secret"
VERIFY = "bench-verify-token"
ACCOUNT = 311360822

ROUTES = {
    f"/api/players/{ACCOUNT}": "players_get__current",
    f"/api/players/{ACCOUNT}/heroes": "players_heroes__current",
    f"/api/players/{ACCOUNT}/wl": "players_wl__current",
    f"/api/players/{ACCOUNT}/recentMatches": "players_recent_matches__current",
    "/api/constants/heroes": "constants_heroes__current",
    "/api/constants/item_ids": "constants_item_ids__current",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeOpenDota(BaseHTTPRequestHandler):
    delay = 0.0
    calls = []
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        with FakeOpenDota.lock:
            FakeOpenDota.calls.append(path)
        time.sleep(FakeOpenDota.delay)
        name = ROUTES.get(path)
        if name is None and path.startswith("/api/heroes/") and path.endswith("/itemPopularity"):
            name = "heroes_item_popularity__current"
        if name is None:
            body, status = b'{"error":"Not Found"}', 404
        else:
            body, status = (FIXTURES / f"{name}.json").read_bytes(), 200
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class FakeGraph(BaseHTTPRequestHandler):
    sent = []
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("content-length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        with FakeGraph.lock:
            FakeGraph.sent.append(body)
        out = json.dumps({"recipient_id": "1", "message_id": f"m_{len(FakeGraph.sent)}"}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


def serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def body_for(mid, text, psid="7000000000000001"):
    event = {
        "sender": {"id": psid},
        "recipient": {"id": "104000000000001"},
        "timestamp": int(time.time() * 1000),
        "message": {"mid": mid, "text": text},
    }
    return json.dumps({"object": "page", "entry": [{"id": "104000000000001", "time": int(time.time() * 1000), "messaging": [event]}]}).encode()


def post(url, body):
    sig = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    req = urllib.request.Request(url, data=body, method="POST", headers={"content-type": "application/json", "x-hub-signature-256": sig})
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as resp:
        resp.read()
        status = resp.status
    return status, (time.perf_counter() - started) * 1000


def wait_for(predicate, timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bot", default=str(ROOT / "target" / "release" / "hbdta-bot"))
    ap.add_argument("--delay", type=float, default=2.0, help="seconds OpenDota takes per call in the ack test")
    ap.add_argument("--acks", type=int, default=50)
    args = ap.parse_args()

    opendota = serve(FakeOpenDota)
    graph = serve(FakeGraph)
    port = free_port()
    env = dict(os.environ)
    env.update({
        "MESSENGER_PAGE_ACCESS_TOKEN": "bench-page-token",
        "MESSENGER_APP_SECRET": SECRET,
        "MESSENGER_VERIFY_TOKEN": VERIFY,
        "MESSENGER_GRAPH_URL": f"http://127.0.0.1:{graph.server_port}",
        "OPENDOTA_BASE_URL": f"http://127.0.0.1:{opendota.server_port}/api",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "RUST_LOG": "warn",
    })
    bot = subprocess.Popen([args.bot], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/webhook"
    try:
        def up():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    return r.status == 200
            except OSError:
                return False
        if not wait_for(up, 20):
            sys.exit("the bot did not start")
        # Let the start-up warm-up of the constants finish, then start counting.
        wait_for(lambda: {"/api/constants/heroes", "/api/constants/item_ids"} <= set(FakeOpenDota.calls), 10)

        # 1. Ack time while OpenDota is slow.
        FakeOpenDota.delay = args.delay
        acks = []
        for i in range(args.acks):
            status, ms = post(url, body_for(f"m_ack_{i}", str(ACCOUNT), psid=f"71000000000{i:05d}"))
            assert status == 200, status
            acks.append(ms)
        acks.sort()
        p99 = acks[min(len(acks) - 1, int(len(acks) * 0.99))]
        print(f"ack with OpenDota answering in {args.delay:.1f} s: n={len(acks)} median={statistics.median(acks):.2f} ms p99={p99:.2f} ms max={acks[-1]:.2f} ms")

        # Wait for the slow answers to drain before counting calls.
        wait_for(lambda: len([b for b in FakeGraph.sent if "message" in b]) >= 2 * args.acks, 120)
        FakeOpenDota.delay = 0.0

        # 2. Calls per question: a player nobody asked about yet (fresh cache: restart not needed,
        #    the ack run asked about ACCOUNT, so use the cold numbers from a fresh bot below).
    finally:
        bot.terminate()
        bot.wait(timeout=30)

    # Fresh bot for the cold/repeated call count.
    FakeOpenDota.calls.clear()
    FakeGraph.sent.clear()
    bot = subprocess.Popen([args.bot], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_for(up, 20):
            sys.exit("the bot did not start")
        wait_for(lambda: {"/api/constants/heroes", "/api/constants/item_ids"} <= set(FakeOpenDota.calls), 10)
        before = len(FakeOpenDota.calls)
        post(url, body_for("m_cold", str(ACCOUNT)))
        wait_for(lambda: len([b for b in FakeGraph.sent if "message" in b]) >= 2, 30)
        time.sleep(0.3)
        cold = FakeOpenDota.calls[before:]
        before = len(FakeOpenDota.calls)
        sent_before = len([b for b in FakeGraph.sent if "message" in b])
        post(url, body_for("m_warm", str(ACCOUNT)))
        wait_for(lambda: len([b for b in FakeGraph.sent if "message" in b]) >= sent_before + 2, 30)
        time.sleep(0.3)
        warm = FakeOpenDota.calls[before:]
        print(f"OpenDota calls per stats question: cold={len(cold)} {cold}  repeated={len(warm)} {warm}")
    finally:
        bot.terminate()
        bot.wait(timeout=30)


if __name__ == "__main__":
    main()
