#!/usr/bin/env python3
"""bench/gen_site.py: writes a deterministic website of N HTML pages for the crawl benchmark.

    python3 bench/gen_site.py [-n 10000] [-s 1] OUTDIR      # generate (OUTDIR is replaced)
    python3 bench/gen_site.py --check OUTDIR                # re-check an existing site

The site is a fictional outdoor-gear shop, "Fernhollow Supply Co." (no real company names; the
prose comes from bench/words.inc and the lists below). Every page has a shared header
(`<header><nav>`: home, shop, deals, pricing, sign up, help, blog, about, and a search form) and
footer (the same links plus terms, privacy, careers, press, and a newsletter form). Pages:

- the home page, /shop/ (all categories), a page per top category, and per subcategory a
  paginated listing (/shop/CAT/SUB/, page-2.html, ... 24 product cards a page, all page numbers
  linked up to 12 pages, a window beyond) of product pages (5-20 KB: description, spec table,
  reviews, related products; most with a price, some on sale or with a rebate, about 3 % with
  a small form);
- the blog: /blog/ links to month archives (/blog/YYYY/MM/, paginated 12 a page) of articles
  (paragraphs of prose, 6-100 KB, median about 17 KB), which link to products and each other;
- a help centre: /help/ paginated (60 a page) over short help articles;
- offers: 3 rebates (offer page, claim form posting to /claims/submit, terms), a pricing page
  with plans, a 3-step signup whose form actions lead to the next step (its stepper links the
  steps too, so that a crawler that ignores forms also finds them), a deals page;
- about, careers, press, terms, privacy; /assets/site.css and /assets/logo.svg;
- robots.txt (allows everything) and sitemap.xml listing every page. Both hold the placeholder
  __BASE__, which the benchmark's nginx replaces with http://HOST:PORT (sub_filter).

Exactly N pages are written (N >= 100). Sizes vary realistically (median about 15 KB, a few up
to 100 KB). The output is a pure function of (N, seed): every page draws from its own PRNG
stream seeded by (seed, path). After writing, the site is checked from the files themselves:
every page must be reachable from / by following <a href> links (form actions not counted), and
the link depth is reported (at most 4 from 100 to 10,000 pages). `.stamp` in OUTDIR records N,
the seed and a hash of this file; the benchmark regenerates the site when it differs.
"""
import argparse
import hashlib
import html
import math
import os
import random
import re
import shutil
import statistics
import sys
from collections import deque

VERSION = 1
HERE = os.path.dirname(os.path.abspath(__file__))
STORE = "Fernhollow Supply Co."

# --------------------------------------------------------------------------------------------
# words


def load_words(path=os.path.join(HERE, "words.inc")):
    """The string arrays of bench/words.inc, by name (C string escapes are not used there)."""
    with open(path, encoding="utf-8") as f:
        src = f.read()
    out = {}
    for m in re.finditer(r"static const char \*const (\w+)\[\] = \{(.*?)\};", src, re.S):
        out[m.group(1)] = [s.replace('\\"', '"') for s in
                           re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))]
    return out


W = load_words()
for _k in ("marketing", "legal", "connectors", "rebate_facts", "signup_facts", "pricing_facts",
           "plan_names", "features", "option_words", "common", "headings"):
    if not W.get(_k):
        sys.exit(f"gen_site.py: bench/words.inc has no list '{_k}'")

CATEGORIES = [
    ("tents", "Tents and shelters", ["Backpacking tents", "Family tents", "Tarps", "Bivy sacks",
                                     "Hammocks", "Tent footprints", "Stakes and guylines"]),
    ("sleep", "Sleeping gear", ["Sleeping bags", "Sleeping pads", "Pillows", "Quilts",
                                "Liners", "Camp cots"]),
    ("packs", "Backpacks", ["Daypacks", "Multi-day packs", "Hydration packs", "Duffels",
                            "Kids packs", "Pack covers"]),
    ("kitchen", "Camp kitchen", ["Stoves", "Cookware", "Water filters", "Coolers",
                                 "Utensils", "Fuel"]),
    ("clothing", "Clothing", ["Rain jackets", "Insulated jackets", "Base layers", "Hiking pants",
                              "Gloves", "Hats", "Socks"]),
    ("footwear", "Footwear", ["Hiking boots", "Trail runners", "Sandals", "Gaiters",
                              "Insoles", "Winter boots"]),
    ("climb", "Climbing", ["Harnesses", "Helmets", "Ropes", "Carabiners", "Chalk bags",
                           "Climbing shoes"]),
    ("paddle", "Paddling", ["Kayaks", "Paddles", "Life jackets", "Dry bags", "Paddle boards",
                            "Spray skirts"]),
    ("snow", "Snow sports", ["Snowshoes", "Ski poles", "Avalanche gear", "Goggles",
                             "Ski bags", "Traction"]),
    ("bike", "Cycling", ["Bike lights", "Bike helmets", "Panniers", "Repair kits", "Locks",
                         "Bike pumps"]),
    ("nav", "Navigation", ["GPS units", "Compasses", "Maps", "Headlamps", "Lanterns",
                           "Power banks"]),
    ("travel", "Travel", ["Luggage", "Packing cubes", "Travel pillows", "Money belts",
                          "Adapters", "Toiletry kits"]),
]
ADJ = ["Ridge", "Cedar", "Summit", "Alder", "Basalt", "Talus", "Juniper", "Glacier", "Heron",
       "Moraine", "Sorrel", "Larkspur", "Quartz", "Tamarack", "Willet", "Cinder", "Fjord",
       "Bramble", "Osprey Point", "Kestrel", "Sable", "Driftwood", "Lichen", "Cobalt"]
NOUN = ["Trail", "Crest", "Pass", "Hollow", "Peak", "Creek", "Basin", "Bluff", "Camp", "Vale",
        "Meadow", "Canyon", "Harbor", "Range"]
MODEL = ["", "", " 2", " 3", " Pro", " Lite", " XL", " UL", " Plus", " Sport"]
COLORS = ["Slate", "Moss", "Ember", "Glacier blue", "Sand", "Charcoal", "Rust", "Pine"]
MATERIALS = ["ripstop nylon", "recycled polyester", "merino wool", "anodised aluminium",
             "stainless steel", "cotton canvas", "silnylon", "closed-cell foam", "EVA",
             "carbon fibre"]
