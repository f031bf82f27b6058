"""Benchmark: one training step (`train_step`) of the default model with each LSTM cell on the same real batch: the
fused `nn.LSTM`, and `NormLSTM` with recurrent dropout, and with layer norm too (Ha & Eck's cell), in fp32 and bf16.
Mean of --iters after a warm-up. Target: Ha & Eck's cell within 1.5x the fused LSTM's step. Prints JSON.
    python bench/cells.py [--iters 3] [--device cpu] [--hidden-size 512]"""
import argparse, dataclasses, json, os, platform, time
import torch
from sketchrnn_nb.testing import pick_cache_dir
from sketchrnn_nb.model import Config, SketchRNN, PRECISIONS
from sketchrnn_nb.train import load_datasets, make_loaders, make_optimizer, on_device, train_step

CELLS = {"fused": {}, "recurrent_dropout": dict(recurrent_dropout=0.1),
         "layer_norm": dict(layer_norm=True, recurrent_dropout=0.1)}

def time_step(cfg, batch, stats, dev, iters):
    "Mean seconds of `iters` training steps of a fresh model of `cfg` on `batch`, after one warm-up step."
    torch.manual_seed(0)
    model = SketchRNN.from_config(cfg, stats).to(dev).train()
    opt, batch = make_optimizer(model, cfg.train.lr), on_device(batch, dev)
    step = lambda: train_step(model, opt, batch, cfg.train.grad_clip, PRECISIONS[cfg.train.precision])
    step()
    if dev.type == "cuda": torch.cuda.synchronize()   # the warm-up's queued work is not timed
    t0 = time.perf_counter()
    for _ in range(iters): step()
    if dev.type == "cuda": torch.cuda.synchronize()
    return round((time.perf_counter() - t0)/iters, 3)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iters", type=int, default=3)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--hidden-size", type=int, default=512)
    ap.add_argument("--cache-dir", default=str(pick_cache_dir(verbose=False)))
    a = ap.parse_args()
    dev, cfg = torch.device(a.device), Config(cache_dir=a.cache_dir, hidden_size=a.hidden_size)
    train_ds = load_datasets(cfg)[0]
    b = next(iter(make_loaders(cfg, train_ds, train_ds, dev)[0]))
    out = {p: {name: time_step(dataclasses.replace(cfg, precision=p, **kw), b, train_ds.stats, dev, a.iters)
               for name, kw in CELLS.items()} for p in PRECISIONS}
    for times in out.values(): times["layer_norm_over_fused"] = round(times["layer_norm"]/times["fused"], 2)
    print(json.dumps({"benchmark": "lstm cells", "device": str(dev), "batch": list(b.inputs.shape),
                      "hidden_size": a.hidden_size, "seconds_per_step": out,
                      "machine": f"{platform.machine()} {os.cpu_count()} cpus"}, indent=1))

if __name__ == "__main__": main()
