"""The levers against a VAE decoder that ignores z, measured for 07_vae's table: each variant is a VAE trained from
scratch on the same drawings, split and budget (BASE), changing one thing or a few. `train` runs them one after the
other into runs/vae_levers/NAME (a killed run resumes where its last epoch ended); `measure` judges their best
checkpoints as 06_evaluate judges the shipped VAE (held-out drawings, 06's classifier, temperature 0.2) and writes
experiments/vae_levers.json. Uses the public API only.
    SKETCHRNN_QUICKDRAW_CACHE=../shared/quickdraw/cache python experiments/vae_levers.py train scratch word conv
    SKETCHRNN_QUICKDRAW_CACHE=../shared/quickdraw/cache python experiments/vae_levers.py measure scratch word conv"""
import argparse, json, shutil, time
from pathlib import Path
import numpy as np
import torch
from sketchrnn_nb.datasets import QuickDrawDataset, collate_fn
from sketchrnn_nb.model import Config, load_checkpoint
from sketchrnn_nb.train import train_model, split_items
from sketchrnn_nb.evaluate import (class_images, classifier_data, train_classifier, classify, sketch_images, fidelity)
from sketchrnn_nb.vae import encode, decode, reconstruct, slerp

BASE = dict(max_per_class=None, z_size=128, hidden_size=256, enc_hidden_size=256, kl_decay_rate=0.997,
            precision="bf16", epochs=20, early_stop_patience=20)
VARIANTS = {
    "scratch": {},                                                  # Ha & Eck's VAE, class-conditioned, from scratch
    "word": dict(input_dropout=0.3),                                # + decoder input rows blanked (Bowman et al.)
    "word_label": dict(input_dropout=0.3, label_dropout=0.5),       # + the class hidden half the time
    "conv": dict(encoder="conv"),                                   # a CNN over the picture instead of the LSTM
    "conv_word_label": dict(encoder="conv", input_dropout=0.3, label_dropout=0.5),   # all three
    "conv_uncond": dict(encoder="conv", input_dropout=0.3, embed_dim=0),   # the paper's decoder, without the class
    "kl_low": dict(kl_weight=0.1),                                  # a smaller KL weight: z may carry more
    "conv_word_label_40": dict(encoder="conv", input_dropout=0.3, label_dropout=0.5, epochs=40),   # all three, longer
    "conv_word_label_60": dict(encoder="conv", input_dropout=0.3, label_dropout=0.5, epochs=60),   # and longer still
    "conv_word_label_kl": dict(encoder="conv", input_dropout=0.3, label_dropout=0.5, kl_weight=0.1),   # + a KL at 0.1
    "conv_40": dict(encoder="conv", epochs=40),                     # the CNN encoder alone, longer
    "conv_80": dict(encoder="conv", epochs=80),                     # and longer still
    "conv_160": dict(encoder="conv", epochs=160, early_stop_patience=20),   # until the validation loss stops falling
}
LONGER = {"conv_word_label_40": "conv_word_label", "conv_word_label_60": "conv_word_label_40", "conv_40": "conv",
          "conv_80": "conv_40", "conv_160": "conv_80"}   # a longer run continues the shorter one: runs resume exactly
T = 0.2      # the temperature the targets are measured at
PER_CLASS = 100

def config_of(name, out="runs/vae_levers") -> Config:
    return Config(**(BASE | VARIANTS[name]), out_dir=f"{out}/{name}")

def train(name):
    config, t0 = config_of(name), time.time()
    start, shorter = Path(config.paths.out_dir)/"resume.safetensors", LONGER.get(name)
    if shorter and not start.exists():
        start.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(config_of(shorter).paths.out_dir)/"resume.safetensors", start)
    resume = True if (Path(config.paths.out_dir)/"resume.safetensors").exists() else None
    _, history = train_model(config, resume=resume)
    best = min(history, key=lambda h: h["valid_loss"])
    print(f"{name}: best validation loss {best['valid_loss']:.4f} at epoch {best['epoch']} in {time.time() - t0:.0f}s",
          flush=True)

