/**
 * The {@code downhill} command line (picocli). {@link dev.downhill.trainer.cli.DownhillCommand} lists every
 * subcommand in one place; {@link dev.downhill.trainer.cli.Main} is the jar's entry point and {@code
 * ErrorHandler} the one place that turns exceptions into a one-line message and an exit code ({@link
 * dev.downhill.trainer.cli.ExitCodes}). Command classes are package-private; other modules use the library
 * packages, not the CLI.
 */
package dev.downhill.trainer.cli;
