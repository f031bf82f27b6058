"""What must not change when the library is re-cut: dump the figures with one version, dump them with another,
compare. Uses the public API only.

- the shipped models' seeded `generate_batch` arrays (every default class, two sketches, temperatures 0.2 and 0.8);
- four tiny training runs on the package's sample (gmm, mse, a conv VAE, an rnn VAE): their histories, and the two
  decoders' `test_nll`;
- every checkpoint in the checkout (`*.safetensors` but resume files): it loads, and one seeded sketch of its first class;
- a run's data with the default settings, read from `$SKETCHRNN_QUICKDRAW_CACHE` (the package's sample if unset), held
  in memory and prepared on disk: each split's sequences as its datasets serve them, the stats, the data fingerprint.

    python experiments/recut_equivalence.py dump before.npz          # with the old version (e.g. PYTHONPATH=<old tree>)
    python experiments/recut_equivalence.py dump after.npz
    python experiments/recut_equivalence.py compare before.npz after.npz [--allow data/prepared/stats ...]
Timings (`seconds` in the histories) are left out; everything else must match bit for bit."""
import argparse, json, os, tempfile, warnings
from pathlib import Path
import numpy as np, torch
from sketchrnn_nb.data import DEFAULT_CLASSES, SAMPLE_CACHE
from sketchrnn_nb.evaluate import test_nll
from sketchrnn_nb.model import Config, generate_batch, load_checkpoint, load_pretrained
from sketchrnn_nb.runs import data_fingerprint
from sketchrnn_nb.train import load_datasets, split_items, train_model

SKIP = (".venv", "_docs", "_proc", "build", "play")   # copies of the checkpoints, and the docs site's

def generated() -> dict:
    "The shipped models' seeded sketches, by name."
    out = {}
    for name in ("gmm", "vae"):
        model = load_pretrained(name)
        for t in (0.2, 0.8):
            for i, (_, s) in enumerate(generate_batch(model, list(DEFAULT_CLASSES), n=2, temperature=t, seed=3)):
                out[f"generate/{name}/{t}/{i}"] = s
    return out

def tiny_runs() -> dict:
    "Histories (without timings) of four tiny runs on the package's sample, and the decoders' test NLL."
    out = {}
    for head, z, encoder in (("gmm", 0, "rnn"), ("mse", 0, "rnn"), ("gmm", 16, "conv"), ("gmm", 16, "rnn")):
        with tempfile.TemporaryDirectory() as d:
            config = Config(classes=("apple", "candle"), max_per_class=40, hidden_size=32, embed_dim=8, epochs=2,
                            batch_size=16, head=head, z_size=z, encoder=encoder, enc_hidden_size=16,
                            cache_dir=str(SAMPLE_CACHE), out_dir=d, device="cpu")
            model, history = train_model(config, progress=False)
            name = f"{head}_{z}_{encoder}"
            out[f"run/{name}"] = [{k: v for k, v in h.items() if k != "seconds"} for h in history]
            if not z:
                _, valid, test = split_items(config)
                out[f"nll/{name}"] = {c: list(map(float, v)) for c, v in test_nll(model, test, valid).items()}
    return out

def checkpoints(root=".") -> dict:
    "Each checkpoint's seeded sketch of its first class, by path."
    out = {}
    for p in sorted(Path(root).rglob("*.safetensors")):
        if p.name == "resume.safetensors" or any(s in p.parts for s in SKIP): continue
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)   # a re-cut keeps the library's own code current
            model, _ = load_checkpoint(p)
        out[f"checkpoint/{p}"] = generate_batch(model, model.classes[:1], 1, seed=0)[0][1]
    return out

def data_path() -> dict:
    """A run's data with the default settings, held in memory and prepared on disk: each split's normalized sequences
    and labels as its datasets serve them, the stats, and (in memory) the data fingerprint."""
    out, xdg = {}, os.environ.get("XDG_CACHE_HOME")
    cache = os.environ.get("SKETCHRNN_QUICKDRAW_CACHE") or str(SAMPLE_CACHE)
    try:
        for where, prepared in (("memory", False), ("prepared", True)):
            with tempfile.TemporaryDirectory() as d:
                os.environ["XDG_CACHE_HOME"] = d                     # a prepared dataset goes beside the user cache
                train, valid, test, stats = load_datasets(Config(cache_dir=cache, prepared=prepared, augment=False))
                for split, ds in zip(("train", "valid", "test"), (train, valid, test)):
                    out[f"data/{where}/{split}/seqs"] = np.concatenate([ds.seqs[i] for i in range(len(ds))])
                    out[f"data/{where}/{split}/labels"] = np.asarray(ds.labels, np.int64)
                out[f"data/{where}/stats"] = np.array([*stats["mean"], *stats["std"], stats["n_points"]])
                if not prepared: out[f"data/{where}/fingerprint"] = np.array(data_fingerprint(train, valid))
    finally:
        if xdg is None: os.environ.pop("XDG_CACHE_HOME", None)
        else: os.environ["XDG_CACHE_HOME"] = xdg
    return out

def dump(path):
    torch.set_num_threads(1)
    arrays = generated() | checkpoints() | data_path()
    np.savez(path, **arrays)
    Path(str(path) + ".json").write_text(json.dumps(tiny_runs(), indent=1))
    print(f"{len(arrays)} arrays -> {path}")

def compare(a, b, allow=()) -> bool:
    "Whether the dumps `a` and `b` are the same, but for the arrays named in `allow` (changes a step means to make)."
    x, y = np.load(a), np.load(b)
    arrays = sorted(set(x.files) | set(y.files))
    differ = [k for k in arrays if k not in x.files or k not in y.files or not np.array_equal(x[k], y[k])]
    for k in [k for k in differ if k in allow]:
        print(f"  differs, as allowed: {k} (largest relative change {np.max(np.abs(x[k] - y[k])/np.abs(y[k])):.1e})")
        differ.remove(k)
    runs_a, runs_b = (json.loads(Path(str(p) + ".json").read_text()) for p in (a, b))
    runs = [k for k in sorted(set(runs_a) | set(runs_b)) if runs_a.get(k) != runs_b.get(k)]
    print(f"{len(arrays) - len(differ)}/{len(arrays)} arrays the same; {len(runs_a) - len(runs)}/{len(runs_a)} runs the same")
    for k in differ + runs: print("  differs:", k)
    return not (differ or runs)

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    sub.add_parser("dump").add_argument("out")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--allow", nargs="*", default=(), help="arrays that may differ (changes the step means to make)")
    args = ap.parse_args()
    if args.what == "dump": dump(args.out)
    else: raise SystemExit(0 if compare(args.a, args.b, args.allow) else 1)