FIRST = ["Ada", "Ben", "Cora", "Dev", "Elin", "Femi", "Gus", "Hana", "Ivo", "June", "Kai",
         "Lena", "Milo", "Nia", "Otto", "Pia", "Quin", "Rosa", "Sami", "Tove", "Uma", "Vik"]
ARTICLE_TOPICS = ["How to choose", "A beginner's guide to", "Five mistakes to avoid with",
                  "Caring for", "Packing list:", "Field test:", "Why we love", "Repairing",
                  "The season's best", "What to know before buying", "Trip report with",
                  "Staff picks:"]
HELP_TOPICS = ["Orders", "Shipping", "Returns", "Rebates", "Membership", "Payments",
               "Account", "Warranty", "Stores", "Gift cards"]
HELP_Q = ["How do I", "Can I", "What happens if I", "Where can I", "When will I", "Why can't I"]
HELP_V = ["track my order", "change my address", "return an item", "check my rebate status",
          "cancel my membership", "update my card", "reset my password", "use a gift card",
          "claim a warranty repair", "find a store", "get a receipt copy", "pause my plan",
          "change my plan", "merge two accounts", "download an invoice", "pick up in store"]
POST_HEADINGS = ["Where we went", "What we packed", "What worked", "What we would change",
                 "The first night", "Weather and timing", "Choosing the right size",
                 "Fit and comfort", "Weight versus durability", "Care and storage",
                 "Our test method", "The verdict", "Readers ask", "Tips from the shop floor",
                 "A quick repair in the field", "Getting there", "Gear list", "Lessons learned"]
REBATES = [  # slug, product, amount, kind, weeks
    ("stove-rebate", "Cinder 2 camp stove", 30, "mail-in", "8-10"),
    ("tent-rebate", "Ridge Hollow 3 tent", 75, "mail-in", "10-12"),
    ("pack-rebate", "Talus 55 backpack", 40, "online", "6-8"),
]

# --------------------------------------------------------------------------------------------
# text


def sentence(r, pool=None):
    parts = [r.choice(pool or W["marketing"])]
    for _ in range(r.randrange(0, 2)):
        parts.append(r.choice(W["connectors"]) + r.choice(W["marketing"]))
    if r.random() < 0.5:
        parts.append(" " + " ".join(r.choice(W["common"]) for _ in range(r.randrange(3, 9))))
    s = "".join(parts)
    return s[0].upper() + s[1:] + r.choice([".", ".", ".", ".", "!", "?"] if pool is None
                                           else ["."])


def paragraph(r, n=None, pool=None):
    return " ".join(sentence(r, pool) for _ in range(n or r.randrange(3, 8)))


def esc(s):
    return html.escape(s, quote=True)


def price(r, lo=8, hi=600):
    v = math.exp(r.uniform(math.log(lo), math.log(hi)))
    return f"{int(v)}.{r.choice(['99', '95', '00', '49'])}"


def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


# --------------------------------------------------------------------------------------------
# layout

NAV = [("/", "Home"), ("/shop/", "Shop"), ("/deals/", "Deals"), ("/pricing/", "Pricing"),
       ("/signup/", "Sign up"), ("/help/", "Help"), ("/blog/", "Blog"), ("/about/", "About")]
FOOT = NAV + [("/legal/terms.html", "Terms of use"), ("/legal/privacy.html", "Privacy"),
              ("/about/careers.html", "Careers"), ("/about/press.html", "Press")]


def page(title, body, crumbs=(), desc=""):
    nav = "\n".join(f'      <li><a href="{h}">{t}</a></li>' for h, t in NAV)
    foot = "\n".join(f'      <li><a href="{h}">{t}</a></li>' for h, t in FOOT)
    bc = ""
    if crumbs:
        bc = ('<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>'
              + "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in crumbs)
              + "</ol></nav>\n")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | {esc(STORE)}</title>
<meta name="description" content="{esc(desc or title)}">
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<header class="site-header">
  <a class="logo" href="/"><img src="/assets/logo.svg" alt="{esc(STORE)}" width="180" height="40"></a>
  <nav class="main-nav" aria-label="Main">
    <ul>
{nav}
    </ul>
  </nav>
  <form role="search" class="site-search" action="/search" method="get">
    <label for="q" class="visually-hidden">Search the shop</label>
    <input type="search" id="q" name="q" placeholder="Search tents, stoves, packs">
    <button type="submit">Search</button>
  </form>
</header>
<main id="content">
{bc}{body}
</main>
<footer class="site-footer">
  <nav aria-label="Footer">
    <ul>
{foot}
    </ul>
  </nav>
  <form class="newsletter" action="/newsletter/subscribe" method="post">
    <h2>Trail notes, once a month</h2>
    <p>New gear, repair guides and member-only offers. Unsubscribe at any time.</p>
    <label for="nl-email">Email address</label>
    <input type="email" id="nl-email" name="email" autocomplete="email" required>
    <label><input type="checkbox" name="consent" value="yes" required> I agree to receive
      the newsletter and accept the <a href="/legal/privacy.html">privacy notice</a>.</label>
    <button type="submit">Subscribe</button>
  </form>
  <p class="legal-line">&copy; 2026 {esc(STORE)}, 1200 Alder Street, Bend, OR 97701.
    Call (541) 555-0140, Monday to Friday, 8 am to 6 pm. Prices in US dollars.</p>
