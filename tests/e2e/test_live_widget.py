"""End-to-end: the live generation widget in a real JupyterLab, driven by headless Debian chromium through Playwright.

Starts JupyterLab on 127.0.0.1 (token, temporary root and workspace dirs), opens a notebook that builds the widget,
runs it, presses Play, checks that the drawing changes between two screenshots, moves the temperature slider,
changes the class, and saves screenshots to $E2E_SCREENSHOTS (default: tests/e2e/screenshots). The server is
stopped by its PID."""
import io, os, secrets, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("SKETCHRNN_E2E") == "required": raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium")
    pytest.skip("needs Debian's chromium (apt-get install chromium)", allow_module_level=True)
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", Path(__file__).parent/"screenshots"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); return s.getsockname()[1]

def write_notebook(path, source):
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)

@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    "A JupyterLab server on 127.0.0.1 with a token and temporary dirs; yields (base url, token, root dir)."
    root, ws = tmp_path_factory.mktemp("root"), tmp_path_factory.mktemp("workspaces")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path_factory.mktemp("config")),
           "JUPYTER_RUNTIME_DIR": str(tmp_path_factory.mktemp("runtime"))}
    log = open(root.parent/"jupyterlab.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
                             f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
                             f"--LabApp.workspaces_dir={ws}", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2); break
            except OSError: time.sleep(0.5)
        else: pytest.fail(f"JupyterLab did not start; log: {root.parent/'jupyterlab.log'}")
        yield base, token, root
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        try: proc.wait(20)
        except subprocess.TimeoutExpired: os.kill(proc.pid, signal.SIGKILL); proc.wait()
        log.close()

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()

def open_notebook(browser, jupyterlab, name, source):
    "Write a one-cell notebook, open it in JupyterLab and run it; returns the page."
    base, token, root = jupyterlab
    write_notebook(root/name, source)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base}/lab/tree/{name}?token={token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell .cm-content", timeout=120_000)
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('Idle')", timeout=120_000)   # the kernel is up
    no_news = page.locator(".jp-toast-button:has-text('No')")
    if no_news.count(): no_news.first.click()                                        # the "Jupyter news?" toast
    page.click(".jp-Cell .cm-content")
    page.keyboard.press("Shift+Enter")
    return page

def image_of(page, selector):
    from PIL import Image
    return Image.open(io.BytesIO(page.locator(selector).first.screenshot())).convert("L")

def ink_changed(a, b):
    import numpy as np
    return int((np.abs(np.asarray(a, int) - np.asarray(b, int)) > 40).sum())

def test_live_widget_draws_in_jupyterlab(browser, jupyterlab):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_notebook(browser, jupyterlab, "live.ipynb",
                         "from sketchrnn_nb.visualize import live_generation\napp = live_generation(class_name='apple', seed=0, fps=20)\napp")
    img = ".jp-OutputArea-output .widget-image"
    try: page.wait_for_selector(img, timeout=180_000)
    except Exception:
        page.screenshot(path=SHOTS/"00_no_widget.png"); raise
    status = page.locator(".jp-OutputArea-output .widget-html-content").first
    assert "apple" in status.inner_text() and "step 0/" in status.inner_text()
    page.screenshot(path=SHOTS/"01_loaded.png")

    page.locator(".widget-play button").first.click()            # Play
    time.sleep(1.0); a = image_of(page, img)
    page.screenshot(path=SHOTS/"02_playing_a.png")
    time.sleep(1.0); b = image_of(page, img)
    page.screenshot(path=SHOTS/"03_playing_b.png")
    assert ink_changed(a, b) > 50, "the drawing did not change while playing"
    step_a = int(status.inner_text().split("step ")[1].split("/")[0])
    assert step_a > 0

    page.wait_for_function("() => /finished/.test(document.querySelector('.jp-OutputArea-output .widget-html-content').innerText)", timeout=60_000)
    page.screenshot(path=SHOTS/"04_finished.png")

    slider = page.locator(".widget-slider", has_text="temperature").locator(".noUi-handle").first
    slider.focus(); [slider.press("ArrowRight") for _ in range(4)]
    page.wait_for_function("() => /temperature 0\\.60/.test(document.querySelector('.jp-OutputArea-output .widget-html-content').innerText)", timeout=30_000)
    page.screenshot(path=SHOTS/"05_temperature.png")

    page.locator(".widget-dropdown select").first.select_option("star")
    page.wait_for_function("() => /star/.test(document.querySelector('.jp-OutputArea-output .widget-html-content').innerText)", timeout=30_000)
    page.locator(".widget-play button").first.click()
    time.sleep(1.5)
    page.screenshot(path=SHOTS/"06_star.png")
    assert "star" in status.inner_text()
    page.close()
