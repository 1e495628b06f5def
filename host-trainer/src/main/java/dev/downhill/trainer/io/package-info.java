/** File output helpers: {@link dev.downhill.trainer.io.AtomicFileWriter} (temp file + rename, never half a file). */
package dev.downhill.trainer.io;
