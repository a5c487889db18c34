#!/usr/bin/env python3
"""Slow-client harness: opens N connections that trickle a request one byte at a time (a
slowloris), while a normal client measures the latency of GET /api/v1/health. Prints the
normal client's p50/p99 and how many slow connections the server had closed by the end.

Usage: scripts/slow_clients.py BINARY [--connections 1000] [--seconds 40]
The server closes a request still incomplete after its 30 s read deadline.
"""
import argparse
import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import resource


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def trickle(port, stop, closed, opened):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return
    opened[0] += 1
    request = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 10000
    try:
        for byte in request:
            if stop.is_set():
                break
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(1.0)
            if reader.at_eof():
                closed[0] += 1
                return
    except (ConnectionError, OSError):
        closed[0] += 1
        return
    finally:
        writer.close()


async def measure(port, stop, latencies, failures):
    while not stop.is_set():
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), timeout=10)
            writer.close()
            if answer.startswith(b"HTTP/1.1 200"):
                latencies.append(time.perf_counter() - started)
            else:
                failures[0] += 1
        except (OSError, asyncio.TimeoutError):
            failures[0] += 1
        await asyncio.sleep(0.01)


async def run(port, connections, seconds):
    stop = asyncio.Event()
    closed, opened, failures, latencies = [0], [0], [0], []
    slow = [asyncio.create_task(trickle(port, stop, closed, opened)) for _ in range(connections)]
    await asyncio.sleep(1.0)  # let the slow connections settle in
    normal = asyncio.create_task(measure(port, stop, latencies, failures))
    await asyncio.sleep(seconds)
    stop.set()
    await normal
    for task in slow:
        task.cancel()
    await asyncio.gather(*slow, return_exceptions=True)
    return opened[0], closed[0], failures[0], sorted(latencies)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=40)
    arguments = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    work = tempfile.mkdtemp(prefix="lianjian-slow-")
    port = free_port()
    environment = dict(os.environ, LIANJIAN_DATA_DIR=os.path.join(work, "data"))
    environment.pop("LIANJIAN_DB", None)
    server = subprocess.Popen([arguments.binary, "serve", "--listen", f"127.0.0.1:{port}"],
                              env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        opened, closed, failures, latencies = asyncio.run(
            run(port, arguments.connections, arguments.seconds))
        if not latencies:
            print("slow clients: the normal client got no answer")
            return 1
        p50 = latencies[len(latencies) // 2] * 1000
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        print(f"slow clients: {opened} trickling connections for {arguments.seconds:.0f} s; normal "
              f"client {len(latencies)} requests, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
              f"{failures} failed; {closed} slow connections closed by the server")
        return 0 if failures == 0 else 1
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
