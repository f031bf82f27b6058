"""Three ideas for a model closer to people's drawings, measured outside the library because none of them won (06_evaluate,
"Better models, measured", has the numbers):
  ensemble NAME...  validation NLL of the variants in runs/var/NAME averaged as one predictive distribution (a mixture
                    of their next-step distributions), beside each variant's own;
  vae               the shipped VAE as a sketch generator, its z drawn from the prior N(0, I), from a Gaussian fitted to
                    each class's training drawings' latent means, or from the posterior of a random one of the class's
                    first 300 training drawings, judged like experiments/compare_models.py judges a decoder
                    (recognized, Frechet ratio and distance at infinity, lengths);
  flip              a fine-tune of nodrop_rd on training drawings mirrored left-right half the time (clocks never: their
                    numbers), into runs/var/flip.
Uses the package's public API only. It imports two scripts beside it in experiments/: compare_models (`judge`, the
split, classifier and held-out profile of a run) and train_variants (`VARIANTS`, the recipes); run it from the
repository root as below, and Python finds them in the script's own folder.
    SKETCHRNN_QUICKDRAW_CACHE=../shared/quickdraw/cache python experiments/probe_generators.py ensemble nodrop_rd prop more
    SKETCHRNN_QUICKDRAW_CACHE=../shared/quickdraw/cache python experiments/probe_generators.py vae --temperatures 0.5 1.0
    SKETCHRNN_QUICKDRAW_CACHE=../shared/quickdraw/cache python experiments/probe_generators.py flip"""
import argparse, dataclasses, json, time
from pathlib import Path
import numpy as np, torch
from sketchrnn_nb.datasets import QuickDrawDataset, collate_fn
from sketchrnn_nb.evaluate import judge_sketches
from sketchrnn_nb.loss import pen_nll, per_sequence_mean
from sketchrnn_nb.model import Config, load_checkpoint, load_pretrained, pretrained_path, read_checkpoint
from sketchrnn_nb.train import load_datasets, split_items, train_model, warm_start
from sketchrnn_nb.vae import decode, encode
from compare_models import judge        # experiments/compare_models.py, beside this script
from train_variants import VARIANTS     # experiments/train_variants.py, beside this script

def shipped_config():
    "The shipped decoder's run settings: its classes, data and seed fix the split every probe uses."
    return dataclasses.replace(Config.from_dict(read_checkpoint(pretrained_path())[1]["config"]), cache_dir=None)

@torch.no_grad()
def teacher_forced(model, items, bs=256):
    """Per batch of `items` (normalized with the model's stats, in order): the head's outputs under teacher forcing,
    with the targets, mask and labels; what `test_nll` (06_evaluate) computes its NLLs from."""
    model.eval()
    ds = QuickDrawDataset(items, model.stats)
    for i in range(0, len(ds), bs):
        b = collate_fn([ds[j] for j in range(i, min(i + bs, len(ds)))])
        out, _ = model(b.inputs.to(model.device), b.labels.to(model.device))
        yield out.cpu(), b.targets, b.mask, b.labels

def step_nlls(model, items):
    "Per batch: each step's offset and pen NLL `(B, T)`, with the targets, mask and labels."
    for out, t, mask, labels in teacher_forced(model, items):
        yield model.head.step_nll(out, t, None), pen_nll(model.head.pen_logits(out), t), t, mask, labels

def mixture_nll(runs, items) -> float:
    "Mean per-class NLL of the models' averaged predictive distribution (as compare_models' valid_nll averages)."
    per_class, mixed = {}, lambda nll: np.log(len(runs)) - torch.logsumexp(-nll, 0)   # -log of the mean likelihood
    for batches in zip(*(step_nlls(m, items) for m in runs)):
        off, pen = (torch.stack([b[k] for b in batches]) for k in (0, 1))
        _, _, t, mask, labels = batches[0]
        total = per_sequence_mean(mixed(off), mask & (t[..., 4] == 0)) + per_sequence_mean(mixed(pen), mask)
        for y, v in zip(labels.tolist(), total.tolist()): per_class.setdefault(y, []).append(v)
    return float(np.mean([np.mean(v) for v in per_class.values()]))

def probe_ensemble(names):
    _, valid, _ = split_items(shipped_config())
    runs = [load_checkpoint(f"runs/var/{n}/best.safetensors")[0].float() for n in names]
    return {n: mixture_nll([m], valid) for n, m in zip(names, runs)} | {"mixture of all": mixture_nll(runs, valid)}

