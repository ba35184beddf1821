package dev.lossfn.core.analysis;

/**
 * A program point inside a scope: the character offset, and the chain of conditional blocks
 * (if/else branches, loop bodies, try parts) that enclose it, outermost first.
 */
public record Site(int offset, int[] blocks) {

    /** True when every block enclosing {@code this} also encloses {@code other}. */
    boolean dominates(Site other) {
        if (blocks.length > other.blocks.length) {
            return false;
        }
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] != other.blocks[i]) {
                return false;
            }
        }
        return true;
    }
}
