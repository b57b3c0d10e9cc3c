"""Would int8 MiniLM keep today's vectors? Dynamic quantisation variants: cosine to the stored reference, CPU per pass.

Builds the float32 model as the embedder does, quantises it with ONNX Runtime's `quantize_dynamic` in a few
ways, and compares each variant's vectors with the stored reference vectors of the float32 model
(`tests/unit/embeddings/data/minilm_numpy_reference.json`: resume statements, ad lines, whole documents). A
variant could replace the float32 model only if its lowest cosine stays >= 0.999 (else stored vectors would
need re-embedding and the score a refit). Not part of `make bench`: it answers one question.

    .venv/bin/python bench/embeddings_int8.py
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer

from jobfit.embeddings.minilm import build_model, model_dir

REFERENCE = Path(__file__).resolve().parents[1] / "tests" / "unit" / "embeddings" / "data" / \
    "minilm_numpy_reference.json"
LAYERS = range(6)
VARIANTS = {
    "int8, per tensor": {},
    "uint8, per tensor": {"weight_type": QuantType.QUInt8},
    "int8, per channel": {"per_channel": True},
    "int8, per channel, FFN down projections kept float": {
        "per_channel": True, "nodes_to_exclude": [f"l{i}_down_mm" for i in LAYERS]},
    "int8, per channel, only FFN up projections": {
        "per_channel": True, "op_types_to_quantize": ["MatMul"],
        "nodes_to_exclude": [f"l{i}_{name}" for i in LAYERS for name in ("down_mm", "projected")]},
}


def main() -> None:
    reference = json.loads(REFERENCE.read_text())
    expected = np.asarray(reference["vectors"], dtype=np.float32)
    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(256)
    ids = [tokenizer.encode(text).ids for text in reference["texts"]]
    longest = max(ids, key=len)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3

    def run(session: ort.InferenceSession, row: list[int]) -> np.ndarray:
        x = np.asarray([row], dtype=np.int64)
        vector = session.run(None, {"input_ids": x, "attention_mask": np.ones_like(x)})[0][0]
        return vector / np.linalg.norm(vector)

    with tempfile.TemporaryDirectory(prefix="jobfit-int8-") as tmp:
        source = Path(tmp) / "float32.onnx"
        source.write_bytes(build_model(model_dir()))
        paths = {"float32 (shipped)": source}
        for name, kwargs in VARIANTS.items():
            paths[name] = Path(tmp) / f"{len(paths)}.onnx"
            quantize_dynamic(source, paths[name], weight_type=kwargs.pop("weight_type", QuantType.QInt8),
                             extra_options={"DefaultTensorType": 1}, **kwargs)  # type: ignore[arg-type]
        sessions = {name: ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
                    for name, path in paths.items()}
        cpu: dict[str, dict[int, list[float]]] = {name: {32: [], 256: []} for name in sessions}
        for _ in range(10):  # interleaved, so a busy moment hits every variant alike
            for name, session in sessions.items():
                for pieces in (32, 256):
                    started = time.process_time()
                    run(session, longest[:pieces])
                    cpu[name][pieces].append(time.process_time() - started)
        print("| variant | size | min / mean cosine to float32 | CPU per pass, 32 / 256 pieces |")
        print("|---|---:|---:|---:|")
        for name, session in sessions.items():
            ours = (np.asarray([run(session, row) for row in ids]) * expected).sum(1)
            short, long = (statistics.median(cpu[name][n]) * 1000 for n in (32, 256))
            print(f"| {name} | {paths[name].stat().st_size / 1e6:.0f} MB | {ours.min():.4f} / {ours.mean():.4f} | "
                  f"{short:.1f} / {long:.1f} ms |")


if __name__ == "__main__":
    main()
