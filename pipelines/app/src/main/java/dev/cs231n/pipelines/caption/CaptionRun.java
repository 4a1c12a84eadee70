package dev.cs231n.pipelines.caption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.cs231n.datavec.coco.CaptionDataSetIterator;
import dev.cs231n.datavec.coco.CaptionExample;
import dev.cs231n.datavec.coco.CaptionText;
import dev.cs231n.datavec.coco.CocoCaption;
import dev.cs231n.datavec.coco.CocoCaptions;
import dev.cs231n.datavec.coco.CocoDir;
import dev.cs231n.datavec.coco.FeatureTable;
import dev.cs231n.datavec.coco.ImageCaptions;
import dev.cs231n.datavec.coco.ModelZipVocabulary;
import dev.cs231n.datavec.coco.Vocabulary;
import dev.cs231n.pipelines.io.AtomicFiles;
import dev.cs231n.pipelines.io.Metrics;
import dev.cs231n.pipelines.train.TrainState;
import dev.cs231n.pipelines.train.EpochEvaluator;
import dev.cs231n.pipelines.train.Trainer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * What {@code caption-rnn} and {@code caption-transformer} share: on the small real-data setup
 * ({@link CocoDir#miniSplits()}: train on 80 train2017 + 79 val2017 images, evaluate on the other 80 val2017 images
 * with all their references), with the course's vocabulary and captions of 17 tokens:
 * <ol>
 * <li>image features from a frozen {@link ImageEncoder}, computed once and cached in {@code OUT/features.h5};</li>
 * <li>the course's overfitting check: the first {@code overfitPairs} training (image, caption) pairs, a fresh model,
 * {@code overfitEpochs} epochs; the last minibatch's loss ({@code overfit_final_loss}, the course's
 * {@code loss_history[-1]}) and how many greedy samples reproduce their training caption;</li>
 * <li>training on all training pairs on the {@link Trainer} (checkpoint every epoch, {@code --resume}, the best
 * epoch kept as {@code model.zip} with the vocabulary inside; greedy BLEU-4 of the evaluation images is monitored
 * after every epoch but selects nothing, since the final BLEU is measured on the same images);</li>
 * <li>greedy and beam-search BLEU-1..4 of the evaluation images against all their references, and the baseline
 * that always emits the most frequent training caption; {@code metrics.json}, {@code samples.json} and
 * {@code captions.html} ({@link CaptionPage}).</li>
 * </ol>
 */
public final class CaptionRun {

    /** Tokens per encoded caption: {@code <START>}, at most 15 words, {@code <END>}, padding (the course's 17). */
    public static final int TOKENS = 17;
    /** Greedy BLEU-4 of the evaluation images after every epoch (monitored, not used for selection). */
    public static final String MONITOR_METRIC = "eval_bleu4_greedy";
    /** Metric the trainer selects on: the epoch count, so that model.zip is the last epoch. */
    public static final String SELECT_METRIC = "epoch_count";

    /** The model being trained: its configuration for a feature size and vocabulary size, and an updater. */
    public interface Model {
        /**
         * @param featureDim F
         * @param vocabSize  V
         * @param updater    the updater
         * @return the configuration
         */
        ComputationGraphConfiguration configuration(int featureDim, int vocabSize, IUpdater updater);

        /**
         * Re-initialises a freshly initialised graph (the course's initialisation); the default keeps DL4J's.
         *
         * @param g    the graph, after {@code init()}
         * @param seed the seed
         */
        default void initialize(ComputationGraph g, long seed) {
        }
    }

    /**
     * The run's settings.
     *
     * @param job           the job's name
     * @param cocoDir       the COCO folder
     * @param out           the output folder
     * @param encoder       the frozen image encoder
     * @param model         the model
     * @param overfitPairs  pairs of the overfitting check (0 to skip it)
     * @param overfitEpochs epochs of the overfitting check
     * @param epochs        epochs of the main training
     * @param batch         minibatch size
     * @param updater       the updater for an epoch count (learning rate schedule per epoch)
     * @param beamWidth     beam width of the beam-search evaluation
     * @param maxLength     most tokens sampled per caption
     * @param resume        continue from the checkpoint
     * @param seed          the seed
     * @param settings      job options recorded in the checkpoint
     */
    public record Settings(String job, CocoDir cocoDir, Path out, ImageEncoder encoder, Model model,
                           int overfitPairs, int overfitEpochs, int epochs, int batch,
                           Function<Integer, IUpdater> updater, int beamWidth, int maxLength, boolean resume,
                           long seed, Map<String, Object> settings) {
    }

