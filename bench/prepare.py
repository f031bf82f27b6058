"""Benchmark: prepare a dataset of at least a million drawings on disk and train on it memory-mapped. Prints JSON.

There are not a million real drawings here (the offline copy has about 6,700), so the real drawings are repeated, each
copy with every coordinate moved by -1, 0 or +1 at random, into Google's binary format in a temporary cache; the output
says so. Targets on 2 CPU cores: at least 50,000 drawings a second to prepare; peak RSS under 1 GB while preparing and
while training on it; a training step (batch and step) on the memory-mapped set at least 95% as fast as in memory.
    python bench/prepare.py [--drawings 1000000] [--steps 5] [--precision bf16]"""
import argparse, json, math, os, platform, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np
from sketchrnn_nb.data import DEFAULT_CLASSES, bin_path, scan_bin
from sketchrnn_nb.testing import pick_cache_dir

def jittered_copies(data: bytes, copies, rng) -> bytes:
    "`copies` copies of a binary file's bytes, every coordinate byte of each moved by -1, 0 or +1 (kept in 0..255)."
    starts, lens, _, _ = scan_bin(data)
    at = np.arange(lens.sum()) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
    coords = np.concatenate([at, at + np.repeat(lens, lens)])          # every x byte and every y byte
    buf = np.frombuffer(data, np.uint8)
    out = np.tile(buf, copies)
    shifted = (np.arange(copies)[:, None]*len(buf) + coords[None]).ravel()
    out[shifted] = np.clip(out[shifted].astype(np.int16) + rng.integers(-1, 2, len(shifted)), 0, 255)
    return out.tobytes()

def make_cache(src, dst, n_drawings, seed=0):
    "A cache folder of the default classes, each real file repeated with jitter until there are `n_drawings` in all."
    real = {c: bin_path(c, src).read_bytes() for c in DEFAULT_CLASSES}
    total = sum(len(scan_bin(d)[2]) for d in real.values())
    copies, rng = math.ceil(n_drawings/total), np.random.default_rng(seed)
    Path(dst).mkdir(parents=True, exist_ok=True)
    for c, d in real.items(): bin_path(c, dst).write_bytes(jittered_copies(d, copies, rng))
    return total, copies

CHILD = {
"prepare": """
import json, sys, time
from sketchrnn_nb.data import DEFAULT_CLASSES
from sketchrnn_nb.prepared import pack_dataset, read_prepared_meta
t0 = time.perf_counter()
folder = pack_dataset(DEFAULT_CLASSES, None, 200, 0, sys.argv[1], sys.argv[2], progress=False)
print(json.dumps(dict(folder=str(folder), seconds=time.perf_counter() - t0, n=read_prepared_meta(folder)["n_drawings"])))
""",
"train": """
import json, resource, sys, time, torch
from sketchrnn_nb.datasets import collate_fn, balanced_sampler
from sketchrnn_nb.model import Config, SketchRNN, PRECISIONS
from sketchrnn_nb.prepared import PreparedDataset
from sketchrnn_nb.train import make_optimizer, train_step
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024
torch.manual_seed(0)
cfg, ds = Config(), PreparedDataset(sys.argv[1], "train", augment=True, scale=0.2, drop=0.2)
n = cfg.train.batch_size*(200 + int(sys.argv[2]))
dl = torch.utils.data.DataLoader(ds, cfg.train.batch_size, sampler=balanced_sampler(ds, n, seed=0), collate_fn=collate_fn)
it, t0 = iter(dl), time.perf_counter()
for _ in range(200): next(it)                      # the data path alone: 200 augmented, balanced batches
loader = dict(batches_per_s=200/(time.perf_counter() - t0), peak_rss_mb=rss())
model = SketchRNN.from_config(cfg, ds.stats).train()
opt, t0 = make_optimizer(model, cfg.train.lr), time.perf_counter()
for _ in range(int(sys.argv[2])):
    b = next(it)
    train_step(model, opt, b, cfg.train.grad_clip, PRECISIONS[sys.argv[3]])
print(json.dumps(dict(drawings=len(ds), loader=loader, seconds_per_step=(time.perf_counter() - t0)/int(sys.argv[2]))))
""",
"compare": """
import dataclasses, json, resource, sys, time, torch
from sketchrnn_nb.datasets import collate_fn
from sketchrnn_nb.model import Config, SketchRNN
from sketchrnn_nb.train import load_datasets, make_optimizer, train_step
cfg = Config(cache_dir=sys.argv[1])
sets = {"in_memory": load_datasets(cfg)[0], "memory_mapped": load_datasets(dataclasses.replace(cfg, prepared=True))[0]}
torch.manual_seed(0)
model = SketchRNN.from_config(cfg, sets["in_memory"].stats).train()
opt, order = make_optimizer(model, cfg.train.lr), torch.randperm(len(sets["in_memory"])).tolist()
def step(ds, k):
    "Fetch and collate batch `k`, then one training step; seconds."
    t0 = time.perf_counter()
    b = collate_fn([ds[i] for i in order[k*cfg.train.batch_size:(k + 1)*cfg.train.batch_size]])
    t1 = time.perf_counter()
    train_step(model, opt, b, cfg.train.grad_clip)
    return t1 - t0, time.perf_counter() - t0
times = {name: [] for name in sets}
for ds in sets.values(): step(ds, 0)                 # warm-up
for k in range(1, int(sys.argv[2]) + 1):
    for name, ds in sets.items(): times[name].append(step(ds, k))
out = {name: dict(batch_s=sum(t[0] for t in ts)/len(ts), step_s=sum(t[1] for t in ts)/len(ts)) for name, ts in times.items()}
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024   # both sets and the training steps
print(json.dumps(out))
""",
}

