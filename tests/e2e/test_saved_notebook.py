"""End-to-end: the saved visualize notebook, opened in JupyterLab WITHOUT running any cell (an untrusted notebook: its
scripts do not run), shows its HTML5 animation as a picture: the <img> carries the last frame in its own src, so it
loads (naturalWidth > 0) instead of showing a broken image."""
import shutil, time
from pathlib import Path
from conftest import SHOTS

NB = Path(__file__).resolve().parents[2]/"nbs"/"04_visualize.ipynb"
ANIM_IMG = ".jp-OutputArea-output .animation img"

def test_saved_animation_shows_a_still_without_running(browser, jupyterlab):
    base, token, root = jupyterlab
    shutil.copy(NB, root/"saved_visualize.ipynb")
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base}/lab/workspaces/saved/tree/saved_visualize.ipynb?reset&token={token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell .cm-content", timeout=120_000)
    no_news = page.locator(".jp-toast-button:has-text('No')")
    if no_news.count(): no_news.first.click()
    for _ in range(400):                                      # cells out of view are not rendered: scroll down to it
        if page.locator(ANIM_IMG).count(): break
        page.evaluate("document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollBy(0, 600)")
        time.sleep(0.1)
    img = page.locator(ANIM_IMG).first
    img.scroll_into_view_if_needed()
    page.wait_for_function(f"() => {{ const i = document.querySelector({ANIM_IMG!r}); return i && i.complete; }}",
                           timeout=30_000)
    time.sleep(0.5)
    page.screenshot(path=SHOTS/"20_saved_animation_still.png")
    src = img.get_attribute("src") or ""
    assert src.startswith("data:image/png;base64,"), f"the saved <img> has no picture of its own: {src[:60]!r}"
    width = page.evaluate(f"document.querySelector({ANIM_IMG!r}).naturalWidth")
    assert width > 0, "the still picture did not load"
    assert page.locator(".jp-OutputArea-output").count() > 10                  # the saved outputs, not a blank notebook
    assert not page.locator(".jp-Cell .jp-InputPrompt:has-text('[*]')").count()   # nothing was run
    page.close()
