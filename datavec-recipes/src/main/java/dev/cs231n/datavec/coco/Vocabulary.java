package dev.cs231n.datavec.coco;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The captioning vocabulary: token ids {@code 0..size()-1}, the course's four special tokens first
 * ({@value #NULL} = 0, {@value #START} = 1, {@value #END} = 2, {@value #UNK} = 3), then words.
 *
 * <p>Built from training captions with a minimum count ({@link #build(Iterable, int)}), or read from the course's
 * {@code coco2014_vocab.json} ({@link #load(Path)}, which also reads what {@link #save(Path)} writes: the course's
 * own format, {@code {"idx_to_word": [...], "word_to_idx": {...}}}, so the course's Python reads it too).
 * {@link #encode(String, int)} and {@link #decode(int[])} are the course's text handling ({@link CaptionText}).
 * Immutable.
 */
public final class Vocabulary {

    /** Padding, id 0: target positions holding it are masked out of the loss. */
    public static final String NULL = "<NULL>";
    /** Start of a caption, id 1. */
    public static final String START = "<START>";
    /** End of a caption, id 2. */
    public static final String END = "<END>";
    /** A word outside the vocabulary, id 3. */
    public static final String UNK = "<UNK>";
    /** The special tokens, in id order. */
    public static final List<String> SPECIALS = List.of(NULL, START, END, UNK);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> idxToWord;
    private final Map<String, Integer> wordToIdx;

    private Vocabulary(List<String> idxToWord) {
        this.idxToWord = List.copyOf(idxToWord);
        Map<String, Integer> map = new HashMap<>(idxToWord.size() * 2);
        for (int i = 0; i < idxToWord.size(); i++) {
            if (map.put(idxToWord.get(i), i) != null) {
                throw new IllegalArgumentException("token '" + idxToWord.get(i) + "' appears twice (ids "
                        + idxToWord.indexOf(idxToWord.get(i)) + " and " + i + ")");
            }
        }
        for (int i = 0; i < SPECIALS.size(); i++) {
            if (idxToWord.size() <= i || !SPECIALS.get(i).equals(idxToWord.get(i))) {
                throw new IllegalArgumentException("token id " + i + " must be " + SPECIALS.get(i) + ", got "
                        + (idxToWord.size() <= i ? "nothing" : "'" + idxToWord.get(i) + "'"));
            }
        }
        this.wordToIdx = Collections.unmodifiableMap(map);
    }

    /**
     * A vocabulary of the given words after the four special tokens.
     *
     * @param words distinct words, none of them a special token
     * @return the vocabulary
     * @throws IllegalArgumentException on a repeated word or a special token among them
     */
    public static Vocabulary of(List<String> words) {
        List<String> all = new ArrayList<>(SPECIALS);
        all.addAll(words);
        return new Vocabulary(all);
    }

    /**
     * Builds the vocabulary of training captions: every word ({@link CaptionText#words(String)}) seen at least
     * {@code minCount} times, most frequent first, ties in alphabetical order (so the result depends only on the
     * captions, not on their order).
     *
     * @param captions raw training captions
     * @param minCount the minimum count, at least 1 (rarer words encode as {@value #UNK})
     * @return the vocabulary
     */
    public static Vocabulary build(Iterable<String> captions, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String c : captions) {
            for (String w : CaptionText.words(c)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount && !SPECIALS.contains(e.getKey())) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> words = new ArrayList<>(kept.size());
        for (Map.Entry<String, Integer> e : kept) {
            words.add(e.getKey());
        }
        return of(words);
    }

    /** @return the number of tokens, specials included */
    public int size() {
        return idxToWord.size();
    }

    /** @return the tokens in id order ({@code idx_to_word}) */
    public List<String> idxToWord() {
        return idxToWord;
    }

    /**
     * @param id a token id
     * @return its token
     */
    public String word(int id) {
        if (id < 0 || id >= idxToWord.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.." + (size() - 1) + ")");
        }
        return idxToWord.get(id);
    }

    /**
     * @param word a token
     * @return its id, or the id of {@value #UNK} when the vocabulary does not hold it
     */
    public int id(String word) {
        Integer id = wordToIdx.get(word);
        return id == null ? 3 : id;
    }

    /**
     * @param word a token
     * @return whether the vocabulary holds it
     */
    public boolean contains(String word) {
        return wordToIdx.containsKey(word);
    }

    /**
     * Encodes a raw caption as the course does: {@code <START>}, its words ({@link CaptionText#words(String)}; at
     * most {@code maxTokens - 2}, the rest dropped), {@code <END>}, then {@code <NULL>} up to {@code maxTokens}.
     *
     * @param caption   a raw caption
     * @param maxTokens the sequence length, at least 2 ({@value CaptionText#COURSE_MAX_TOKENS} in the course)
     * @return {@code maxTokens} token ids
     */
    public int[] encode(String caption, int maxTokens) {
        return encodeWords(CaptionText.words(caption), maxTokens);
    }

    /**
     * As {@link #encode(String, int)}, for words already cleaned.
     *
     * @param words     cleaned words
     * @param maxTokens the sequence length, at least 2
     * @return {@code maxTokens} token ids
     */
    public int[] encodeWords(List<String> words, int maxTokens) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be at least 2 (<START> and <END>), got " + maxTokens);
        }
        int[] out = new int[maxTokens];
        out[0] = 1;
        int n = Math.min(words.size(), maxTokens - 2);
        for (int i = 0; i < n; i++) {
            out[i + 1] = id(words.get(i));
        }
        out[n + 1] = 2;
        return out;
    }

    /**
     * Decodes as the course's {@code decode_captions}: tokens joined by spaces, {@code <NULL>} left out, stopping
     * after the first {@code <END>} (which, like {@code <START>}, is kept).
     *
     * @param ids token ids
     * @return e.g. {@code "<START> a dog on a bench <END>"}
     */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String w = word(id);
            if (!NULL.equals(w)) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(w);
            }
            if (END.equals(w)) {
                break;
            }
        }
        return sb.toString();
    }

    /**
     * The words of a token sequence: those after {@code <START>} up to the first {@code <END>}, with
     * {@code <NULL>} left out ({@code <UNK>} stays); what BLEU scores.
     *
     * @param ids token ids
     * @return the words
     */
    public List<String> decodeWords(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            String w = word(id);
            if (END.equals(w)) {
                break;
            }
            if (!NULL.equals(w) && !START.equals(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * @return the course's JSON: {@code {"idx_to_word": [...], "word_to_idx": {...}}}
     */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("idx_to_word");
        idxToWord.forEach(arr::add);
        ObjectNode map = root.putObject("word_to_idx");
        for (int i = 0; i < idxToWord.size(); i++) {
            map.put(idxToWord.get(i), i);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the vocabulary", e);
        }
    }

    /**
     * Reads the course's JSON format, checking that {@code idx_to_word} and {@code word_to_idx} agree.
     *
     * @param json   the text
     * @param source where it came from, for messages (a file name or a model.zip entry)
     * @return the vocabulary
     * @throws CocoFormatException naming the source and the entry at fault
     */
    public static Vocabulary fromJson(String json, Path source) throws CocoFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            long col = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw new CocoFormatException(source, null, line, col, "malformed vocabulary JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CocoFormatException(source, null, "a vocabulary file holds a JSON object");
        }
        JsonNode arr = root.get("idx_to_word");
        if (arr == null || !arr.isArray()) {
            throw new CocoFormatException(source, "idx_to_word", "missing, or not an array of strings");
        }
        List<String> words = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            if (!arr.get(i).isTextual()) {
                throw new CocoFormatException(source, "idx_to_word[" + i + "]", "not a string: " + arr.get(i));
            }
            words.add(arr.get(i).asText());
        }
        Vocabulary vocab;
        try {
            vocab = new Vocabulary(words);
        } catch (IllegalArgumentException e) {
            throw new CocoFormatException(source, "idx_to_word", e.getMessage());
        }
        JsonNode map = root.get("word_to_idx");
        if (map != null) {
            if (!map.isObject()) {
                throw new CocoFormatException(source, "word_to_idx", "not an object");
            }
            if (map.size() != words.size()) {
                throw new CocoFormatException(source, "word_to_idx", "holds " + map.size()
                        + " words but idx_to_word holds " + words.size());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Integer id = vocab.wordToIdx.get(e.getKey());
                if (!e.getValue().canConvertToInt() || id == null || id != e.getValue().asInt()) {
                    throw new CocoFormatException(source, "word_to_idx[\"" + e.getKey() + "\"]", "is " + e.getValue()
                            + " but idx_to_word gives " + (id == null ? "no such word" : id));
                }
            }
        }
        return vocab;
    }

    /**
     * Reads a vocabulary file: the course's {@code coco2014_vocab.json}, or one written by {@link #save(Path)}.
     *
     * @param file the file
     * @return the vocabulary
     * @throws NoSuchFileException if it does not exist
     * @throws CocoFormatException if it is malformed (the message names the file and the entry)
     * @throws IOException         on read errors
     */
    public static Vocabulary load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "vocabulary file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
        }
    }

    /**
     * Writes the vocabulary in the course's JSON format, through a temporary file and an atomic move.
     *
     * @param file the target
     * @throws IOException on write errors
     */
    public void save(Path file) throws IOException {
        byte[] bytes = toJson().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.idxToWord.equals(idxToWord);
    }

    @Override
    public int hashCode() {
        return idxToWord.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[" + size() + " tokens]";
    }
}
