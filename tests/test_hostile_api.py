"""Hostile input to the Python API is refused the library's way.

The rule: a call with bad input raises `ValueError` (or `FileNotFoundError` for a missing file) with a message that
names the problem and the way out; never an internal `TypeError`, `IndexError`, `RuntimeError`, `AttributeError`,
`KeyError` or `ZeroDivisionError`, never a hang, and never a silent wrong result (NaN sketches, a reshaped array, a
dropped argument).

Each case in `CASES` calls one public function of `data`, `model`, `vae`, `visualize`, `bonus`, `evaluate` or `loss`
with one hostile argument (everything else valid): `None` or a dict where a list or array goes, ragged strokes, NaN or
infinity, empty drawings, arrays of the wrong shape, `n=2.5`, `spread=inf`, sizes of 0, and so on. It runs against
the shipped models (`load_pretrained()`, `load_pretrained(name="vae")`) and tiny real drawings.

A `ValueError` counts only if the library raised it itself: one that comes out of numpy, torch, PIL or matplotlib, or
a Python error such as "not enough values to unpack", means the library did not check its input first. Every case runs
under a time limit, so a call that hangs fails instead of stalling the suite. `train.py`, `cli.py` and `prepared.py`
have tests of their own."""
import contextlib, signal, traceback
from pathlib import Path
from types import SimpleNamespace

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

import sketchrnn_nb
from sketchrnn_nb.data import (bin_path, check_classes, compare_drawings, download_quickdraw_data, load_ndjson,
                               parse_drawing, rdp, resample_stroke, simplify_raw)
from sketchrnn_nb.stroke5 import (as_strokes, calculate_stats, normalize_sequence, sequence_to_strokes,
                                  stroke3_to_sequence, strokes_to_sequence, to_google_drawing)
from sketchrnn_nb.datasets import augment_sequence, collate_fn, split_dataset
from sketchrnn_nb.model import (generate_batch, generate_sketch, generate_stream, load_pretrained,
                                read_safetensors, sample_rows)
from sketchrnn_nb.vae import class_weights, decode, encode, interpolate, reconstruct, slerp, variations
from sketchrnn_nb.visualize import (animate_sketches, class_dropdown, compare_generated_real, live_generation,
                                    plot_sketches, plot_stroke_grid, plot_training_history, render_frame,
                                    sketch_animation, sketch_to_svg)
from sketchrnn_nb.bonus import (complete_sketch, compose_scene, drawing_pad, morph_app, plot_completions,
                                regenerate_from, temperature_grid)
from sketchrnn_nb.evaluate import (SketchClassifier, classify, distribution_match, fidelity, frechet_distance,
                                   fsd_by_class, judge_sketches, load_bitmaps, median_gap, near_copy_rate,
                                   nearest_rows, profile, rasterize, rasterize_many, recognizability, sketch_lengths,
                                   temperature_sweep, train_classifier, wasserstein_1d)
from sketchrnn_nb import evaluate   # its test_nll, called through the module: pytest would collect the name
from sketchrnn_nb.loss import pen_loss

torch.set_num_threads(1)
NAN, INF = float("nan"), float("inf")
TIME_LIMIT = 15   # seconds a case may take; every call here is small and should answer in well under a second
PACKAGE = Path(sketchrnn_nb.__file__).parent


def context(tmp: Path) -> SimpleNamespace:
    "The shipped models, tiny real drawings, and made-up but well-formed evaluation data; files go under `tmp`."
    gmm, vae = load_pretrained(), load_pretrained(name="vae")
    apple = generate_batch(gmm, ["apple"], n=1, temperature=0.4, seed=0)[0][1]   # stroke-5, data units
    strokes = [[[0, 40, 80], [0, 30, 0]], [[10, 20], [50, 60]]]                  # Google's [xs, ys] strokes
    seq = strokes_to_sequence(strokes)
    nan_apple = apple.copy()
    nan_apple[1, 0] = NAN
    (tmp/"bitmaps").mkdir()
    np.save(tmp/"bitmaps"/"apple.npy", np.zeros((3, 784), np.uint8))
    rng = np.random.default_rng(0)
    def prof(n):   # a `profile` of 2 classes, n drawings each
        return dict(probs=rng.random((2*n, 10)), features=rng.normal(size=(2*n, 8)), points=rng.integers(5, 50, 2*n),
                    strokes=rng.integers(1, 5, 2*n), labels=np.repeat([0, 1], n))
    clf = SketchClassifier(gmm.classes).eval()
    return SimpleNamespace(gmm=gmm, vae=vae, apple=apple, strokes=strokes, seq=seq, nan_apple=nan_apple,
                           z=encode(vae, apple), tmp=tmp, clf=clf, real=prof(8), gen=prof(8),
                           images=rng.integers(0, 256, (4, 784)).astype(np.uint8), stats=gmm.stats)


