package dev.cs231n.pipelines.caption;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.cs231n.datavec.coco.CocoCaptions;
import dev.cs231n.datavec.coco.CocoImage;
import dev.cs231n.pipelines.io.AtomicFiles;

/**
 * The captioning jobs' output page {@code OUT/captions.html}: every evaluation image (a copy at most 320 pixels
 * wide in {@code OUT/images/}, so that the page works when the folder is moved) beside its greedy and beam captions
 * and its reference captions, under the run's BLEU scores.
 */
public final class CaptionPage {

    /** The page's file name. */
    public static final String FILE = "captions.html";
    private static final int THUMB = 320;

    private CaptionPage() {
    }

    /**
     * @param out     the output folder
     * @param job     the job's name (the title)
     * @param eval    the evaluation images (for their files)
     * @param samples one entry per image: {@code image_id}, {@code file}, {@code greedy}, {@code beam},
     *                {@code references}
     * @param metrics the run's metrics (bleu1..4, beam_bleu4, baseline_bleu4 shown when present)
     * @return the page
     * @throws IOException when an image cannot be read or the page written
     */
    public static Path write(Path out, String job, CocoCaptions eval, List<Map<String, Object>> samples,
            Map<String, Object> metrics) throws IOException {
        Path images = out.resolve("images");
        Files.createDirectories(images);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(job))
                .append(" captions</title>\n<style>body{font-family:sans-serif;margin:1em}"
                        + ".item{display:flex;gap:1em;margin:0 0 1em 0;border-bottom:1px solid #ccc;padding-bottom:1em}"
                        + "img{max-width:320px;height:auto}.gen{font-weight:bold}.ref{color:#444}</style></head>\n"
                        + "<body>\n<h1>").append(esc(job)).append(": generated and reference captions</h1>\n<p>");
        for (String k : List.of("bleu1", "bleu2", "bleu3", "bleu4", "beam_bleu4", "baseline_bleu4")) {
            Object v = metrics.get(k);
            if (v instanceof Number n) {
                h.append(esc(k)).append(' ').append(String.format(Locale.ROOT, "%.4f", n.doubleValue())).append("; ");
            }
        }
        h.append("</p>\n");
        for (Map<String, Object> s : samples) {
            long id = ((Number) s.get("image_id")).longValue();
            CocoImage im = eval.images().get(id);
            if (im == null) {
                throw new IllegalArgumentException("captions page: image id " + id + " is not in " + eval.file());
            }
            String thumb = "images/" + id + ".jpg";
            thumbnail(eval.imagePath(im), out.resolve(thumb));
            h.append("<div class=\"item\"><img src=\"").append(thumb).append("\" alt=\"COCO image ").append(id)
                    .append("\"><div><p class=\"gen\">greedy: ").append(esc(String.valueOf(s.get("greedy"))))
                    .append("</p><p class=\"gen\">beam: ").append(esc(String.valueOf(s.get("beam"))))
                    .append("</p><ul>");
            for (Object r : (List<?>) s.get("references")) {
                h.append("<li class=\"ref\">").append(esc(String.valueOf(r))).append("</li>");
            }
            h.append("</ul><p><small>").append(esc(im.fileName())).append("</small></p></div></div>\n");
        }
        h.append("</body></html>\n");
        Path page = out.resolve(FILE);
        AtomicFiles.writeString(page, h.toString());
        return page;
    }

    private static void thumbnail(Path source, Path target) throws IOException {
        BufferedImage src = ImageIO.read(source.toFile());
        if (src == null) {
            throw new IOException(source + ": not an image ImageIO can read");
        }
        int w = Math.min(THUMB, src.getWidth());
        int hgt = Math.max(1, (int) Math.round(src.getHeight() * (double) w / src.getWidth()));
        BufferedImage dst = new BufferedImage(w, hgt, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, hgt, null);
        g.dispose();
        AtomicFiles.write(target, os -> ImageIO.write(dst, "jpg", os));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
