import hashlib, json, re, sys, os, collections, itertools
sys.path.insert(0, os.path.dirname(__file__))
from needs_data import NEEDS
from pairs_data import PAIRS

NEED_LABELS = ["comfort", "space", "presence", "help", "celebration", "reassurance", "repair", "none"]
CAPS = ["presence", "curiosity", "naming", "self_regulation", "responsive_action", "repair"]
INT = {"l": "low", "m": "medium", "h": "high"}
OUT = "/work/main/labelled"
errors = []

def split_of(i):
    h = int(hashlib.sha256(i.encode()).hexdigest(), 16) % 100
    return "dev" if h < 50 else "test"

def ctx(c, maxlen):
    if len(c) > maxlen: errors.append(f"context too long: {c}")
    out = []
    for s, t in c:
        if s not in ("A", "B") or not t.strip(): errors.append(f"bad context turn {s!r} {t!r}")
        out.append({"speaker": s, "text": t})
    return out

needs = []
for n, (need, expl, inten, text, c) in enumerate(NEEDS, 1):
    if need not in NEED_LABELS: errors.append(f"bad need {need}")
    if inten not in INT: errors.append(f"bad intensity {inten}")
    needs.append({"id": f"need-{n:04d}", "text": text, "context": ctx(c, 3), "need": need,
                  "explicit": bool(expl), "intensity": INT[inten]})
pairs = []
for n, (cap, c, msg, better, worse, note) in enumerate(PAIRS, 1):
    if cap not in CAPS: errors.append(f"bad cap {cap}")
    for f in (msg, better, worse, note):
        if not f.strip(): errors.append(f"empty field in pair {n}")
    if better == worse: errors.append(f"pair {n} same replies")
    pairs.append({"id": f"pair-{n:04d}", "context": ctx(c, 2), "message": msg, "better": better,
                  "worse": worse, "capacity": cap, "note": note})

def norm(t): return re.sub(r"\W+", " ", t.lower()).strip()
seen = {}
for it in needs:
    k = norm(it["text"])
    if k in seen: errors.append(f"duplicate need text: {it['text']!r} ({seen[k]})")
    seen[k] = it["id"]
seen_m = {}
for p in pairs:
    k = norm(p["message"])
    if k in seen_m: errors.append(f"duplicate pair message: {p['message']!r}")
    seen_m[k] = p["id"]
    for r in ("better", "worse"):
        k2 = norm(p[r])
        if (r, k2) in seen_m: errors.append(f"duplicate {r}: {p[r]!r}")
        seen_m[(r, k2)] = p["id"]
# near-duplicate check (token Jaccard) across all texts
alltexts = [(it["id"], it["text"]) for it in needs] + [(p["id"], p["message"]) for p in pairs]
toks = [(i, set(norm(t).split())) for i, t in alltexts]
near = []
for (i1, a), (i2, b) in itertools.combinations(toks, 2):
    if len(a) >= 4 and len(b) >= 4:
        j = len(a & b) / len(a | b)
        if j >= 0.5: near.append((round(j, 2), i1, i2))
for x in sorted(near, reverse=True): print("NEAR", x, file=sys.stderr)

assert len(set(i["id"] for i in needs)) == len(needs)
assert len(set(p["id"] for p in pairs)) == len(pairs)

# counts
def table(items, key, labels):
    c = collections.Counter((it[key], split_of(it["id"])) for it in items)
    rows = [(l, c[(l, "dev")], c[(l, "test")]) for l in labels]
    return rows
nrows = table(needs, "need", NEED_LABELS)
prows = table(pairs, "capacity", CAPS)
for l, d, t in nrows + prows:
    if d < 8 or t < 8: errors.append(f"label {l} short in a split: dev {d} test {t}")
nc = collections.Counter(it["need"] for it in needs)
for l in NEED_LABELS:
    need_min = 25 if l in ("none", "repair") else 35
    if nc[l] < need_min: errors.append(f"need {l} has {nc[l]} < {need_min}")
pc = collections.Counter(p["capacity"] for p in pairs)
for l in CAPS:
    if pc[l] < 25: errors.append(f"cap {l} has {pc[l]}")
if len(needs) < 330: errors.append("needs < 330")
if len(pairs) < 170: errors.append("pairs < 170")

expl = sum(it["explicit"] for it in needs)
print(f"needs {len(needs)} explicit {expl} ({expl/len(needs):.0%})")
print("explicit per need:", {l: sum(1 for it in needs if it['need']==l and it['explicit']) for l in NEED_LABELS})
print("intensity:", collections.Counter(it["intensity"] for it in needs))
print("with context:", sum(1 for it in needs if it["context"]), "needs;", sum(1 for p in pairs if p["context"]), "pairs")
short = sum(1 for p in pairs if len(p["better"]) <= 1.1 * len(p["worse"]))
print(f"pairs {len(pairs)}; better shorter-or-about-equal (<=110% of worse chars): {short} ({short/len(pairs):.0%})")
print("better shorter-or-equal per cap:", {c: sum(1 for p in pairs if p['capacity']==c and len(p['better']) <= 1.1*len(p['worse'])) for c in CAPS})
q = sum(1 for p in pairs if "?" in p["better"])
print(f"better replies with '?': {q} ({q/len(pairs):.0%})")

if errors:
    print("\n".join(errors)); sys.exit(1)

os.makedirs(OUT, exist_ok=True)
for name, items in (("needs", needs), ("pairs", pairs)):
    for sp in ("dev", "test"):
        with open(f"{OUT}/{name}-{sp}.jsonl", "w", encoding="utf-8") as f:
            for it in items:
                if split_of(it["id"]) == sp:
                    f.write(json.dumps(it, ensure_ascii=False) + "\n")

def md(rows, head):
    s = f"| {head} | dev | test | total |\n|---|---:|---:|---:|\n"
    for l, d, t in rows: s += f"| `{l}` | {d} | {t} | {d+t} |\n"
    D = sum(r[1] for r in rows); T = sum(r[2] for r in rows)
    s += f"| **all** | **{D}** | **{T}** | **{D+T}** |\n"
    return s
tables = {"NEEDS_TABLE": md(nrows, "need"), "PAIRS_TABLE": md(prows, "capacity")}
ex = collections.Counter((it["explicit"], split_of(it["id"])) for it in needs)
tables["EXPLICIT_LINE"] = (f"explicit: {ex[(True,'dev')]} dev, {ex[(True,'test')]} test "
                           f"({expl} of {len(needs)}, {expl/len(needs):.0%})")
tpl = os.path.join(os.path.dirname(__file__), "README.tpl.md")
if os.path.exists(tpl):
    s = open(tpl, encoding="utf-8").read()
    for k, v in tables.items(): s = s.replace(k, v)
    open(f"{OUT}/README.md", "w", encoding="utf-8").write(s)
print(tables["NEEDS_TABLE"]); print(tables["PAIRS_TABLE"]); print(tables["EXPLICIT_LINE"])
