#!/usr/bin/env python3
"""PyTorch oracle for test/oracle/propagate.test.ts.

Reads ONE JSON list of stacks on stdin and writes ONE JSON list of answers (same order) on
stdout: one interpreter start and one `import torch` for the whole test file.

A stack is
  {"layers": [{"fanIn": int, "width": int, "act": str, "slope": float | null,
               "init": "<torch.nn.init name>", "kwargs": {...}, "biasStd": float}, ...],
   "seeds": int, "batch": int, "q0": float, "seed": int}

For each of `seeds` independent draws (torch.manual_seed(seed + s)) the stack is built as
float64 torch tensors: layer l's weight is torch.empty(width, fanIn) (nn.Linear's [out, in]
layout) filled by torch.nn.init.<init>(w, **kwargs) itself, and its bias (when biasStd > 0)
by torch.nn.init.normal_(b, 0, biasStd). A batch of `batch` inputs x ~ N(0, q0) is pushed
through h^l = x^{l-1} W_l^T + b_l, x^l = act(h^l); then a unit-variance Gaussian gradient g is
injected at the last pre-activation (h^L.backward(g)) and autograd gives dL/dh^l for every l.

The answer is {"fwd": [[std(h^l) for l] for s], "grad": [[std(dL/dh^l) for l] for s]}
(population std over all batch × width elements of one draw), or {"error", "message"}.
"""
import json
import math
import sys

import torch
import torch.nn.functional as F
import torch.nn.init as init

torch.set_default_dtype(torch.float64)


def activation(name, slope):
    """The torch function for each activation name src/core/activations.ts uses."""
    if name == "linear":
        return lambda h: h
    if name == "relu":
        return torch.relu
    if name == "leaky_relu":
        a = 0.01 if slope is None else slope
        return lambda h: F.leaky_relu(h, negative_slope=a)
    if name == "elu":
        a = 1.0 if slope is None else slope
        return lambda h: F.elu(h, alpha=a)
    if name == "selu":
        return torch.selu
    if name == "gelu":
        return F.gelu  # exact (erf) form, as ours
    if name == "silu":
        return F.silu
    if name == "tanh":
        return torch.tanh
    if name == "sigmoid":
        return torch.sigmoid
    raise ValueError(f"no torch function for activation {name!r}")


def run_stack(spec):
    layers = spec["layers"]
    acts = [activation(l["act"], l.get("slope")) for l in layers]
    batch = int(spec["batch"])
    q0 = float(spec.get("q0", 1.0))
    fwd, grad = [], []
    for s in range(int(spec["seeds"])):
        torch.manual_seed(int(spec["seed"]) + s)
        weights, biases = [], []
        for l in layers:
            w = torch.empty(l["width"], l["fanIn"], dtype=torch.float64)
            getattr(init, l["init"])(w, **(l.get("kwargs") or {}))
            weights.append(w)
            b = None
            if l.get("biasStd", 0) > 0:
                b = torch.empty(l["width"], dtype=torch.float64)
                init.normal_(b, 0.0, l["biasStd"])
            biases.append(b)
        x = (torch.randn(batch, layers[0]["fanIn"]) * math.sqrt(q0)).requires_grad_(True)
        pre = []
        for w, b, act in zip(weights, biases, acts):
            h = x @ w.t()
            if b is not None:
                h = h + b
            h.retain_grad()
            pre.append(h)
            x = act(h)
        pre[-1].backward(torch.randn_like(pre[-1]))
        fwd.append([h.detach().std(unbiased=False).item() for h in pre])
        grad.append([h.grad.std(unbiased=False).item() for h in pre])
    return {"fwd": fwd, "grad": grad}


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    answers = []
    for spec in json.load(sys.stdin):
        try:
            answers.append(run_stack(spec))
        except Exception as e:  # noqa: BLE001 — reported to the test, per stack
            answers.append({"error": type(e).__name__, "message": str(e)})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
