/**
 * Reference loss implementations in ND4J. Each loss works in the data type of its inputs
 * (float32 or float64), takes a {@link dev.lossfn.numerics.losses.Reduction}, and comes in its
 * stable form; where a lossfn rule describes a naive form (a sigmoid or softmax before the loss,
 * a log, division, square root or exponential without guard, CTC in probability space), that form
 * is here too, computing exactly what the naive code computes.
 */
package dev.lossfn.numerics.losses;
