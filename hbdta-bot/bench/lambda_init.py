#!/usr/bin/env python3
"""hbdta-bot's Lambda init time against a local fake of the Lambda Runtime API.

Starts the binary as Lambda does (no arguments, AWS_LAMBDA_RUNTIME_API and the function's
variables set) --runs times. For each start it measures:

- init: from just before the process is spawned to the binary's first
  `GET /2018-06-01/runtime/invocation/next` (everything built once per environment is built by
  then: HTTP client and TLS roots, API clients, caches, AWS SDK client, router);
- first event: from handing out the first event (the API Gateway v2 handshake fixture) to its
  response being posted back;
- peak RSS (VmHWM) after that event.

The default worker mode (invoke) builds the AWS SDK client too; nothing is invoked. Only
127.0.0.1 is contacted (the Graph and OpenDota URLs point at a closed local port; the handshake
uses neither). Standard library only.

    cargo build --release -p hbdta-bot --features lambda
    python3 hbdta-bot/bench/lambda_init.py --bot target/release/hbdta-bot --runs 10
"""

import argparse
import json
import os
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVENT = ROOT / "fixtures" / "lambda" / "apigw_v2__webhook_handshake.json"
NEXT = "/2018-06-01/runtime/invocation/next"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Run:
    """One start: when `next` was first called, the events to hand out, what came back."""

    def __init__(self):
        self.first_next = None
        self.first_next_seen = threading.Event()
        self.events = queue.Queue()
        self.posted = queue.Queue()


class RuntimeServer(ThreadingHTTPServer):
    """One fake Runtime API per start, so a late request from the previous (killed) process can
    never take the next start's event."""

    daemon_threads = True

    def __init__(self, run):
        super().__init__(("127.0.0.1", 0), FakeRuntime)
        self.run = run

    def handle_error(self, request, client_address):
        pass  # the killed process's open `next` call: nothing to report


class FakeRuntime(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        run = self.server.run
        if self.path != NEXT:
            self.send_error(404)
            return
        if run.first_next is None:
            run.first_next = time.perf_counter()
            run.first_next_seen.set()
        item = run.events.get()
        if item is None:
            # The run is over: the process is being stopped.
            self.send_error(503)
            return
        request_id, body = item
        run.handed_out = time.perf_counter()
        data = body.encode()
        deadline = int(time.time() * 1000) + 30_000
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
        self.send_header("Lambda-Runtime-Deadline-Ms", str(deadline))
        self.send_header(
            "Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:eu-west-1:123456789012:function:hbdta-bot",
        )
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.server.run.posted.put((time.perf_counter(), self.path, body))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()


def vm_hwm_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def one_start(bot, mode, event):
    run = Run()
    server = RuntimeServer(run)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    runtime_addr = f"127.0.0.1:{server.server_address[1]}"
    closed = f"http://127.0.0.1:{free_port()}"
    env = {
        "AWS_LAMBDA_RUNTIME_API": runtime_addr,
        "AWS_LAMBDA_FUNCTION_NAME": "hbdta-bot",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/hbdta-bot",
        "AWS_LAMBDA_LOG_STREAM_NAME": "bench",
        "AWS_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "AKIDBENCH",
        "AWS_SECRET_ACCESS_KEY": "bench-secret-key",
        "AWS_SESSION_TOKEN": "bench-session",
        "AWS_ENDPOINT_URL_LAMBDA": closed,
        "MESSENGER_PAGE_ACCESS_TOKEN": "bench-page-token",
        "MESSENGER_APP_SECRET": "lambda-app-secret",
        "MESSENGER_VERIFY_TOKEN": "lambda-verify-token",
        "MESSENGER_GRAPH_URL": closed,
        "OPENDOTA_BASE_URL": closed + "/api",
        "HBDTA_LAMBDA_WORKER": mode,
        "RUST_LOG": "warn",
    }
    started = time.perf_counter()
    proc = subprocess.Popen([bot], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if not run.first_next_seen.wait(20):
            err = proc.stderr.read().decode(errors="replace") if proc.poll() is not None else ""
            raise SystemExit(f"the binary never called `next` within 20 s. {err}")
        init_ms = (run.first_next - started) * 1000
        run.events.put(("bench-1", event))
        posted_at, path, body = run.posted.get(timeout=20)
        if not path.endswith("/bench-1/response"):
            raise SystemExit(f"unexpected post {path}: {body[:300]!r}")
        response = json.loads(body)
        if response.get("statusCode") != 200 or response.get("body") != "1158201444":
            raise SystemExit(f"unexpected response: {response}")
        first_ms = (posted_at - run.handed_out) * 1000
        rss = vm_hwm_kib(proc.pid)
        return init_ms, first_ms, rss
    finally:
        proc.kill()
        proc.wait()
        run.events.put(None)
        server.shutdown()
        server.server_close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bot", default=str(ROOT / "target" / "release" / "hbdta-bot"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--mode", choices=["invoke", "inline"], default="invoke")
    args = parser.parse_args()
    if not os.access(args.bot, os.X_OK):
        sys.exit(f"{args.bot} is not an executable: cargo build --release -p hbdta-bot --features lambda")

    event = EVENT.read_text()

    one_start(args.bot, args.mode, event)  # warm the page cache; not counted
    inits, firsts, rsss = [], [], []
    for _ in range(args.runs):
        init_ms, first_ms, rss = one_start(args.bot, args.mode, event)
        inits.append(init_ms)
        firsts.append(first_ms)
        if rss is not None:
            rsss.append(rss / 1024)

    size = os.path.getsize(args.bot)
    print(f"binary: {args.bot} ({size / 1048576:.2f} MiB), mode {args.mode}, {args.runs} starts")
    print("| measure | median | min | max |")
    print("|---|---:|---:|---:|")
    for name, values, unit in (
        ("init: spawn → first `next`", inits, "ms"),
        ("first event (handshake) → response posted", firsts, "ms"),
        ("peak RSS after it (VmHWM)", rsss, "MiB"),
    ):
        if values:
            print(
                f"| {name} | {statistics.median(values):.1f} {unit} "
                f"| {min(values):.1f} {unit} | {max(values):.1f} {unit} |"
            )


if __name__ == "__main__":
    main()
