"""Fixtures for the browser tests: a JupyterLab server on 127.0.0.1 (token, temporary root, config and workspace
dirs; stopped by its PID) and headless Debian chromium driven by Playwright. Screenshots go to $E2E_SCREENSHOTS
(default: tests/e2e/screenshots)."""
import io, os, secrets, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("SKETCHRNN_E2E") == "required": raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium")
    collect_ignore_glob = ["test_*.py"]   # needs Debian's chromium (apt-get install chromium)
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", Path(__file__).parent/"screenshots"))
SHOTS.mkdir(parents=True, exist_ok=True)
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

@pytest.fixture(scope="session")
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

@pytest.fixture(scope="session")
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
    page.goto(f"{base}/lab/workspaces/{Path(name).stem}/tree/{name}?reset&token={token}")   # its own workspace: one tab
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

