"""Executes fixture files under real PyTorch and builds every nn.Module they define that takes no
required arguments. Prints, per file, the exceptions and warnings raised, as JSON.

Input (stdin): a JSON list of file paths. The InitLens rules claim PyTorch raises for INIT006 and
INIT007 and warns for INIT005; this is how the tests hold those claims against PyTorch itself."""
import inspect
import json
import sys
import warnings

import torch

torch.manual_seed(0)
out = {}
for path in json.load(sys.stdin):
    report = {"errors": [], "warnings": [], "built": [], "skipped": None}
    source = open(path, encoding="utf-8").read()
    namespace = {"__name__": "fixture"}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            exec(compile(source, path, "exec"), namespace)
    except ImportError as e:
        report["skipped"] = f"{type(e).__name__}: {e}"
        out[path] = report
        continue
    except Exception as e:  # a module-level init call that fails
        report["errors"].append({"where": "<module>", "type": type(e).__name__, "message": str(e)})
        caught = []
    report["warnings"] += [str(w.message) for w in caught]
    for name, cls in list(namespace.items()):
        if not (inspect.isclass(cls) and issubclass(cls, torch.nn.Module) and cls.__module__ == "fixture"):
            continue
        try:
            params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        except (TypeError, ValueError):
            continue
        if any(p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in params):
            continue
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                cls()
            report["built"].append(name)
            report["warnings"] += [str(w.message) for w in caught]
        except Exception as e:
            report["errors"].append({"where": name, "type": type(e).__name__, "message": str(e)})
    out[path] = report
json.dump(out, sys.stdout)
