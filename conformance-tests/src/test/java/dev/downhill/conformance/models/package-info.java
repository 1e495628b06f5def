/** Seeded random models for the conformance checks that need "a realistic model", not a golden one. */
package dev.downhill.conformance.models;
