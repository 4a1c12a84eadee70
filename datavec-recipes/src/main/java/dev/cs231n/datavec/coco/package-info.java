/**
 * COCO captions ingestion: a streaming reader of the official captions annotations JSON
 * ({@link dev.cs231n.datavec.coco.CocoCaptions}), the course's caption text handling and vocabulary
 * ({@link dev.cs231n.datavec.coco.CaptionText}, {@link dev.cs231n.datavec.coco.Vocabulary}), image input as
 * decoded pixels ({@link dev.cs231n.datavec.coco.CocoImageLoader}) or precomputed features
 * ({@link dev.cs231n.datavec.coco.FeatureTable}, {@link dev.cs231n.datavec.coco.CourseCaptionsH5}), and the
 * training iterator ({@link dev.cs231n.datavec.coco.CaptionDataSetIterator}). Bad input fails with a
 * {@link dev.cs231n.datavec.coco.CocoFormatException} naming the file and the item, or is skipped and counted
 * in a {@link dev.cs231n.datavec.coco.SkipReport} when the caller asks for that.
 */
package dev.cs231n.datavec.coco;
