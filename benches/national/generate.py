#!/usr/bin/env python3
"""A national-size baophu site, deterministic from a seed, for the benchmark (not the example site).

    python3 benches/national/generate.py --size 3.4k --seed 1 --out /tmp/national-3.4k

Sizes (regions, nation included):
  60     the 2025 structure, 3 provinces: a small site for tests
  1k     the 2025 structure, 10 provinces: nation -> provinces -> communes
  3.4k   the 2025 units: 34 provinces, 3,321 communes
  10.8k  the pre-2025 units: 63 provinces, 696 districts, 10,035 communes (until 30 June 2025),
         with the 34 provinces of 2025 they became (the lineage), figures for 2025 there
  30k    the pre-2025 structure with about 29,000 communes, and the 2025 provinces

Figures: 2015-2024 (2015-2025 for 2025 units), yearly, with the plan assigned; six series per
commune (labour force, population, compulsory and voluntary social insurance, unemployment and
health insurance), fourteen per province and the nation. Parts add up: a parent's figure is the
sum of its units' (so no warning), totals are left to baophu to sum from their parts, rates stay
below 100%. Plans: one national plan and one per province, targets 2026-2030 on every indicator
and the main series. Figures are written as CSV, one file per year, as an export would be.
"""
import argparse
import os
import random
import shutil

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SIZES = {
    # size: (structure, provinces, districts, communes)
    "60": ("2025", 3, 0, 56),
    "1k": ("2025", 10, 0, 990),
    "3.4k": ("2025", 34, 0, 3321),
    "10.8k": ("pre2025", 63, 696, 10035),
    "30k": ("pre2025", 63, 696, 29206),
}
COMMUNE_SERIES = ["lao_dong", "dan_so", "bhxh_bb", "bhxh_tn", "bhtn", "bhyt"]
PROVINCE_SERIES = [
    "doi_tuong_bhxh", "doi_tuong_bb", "doi_tuong_bhtn", "don_vi_tham_gia",
    "don_vi_phai_tham_gia", "don_vi_giao_dich_dien_tu", "don_vi_tron_dong",
    "don_vi_duoc_thanh_tra", "huong_luong_huu", "sau_tuoi_nghi_huu",
]
SYLLABLES = ["An", "Bình", "Phú", "Mỹ", "Hòa", "Thạnh", "Tân", "Long", "Phước", "Đông", "Tây",
             "Nam", "Bắc", "Trung", "Hưng", "Thuận", "Lộc", "Quảng", "Hải", "Sơn", "Thủy", "Cẩm",
             "Yên", "Vĩnh", "Xuân", "Hương", "Đức", "Minh", "Quang", "Thành", "Lạc", "Nghĩa"]
SOURCE = "du-lieu-mo-phong"


