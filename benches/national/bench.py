#!/usr/bin/env python3
"""The national-scale benchmark: baophu on generated sites of 1k to 30k regions, against Hugo
building the same pages, in the same run.

    python3 benches/national/bench.py                      # 1k, 3.4k and 10.8k regions
    python3 benches/national/bench.py --sizes 1k,3.4k,10.8k,30k --work /tmp/baophu-bench

For each size it generates the site (generate.py, seed 1) and reports: the cold build (empty
output and cache) with its wall and CPU time and peak memory; the pages, charts and share images
written and the output's size; a rebuild with nothing changed; a rebuild after one figure of one
data file changed; and Hugo building the same HTML pages (baophu's page bodies as Hugo content,
with a layout that only wraps them), with the ratio baophu / Hugo. It installs Debian's `hugo`
when it is missing. Results are printed as a markdown table and written to WORK/results.md.
"""
import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
BIN = os.path.join(REPO, "target", "release", "baophu")


def run(cmd, **kw):
    """Runs a command; returns (wall seconds, CPU seconds, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def ensure_hugo():
    if shutil.which("hugo"):
        return
    print("installing Debian's hugo", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "--no-install-recommends", "hugo"],
                   check=True, env=env)


def census(out):
    """Pages, charts (SVG drawings in pages), PNGs and bytes of an output folder."""
    pages = charts = pngs = size = 0
    for dirpath, _, files in os.walk(out):
        for f in files:
            path = os.path.join(dirpath, f)
            size += os.path.getsize(path)
            if f.endswith(".html"):
                pages += 1
                with open(path, "rb") as h:
                    charts += h.read().count(b"<svg")
            elif f.endswith(".png"):
                pngs += 1
    return pages, charts, pngs, size


BODY = re.compile(rb"<body[^>]*>(.*)</body>", re.S)
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)


def hugo_site(out, hugo_dir):
    """The HTML pages baophu wrote, as Hugo content with the same bodies."""
    if os.path.exists(hugo_dir):
        shutil.rmtree(hugo_dir)
    os.makedirs(os.path.join(hugo_dir, "layouts", "_default"))
    with open(os.path.join(hugo_dir, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://bench.example.org/"\ntitle = "bench"\n'
                'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
                "[markup.goldmark.renderer]\nunsafe = true\n")
    layout = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
              "</head><body>{{ .Content }}</body></html>\n")
    for name in ("single.html", "list.html"):
        with open(os.path.join(hugo_dir, "layouts", "_default", name), "w") as f:
            f.write(layout)
    count = 0
    for dirpath, _, files in os.walk(out):
        for f in files:
            if not f.endswith(".html"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, out)
            with open(path, "rb") as h:
                html = h.read()
            body = BODY.search(html)
            title = TITLE.search(html)
            url = "/" + (os.path.dirname(rel) + "/" if f == "index.html" else rel).lstrip("/")
            if url == "//":
                url = "/"
            # Every page a leaf of its own: content/<n>.html with the page's URL.
            target = os.path.join(hugo_dir, "content", f"p{count}.html")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            front = (b"---\ntitle: " + json.dumps((title.group(1) if title else b"").decode()).encode()
                     + b"\nurl: " + json.dumps(url).encode() + b"\n---\n")
            with open(target, "wb") as h:
                h.write(front + (body.group(1) if body else html))
            count += 1
    return count


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}"


def touch_one_figure(site):
    """Changes one figure of one commune in the latest year's CSV: one data file edited."""
    figures = os.path.join(site, "data", "figures")
    latest = sorted(f for f in os.listdir(figures) if f.endswith(".csv"))[-1]
    path = os.path.join(figures, latest)
    with open(path) as f:
        lines = f.readlines()
    for i, line in enumerate(lines):
        cells = line.split(",")
        if "-x" in cells[0] and cells[1] == "bhxh_tn":
            cells[3] = str(int(cells[3]) + 1)
            lines[i] = ",".join(cells)
            break
    with open(path, "w") as f:
        f.writelines(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,3.4k,10.8k")
    parser.add_argument("--work", default=os.path.join(REPO, "target", "national-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-hugo", action="store_true")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--locked"], cwd=REPO, check=True)
    if not args.no_hugo:
        ensure_hugo()
    hugo_version = "" if args.no_hugo else subprocess.run(
        ["hugo", "version"], capture_output=True, text=True).stdout.strip()
    os.makedirs(args.work, exist_ok=True)
    rows = []
    for size in args.sizes.split(","):
        site = os.path.join(args.work, size, "site")
        out = os.path.join(args.work, size, "public")
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--size", size,
                        "--seed", str(args.seed), "--out", site], check=True)
        with open(os.path.join(site, "data", "regions.toml")) as f:
            regions = f.read().count("[[region]]")
        for leftover in (out, os.path.join(site, ".baophu-cache")):
            shutil.rmtree(leftover, ignore_errors=True)
        build = [BIN, "build", "--root", site, "--output", out]
        print(f"{size}: cold build of {regions} regions", flush=True)
        cold = run(build)
        pages, charts, pngs, size_bytes = census(out)
        print(f"{size}: rebuilds", flush=True)
        same = run(build)
        touch_one_figure(site)
        edited = run(build)
        row = dict(size=size, regions=regions, cold_wall=cold[0], cold_cpu=cold[1],
                   peak_mb=cold[2], pages=pages, charts=charts, pngs=pngs,
                   bytes=size_bytes, same_wall=same[0], edited_wall=edited[0])
        if not args.no_hugo:
            hugo_dir = os.path.join(args.work, size, "hugo")
            print(f"{size}: Hugo on the same {pages} pages", flush=True)
            hugo_site(out, hugo_dir)
            hugo = run(["hugo", "--quiet", "--source", hugo_dir, "--destination",
                        os.path.join(hugo_dir, "public")])
            row.update(hugo_wall=hugo[0], hugo_cpu=hugo[1], ratio=cold[0] / hugo[0])
        rows.append(row)
        print(json.dumps(row), flush=True)

    lines = [f"Machine: {machine()}. {hugo_version}", "",
             "| regions | cold build | CPU | peak memory | pages | charts | PNGs | output | "
             "rebuild, nothing changed | rebuild, one file changed | Hugo, same pages | baophu / Hugo "
             "| per region: time, memory |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        hugo = f"{r['hugo_wall']:.1f} s" if "hugo_wall" in r else "–"
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else "–"
        lines.append(
            f"| {r['regions']:,} ({r['size']}) | {r['cold_wall']:.1f} s | {r['cold_cpu']:.1f} s | "
            f"{r['peak_mb']:.0f} MB | {r['pages']:,} | {r['charts']:,} | {r['pngs']:,} | "
            f"{r['bytes'] / 1e6:,.0f} MB | {r['same_wall']:.1f} s ({100 * r['same_wall'] / r['cold_wall']:.0f}%) | "
            f"{r['edited_wall']:.1f} s | {hugo} | {ratio} | "
            f"{1000 * r['cold_wall'] / r['regions']:.2f} ms, {1024 * r['peak_mb'] / r['regions']:.0f} KB |")
    table = "\n".join(lines)
    print("\n" + table)
    with open(os.path.join(args.work, "results.md"), "w") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    main()
