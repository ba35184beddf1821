package org.example;

import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

public class Network {
    OutputLayer output = new OutputLayer.Builder(LossFunction.MCXENT)
            .nIn(64).nOut(10)
            .activation(Activation.IDENTITY)
            .build();
}
