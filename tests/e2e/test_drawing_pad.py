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


def draw_arc(page, canvas, start=0.0, turn=0.9, at=(0.5, 0.55), radius=0.28, points=30):
    "Draw part of a circle on the canvas with the mouse."
    box = canvas.bounding_box()
    cx, cy, r = box["x"] + box["width"]*at[0], box["y"] + box["height"]*at[1], box["width"]*radius
    a = lambda i: 2*math.pi*(start + turn*i/points)
    page.mouse.move(cx + r*math.cos(a(0)), cy + r*math.sin(a(0))); page.mouse.down()
    for i in range(1, points + 1):
        page.mouse.move(cx + r*math.cos(a(i)), cy + r*math.sin(a(i))); time.sleep(0.01)
    page.mouse.up()
    time.sleep(0.5)

def open_pad(browser, jupyterlab, name, cls):
    "A notebook `name` showing a drawing pad for `cls`, run in JupyterLab: the page, its canvas and its images."
    page = open_notebook(browser, jupyterlab, name,
                         f"from sketchrnn_nb.bonus import drawing_pad\npad = drawing_pad(class_name='{cls}', seed=0)\npad")
    canvas = page.locator(".jp-OutputArea-output canvas").first
    canvas.wait_for(timeout=180_000)
    time.sleep(0.5)
    return page, canvas, page.locator(".jp-OutputArea-output .widget-image")

STATUS = "document.querySelector('.jp-OutputArea-output .widget-html-content').innerText"

def test_drawing_pad_never_shows_results_of_a_drawing_that_is_gone(browser, jupyterlab):
    "undo of the only stroke blanks the completions; 'complete as I draw' completes each new stroke; save writes files."
    base, token, root = jupyterlab
    page, canvas, imgs = open_pad(browser, jupyterlab, "pad_states.ipynb", "apple")
    draw_arc(page, canvas)
    page.locator("button", has_text=re.compile(r"^\s*complete\s*$")).first.click()
    page.wait_for_function(f"() => /completions of your 1 stroke/.test({STATUS})", timeout=60_000)
    page.locator("button", has_text="undo").first.click()
    page.wait_for_function(f"() => /Draw on the canvas/.test({STATUS})", timeout=30_000)
    time.sleep(1.0)
    page.screenshot(path=SHOTS/"13_pad_undone.png")
    for i in range(9, 13):
        blue, black = blue_and_black(imgs.nth(i).screenshot())
        assert blue < 5 and black < 5, f"completion {i - 9} still shown after undoing the only stroke"

    page.locator("label", has_text="complete as I draw").first.click()
    draw_arc(page, canvas, turn=0.6)
    page.wait_for_function(f"() => /completions of your 1 stroke/.test({STATUS})", timeout=60_000)
    draw_arc(page, canvas, start=0.7, turn=0.2)                 # a second stroke: completed again by itself
    page.wait_for_function(f"() => /completions of your 2 stroke/.test({STATUS})", timeout=60_000)
    time.sleep(3)
    page.screenshot(path=SHOTS/"14_pad_live.png")
    assert all(blue_and_black(imgs.nth(i).screenshot())[0] > 30 for i in range(9, 13))

    page.locator("button", has_text=re.compile(r"^\s*save\s*$")).first.click()
    page.wait_for_function("() => /saved .*my_drawing.png/.test(document.body.innerText)", timeout=60_000)
    assert all((root/f"my_drawing{ext}").stat().st_size > 100 for ext in (".png", ".svg", ".ndjson"))
    assert len((root/"my_drawing.ndjson").read_text().splitlines()) == 1 + 4      # the drawing and its completions
    page.close()


def draw_line(page, canvas, points, steps=12):
    "Draw one stroke through `points` (fractions of the canvas) with the mouse."
    box = canvas.bounding_box()
    xy = [(box["x"] + box["width"]*x, box["y"] + box["height"]*y) for x, y in points]
    page.mouse.move(*xy[0]); page.mouse.down()
    for (x0, y0), (x1, y1) in zip(xy, xy[1:]):
        for i in range(1, steps + 1):
            page.mouse.move(x0 + (x1 - x0)*i/steps, y0 + (y1 - y0)*i/steps); time.sleep(0.005)
    page.mouse.up()
    time.sleep(0.4)

def bump(x0, x1, y, height, n=10):
    "Points of an upward bump (half an ellipse) from x0 to x1."
    return [(x0 + (x1 - x0)*(1 - math.cos(math.pi*i/n))/2, y - height*math.sin(math.pi*i/n)) for i in range(n + 1)]

PEOPLES_STARTS = {   # what a person starts on the pad: an open apple arc and its stem, a cloud's top, a star's first lines
    "apple": lambda page, canvas: (draw_arc(page, canvas, start=-0.2, turn=0.75),
                                   draw_line(page, canvas, [(0.5, 0.3), (0.55, 0.15)])),
    "cloud": lambda page, canvas: [draw_line(page, canvas, bump(0.15 + 0.25*i, 0.4 + 0.25*i, 0.5, 0.18))
                                   for i in range(3)],
    "star": lambda page, canvas: (draw_line(page, canvas, [(0.2, 0.85), (0.5, 0.1)]),
                                  draw_line(page, canvas, [(0.5, 0.1), (0.8, 0.85)])),
}

def test_the_pad_answers_a_persons_start(browser, jupyterlab):
    "An open apple arc, three cloud bumps, a star's first two lines: each completed four ways and varied nine."
    for cls, draw in PEOPLES_STARTS.items():
        page, canvas, imgs = open_pad(browser, jupyterlab, f"pad_{cls}.ipynb", cls)
        draw(page, canvas)
        page.locator("button", has_text=re.compile(r"^\s*complete\s*$")).first.click()
        page.wait_for_function(f"() => /completions of your \\d stroke/.test({STATUS})", timeout=60_000)
        page.locator("button", has_text="variations").first.click()
        page.wait_for_function(f"() => /9 variations of your drawing/.test({STATUS})", timeout=120_000)
        time.sleep(4)                                            # the completions finish animating
        page.screenshot(path=SHOTS/f"15_pad_{cls}.png")
        for i in range(13):
            assert blue_and_black(imgs.nth(i).screenshot())[0] > 30, f"{cls}: panel {i} is empty"
        area = page.locator(".jp-OutputArea-output").first.bounding_box()
        for i in range(9):                                       # the grid of variations is not cut off on the right
            b = imgs.nth(i).bounding_box()
            assert b["x"] + b["width"] <= area["x"] + area["width"], f"variation {i} runs off the output area"
        page.close()
