"""Put a trained checkpoint into the package as a shipped model (`load_pretrained(name=NAME)`), its weights stored in
half precision (the model computes in float32 when loaded); its config and history travel with it. With --after BASE
(the checkpoint a fine-tune was warm-started from), BASE's history comes first and the fine-tune's epochs go on from
its last, each epoch marked with its `stage`, so the shipped history is the whole road to the weights.
    python tools/ship_model.py runs/vae/best.safetensors vae
    python tools/ship_model.py runs/var/nodrop/best.safetensors gmm --after sketchrnn_nb/pretrained/sketchrnn_gmm.safetensors"""
import argparse
from sketchrnn_nb.model import load_checkpoint, read_checkpoint, save_checkpoint, pretrained_path

def chained_history(base, tune, base_stage="base", tune_stage="fine-tune") -> list[dict]:
    "`base`'s epochs, then `tune`'s numbered on from them; each marked with its stage (kept if it has one)."
    last = base[-1]["epoch"] if base else 0
    return ([{"stage": base_stage} | h for h in base] +
            [{"stage": tune_stage} | h | {"epoch": last + h["epoch"]} for h in tune])

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint")
    ap.add_argument("name", help="the shipped model's name: gmm, vae, ...")
    ap.add_argument("--after", help="the checkpoint the run was warm-started from: its history goes first")
    ap.add_argument("--stage", default="fine-tune", help="what to call the run's epochs in the chained history")
    args = ap.parse_args()
    model, info = load_checkpoint(args.checkpoint)
    history = info["history"]
    if args.after: history = chained_history(read_checkpoint(args.after)[1]["history"], history, tune_stage=args.stage)
    out = pretrained_path(args.name)
    save_checkpoint(model.half(), out, info["config"], history)
    print(f"{out}: {out.stat().st_size/2**20:.1f} MB, {len(history)} epochs, "
          f"best validation loss {min(h['valid_loss'] for h in history):.4f}")
