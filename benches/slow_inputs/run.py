#!/usr/bin/env python3
"""Times `baophu check` on one core over inputs that were once slow (issue: hardening).

    cargo build --release && python3 benches/slow_inputs/run.py [--baophu target/release/baophu]

Each case is the example site with one hostile edit: 50,000 nested list items on one line,
50,000 `>` quotes, 50,000 `<div>`, 5,000 `[[target]]` blocks in one plan, 200,000 duplicate
CSV rows. The target is under 2 s each on one core (`taskset -c 0`); the script prints the
time of each and exits 1 when one is over.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
LIMIT = 2.0


def example(dst):
    shutil.copy(os.path.join(REPO, "config.toml"), dst)
    for sub in ("data", "content", "themes"):
        shutil.copytree(os.path.join(REPO, sub), os.path.join(dst, sub))


def append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def plan_body(root, text):
    append(os.path.join(root, "content", "plans", "huong-hoa-2020.md"), "\n" + text + "\n")


def many_targets(root):
    path = os.path.join(root, "content", "plans", "huong-hoa-2020.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    block = '[[target]]\nseries = "bhxh"\nyear = 2020\nvalue = 6450\ncomparison = "at_least"\n\n'
    text = text.replace("[[target]]", block * 5000 + "[[target]]", 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def duplicate_rows(root):
    rows = ["region;series;year;actual;source"]
    rows += ["vn;bhxh;2030;5122;vietnamplus-2020"] * 200_000
    with open(os.path.join(root, "data", "figures", "2030.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")


CASES = {
    "50,000 nested `1. ` on one line": lambda r: plan_body(r, "1. " * 50_000 + "x"),
    "50,000 `>` on one line": lambda r: plan_body(r, ">" * 50_000 + " x"),
    "50,000 `<div>`": lambda r: plan_body(r, "<div>" * 50_000),
    "5,000 [[target]] in one plan": many_targets,
    "200,000 duplicate CSV rows": duplicate_rows,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baophu", default=os.path.join(REPO, "target", "release", "baophu"))
    args = parser.parse_args()
    taskset = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    slow = False
    print(f"{'case':<40} {'seconds':>8}  exit")
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, "site")
            os.mkdir(root)
            example(root)
            make(root)
            start = time.monotonic()
            run = subprocess.run(taskset + [args.baophu, "check", "--root", root],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=dict(os.environ, RAYON_NUM_THREADS="1"))
            seconds = time.monotonic() - start
            slow |= seconds > LIMIT
            mark = "  over the limit" if seconds > LIMIT else ""
            print(f"{name:<40} {seconds:8.2f}  {run.returncode}{mark}")
    sys.exit(1 if slow else 0)


if __name__ == "__main__":
    main()