    /**
     * What the main training must do, whoever runs it: {@code epochs} epochs over the iterator (checkpoint every
     * epoch in {@code out}, {@code resume}, the {@code settings} recorded), the {@code evaluator} after each epoch,
     * the network with the highest {@code selectOn} kept as model.zip by {@code writer}.
     *
     * @param epochs        total epochs
     * @param out           output folder
     * @param resume        continue from the checkpoint
     * @param settings      the settings a resume must match
     * @param evaluator     what to measure after each epoch
     * @param selectOn      the metric that picks model.zip (higher is better)
     * @param batchSize     examples per minibatch
     * @param stepsPerEpoch minibatches per epoch
     * @param writer        how model.zip is written
     */
    public record Spec(int epochs, Path out, boolean resume, Map<String, Object> settings,
                       EpochEvaluator<org.deeplearning4j.nn.api.Model> evaluator, String selectOn, int batchSize,
                       long stepsPerEpoch, Trainer.ModelWriter writer) {
    }

    /** Who runs the main training: {@link #TRAINER} in this JVM, or e.g. a Spark training master. */
    @FunctionalInterface
    public interface Training {
        /**
         * @param net   the freshly initialised graph
         * @param train the training minibatches ({@link CaptionDataSetIterator#reset()} starts the next epoch's
         *              shuffle)
         * @param spec  what the training must do
         * @return the kept network and the history
         * @throws IOException when a checkpoint cannot be written or read
         */
        Trainer.Result<ComputationGraph> fit(ComputationGraph net, CaptionDataSetIterator train, Spec spec)
                throws IOException;
    }

    /** The training of the caption jobs: the {@link Trainer} in this JVM. */
    public static final Training TRAINER = (net, train, spec) -> Trainer.builder().epochs(spec.epochs())
            .out(spec.out()).resume(spec.resume()).settings(spec.settings()).evaluator(spec.evaluator())
            .selectOn(spec.selectOn(), true).stepsPerEpoch(spec.stepsPerEpoch()).modelWriter(spec.writer())
            .build().fit(net, train);

    private final Settings s;
    private final Training training;

    /** @param settings the run's settings */
    public CaptionRun(Settings settings) {
        this(settings, TRAINER);
    }

    /**
     * @param settings the run's settings
     * @param training who runs the main training
     */
    public CaptionRun(Settings settings, Training training) {
        this.s = settings;
        this.training = java.util.Objects.requireNonNull(training, "training");
    }