def latent_sources(vae, train, n, g):
    "Per source, a function of a class that draws `n` z's for it."
    means, posts = {}, {}
    with torch.no_grad():
        for i, c in enumerate(vae.classes):
            drawings = [s for s, y in train if y == i]
            mu = torch.cat([encode(vae, drawings[k:k + 256]) for k in range(0, len(drawings), 256)]).double()
            cov = torch.cov(mu.T)
            cov = 0.9*cov + 0.1*torch.diag(torch.diag(cov)) + 1e-6*torch.eye(len(cov), dtype=cov.dtype)   # shrunk
            means[c] = (mu.mean(0), torch.linalg.cholesky(cov))
            posts[c] = encode(vae, drawings[:300], samples=1, seed=i)[1][:, 0]
    fitted = lambda c: (means[c][0] + torch.randn(n, vae.z_size, generator=g, dtype=torch.float64) @ means[c][1].T)
    return {"prior": lambda c: torch.randn(n, vae.z_size, generator=g), "fitted Gaussian": lambda c: fitted(c).float(),
            "training posteriors": lambda c: posts[c][torch.randint(len(posts[c]), (n,), generator=g)]}

def probe_vae(temperatures, max_len=250):
    train, _, _, clf, real, rate = judge(shipped_config())
    vae = load_pretrained(name="vae").float()
    n = int(np.bincount(real["labels"]).max() + 1)//2
    out = dict(real_recognized=rate)
    keep = ("recognized", "worst", "runaways", "fsd_inf", "fsd_ratio", "points_ratio", "strokes_ratio")
    for source, draw in latent_sources(vae, train, n, torch.Generator().manual_seed(0)).items():
        for t in temperatures:
            with torch.no_grad():
                sk = [(c, s) for i, c in enumerate(vae.classes) for s in decode(vae, draw(c), c, 1, t, max_len, seed=i)]
            got = judge_sketches(clf, real, sk, max_len)
            out[f"{source} at {t}"] = {k: got[k] for k in keep} | dict(worst_rate=got["per_class"][got["worst"]])
            print(source, t, json.dumps(out[f"{source} at {t}"]), flush=True)
    return out

class Mirrored(torch.utils.data.Dataset):
    """`dataset` (`(input, target, length, label)` items) with its drawings mirrored left-right half the time when it
    augments (the training split), except those of the labels in `keep`."""
    def __init__(self, dataset, keep):
        self.dataset, self.keep = dataset, set(keep)
        self.seqs, self.labels, self.lengths = dataset.seqs, dataset.labels, dataset.lengths   # what a run reads

    @property
    def augment(self): return self.dataset.augment

    def __len__(self): return len(self.dataset)

    def __getitem__(self, i):
        inp, seq, n, y = self.dataset[i]
        if self.augment and y not in self.keep and torch.rand(()) < 0.5:
            inp, seq = inp.clone(), seq.clone()
            inp[:, 0], seq[:, 0] = -inp[:, 0], -seq[:, 0]
        return inp, seq, n, y

def train_mirrored(config: Config, start, keep, progress=True) -> list[dict]:
    """`train_model(config, resume=start, overwrite=True)` with the training drawings `Mirrored` (`keep`: the labels
    never mirrored), through `train_model`'s `datasets`; the run's history."""
    def mirrored(config):
        train, valid, test, stats = load_datasets(config)
        return Mirrored(train, keep), valid, test, stats
    return train_model(config, resume=start, overwrite=True, progress=progress, datasets=mirrored)[1]

def probe_flip(start="runs/var/nodrop_rd/best.safetensors", out="runs/var"):
    base = load_checkpoint(start)[1]["config"]
    config = dataclasses.replace(base, cache_dir=None, device="auto", out_dir=f"{out}/flip", **VARIANTS["nodrop_rd"])
    history = train_mirrored(config, warm_start(start, config, Path(out)/"flip_start.safetensors"),
                             keep={base.data.classes.index("clock")})
    return dict(valid_curve=[round(h["valid_loss"], 5) for h in history])

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("probe", choices=["ensemble", "vae", "flip"])
    ap.add_argument("names", nargs="*", help="ensemble: the variants in runs/var to average")
    ap.add_argument("--temperatures", nargs="+", type=float, default=[0.5, 1.0], help="vae: temperatures to sample at")
    args = ap.parse_args()
    if args.probe == "ensemble" and len(args.names) < 2: ap.error("ensemble needs at least two variants to average")
    t0 = time.time()
    got = {"ensemble": lambda: probe_ensemble(args.names), "vae": lambda: probe_vae(args.temperatures),
           "flip": probe_flip}[args.probe]()
    print(json.dumps(got | dict(seconds=round(time.time() - t0)), indent=1))
