#!/usr/bin/env python3
"""Per-thread CPU of a running .NET process on Linux (docs/benchmarks.md, "Issue 15: where the CPU goes").

  threadcpu.py record PID OUT          one snapshot per second of /proc/PID/task/*/{comm,stat} until PID exits
  threadcpu.py summary OUT [FROM TO]   CPU per thread name between snapshots FROM and TO (indexes; default 0 and -1),
                                       threads that started or ended in between included
  threadcpu.py series OUT [STEP]       CPU seconds of the main thread names per STEP snapshots (default 10)

Reads /proc directly (one awk per thread took 8 s per snapshot on a loaded 2-core machine). Times are clock ticks of
10 ms (utime + stime).
"""
import collections
import os
import sys
import time


def record(pid, path):
    with open(path, "w") as out:
        while os.path.exists(f"/proc/{pid}"):
            out.write(f"T {time.time()}\n")
            try:
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                break
            for tid in tasks:
                try:
                    comm = open(f"/proc/{pid}/task/{tid}/comm").read().strip().replace(" ", "_")
                    stat = open(f"/proc/{pid}/task/{tid}/stat").read()
                except OSError:
                    continue
                fields = stat[stat.rfind(")") + 2:].split()
                out.write(f"{tid} {comm} {int(fields[11]) + int(fields[12])}\n")
            out.flush()
            time.sleep(1)


def load(path):
    snaps = []
    for line in open(path):
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "T":
            snaps.append((float(parts[1]), {}))
        elif len(parts) >= 3 and snaps:
            snaps[-1][1][parts[0]] = (parts[1], int(parts[2]))
    return snaps


def between(snaps, i0, i1):
    i0 %= len(snaps)
    i1 %= len(snaps)
    last = {}
    for k in range(i0, i1 + 1):
        last.update(snaps[k][1])
    base = snaps[i0][1]
    cpu, threads = collections.Counter(), collections.Counter()
    for tid, (name, ticks) in last.items():
        delta = ticks - (base[tid][1] if tid in base else 0)
        if delta > 0:
            cpu[name] += delta
            threads[name] += 1
    return snaps[i1][0] - snaps[i0][0], cpu, threads


def main(argv):
    if len(argv) >= 3 and argv[0] == "record":
        record(argv[1], argv[2])
    elif len(argv) >= 2 and argv[0] == "summary":
        snaps = load(argv[1])
        i0, i1 = (int(argv[2]), int(argv[3])) if len(argv) >= 4 else (0, -1)
        wall, cpu, threads = between(snaps, i0, i1)
        total = sum(cpu.values()) or 1
        print(f"wall {wall:.1f} s, CPU {total / 100:.2f} s")
        for name, ticks in cpu.most_common():
            print(f"  {name:25s} {ticks / 100:7.2f} s {100 * ticks / total:5.1f}%  ({threads[name]} threads)")
    elif len(argv) >= 2 and argv[0] == "series":
        snaps = load(argv[1])
        step = int(argv[2]) if len(argv) >= 3 else 10
        names = [".NET_Tiered_Com", ".NET_TP_Worker", ".NET_Sockets", ".NET_Server_GC", ".NET_Timer"]
        print("t (s) " + " ".join(f"{n[5:]:>12s}" for n in names) + "   (CPU s per interval)")
        for i in range(0, len(snaps) - step, step):
            _, cpu, _ = between(snaps, i, i + step)
            print(f"{snaps[i + step][0] - snaps[0][0]:5.0f} " + " ".join(f"{cpu[n] / 100:12.2f}" for n in names))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
