/**
 * File output helpers shared by the commands: {@link dev.downhill.trainer.io.AtomicFileWriter}
 * (temporary file + rename, so no command ever leaves a partial output file behind).
 */
package dev.downhill.trainer.io;
