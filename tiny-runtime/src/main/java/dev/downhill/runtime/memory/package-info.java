/**
 * Public API (low level): arena planning. {@code ArenaPlanner} sizes every buffer before anything is allocated
 * (ping-pong for a sequential model, or one region per tensor for adaptation); {@code BufferPlan} is the result.
 */
package dev.downhill.runtime.memory;
