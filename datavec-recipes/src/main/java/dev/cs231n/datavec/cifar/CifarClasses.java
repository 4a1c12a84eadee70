package dev.cs231n.datavec.cifar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 class names, index = label byte: {@link #NAMES} (the official ones) or read from a
 * {@code batches.meta.txt} file (one name per line, in label order; blank lines ignored).
 */
public final class CifarClasses {

    /** The official class names, index = label: airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck. */
    public static final List<String> NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private CifarClasses() {
    }

    /**
     * Reads the class names of a {@code batches.meta.txt} file.
     *
     * @param metaFile the file
     * @return exactly {@value CifarFormat#NUM_CLASSES} names, in label order
     * @throws NoSuchFileException  if the file does not exist
     * @throws CifarFormatException if it does not hold exactly 10 names, or a name has spaces
     * @throws IOException          on other read errors
     */
    public static List<String> read(Path metaFile) throws IOException {
        if (!Files.exists(metaFile)) {
            throw new NoSuchFileException(metaFile.toString(), null, "CIFAR-10 class-name file not found");
        }
        List<String> names = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(metaFile, StandardCharsets.UTF_8)) {
            lineNumber++;
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.chars().anyMatch(Character::isWhitespace)) {
                throw new CifarFormatException(metaFile, "line " + lineNumber + ": class name '" + name
                        + "' contains whitespace; expected one name per line");
            }
            names.add(name);
        }
        if (names.size() != CifarFormat.NUM_CLASSES) {
            throw new CifarFormatException(metaFile, "holds " + names.size() + " class names, expected "
                    + CifarFormat.NUM_CLASSES + " (one per line)");
        }
        return List.copyOf(names);
    }

    /**
     * Reads {@code batches.meta.txt} in a batches folder.
     *
     * @param batchesDir a {@code cifar-10-batches-bin} folder
     * @return the 10 class names
     * @throws IOException as {@link #read(Path)}
     */
    public static List<String> readFromDirectory(Path batchesDir) throws IOException {
        return read(batchesDir.resolve(CifarFormat.META_FILE));
    }
}
