package dev.lossfn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic synthetic corpus for smoke runs: PyTorch/Keras-style Python training scripts and
 * DL4J-style Java classes, generated from a fixed seed (same seed, same bytes). It exercises the
 * parsers and the rules with realistic shapes; it is no substitute for real code in a benchmark.
 */
public final class SynthCorpus {
    public record Summary(int files, long lines) {}

    private SynthCorpus() {}

    private static final String[] LOSSES = {
        "F.cross_entropy(logits, target)", "F.nll_loss(F.log_softmax(logits, dim=1), target)",
        "nn.CrossEntropyLoss()(torch.softmax(logits, dim=-1), target)", "F.mse_loss(pred, y)",
        "F.binary_cross_entropy(torch.sigmoid(logits), y)", "F.binary_cross_entropy_with_logits(logits, y)",
        "-(y * torch.log(p)).sum()", "torch.mean((pred - y) ** 2)", "F.kl_div(q.log(), p, reduction='batchmean')",
    };

    private static final String[] ACTS = {"relu", "gelu", "tanh", "sigmoid", "silu"};

    public static Summary write(Path out, int files, long seed) throws IOException {
        Random r = new Random(seed);
        long lines = 0;
        Files.createDirectories(out.resolve("py"));
        Files.createDirectories(out.resolve("java"));
        for (int i = 0; i < files; i++) {
            boolean java = i % 10 == 9;
            String text = java ? javaFile(r, i) : pythonFile(r, i);
            Path p = out.resolve(java ? "java" : "py").resolve(String.format(Locale.ROOT, java ? "Train%04d.java" : "train_%04d.py", i));
            Files.writeString(p, text, StandardCharsets.UTF_8);
            lines += text.lines().count();
        }
        return new Summary(files, lines);
    }

    static String pythonFile(Random r, int index) {
        StringBuilder b = new StringBuilder();
        b.append("\"\"\"Synthetic training script ").append(index).append(".\"\"\"\n");
        b.append("import math\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n");
        b.append("from torch.utils.data import DataLoader\n\n");
        int models = 1 + r.nextInt(3);
        for (int m = 0; m < models; m++) {
            int layers = 2 + r.nextInt(5);
            b.append("\nclass Net").append(m).append("(nn.Module):\n");
            b.append("    def __init__(self, width=").append(32 << r.nextInt(4)).append(", classes=").append(2 + r.nextInt(20)).append("):\n");
            b.append("        super().__init__()\n");
            for (int l = 0; l < layers; l++) {
                b.append("        self.fc").append(l).append(" = nn.Linear(width, ").append(l == layers - 1 ? "classes" : "width").append(")\n");
            }
            b.append("        self.drop = nn.Dropout(p=0.").append(1 + r.nextInt(5)).append(")\n\n");
            b.append("    def forward(self, x):\n");
            for (int l = 0; l < layers - 1; l++) {
                b.append("        x = F.").append(ACTS[r.nextInt(ACTS.length)]).append("(self.fc").append(l).append("(x))\n");
                if (r.nextInt(3) == 0) {
                    b.append("        x = self.drop(x)\n");
                }
            }
            b.append("        return self.fc").append(layers - 1).append("(x)\n");
        }
        int fns = 2 + r.nextInt(4);
        for (int f = 0; f < fns; f++) {
            b.append("\n\ndef train_").append(f).append("(model, loader, epochs=").append(1 + r.nextInt(50)).append(", lr=1e-").append(2 + r.nextInt(3)).append("):\n");
            b.append("    opt = torch.optim.").append(r.nextBoolean() ? "Adam" : "SGD").append("(model.parameters(), lr=lr)\n");
            b.append("    history = {\"loss\": [], \"acc\": []}\n");
            b.append("    for epoch in range(epochs):\n");
            b.append("        model.train()\n");
            b.append("        for step, (x, y) in enumerate(loader):\n");
            b.append("            logits = model(x)\n            pred = logits\n            target = y\n");
            b.append("            p = torch.softmax(logits, dim=1)\n            q = p\n");
            b.append("            loss = ").append(LOSSES[r.nextInt(LOSSES.length)]).append("\n");
            if (r.nextBoolean()) {
                b.append("            opt.zero_grad()\n");
            }
            b.append("            loss.backward()\n            opt.step()\n");
            b.append("            history[\"loss\"].append(loss").append(r.nextBoolean() ? ".item()" : "").append(")\n");
            b.append("            if step % ").append(10 + r.nextInt(90)).append(" == 0:\n");
            b.append("                print(f\"epoch {epoch} step {step}: {loss.item():.4f}\")\n");
            b.append("    return history\n");
        }
        b.append("\n\ndef evaluate(model, loader):\n    correct = total = 0\n");
        b.append(r.nextBoolean() ? "    with torch.no_grad():\n" : "    if True:\n");
        b.append("        for x, y in loader:\n            out = model(x)\n            correct += (out.argmax(1) == y).sum().item()\n");
        b.append("            total += y.numel()\n    return correct / max(total, 1)\n");
        b.append("\n\nif __name__ == \"__main__\":\n    net = Net0()\n    train_0(net, DataLoader([]))\n");
        return b.toString();
    }

    static String javaFile(Random r, int index) {
        StringBuilder b = new StringBuilder();
        b.append("package synth.dl4j;\n\n");
        b.append("import org.deeplearning4j.nn.conf.MultiLayerConfiguration;\n");
        b.append("import org.deeplearning4j.nn.conf.NeuralNetConfiguration;\n");
        b.append("import org.deeplearning4j.nn.conf.layers.DenseLayer;\n");
        b.append("import org.deeplearning4j.nn.conf.layers.OutputLayer;\n");
        b.append("import org.nd4j.linalg.activations.Activation;\n");
        b.append("import org.nd4j.linalg.lossfunctions.LossFunctions;\n\n");
        b.append("public class Train").append(String.format(Locale.ROOT, "%04d", index)).append(" {\n");
        int methods = 1 + r.nextInt(3);
        for (int m = 0; m < methods; m++) {
            boolean softmax = r.nextBoolean();
            b.append("    public static MultiLayerConfiguration conf").append(m).append("(int in, int out) {\n");
            b.append("        return new NeuralNetConfiguration.Builder()\n            .seed(").append(r.nextInt(1000)).append(")\n            .list()\n");
            b.append("            .layer(new DenseLayer.Builder().nIn(in).nOut(").append(16 << r.nextInt(4)).append(").activation(Activation.RELU).build())\n");
            b.append("            .layer(new OutputLayer.Builder(LossFunctions.LossFunction.")
                    .append(r.nextBoolean() ? "MCXENT" : "NEGATIVELOGLIKELIHOOD").append(")\n");
            b.append("                .activation(Activation.").append(softmax ? "SOFTMAX" : "IDENTITY").append(").nOut(out).build())\n");
            b.append("            .build();\n    }\n\n");
        }
        b.append("}\n");
        return b.toString();
    }
}
