package dev.lossfn.numerics.demo;

import static dev.lossfn.numerics.api.Numbers.format;
import static dev.lossfn.numerics.demo.Nd.at;
import static dev.lossfn.numerics.demo.Nd.row;
import static dev.lossfn.numerics.demo.Nd.s;

import dev.lossfn.numerics.api.Demonstration;
import dev.lossfn.numerics.api.Row;
import dev.lossfn.numerics.losses.Overlap;
import dev.lossfn.numerics.losses.Reduction;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** LF301: Dice and IoU divide by sums that are 0 on an empty mask with an empty prediction. */
public final class UnguardedDivisionDemo implements Demo {
    static final int BATCH = 4;
    static final int PIXELS = 16;
    static final double SMOOTH = 1.0;

    @Override
    public String code() {
        return "LF301";
    }

    /** A batch whose sample 0 has an empty target and an empty prediction, the others half overlap. */
    static INDArray[] batch() {
        INDArray p = Nd4j.zeros(DataType.FLOAT, BATCH, PIXELS);
        INDArray t = Nd4j.zeros(DataType.FLOAT, BATCH, PIXELS);
        for (int i = 1; i < BATCH; i++) {
            for (int j = 0; j < PIXELS / 2; j++) {
                t.putScalar(i, j, 1.0);
                p.putScalar(i, j + PIXELS / 4, 0.9);
            }
        }
        return new INDArray[] {p, t};
    }

    @Override
    public Demonstration run() {
        INDArray[] b = batch();
        INDArray p = b[0];
        INDArray t = b[1];
        INDArray diceNaive = Overlap.dice(p, t, 0.0, Reduction.NONE);
        INDArray diceStable = Overlap.dice(p, t, SMOOTH, Reduction.NONE);
        INDArray iouNaive = Overlap.iou(p, t, 0.0, Reduction.NONE);
        INDArray iouStable = Overlap.iou(p, t, SMOOTH, Reduction.NONE);
        List<Row> rows = List.of(
                row("dice: 1 - 2 sum(pt) / (sum p + sum t)", "0 / 0", at(diceNaive, 0), at(diceNaive, 1),
                        s(Overlap.dice(p, t, 0.0, Reduction.MEAN))),
                row("iou: 1 - I / (sum p + sum t - I)", "0 / 0", at(iouNaive, 0), at(iouNaive, 1),
                        s(Overlap.iou(p, t, 0.0, Reduction.MEAN))),
                row("dice with smooth = 1 on both sides", "", at(diceStable, 0), at(diceStable, 1),
                        s(Overlap.dice(p, t, SMOOTH, Reduction.MEAN))),
                row("iou with smooth = 1 on both sides", "", at(iouStable, 0), at(iouStable, 1),
                        s(Overlap.iou(p, t, SMOOTH, Reduction.MEAN))));
        return new Demonstration(code(), "one empty mask makes the whole batch NaN",
                "float32 batch of 4 masks of 16 pixels; sample 0 has no foreground and an all-zero prediction",
                List.of("empty sample", "other sample", "batch mean"), rows,
                "The unguarded Dice is " + format(at(diceNaive, 0)) + " on the empty sample and its NaN spreads to the "
                        + "batch mean (" + format(rows.get(0).values().get(2)) + ") and every gradient; with smooth "
                        + "the empty sample scores " + format(at(diceStable, 0)) + " (a perfect prediction) and the mean is "
                        + format(rows.get(2).values().get(2)) + ".");
    }
}
