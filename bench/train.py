"""Benchmark: training throughput of the default SketchRNN (the library's `train_step`: forward, loss, backward, clip,
Adam) beside the bare nn.LSTM forward+backward on the same batch shapes. Prints JSON. Target: full step >= 85% of
bare LSTM.
    python bench/train.py [--device cuda] [--batch-size 100] [--iters 3]"""
import argparse, json, os, platform, time
import torch
from sketchrnn_nb.data import collate_fn
from sketchrnn_nb.model import Config, SketchRNN
from sketchrnn_nb.train import prepare_data, make_optimizer, train_step

def timed(fn, iters, device):
    "Mean seconds per call of `fn` over `iters` calls, after one warm-up call, waiting for the GPU on CUDA."
    fn()  # warm-up
    if device.type == "cuda": torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(iters):
        fn()
    if device.type == "cuda": torch.cuda.synchronize()
    return (time.perf_counter() - t0)/iters

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--iters", type=int, default=3)
    ap.add_argument("--cache-dir", default=os.environ.get("SKETCHRNN_QUICKDRAW_CACHE", "../shared/quickdraw/cache"))
    a = ap.parse_args()
    dev = torch.device(a.device)
    cfg = Config(cache_dir=a.cache_dir)
    train_ds, _, _, stats = prepare_data(cfg)
    torch.manual_seed(0)
    b = collate_fn([train_ds[i] for i in torch.randperm(len(train_ds))[:a.batch_size].tolist()])
    inp, tgt, mask, lab = (t.to(dev) for t in (b.inputs, b.targets, b.mask, b.labels))
    model = SketchRNN.from_config(cfg, stats).to(dev).train()
    opt = make_optimizer(model, cfg.lr)

    def full_step():
        "The step train_model runs."
        return train_step(model, opt, inp, tgt, mask, lab, cfg.grad_clip)

    bare = torch.nn.LSTM(5 + cfg.embed_dim, cfg.hidden_size, cfg.num_layers, batch_first=True,
                         dropout=cfg.dropout).to(dev).train()
    x = torch.randn(inp.shape[0], inp.shape[1], 5 + cfg.embed_dim, device=dev)

    def bare_step():
        bare.zero_grad(set_to_none=True)
        bare(x)[0].sum().backward()

    t_full, t_bare = timed(full_step, a.iters, dev), timed(bare_step, a.iters, dev)
    B, T = inp.shape[:2]
    print(json.dumps({"benchmark": "train_throughput", "device": str(dev), "torch": torch.__version__,
                      "gpu": torch.cuda.get_device_name() if dev.type == "cuda" else None,
                      "threads": torch.get_num_threads(), "fused_adam": bool(opt.defaults["fused"]),
                      "batch": B, "seq_len": T, "full_step_s": round(t_full, 4), "bare_lstm_step_s": round(t_bare, 4),
                      "full_seq_per_s": round(B/t_full, 1), "bare_seq_per_s": round(B/t_bare, 1),
                      "full_over_bare": round(t_bare/t_full, 3), "target_full_over_bare": 0.85,
                      "meets_target": t_bare/t_full >= 0.85,
                      "machine": f"{platform.machine()} {os.cpu_count()} cpus"}, indent=1))

if __name__ == "__main__":
    main()
