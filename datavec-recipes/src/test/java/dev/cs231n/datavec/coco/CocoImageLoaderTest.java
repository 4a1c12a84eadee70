package dev.cs231n.datavec.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class CocoImageLoaderTest {

    @TempDir
    Path dir;

    @Test
    void decodesResizesToNchwRgb() throws IOException {
        Path f = CocoTestData.png(dir, "lr.png", new Color(255, 0, 0), new Color(0, 0, 200));
        INDArray x = new CocoImageLoader(4, 6, CocoImageLoader.Scaling.RAW).load(f);
        assertArrayEquals(new long[] {1, 3, 4, 6}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        // left column red (RGB channel 0), right column blue (channel 2): OpenCV's BGR was converted
        assertEquals(255f, x.getFloat(0, 0, 1, 0), 1e-3);
        assertEquals(0f, x.getFloat(0, 2, 1, 0), 1e-3);
        assertEquals(200f, x.getFloat(0, 2, 1, 5), 1e-3);
        assertEquals(0f, x.getFloat(0, 0, 1, 5), 1e-3);

        INDArray unit = new CocoImageLoader(4, 6, CocoImageLoader.Scaling.UNIT).load(f);
        assertEquals(1f, unit.getFloat(0, 0, 1, 0), 1e-6);
        INDArray imagenet = new CocoImageLoader(4, 6, CocoImageLoader.Scaling.IMAGENET).load(f);
        assertEquals((1f - 0.485f) / 0.229f, imagenet.getFloat(0, 0, 1, 0), 1e-5);
        assertEquals((200f / 255f - 0.406f) / 0.225f, imagenet.getFloat(0, 2, 1, 5), 1e-5);
    }

    @Test
    void undecodableImageNamesTheFile() throws IOException {
        Path f = dir.resolve("broken.jpg");
        Files.write(f, "this is not a JPEG".getBytes());
        CocoFormatException e = assertThrows(CocoFormatException.class,
                () -> new CocoImageLoader(4, 4, CocoImageLoader.Scaling.UNIT).load(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("decode"), e.getMessage());

        Path missing = dir.resolve("none.jpg");
        e = assertThrows(CocoFormatException.class,
                () -> new CocoImageLoader(4, 4, CocoImageLoader.Scaling.UNIT).load(missing));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
