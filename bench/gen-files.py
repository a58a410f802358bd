#!/usr/bin/env python3
"""Writes a deterministic directory of mixed files for bench/files-bench.sh.

Usage: gen-files.py DIR [SCALE]   (SCALE 1.0 is about 2 GB; 0.1 about 200 MB)

The mix: many small text files (configuration, logs, source: compressible), medium files half
random (already compressed media) and half text, large files: a log-like text file, a random one, a
database-like file of 8 KiB pages with repeated structure, and a file that is mostly zero blocks
(written sparse). Same SCALE, same bytes: the generator is seeded.
"""
import os
import random
import sys

target = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
rng = random.Random(20261204)
WORDS = [rng.randbytes(rng.randint(2, 9)).hex()[: rng.randint(2, 12)] for _ in range(4000)]


def text(n):
    out = []
    size = 0
    while size < n:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))) + "\n"
        out.append(line)
        size += len(line)
    return "".join(out).encode()[:n]


def pages(n):
    """8 KiB pages: a header, rows of a few columns with repeating values, free space as zeros."""
    out = bytearray()
    page_no = 0
    while len(out) < n:
        page = bytearray(8192)
        page[0:8] = page_no.to_bytes(8, "little")
        off = 24
        while off < 6000:
            row = b"%d|%s|%s|%d\n" % (rng.randint(1, 10**9), rng.choice(WORDS).encode(), rng.choice(WORDS).encode(),
                                      rng.randint(0, 99))
            page[off:off + len(row)] = row
            off += len(row)
        out += page
        page_no += 1
    return bytes(out[:n])


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


small = int(30000 * scale)
for i in range(small):
    write(os.path.join(target, "small", "d%03d" % (i % 300), "f%05d.txt" % i), text(rng.randint(1000, 15000)))
medium = int(200 * scale)
for i in range(medium):
    data = rng.randbytes(2 << 20) if i % 2 == 0 else text(2 << 20)
    write(os.path.join(target, "medium", "m%03d.%s" % (i, "bin" if i % 2 == 0 else "txt")), data)
large = int(340 * scale) << 20
chunk = 16 << 20
for name, make in (("app.log", text), ("media.bin", rng.randbytes), ("table.dat", pages)):
    path = os.path.join(target, "large", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        left = large
        while left > 0:
            f.write(make(min(chunk, left)))
            left -= chunk
sparse = os.path.join(target, "large", "sparse.img")
with open(sparse, "wb") as f:
    f.truncate(large)
    for i in range(0, large, 64 << 20):
        f.seek(i)
        f.write(rng.randbytes(1 << 20))
