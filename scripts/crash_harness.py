#!/usr/bin/env python3
"""Crash harness: write load with acknowledged ids recorded, `kill -9` at random moments, restart,
and check that every acknowledged write is still there, that SQLite's integrity check passes and
that `lianjian audit verify` finds the chain intact. Prints its figure on the last line.

SQLite:      scripts/crash_harness.py BINARY --cycles 20
Power loss:  scripts/crash_harness.py BINARY --cycles 20 --power-loss scripts/powerloss/unsynced_undo.so
             (each kill -9 is followed by dropping every write the server had not yet synced:
             see scripts/powerloss/unsynced_undo.c)
PostgreSQL:  pg_virtualenv -t -v 15 scripts/crash_harness.py BINARY --db postgresql --cycles 10
             (two app servers share the database and the data directory; libpq's PG* variables
             name the database)
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = "Crash-Pass-2026"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port):
        self.port = port
        self.cookie = ""

    def call(self, method, path, body=None, timeout=10):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Requested-With": "XMLHttpRequest"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.cookie:
            headers["Cookie"] = self.cookie
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            cookie = response.getheader("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";")[0]
            return response.status, payload
        finally:
            connection.close()

    def login(self):
        status, _ = self.call("POST", "/api/v1/auth/login",
                              {"username": "admin", "password": PASSWORD})
        return status == 200


def start_server(binary, environment, port, log):
    return subprocess.Popen([binary, "serve", "--demo", "--listen", f"127.0.0.1:{port}"],
                            env=environment, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(port, process, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            status, _ = Client(port).call("GET", "/api/v1/health", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("server did not become ready")


def writer(client, acknowledged, lock, stop, number, cycle):
    sequence = cycle * 100000  # phone numbers stay unique across cycles and writers
    while not stop.is_set():
        try:
            if not client.cookie and not client.login():
                time.sleep(0.05)
                continue
            sequence += 1
            name = f"压测{number}-{sequence}"
            status, payload = client.call("POST", "/api/v1/members", {
                "name": name, "gender": "female", "unit_id": 1 + sequence % 14,
                "phone": f"13{number % 10}{sequence % 100000000:08d}", "joined_on": "2015-07-01",
                "status": "formal"})
            if status == 201:
                with lock:
                    acknowledged.append(json.loads(payload)["id"])
            elif status == 401:
                client.cookie = ""
        except (OSError, http.client.HTTPException):
            time.sleep(0.02)  # the server was killed or is restarting


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--power-loss", metavar="SHIM", default=None,
                        help="LD_PRELOAD shim that records unsynced writes (SQLite only)")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="lianjian-crash-")
    environment = dict(os.environ, LIANJIAN_DATA_DIR=os.path.join(work, "data"),
                       LIANJIAN_DEMO_PASSWORD=PASSWORD)
    environment.pop("LIANJIAN_DB", None)
    if arguments.db == "postgresql":
        environment["LIANJIAN_DB"] = "postgresql://"
    servers = 2 if arguments.db == "postgresql" else 1
    server_environment = dict(environment)
    if arguments.power_loss:
        server_environment["LD_PRELOAD"] = os.path.abspath(arguments.power_loss)
        # A sanitizer build wants its runtime first; the shim only wraps libc calls.
        server_environment["ASAN_OPTIONS"] = "verify_asan_link_order=0:detect_leaks=0"
    dropped = 0
    log = open(os.path.join(work, "server.log"), "ab")
    acknowledged, lock = [], threading.Lock()
    clients = [Client(0) for _ in range(arguments.writers)]
    try:
        for cycle in range(arguments.cycles):
            ports = [free_port() for _ in range(servers)]
            processes = []
            for port in ports:  # one after the other: the first loads the demo data
                processes.append(start_server(arguments.binary, server_environment, port, log))
                wait_ready(port, processes[-1])
            stop = threading.Event()
            # Sessions live in the database, so each writer keeps its sign-in across restarts.
            for i, client in enumerate(clients):
                client.port = ports[i % servers]
                if not client.cookie:  # sign in before the clock starts (Argon2 takes a while)
                    client.login()
            threads = [threading.Thread(target=writer, args=(clients[i], acknowledged, lock,
                                                              stop, i, cycle))
                       for i in range(arguments.writers)]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(1.0, 4.0))
            for process in processes:
                process.send_signal(signal.SIGKILL)
            for process in processes:
                process.wait()
            stop.set()
            for thread in threads:
                thread.join()
            if arguments.power_loss:
                here = os.path.dirname(os.path.abspath(__file__))
                dropped += int(subprocess.run(
                    [sys.executable, os.path.join(here, "powerloss", "apply_undo.py"),
                     os.path.join(work, "data")], capture_output=True, text=True,
                    check=True).stdout)
            print(f"cycle {cycle + 1}: {len(acknowledged)} acknowledged so far", flush=True)
        # Restart once more and check every acknowledged write.
        port = free_port()
        process = start_server(arguments.binary, environment, port, log)
        wait_ready(port, process)
        client = Client(port)
        assert client.login(), "cannot sign in after the crashes"
        lost = [i for i in acknowledged if client.call("GET", f"/api/v1/members/{i}")[0] != 200]
        process.send_signal(signal.SIGTERM)
        process.wait()
        integrity = "not applicable"
        if arguments.db == "sqlite":
            integrity = subprocess.run(
                ["sqlite3", os.path.join(work, "data", "lianjian.db"), "PRAGMA integrity_check"],
                capture_output=True, text=True).stdout.strip()
        verify = subprocess.run([arguments.binary, "audit", "verify"], env=environment,
                                capture_output=True, text=True)
        chain = verify.stdout.strip().splitlines()[0] if verify.stdout.strip() else verify.stderr
        ok = not lost and integrity in ("ok", "not applicable") and verify.returncode == 0
        kind = "power-loss" if arguments.power_loss else "crash"
        extra = f", {dropped} unsynced writes dropped" if arguments.power_loss else ""
        print(f"{kind} harness ({arguments.db}, {servers} server(s), seed {seed}): "
              f"{arguments.cycles} kill -9 cycles, {len(acknowledged)} acknowledged writes, "
              f"{len(lost)} lost{extra}, integrity_check {integrity}, {chain}")
        if lost:
            print("lost ids:", lost[:20])
        return 0 if ok else 1
    finally:
        log.close()
        if ok_to_remove(work):
            shutil.rmtree(work, ignore_errors=True)


def ok_to_remove(path):
    return os.environ.get("KEEP_WORK") != "1"


if __name__ == "__main__":
    sys.exit(main())
