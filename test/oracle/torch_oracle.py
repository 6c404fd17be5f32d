#!/usr/bin/env python3
"""PyTorch oracle for test/oracle/torch.test.ts.

Reads ONE JSON list of requests on stdin and writes ONE JSON list of answers (same order) on
stdout, so a whole test grid costs a single interpreter start and a single `import torch`.

A request is one of
  {"fn": "<torch.nn.init name>", "shape": [...], "kwargs": {...}, "n"?: int, "seed"?: int,
   "values"?: bool}
      calls torch.nn.init.<fn>(torch.empty(shape), **kwargs) (deprecated aliases included);
  {"fn": "calculate_gain", "kwargs": {"nonlinearity": ..., "param": ...}}
  {"fn": "hasattr", "kwargs": {"name": ...}}
      whether torch.nn.init has that attribute;
  {"fn": "<label>", "module": {"cls": "Linear", "args": [...], "kwargs": {...}, "param": "weight"},
   "n"?: int, "seed"?: int, "values"?: bool}
      constructs torch.nn.<cls>(*args, **kwargs) and reads the (dotted) parameter `param`.

Non-finite floats travel as {"__float__": "inf" | "-inf" | "nan"} in both directions
(JSON has no Infinity/NaN).

While the FIRST call of a request runs, torch.Tensor.uniform_/normal_/fill_/zero_ (and the
mul_/add_/clamp_/erfinv_ that trunc_normal_ and orthogonal_ use) are temporarily replaced by
wrappers that record (method, args, kwargs) and then call the original, so the answer holds
the exact double-precision bounds/std PyTorch itself passed. A call is tagged `target` when it
acts on the storage of the tensor under test and `full` when it covers the whole tensor (an
Embedding's padding row fill_ is target but not full).

An answer is {"error": type(e).__name__, "message": str(e)} or
  {"calls": [...], "fans": [fan_in, fan_out] | null, "weight_fans": ... (modules),
   "shape": [...], "gain": ... (calculate_gain), "warnings": [...],
   "moments": {"n", "mean", "std", "m4", "min", "max"} (when n is given),
   "first": {"zero_count", "zero_rows", "zeros_per_col": [min, max], "ortho_err"},
   "values": [...] (when values is true)}.
"""
import json
import math
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.init as init

torch.set_num_threads(1)

RECORDED_METHODS = ("uniform_", "normal_", "fill_", "zero_", "mul_", "add_", "clamp_", "erfinv_")


