"""Do the models finish *the person's* drawing? Held-out drawings are cut after their first stroke, a third and half
of their strokes; each cut is completed as drawn and with the changes a drawing pad brings (rescaled, shifted, every
stroke drawn backwards, the strokes in another order). A completion counts as recognized when 06_evaluate's
classifier names its class, and as faithful when, among the class's held-out drawings, its own original is the
nearest to it in raster space (28x28, Google's rendering: place and size do not matter). The prefix alone is the
floor of faithfulness: how much of the drawing the cut already shows. A VAE is also judged on the pad's "variations":
one variation (z sampled from the posterior) of each whole drawing, as drawn and pad-like, recognized and faithful to
the drawing as drawn. Models judged in one run share one classifier (its training depends on the number of threads, so
compare models within a run). Uses the public API only.
    SKETCHRNN_QUICKDRAW_CACHE=../shared/quickdraw/cache python experiments/completion.py decoder=gmm vae=vae \
        warm_started_vae=runs/warm_started_vae.safetensors --out experiments/completion.json
A model is `NAME=gmm`, `NAME=vae` (the shipped ones) or `NAME=path/to/checkpoint.safetensors`. The VAE shipped before
conv_160, warm-started from the decoder: git show 6e0f544:sketchrnn_nb/pretrained/sketchrnn_vae.safetensors."""
import argparse, json, time, zlib
from pathlib import Path
import numpy as np
from sketchrnn_nb.stroke5 import sequence_to_strokes, strokes_to_sequence
from sketchrnn_nb.model import Config, load_checkpoint, load_pretrained, PRETRAINED
from sketchrnn_nb.train import split_items
from sketchrnn_nb.evaluate import class_images, classifier_data, train_classifier, classify, sketch_images, fidelity
from sketchrnn_nb.bonus import complete_sketch
from sketchrnn_nb.vae import variations

CUTS = {"first stroke": lambda n: 1, "a third": lambda n: max(1, round(n/3)), "half": lambda n: max(1, round(n/2))}
T = 0.2

def rescaled(strokes, rng):
    s = rng.uniform(0.5, 1.2)
    return [np.asarray(x, np.float64)*s for x in strokes]

def shifted(strokes, rng):
    d = rng.uniform(-40, 40, size=(2, 1))
    return [np.asarray(x, np.float64) + d for x in strokes]

def reversed_strokes(strokes, rng):
    return [np.asarray(x, np.float64)[:, ::-1] for x in strokes]

def reordered(strokes, rng):
    return [np.asarray(strokes[i], np.float64) for i in rng.permutation(len(strokes))]

def pad_like(strokes, rng):
    "The strokes as a pad might give them: scaled by 0.5-1.2, shifted, each drawn backwards, in another order."
    return reordered(reversed_strokes(shifted(rescaled(strokes, rng), rng), rng), rng)

CHANGES = {"as drawn": None, "rescaled": rescaled, "shifted": shifted, "strokes reversed": reversed_strokes,
           "reordered": reordered, "pad-like": pad_like}
ONE_CHANGE_AT = "a third"   # the single changes are measured at this cut; "as drawn" and all four at every cut

def cut_drawings(test, classes, per_class):
    "Per class: up to `per_class` held-out drawings of at least 2 strokes, as strokes."
    out = {}
    for i, c in enumerate(classes):
        strokes = [sequence_to_strokes(s) for s, y in test if y == i]
        out[c] = [s for s in strokes if len(s) >= 2][:per_class]
    return out

def judge(classes, drawings, originals, clf, make):
    "Recognized and faithful (top-1) shares of `make(class, i, strokes)` for each class's drawing i."
    rec, faith = [], []
    for y, c in enumerate(classes):
        made = sketch_images([make(c, i, s) for i, s in enumerate(drawings[c])])
        rec.append(float((classify(clf, made)[0].argmax(1) == y).mean()))
        faith.append(fidelity(originals[c], made)["top1"])
    return float(np.mean(rec)), float(np.mean(faith))

def model_of(spec):
    return load_pretrained(name=spec) if spec in PRETRAINED else load_checkpoint(spec)[0]

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="+", help="NAME=gmm, NAME=vae or NAME=CHECKPOINT")
    ap.add_argument("--per-class", type=int, default=20)
    ap.add_argument("--out", default="experiments/completion.json")
    args = ap.parse_args()
    config = Config(max_per_class=None)                    # the shipped models' data, split and seed
    classes = list(config.data.classes)
    train, valid, test = split_items(config)
    (X, y), _, _ = classifier_data(classes, *[class_images(it, classes) for it in (train, test, valid)])
    clf = train_classifier(classes, X, y, verbose=False)
    drawings = cut_drawings(test, classes, args.per_class)
    out = json.loads(Path(args.out).read_text()) if Path(args.out).exists() else {}
    changed = {how: {c: [f(s, np.random.default_rng([zlib.crc32(f"{how} {c}".encode()), i])) for i, s in enumerate(v)]
                     for c, v in drawings.items()} if f else drawings for how, f in CHANGES.items()}   # kept per drawing
    originals = {c: sketch_images([strokes_to_sequence(s, max_len=None) for s in v]) for c, v in drawings.items()}
    def prefix_alone(k): return lambda c, i, s: strokes_to_sequence(s[:k(len(s))], max_len=None)
    prefix = {cut: judge(classes, drawings, originals, clf, prefix_alone(k)) for cut, k in CUTS.items()}   # the floor
    for name, spec in (m.split("=", 1) for m in args.models):
        model, t0 = model_of(spec), time.time()
        rows = {}
        for cut, k in CUTS.items():
            for how in CHANGES:
                if how not in ("as drawn", "pad-like") and cut != ONE_CHANGE_AT: continue
                def complete(c, i, s, source=changed[how]):
                    part = source[c][i][:k(len(s))]
                    return complete_sketch(model, [p.tolist() for p in part], c, n=1, temperature=T, seed=i)[0]
                rec, faith = judge(classes, drawings, originals, clf, complete)
                rows[f"{cut}, {how}"] = dict(recognized=rec, faithful=faith)
                print(name, cut, how, f"recognized {rec:.0%}, faithful {faith:.0%}", flush=True)
        for how in ("as drawn", "pad-like") if model.z_size else ():
            def vary(c, i, s, source=changed[how]):
                whole = strokes_to_sequence([p.tolist() for p in source[c][i]], max_len=None)
                return variations(model, whole, c, n=1, temperature=T, seed=i)[0]
            rec, faith = judge(classes, drawings, originals, clf, vary)
            rows[f"variation, {how}"] = dict(recognized=rec, faithful=faith)
            print(name, "variation", how, f"recognized {rec:.0%}, faithful {faith:.0%}", flush=True)
        out[name] = dict(model=spec, temperature=T, per_class=args.per_class, rows=rows,
                         prefix_alone={cut: dict(recognized=r, faithful=f) for cut, (r, f) in prefix.items()},
                         seconds=round(time.time() - t0))
        Path(args.out).write_text(json.dumps(out, indent=1) + "\n")
