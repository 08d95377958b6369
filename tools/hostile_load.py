"""Hostile load on a running `herald serve`: many keep-alive clients plus
stalled connections, as issue 14 probed it. Not a test: it prints numbers.

    herald ingest --db load.db eval/data/stories.jsonl
    herald serve --db load.db --port 8089 &
    python3 tools/hostile_load.py --pid $! --port 8089 [--clients 400] [--stalled 1000] [--secs 20]

Each client thread sends API and page requests on one keep-alive connection
for `--secs` seconds (reconnecting when the server closes it); the stalled
connections send half a request and then nothing. Every half second the
server's resident memory and open files are read from /proc. Prints the
answers by status, requests/s, the server's peak memory and open files, and
how many stalled connections the server closed by itself.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import socket
import threading
import time

PATHS = [
    "/api/summary",
    "/api/events?limit=100",
    "/api/network",
    "/api/timeline?period=month",
    "/api/aggregates?period=month",
    "/api/suggest?q=is",
    "/api/events.csv",
    "/",
]


def proc_status(pid: int) -> tuple[int, int]:
    """Resident memory (KiB) and open files of process `pid`."""
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def client(port: int, deadline: float, statuses: collections.Counter, lock: threading.Lock, seed: int) -> None:
    conn = None
    i = seed
    while time.monotonic() < deadline:
        path = PATHS[i % len(PATHS)]
        i += 1
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
            resp = conn.getresponse()
            resp.read()
            status = resp.status
            if resp.getheader("connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as err:
            status = type(err).__name__
            if conn is not None:
                conn.close()
            conn = None
        with lock:
            statuses[status] += 1
    if conn is not None:
        conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pid", type=int, required=True, help="the herald serve process")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--clients", type=int, default=400)
    ap.add_argument("--stalled", type=int, default=1000)
    ap.add_argument("--secs", type=float, default=20.0)
    args = ap.parse_args()

    rss0, files0 = proc_status(args.pid)
    stalled = []
    for _ in range(args.stalled):
        s = socket.create_connection(("127.0.0.1", args.port))
        s.sendall(b"GET /api/summary HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        s.setblocking(False)
        stalled.append(s)

    statuses: collections.Counter = collections.Counter()
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + args.secs
    threads = [
        threading.Thread(target=client, args=(args.port, deadline, statuses, lock, k), daemon=True)
        for k in range(args.clients)
    ]
    for t in threads:
        t.start()
    peak_rss, peak_files = rss0, files0
    while any(t.is_alive() for t in threads):
        rss, files = proc_status(args.pid)
        peak_rss, peak_files = max(peak_rss, rss), max(peak_files, files)
        time.sleep(0.5)
    elapsed = time.monotonic() - start

    closed = 0
    for s in stalled:
        try:
            closed += s.recv(1 << 16) == b""
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    time.sleep(1)
    rss_end, files_end = proc_status(args.pid)

    total = sum(statuses.values())
    print(f"{args.clients} clients, {args.stalled} stalled connections, {elapsed:.1f}s")
    print(f"answers: {total} ({total / elapsed:.0f}/s): " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)))
    print(f"server memory: {rss0 / 1024:.1f} MiB before, {peak_rss / 1024:.1f} MiB peak, {rss_end / 1024:.1f} MiB after")
    print(f"server open files: {files0} before, {peak_files} peak, {files_end} after")
    print(f"stalled connections closed by the server: {closed} of {args.stalled}")


if __name__ == "__main__":
    main()