def split(total, parts, rng):
    """`total` items in `parts` groups of about equal size, in order."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [max(1, int(w * scale)) for w in weights]
    sizes[-1] += total - sum(sizes)
    return sizes


def name(rng):
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def structure(size, rng):
    """Regions as dicts: code, name, level, parent, until, became, years."""
    kind, n_prov, n_dist, n_comm = SIZES[size]
    regions = [dict(code="vn", name_vi="Việt Nam", name_en="Viet Nam", level="nation")]
    if kind == "2025":
        years = list(range(2015, 2026))
        regions[0]["years"] = years
        for p, count in enumerate(split(n_comm, n_prov, rng), 1):
            prov = f"t{p:02d}"
            pname = name(rng)
            regions.append(dict(code=prov, name_vi=f"Tỉnh {pname}", name_en=f"{pname} province",
                                level="province", parent="vn", years=years))
            for c in range(1, count + 1):
                cname = name(rng)
                regions.append(dict(code=f"{prov}-x{c:03d}", name_vi=f"Xã {cname}",
                                    name_en=f"{cname} commune", level="commune", parent=prov,
                                    years=years))
        return regions
    old_years = list(range(2015, 2025))
    regions[0]["years"] = list(range(2015, 2026))
    # The 34 provinces of 2025, each formed from one or more of the 63.
    new = [f"t{p:02d}" for p in range(1, 35)]
    for code in new:
        pname = name(rng)
        regions.append(dict(code=code, name_vi=f"Tỉnh {pname}", name_en=f"{pname} province",
                            level="province", parent="vn", from_="2025-07-01", years=[2025]))
    districts = split(n_dist, n_prov, rng)
    communes = split(n_comm, n_dist, rng)
    d_index = 0
    for p in range(1, n_prov + 1):
        prov = f"p{p:02d}"
        pname = name(rng)
        became = new[(p - 1) * len(new) // n_prov]
        regions.append(dict(code=prov, name_vi=f"Tỉnh {pname} (trước 1/7/2025)",
                            name_en=f"{pname} province (before 1 July 2025)", level="province",
                            parent="vn", until="2025-06-30", became=[became], years=old_years,
                            new=became))
        for d in range(1, districts[p - 1] + 1):
            dist = f"{prov}-h{d:02d}"
            dname = name(rng)
            regions.append(dict(code=dist, name_vi=f"Huyện {dname}", name_en=f"{dname} district",
                                level="district", parent=prov, until="2025-06-30",
                                became=[became], years=old_years))
            for c in range(1, communes[d_index] + 1):
                cname = name(rng)
                regions.append(dict(code=f"{dist}-x{c:03d}", name_vi=f"Xã {cname}",
                                    name_en=f"{cname} commune", level="commune", parent=dist,
                                    until="2025-06-30", became=[became], years=old_years))
            d_index += 1
    return regions


def commune_figures(rng, years):
    """Six series of one commune, by year: (actual, plan)."""
    labour = rng.lognormvariate(8.8, 0.5)
    bb, tn, yt = rng.uniform(0.08, 0.35), rng.uniform(0.002, 0.03), rng.uniform(0.70, 0.88)
    out = {}
    for i, year in enumerate(years):
        labour *= rng.uniform(1.0, 1.02)
        people = labour * rng.uniform(1.45, 1.7)
        bb_rate = min(0.9, bb * (1.04 ** i))
        tn_rate = min(0.2, tn * (1.15 ** i))
        yt_rate = min(0.98, yt + 0.012 * i)
        values = {
            "lao_dong": round(labour),
            "dan_so": round(people),
            "bhxh_bb": round(labour * bb_rate),
            "bhxh_tn": round(labour * tn_rate),
            "bhtn": round(labour * bb_rate * rng.uniform(0.8, 0.9)),
            "bhyt": round(people * yt_rate),
        }
        out[year] = {s: (v, round(v * rng.uniform(0.95, 1.06))) for s, v in values.items()}
    return out


def province_extra(rng, sums, year):
    """The series known only for provinces and the nation, from their communes' sums."""
    labour, bb = sums["lao_dong"][0], sums["bhxh_bb"][0]
    units = max(50, round(bb / rng.uniform(18, 30)))
    due = round(units * rng.uniform(1.05, 1.3))
    evading = round(units * rng.uniform(0.02, 0.06))
    retired = round(labour * rng.uniform(0.12, 0.16))
    values = {
        "doi_tuong_bhxh": round(labour * rng.uniform(0.55, 0.7)),
        "doi_tuong_bb": round(bb * rng.uniform(1.15, 1.4)),
        "doi_tuong_bhtn": round(bb * rng.uniform(1.0, 1.2)),
        "don_vi_tham_gia": units,
        "don_vi_phai_tham_gia": due,
        "don_vi_giao_dich_dien_tu": round(units * rng.uniform(0.7, 0.99)),
        "don_vi_tron_dong": evading,
        "don_vi_duoc_thanh_tra": round(evading * rng.uniform(0.2, 0.8)),
        "huong_luong_huu": round(retired * rng.uniform(0.25, 0.4)),
        "sau_tuoi_nghi_huu": retired,
    }
    return {s: (v, round(v * rng.uniform(0.95, 1.06))) for s, v in values.items()}


