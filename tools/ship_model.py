"""Put a trained checkpoint into the package as a shipped model (`load_pretrained(name=NAME)`), its weights stored in
half precision (the model computes in float32 when loaded); its config and history travel with it.
    python tools/ship_model.py runs/vae/best.safetensors vae"""
import sys
from sketchrnn_nb.model import load_checkpoint, save_checkpoint, pretrained_path

if __name__ == "__main__":
    if len(sys.argv) != 3: sys.exit(__doc__)
    model, info = load_checkpoint(sys.argv[1])
    out = pretrained_path(sys.argv[2])
    save_checkpoint(model.half(), out, info["config"], info["history"])
    print(f"{out}: {out.stat().st_size/2**20:.1f} MB, {len(info['history'])} epochs, "
          f"best validation loss {min(h['valid_loss'] for h in info['history']):.4f}")
