#!/usr/bin/env python3
"""The national-scale benchmark: baophu on generated sites of 1k to 30k regions, against Hugo
building the same pages, in the same run.

    python3 benches/national/bench.py                      # 1k, 3.4k and 10.8k regions
    python3 benches/national/bench.py --sizes 1k,3.4k,10.8k,30k --work /tmp/baophu-bench

For each size it generates the site (generate.py, seed 1) and reports: the cold build (empty
output and cache) with its wall and CPU time and peak memory; the pages, charts and share images
written and the output's size; a rebuild with nothing changed; a rebuild after one figure of one
data file changed; and Hugo building the same HTML pages (baophu's page bodies as Hugo content,
with a layout that only wraps them), with the ratio baophu / Hugo. At the sizes of
--serve-sizes it also times `baophu serve`: from saving one figure to the open page showing it.
It installs Debian's `hugo` when it is missing. Results are printed as a markdown table and written to WORK/results.md.
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


def run(cmd, fatal=True, **kw):
    """Runs a command; returns (wall seconds, CPU seconds, peak RSS in MB), or None when it
    failed and `fatal` is off."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        message = f"{' '.join(cmd)} failed (exit {code}, peak {usage.ru_maxrss / 1024:.0f} MB):\n{out}\n{err}"
        if fatal:
            sys.exit(message)
        print(message, flush=True)
        return None
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
    """Changes one figure of one commune in the latest year's CSV that has communes: one data
    file edited. Returns the commune's code and the new figure."""
    path, lines, code, figure = edit_one_figure(site)
    with open(path, "w") as f:
        f.writelines(lines)
    return code, figure


def edit_one_figure(site):
    """The edit `touch_one_figure` saves: the file, its new lines, the commune and the figure."""
    figures = os.path.join(site, "data", "figures")
    for name in sorted((f for f in os.listdir(figures) if f.endswith(".csv")), reverse=True):
        path = os.path.join(figures, name)
        with open(path) as f:
            lines = f.readlines()
        for i, line in enumerate(lines):
            cells = line.split(",")
            if "-x" in cells[0] and cells[1] == "bhxh_tn":
                cells[3] = str(int(cells[3]) + 1)
                lines[i] = ",".join(cells)
                return path, lines, cells[0], int(cells[3])
    sys.exit("no commune figure to edit")


