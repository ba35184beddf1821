/** The {@code lossfn:check} goal: lints a Maven project's sources with the same engine as the CLI. */
package dev.lossfn.maven;
