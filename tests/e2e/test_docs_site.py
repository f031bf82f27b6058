"""End-to-end: build the docs site (tools/build_docs.py, offline), serve it on 127.0.0.1 and load it in headless
chromium. Every page of the built site (found from its files) is crawled: no internal link may point to a missing page
or to an #anchor that is not an id on its target, every <img> must load, no local request may fail, and the pages may
fetch nothing from any host but 127.0.0.1 (such requests are recorded and blocked). The landing page shows the gallery
and links to every chapter, the evaluation page its tables, the loss chapter its formulas typeset. Screenshots of each
page go to $E2E_SCREENSHOTS. E2E_DOCS_SITE=DIR checks an already built site instead of building one."""
import os, subprocess, sys, time, urllib.request
from pathlib import Path
from urllib.parse import urlsplit, unquote
import pytest
from conftest import SHOTS, free_port

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ["00_data", "01_model", "02_loss", "03_train", "04_visualize", "05_bonus", "06_evaluate"]
HOST = "127.0.0.1"

@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    "The built site: E2E_DOCS_SITE if set, else built once for this module with tools/build_docs.py."
    if os.environ.get("E2E_DOCS_SITE"): return Path(os.environ["E2E_DOCS_SITE"])
    out = tmp_path_factory.mktemp("site")
    r = subprocess.run([sys.executable, "tools/build_docs.py", str(out)], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert r.returncode == 0, r.stderr[-3000:]
    return out

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

def open_page(browser, url):
    "Load `url` with external requests recorded and blocked; returns (page, external, failed, errors)."
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
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
