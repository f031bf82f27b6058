"""Benchmark: training throughput of the default SketchRNN (the library's `train_step`: forward, loss, backward, clip,
Adam) beside the bare nn.LSTM forward+backward on the same batch shapes. Prints JSON. Target: full step >= 85% of
bare LSTM.
    python bench/train.py [--device cuda] [--batch-size 100] [--iters 3] [--precision bf16] [--compile]
With --ddp: the same global batch in one process (all cores) and in --nproc (2) processes started by torchrun (gloo
on CPU, NCCL on GPUs; DistributedDataParallel, each process a share of the batch), step times side by side.
    python bench/train.py --ddp [--device cpu] [--nproc 2]"""
import argparse, json, os, platform, subprocess, sys, time
import torch
from torch.nn.parallel import DistributedDataParallel
from sketchrnn_nb.datasets import collate_fn
from sketchrnn_nb.model import Config, SketchRNN, PRECISIONS
from sketchrnn_nb.train import load_datasets, make_optimizer, on_device, train_step
from sketchrnn_nb.processes import join_processes

def timed(fn, iters, device):
    "Mean seconds per call of `fn` over `iters` calls, after one warm-up call, waiting for the GPU on CUDA."
    fn()  # warm-up
    if device.type == "cuda": torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(iters):
        fn()
    if device.type == "cuda": torch.cuda.synchronize()
    return (time.perf_counter() - t0)/iters

def real_batch(cfg, batch_size, rank=0, world_size=1):
    "This process's share of one seeded random batch of `batch_size` real training sketches, and the data's stats."
    train_ds, _, _, stats = load_datasets(cfg)
    torch.manual_seed(0)
    idx = torch.randperm(len(train_ds))[:batch_size].tolist()
    return collate_fn([train_ds[i] for i in idx[rank::world_size]]), stats

def machine(dev):
    "What ran it."
    return {"device": str(dev), "torch": torch.__version__, "threads": torch.get_num_threads(),
            "gpu": torch.cuda.get_device_name() if dev.type == "cuda" else None,
            "machine": f"{platform.machine()} {os.cpu_count()} cpus"}

def step_vs_bare(a):
    "The library's training step beside a bare LSTM's forward+backward on the same batch."
    dev = torch.device(a.device)
    cfg = Config(cache_dir=a.cache_dir, precision=a.precision, compile=a.compile)
    b, stats = real_batch(cfg, a.batch_size)
    b = on_device(b, dev)
    inp = b.inputs
    model = SketchRNN.from_config(cfg, stats).to(dev).train()
    opt = make_optimizer(model, cfg.train.lr)
    net = torch.compile(model) if cfg.train.compile else model

    def full_step():
        "The step train_model runs."
        return train_step(net, opt, b, cfg.train.grad_clip, PRECISIONS[cfg.train.precision])

    bare = torch.nn.LSTM(5 + cfg.model.embed_dim, cfg.model.hidden_size, cfg.model.num_layers, batch_first=True,
                         dropout=cfg.model.dropout).to(dev).train()
    x = torch.randn(inp.shape[0], inp.shape[1], 5 + cfg.model.embed_dim, device=dev)

    def bare_step():
        bare.zero_grad(set_to_none=True)
        bare(x)[0].sum().backward()

    t_full, t_bare = timed(full_step, a.iters, dev), timed(bare_step, a.iters, dev)
    B, T = inp.shape[:2]
    return {"benchmark": "train_throughput", **machine(dev), "fused_adam": bool(opt.defaults["fused"]),
            "precision": cfg.train.precision, "compile": cfg.train.compile, "batch": B, "seq_len": T,
            "full_step_s": round(t_full, 4), "bare_lstm_fp32_step_s": round(t_bare, 4),
            "full_seq_per_s": round(B/t_full, 1), "bare_seq_per_s": round(B/t_bare, 1),
            "full_over_bare": round(t_bare/t_full, 3), "target_full_over_bare": 0.85,
            "meets_target": t_bare/t_full >= 0.85}

def ddp_step(a):
    "Seconds per training step of this process's share of the global batch, in a run of torchrun's processes."
    cfg = Config(cache_dir=a.cache_dir, device=a.device)
    with join_processes(cfg) as procs:
        b, stats = real_batch(cfg, a.batch_size, procs.rank, procs.world_size)
        batch = on_device(b, procs.device)
        torch.manual_seed(0)
        model = SketchRNN.from_config(cfg, stats).to(procs.device).train()
        opt = make_optimizer(model, cfg.train.lr)
        net = DistributedDataParallel(model) if procs.world_size > 1 else model
        t = timed(lambda: train_step(net, opt, batch, cfg.train.grad_clip), a.iters, procs.device)
        t = procs.sum_(torch.tensor([t], device=procs.device)).item()/procs.world_size   # the mean over processes
        if procs.main: print(json.dumps({"processes": procs.world_size, "threads_each": torch.get_num_threads(),
                                         "local_batch": len(b.labels), "step_s": round(t, 4)}))

def worker_json(cmd, env):
    "The JSON line a worker run printed."
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode: raise RuntimeError(out.stderr[-2000:])
    return json.loads([line for line in out.stdout.splitlines() if line.startswith("{")][-1])

def ddp_vs_one(a):
    "The global batch in one process with every core, then in `a.nproc` processes under torchrun."
    here, env = os.path.abspath(__file__), dict(os.environ)
    flags = ["--worker", "--device", a.device, "--batch-size", str(a.batch_size), "--iters", str(a.iters),
             "--cache-dir", a.cache_dir]
    one = worker_json([sys.executable, here, *flags], env)
    torchrun = [os.path.join(os.path.dirname(sys.executable), "torchrun"), "--standalone", "--nproc_per_node",
                str(a.nproc), here]
    many = worker_json([*torchrun, *flags], env)
    return {"benchmark": "train_ddp", **machine(torch.device(a.device)), "global_batch": a.batch_size,
            "one_process": one, f"{a.nproc}_processes": many,
            "speedup": round(one["step_s"]/many["step_s"], 3),
            "note": "on a machine with as many cores as processes the processes share the cores one process used"}

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--iters", type=int, default=3)
    ap.add_argument("--precision", default="fp32", choices=list(PRECISIONS))
    ap.add_argument("--compile", action="store_true", help="torch.compile the model")
    ap.add_argument("--ddp", action="store_true", help="one process against --nproc processes under torchrun")
    ap.add_argument("--nproc", type=int, default=2)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", default=os.environ.get("SKETCHRNN_QUICKDRAW_CACHE", "../shared/quickdraw/cache"))
    a = ap.parse_args()
    if a.worker: return ddp_step(a)
    print(json.dumps(ddp_vs_one(a) if a.ddp else step_vs_bare(a), indent=1))

if __name__ == "__main__":
    main()
