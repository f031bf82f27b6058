"""Benchmark: the VAE. Encoding throughput (drawings a second through `encode`, batch `--batch-size` 100 of real
held-out drawings) and the VAE's training step (encoder, decoder from z, KL term) against the decoder-only model's
step on the same batch, both the default model size (z of 128, 256 encoder units a direction, or channels in the CNN's
last layer). `--encoder conv` times the CNN over each drawing's picture (the shipped VAE's). Prints JSON.
    python bench/vae.py [--device cpu] [--batch-size 100] [--iters 3] [--precision bf16] [--encoder conv]"""
import argparse, json, os, platform
import torch
from sketchrnn_nb.datasets import collate_fn
from sketchrnn_nb.model import Config, SketchRNN, PRECISIONS, ENCODERS
from sketchrnn_nb.train import load_datasets, make_optimizer, on_device, train_step
from sketchrnn_nb.loss import kl_schedule
from sketchrnn_nb.vae import encode
from train import timed   # bench/train.py, beside this script

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--iters", type=int, default=3)
    ap.add_argument("--precision", default="fp32", choices=list(PRECISIONS))
    ap.add_argument("--encoder", default="rnn", choices=list(ENCODERS))
    ap.add_argument("--cache-dir", default=os.environ.get("SKETCHRNN_QUICKDRAW_CACHE", "../shared/quickdraw/cache"))
    a = ap.parse_args()
    dev, dtype = torch.device(a.device), PRECISIONS[a.precision]
    cfg = Config(cache_dir=a.cache_dir, z_size=128)
    train_ds, _, test_ds, stats = load_datasets(cfg)
    torch.manual_seed(0)
    b = collate_fn([train_ds[i] for i in torch.randperm(len(train_ds))[:a.batch_size].tolist()])
    batch = on_device(b, dev)
    steps = {}
    for name, z_size in (("decoder_only", 0), ("vae", 128)):
        torch.manual_seed(0)
        model = SketchRNN.from_config(Config(z_size=z_size, encoder=a.encoder), stats).to(dev).train()
        opt = make_optimizer(model, cfg.train.lr)
        steps[name] = timed(lambda: train_step(model, opt, batch, cfg.train.grad_clip, dtype, kl_schedule(cfg), 0),
                            a.iters, dev)
    drawings = [test_ds.seqs[i]*[*stats["std"], 1, 1, 1] for i in range(min(a.batch_size, len(test_ds)))]  # data units
    model.eval()
    t_enc = timed(lambda: encode(model, drawings), max(a.iters, 5), dev)
    print(json.dumps({"benchmark": "vae", "device": str(dev), "torch": torch.__version__, "precision": a.precision,
                      "encoder": a.encoder, "threads": torch.get_num_threads(),
                      "machine": f"{platform.machine()} {os.cpu_count()} cpus",
                      "batch": len(b.labels), "seq_len": b.inputs.shape[1],
                      "decoder_only_step_s": round(steps["decoder_only"], 4), "vae_step_s": round(steps["vae"], 4),
                      "vae_over_decoder_step": round(steps["vae"]/steps["decoder_only"], 3),
                      "encode_batch": len(drawings), "encode_s": round(t_enc, 4),
                      "encode_drawings_per_s": round(len(drawings)/t_enc, 1)}, indent=1))

if __name__ == "__main__":
    main()