</footer>
</body>
</html>
"""


def pad_to(r, target, base_len, make_block):
    """Blocks from make_block() until base_len + their length reaches target bytes."""
    out, n = [], base_len
    while n < target:
        b = make_block()
        out.append(b)
        n += len(b.encode("utf-8"))
    return "".join(out)


CHROME = len(page("x" * 40, "", (("/", "Home"), ("/shop/", "Shop"))).encode("utf-8"))


def size(r, median, sigma, lo, hi):
    return int(min(hi, max(lo, r.lognormvariate(math.log(median), sigma))))


# --------------------------------------------------------------------------------------------
# the site's structure


class Site:
    def __init__(self, n, seed):
        if n < 100:
            raise ValueError("at least 100 pages")
        self.n, self.seed = n, seed
        r = random.Random(f"{seed}/structure")
        n_sub = max(1, round(n / 220))
        subs = [(c, s[i]) for i in range(max(len(s) for _, _, s in CATEGORIES))
                for c, _, s in CATEGORIES if i < len(s)][:n_sub]
        # more subcategories than the lists hold (very large N): numbered series
        k = 0
        while len(subs) < n_sub:
            c, _, s = CATEGORIES[k % len(CATEGORIES)]
            subs.append((c, f"{s[k % len(s)]} series {k // len(CATEGORIES) + 2}"))
            k += 1
        self.cats = [c for c, _, _ in CATEGORIES if any(s[0] == c for s in subs)]
        self.subs = [(c, slugify(s), s) for c, s in subs]
        self.sub_w = [r.uniform(0.5, 1.5) for _ in self.subs]
        n_months = max(1, min(48, round(n / 280)))
        self.months = [(2026 - (i // 12), 12 - i % 12) for i in range(n_months)]
        self.month_w = [r.uniform(0.6, 1.4) for _ in self.months]
        self.fixed = ["/", "/shop/", "/deals/", "/pricing/", "/signup/", "/signup/profile.html",
                      "/signup/plan.html", "/blog/", "/about/", "/about/careers.html",
                      "/about/press.html", "/legal/terms.html", "/legal/privacy.html"]
        for slug, *_ in REBATES:
            self.fixed += [f"/deals/{slug}/", f"/deals/{slug}/claim.html",
                           f"/deals/{slug}/terms.html"]
        rest = n - len(self.fixed) - len(self.cats)
        P, A = int(rest * 0.76), int(rest * 0.16)
        # help articles fill the rest; products absorb what a listing page more or less shifts
        for _ in range(1000):
            self.split(P, A)
            H = max(1, n - self.total(0))
            while H > 1 and self.total(H) > n:
                H -= 1
            if self.total(H) == n:
                self.H = H
                break
            P += n - self.total(H)
        else:
            raise RuntimeError("could not lay out the site")
        self.paths()

    @staticmethod
    def spread(total, weights):
        s = sum(weights)
        out = [int(total * w / s) for w in weights]
        for i in range(total - sum(out)):
            out[i % len(out)] += 1
        return out

    def split(self, P, A):
        self.P, self.A = P, A
        self.per_sub = self.spread(P, self.sub_w)
        self.per_month = self.spread(A, self.month_w)

    def total(self, H):
        lp = sum(max(1, math.ceil(p / 24)) for p in self.per_sub)
        la = sum(max(1, math.ceil(a / 12)) for a in self.per_month)
        lh = max(1, math.ceil(H / 60))
        return len(self.fixed) + len(self.cats) + lp + self.P + la + self.A + lh + H

    def paths(self):
        r = random.Random(f"{self.seed}/names")
        self.products = []  # (path, name, sub index)
        self.sub_pages = []  # per sub: listing paths
        used = set()
        pid = 0
        for si, (c, s, label) in enumerate(self.subs):
            base = f"/shop/{c}/{s}/"
            np = max(1, math.ceil(self.per_sub[si] / 24))
            self.sub_pages.append([base] + [f"{base}page-{k}.html" for k in range(2, np + 1)])
            noun = label.split()[-1].rstrip("s") if label.split()[-1].endswith("s") \
                else label.split()[-1]
            for _ in range(self.per_sub[si]):
                while True:
                    name = f"{r.choice(ADJ)} {r.choice(NOUN)}{r.choice(MODEL)} {noun.lower()}"
                    if name not in used or len(used) > 50000:
                        break
                used.add(name)
                pid += 1
                self.products.append((f"{base}{slugify(name)}-{pid:05d}.html", name, si))
        self.articles = []  # (path, title, month index)
        self.month_pages = []
        aid = 0
        for mi, (y, m) in enumerate(self.months):
            base = f"/blog/{y}/{m:02d}/"
            na = max(1, math.ceil(self.per_month[mi] / 12))
            self.month_pages.append([base] + [f"{base}page-{k}.html" for k in range(2, na + 1)])
            for _ in range(self.per_month[mi]):
                aid += 1
                _, cat, subl = r.choice(CATEGORIES)
                title = f"{r.choice(ARTICLE_TOPICS)} {r.choice(subl).lower()}"
                self.articles.append((f"{base}{slugify(title)}-{aid:05d}.html", title, mi))
        self.help = []
        for h in range(self.H):
            title = f"{r.choice(HELP_Q)} {r.choice(HELP_V)}?"
            self.help.append((f"/help/{slugify(title)}-{h + 1:04d}.html", title,
                              HELP_TOPICS[h % len(HELP_TOPICS)]))
        nh = max(1, math.ceil(self.H / 60))
        self.help_pages = ["/help/"] + [f"/help/page-{k}.html" for k in range(2, nh + 1)]
        self.by_sub = [[] for _ in self.subs]
        for i, p in enumerate(self.products):
            self.by_sub[p[2]].append(i)
        self.by_month = [[] for _ in self.months]
        for i, a in enumerate(self.articles):
            self.by_month[a[2]].append(i)

    def all_pages(self):
        out = list(self.fixed) + [f"/shop/{c}/" for c in self.cats]
        for lst in self.sub_pages + self.month_pages:
            out += lst
        out += [p for p, *_ in self.products] + [p for p, *_ in self.articles]
        out += self.help_pages + [p for p, *_ in self.help]
        return out


def pagination(pages, k):
    """Links to a listing's other pages: all numbers up to 12 pages, else a window."""
    if len(pages) == 1:
        return ""
    n = len(pages)
    show = range(n) if n <= 12 else sorted({0, n - 1, *range(max(0, k - 3), min(n, k + 4))})
    items, last = [], -1
    if k > 0:
        items.append(f'<li><a rel="prev" href="{pages[k - 1]}">Previous</a></li>')
    for i in show:
        if i > last + 1:
            items.append('<li class="gap">&hellip;</li>')
        items.append(f'<li aria-current="page">{i + 1}</li>' if i == k
                     else f'<li><a href="{pages[i]}">{i + 1}</a></li>')
        last = i
    if k < n - 1:
        items.append(f'<li><a rel="next" href="{pages[k + 1]}">Next</a></li>')
    return f'<nav class="pagination" aria-label="Pages"><ol>{"".join(items)}</ol></nav>\n'


# --------------------------------------------------------------------------------------------
# page bodies


