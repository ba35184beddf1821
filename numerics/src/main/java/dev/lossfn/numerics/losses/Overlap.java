package dev.lossfn.numerics.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Segmentation and box-overlap losses: soft Dice, soft IoU (Jaccard), box IoU and GIoU. */
public final class Overlap {
    private Overlap() {}

    /** Box losses add this to union and enclosing area, as torchvision does. */
    public static final double BOX_EPS = 1e-7;

    /**
     * Soft Dice loss per sample of [N, K] probabilities and targets:
     * {@code 1 - (2 sum(p t) + smooth) / (sum p + sum t + smooth)}. With {@code smooth = 0} this is the
     * unguarded division (0/0 on an empty mask with an empty prediction).
     */
    public static INDArray dice(INDArray p, INDArray t, double smooth, Reduction reduction) {
        INDArray inter = p.mul(t).sum(1);
        INDArray denom = p.sum(1).addi(t.sum(1)).addi(smooth);
        return reduction.apply(inter.muli(2.0).addi(smooth).divi(denom).rsubi(1.0));
    }

    /** Soft IoU (Jaccard) loss per sample: {@code 1 - (I + smooth) / (sum p + sum t - I + smooth)}. */
    public static INDArray iou(INDArray p, INDArray t, double smooth, Reduction reduction) {
        INDArray inter = p.mul(t).sum(1);
        INDArray union = p.sum(1).addi(t.sum(1)).subi(inter);
        return reduction.apply(inter.add(smooth).divi(union.addi(smooth)).rsubi(1.0));
    }

    /** {@code 1 - IoU} of [N, 4] boxes (x1, y1, x2, y2). */
    public static INDArray boxIou(INDArray a, INDArray b, Reduction reduction) {
        return reduction.apply(boxTerms(a, b)[0].rsubi(1.0));
    }

    /** Generalized IoU loss {@code 1 - (IoU - (C - U) / C)} of [N, 4] boxes, C the enclosing box area. */
    public static INDArray boxGiou(INDArray a, INDArray b, Reduction reduction) {
        INDArray[] t = boxTerms(a, b);
        INDArray penalty = t[2].sub(t[1]).divi(t[2]);
        return reduction.apply(t[0].sub(penalty).rsubi(1.0));
    }

    /** IoU, union + eps and enclosing area + eps, each of shape [N]. */
    private static INDArray[] boxTerms(INDArray a, INDArray b) {
        INDArray ax1 = a.getColumn(0);
        INDArray ay1 = a.getColumn(1);
        INDArray ax2 = a.getColumn(2);
        INDArray ay2 = a.getColumn(3);
        INDArray bx1 = b.getColumn(0);
        INDArray by1 = b.getColumn(1);
        INDArray bx2 = b.getColumn(2);
        INDArray by2 = b.getColumn(3);
        INDArray iw = Transforms.relu(Transforms.min(ax2, bx2, true).subi(Transforms.max(ax1, bx1, true)), false);
        INDArray ih = Transforms.relu(Transforms.min(ay2, by2, true).subi(Transforms.max(ay1, by1, true)), false);
        INDArray inter = iw.mul(ih);
        INDArray areaA = ax2.sub(ax1).muli(ay2.sub(ay1));
        INDArray areaB = bx2.sub(bx1).muli(by2.sub(by1));
        INDArray union = areaA.addi(areaB).subi(inter).addi(BOX_EPS);
        INDArray cw = Transforms.max(ax2, bx2, true).subi(Transforms.min(ax1, bx1, true));
        INDArray ch = Transforms.max(ay2, by2, true).subi(Transforms.min(ay1, by1, true));
        INDArray enclosing = cw.muli(ch).addi(BOX_EPS);
        return new INDArray[] {inter.div(union), union, enclosing};
    }
}
