/**
 * Public API (low level): the gemmlowp/TFLM integer primitives — SRDHM, RDBPOT, MBQM (default double rounding),
 * saturating shifts — and the fixed-point exp and reciprocal used by int8 softmax. Pure static functions.
 */
package dev.downhill.runtime.fixedpoint;