def product_card(site, i, r):
    path, name, si = site.products[i]
    pr = random.Random(f"{site.seed}/card{i}")
    p = f'<p class="price">${price(pr)}</p>' if pr.random() < 0.8 else \
        '<p class="price">See price in cart</p>'
    stars = pr.randrange(30, 51) / 10
    return (f'<li class="card"><a class="card-link" href="{path}"><span class="thumb" '
            f'aria-hidden="true"></span><h3>{esc(name)}</h3></a>{p}'
            f'<p class="rating" aria-label="Rated {stars} out of 5">{stars} &#9733; '
            f'({pr.randrange(0, 400)} reviews)</p><p class="blurb">{esc(sentence(pr))}</p>'
            f'<button type="button" class="add">Add to cart</button></li>\n')


def b_home(site):
    r = random.Random(f"{site.seed}/home")
    cats = "".join(f'<li><a href="/shop/{c}/">{esc(t)}</a></li>'
                   for c, t, _ in CATEGORIES if c in site.cats)
    feat = "".join(product_card(site, i, r) for i in
                   sorted(r.sample(range(len(site.products)), min(12, len(site.products)))))
    arts = "".join(f'<li><a href="{a[0]}">{esc(a[1])}</a></li>' for a in site.articles[:6])
    deals = "".join(f'<li><a href="/deals/{s}/">Get ${amt} back on the {esc(p)}</a></li>'
                    for s, p, amt, *_ in REBATES)
    return page("Outdoor gear for every season", f"""<section class="hero">
<h1>Outdoor gear for every season</h1>
<p>{esc(paragraph(r, 2))}</p>
<p><a class="button" href="/signup/">Join the Gear Club</a> <a href="/pricing/">See membership plans</a></p>
</section>
<section><h2>Shop by category</h2><ul class="categories">{cats}</ul></section>
<section><h2>Rebates this month</h2><ul>{deals}</ul><p><a href="/deals/">All deals</a></p></section>
<section><h2>Featured gear</h2><ul class="cards">
{feat}</ul></section>
<section><h2>From the blog</h2><ul>{arts}</ul></section>
""")


def b_shop(site):
    parts = []
    for c, t, _ in CATEGORIES:
        if c not in site.cats:
            continue
        subs = "".join(f'<li><a href="/shop/{c}/{s}/">{esc(l)}</a></li>'
                       for cc, s, l in site.subs if cc == c)
        parts.append(f'<section><h2><a href="/shop/{c}/">{esc(t)}</a></h2><ul>{subs}</ul>'
                     f'</section>\n')
    return page("Shop all gear", "<h1>Shop all gear</h1>\n" + "".join(parts),
                (("/", "Home"),))


def b_cat(site, c):
    r = random.Random(f"{site.seed}/cat/{c}")
    title = next(t for cc, t, _ in CATEGORIES if cc == c)
    sis = [i for i, s in enumerate(site.subs) if s[0] == c]
    subs = "".join(f'<li><a href="/shop/{c}/{site.subs[i][1]}/">{esc(site.subs[i][2])}</a> '
                   f'({site.per_sub[i]} products)</li>' for i in sis)
    pool = [j for i in sis for j in site.by_sub[i]]
    feat = "".join(product_card(site, i, r) for i in sorted(r.sample(pool, min(12, len(pool)))))
    return page(title, f"""<h1>{esc(title)}</h1>
<p>{esc(paragraph(r, 3))}</p>
<ul class="subcategories">{subs}</ul>
<h2>Popular in {esc(title.lower())}</h2>
<ul class="cards">
{feat}</ul>
<section class="seo"><h2>Buying {esc(title.lower())}</h2><p>{esc(paragraph(r, 6))}</p></section>
""", (("/", "Home"), ("/shop/", "Shop")))


def b_listing(site, si, k):
    c, s, label = site.subs[si]
    r = random.Random(f"{site.seed}/list/{si}/{k}")
    items = site.by_sub[si][k * 24:(k + 1) * 24]
    cards = "".join(product_card(site, i, r) for i in items)
    ctitle = next(t for cc, t, _ in CATEGORIES if cc == c)
    filt = "".join(f'<li><label><input type="checkbox" name="color" value="{slugify(x)}"> '
                   f'{x}</label></li>' for x in COLORS)
    intro = f"<p>{esc(paragraph(r, 2))}</p>\n" if k == 0 else ""
    return page(f"{label}" + (f" (page {k + 1})" if k else ""), f"""<h1>{esc(label)}</h1>
{intro}<aside class="filters"><h2>Filter</h2><ul>{filt}</ul></aside>
<p class="count">{site.per_sub[si]} products</p>
<ul class="cards">
{cards}</ul>
{pagination(site.sub_pages[si], k)}""", (("/", "Home"), ("/shop/", "Shop"),
                                          (f"/shop/{c}/", ctitle)))


