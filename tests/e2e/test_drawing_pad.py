"""End-to-end: the drawing pad in a real JupyterLab, in headless chromium: draw a stroke with the mouse on the canvas,
press "complete", and check that the completions appear, in the model's blue, beside the user's black stroke; the
replay controls carry labels; "variations" fills the 3x3 grid with the VAE's drawings like the user's; "clear" empties
the canvas, the completions, the variations and the status."""
import io, math, re, time
import numpy as np
from conftest import SHOTS, open_notebook

def blue_and_black(png):
    from PIL import Image
    a = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return int(((a[..., 2] > 150) & (a[..., 0] < 120)).sum()), int((a.sum(-1) < 200).sum())

def test_drawing_pad_completes_a_mouse_drawing(browser, jupyterlab):
    page = open_notebook(browser, jupyterlab, "pad.ipynb",
                         "from sketchrnn_nb.bonus import drawing_pad\npad = drawing_pad(class_name='apple', seed=0)\npad")
    canvas = page.locator(".jp-OutputArea-output canvas").first
    canvas.wait_for(timeout=180_000)
    time.sleep(0.5)
    box = canvas.bounding_box()
    cx, cy, r = box["x"] + box["width"]*0.5, box["y"] + box["height"]*0.55, box["width"]*0.28
    page.mouse.move(cx + r, cy); page.mouse.down()
    for i in range(1, 41):                                   # most of a circle: the body of an apple
        a = 2*math.pi*0.9*i/40
        page.mouse.move(cx + r*math.cos(a), cy + r*math.sin(a)); time.sleep(0.01)
    page.mouse.up()
    time.sleep(0.5)
    page.screenshot(path=SHOTS/"10_pad_drawn.png")
    assert blue_and_black(canvas.screenshot())[1] > 200, "the stroke did not appear on the canvas"

    page.locator("button", has_text="complete").first.click()
    status = page.locator(".jp-OutputArea-output .widget-html-content").first
    page.wait_for_function("() => /completions of your 1 stroke/.test(document.querySelector('.jp-OutputArea-output .widget-html-content').innerText)",
                           timeout=60_000)
    time.sleep(3)                                            # let the completions animate
    page.screenshot(path=SHOTS/"11_pad_completed.png")
    imgs = page.locator(".jp-OutputArea-output .widget-image")
    assert imgs.count() == 9 + 4                             # the 3x3 grid of variations (beside the canvas), 4 completions
    for i in range(4):
        blue, black = blue_and_black(imgs.nth(9 + i).screenshot())
        assert blue > 30 and black > 30, f"completion {i}: {blue} blue and {black} black pixels"
    assert "apple" in status.inner_text()
    for label in ("play", "pause", "restart"):                # the replay's controls say what they do
        b = page.locator(".jp-OutputArea-output button.widget-button", has_text=re.compile(rf"^\s*{label}\s*$")).first
        assert b.is_visible() and b.get_attribute("title"), f"no labelled '{label}' button with a tooltip"

    page.locator("button", has_text="variations").first.click()
    page.wait_for_function("() => /9 variations of your drawing/.test(document.querySelector('.jp-OutputArea-output .widget-html-content').innerText)",
                           timeout=120_000)
    time.sleep(1.0)
    page.screenshot(path=SHOTS/"11b_pad_variations.png")
    for i in range(9):
        blue, _ = blue_and_black(imgs.nth(i).screenshot())
        assert blue > 30, f"variation {i}: {blue} blue pixels"

    page.locator("button", has_text="clear").first.click()
    page.wait_for_function("() => /Draw on the canvas/.test(document.querySelector('.jp-OutputArea-output .widget-html-content').innerText)",
                           timeout=30_000)
    time.sleep(1.0)                                          # a replay tick in flight must not bring a completion back
    page.screenshot(path=SHOTS/"12_pad_cleared.png")
    for i in range(13):
        blue, black = blue_and_black(imgs.nth(i).screenshot())
        assert blue < 5 and black < 5, f"panel {i} still shown after clear: {blue} blue, {black} black pixels"
    assert blue_and_black(canvas.screenshot())[1] < 5, "the canvas still shows the stroke"
    assert "completions" not in status.inner_text()
    page.close()