def judge():
    "The split of BASE's runs (every variant has the same), and 06_evaluate's classifier."
    config = Config(**BASE)
    classes = list(config.data.classes)
    train, valid, test = split_items(config)
    imgs = [class_images(it, classes) for it in (train, test, valid)]
    (X, y), _, _ = classifier_data(classes, *imgs)
    return classes, test, train_classifier(classes, X, y, verbose=False)

def recognized(clf, classes, by_class) -> float:
    "Mean over classes of the share of each class's drawings the classifier puts in it."
    return float(np.mean([(classify(clf, sketch_images(v))[0].argmax(1) == classes.index(c)).mean()
                          for c, v in by_class.items()]))

def kl_per_dim(model, items) -> float:
    "Mean KL of the posteriors of `items` (sketch, label) from the prior, nats per z dimension (the paper's measure)."
    ds = QuickDrawDataset(items, model.stats)
    b = collate_fn([ds[i] for i in range(len(ds))])
    with torch.no_grad():
        _, _, mu, lv = model.eval()(b.inputs, b.labels, sketch=b.targets, lengths=b.lengths)
    return float((-0.5*(1 + lv - mu**2 - lv.exp())).mean())

def measure(name, classes, test, clf) -> dict:
    model, info = load_checkpoint(Path(config_of(name).paths.out_dir)/"best.safetensors")
    cls = lambda c: c if model.embed.embedding_dim else None   # the class, where the decoder can be told it
    items = {c: [s for s, y in test if y == i][:PER_CLASS] for i, c in enumerate(classes)}
    recons = {c: reconstruct(model, v, cls(c), temperature=T, seed=0) for c, v in items.items()}
    fid_px, fid_feat = [], []
    for c in classes:
        a, b = sketch_images(items[c]), sketch_images(recons[c])
        fid_px.append(fidelity(a, b))
        fid_feat.append(fidelity(classify(clf, a)[1], classify(clf, b)[1]))
    prior = {c: decode(model, torch.randn(PER_CLASS, model.z_size, generator=torch.Generator().manual_seed(i)),
                       cls(c), temperature=T, seed=0) for i, c in enumerate(classes)}
    def mids(c, k=50):
        v = items[c]
        mu = encode(model, v)
        z = torch.stack([slerp(mu[i], mu[(i + 1 + len(v)//2) % len(v)], 0.5) for i in range(min(k, len(v)))])
        return decode(model, z, cls(c), temperature=T, seed=0)
    mean = lambda rows, k: float(np.mean([r[k] for r in rows]))
    h = info["history"]
    return dict(settings=VARIANTS[name], epochs=len(h), best_epoch=min(h, key=lambda r: r["valid_loss"])["epoch"],
                fidelity_raster_top1=mean(fid_px, "top1"), fidelity_raster_top5=mean(fid_px, "top5"),
                fidelity_features_top1=mean(fid_feat, "top1"), fidelity_features_top5=mean(fid_feat, "top5"),
                kl=kl_per_dim(model, [(s, i) for i, c in enumerate(classes) for s in items[c]]),
                recon_recognized=recognized(clf, classes, recons), prior_recognized=recognized(clf, classes, prior),
                midpoints_recognized=recognized(clf, classes, {c: mids(c) for c in classes}),
                curve=[{k: round(r[k], 4) for k in r if isinstance(r[k], float)} | {"epoch": r["epoch"]} for r in h])

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["train", "measure"])
    ap.add_argument("names", nargs="+", choices=list(VARIANTS))
    ap.add_argument("--out", default="experiments/vae_levers.json")
    args = ap.parse_args()
    if args.command == "train":
        for n in args.names: train(n)
    else:
        out = json.loads(Path(args.out).read_text()) if Path(args.out).exists() else {}
        classes, test, clf = judge()
        for n in args.names:
            t0 = time.time()
            out[n] = measure(n, classes, test, clf)
            print(n, {k: v for k, v in out[n].items() if k != "curve"}, f"{time.time() - t0:.0f}s", flush=True)
            Path(args.out).write_text(json.dumps(out, indent=1) + "\n")