def b_product(site, i):
    path, name, si = site.products[i]
    c, s, label = site.subs[si]
    r = random.Random(f"{site.seed}{path}")
    target = size(r, 14500, 0.3, 5000, 20000)
    ctitle = next(t for cc, t, _ in CATEGORIES if cc == c)
    roll = r.random()
    if roll < 0.55:
        pb = f'<p class="price"><span class="amount">${price(r)}</span></p>'
    elif roll < 0.72:
        was = float(price(r, 30, 700))
        pb = (f'<p class="price sale"><s>${was:.2f}</s> <strong>${was * r.choice([0.7, 0.75, 0.8, 0.85]):.2f}'
              f'</strong> <span class="badge">Sale</span></p><p class="small">Sale ends Sunday. '
              f'While supplies last.</p>')
    elif roll < 0.80:
        sl, pn, amt, kind, _ = r.choice(REBATES)
        pb = (f'<p class="price">${price(r, 60, 500)}</p><p class="rebate">Get ${amt} back by '
              f'{kind} rebate. <a href="/deals/{sl}/">See rebate details</a>.*</p>'
              f'<p class="fine-print">*{esc(r.choice(W["pricing_facts"]))}</p>')
    elif roll < 0.90:
        pb = (f'<p class="price">From ${price(r)} <span class="per">or ${price(r, 5, 40)}'
              f'/mo for 12 months</span></p><p class="fine-print">'
              f'{esc(r.choice(W["pricing_facts"]))}</p>')
    else:
        pb = '<p class="price">Price shown in cart</p>'
    form = ""
    fr = r.random()
    if fr < 0.015:
        form = ("""<form class="notify" action="/notify" method="post"><h2>Back in stock alert</h2>
<label for="n-email">Email</label><input type="email" id="n-email" name="email" required>
<button type="submit">Notify me</button></form>\n""")
    elif fr < 0.03:
        form = ("""<form class="ask" action="/questions/new" method="post"><h2>Ask a question</h2>
<label for="a-name">Your name</label><input id="a-name" name="name" autocomplete="name">
<label for="a-email">Email</label><input type="email" id="a-email" name="email" required>
<label for="a-q">Question</label><textarea id="a-q" name="question" rows="4"></textarea>
<button type="submit">Send question</button></form>\n""")
    specs = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in [
        ("Weight", f"{r.randrange(80, 4000)} g"), ("Material", r.choice(MATERIALS)),
        ("Colour", r.choice(COLORS)), ("Warranty", f"{r.choice([1, 2, 5, 10])} years"),
        ("Item number", f"FH-{i + 1:05d}")])
    sib = site.by_sub[si]
    pos = sib.index(i)
    rel = [sib[(pos + d) % len(sib)] for d in (1, 2, 3, -1, -2, -3) if len(sib) > 1]
    related = "".join(f'<li><a href="{site.products[j][0]}">{esc(site.products[j][1])}</a></li>'
                      for j in dict.fromkeys(rel) if j != i)
    art = site.articles[r.randrange(len(site.articles))] if site.articles else None
    guide = f'<p>Read our guide: <a href="{art[0]}">{esc(art[1])}</a>.</p>' if art else ""
    head = f"""<article class="product" itemscope>
<h1 itemprop="name">{esc(name)}</h1>
<div class="buy-box">{pb}
<label for="qty">Quantity</label><select id="qty" name="qty">{"".join(f"<option>{q}</option>" for q in range(1, 6))}</select>
<button type="button">Add to cart</button></div>
<section class="description"><h2>Description</h2><p>{esc(paragraph(r, 4))}</p>
<ul class="features">{"".join(f"<li>{esc(x)}</li>" for x in r.sample(W["features"], 4))}</ul></section>
<section class="specs"><h2>Specifications</h2><table>{specs}</table></section>
{form}"""
    tail = f"""</section>
<section class="related"><h2>Related products</h2><ul>{related}</ul>{guide}</section>
</article>
"""
    base = CHROME + len(head) + len(tail) + 80

    def review():
        return (f'<div class="review"><p class="who">{r.choice(FIRST)} &middot; '
                f'{r.randrange(1, 6)} of 5</p><p>{esc(paragraph(r, r.randrange(1, 4)))}</p></div>\n')
    body = head + '<section class="reviews"><h2>Reviews</h2>\n' + \
        pad_to(r, target, base, review) + tail
    return page(name, body, (("/", "Home"), ("/shop/", "Shop"), (f"/shop/{c}/", ctitle),
                             (site.sub_pages[si][0], label)))


def b_blog(site):
    r = random.Random(f"{site.seed}/blog")
    latest = "".join(f'<li><a href="{a[0]}">{esc(a[1])}</a><p>{esc(sentence(r))}</p></li>'
                     for a in site.articles[:12])
    arch = "".join(f'<li><a href="{site.month_pages[mi][0]}">{y}-{m:02d}</a> '
                   f'({site.per_month[mi]})</li>' for mi, (y, m) in enumerate(site.months))
    return page("The Fernhollow blog", f"""<h1>The Fernhollow blog</h1>
<p>{esc(paragraph(r, 2))}</p><h2>Latest</h2><ul class="posts">{latest}</ul>
<h2>Archive</h2><ul class="archive">{arch}</ul>""", (("/", "Home"),))


def b_month(site, mi, k):
    y, m = site.months[mi]
    r = random.Random(f"{site.seed}/month/{mi}/{k}")
    items = site.by_month[mi][k * 12:(k + 1) * 12]
    posts = "".join(f'<li><h2><a href="{site.articles[j][0]}">{esc(site.articles[j][1])}</a>'
                    f'</h2><p>{esc(paragraph(r, 2))}</p></li>\n' for j in items)
    return page(f"Blog archive {y}-{m:02d}", f"""<h1>Posts from {y}-{m:02d}</h1>
<ul class="posts">
{posts}</ul>
{pagination(site.month_pages[mi], k)}""", (("/", "Home"), ("/blog/", "Blog")))


def b_article(site, j):
    path, title, mi = site.articles[j]
    r = random.Random(f"{site.seed}{path}")
    target = size(r, 17000, 0.6, 6000, 100000)
    mates = site.by_month[mi]
    pos = mates.index(j)
    nav = []
    if pos > 0:
        nav.append(f'<a rel="prev" href="{site.articles[mates[pos - 1]][0]}">Previous post</a>')
    if pos < len(mates) - 1:
        nav.append(f'<a rel="next" href="{site.articles[mates[pos + 1]][0]}">Next post</a>')
    prods = r.sample(range(len(site.products)), min(4, len(site.products)))
    plinks = "".join(f'<li><a href="{site.products[p][0]}">{esc(site.products[p][1])}</a></li>'
                     for p in prods)
    rel = [site.articles[x] for x in r.sample(range(len(site.articles)),
                                              min(3, len(site.articles))) if x != j]
    related = "".join(f'<li><a href="{a[0]}">{esc(a[1])}</a></li>' for a in rel)
    head = (f'<article class="post"><h1>{esc(title)}</h1>\n<p class="byline">By '
            f'{r.choice(FIRST)} {r.choice(NOUN)}, {site.months[mi][0]}-{site.months[mi][1]:02d}'
            f'-{r.randrange(1, 29):02d}</p>\n')
    tail = (f'<aside class="gear"><h2>Gear in this post</h2><ul>{plinks}</ul></aside>\n'
            f'<nav class="post-nav">{" ".join(nav)}</nav>\n<section class="related"><h2>'
            f'Keep reading</h2><ul>{related}</ul></section></article>\n')
    base = CHROME + len(head) + len(tail)

    def section():
        return (f"<h2>{esc(r.choice(POST_HEADINGS))}</h2>\n"
                + "".join(f"<p>{esc(paragraph(r))}</p>\n" for _ in range(r.randrange(2, 5))))
    return page(title, head + pad_to(r, target, base, section) + tail,
                (("/", "Home"), ("/blog/", "Blog"), (site.month_pages[mi][0],
                                                      f"{site.months[mi][0]}-{site.months[mi][1]:02d}")))