    /**
     * Runs everything and writes the outputs.
     *
     * @return the metrics written
     * @throws IOException when data cannot be read or outputs written
     */
    public Metrics run() throws IOException {
        Path out = s.out();
        CocoDir.MiniSplits splits = s.cocoDir().miniSplits();
        Vocabulary vocab = Vocabulary.load(s.cocoDir().courseVocabulary());
        List<CocoCaptions> parts = List.of(splits.train(), splits.trainVal(), splits.eval());
        FeatureTable features = features(parts, out.resolve("features.h5"));
        List<CaptionExample> train = new ArrayList<>();
        for (CocoCaptions c : splits.training()) {
            train.addAll(CaptionExample.of(c, vocab, TOKENS));
        }
        Metrics m = new Metrics();
        m.put("encoder", s.encoder().describe());
        m.put("feature_dim", features.dimension());
        m.put("train_pairs", train.size());
        int v = vocab.size();

        if (s.overfitPairs() > 0) {
            overfit(overfitPairs(train, s.overfitPairs()), features, vocab, m);
        }

        ComputationGraph net = new ComputationGraph(s.model().configuration(features.dimension(), v,
                s.updater().apply(s.epochs())));
        net.init();
        s.model().initialize(net, s.seed());
        List<ImageCaptions> eval = splits.eval().byImage();
        INDArray evalFeatures = rows(features, eval.stream().map(ic -> ic.image().id()).toList());
        List<List<List<String>>> refs = new ArrayList<>();
        for (ImageCaptions ic : eval) {
            List<List<String>> r = new ArrayList<>();
            for (CocoCaption c : ic.captions()) {
                r.add(CaptionText.words(c.text()));
            }
            refs.add(r);
        }
        System.out.printf("%s: %d training pairs, %d evaluation images, %s (%d features), %d parameters%n", s.job(),
                train.size(), eval.size(), s.encoder().describe(), features.dimension(), net.numParams());
        Map<String, Object> settings = new LinkedHashMap<>(s.settings());
        settings.put("batch-size", s.batch());
        settings.put("seed", s.seed());
        settings.put("encoder", s.encoder().describe());
        CaptionDataSetIterator it = new CaptionDataSetIterator(train, features, s.batch(), s.seed(),
                CaptionDataSetIterator.Targets.ONE_HOT, v, false);
        // eval BLEU-4 is only monitored: the reported BLEU is on the same images, so model.zip is the last epoch, not
        // the epoch with the best evaluation BLEU
        EpochEvaluator<org.deeplearning4j.nn.api.Model> evaluator = g -> {
            Map<String, Double> e = new LinkedHashMap<>();
            e.put(MONITOR_METRIC, Bleu.corpus(words(new CaptionSampler((ComputationGraph) g, 1, 2,
                    s.maxLength()).greedy(evalFeatures), vocab), refs).bleu(4));
            e.put(SELECT_METRIC, (double) ((ComputationGraph) g).getConfiguration().getEpochCount());
            return e;
        };
        Trainer.ModelWriter writer = (g, file) -> {
            ModelSerializer.writeModel(g, file.toFile(), false);
            ModelZipVocabulary.save(file.toFile(), vocab);
        };
        Trainer.Result<ComputationGraph> r = training.fit(net, it, new Spec(s.epochs(), out, s.resume(), settings,
                evaluator, SELECT_METRIC, s.batch(), (train.size() + s.batch() - 1) / s.batch(), writer));
        TrainState st = r.state();
        ComputationGraph best = r.best();
        CaptionSampler sampler = new CaptionSampler(best, 1, 2, s.maxLength());
        long t0 = System.nanoTime();
        List<List<String>> greedy = words(sampler.greedy(evalFeatures), vocab);
        double greedySeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        List<List<String>> beam = words(sampler.beam(evalFeatures, s.beamWidth()), vocab);
        double beamSeconds = (System.nanoTime() - t0) / 1e9;
        Bleu.Result bg = Bleu.corpus(greedy, refs);
        Bleu.Result bb = Bleu.corpus(beam, refs);
        List<String> frequent = mostFrequentCaption(splits.training());
        List<List<String>> baseline = new ArrayList<>();
        eval.forEach(ic -> baseline.add(frequent));
        Bleu.Result base = Bleu.corpus(baseline, refs);

        m.put("train_final_loss", st.trainLoss.get(st.trainLoss.size() - 1));
        for (int n = 1; n <= Bleu.MAX_ORDER; n++) {
            m.put("bleu" + n, bg.bleu(n));
        }
        for (int n = 1; n <= Bleu.MAX_ORDER; n++) {
            m.put("beam_bleu" + n, bb.bleu(n));
        }
        m.put("beam_width", s.beamWidth());
        m.put("baseline_bleu4", base.bleu(4));
        m.put("baseline_bleu1", base.bleu(1));
        m.put("baseline_caption", String.join(" ", frequent));
        m.put("baseline_caption_count", captionCount(splits.training(), frequent));
        m.put("epochs", st.epochsDone);
        m.put("best_epoch", st.bestEpoch);
        m.put("train_seconds", st.trainSeconds);
        m.put("greedy_captions_per_second", eval.size() / greedySeconds);
        m.put("beam_captions_per_second", eval.size() / beamSeconds);
        m.write(out);

        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 0; i < eval.size(); i++) {
            ImageCaptions ic = eval.get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("image_id", ic.image().id());
            e.put("file", ic.image().fileName());
            e.put("greedy", String.join(" ", greedy.get(i)));
            e.put("beam", String.join(" ", beam.get(i)));
            e.put("references", ic.captions().stream().map(CocoCaption::text).toList());
            samples.add(e);
        }
        writeJson(out.resolve("samples.json"), samples);
        CaptionPage.write(out, s.job(), splits.eval(), samples, m.values());
        System.out.printf(Locale.ROOT, "%s: train loss %.4f; BLEU-4 greedy %.4f, beam-%d %.4f, baseline %.4f; "
                + "%.0f s training%n", s.job(), st.trainLoss.get(st.trainLoss.size() - 1), bg.bleu(4),
                s.beamWidth(), bb.bleu(4), base.bleu(4), st.trainSeconds);
        return m;
    }

    private void overfit(List<CaptionExample> pairs, FeatureTable features, Vocabulary vocab, Metrics m)
            throws IOException {
        ComputationGraph g = new ComputationGraph(s.model().configuration(features.dimension(), vocab.size(),
                s.updater().apply(s.overfitEpochs())));
        g.init();
        s.model().initialize(g, s.seed());
        CaptionDataSetIterator it = new CaptionDataSetIterator(pairs, features, s.batch(), s.seed(),
                CaptionDataSetIterator.Targets.ONE_HOT, vocab.size(), false);
        CaptionDataSetIterator all = new CaptionDataSetIterator(pairs, features, pairs.size(), null,
                CaptionDataSetIterator.Targets.ONE_HOT, vocab.size(), false);
        MultiDataSet ds = all.next();
        double initial = g.score(ds, false);
        long t0 = System.nanoTime();
        // minibatch by minibatch (DL4J's fit(iterator) sets up an asynchronous prefetch per call, which costs more
        // than these few small steps); DL4J's epoch count advances for the learning-rate schedule
        for (int e = 0; e < s.overfitEpochs(); e++) {
            while (it.hasNext()) {
                g.fit(it.next());
            }
            it.reset();
            g.incrementEpochCount();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double last = g.score();
        double eval = g.score(ds, false);
        List<int[]> greedy = new CaptionSampler(g, 1, 2, s.maxLength()).greedy(ds.getFeatures(0));
        int exact = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (vocab.decodeWords(pairs.get(i).tokens()).equals(vocab.decodeWords(withStart(greedy.get(i))))) {
                exact++;
            }
        }
        m.put("overfit_final_loss", last);
        // the course's transformer solver reports the masked cross-entropy averaged over all N x T positions
        // (transformer_temporal_softmax_loss: torch.mean), its RNN solver the sum over time / N, as this model's score
        double perPosition = last / (TOKENS - 1);
        m.put("overfit_final_loss_position_mean", perPosition);
        m.put("overfit_eval_loss", eval);
        m.put("overfit_initial_loss", initial);
        m.put("overfit_pairs", pairs.size());
        m.put("overfit_greedy_exact", exact);
        m.put("overfit_seconds", seconds);
        System.out.printf(Locale.ROOT, "%s overfit check: %d pairs, %d epochs: final minibatch loss %.4f (sum over "
                + "time / N; %.4f as the mean over the N x %d positions), loss on all %.4f (no dropout), %d/%d greedy "
                + "samples equal their training caption, %.1f s%n", s.job(), pairs.size(), s.overfitEpochs(), last,
                perPosition, TOKENS - 1, eval, exact, pairs.size(), seconds);
    }

    /**
     * The course samples its 50 overfitting pairs at random from 400k captions, so they are practically 50
     * different images; COCO lists about 5 captions per image, so this takes the first caption of each of the first
     * {@code n} images (a model cannot reproduce 5 different captions of one image from its features).
     *
     * @param train the training pairs
     * @param n     pairs wanted
     * @return at most n pairs of distinct images
     */
    static List<CaptionExample> overfitPairs(List<CaptionExample> train, int n) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<CaptionExample> out = new ArrayList<>();
        for (CaptionExample e : train) {
            if (out.size() < n && seen.add(e.imageKey())) {
                out.add(e);
            }
        }
        return out;
    }

    private static int[] withStart(int[] caption) {
        int[] t = new int[caption.length + 2];
        t[0] = 1;
        System.arraycopy(caption, 0, t, 1, caption.length);
        t[t.length - 1] = 2;
        return t;
    }

    private static List<List<String>> words(List<int[]> captions, Vocabulary vocab) {
        List<List<String>> out = new ArrayList<>();
        for (int[] c : captions) {
            out.add(vocab.decodeWords(withStart(c)));
        }
        return out;
    }

    /**
     * @param training the training parts
     * @return the most frequent training caption's words (after the course's cleaning), ties to the first seen
     */
    static List<String> mostFrequentCaption(List<CocoCaptions> training) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (CocoCaptions c : training) {
            for (CocoCaption cap : c.captions()) {
                counts.merge(CaptionText.words(cap.text()), 1, Integer::sum);
            }
        }
        List<String> best = null;
        int bestCount = 0;
        for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    private static long captionCount(List<CocoCaptions> training, List<String> words) {
        long n = 0;
        for (CocoCaptions c : training) {
            for (CocoCaption cap : c.captions()) {
                if (CaptionText.words(cap.text()).equals(words)) {
                    n++;
                }
            }
        }
        return n;
    }

    private FeatureTable features(List<CocoCaptions> parts, Path cache) throws IOException {
        Map<Long, Path> files = new LinkedHashMap<>();
        for (CocoCaptions c : parts) {
            for (ImageCaptions ic : c.byImage()) {
                Path dir = c.imageDir() != null ? c.imageDir() : s.cocoDir().miniValImages();
                files.putIfAbsent(ic.image().id(), dir.resolve(ic.image().fileName()));
            }
        }
        if (Files.isRegularFile(cache)) {
            FeatureTable t = FeatureTable.read(cache);
            boolean complete = t.keyedByImageId();
            for (long id : files.keySet()) {
                try {
                    t.row(id);
                } catch (IOException e) {
                    complete = false;
                }
            }
            if (complete && s.resume()) {
                System.out.printf("%s: image features from %s%n", s.job(), cache);
                return t;
            }
        }
        long t0 = System.nanoTime();
        float[][] rows = new float[files.size()][];
        long[] ids = new long[files.size()];
        int i = 0;
        for (Map.Entry<Long, Path> e : files.entrySet()) {
            ids[i] = e.getKey();
            rows[i] = s.encoder().encode(e.getValue());
            i++;
        }
        standardize(rows, trainingImages(parts), out(cache));
        FeatureTable t = FeatureTable.byImageId(cache, rows, ids);
        t.write(cache);
        System.out.printf(Locale.ROOT, "%s: %d images encoded (%s) in %.1f s, cached in %s%n", s.job(), ids.length,
                s.encoder().describe(), (System.nanoTime() - t0) / 1e9, cache);
        return t;
    }

    private static Path out(Path cache) {
        return cache.toAbsolutePath().getParent();
    }

    /** @return how many of the rows (in the order of {@link #features}) belong to the training parts */
    private static int trainingImages(List<CocoCaptions> parts) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (CocoCaptions c : parts.subList(0, parts.size() - 1)) {
            c.byImage().forEach(ic -> ids.add(ic.image().id()));
        }
        return ids.size();
    }

    /**
     * Standardises every feature to mean 0 and standard deviation 1 over the training images (the first
     * {@code nTrain} rows), in place, as the course's PCA'd fc7 features are centred; a constant feature becomes 0.
     * The means and standard deviations go to {@code OUT/feature-standardization.json}, for applying the model to
     * new images.
     */
    private static void standardize(float[][] rows, int nTrain, Path out) throws IOException {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int i = 0; i < nTrain; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += rows[i][j] / (double) nTrain;
            }
        }
        for (int i = 0; i < nTrain; i++) {
            for (int j = 0; j < d; j++) {
                double x = rows[i][j] - mean[j];
                std[j] += x * x / nTrain;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j]);
        }
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = std[j] > 1e-8 ? (float) ((row[j] - mean[j]) / std[j]) : 0f;
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("description", "features = (encoder output - mean) / std, fitted on the training images; "
                + "std 0 gives 0");
        json.put("training_images", nTrain);
        json.put("mean", mean);
        json.put("std", std);
        writeJson(out.resolve("feature-standardization.json"), json);
    }

    private static INDArray rows(FeatureTable t, List<Long> ids) throws IOException {
        INDArray out = Nd4j.create(DataType.FLOAT, ids.size(), t.dimension());
        for (int i = 0; i < ids.size(); i++) {
            out.putRow(i, t.load(ids.get(i)).reshape(t.dimension()));
        }
        return out;
    }

    static void writeJson(Path file, Object value) throws IOException {
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        AtomicFiles.writeString(file, json + "\n");
    }
}