@pytest.fixture(scope="module")
def c(tmp_path_factory):
    "The `context` every case gets, built once."
    return context(tmp_path_factory.mktemp("hostile"))


RAGGED = [[[0, 1], [0]]]                  # a stroke whose xs and ys differ in length
NOT_STROKE5 = np.zeros((3, 4), np.float32)


# Each case: (what is checked, as a sentence; the call, given the context `c`; the exception it must raise).
# Generators (generate_stream, sample_rows) are drained with list(): they check on the first step.
CASES = [
    # ---- model: sampling and loading ---------------------------------------------------------------------------
    ("generate_sketch refuses temperature 0", lambda c: generate_sketch(c.gmm, "apple", 0), ValueError),
    # a sane upper bound is the library's to choose (the guide stops at 1): 1e30 must not sample
    ("generate_sketch refuses temperature 1e30", lambda c: generate_sketch(c.gmm, "apple", 1e30), ValueError),
    ("generate_sketch refuses max_len 1", lambda c: generate_sketch(c.gmm, "apple", max_len=1), ValueError),
    ("generate_sketch refuses seed 2**64", lambda c: generate_sketch(c.gmm, "apple", seed=2**64), ValueError),
    ("generate_sketch refuses seed 'x'", lambda c: generate_sketch(c.gmm, "apple", seed="x"), ValueError),
    ("generate_batch refuses class_names None", lambda c: generate_batch(c.gmm, None), ValueError),
    ("generate_batch refuses a None class in the list", lambda c: generate_batch(c.gmm, [None]), ValueError),
    ("generate_batch refuses a {class: count} dict instead of reading its keys",
     lambda c: generate_batch(c.gmm, {"apple": 2}), ValueError),
    ("generate_batch refuses n 2.5", lambda c: generate_batch(c.gmm, ["apple"], n=2.5), ValueError),
    ("generate_batch refuses n 0", lambda c: generate_batch(c.gmm, ["apple"], n=0), ValueError),
    ("generate_batch refuses n -1", lambda c: generate_batch(c.gmm, ["apple"], n=-1), ValueError),
    ("generate_batch refuses n True", lambda c: generate_batch(c.gmm, ["apple"], n=True), ValueError),
    ("generate_batch refuses seed 1.5", lambda c: generate_batch(c.gmm, ["apple"], seed=1.5), ValueError),
    ("generate_stream refuses chunk 0", lambda c: list(generate_stream(c.gmm, ["apple"], chunk=0)), ValueError),
    ("generate_sketch refuses temperature inf", lambda c: generate_sketch(c.gmm, "apple", INF), ValueError),
    ("sample_rows refuses temperature inf", lambda c: list(sample_rows(c.gmm, [0], INF)), ValueError),
    ("sample_rows refuses labels None", lambda c: list(sample_rows(c.gmm, None)), ValueError),
    ("sample_rows refuses a label past the model's classes", lambda c: list(sample_rows(c.gmm, [99])), ValueError),
    ("sample_rows refuses a (2, 10) prefix instead of reshaping it to (4, 5)",
     lambda c: list(sample_rows(c.gmm, [0], max_len=20, prefix=np.zeros((2, 10)))), ValueError),
    ("sample_rows refuses NaN latents",
     lambda c: list(sample_rows(c.vae, [0], max_len=20, z=torch.full((1, 128), NAN))), ValueError),
    ("load_pretrained refuses an unknown model name", lambda c: load_pretrained(name="nope"), ValueError),
    ("load_pretrained refuses an unknown device", lambda c: load_pretrained(device="tpu"), ValueError),
    ("read_safetensors refuses path None", lambda c: read_safetensors(None), ValueError),
    # ---- vae ---------------------------------------------------------------------------------------------------
    ("encode refuses sketches None", lambda c: encode(c.vae, None), ValueError),
    ("encode refuses ragged strokes", lambda c: encode(c.vae, RAGGED), ValueError),
    ("encode refuses samples -1", lambda c: encode(c.vae, c.apple, samples=-1), ValueError),
    ("encode refuses samples 2.5", lambda c: encode(c.vae, c.apple, samples=2.5), ValueError),
    ("decode refuses NaN latents", lambda c: decode(c.vae, torch.full((1, 128), NAN), "apple", max_len=20),
     ValueError),
    ("decode refuses infinite latents", lambda c: decode(c.vae, torch.full((1, 128), INF), "apple", max_len=20),
     ValueError),
    ("decode refuses z None", lambda c: decode(c.vae, None, "apple"), ValueError),
    ("decode refuses n 0", lambda c: decode(c.vae, c.z, "apple", n=0), ValueError),
    ("decode refuses n 2.5", lambda c: decode(c.vae, c.z, "apple", n=2.5), ValueError),
    ("decode refuses an empty class blend {}", lambda c: decode(c.vae, c.z, {}, max_len=20), ValueError),
    ("decode refuses a blend weight of NaN", lambda c: decode(c.vae, c.z, {"apple": NAN}, max_len=20), ValueError),
    ("reconstruct refuses sketch None", lambda c: reconstruct(c.vae, None, "apple"), ValueError),
    ("variations refuses spread inf", lambda c: variations(c.vae, c.apple, "apple", n=1, spread=INF, max_len=20),
     ValueError),
    ("variations refuses temperature nan",
     lambda c: variations(c.vae, c.apple, "apple", n=1, temperature=NAN), ValueError),
    ("variations refuses n 0", lambda c: variations(c.vae, c.apple, "apple", n=0), ValueError),
    ("interpolate refuses steps 1", lambda c: interpolate(c.vae, c.apple, c.apple, "apple", steps=1), ValueError),
    ("class_weights refuses rows 2.5", lambda c: class_weights(c.vae, "apple", 2.5), ValueError),
    ("class_weights refuses an infinite blend weight", lambda c: class_weights(c.vae, {"apple": INF}, 1),
     ValueError),
    ("slerp refuses latents of different sizes", lambda c: slerp(torch.ones(4), torch.ones(3), 0.5), ValueError),
    # ---- data: converters and loaders --------------------------------------------------------------------------
    ("strokes_to_sequence refuses strokes None", lambda c: strokes_to_sequence(None), ValueError),
    ("strokes_to_sequence refuses ragged strokes", lambda c: strokes_to_sequence(RAGGED), ValueError),
    ("strokes_to_sequence refuses a stroke with only an x row instead of reading it as a point",
     lambda c: strokes_to_sequence([[0, 1, 2]]), ValueError),
    ("strokes_to_sequence refuses NaN points", lambda c: strokes_to_sequence([[[0, NAN], [0, 1]]]), ValueError),
    ("strokes_to_sequence refuses an empty drawing", lambda c: strokes_to_sequence([]), ValueError),
    ("strokes_to_sequence refuses an ndjson record dict", lambda c: strokes_to_sequence({"drawing": c.strokes}),
     ValueError),
    ("strokes_to_sequence refuses max_len 2.5 with truncate", lambda c: strokes_to_sequence(c.strokes, 2.5, True),
     ValueError),
    ("strokes_to_sequence refuses max_len 1 with truncate, which leaves no room for a point",
     lambda c: strokes_to_sequence(c.strokes, 1, True), ValueError),
    ("normalize_sequence refuses stats None", lambda c: normalize_sequence(c.seq, None), ValueError),
    ("normalize_sequence refuses a zero std instead of dividing by it",
     lambda c: normalize_sequence(c.seq, {"std": [0.0, 1.0]}), ValueError),
    ("normalize_sequence refuses rows of 4 columns", lambda c: normalize_sequence(NOT_STROKE5, c.stats), ValueError),
    ("sequence_to_strokes refuses NaN rows", lambda c: sequence_to_strokes(c.nan_apple), ValueError),
    ("stroke3_to_sequence refuses None", lambda c: stroke3_to_sequence(None), ValueError),
    ("stroke3_to_sequence refuses a stroke-5 array", lambda c: stroke3_to_sequence(c.seq), ValueError),
    ("as_strokes refuses None", lambda c: as_strokes(None), ValueError),
    ("to_google_drawing refuses a sketch with NaN", lambda c: to_google_drawing(c.nan_apple), ValueError),
    ("calculate_stats refuses one sequence instead of a list", lambda c: calculate_stats(c.seq), ValueError),
    ("parse_drawing refuses an unknown fmt", lambda c: parse_drawing(c.strokes, fmt="bogus"), ValueError),
    ("load_ndjson reports a missing file", lambda c: load_ndjson(c.tmp/"missing.ndjson"), FileNotFoundError),
    ("check_classes refuses None", lambda c: check_classes(None), ValueError),
    ("check_classes refuses a None class", lambda c: check_classes([None]), ValueError),
    ("bin_path refuses an unknown class", lambda c: bin_path("unicorn", c.tmp), ValueError),
    ("compare_drawings refuses an empty drawing", lambda c: compare_drawings([], c.strokes), ValueError),
    ("split_dataset refuses a NaN fraction", lambda c: split_dataset([(c.seq, 0)], (NAN, 0.5, 0.5)), ValueError),
    ("resample_stroke refuses spacing 0", lambda c: resample_stroke([[0, 10], [0, 0]], spacing=0), ValueError),
    ("rdp refuses epsilon nan instead of dropping every inner point",
     lambda c: rdp([[0, 5, 10], [0, 9, 0]], epsilon=NAN), ValueError),
    ("simplify_raw refuses NaN points", lambda c: simplify_raw([[[0, NAN, 9], [0, 1, 2]]]), ValueError),
    ("augment_sequence refuses scale nan", lambda c: augment_sequence(c.seq, np.random.default_rng(0), scale=NAN),
     ValueError),
    ("download_quickdraw_data refuses max_per_class 2.5", lambda c: download_quickdraw_data(["apple"], 2.5),
     ValueError),
    ("collate_fn refuses an empty batch", lambda c: collate_fn([]), ValueError),
    # ---- visualize ---------------------------------------------------------------------------------------------
    ("plot_sketches refuses None", lambda c: plot_sketches(None), ValueError),
    ("plot_sketches refuses one sketch instead of a list", lambda c: plot_sketches(c.apple), ValueError),
    ("plot_sketches refuses fewer titles than sketches", lambda c: plot_sketches([c.apple, c.apple], ["a"]),
     ValueError),
    ("plot_sketches refuses size 0", lambda c: plot_sketches([c.apple], size=0), ValueError),
    ("plot_stroke_grid refuses a grid with 0 rows", lambda c: plot_stroke_grid(c.apple, grid=(0, 5)), ValueError),
    ("compare_generated_real refuses real None", lambda c: compare_generated_real(c.gmm, None, ["apple"], n=1),
     ValueError),
    ("sketch_to_svg refuses size 0", lambda c: sketch_to_svg(c.apple, size=0), ValueError),
    ("sketch_to_svg refuses stroke_width nan", lambda c: sketch_to_svg(c.apple, stroke_width=NAN), ValueError),
    ("sketch_animation refuses every 0", lambda c: sketch_animation([c.apple], every=0), ValueError),
    ("animate_sketches refuses fps 0", lambda c: animate_sketches([c.apple], c.tmp/"a.gif", fps=0, hold=0, every=20),
     ValueError),
    ("plot_training_history refuses epochs without losses", lambda c: plot_training_history([{"epoch": 1}]),
     ValueError),
    ("render_frame refuses size 0", lambda c: render_frame(c.apple, size=0), ValueError),
    ("render_frame refuses line width lw -5", lambda c: render_frame(c.apple, lw=-5), ValueError),
    ("render_frame refuses (2, 10) rows instead of reshaping them", lambda c: render_frame(np.zeros((2, 10))),
     ValueError),
    ("class_dropdown refuses an unknown class", lambda c: class_dropdown(c.gmm, "unicorn"), ValueError),
    ("live_generation refuses fps 0", lambda c: live_generation(c.gmm, "apple", fps=0, max_len=20), ValueError),
    # ---- bonus -------------------------------------------------------------------------------------------------
    ("temperature_grid refuses one temperature instead of a list",
     lambda c: temperature_grid(c.gmm, "apple", temperatures=0.5, n=1), ValueError),
    ("complete_sketch refuses prefix None", lambda c: complete_sketch(c.gmm, None, "apple", n=1), ValueError),
    ("complete_sketch refuses ragged strokes", lambda c: complete_sketch(c.gmm, RAGGED, "apple", n=1), ValueError),
    ("complete_sketch refuses a prefix with NaN", lambda c: complete_sketch(c.gmm, c.nan_apple, "apple", n=1),
     ValueError),
    ("complete_sketch refuses temperature -1",
     lambda c: complete_sketch(c.gmm, c.strokes, "apple", n=1, temperature=-1), ValueError),
    ("complete_sketch refuses size given as text",
     lambda c: complete_sketch(c.gmm, c.strokes, "apple", n=1, size="256"), ValueError),
    ("plot_completions refuses completions None", lambda c: plot_completions(c.strokes, None), ValueError),
    ("regenerate_from refuses step True", lambda c: regenerate_from(c.gmm, c.apple, True, "apple", max_len=40),
     ValueError),
    ("regenerate_from refuses seq None", lambda c: regenerate_from(c.gmm, None, 1, "apple"), ValueError),
    ("drawing_pad refuses n 2.5", lambda c: drawing_pad(c.gmm, "apple", n=2.5), ValueError),
    ("drawing_pad refuses size 0", lambda c: drawing_pad(c.gmm, "apple", size=0), ValueError),
    ("morph_app refuses ragged drawings", lambda c: morph_app(c.vae, a=RAGGED, b=c.apple, steps=2), ValueError),
    ("compose_scene refuses spec None", lambda c: compose_scene(c.gmm, None), ValueError),
    ("compose_scene refuses gap nan", lambda c: compose_scene(c.gmm, ["apple"], gap=NAN), ValueError),
    # ---- evaluate ----------------------------------------------------------------------------------------------
    ("rasterize refuses size 0", lambda c: rasterize(c.strokes, size=0), ValueError),
    ("rasterize refuses size 2.5", lambda c: rasterize(c.strokes, size=2.5), ValueError),
    ("rasterize refuses NaN points", lambda c: rasterize([[[0, NAN, 9], [0, 1, 2]]]), ValueError),
    ("rasterize_many refuses one sketch instead of a list", lambda c: rasterize_many(c.seq), ValueError),
    ("load_bitmaps refuses max_rows -1 instead of dropping the last row",
     lambda c: load_bitmaps("apple", c.tmp/"bitmaps", max_rows=-1), ValueError),
    ("load_bitmaps refuses an unknown class before downloading",
     lambda c: load_bitmaps("unicorn", c.tmp/"bitmaps"), ValueError),
    ("nearest_rows refuses chunk 0", lambda c: nearest_rows(c.images, c.images, chunk=0), ValueError),
    ("train_classifier refuses bs 0", lambda c: train_classifier(["a", "b"], c.images, [0, 1, 0, 1], epochs=1, bs=0,
                                                                 verbose=False), ValueError),
    ("train_classifier refuses a label past its classes",
     lambda c: train_classifier(["a", "b"], c.images, [0, 1, 0, 7], epochs=1, verbose=False), ValueError),
    ("classify refuses bitmaps that are not 784 wide", lambda c: classify(c.clf, np.zeros((2, 100))), ValueError),
    ("frechet_distance refuses a single row", lambda c: frechet_distance(np.ones((1, 8)), np.ones((5, 8))),
     ValueError),
    ("recognizability refuses a classifier that lacks the class",
     lambda c: recognizability(c.gmm, SketchClassifier(["cat", "dog"]), ["apple"], n=1), ValueError),
    ("median_gap refuses n_boot 0", lambda c: median_gap([1.0, 2.0], [1.0, 3.0], n_boot=0), ValueError),
    ("median_gap refuses an empty sample", lambda c: median_gap([], [1.0, 3.0], n_boot=10), ValueError),
    ("near_copy_rate refuses q 150", lambda c: near_copy_rate({0: np.ones(3)}, {0: np.ones(3)}, q=150), ValueError),
    ("test_nll refuses a label past the model's classes", lambda c: evaluate.test_nll(c.gmm, [(c.seq, 99)]),
     ValueError),
    ("sketch_lengths refuses one sketch instead of a list", lambda c: sketch_lengths(c.seq), ValueError),
    ("wasserstein_1d refuses NaN values", lambda c: wasserstein_1d([NAN, 1.0], [1.0, 2.0]), ValueError),
    ("profile refuses fewer labels than sketches", lambda c: profile(c.clf, [c.seq, c.seq], [0]), ValueError),
    ("distribution_match refuses splits 0", lambda c: distribution_match(c.gen, c.real, splits=0), ValueError),
    ("judge_sketches refuses no sketches", lambda c: judge_sketches(c.clf, c.real, []), ValueError),
    ("temperature_sweep refuses one temperature instead of a list",
     lambda c: temperature_sweep(c.gmm, c.clf, c.real, 0.5), ValueError),
    ("fsd_by_class refuses splits 0", lambda c: fsd_by_class(c.gen, c.real, splits=0), ValueError),
    ("fidelity refuses None", lambda c: fidelity(None, None), ValueError),
    # ---- loss --------------------------------------------------------------------------------------------------
    ("pen_loss refuses logits and targets of different lengths",
     lambda c: pen_loss(torch.zeros(1, 4, 3), torch.zeros(1, 5, 5), torch.ones(1, 5, dtype=torch.bool)), ValueError),
]


