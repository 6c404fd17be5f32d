"""Times the peer libraries for bench/run.js and prints one JSON object on stdout.

Usage: python3 bench/peers.py '<json config>'
  config: {"n": 10000000, "reps": 7, "warmup": 2, "groups": ["torch", "numpy"],
           "normal": [mu, sigma], "uniform": [low, high], "kerasHeNormal": [mu, sigma, low, high]}

Every op is warmed up, then timed `reps` times with time.perf_counter; the median is reported in
milliseconds. A group whose library cannot be imported reports {"error": ...} instead of times,
and the script still exits 0, so the caller can print "n/a" for it.
"""
import json
import statistics
import sys
import time


def measure(fn, reps, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return {"ms": statistics.median(times), "all": times}


def torch_group(cfg, out):
    try:
        import torch
    except Exception as e:  # not installed, or broken
        out["errors"]["torch"] = f"{type(e).__name__}: {e}"
        return
    torch.set_num_threads(1)
    out["versions"]["torch"] = torch.__version__
    out["threads"]["torch"] = torch.get_num_threads()
    n, reps, warmup = cfg["n"], cfg["reps"], cfg["warmup"]
    mu, sigma = cfg["normal"]
    low, high = cfg["uniform"]
    kmu, ksigma, klow, khigh = cfg["kerasHeNormal"]
    torch.manual_seed(0)
    ops = {
        "torch.normal_": lambda: torch.empty(n).normal_(mu, sigma),
        "torch.uniform_": lambda: torch.empty(n).uniform_(low, high),
        "torch.trunc_normal_": lambda: torch.nn.init.trunc_normal_(torch.empty(n), mean=0.0, std=1.0, a=-2.0, b=2.0),
        "torch.trunc_normal_.keras": lambda: torch.nn.init.trunc_normal_(torch.empty(n), mean=kmu, std=ksigma, a=klow, b=khigh),
    }
    for name, fn in ops.items():
        out["results"][name] = measure(fn, reps, warmup)


def numpy_group(cfg, out):
    try:
        import numpy as np
    except Exception as e:
        out["errors"]["numpy"] = f"{type(e).__name__}: {e}"
        return
    out["versions"]["numpy"] = np.__version__
    n, reps, warmup = cfg["n"], cfg["reps"], cfg["warmup"]
    rng = np.random.default_rng(0)
    x = rng.standard_normal(n, dtype=np.float32)
    ops = {
        "numpy.standard_normal": lambda: rng.standard_normal(n, dtype=np.float32),
        "numpy.histogram": lambda: np.histogram(x, 100),
    }
    for name, fn in ops.items():
        out["results"][name] = measure(fn, reps, warmup)


def main():
    cfg = json.loads(sys.argv[1])
    out = {"python": sys.executable, "versions": {}, "threads": {}, "results": {}, "errors": {}}
    if "torch" in cfg["groups"]:
        torch_group(cfg, out)
    if "numpy" in cfg["groups"]:
        numpy_group(cfg, out)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
