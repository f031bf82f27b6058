"""End-to-end: build the docs site (tools/build_docs.py, offline), serve it on 127.0.0.1 and load it in headless
chromium. Every page of the built site (found from its files) is crawled: no internal link may point to a missing page
or to an #anchor that is not an id on its target, every <img> must load, no local request may fail, and the pages may
fetch nothing from any host but 127.0.0.1 (such requests are recorded and blocked). The landing page shows the gallery
and links to every chapter, the evaluation page its tables, the loss chapter its formulas typeset. Screenshots of each
page go to $E2E_SCREENSHOTS. E2E_DOCS_SITE=DIR checks an already built site instead of building one.

The pages read like book chapters (issue #29, point 4), at desktop (1280 px) and phone (390 px) width: none is taller
than MAX_PAGE_HEIGHT, no `#| ` directive or In [ ]:/Out[ ]: prompt shows, nothing runs off the page (what is wider than
the column scrolls inside its box; commands in the text wrap, and so do code cells at desktop width), every animation
opens on its finished drawing (HTML5 animations on their last frame, GIFs with a first frame equal to the last), the
morph strip shows whole frames, and the build prints no warning."""
import base64, io, math, os, re, subprocess, sys, time, urllib.request
from pathlib import Path
from urllib.parse import urlsplit, unquote
import pytest
from conftest import SHOTS, free_port, ink_changed

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ["00_data", "00a_stroke5", "00b_datasets", "01_model", "02_loss", "03_train", "04_visualize", "05_bonus", "06_evaluate"]
HOST = "127.0.0.1"
WIDTHS = {"desktop": 1280, "phone": 390}
# Page heights before issue #29 (site of commit 515787f, 2026-12-06), in px at 1280 / 390 px wide: index 9,982 / 15,633,
# 00_data 46,147 / 56,978, 01_model 34,137 / 42,765, 02_loss 11,019 / 13,778, 03_train 36,222 / 45,615,
# 04_visualize 25,978 / 29,717, 05_bonus 22,107 / 24,700, 06_evaluate 50,969 / 66,864, 07_vae 10,518 / 11,722,
# 08_cli 12,539 / 16,756, 09_prepared 11,438 / 14,283. No page may be taller than half of the tallest (06_evaluate).
MAX_PAGE_HEIGHT = {1280: 50_969 // 2, 390: 66_864 // 2}

@pytest.fixture(scope="module")
def build(tmp_path_factory):
    "(site folder, the build's stdout + stderr): E2E_DOCS_SITE if set (output None), else built once with tools/build_docs.py."
    if os.environ.get("E2E_DOCS_SITE"): return Path(os.environ["E2E_DOCS_SITE"]), None
    out = tmp_path_factory.mktemp("site")
    r = subprocess.run([sys.executable, "tools/build_docs.py", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return out, r.stdout + r.stderr

@pytest.fixture(scope="module")
def site_dir(build): return build[0]

@pytest.fixture(scope="module")
def site(site_dir):
    "The site served by http.server on 127.0.0.1; yields its base URL."
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", HOST, "-d", str(site_dir)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    for _ in range(50):
        try: urllib.request.urlopen(base, timeout=1); break
        except OSError: time.sleep(0.2)
    yield base
    server.terminate(); server.wait(10)

def site_pages(site_dir):
    "URL paths of every HTML page of the built site (directory URLs for index.html; not the 404 page)."
    pages = []
    for f in sorted(site_dir.rglob("*.html")):
        rel = f.relative_to(site_dir).as_posix()
        if rel == "404.html": continue
        pages.append("/" + (rel[:-len("index.html")] if rel.endswith("index.html") else rel))
    return pages

def open_page(browser, url, width=1280):
    "Load `url` with external requests recorded and blocked; returns (page, external, failed, errors)."
    page = browser.new_page(viewport={"width": width, "height": 1000})
    external, failed, errors = [], [], []
    def route(r):
        if urlsplit(r.request.url).hostname not in (HOST, None): external.append(r.request.url); r.abort()
        else: r.continue_()
    page.route("**/*", route)
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: r.url.startswith("http") and r.url not in external and failed.append(f"{r.failure} {r.url}"))
    page.on("pageerror", lambda e: errors.append(str(e)))
    resp = page.goto(url, wait_until="networkidle")
    assert resp.ok, f"{url}: {resp.status}"
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    page.wait_for_function("() => Array.from(document.images).every(i => i.complete)", timeout=20_000)
    return page, external, failed, errors

def broken_images(page):
    "Images on the page that did not decode."
    return page.evaluate("""() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))
                              .map(i => (i.getAttribute('src') || '').slice(0, 80))""")

def local_target(site_dir, path):
    "The file of the built site that serves URL path `path`, or None if there is none."
    f = site_dir/unquote(path).lstrip("/")
    if f.is_dir(): f = f/"index.html"
    return f if f.is_file() else None

def test_crawl_every_page(browser, site, site_dir):
    "Every page: internal links and their anchors resolve, images load, nothing is fetched from another host."
    pages, ids, links, problems = site_pages(site_dir), {}, [], []
    assert len(pages) >= len(CHAPTERS) + 1, pages
    for path in pages:
        page, external, failed, errors = open_page(browser, site + path)
        ids[path] = set(page.evaluate("() => Array.from(document.querySelectorAll('[id], a[name]')).map(e => e.id || e.name)"))
        hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => [a.getAttribute('href'), a.href])")
        links += [(path, raw, url) for raw, url in hrefs]
        problems += [f"{path}: image did not load: {s}" for s in broken_images(page)]
        problems += [f"{path}: external request: {u[:120]}" for u in external]
        problems += [f"{path}: failed request: {u[:120]}" for u in failed]
        problems += [f"{path}: page error: {e[:120]}" for e in errors]
        page.close()
    for path, raw, url in links:
        u = urlsplit(url)
        if u.scheme not in ("http", "https") or u.hostname != HOST: continue        # external links are not followed
        target = local_target(site_dir, u.path)
        if target is None: problems.append(f"{path}: broken link {raw}"); continue
        if u.fragment and target.suffix == ".html":
            key = u.path if u.path.endswith((".html", "/")) else u.path + "/"
            if key not in ids: ids[key] = set()                                     # a page not crawled: 404.html
            if unquote(u.fragment) not in ids[key]: problems.append(f"{path}: link to missing anchor {raw}")
    print(f"crawled {len(pages)} pages, {len(links)} links")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems)))

