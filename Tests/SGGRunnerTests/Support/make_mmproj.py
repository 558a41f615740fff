# Writes a random-weight LLaVA "mlp" projector so llama-server accepts images
# (/work/shared/spec/local-llm.md, appendix). usage: python make_mmproj.py OUT.gguf N_EMBD
# (576 for SmolLM2-135M); needs: pip install gguf numpy
import sys, numpy as np, gguf
out, proj_dim = sys.argv[1], int(sys.argv[2]); rng = np.random.default_rng(0)
E, H, FF, L, IMG, P = 64, 4, 128, 2, 224, 14; npatch = (IMG // P) ** 2
w = gguf.GGUFWriter(out, arch="clip")
w.add_string("general.name", "synthetic-random-mmproj"); w.add_string("clip.projector_type", "mlp")
w.add_bool("clip.has_vision_encoder", True); w.add_bool("clip.has_audio_encoder", False); w.add_bool("clip.use_gelu", True)
for k, v in {"image_size": IMG, "patch_size": P, "embedding_length": E, "feed_forward_length": FF,
             "projection_dim": proj_dim, "block_count": L, "attention.head_count": H}.items():
    w.add_uint32(f"clip.vision.{k}", v)
w.add_float32("clip.vision.attention.layer_norm_epsilon", 1e-5)
w.add_array("clip.vision.image_mean", [0.48145466, 0.4578275, 0.40821073])
w.add_array("clip.vision.image_std", [0.26862954, 0.26130258, 0.27577711])
t = lambda n, *s: w.add_tensor(n, (rng.standard_normal(s) * 0.02).astype(np.float32))
c = lambda n, k, v: w.add_tensor(n, np.full(k, v, dtype=np.float32))
t("v.class_embd", E); t("v.patch_embd.weight", E, 3, P, P); t("v.position_embd.weight", npatch + 1, E)
c("v.pre_ln.weight", E, 1); c("v.pre_ln.bias", E, 0)
for i in range(L):
    p = f"v.blk.{i}."
    for n in ("attn_q", "attn_k", "attn_v", "attn_out"): t(p + n + ".weight", E, E); c(p + n + ".bias", E, 0)
    for n in ("ln1", "ln2"): c(p + n + ".weight", E, 1); c(p + n + ".bias", E, 0)
    t(p + "ffn_up.weight", FF, E); c(p + "ffn_up.bias", FF, 0); t(p + "ffn_down.weight", E, FF); c(p + "ffn_down.bias", E, 0)
t("mm.0.weight", proj_dim, E); c("mm.0.bias", proj_dim, 0); t("mm.2.weight", proj_dim, proj_dim); c("mm.2.bias", proj_dim, 0)
w.write_header_to_file(); w.write_kv_data_to_file(); w.write_tensors_to_file(); w.close()
