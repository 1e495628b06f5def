/**
 * TensorFlow Lite interchange: {@link dev.downhill.trainer.tflite.TfliteImporter} turns an int8
 * .tflite model into a .dhm, {@link dev.downhill.trainer.tflite.TfliteExporter} writes a .dhm back
 * out as a .tflite that TFLite and Netron open.
 *
 * <p>API: {@code TfliteImporter}, {@code TfliteExporter} and the exceptions
 * ({@link dev.downhill.trainer.tflite.TfliteImportException} and its two kinds). Everything else is
 * package-private. Parsing goes through the flatc-generated classes in {@code .schema}, but only
 * after {@code FlatBufferVerifier} has bounds-checked the bytes they will read: whatever the input
 * bytes, the import throws nothing but {@code TfliteImportException}.
 */
package dev.downhill.trainer.tflite;
