"""End-to-end: the morph app in a real JupyterLab, in headless chromium: it opens on the first frame (an apple) between
the two drawings, the slider moves through frames drawn by the VAE (the picture changes), play walks the path to the
clock by itself, and "new drawings" draws another morph."""
import re, time
import numpy as np
from conftest import SHOTS, open_notebook, image_of, ink_changed

STATUS = "document.querySelector('.jp-OutputArea-output .widget-html-content').innerText"
FRAME = ".jp-OutputArea-output .widget-image >> nth=1"      # the middle picture: the morph's current frame

def test_morph_app_walks_from_apple_to_clock(browser, jupyterlab):
    page = open_notebook(browser, jupyterlab, "morph.ipynb",
                         "from sketchrnn_nb.bonus import morph_app\napp = morph_app(class_a='apple', class_b='clock', seed=0)\napp")
    page.wait_for_selector(".jp-OutputArea-output .widget-html-content", timeout=180_000)
    page.wait_for_function(f"() => /apple to clock/.test({STATUS})", timeout=60_000)
    time.sleep(0.5)
    imgs = page.locator(".jp-OutputArea-output .widget-image")
    assert imgs.count() == 3
    first = image_of(page, FRAME)
    assert (np.asarray(first) < 128).sum() > 100, "the first frame is blank"
    page.screenshot(path=SHOTS/"20_morph_opened.png")

    slider = page.locator(".jp-OutputArea-output .widget-slider .noUi-handle").first
    slider.focus()
    page.keyboard.press("End")                               # the last frame: the clock
    time.sleep(1.0)
    last = image_of(page, FRAME)
    page.screenshot(path=SHOTS/"21_morph_last.png")
    assert ink_changed(first, last) > 100, "moving the slider did not change the frame"

    page.keyboard.press("Home")
    time.sleep(0.5)
    page.locator(".jp-OutputArea-output button.widget-button", has_text=re.compile(r"^\s*play\s*$")).first.click()
    time.sleep(5.0)                                          # 9 frames at 400 ms: the walk reaches the end
    played = image_of(page, FRAME)
    assert ink_changed(first, played) > 100, "play did not move the morph"

    page.locator("button", has_text="new drawings").first.click()
    time.sleep(3.0)
    page.screenshot(path=SHOTS/"22_morph_new.png")
    page.close()
