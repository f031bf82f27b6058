"The repository's recipes (`recipes/*.toml`) read, and give the configs the shipped models carry."
from pathlib import Path
import pytest
from sketchrnn_nb.cli import read_recipe
from sketchrnn_nb.model import Config, ModelSettings, read_checkpoint, pretrained_path
from sketchrnn_nb.train import WARM_START_DATA, WARM_START_MAY_CHANGE

RECIPES = Path(__file__).parents[1]/"recipes"
WHERE = ("cache_dir", "out_dir", "device")   # where a run reads, writes and computes: not part of a recipe's model


def recipe(name) -> tuple[Config, dict]:
    "The config and the [run] options of the recipe `name`."
    settings, run = read_recipe(RECIPES/name)
    return Config(**settings), run


def without_where(config: Config) -> dict:
    return {k: v for k, v in config.to_dict().items() if k not in WHERE}


@pytest.mark.parametrize("path", sorted(RECIPES.glob("*.toml")), ids=lambda p: p.name)
def test_every_recipe_reads(path):
    config, run = recipe(path.name)
    assert config.paths.out_dir.startswith("runs/") and set(run) <= {"warm_start"}


@pytest.mark.parametrize("name, shipped", [("gmm_2_finetune.toml", "gmm"), ("vae.toml", "vae")])
def test_recipe_gives_the_shipped_config(name, shipped):
    saved = Config.from_dict(read_checkpoint(pretrained_path(shipped))[1]["config"])
    assert without_where(recipe(name)[0]) == without_where(saved)


def test_the_finetune_starts_from_the_base_on_the_same_data():
    base, _ = recipe("gmm_1_base.toml")
    tune, run = recipe("gmm_2_finetune.toml")
    assert Path(run["warm_start"]) == Path(base.paths.out_dir)/"best.safetensors"
    a, b = base.to_dict(), tune.to_dict()
    assert all(a[k] == b[k] for k in ("classes",) + WARM_START_DATA)
    fixed = [k for k in ModelSettings.names() if k not in WARM_START_MAY_CHANGE]
    assert all(a[k] == b[k] for k in fixed)                      # warm_start will take it
    assert base == Config(max_per_class=None, out_dir="runs/gmm")   # the defaults: a recipe says what it stands on
