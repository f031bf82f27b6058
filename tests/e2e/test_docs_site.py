"""End-to-end: build the docs site (tools/build_docs.py, offline), serve it on 127.0.0.1, load every page in headless
chromium, and check that its pictures render (every <img> decoded, with a width), that the landing page shows the
gallery and links to every chapter, and that the evaluation page shows its tables. Screenshots of each page go to
$E2E_SCREENSHOTS."""
import subprocess, sys, time, urllib.request
from pathlib import Path
import pytest
from conftest import SHOTS, CHROMIUM_ARGS, free_port

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ["00_data", "01_model", "02_loss", "03_train", "04_visualize", "05_bonus", "06_evaluate"]

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    r = subprocess.run([sys.executable, "tools/build_docs.py", str(out)], cwd=ROOT, capture_output=True, text=True, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert r.returncode == 0, r.stderr[-3000:]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(50):
        try: urllib.request.urlopen(base, timeout=1); break
        except OSError: time.sleep(0.2)
    yield base
    server.terminate(); server.wait(10)

def broken_images(page):
    "Images on the page that did not decode."
    return page.evaluate("""() => Array.from(document.images).filter(i => i.offsetParent !== null || i.closest('.animation'))
                              .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => (i.src || '').slice(0, 80))""")

@pytest.mark.parametrize("name", [""] + CHAPTERS)
def test_docs_page_renders(browser, site, name):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    resp = page.goto(f"{site}/{name + '/' if name else ''}", wait_until="networkidle")
    assert resp.ok
    n_img = page.locator("img").count()
    assert n_img >= (0 if name in ("01_model", "02_loss") else 1), f"{name or 'index'}: no pictures"   # two chapters of code only
    page.wait_for_function("() => Array.from(document.images).every(i => i.complete)", timeout=20_000)
    assert broken_images(page) == []
    assert not errors, errors
    nav = page.locator("nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    for ch in CHAPTERS:
        if ch != name: assert any(ch in (h or "") for h in nav), f"no navigation link to {ch}"
    if name == "":
        assert page.locator(".animation").count() >= 1                          # the drawing animation on the landing page
        assert page.locator("img").first.evaluate("i => i.naturalWidth") > 800  # the gallery grid
    if name == "06_evaluate":
        heads = page.locator("table th").all_inner_texts()
        assert any("recognizability" in h for h in heads) and any("gmm: total" in h for h in heads)
    page.screenshot(path=SHOTS/f"docs_{name or 'index'}.png")
    if n_img:                                                       # and the page's first picture, in view
        page.locator("img").first.scroll_into_view_if_needed(); page.screenshot(path=SHOTS/f"docs_{name or 'index'}_picture.png")
    if page.locator("table").count():
        page.locator("table").first.scroll_into_view_if_needed(); page.screenshot(path=SHOTS/f"docs_{name or 'index'}_table.png")
    page.close()
