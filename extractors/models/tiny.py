"""Tiny randomly initialised models of every architecture paperlake runs, built offline from configs.

Each builder saves a model and its processor to a folder that `ModelOptions(folder)` loads like a real
checkpoint, so tests, benchmarks and GPU smoke runs exercise the real loading, batching, generation and
post-processing code without weights from a hub. Their answers are noise: never use them for results.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

TABLE_WORDS = ("TITLE", "|", "<0x0A>", "x", "y", "a", "b", "0", "1", "2", "3.5", "10", "-4")
VLM_WORDS = ("<image>", "USER:", "ASSISTANT:", "chart", "image", "diagram", "a", "line", "plot", "of", "the",
             "data", "photo", "Is", "this", "figure", "?")
DETECTION_LABELS = ("table", "table rotated")
STRUCTURE_LABELS = ("table", "table column", "table row", "table column header", "table projected row header",
                    "table spanning cell")


def word_tokenizer(words: tuple[str, ...], **special: str) -> Any:
    """A word-level fast tokenizer over a fixed vocabulary (plus <pad>, </s>, <unk>), built with `tokenizers`."""
    import transformers
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    vocab = {w: i for i, w in enumerate(["<pad>", "</s>", "<unk>", *words])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok.decoder = decoders.WordPiece(prefix="##")  # joins words with spaces
    return transformers.PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="</s>",
                                                unk_token="<unk>", extra_special_tokens=special)


def table_transformer(folder: Path, labels: tuple[str, ...] = DETECTION_LABELS, num_queries: int = 15,
                      size: tuple[int, int] = (200, 300), seed: int = 0) -> Path:
    """A Table Transformer (detection or, with STRUCTURE_LABELS, structure) with a native ResNet backbone."""
    import torch
    import transformers

    config = transformers.TableTransformerConfig(
        backbone_config=transformers.ResNetConfig(embedding_size=8, hidden_sizes=[8, 16, 32, 64], depths=[1, 1, 1, 1],
                                                  layer_type="basic", out_features=["stage4"]),
        d_model=32, encoder_layers=1, decoder_layers=1, encoder_ffn_dim=64, decoder_ffn_dim=64,
        encoder_attention_heads=2, decoder_attention_heads=2, num_queries=num_queries,
        id2label=dict(enumerate(labels)), label2id={name: i for i, name in enumerate(labels)})
    torch.manual_seed(seed)
    transformers.TableTransformerForObjectDetection(config).save_pretrained(folder)
    transformers.DetrImageProcessor(size={"shortest_edge": size[0], "longest_edge": size[1]}).save_pretrained(folder)
    return folder


def pix2struct(folder: Path, max_patches: int = 64, seed: int = 0) -> Path:
    """A DePlot-shaped Pix2Struct (VQA: the prompt is drawn above the chart) with a table-word vocabulary."""
    import torch
    import transformers

    tokenizer = word_tokenizer(TABLE_WORDS)
    config = transformers.Pix2StructConfig(
        text_config={"vocab_size": len(tokenizer), "hidden_size": 32, "d_kv": 16, "d_ff": 64, "num_layers": 1,
                     "num_heads": 2},
        vision_config={"hidden_size": 32, "patch_embed_hidden_size": 768, "d_kv": 16, "d_ff": 64,
                       "num_hidden_layers": 1, "num_attention_heads": 2},
        is_vqa=True)
    torch.manual_seed(seed)
    transformers.Pix2StructForConditionalGeneration(config).save_pretrained(folder)
    image_processor = transformers.Pix2StructImageProcessor(is_vqa=True, max_patches=max_patches)
    transformers.Pix2StructProcessor(image_processor=image_processor, tokenizer=tokenizer).save_pretrained(folder)
    return folder


CHAT_TEMPLATE = ("{% for m in messages %}{{ m['role'].upper() }}: {% for c in m['content'] %}"
                 "{% if c['type'] == 'image' %}<image> {% else %}{{ c['text'] }} {% endif %}{% endfor %}{% endfor %}"
                 "{% if add_generation_prompt %}ASSISTANT:{% endif %}")


def llava(folder: Path, seed: int = 0) -> Path:
    """A LLaVA (CLIP vision tower + Llama decoder) with a chat template and an `<image>` placeholder token."""
    import torch
    import transformers

    tokenizer = word_tokenizer(VLM_WORDS, image_token="<image>")  # special: split even when repeated
    vision = transformers.CLIPVisionConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                                           num_attention_heads=2, image_size=32, patch_size=8, projection_dim=32)
    text = transformers.LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64,
                                    num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2,
                                    max_position_embeddings=256, pad_token_id=0, eos_token_id=1, bos_token_id=1)
    config = transformers.LlavaConfig(vision_config=vision, text_config=text,
                                      image_token_index=tokenizer.convert_tokens_to_ids("<image>"),
                                      vision_feature_select_strategy="default", vision_feature_layer=-1,
                                      pad_token_id=0)
    torch.manual_seed(seed)
    transformers.LlavaForConditionalGeneration(config).save_pretrained(folder)
    image_processor = transformers.CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    transformers.LlavaProcessor(image_processor=image_processor, tokenizer=tokenizer, patch_size=8,
                                vision_feature_select_strategy="default", chat_template=CHAT_TEMPLATE,
                                num_additional_image_tokens=1).save_pretrained(folder)
    return folder