def generate(size, seed, out):
    rng = random.Random(seed)
    regions = structure(size, rng)
    by_code = {r["code"]: r for r in regions}
    children = {}
    for r in regions:
        if "parent" in r:
            children.setdefault(r["parent"], []).append(r["code"])
    figures = {}  # code -> year -> series -> (actual, plan)
    for r in regions:
        if r["level"] == "commune":
            figures[r["code"]] = commune_figures(rng, r["years"])

    def total(code):
        if code in figures:
            return figures[code]
        r = by_code[code]
        kids = [k for k in children.get(code, []) if by_code[k].get("from_") is None]
        sums = {}
        for kid in kids:
            for year, series in total(kid).items():
                slot = sums.setdefault(year, {})
                for s, (a, p) in series.items():
                    # The nation sums every series of its provinces; a province makes up the
                    # series its communes do not report.
                    if s in COMMUNE_SERIES or r["level"] == "nation":
                        a0, p0 = slot.get(s, (0, 0))
                        slot[s] = (a0 + a, p0 + p)
        for year in sums:
            if r["level"] == "province":
                sums[year].update(province_extra(rng, sums[year], year))
        figures[code] = sums
        return sums

    for r in regions:
        if r["level"] != "commune" and r.get("from_") is None:
            total(r["code"])
    # The 2025 provinces of a pre-2025 structure: their predecessors' 2024 figures, grown.
    for r in regions:
        if r.get("from_"):
            olds = [o for o in regions if o.get("new") == r["code"]]
            base = {}
            for o in olds:
                for s, (a, p) in figures[o["code"]][2024].items():
                    a0, p0 = base.get(s, (0, 0))
                    base[s] = (a0 + a, p0 + p)
            grown = {s: (round(a * 1.03), round(p * 1.03)) for s, (a, p) in base.items()}
            figures[r["code"]] = {2025: grown}
    if size in ("10.8k", "30k"):
        # The nation in 2025: the new provinces' sum.
        nation = {}
        for r in regions:
            if r.get("from_"):
                for s, (a, p) in figures[r["code"]][2025].items():
                    a0, p0 = nation.get(s, (0, 0))
                    nation[s] = (a0 + a, p0 + p)
        figures["vn"][2025] = nation

    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "data", "figures"))
    os.makedirs(os.path.join(out, "content", "plans"))
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(out, "themes"))
    for f in ("series.toml", "indicators.toml"):
        shutil.copy(os.path.join(REPO, "data", f), os.path.join(out, "data", f))
    with open(os.path.join(out, "config.toml"), "w", encoding="utf-8") as f:
        f.write(f'''# A generated national-size site ({size} regions, seed {seed}) for the benchmark.
title = "Bao phủ bảo hiểm xã hội (dữ liệu mô phỏng)"
title_en = "Social insurance coverage (simulated data)"
description = "Dữ liệu mô phỏng cỡ toàn quốc để đo hiệu năng."
description_en = "Simulated national-size data for benchmarking."
publisher = "baophu"
base_url = "https://bench.example.org/"
progress_method = "cagr"
headline_region = "vn"

[csv]
numbers = "plain"

# A national site keeps share images, chart pages and per-page downloads to the upper levels:
# for every commune they would be most of the files (44 of a commune's 47 files) and of the
# build's time. A commune's figures are in its page's tables and in the whole dataset.
[pages]
share_images = ["nation", "province"]
embeds = ["nation", "province"]
downloads = ["nation", "province"]
''')
    with open(os.path.join(out, "data", "sources.toml"), "w", encoding="utf-8") as f:
        f.write(f'[[source]]\nid = "{SOURCE}"\ntitle = "Số liệu mô phỏng (seed {seed})"\n'
                f'publisher = "baophu"\n')
    with open(os.path.join(out, "data", "regions.toml"), "w", encoding="utf-8") as f:
        for r in regions:
            f.write(f'[[region]]\ncode = "{r["code"]}"\nname_vi = "{r["name_vi"]}"\n'
                    f'name_en = "{r["name_en"]}"\nlevel = "{r["level"]}"\n')
            if "parent" in r:
                f.write(f'parent = "{r["parent"]}"\n')
            if r.get("from_"):
                f.write(f'from = {r["from_"]}\n')
            if r.get("until"):
                f.write(f'until = {r["until"]}\n')
            if r.get("became"):
                f.write("became = [" + ", ".join(f'"{b}"' for b in r["became"]) + "]\n")
            f.write("\n")
    by_year = {}
    for code, years in figures.items():
        for year, series in years.items():
            by_year.setdefault(year, []).append((code, series))
    for year, rows in sorted(by_year.items()):
        with open(os.path.join(out, "data", "figures", f"{year}.csv"), "w", encoding="utf-8") as f:
            f.write("region,series,year,actual,plan,source\n")
            for code, series in rows:
                for s, (a, p) in series.items():
                    f.write(f"{code},{s},{year},{a},{p},{SOURCE}\n")
    # Plans: the nation's and every province's that exists in 2025, targets 2026-2030.
    planned = [r for r in regions if r["level"] in ("nation", "province")
               and 2025 in figures.get(r["code"], {})]
    indicators = ["bao_phu_bhxh", "bao_phu_bhxh_tn", "bao_phu_bhtn", "bao_phu_bhyt",
                  "tuan_thu_bhxh", "tuan_thu_bb", "tn_tren_doi_tuong", "tuan_thu_bhtn",
                  "don_vi_dang_ky", "giao_dich_dien_tu", "thanh_tra_tron_dong", "huong_luong_huu"]
    for r in planned:
        latest = figures[r["code"]][2025]

        def rate(a, b):
            return 100 * latest[a][0] / latest[b][0]
        start = {
            "bao_phu_bhxh": rate("bhxh_bb", "lao_dong") + rate("bhxh_tn", "lao_dong"),
            "bao_phu_bhxh_tn": rate("bhxh_tn", "lao_dong"),
            "bao_phu_bhtn": rate("bhtn", "lao_dong"),
            "bao_phu_bhyt": rate("bhyt", "dan_so"),
            "tuan_thu_bhxh": 100 * (latest["bhxh_bb"][0] + latest["bhxh_tn"][0]) / latest["doi_tuong_bhxh"][0],
            "tuan_thu_bb": rate("bhxh_bb", "doi_tuong_bb"),
            "tn_tren_doi_tuong": 100 * latest["bhxh_tn"][0] / (latest["lao_dong"][0] - latest["bhxh_bb"][0]),
            "tuan_thu_bhtn": rate("bhtn", "doi_tuong_bhtn"),
            "don_vi_dang_ky": rate("don_vi_tham_gia", "don_vi_phai_tham_gia"),
            "giao_dich_dien_tu": rate("don_vi_giao_dich_dien_tu", "don_vi_tham_gia"),
            "thanh_tra_tron_dong": rate("don_vi_duoc_thanh_tra", "don_vi_tron_dong"),
            "huong_luong_huu": rate("huong_luong_huu", "sau_tuoi_nghi_huu"),
        }
        slug = f"ke-hoach-{r['code']}-2026-2030"
        with open(os.path.join(out, "content", "plans", f"{slug}.md"), "w", encoding="utf-8") as f:
            f.write(f'+++\ntitle = "Kế hoạch phát triển người tham gia BHXH, BHYT giai đoạn 2026-2030: {r["name_vi"]}"\n'
                    f'title_en = "Plan for social and health insurance participation 2026-2030: {r["name_en"]}"\n'
                    f'number = "{rng.randint(100, 999)}/KH-MP"\ndate = 2025-12-15\n'
                    f'issuer = "Cơ quan mô phỏng"\nissuer_en = "Simulated issuer"\nregion = "{r["code"]}"\n'
                    f'kind = "Kế hoạch"\nbase_year = 2025\nsummary = "Kế hoạch mô phỏng để đo hiệu năng."\n'
                    f'summary_en = "A simulated plan for benchmarking."\n')
            for ind in indicators:
                for year in range(2026, 2031):
                    value = round(min(99.0, start[ind] * (1.03 ** (year - 2025))), 1)
                    f.write(f'\n[[target]]\nindicator = "{ind}"\nyear = {year}\nvalue = {value}\n'
                            f'comparison = "at_least"\nprinted = "{str(value).replace(".", ",")}%"\n')
            for s in ("bhxh_bb", "bhxh_tn", "bhyt"):
                value = round(latest[s][0] * 1.05 ** 5)
                f.write(f'\n[[target]]\nseries = "{s}"\nyear = 2030\nvalue = {value}\n'
                        f'comparison = "at_least"\nprinted = "{value:,}"\n'.replace(",", "."))
            f.write("+++\n\nKế hoạch mô phỏng: các chỉ tiêu tăng đều mỗi năm đến 2030.\n")
    return len(regions)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="3.4k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    n = generate(args.size, args.seed, args.out)
    print(f"{args.out}: {n} regions ({args.size}, seed {args.seed})")


if __name__ == "__main__":
    main()
