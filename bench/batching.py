"""Benchmark: training time per sketch with class-balanced random batches (`balanced_sampler`) against batches of
similar length (`BucketBatchSampler`, `Config(bucket=True)`), on the same data and model. Prints JSON.
    python bench/batching.py [--batches 8] [--device cpu]"""
import argparse, dataclasses, json, os, platform, time
import torch
from sketchrnn_nb.testing import pick_cache_dir
from sketchrnn_nb.model import Config, SketchRNN
from sketchrnn_nb.train import load_datasets, make_loaders, make_optimizer, on_device, train_step

def time_batches(cfg, train_ds, dev, n):
    "Seconds and sketches of the first `n` training steps with `cfg`'s loader, and the share of padded rows."
    torch.manual_seed(0)
    model = SketchRNN.from_config(cfg, train_ds.stats).to(dev).train()
    opt, it = make_optimizer(model, cfg.train.lr), iter(make_loaders(cfg, train_ds, train_ds, dev)[0])
    b = next(it)                                                              # warm-up
    train_step(model, opt, on_device(b, dev), cfg.train.grad_clip)
    secs, rows, padded = 0.0, 0, 0
    for _ in range(n):
        b = next(it)
        t0 = time.perf_counter()
        train_step(model, opt, on_device(b, dev), cfg.train.grad_clip)
        if dev.type == "cuda": torch.cuda.synchronize()
        secs, rows, padded = secs + time.perf_counter() - t0, rows + int(b.mask.sum()), padded + b.mask.numel()
    return dict(seconds_per_batch=round(secs/n, 3), padding=round(1 - rows/padded, 3))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", type=int, default=8)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--cache-dir", default=str(pick_cache_dir(verbose=False)))
    a = ap.parse_args()
    dev, cfg = torch.device(a.device), Config(cache_dir=a.cache_dir)
    train_ds = load_datasets(cfg)[0]
    out = {name: time_batches(dataclasses.replace(cfg, bucket=bucket), train_ds, dev, a.batches)
           for name, bucket in (("random", False), ("by_length", True))}
    print(json.dumps({"benchmark": "batching", "device": str(dev), "batches": a.batches, "drawings": len(train_ds),
                      **out, "speedup": round(out["random"]["seconds_per_batch"]/out["by_length"]["seconds_per_batch"], 2),
                      "machine": f"{platform.machine()} {os.cpu_count()} cpus"}, indent=1))

if __name__ == "__main__": main()
