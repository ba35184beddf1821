/**
 * The demonstrations run by {@code lossfn demo}: one class per rule code whose failure is
 * numerical, each computing the naive form, what the frameworks do about it and the stable form
 * on the inputs that trigger the failure. {@link dev.lossfn.numerics.demo.Catalog} is the table of
 * which codes are numerical.
 */
package dev.lossfn.numerics.demo;