def decode(obj):
    if isinstance(obj, dict):
        if set(obj.keys()) == {"__float__"}:
            return float(obj["__float__"])
        return {k: decode(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [decode(v) for v in obj]
    return obj


def encode(obj):
    if isinstance(obj, float) and not math.isfinite(obj):
        return {"__float__": "nan" if math.isnan(obj) else ("inf" if obj > 0 else "-inf")}
    if isinstance(obj, dict):
        return {k: encode(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [encode(v) for v in obj]
    if isinstance(obj, torch.Tensor):
        return encode(obj.item() if obj.numel() == 1 else obj.tolist())
    return obj


class Recorder:
    """Patches the recorded Tensor methods for the duration of a `with` block."""

    def __init__(self):
        self.calls = []

    def __enter__(self):
        self.saved = {}
        for name in RECORDED_METHODS:
            self.saved[name] = torch.Tensor.__dict__.get(name)  # None: inherited from _TensorBase
            original = getattr(torch.Tensor, name)
            setattr(torch.Tensor, name, self._wrap(name, original))
        return self

    def __exit__(self, *exc):
        for name, saved in self.saved.items():
            if saved is None:
                delattr(torch.Tensor, name)
            else:
                setattr(torch.Tensor, name, saved)
        return False

    def _wrap(self, name, original):
        calls = self.calls

        def wrapper(self_tensor, *args, **kwargs):
            calls.append({
                "m": name,
                "args": [plain(a) for a in args],
                "kwargs": {k: plain(v) for k, v in kwargs.items()},
                "ptr": self_tensor.data_ptr(),
                "storage": storage_ptr(self_tensor),
                "numel": self_tensor.numel(),
            })
            return original(self_tensor, *args, **kwargs)

        wrapper.__name__ = name
        return wrapper


def plain(v):
    if isinstance(v, torch.Tensor):
        return v.tolist()
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    return repr(v)


def storage_ptr(t):
    try:
        return t.storage().data_ptr()
    except Exception:  # pragma: no cover - exotic tensors
        return t.data_ptr()


def fans_of(t):
    if t is None or t.dim() < 2:
        return None
    fi, fo = init._calculate_fan_in_and_fan_out(t)
    return [fi, fo]


def get_param(module, dotted):
    obj = module
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def run_once(req):
    """One call of the request; returns (tensor, module-or-None)."""
    if "module" in req:
        spec = req["module"]
        cls = getattr(nn, spec["cls"])
        module = cls(*spec.get("args", []), **spec.get("kwargs", {}))
        return get_param(module, spec["param"]).detach(), module
    fn = getattr(init, req["fn"])
    t = torch.empty(*req["shape"])
    fn(t, **req.get("kwargs", {}))
    return t, None


def first_stats(t):
    out = {"zero_count": int((t == 0).sum().item())}
    if t.dim() == 2:
        rows, cols = t.shape
        if rows and cols:
            zero_rows = (t == 0).all(dim=1).nonzero().flatten().tolist()
            out["zero_rows"] = zero_rows[:50]
            per_col = (t == 0).sum(dim=0)
            out["zeros_per_col"] = [int(per_col.min().item()), int(per_col.max().item())]
    if t.dim() >= 2 and t.numel() > 0:
        # orthogonality in the orientation PyTorch uses: rows = size(0), cols = numel // rows
        m = t.detach().reshape(t.shape[0], -1).double()
        rows, cols = m.shape
        gram = m @ m.T if rows < cols else m.T @ m
        out["gram_diag_mean"] = float(gram.diagonal().mean().item())
        off = gram - torch.diag(gram.diagonal())
        out["gram_offdiag_max"] = float(off.abs().max().item()) if off.numel() else 0.0
        out["gram_diag_spread"] = float((gram.diagonal().max() - gram.diagonal().min()).item())
    return out


def handle(req):
    fn = req["fn"]
    kwargs = req.get("kwargs", {})
    if fn == "calculate_gain":
        return {"gain": init.calculate_gain(kwargs["nonlinearity"], kwargs.get("param"))}
    if fn == "hasattr":
        return {"exists": hasattr(init, kwargs["name"])}

    seed = req.get("seed", 0)
    torch.manual_seed(seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with Recorder() as rec:
            t, module = run_once(req)
    target_storage = storage_ptr(t)
    calls = []
    for c in rec.calls:
        target = t.numel() > 0 and c["storage"] == target_storage
        calls.append({
            "m": c["m"], "args": c["args"], "kwargs": c["kwargs"],
            "target": target,
            "full": target and c["ptr"] == t.data_ptr() and c["numel"] == t.numel(),
        })
    answer = {
        "calls": calls,
        "shape": list(t.shape),
        "fans": fans_of(t),
        "warnings": [f"{w.category.__name__}: {w.message}" for w in caught],
        "first": first_stats(t),
    }
    if module is not None:
        answer["weight_fans"] = fans_of(getattr(module, "weight", None)) if isinstance(getattr(module, "weight", None), torch.Tensor) else None
    if req.get("values"):
        answer["values"] = t.flatten().tolist()

    n = req.get("n")
    if n:
        chunks = [t.detach().flatten().double()]
        total = chunks[0].numel()
        if total == 0:
            raise ValueError("cannot sample moments of an empty tensor")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            while total < n:
                more, _ = run_once(req)
                chunks.append(more.detach().flatten().double())
                total += chunks[-1].numel()
        x = torch.cat(chunks)
        mean = x.mean()
        d = x - mean
        var = (d * d).mean()
        answer["moments"] = {
            "n": int(x.numel()),
            "mean": float(mean.item()),
            "std": float(var.sqrt().item()),
            "m4": float((d ** 4).mean().item()),
            "min": float(x.min().item()),
            "max": float(x.max().item()),
        }
    return answer


def main():
    requests = decode(json.load(sys.stdin))
    answers = []
    for req in requests:
        try:
            answers.append(handle(req))
        except Exception as e:  # the error itself is the oracle's answer
            answers.append({"error": type(e).__name__, "message": str(e)})
    json.dump(encode(answers), sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
