#!/usr/bin/env python3
"""Cuts the power after the fact: replays every "<file>.undo" log in FOLDER backwards, so each
tracked file is as its last sync left it, then removes the logs and SQLite's -shm files (shared
memory does not survive a power cut). Prints how many unsynced writes were dropped."""
import glob
import os
import struct
import sys


def undo(path):
    target = path[:-len(".undo")]
    with open(path, "rb") as log:
        data = log.read()
    records, position = [], 0
    while position + 24 <= len(data):
        offset, length, size = struct.unpack_from("<QQQ", data, position)
        position += 24
        if position + length > len(data):
            break  # a record cut short by the kill: its write never happened
        records.append((offset, data[position:position + length], size))
        position += length
    if os.path.exists(target):
        with open(target, "r+b") as file:
            for offset, old, size in reversed(records):
                file.seek(offset)
                file.write(old)
                file.truncate(size)
    os.remove(path)
    return len(records)


def main():
    folder = sys.argv[1]
    dropped = sum(undo(path) for path in glob.glob(os.path.join(folder, "*.undo")))
    for shm in glob.glob(os.path.join(folder, "*-shm")):
        os.remove(shm)
    print(dropped)


if __name__ == "__main__":
    main()
