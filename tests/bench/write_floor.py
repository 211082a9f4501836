#!/usr/bin/env python3
"""The write floor of the comparative benchmark: how long writing a tree
takes when nothing is parsed or rendered.

Usage: write_floor.py SOURCE_TREE DEST [--threads 2]

Reads every file under SOURCE_TREE into memory (not timed), then writes the
same relative paths with the same bytes under DEST, which must not exist:
folders first (one thread, parents before children), then the files split
across the threads, largest first onto the least loaded thread (os.open,
os.write and os.close release the GIL, so the threads write in parallel).
Only the writing is timed. Prints one line:

  wall=<s> cpu=<s> files=<n> bytes=<n>

wall is the write phase's elapsed time, cpu its user+system time (the whole
process's, over the write phase only). Peak RSS, which includes the tree
held in memory, is for the caller to take from /usr/bin/time.
"""
import argparse
import os
import sys
import threading
import time


def read_tree(root):
    dirs, files = [], []
    for here, subdirs, names in os.walk(root):
        subdirs.sort()
        rel = os.path.relpath(here, root)
        if rel != ".":
            dirs.append(rel)
        for name in sorted(names):
            path = os.path.join(here, name)
            if os.path.islink(path) or not os.path.isfile(path):
                sys.exit(f"write_floor: {path} is not a regular file")
            with open(path, "rb") as f:
                files.append((os.path.normpath(os.path.join(rel, name)), f.read()))
    return dirs, files


def write_files(dest_fd, batch, errors):
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    try:
        for rel, data in batch:
            fd = os.open(rel, flags, 0o644, dir_fd=dest_fd)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            finally:
                os.close(fd)
    except OSError as e:
        errors.append(e)


def main():
    ap = argparse.ArgumentParser(description="Write a tree from memory, timing only the write.")
    ap.add_argument("source")
    ap.add_argument("dest")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    dirs, files = read_tree(args.source)
    batches = [[] for _ in range(max(1, args.threads))]
    loads = [0] * len(batches)
    for rel, data in sorted(files, key=lambda f: (-len(f[1]), f[0])):
        k = loads.index(min(loads))
        batches[k].append((rel, data))
        loads[k] += len(data) + 4096  # a file costs more than its bytes

    t0, c0 = time.perf_counter(), os.times()
    os.mkdir(args.dest)  # fails if it exists: the floor never overwrites
    dest_fd = os.open(args.dest, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    for rel in dirs:  # os.walk lists parents before children
        os.mkdir(rel, dir_fd=dest_fd)
    errors = []
    threads = [threading.Thread(target=write_files, args=(dest_fd, b, errors)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.close(dest_fd)
    t1, c1 = time.perf_counter(), os.times()
    if errors:
        sys.exit(f"write_floor: {errors[0]}")
    cpu = (c1.user - c0.user) + (c1.system - c0.system)
    print(f"wall={t1 - t0:.3f} cpu={cpu:.3f} files={len(files)} bytes={sum(len(d) for _, d in files)}")


if __name__ == "__main__":
    main()
