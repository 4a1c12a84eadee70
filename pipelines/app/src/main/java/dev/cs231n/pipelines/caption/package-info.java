/**
 * Image captioning on COCO: BLEU as the COCO caption evaluation computes it ({@link dev.cs231n.pipelines.caption.Bleu}),
 * greedy and beam decoding ({@link dev.cs231n.pipelines.caption.CaptionSampler}), frozen image encoders
 * ({@link dev.cs231n.pipelines.caption.ImageEncoder}), the shared run ({@link dev.cs231n.pipelines.caption.CaptionRun})
 * with its output page ({@link dev.cs231n.pipelines.caption.CaptionPage}), and the jobs {@code caption-rnn}
 * ({@link dev.cs231n.pipelines.caption.CaptionRnnJob}) and {@code caption-transformer}
 * ({@link dev.cs231n.pipelines.caption.CaptionTransformerJob}).
 */
package dev.cs231n.pipelines.caption;