class Hang(BaseException):
    "A case ran past `TIME_LIMIT` (a BaseException, so that `pytest.raises(ValueError)` cannot swallow it)."


@contextlib.contextmanager
def time_limit(seconds):
    "Interrupt the block with `Hang` after `seconds`."
    def stop(*_): raise Hang(f"took over {seconds} s")
    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try: yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def not_the_librarys(exc) -> str | None:
    """Why a `ValueError` was not raised by a check of the library, or None if it was: a check is a `raise` statement
    in sketchrnn_nb, so the innermost frame must be one. Anything else came out of numpy, torch, PIL, matplotlib or
    Python itself ("cannot reshape", "not enough values to unpack", "'apple' is not in list")."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames: return "no traceback"
    last = frames[-1]
    if not Path(last.filename).resolve().is_relative_to(PACKAGE.resolve()):
        return f"raised inside a dependency ({last.filename}:{last.lineno}), not by a check of sketchrnn_nb"
    if "raise " not in (last.line or ""):
        return f"raised by `{last.line}` ({Path(last.filename).name}:{last.lineno}), not by a check"
    return None


@pytest.fixture(autouse=True)
def _close_figures():
    "Close the figures a case left open (a plotting call that failed halfway leaves one)."
    yield
    plt.close("all")


@pytest.mark.parametrize("call, expected", [pytest.param(f, e, id=i) for i, f, e in CASES])
def test_hostile_input_is_refused(c, call, expected):
    with time_limit(TIME_LIMIT), pytest.raises(expected) as got:
        call(c)
    if expected is ValueError:
        why = not_the_librarys(got.value)
        assert why is None, f"ValueError({str(got.value)[:120]!r}): {why}"


def test_case_ids_are_unique():
    ids = [i for i, _, _ in CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
