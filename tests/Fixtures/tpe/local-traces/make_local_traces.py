#!/usr/bin/python3
"""Record extra Optuna 3.1 TPE traces for the settings the public set leaves out (README.md here).

    /usr/bin/python3 make_local_traces.py [--generator PATH] [--out DIR]

Runs the team's recorder (shared/tpe/make_tpe_traces.py, imported from --generator, default
../../../../../shared/tpe/make_tpe_traces.py relative to this file) on the specs below: the same
format and checks as the public traces, other seeds, spaces and settings.
"""
import argparse
import importlib.util
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_generator(path):
    spec = importlib.util.spec_from_file_location("make_tpe_traces", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_tpe_traces"] = module
    spec.loader.exec_module(module)
    return module


ARCH_OFFSET = {"dan": 0.3, "rnn": 0.0, "cnn": 0.15}
CELL = {"lstm": 0.0, "gru": 0.05, "elman": 0.4}


def arch_objective(p):
    value = ARCH_OFFSET[p["arch"]] + (math.log10(p["lr"]) + 2.5) ** 2 / 4 + (p["dropout"] - 0.3) ** 2
    if "cell" in p:
        value += CELL[p["cell"]]
    if "layers" in p:
        value += (p["layers"] - 2) ** 2 / 10
    if "width" in p:
        value += ((p["width"] - 96) / 64) ** 2
    return value


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--generator", default=os.path.join(HERE, *[".."] * 5, "shared", "tpe", "make_tpe_traces.py"))
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()
    g = load_generator(os.path.abspath(args.generator))
    g.optuna.logging.set_verbosity(g.optuna.logging.ERROR)
    g.warnings.simplefilter("ignore")
    F, I, C, spec = g.F, g.I, g.C, g.spec
    g.SPACES["arch"] = [C("arch", ["dan", "rnn", "cnn"]), F("lr", 1e-4, 1e-1, log=True),
                        C("cell", ["lstm", "gru", "elman"], when=["arch", ["rnn"]]),
                        I("layers", 1, 3, when=["arch", ["rnn", "cnn"]]),
                        I("width", 16, 128, step=16, when=["arch", ["cnn"]]),
                        F("dropout", 0.0, 0.5, step=0.1)]
    g.OBJECTIVES["arch"] = ("ARCH[arch] + (log10(lr)+2.5)^2/4 + (dropout-0.3)^2 + CELL[cell] + (layers-2)^2/10"
                            " + ((width-96)/64)^2 (terms of inactive parameters left out)", arch_objective)
    specs = [
        (spec("local_no_prior_pw05_min", "cat_float", "cat_float", "minimize", 45,
              {"consider_prior": False, "prior_weight": 0.5}), 301),
        (spec("local_hyperopt_uniform_min", "lr_wd_drop", "lr_wd_drop", "minimize", 60,
              {"gamma": "hyperopt", "weights": "uniform"}), 302),
        (spec("local_endpoints_noclip_intlog_max", "units_layers_ratio", "units_layers_ratio", "maximize", 50,
              {"consider_endpoints": True, "consider_magic_clip": False}), 303),
        (spec("local_group_liar_arch_w3_min", "arch", "arch", "minimize", 55,
              {"multivariate": True, "group": True, "constant_liar": True}, workers=3,
              p_fail=0.05, forced={2: "fail"}), 304),
        (spec("local_workers3_noliar_min", "curve", "curve_min", "minimize", 55,
              {"n_startup_trials": 6}, workers=3, p_prune=0.25, p_prune_nan=0.2, p_prune_empty=0.1,
              p_fail=0.04), 305),
        (spec("local_gamma_p15_min", "int_float", "int_float", "minimize", 45,
              {"gamma": "p15_plus2_cap12"}), 306),
        (spec("local_multivariate_w2_noliar_min", "mv4", "mv4", "minimize", 45,
              {"multivariate": True}, workers=2), 307),
    ]
    for sp, seed in specs:
        trace = g.run_study(sp, seed)
        path = os.path.join(args.out, f"{trace['study_name']}.json")
        with open(path, "w") as f:
            f.write(g.dumps_trace(trace))
        print(path, trace["derived"]["summary"])


if __name__ == "__main__":
    main()