def serve_reloads(site, port, edits=3):
    """`baophu serve` on the site: the time from saving one figure of one data file to the open
    page (long-polling as the preview's script does) having the page with the new figure, for
    each of `edits` edits; and the serve process's peak memory."""
    import urllib.request
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([BIN, "serve", "--root", site, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    try:
        for _ in range(3000):
            try:
                urllib.request.urlopen(base, timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(edits):
            time.sleep(2)  # the watcher is settled, the site-wide pages are rendered
            page = urllib.request.urlopen(base, timeout=60).read().decode()
            version = int(re.search(r'data-version="(\d+)"', page).group(1))
            path, lines, code, figure = edit_one_figure(site)
            with open(path, "w") as f:
                f.writelines(lines)
            # From the moment the file is saved, as an editor's save ends.
            start = time.perf_counter()
            urllib.request.urlopen(f"{base}__baophu/wait?v={version}", timeout=60).read()
            page = urllib.request.urlopen(f"{base}vung/{code}/", timeout=60).read().decode()
            shown = f"{figure:,}".replace(",", ".")
            if shown not in page:
                sys.exit(f"serve: vung/{code}/ does not show {shown} after the edit")
            times.append(1000 * (time.perf_counter() - start))
        time.sleep(8)  # the site-wide pages of the last edit
    finally:
        proc.terminate()
        _, _, usage = os.wait4(proc.pid, 0)
    return sorted(times)[len(times) // 2], usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,3.4k,10.8k")
    parser.add_argument("--work", default=os.path.join(REPO, "target", "national-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--serve-sizes", default="1k,3.4k",
                        help="sizes at which `serve` is measured (it holds the site in memory)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="cold builds (baophu and Hugo) per size; the fastest is kept, as the "
                             "machine's other work only ever slows a run down")
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
        build = [BIN, "build", "--root", site, "--output", out]
        hugo_dir = os.path.join(args.work, size, "hugo")

        def cold_build():
            for leftover in (out, os.path.join(site, ".baophu-cache")):
                shutil.rmtree(leftover, ignore_errors=True)
            print(f"{size}: cold build of {regions} regions", flush=True)
            return run(build)

        def hugo_build():
            shutil.rmtree(os.path.join(hugo_dir, "public"), ignore_errors=True)
            print(f"{size}: Hugo on the same pages", flush=True)
            # Hugo may fail where baophu does not (killed for memory at 30k regions on 24 GB):
            # that is a result too.
            return run(["hugo", "--quiet", "--source", hugo_dir, "--destination",
                        os.path.join(hugo_dir, "public")], fatal=False)

        # baophu and Hugo alternate, and the fastest run of each is kept: this machine's other
        # work only ever slows a run down, and alternating exposes both to the same moments.
        colds, hugos = [cold_build()], []
        pages, charts, pngs, size_bytes = census(out)
        if not args.no_hugo:
            hugo_site(out, hugo_dir)
            hugos.append(hugo_build())
        for _ in range(args.repeat - 1):
            colds.append(cold_build())
            if not args.no_hugo and all(hugos):
                hugos.append(hugo_build())
        cold = min(colds)
        print(f"{size}: rebuilds", flush=True)
        same = run(build)
        touch_one_figure(site)
        edited = run(build)
        row = dict(size=size, regions=regions, cold_wall=cold[0], cold_cpu=cold[1],
                   peak_mb=max(c[2] for c in colds), pages=pages, charts=charts, pngs=pngs,
                   bytes=size_bytes, same_wall=same[0], edited_wall=edited[0])
        if size in args.serve_sizes.split(","):
            print(f"{size}: serve, one figure edited three times", flush=True)
            row["serve_ms"], row["serve_peak_mb"] = serve_reloads(site, 8900 + len(rows))
        if hugos and all(hugos):
            hugo = min(hugos)
            row.update(hugo_wall=hugo[0], hugo_cpu=hugo[1], ratio=cold[0] / hugo[0])
        elif hugos:
            row.update(hugo_failed=True)
        shutil.rmtree(hugo_dir, ignore_errors=True)
        rows.append(row)
        print(json.dumps(row), flush=True)
        # The next size needs the disk.
        shutil.rmtree(os.path.join(args.work, size), ignore_errors=True)

    lines = [f"Machine: {machine()}. {hugo_version}", "",
             "| regions | cold build | CPU | peak memory | pages | charts | PNGs | output | "
             "rebuild, nothing changed | rebuild, one file changed | Hugo, same pages | baophu / Hugo "
             "| per region: time, memory | serve: save to page shown |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        hugo = (f"{r['hugo_wall']:.1f} s" if "hugo_wall" in r
                else "failed (out of memory)" if r.get("hugo_failed") else "–")
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else "–"
        serve = f"{r['serve_ms']:.0f} ms" if "serve_ms" in r else "–"
        lines.append(
            f"| {r['regions']:,} ({r['size']}) | {r['cold_wall']:.1f} s | {r['cold_cpu']:.1f} s | "
            f"{r['peak_mb']:.0f} MB | {r['pages']:,} | {r['charts']:,} | {r['pngs']:,} | "
            f"{r['bytes'] / 1e6:,.0f} MB | {r['same_wall']:.1f} s ({100 * r['same_wall'] / r['cold_wall']:.0f}%) | "
            f"{r['edited_wall']:.1f} s | {hugo} | {ratio} | "
            f"{1000 * r['cold_wall'] / r['regions']:.2f} ms, {1024 * r['peak_mb'] / r['regions']:.0f} KB | "
            f"{serve} |")
    table = "\n".join(lines)
    print("\n" + table)
    with open(os.path.join(args.work, "results.md"), "w") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    main()