def child(name, *args):
    "Run a benchmark step in a fresh Python; its JSON output."
    r = subprocess.run([sys.executable, "-c", CHILD[name], *map(str, args)], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])

def peak_rss_mb(name, *args):
    "Run a benchmark step in a fresh Python under a wrapper that reports that process's peak RSS; its JSON and MB."
    wrapper = ("import resource, subprocess, sys, json; r = subprocess.run(sys.argv[1:], capture_output=True, text=True, "
               "check=True); print(r.stdout.strip().splitlines()[-1]); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)")
    r = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-c", CHILD[name], *map(str, args)],
                       capture_output=True, text=True, check=True)
    out, rss = r.stdout.strip().splitlines()[-2:]
    return json.loads(out), float(rss)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drawings", type=int, default=1_000_000)
    ap.add_argument("--steps", type=int, default=5, help="training steps measured for each comparison")
    ap.add_argument("--precision", default="fp32", choices=["fp32", "bf16"], help="of the training steps on the big set")
    ap.add_argument("--cache-dir", default=str(pick_cache_dir(verbose=False)))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        cache, root = Path(d)/"cache", Path(d)/"prepared"
        t0 = time.perf_counter()
        real, copies = make_cache(a.cache_dir, cache, a.drawings)
        made = time.perf_counter() - t0
        prep, prep_rss = peak_rss_mb("prepare", cache, root)
        train, train_rss = peak_rss_mb("train", prep["folder"], a.steps, a.precision)
        os.environ["XDG_CACHE_HOME"] = str(Path(d)/"xdg")             # the comparison's prepared copy goes here
        cmp = child("compare", a.cache_dir, a.steps)
    print(json.dumps({
        "benchmark": "prepare", "machine": platform.machine(), "cpus": os.cpu_count(),
        "data": f"{real} real drawings (the offline copy), each repeated {copies} times with +-1 jitter on every "
                "coordinate: there are not a million real drawings here",
        "drawings": prep["n"], "make_cache_s": round(made, 1),
        "prepare_s": round(prep["seconds"], 2), "prepare_drawings_per_s": round(prep["n"]/prep["seconds"]),
        "prepare_peak_rss_mb": round(prep_rss), "train_drawings": train["drawings"],
        "loader_batches_per_s": round(train["loader"]["batches_per_s"], 1),
        "loader_peak_rss_mb": round(train["loader"]["peak_rss_mb"]),
        "train_precision": a.precision, "train_peak_rss_mb": round(train_rss), "train_step_s": round(train["seconds_per_step"], 3),
        "in_memory_small_set_train_peak_rss_mb": round(cmp.pop("peak_rss_mb")),
        "compare_on_real_data": cmp,
        "memory_mapped_speed_vs_in_memory": round(cmp["in_memory"]["step_s"]/cmp["memory_mapped"]["step_s"], 3),
    }, indent=1))

if __name__ == "__main__": main()