def b_help_index(site, k):
    r = random.Random(f"{site.seed}/help/{k}")
    items = site.help[k * 60:(k + 1) * 60]
    by = {}
    for p, t, topic in items:
        by.setdefault(topic, []).append(f'<li><a href="{p}">{esc(t)}</a></li>')
    secs = "".join(f'<section><h2>{t}</h2><ul>{"".join(v)}</ul></section>\n'
                   for t, v in by.items())
    return page("Help centre" + (f" (page {k + 1})" if k else ""), f"""<h1>Help centre</h1>
<p>{esc(sentence(r))} Questions about a rebate? <a href="/help/">Start here</a> or
<a href="/deals/">see current rebates</a>.</p>
{secs}{pagination(site.help_pages, k)}""", (("/", "Home"),))


def b_help(site, h):
    path, title, topic = site.help[h]
    r = random.Random(f"{site.seed}{path}")
    target = size(r, 8000, 0.3, 5000, 16000)
    extra = ""
    if topic == "Membership":
        extra = ('<p>Started a signup and stopped? <a href="/signup/profile.html">Continue with '
                 'your profile</a> or <a href="/signup/plan.html">choose your plan</a>.</p>\n')
    elif topic == "Rebates":
        s, pn, *_ = REBATES[h % len(REBATES)]
        extra = f'<p>See the <a href="/deals/{s}/terms.html">terms of the {esc(pn)} rebate</a>.</p>\n'
    head = f'<article class="help"><h1>{esc(title)}</h1>\n{extra}'
    tail = ('<p>Still stuck? <a href="/about/">Contact us</a>.</p>\n'
            f'<p><a href="{site.help_pages[(h // 60)]}">Back to the help centre</a></p></article>\n')
    base = CHROME + len(head) + len(tail)
    steps = [0]

    def block():
        steps[0] += 1
        return f"<h2>Step {steps[0]}</h2><p>{esc(paragraph(r, r.randrange(2, 5)))}</p>\n"
    return page(f"{title} | Help centre", head + pad_to(r, target, base, block) + tail,
                (("/", "Home"), ("/help/", "Help")))


STATES = ["Alabama", "Arizona", "California", "Colorado", "Idaho", "Montana", "Nevada",
          "New Mexico", "Oregon", "Utah", "Washington", "Wyoming"]


def b_deals(site):
    r = random.Random(f"{site.seed}/deals")
    rebs = "".join(f"""<li class="deal"><h2><a href="/deals/{s}/">Get ${amt} back on the {esc(p)}</a></h2>
<p>{kind.capitalize()} rebate. Buy by June 30, 2026; claim within 30 days. Allow {wk} weeks.</p></li>
""" for s, p, amt, kind, wk in REBATES)
    sale = "".join(product_card(site, i, r) for i in
                   sorted(r.sample(range(len(site.products)), min(20, len(site.products)))))
    return page("Deals and rebates", f"""<h1>Deals and rebates</h1>
<p>{esc(paragraph(r, 2))}</p>
<ul class="deals">
{rebs}</ul>
<p>Members save more: <a href="/pricing/">see Gear Club plans</a> or <a href="/signup/">join now</a>.</p>
<h2>On sale this week</h2><ul class="cards">
{sale}</ul>""", (("/", "Home"),))


def b_rebate(site, slug, prod, amt, kind, wk):
    r = random.Random(f"{site.seed}/rebate/{slug}")
    facts = "".join(f"<li>{esc(x)}</li>" for x in r.sample(W["rebate_facts"], 5))
    return page(f"Get ${amt} back on the {prod}", f"""<article class="offer rebate">
<h1>Get ${amt} back on the {esc(prod)}</h1>
<p class="lead">Buy a new {esc(prod)} between March 1 and June 30, 2026 and get a ${amt}
prepaid card by {kind} rebate.*</p>
<ol class="how"><li>Buy the {esc(prod)} from {esc(STORE)} or an authorised dealer.</li>
<li>Keep your dated receipt and cut the UPC from the box.</li>
<li><a href="/deals/{slug}/claim.html">Fill in the claim form</a> within 30 days of purchase.</li>
<li>Allow {wk} weeks for your card to arrive.</li></ol>
<p><a class="button" href="/deals/{slug}/claim.html">Claim your rebate</a></p>
<ul class="facts">{facts}</ul>
<p class="fine-print">*{esc(paragraph(r, 3, W["legal"]))} Read the
<a href="/deals/{slug}/terms.html">full rebate terms</a>.</p>
</article>
""", (("/", "Home"), ("/deals/", "Deals")))


def b_claim(site, slug, prod, amt, kind, wk):
    states = "".join(f"<option>{s}</option>" for s in STATES)
    return page(f"{prod} rebate claim form", f"""<article class="claim">
<h1>{esc(prod)} rebate claim form</h1>
<p>Fill in every field marked *, then {"print the confirmation and mail it with the original UPC and a copy of your receipt" if kind == "mail-in" else "upload your receipt"}.
See the <a href="/deals/{slug}/terms.html">rebate terms</a>.</p>
<form action="/claims/submit" method="post" enctype="multipart/form-data" class="claim-form">
<input type="hidden" name="offer" value="{slug}-2026">
<fieldset><legend>Your details</legend>
<label for="first">First name *</label><input id="first" name="first_name" required autocomplete="given-name">
<label for="last">Last name *</label><input id="last" name="last_name" required>
<label for="street">Street address *</label><input id="street" name="street" required>
<label for="city">City *</label><input id="city" name="city" required>
<label for="state">State *</label><select id="state" name="state" required><option value="">Choose a state</option>{states}</select>
<label for="zip">ZIP code *</label><input id="zip" name="zip" required pattern="[0-9]{{5}}">
<label for="email">Email *</label><input id="email" name="email" type="email" required autocomplete="email">
<label for="email2">Confirm email *</label><input id="email2" name="email_confirm" type="email" required>
<label for="phone">Phone number *</label><input id="phone" name="phone" type="tel" required>
</fieldset>
<fieldset><legend>Your purchase</legend>
<label for="pdate">Purchase date * (MM/DD/YYYY)</label><input id="pdate" name="purchase_date" required>
<label for="store">Store *</label><input id="store" name="store" required>
<label for="receipt">Upload your itemised receipt * (PDF, JPG or PNG, max 4 MB)</label>
<input id="receipt" name="receipt" type="file" accept=".pdf,.jpg,.png" required>
<label for="upc">UPC from the box * (12 digits)</label><input id="upc" name="upc" required pattern="[0-9]{{12}}">
<label for="serial">Serial number *</label><input id="serial" name="serial" required>
</fieldset>
<label for="captcha">Type the characters you see *</label><input id="captcha" name="captcha" required autocomplete="off">
<label><input type="checkbox" name="agree" required> I have read and accept the rebate terms *</label>
<label><input type="checkbox" name="marketing" checked> Send me offers and news</label>
<button type="submit">Submit claim</button>
</form>
</article>
""", (("/", "Home"), ("/deals/", "Deals"), (f"/deals/{slug}/", "Offer")))


