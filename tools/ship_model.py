"""Put a trained checkpoint into the package as a shipped model (`load_pretrained(name=NAME)`), its weights stored in
half precision (the model computes in float32 when loaded); its config and history travel with it. With --after BASE
(the checkpoint a fine-tune was warm-started from, `warm_start`), BASE's history comes first and the fine-tune's epochs
go on from its last, each epoch marked with its `stage`, so the shipped history is the whole road to the weights.
    python tools/ship_model.py runs/vae/best.safetensors vae
    python tools/ship_model.py runs/var/nodrop_rd/best.safetensors gmm --after runs/gmm/best.safetensors \\
        --stage "fine-tune: no dropped points, recurrent dropout\""""
import argparse
from sketchrnn_nb.model import load_checkpoint, read_checkpoint, save_checkpoint, pretrained_path
from sketchrnn_nb.train import WARM_START_DATA

SAME_DATA = ("classes",) + WARM_START_DATA   # a fine-tune of BASE (`warm_start`) learned from BASE's split

def chained_history(base, tune, base_stage="base", tune_stage="fine-tune") -> list[dict]:
    "`base`'s epochs, then `tune`'s (a fresh run from epoch 1) numbered on from them; each marked with its stage."
    if tune and tune[0]["epoch"] != 1: raise ValueError(f"The fine-tune's history starts at epoch {tune[0]['epoch']}, "
                                                        "not 1: it already goes on from another run's.")
    if any("stage" in h for h in tune): raise ValueError("The fine-tune's history already has stages: chain it once.")
    last = base[-1]["epoch"] if base else 0
    return ([{"stage": base_stage} | h for h in base] +
            [{"stage": tune_stage} | h | {"epoch": last + h["epoch"]} for h in tune])

def check_same_data(base_cfg: dict, tune_cfg: dict):
    "Refuse a fine-tune whose classes or data differ from its base's: it was not warm-started from it."
    differ = [f"{k}: {base_cfg.get(k)} -> {tune_cfg.get(k)}" for k in SAME_DATA if base_cfg.get(k) != tune_cfg.get(k)]
    if differ: raise SystemExit(f"The run's data differ from --after's ({'; '.join(differ)}): was it warm-started from it?")

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint")
    ap.add_argument("name", help="the shipped model's name: gmm, vae, ...")
    ap.add_argument("--after", help="the checkpoint the run was warm-started from: its history goes first")
    ap.add_argument("--stage", help="what to call the run's epochs in the chained history (with --after)")
    args = ap.parse_args()
    if args.stage and not args.after: ap.error("--stage names the run's part of a chained history: give --after too")
    model, info = load_checkpoint(args.checkpoint)
    history = info["history"]
    if args.after:
        _, base = read_checkpoint(args.after)
        check_same_data(base["config"], read_checkpoint(args.checkpoint)[1]["config"])
        history = chained_history(base["history"], history, tune_stage=args.stage or "fine-tune")
    out = pretrained_path(args.name)
    save_checkpoint(model.half(), out, info["config"], history)
    print(f"{out}: {out.stat().st_size/2**20:.1f} MB, {len(history)} epochs, "
          f"best validation loss {min(h['valid_loss'] for h in history):.4f}")
