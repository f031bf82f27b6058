"""End-to-end: the morph app in a real JupyterLab, in headless chromium: it opens on the first frame (an apple) between
the two drawings, the slider moves through frames drawn by the VAE (the picture changes), play walks the path to the
clock by itself, and "new drawings" draws another morph."""
import math, re, time
import numpy as np
from conftest import SHOTS, open_notebook, image_of, ink_changed

STATUS = "document.querySelector('.jp-OutputArea-output .widget-html-content').innerText"
FRAME = ".jp-OutputArea-output .widget-image >> nth=1"      # the middle picture: the morph's current frame

def test_morph_app_walks_from_apple_to_clock(browser, jupyterlab):
    page = open_notebook(browser, jupyterlab, "morph.ipynb",
                         "from sketchrnn_nb.bonus import morph_app\napp = morph_app(class_a='apple', class_b='clock', seed=0)\napp")
    page.wait_for_selector(".jp-OutputArea-output .widget-html-content", timeout=180_000)
    page.wait_for_function(f"() => /apple \\(a person's drawing\\) to clock/.test({STATUS})", timeout=60_000)
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


def test_morph_app_answers_its_controls_and_the_pad(browser, jupyterlab):
    "A new class in a dropdown takes effect at once; a pad's drawing goes to either end; save writes the morph."
    base, token, root = jupyterlab
    page = open_notebook(browser, jupyterlab, "morph_pad.ipynb",
                         "from IPython.display import display\nfrom sketchrnn_nb.bonus import drawing_pad, morph_app\n"
                         "pad = drawing_pad(class_name='apple', seed=0)\n"
                         "app = morph_app(class_a='fish', class_b='clock', pad=pad, seed=0)\ndisplay(pad, app)")
    page.wait_for_function("() => /fish \\(a person's drawing\\) to clock/.test(document.body.innerText)",
                           timeout=180_000)
    before = image_of(page, ".jp-OutputArea-output .widget-image >> nth=-1")   # the morph's "to" end
    page.locator(".jp-OutputArea-output select").nth(2).select_option("star")   # pad: class; morph: from, to
    page.wait_for_function("() => /fish \\(a person's drawing\\) to star/.test(document.body.innerText)",
                           timeout=60_000)                  # no "new drawings" press needed
    time.sleep(1.0)
    assert ink_changed(before, image_of(page, ".jp-OutputArea-output .widget-image >> nth=-1")) > 100
    page.screenshot(path=SHOTS/"23_morph_new_class.png")

    canvas = page.locator(".jp-OutputArea-output canvas").first
    box = canvas.bounding_box()
    cx, cy, r = box["x"] + box["width"]*0.5, box["y"] + box["height"]*0.55, box["width"]*0.28
    page.mouse.move(cx + r, cy); page.mouse.down()
    for i in range(1, 31):                                   # an open apple arc
        a = 2*math.pi*0.8*i/30
        page.mouse.move(cx + r*math.cos(a), cy + r*math.sin(a)); time.sleep(0.01)
    page.mouse.up()
    time.sleep(0.5)
    page.locator("button", has_text="from: my drawing").first.click()
    page.wait_for_function("() => /apple \\(your drawing\\) to star/.test(document.body.innerText)", timeout=60_000)
    time.sleep(1.0)
    page.screenshot(path=SHOTS/"24_morph_from_pad.png")
    page.locator(".jp-OutputArea-output input[type=text]").last.fill("morph_saved")
    page.locator("button", has_text=re.compile(r"^\s*save\s*$")).last.click()
    page.wait_for_function("() => /saved .*morph_saved.png/.test(document.body.innerText)", timeout=60_000)
    assert all((root/f"morph_saved{ext}").stat().st_size > 100 for ext in (".png", ".svg", ".ndjson"))
    page.close()
