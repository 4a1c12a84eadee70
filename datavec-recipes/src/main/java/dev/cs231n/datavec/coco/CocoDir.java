package dev.cs231n.datavec.coco;

import dev.cs231n.datavec.fetch.DataDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The COCO folder a job reads ({@code --coco-dir}, default {@code $CS231N_DATA/coco}), laid out as the shared
 * datasets' {@code coco/}:
 * <pre>
 * captions_val2017.json                       official COCO 2017 val captions (5,000 images)
 * coco-mini/train2017/*.jpg                   80 train2017 images
 * coco-mini/val2017/*.jpg                     159 val2017 images
 * coco-mini/annotations/captions_train2017.json   captions of the 80 train images
 * coco-mini/annotations/captions_val2017.json     captions of 79 of the val images
 * cs231n_coco_captioning/coco2014_vocab.json  the course's vocabulary
 * </pre>
 * There is no downloader (COCO publishes no checksums): {@link #check()} names each missing file.
 *
 * @param root the folder
 */
public record CocoDir(Path root) {

    /**
     * @param explicit the {@code --coco-dir} argument, or null for {@code <data dir>/coco} (see {@link DataDirs})
     * @return the folder (not checked)
     */
    public static CocoDir resolve(Path explicit) {
        return resolve(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * @param explicit the {@code --coco-dir} argument, or null
     * @param env      environment variables
     * @param home     the user's home
     * @return the folder (not checked)
     */
    public static CocoDir resolve(Path explicit, Map<String, String> env, Path home) {
        return new CocoDir(explicit != null ? explicit.toAbsolutePath().normalize()
                : DataDirs.resolve(null, env, home).resolve("coco"));
    }

    /** @return {@code captions_val2017.json} */
    public Path val2017Captions() {
        return root.resolve("captions_val2017.json");
    }

    /** @return {@code coco-mini/train2017} */
    public Path miniTrainImages() {
        return root.resolve("coco-mini/train2017");
    }

    /** @return {@code coco-mini/val2017} */
    public Path miniValImages() {
        return root.resolve("coco-mini/val2017");
    }

    /** @return {@code coco-mini/annotations/captions_train2017.json} */
    public Path miniTrainCaptions() {
        return root.resolve("coco-mini/annotations/captions_train2017.json");
    }

    /** @return {@code coco-mini/annotations/captions_val2017.json} */
    public Path miniValCaptions() {
        return root.resolve("coco-mini/annotations/captions_val2017.json");
    }

    /** @return {@code cs231n_coco_captioning/coco2014_vocab.json} */
    public Path courseVocabulary() {
        return root.resolve("cs231n_coco_captioning/coco2014_vocab.json");
    }

    /**
     * @return this folder
     * @throws NoSuchFileException naming every missing file or folder of the layout
     */
    public CocoDir check() throws NoSuchFileException {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(val2017Captions(), miniTrainCaptions(), miniValCaptions(), courseVocabulary())) {
            if (!Files.isRegularFile(p)) {
                missing.add(p.toString());
            }
        }
        for (Path p : List.of(miniTrainImages(), miniValImages())) {
            if (!Files.isDirectory(p)) {
                missing.add(p + "/");
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(root.toString(), null, "not a COCO folder: missing " + String.join(", ", missing)
                    + " (get the COCO 2017 captions annotations and images from the COCO site and lay them out as "
                    + "described in the README)");
        }
        return this;
    }

    /**
     * The issue's small real-data setup: training on the mini train images and the mini val images that the mini
     * val captions file covers; evaluation on the other mini val images, each with all its reference captions from
     * the full {@code captions_val2017.json}. Read strictly (a missing or bad item fails).
     *
     * @param train    captions of the mini train2017 images
     * @param trainVal captions of the val2017 images covered by the mini val file
     * @param eval     the other mini val2017 images with their full references
     */
    public record MiniSplits(CocoCaptions train, CocoCaptions trainVal, CocoCaptions eval) {

        /** @return the two training parts */
        public List<CocoCaptions> training() {
            return List.of(train, trainVal);
        }
    }

    /**
     * @return the splits (see {@link MiniSplits})
     * @throws IOException if the layout is incomplete or a file is bad
     */
    public MiniSplits miniSplits() throws IOException {
        check();
        CocoCaptions train = CocoCaptions.read(miniTrainCaptions(), CocoCaptions.Options.strict()
                .withImageDir(miniTrainImages()));
        CocoCaptions trainVal = CocoCaptions.read(miniValCaptions(), CocoCaptions.Options.strict()
                .withImageDir(miniValImages()));
        Set<Long> trainValIds = new HashSet<>();
        trainVal.byImage().forEach(ic -> trainValIds.add(ic.image().id()));
        CocoCaptions eval = CocoCaptions.read(val2017Captions(), CocoCaptions.Options.strict())
                .presentIn(miniValImages())
                .retainImages(im -> !trainValIds.contains(im.id()));
        return new MiniSplits(train, trainVal, eval);
    }
}
