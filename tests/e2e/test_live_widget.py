"""End-to-end: the live generation widget in a real JupyterLab, in headless chromium: Play draws (pixels change between
two screenshots), the temperature slider and the class dropdown restart the drawing."""
import time
from conftest import SHOTS, open_notebook, image_of, ink_changed

def test_live_widget_draws_in_jupyterlab(browser, jupyterlab):
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
