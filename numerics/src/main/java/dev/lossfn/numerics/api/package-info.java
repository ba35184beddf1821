/**
 * The plain-Java contract between the numerics module and its callers: the {@link
 * dev.lossfn.numerics.api.Demonstrations} service and the records it returns. No ND4J type appears
 * here.
 */
package dev.lossfn.numerics.api;
