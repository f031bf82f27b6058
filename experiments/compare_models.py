"""Measure trained gmm checkpoints side by side, as 06_evaluate judges the shipped model: validation and test NLL, and at
temperatures 0.3/0.5/0.7/1.0 recognizability (mean, weakest class), runaways and the distance to real held-out drawings:
the Frechet sketch distance at infinity (`fsd_infinity`), and as ratios to the real-vs-real floor the Frechet sketch
distance and the distances of points and strokes per sketch. Every checkpoint must come from a run with the same
classes, data and seed (one split). Beside them, `training_drawings`: the same distances for the run's training
drawings, what a model that redrew them would score. Prints JSON and writes it to --out; with --merge, the models
already in --out that are not measured again stay in it. Uses the public API only; experiments/probe_generators.py
imports its `judge`.
    python experiments/compare_models.py --out models/variants.json base=runs/gmm/best.safetensors \
        nodrop_rd=runs/var/nodrop_rd/best.safetensors"""
import argparse, dataclasses, json, time
from pathlib import Path
import numpy as np
from sketchrnn_nb.evaluate import (class_images, classifier_data, train_classifier, classify, profile_items, test_nll,
                                   temperature_sweep, distribution_match, fsd_infinity)
from sketchrnn_nb.model import load_checkpoint
from sketchrnn_nb.train import split_items

TEMPERATURES = (0.3, 0.5, 0.7, 1.0)

def judge(config):
    "The split of `config`'s run, the classifier 06_evaluate trains, and the held-out drawings' `profile`."
    classes = list(config.data.classes)
    train, valid, test = split_items(config)
    train_img, test_img, valid_img = (class_images(it, classes) for it in (train, test, valid))
    (X, y), (Xt, yt), _ = classifier_data(classes, train_img, test_img, valid_img)
    clf = train_classifier(classes, X, y, verbose=False)
    real = profile_items(clf, valid + test)
    rate = np.mean([(classify(clf, Xt)[0].argmax(1) == yt)[yt == i].mean() for i in range(len(classes))])
    return train, valid, test, clf, real, float(rate)

def copying_reference(train, clf, real) -> dict:
    "What a model that redrew its training drawings would score: `distribution_match` of the training drawings."
    copies = profile_items(clf, train)
    ref = distribution_match(copies, real)
    return {k: ref[k] for k in ("fsd", "fsd_floor", "fsd_ratio", "points_ratio", "strokes_ratio")} | dict(
        fsd_inf=fsd_infinity(copies, real)["fsd_inf"])

def measure(model, info, valid, test, clf, real) -> dict:
    "One checkpoint's row: its run, NLLs and the sweep at `TEMPERATURES`."
    c = info["config"]
    keep = ("recognized", "worst", "runaways", "n", "fsd", "fsd_floor", "fsd_ratio", "fsd_inf", "points_ratio",
            "strokes_ratio")
    sweep = temperature_sweep(model, clf, real, TEMPERATURES)
    return dict(epochs=len(info["history"]), hidden_size=c.model.hidden_size, n_mixtures=c.model.n_mixtures,
                augment_scale=c.train.augment_scale, augment_drop=c.train.augment_drop, precision=c.train.precision,
                layer_norm=c.model.layer_norm, recurrent_dropout=c.model.recurrent_dropout, ema=c.train.ema,
                lr_schedule=c.train.lr_schedule,
                valid_nll=float(np.mean([v[2] for v in test_nll(model, valid).values()])),
                test_nll=float(np.mean([v[2] for v in test_nll(model, test).values()])),
                valid_curve=[round(h["valid_loss"], 5) for h in info["history"]],   # the run's validation loss by epoch
                by_temperature={f"{r['temperature']:.1f}": {k: r[k] for k in keep} | {"worst_rate": r["per_class"][r["worst"]]}
                                for r in sweep})

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="+", help="NAME=CHECKPOINT")
    ap.add_argument("--out", help="JSON file to write")
    ap.add_argument("--merge", action="store_true", help="keep the models of --out that are not measured again")
    args = ap.parse_args()
    if args.merge and not args.out: ap.error("--merge keeps the models of --out: give --out too")
    named = dict(m.split("=", 1) for m in args.models)
    loaded = {k: load_checkpoint(v) for k, v in named.items()}
    split = {(i["config"].data.classes, i["config"].data.max_per_class, i["config"].data.max_len, i["config"].train.seed)
             for _, i in loaded.values()}
    if len(split) > 1: raise SystemExit(f"The runs' classes, data or seed differ, so they split the data differently: {split}")
    t0 = time.time()
    first_config = next(iter(loaded.values()))[1]["config"]
    train, valid, test, clf, real, rate = judge(dataclasses.replace(first_config, cache_dir=None))
    kept = json.loads(Path(args.out).read_text())["models"] if args.merge and Path(args.out).exists() else {}
    out = dict(real_recognized=rate, held_out=len(real["labels"]), training_drawings=copying_reference(train, clf, real),
               models=kept)
    for name, (model, info) in loaded.items():
        out["models"][name] = dict(checkpoint=named[name], **measure(model.float(), info, valid, test, clf, real))
        print(name, json.dumps(out["models"][name]), flush=True)
    out["seconds"] = round(time.time() - t0)
    print(json.dumps(out, indent=1))
    if args.out: Path(args.out).write_text(json.dumps(out, indent=1) + "\n")