def b_terms(site, title, slug=None, n=14):
    r = random.Random(f"{site.seed}/terms/{slug or title}")
    extra = ""
    if slug:
        extra = "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in W["rebate_facts"]) + "</ul>\n"
    secs = "".join(f"<h2>{k + 1}. {esc(r.choice(W['headings']))}</h2>\n"
                   f"<p class=\"legal\">{esc(paragraph(r, r.randrange(4, 9), W['legal']))}</p>\n"
                   for k in range(n))
    back = f'<p><a href="/deals/{slug}/">Back to the offer</a></p>\n' if slug else ""
    return page(title, f"<article class=\"terms\"><h1>{esc(title)}</h1>\n{extra}{secs}{back}"
                       f"</article>\n", (("/", "Home"),))


def b_pricing(site):
    r = random.Random(f"{site.seed}/pricing")
    plans = []
    for k, (nm, mo) in enumerate([("Trail", "4.99"), ("Summit", "9.99"), ("Expedition", "19.99")]):
        feats = "".join(f"<li>{esc(x)}</li>" for x in W["features"][k * 3:k * 3 + 4])
        plans.append(f"""<div class="plan"><h2>{nm}</h2>
<p class="price"><span class="amount">{"From " if k == 2 else ""}${mo}</span>/month</p>
<p class="annual">or ${float(mo) * 10:.2f}/year billed annually</p>
<ul>{feats}</ul><p><a class="button" href="/signup/">Choose {nm}</a></p></div>
""")
    facts = "".join(f"<li>{esc(x)}</li>" for x in W["pricing_facts"][:5])
    return page("Gear Club plans and pricing", f"""<h1>Gear Club plans and pricing</h1>
<p>{esc(paragraph(r, 2))}</p>
<div class="plans">
{"".join(plans)}</div>
<table class="pricing"><tr><th>Plan</th><th>Monthly</th><th>Annual</th><th>Rentals a month</th></tr>
<tr><td>Trail</td><td>$4.99</td><td>$49.90</td><td>1</td></tr>
<tr><td>Summit</td><td>$9.99</td><td>$99.90</td><td>3</td></tr>
<tr><td>Expedition</td><td>from $19.99</td><td>from $199.90</td><td>Unlimited</td></tr></table>
<p class="fine-print">A one-time $15 setup fee applies. Sales tax extra. Plans renew
automatically until cancelled.</p>
<ul class="fine-print">{facts}</ul>
""", (("/", "Home"),))


def stepper(k):
    steps = [("/signup/", "Account"), ("/signup/profile.html", "Profile"),
             ("/signup/plan.html", "Plan and payment")]
    return ('<ol class="steps">' + "".join(
        f'<li aria-current="step">Step {i + 1} of 3: {t}</li>' if i == k
        else f'<li><a href="{h}">Step {i + 1}: {t}</a></li>' for i, (h, t) in enumerate(steps))
        + "</ol>\n")


def b_signup(site, k):
    if k == 0:
        title, action = "Join the Gear Club", "/signup/profile.html"
        fields = """<label for="s-email">Email *</label><input id="s-email" name="email" type="email" required autocomplete="email">
<label for="s-pw">Password *</label><input id="s-pw" name="password" type="password" required autocomplete="new-password">
<label for="s-pw2">Confirm password *</label><input id="s-pw2" name="password2" type="password" required>"""
        note = "Already a member? <a href=\"/about/\">Sign in</a>."
    elif k == 1:
        title, action = "Your profile", "/signup/plan.html"
        fields = """<label for="s-first">First name *</label><input id="s-first" name="first_name" required autocomplete="given-name">
<label for="s-last">Last name *</label><input id="s-last" name="last_name" required autocomplete="family-name">
<label for="s-dob">Date of birth *</label><input id="s-dob" name="dob" type="date" required>
<label for="s-phone">Phone *</label><input id="s-phone" name="phone" type="tel" required>"""
        note = W["signup_facts"][5]
    else:
        title, action = "Choose your plan", "/signup/finish"
        fields = """<fieldset><legend>Plan *</legend>
<label><input type="radio" name="plan" value="trail" required> Trail, $4.99/month</label>
<label><input type="radio" name="plan" value="summit"> Summit, $9.99/month</label>
<label><input type="radio" name="plan" value="expedition"> Expedition, from $19.99/month</label></fieldset>
<label for="s-cc">Card number *</label><input id="s-cc" name="cc_number" required autocomplete="cc-number">
<label for="s-exp">Expiration date *</label><input id="s-exp" name="cc_exp" required autocomplete="cc-exp">
<label for="s-cvc">Security code *</label><input id="s-cvc" name="cvc" required autocomplete="cc-csc">
<label><input type="checkbox" name="agree" required> I agree to the <a href="/legal/terms.html">terms</a> *</label>"""
        note = " ".join(W["signup_facts"][:4])
    return page(f"{title} (step {k + 1} of 3)", f"""<article class="signup">
<h1>{title}</h1>
{stepper(k)}<form action="{action}" method="post" class="signup-form">
{fields}
<button type="submit">{"Continue" if k < 2 else "Start membership"}</button>
</form>
<p class="fine-print">{esc(note) if k else note}</p>
</article>
""", (("/", "Home"), ("/pricing/", "Pricing")))


def b_simple(site, title, n):
    r = random.Random(f"{site.seed}/simple/{title}")
    return page(title, f"<h1>{esc(title)}</h1>\n" + "".join(
        f"<h2>{esc(r.choice(W['headings']))}</h2><p>{esc(paragraph(r))}</p>\n"
        for _ in range(n)), (("/", "Home"),))