@pytest.mark.parametrize("name", [""] + CHAPTERS)
def test_docs_page_renders(browser, site, name):
    page, external, failed, errors = open_page(browser, f"{site}/{name + '/' if name else ''}")
    n_img = page.locator("img").count()
    assert n_img >= (1 if name in ("01_model", "02_loss") else 2), f"{name or 'index'}: no pictures"   # the Colab badge; two chapters of code only
    assert broken_images(page) == [] and external == [] and failed == []
    assert not errors, errors
    nav = page.locator("nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    for ch in CHAPTERS:
        if ch != name: assert any(ch in (h or "") for h in nav), f"no navigation link to {ch}"
    if name == "":
        assert page.locator(".animation, .md-content img[src$='.gif']").count() >= 1   # the drawing animation (HTML5 or GIF)
        widths = page.locator(".jp-RenderedImage img, .jp-RenderedMarkdown img").evaluate_all("els => els.map(i => i.naturalWidth)")
        assert max(widths) > 800                                                 # the gallery grid
        links = page.locator(".md-content a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        for ch in CHAPTERS: assert f"{ch}/" in links, f"the landing page does not link to {ch}/"
    if name == "06_evaluate":
        heads = page.locator("table th").all_inner_texts()
        assert any("recognizability" in h for h in heads) and any("gmm: total" in h for h in heads)
        content = page.locator(".md-content").bounding_box()["width"]
        boxes = page.locator(".md-content table").evaluate_all("""ts => ts.map(t => {   // the box that scrolls the table
            const b = t.closest('.md-typeset__scrollwrap') || t;
            return [b.getBoundingClientRect().width, b.scrollWidth > b.clientWidth + 1, getComputedStyle(b).overflowX, b.scrollWidth]; })""")
        assert all(w <= content + 1 for w, _, _, _ in boxes), boxes                  # no table runs over the column...
        assert any(wide and ov == "auto" for _, wide, ov, _ in boxes), boxes         # ...the wide ones scroll inside it
        widest = page.locator(".md-content table").nth(max(range(len(boxes)), key=lambda i: boxes[i][3]))
        widest.scroll_into_view_if_needed(); page.screenshot(path=SHOTS/"docs_06_evaluate_wide_table.png")
    for img in page.locator(".md-content img").all():                            # pictures fit the column
        assert img.bounding_box() is None or img.bounding_box()["width"] <= page.locator(".md-content").bounding_box()["width"] + 1
    page.screenshot(path=SHOTS/f"docs_{name or 'index'}.png")
    if n_img:                                                       # and the page's first picture, in view
        page.locator("img").first.scroll_into_view_if_needed(); page.screenshot(path=SHOTS/f"docs_{name or 'index'}_picture.png")
    if page.locator("table").count():
        page.locator("table").first.scroll_into_view_if_needed(); page.screenshot(path=SHOTS/f"docs_{name or 'index'}_table.png")
    page.close()

def test_formulas_typeset(browser, site, site_dir):
    "The loss chapter's $...$ and $$...$$ formulas are typeset by the site's own MathJax copy, with no TeX left showing."
    if not (site_dir/"extra"/"mathjax"/"MathJax.js").exists():
        pytest.skip("no MathJax in the site: pip install jupyter-server-mathjax (tools/build_docs.py copies it in)")
    page, external, failed, errors = open_page(browser, f"{site}/02_loss/")
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0"
                           " && document.querySelectorAll('.MathJax, .MathJax_Display').length > 0", timeout=30_000)
    assert page.locator(".MathJax_Display").count() >= 1 and page.locator(".MathJax").count() >= 5
    text = page.locator(".jp-RenderedMarkdown").evaluate_all("""els => els.map(e => { const c = e.cloneNode(true);
        c.querySelectorAll('pre, code, script').forEach(x => x.remove()); return c.textContent; }).join(' ')""")
    assert "$$" not in text and "\\frac" not in text, "raw TeX left on the page"
    assert external == [] and failed == [] and not errors, (external, failed, errors)
    page.locator(".MathJax_Display").first.scroll_into_view_if_needed(); page.screenshot(path=SHOTS/"docs_02_loss_math.png")
    page.close()

# --- The pages read like book chapters (issue #29, point 4) ----------------------------------------------------------

FACTS = r"""() => {
  const content = document.querySelector('.md-content'), col = content.getBoundingClientRect();
  const shown = e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden';
  const scrollsX = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const boxed = e => { for (let a = e.parentElement; a && a !== content; a = a.parentElement) if (scrollsX(a)) return true;
                       return false; };
  const what = e => (e.tagName + '.' + e.className).slice(0, 60) + ': ' + (e.innerText || e.getAttribute('src') || '').replace(/\s+/g, ' ').slice(0, 60);
  const escaping = Array.from(content.querySelectorAll('*')).filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > col.right + 1 && !boxed(e); }).map(what);
  const hidden = sel => Array.from(document.querySelectorAll(sel)).filter(e => shown(e) && e.scrollWidth > e.clientWidth + 1).map(what);
  const code = Array.from(document.querySelectorAll('.jp-InputArea-editor pre, .clipboard-copy-txt')).map(e => e.textContent);
  return {
    height: document.documentElement.scrollHeight,
    page_overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    escaping: escaping.slice(0, 5),
    commands_cut: hidden('.jp-RenderedMarkdown .highlight pre'),
    code_cut: hidden('.jp-InputArea-editor pre'),
    directives: code.flatMap(t => t.split('\n')).filter(l => /^\s*#\|/.test(l)).slice(0, 5),
    prompts: Array.from(document.querySelectorAll('.jp-InputPrompt, .jp-OutputPrompt')).filter(e => shown(e) && e.innerText.trim())
               .map(e => e.innerText.trim()).slice(0, 5)
             .concat((document.body.innerText.match(/^\s*(In|Out)\s*\[[ \d]*\]:/mg) || []).slice(0, 5)),
    animations: Array.from(document.querySelectorAll('.animation img[id^="_anim_img"]')).map(img => {
      const a = window['anim' + img.id.slice('_anim_img'.length)];
      return a ? {frame: a.current_frame, frames: a.frames.length, shows_last: img.src === a.frames[a.frames.length - 1].src}
               : {frame: null}; }),
    gifs: Array.from(document.querySelectorAll('.md-content img')).map(i => i.src).filter(s => /\.gif$/i.test(s)),
    morphs: Array.from(document.querySelectorAll('img[alt="the morph, frame by frame"]')).map(i => i.src),
  };
}"""
_facts = {}

def page_facts(browser, site, site_dir, width):
    "Facts about every page of the site at `width` (measured once per width): {path: dict of FACTS}."
    if (site, width) not in _facts:
        facts = {}
        for path in site_pages(site_dir):
            page, external, failed, errors = open_page(browser, site + path, width)
            page.wait_for_function("""() => Array.from(document.querySelectorAll('.animation img[id^="_anim_img"]'))
                                        .every(i => window['anim' + i.id.slice('_anim_img'.length)])""", timeout=10_000)
            facts[path] = page.evaluate(FACTS)
            if path == "/" and width == WIDTHS["phone"]: page.screenshot(path=SHOTS/"docs_index_phone.png")
            page.close()
        _facts[site, width] = facts
    return _facts[site, width]

@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_page_heights(browser, site, site_dir, width):
    "No page is taller than MAX_PAGE_HEIGHT (half of the tallest chapter before #29): a chapter, not its test suite."
    facts = page_facts(browser, site, site_dir, width)
    heights = {p: f["height"] for p, f in facts.items()}
    print(f"page heights at {width} px:", heights)
    assert all(h <= MAX_PAGE_HEIGHT[width] for h in heights.values()), \
        f"taller than {MAX_PAGE_HEIGHT[width]} px at {width} px: " + str({p: h for p, h in heights.items() if h > MAX_PAGE_HEIGHT[width]})

@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_directives_or_prompts(browser, site, site_dir, width):
    "The code shown has no `#| ` directive lines, and no In [ ]: / Out[ ]: prompt shows."
    facts = page_facts(browser, site, site_dir, width)
    bad = {p: {k: f[k] for k in ("directives", "prompts") if f[k]} for p, f in facts.items()}
    assert not any(bad.values()), {p: b for p, b in bad.items() if b}

@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_nothing_runs_off_the_page(browser, site, site_dir, width):
    """Nothing is wider than the page, or than the content column unless it scrolls inside a box of the column;
    commands and snippets in the text wrap (none hides a part), and at desktop width code cells too."""
    facts = page_facts(browser, site, site_dir, width)
    bad = {}
    for p, f in facts.items():
        b = {k: f[k] for k in ("escaping", "commands_cut") if f[k]}
        if f["page_overflow"] > 0: b["page_overflow"] = f["page_overflow"]
        if width == WIDTHS["desktop"] and f["code_cut"]: b["code_cut"] = f["code_cut"][:5]
        if b: bad[p] = b
    assert not bad, bad

def gif_frames(path):
    "The first and last frames of a GIF, as greyscale pictures."
    from PIL import Image, ImageSequence
    frames = [f.convert("L") for f in ImageSequence.Iterator(Image.open(path))]
    return frames[0], frames[-1]

def test_animations_open_finished(browser, site, site_dir):
    """Every animation shows its finished drawing at load: an HTML5 animation (matplotlib's to_jshtml) is on its last
    frame, its picture that frame's; a GIF's first frame is its last one (what shows before it plays)."""
    facts, bad, n = page_facts(browser, site, site_dir, WIDTHS["desktop"]), [], 0
    for p, f in facts.items():
        for i, a in enumerate(f["animations"]):
            n += 1
            if a["frame"] is None or a["frame"] != a["frames"] - 1 or not a["shows_last"]:
                bad.append(f"{p}: animation {i} opens on frame {a['frame']} of {a.get('frames')}")
        for src in f["gifs"]:
            n += 1
            first, last = gif_frames(local_target(site_dir, urlsplit(src).path))
            if ink_changed(first, last) > first.width*first.height // 1000:
                bad.append(f"{p}: {urlsplit(src).path} starts on another frame than its finished drawing")
    assert n >= 3, "the landing page, 04_visualize and 05_bonus have animations"
    assert not bad, bad

def test_morph_strip_shows_whole_frames(browser, site, site_dir):
    "05_bonus's morph strip: square frames side by side, each whole (no ink on the seams between two frames)."
    import numpy as np
    from PIL import Image
    srcs = page_facts(browser, site, site_dir, WIDTHS["desktop"])["/05_bonus/"]["morphs"]
    assert srcs, "no morph strip on 05_bonus"
    for src in srcs:
        a = np.asarray(Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("L"))
        h, w = a.shape
        assert w % h == 0 and w // h >= 3, f"not a row of square frames: {w}x{h}"
        seams = [int((a[:, [k*h, k*h + h - 1]] < 200).sum()) for k in range(w // h)]
        assert not any(seams), f"frames cut at the seams (dark pixels on each frame's edges: {seams})"

def test_build_prints_no_warnings(build):
    "tools/build_docs.py prints no warning (nbdev's processing, mkdocs, Python's)."
    site, output = build
    if output is None: pytest.skip("E2E_DOCS_SITE: the site was built elsewhere")
    warnings = [l for l in output.splitlines() if re.search(r"warning|WARNING", l) and "docs: 0 warnings" not in l]
    assert "docs: 0 warnings" in output and not warnings, "\n".join(warnings[:20])


# ---- the Play page (issue #31): the shipped decoder drawing in the browser -------------------------------------------
# `window.play` is first the page's element of id "play" (browsers name elements on window), then the app's object:
# wait for the object's stats, not for the name alone, or the check throws while the page still loads
PLAY_READY = ("() => window.play && window.play.stats && window.play.stats.steps > 0 && "
              "!document.getElementById('play-draw').disabled")
VAE_READY = "() => window.play && window.play.vary"

def test_play_page_draws_offline_fast_and_light(browser, site):
    "Loads with nothing from another host, draws its first sketch at 60+ pen movements a second, under 20 MB in all."
    page, external, failed, errors = open_page(browser, f"{site}/play/")
    page.wait_for_function(PLAY_READY, timeout=120_000)
    page.wait_for_function(VAE_READY, timeout=120_000)                  # everything the page loads is loaded
    page.click("#play-again"); page.wait_for_function(PLAY_READY + " && /Drawn/.test(document.getElementById('play-status').innerText)", timeout=60_000)
    stats = page.evaluate("() => window.play.stats")
    rate = stats["steps"]/(stats["ms"]/1000)
    loaded = page.evaluate("""() => performance.getEntriesByType('resource').reduce((a, e) => a + e.encodedBodySize, 0)
                                    + performance.getEntriesByType('navigation')[0].encodedBodySize""")
    print(f"play: {stats['steps']} pen movements at {rate:.0f} a second; {loaded/2**20:.1f} MB loaded")
    page.screenshot(path=SHOTS/"play_drawn.png", full_page=True)
    assert not external and not failed and not errors, (external, failed, errors)
    assert rate >= 60, f"{rate:.0f} pen movements a second"
    assert loaded < 20*2**20, f"{loaded/2**20:.1f} MB"
    assert ink_of(page, "#play-canvas") > 100
    page.close()

def ink_of(page, selector):
    "Pixels of a canvas that are not white."
    return page.evaluate(f"""() => {{ const c = document.querySelector('{selector}'), d = c.getContext('2d')
        .getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 600) n++; return n; }}""")

def blue_and_black(page, selector, i):
    "Blue (the model's) and black (the reader's) pixels of the i-th canvas matching `selector`."
    return page.evaluate(f"""() => {{ const c = document.querySelectorAll('{selector}')[{i}], d = c.getContext('2d')
        .getImageData(0, 0, c.width, c.height).data; let b = 0, k = 0;
        for (let j = 0; j < d.length; j += 4) {{ if (d[j + 2] > 150 && d[j] < 120) b++; else if (d[j] + d[j + 1] + d[j + 2] < 200) k++; }}
        return [b, k]; }}""")

def test_play_page_completes_varies_and_morphs_a_drawing(browser, site):
    """A stroke drawn on the pad with the mouse is finished four ways by the decoder (the stroke kept in black), varied
    nine ways by the VAE, and morphed into the drawing at the top in eight steps."""
    page, external, failed, errors = open_page(browser, f"{site}/play/")
    page.wait_for_function(PLAY_READY, timeout=120_000)
    page.select_option("#play-class", "apple")
    pad = page.locator("#pad"); pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    cx, cy, r = box["x"] + box["width"]/2, box["y"] + box["height"]*0.55, box["width"]*0.3
    page.mouse.move(cx + r, cy); page.mouse.down()
    for i in range(1, 31):
        a = 2*math.pi*0.75*i/30
        page.mouse.move(cx + r*math.cos(a), cy + r*math.sin(a))
    page.mouse.up()
    page.click("#pad-complete")
    page.wait_for_function("() => /completions of your 1 stroke/.test(document.getElementById('pad-status').innerText)",
                           timeout=60_000)
    page.locator("#pad").scroll_into_view_if_needed()
    page.screenshot(path=SHOTS/"play_completed.png")
    inks = [blue_and_black(page, ".pad-completion", i) for i in range(4)]
    assert all(b > 30 and k > 30 for b, k in inks), inks       # the model's blue and the reader's black in each
    page.wait_for_function(VAE_READY, timeout=120_000)
    page.click("#vae-vary")
    page.wait_for_function("() => /Nine variations of your drawing as apple by the VAE/.test(document.getElementById('vae-status').innerText)",
                           timeout=60_000)
    page.click("#vae-morph")
    page.wait_for_function("() => /in 8 steps/.test(document.getElementById('vae-status').innerText)", timeout=60_000)
    page.locator("#vae-vary").scroll_into_view_if_needed()
    page.screenshot(path=SHOTS/"play_varied_morphed.png")
    assert all(blue_and_black(page, ".vae-variation", i)[0] > 30 for i in range(9))
    assert all(blue_and_black(page, ".vae-morph", i)[0] > 20 for i in range(8))
    assert not external and not failed and not errors, (external, failed, errors)
    page.close()

def test_play_page_samples_like_python(browser, site):
    "Sketches sampled in the browser are recognized by 06's classifier as often as as many sampled in Python."
    from sketchrnn_nb.testing import use_chapter_data
    if not use_chapter_data(): pytest.skip("needs the full offline copy of Quick, Draw! (../shared/quickdraw) for 06's classifier")
    import numpy as np
    from sketchrnn_nb.model import Config, load_pretrained
    from sketchrnn_nb.train import split_items
    from sketchrnn_nb.evaluate import class_images, classifier_data, train_classifier, classify, sketch_images
    from sketchrnn_nb.evaluate import recognizability
    model, n, t = load_pretrained(name="gmm"), 30, 0.4
    config = Config(max_per_class=None)
    train, valid, test = split_items(config)
    (X, y), _, _ = classifier_data(model.classes, *[class_images(it, model.classes) for it in (train, test, valid)])
    clf = train_classifier(model.classes, X, y, verbose=False)
    page, *_ = open_page(browser, f"{site}/play/")
    page.wait_for_function(PLAY_READY, timeout=120_000)
    hits = []
    for i, c in enumerate(model.classes):
        rows = page.evaluate(f"() => window.play.sample('{c}', {n}, {t}, {100 + i})", )
        P, _ = classify(clf, sketch_images([np.array(r + [[0, 0, 0, 0, 1]], np.float32) for r in rows]))
        hits.append(float((P.argmax(1) == clf.classes.index(c)).mean()))
    page.close()
    browser_rate = float(np.mean(hits))
    python_rate = recognizability(model, clf, n=n, temperature=t, seed=0)["mean"]
    se = np.sqrt(2*python_rate*(1 - python_rate)/(n*len(model.classes)))
    print(f"play: recognized {browser_rate:.1%} in the browser, {python_rate:.1%} in Python "
          f"({n} a class at T={t}; standard error of the difference {se:.1%})")
    assert abs(browser_rate - python_rate) <= 3*se + 1e-9, (browser_rate, python_rate, se)

def test_play_page_samples_a_row_as_the_library_does(browser, site):
    """The page's `sampleRow` against `GMMHead.sample` on one mixture, 20,000 rows each: the moves' means and spreads
    (tempered), and the pen's odds (not tempered; no end where ends are not allowed), within 4 standard errors."""
    import numpy as np, torch
    from sketchrnn_nb.model import GMMHead
    M, t, N = 3, 0.5, 20_000
    head, out = GMMHead(8, M), torch.randn(1, 6*M + 3, generator=torch.Generator().manual_seed(0))
    out[0, 6*M:] = torch.tensor([1.0, 0.0, -0.5])                          # every pen state well represented
    p = head.mixture(out)
    want = head.sample(out.repeat(N, 1), t, torch.Generator().manual_seed(1)).numpy()
    params = {k: getattr(p, k)[0].tolist() for k in ("pi_logits", "mu_x", "mu_y", "sigma_x", "sigma_y", "rho")}
    params["pen_logits"] = head.pen_logits(out)[0].tolist()
    page, *_ = open_page(browser, f"{site}/play/")
    page.wait_for_function(PLAY_READY, timeout=120_000)
    got, no_end = (np.array(page.evaluate("""async ([o, M, t, N, allowEnd]) => {
        const m = await import('/play-assets/play.js'), u = m.uniform(7);
        const out = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { data: Float32Array.from(v) }]));
        return Array.from({ length: N }, () => m.sampleRow(out, 0, M, t, u, allowEnd)); }""", [params, M, t, N, e]))
                   for e in (True, False))
    page.close()
    assert (no_end[:, 4] == 0).all()
    pens = lambda rows: rows[:, 2:].mean(0)
    assert np.abs(pens(got) - pens(want)).max() <= 4*np.sqrt(0.25*2/N), (pens(got), pens(want))
    moves = lambda rows: rows[rows[:, 4] == 0, :2]
    a, b = moves(got), moves(want)
    se = np.sqrt(a.var(0)/len(a) + b.var(0)/len(b))
    assert (np.abs(a.mean(0) - b.mean(0)) <= 4*se).all(), (a.mean(0), b.mean(0), se)
    assert (np.abs(a.std(0)/b.std(0) - 1) <= 4*np.sqrt(1/len(a) + 1/len(b))*2).all(), (a.std(0), b.std(0))

def sample_sketches(per_class):
    "Stroke-5 arrays (data units) of `per_class` real drawings of each default class, from the package's sample."
    from sketchrnn_nb.data import SAMPLE_CACHE, download_quickdraw_data
    from sketchrnn_nb.stroke5 import strokes_to_sequence
    drawings = download_quickdraw_data(max_per_class=per_class, cache_dir=SAMPLE_CACHE)
    return [strokes_to_sequence(d, truncate=True) for v in drawings.values() for d in v]

def test_play_page_pictures_a_drawing_as_the_library_does(browser, site):
    """A CNN encoder reads a drawing's picture: the page's `picture` draws 100 of the sample's real drawings (10 a class,
    scaled down to the size of normalized rows, in float32) pixel for pixel as `raster_sketches` does: in float32 step
    for step, halves rounded to even. (Normalizing is `encode`'s part, in the next test.)"""
    import numpy as np, torch
    from sketchrnn_nb.model import raster_sketches
    rows = [(s / [7.0, 5.0, 1, 1, 1]).astype(np.float32) for s in sample_sketches(10)]
    want = [raster_sketches(torch.tensor(r[None]), torch.tensor([len(r)]))[0, 0].numpy() for r in rows]
    page, *_ = open_page(browser, f"{site}/play/")
    page.wait_for_function(PLAY_READY, timeout=120_000)
    got = page.evaluate("""async (rows) => {
        const m = await import('/play-assets/play.js');
        return rows.map((r) => Array.from(m.picture(r, { size: 48, margin: 3, thickness: 3 }))); }""",
                        [r.tolist() for r in rows])
    page.close()
    got = np.array(got).reshape(-1, 48, 48)
    wrong = [int((g != w).sum()) for g, w in zip(got, want)]
    assert sum(w.sum() for w in want) > 100*200 and sum(wrong) == 0, [(i, w) for i, w in enumerate(wrong) if w]

def test_play_page_encodes_a_drawing_as_the_library_does(browser, site):
    """The page's VAE reads the pad's drawing as `encode` does: z's mean for 20 of the sample's real drawings (2 a
    class, in data units) within 1e-3 of the library's, whichever encoder the shipped VAE has (rows or picture)."""
    import numpy as np
    from sketchrnn_nb.model import load_pretrained
    from sketchrnn_nb.vae import encode
    sketches = sample_sketches(2)
    want = encode(load_pretrained(name="vae"), sketches).numpy()
    page, *_ = open_page(browser, f"{site}/play/")
    page.wait_for_function(PLAY_READY, timeout=120_000)
    got = np.array(page.evaluate("""async (sketches) => {
        const m = await import('/play-assets/play.js'), vae = await m.Model.load('vae'), mus = [];
        for (const s of sketches) mus.push((await vae.encode(s))[0]);
        return mus; }""", [s.tolist() for s in sketches]))
    page.close()
    assert got.shape == want.shape and np.abs(got - want).max() < 1e-3, np.abs(got - want).max()