def render(site):
    """Yields (url path, html) for every page, exactly site.n of them."""
    yield "/", b_home(site)
    yield "/shop/", b_shop(site)
    yield "/deals/", b_deals(site)
    yield "/pricing/", b_pricing(site)
    for k, p in enumerate(["/signup/", "/signup/profile.html", "/signup/plan.html"]):
        yield p, b_signup(site, k)
    yield "/blog/", b_blog(site)
    yield "/about/", b_simple(site, f"About {STORE}", 6)
    yield "/about/careers.html", b_simple(site, "Careers", 5)
    yield "/about/press.html", b_simple(site, "Press room", 4)
    yield "/legal/terms.html", b_terms(site, "Terms of use", None, 24)
    yield "/legal/privacy.html", b_terms(site, "Privacy notice", None, 18)
    for reb in REBATES:
        s = reb[0]
        yield f"/deals/{s}/", b_rebate(site, *reb)
        yield f"/deals/{s}/claim.html", b_claim(site, *reb)
        yield f"/deals/{s}/terms.html", b_terms(site, f"{reb[1]} rebate terms", s, 10)
    for c in site.cats:
        yield f"/shop/{c}/", b_cat(site, c)
    for si, pages in enumerate(site.sub_pages):
        for k, p in enumerate(pages):
            yield p, b_listing(site, si, k)
    for mi, pages in enumerate(site.month_pages):
        for k, p in enumerate(pages):
            yield p, b_month(site, mi, k)
    for i, (p, *_) in enumerate(site.products):
        yield p, b_product(site, i)
    for j, (p, *_) in enumerate(site.articles):
        yield p, b_article(site, j)
    for k, p in enumerate(site.help_pages):
        yield p, b_help_index(site, k)
    for h, (p, *_) in enumerate(site.help):
        yield p, b_help(site, h)


CSS = """body{font-family:sans-serif;margin:0;line-height:1.5}
.site-header,.site-footer{background:#1f2d24;color:#fff;padding:1em}
.site-header a,.site-footer a{color:#fff}main{max-width:70em;margin:auto;padding:1em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(14em,1fr));gap:1em;list-style:none}
.thumb{display:block;height:8em;background:#dde}.fine-print,small{font-size:.75em;color:#555}
.visually-hidden{position:absolute;left:-9999px}label{display:block}
"""
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="180" height="40" viewBox="0 0 180 40">'
        '<path d="M5 35 L20 5 L35 35 Z" fill="#2e6b46"/><text x="45" y="27" '
        'font-family="sans-serif" font-size="16" fill="#fff">Fernhollow</text></svg>\n')


def file_for(root, path):
    rel = path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return os.path.join(root, rel)


def generate(n, seed, out):
    site = Site(n, seed)
    tmp = out.rstrip("/") + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    sizes, paths = [], []
    for path, text in render(site):
        f = file_for(tmp, path)
        os.makedirs(os.path.dirname(f), exist_ok=True)
        data = text.encode("utf-8")
        with open(f, "wb") as fh:
            fh.write(data)
        sizes.append(len(data))
        paths.append(path)
    assert len(paths) == n == len(set(paths)), (len(paths), n)
    os.makedirs(os.path.join(tmp, "assets"))
    with open(os.path.join(tmp, "assets", "site.css"), "w") as f:
        f.write(CSS)
    with open(os.path.join(tmp, "assets", "logo.svg"), "w") as f:
        f.write(LOGO)
    with open(os.path.join(tmp, "robots.txt"), "w") as f:
        f.write(f"# {STORE}\nUser-agent: *\nAllow: /\n\nSitemap: __BASE__/sitemap.xml\n")
    with open(os.path.join(tmp, "sitemap.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
        for p in paths:
            f.write(f"  <url><loc>__BASE__{p}</loc></url>\n")
        f.write("</urlset>\n")
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    return site, sizes


HREF = re.compile(rb'<a\b[^>]*?\bhref="([^"#?]*)', re.I)


def check(root, quiet=False):
    """BFS over <a href> from /: (pages, reachable, max depth, depth histogram, sizes)."""
    pages = {}
    for d, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                full = os.path.join(d, name)
                rel = "/" + os.path.relpath(full, root).replace(os.sep, "/")
                if rel.endswith("/index.html"):
                    rel = rel[:-len("index.html")]
                pages[rel] = full
    depth = {"/": 0}
    q = deque(["/"])
    while q:
        p = q.popleft()
        with open(pages[p], "rb") as f:
            data = f.read()
        for m in HREF.finditer(data):
            h = m.group(1).decode("utf-8", "replace")
            if not h.startswith("/") or h in depth:
                continue
            if h in pages:
                depth[h] = depth[p] + 1
                q.append(h)
    hist = {}
    for v in depth.values():
        hist[v] = hist.get(v, 0) + 1
    sizes = sorted(os.path.getsize(f) for f in pages.values())
    return len(pages), len(depth), max(depth.values()), dict(sorted(hist.items())), sizes


def summary(root):
    n, reached, maxd, hist, sizes = check(root)
    q = statistics.quantiles(sizes, n=10) if len(sizes) > 1 else sizes * 9
    print(f"gen_site: {n} pages, {sum(sizes) / 1e6:.1f} MB in {root}")
    print(f"  sizes: median {statistics.median(sizes) / 1000:.1f} kB, p10 {q[0] / 1000:.1f}, "
          f"p90 {q[-1] / 1000:.1f}, min {sizes[0] / 1000:.1f}, max {sizes[-1] / 1000:.1f} kB; "
          f"{sum(1 for s in sizes if s > 50000)} pages over 50 kB")
    print(f"  links from /: {reached} of {n} pages reachable, max depth {maxd}; "
          f"pages per depth {hist}")
    if reached != n:
        print(f"gen_site: {n - reached} pages are not reachable by links", file=sys.stderr)
        return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--pages", type=int, default=10000)
    ap.add_argument("-s", "--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true", help="only check an existing OUTDIR")
    ap.add_argument("outdir")
    a = ap.parse_args()
    if a.check:
        return 0 if summary(a.outdir) else 1
    if a.pages < 100:
        ap.error("-n must be at least 100")
    generate(a.pages, a.seed, a.outdir)
    if not summary(a.outdir):
        return 1
    with open(os.path.join(a.outdir, ".stamp"), "w") as f:
        f.write(stamp(a.pages, a.seed) + "\n")
    return 0


def stamp(n, seed):
    with open(os.path.abspath(__file__), "rb") as f:
        h = hashlib.sha256(f.read()).hexdigest()[:12]
    return f"pages={n} seed={seed} gen={VERSION}-{h}"


if __name__ == "__main__":
    sys.exit(main())
