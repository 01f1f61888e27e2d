package org.mtl4j.spec.layers;

/**
 * Batch normalisation (DJL {@code BatchNorm}; PyTorch {@code nn.BatchNorm2d} after an image layer,
 * {@code nn.BatchNorm1d} on flat features): each channel (or feature) is standardised with the
 * batch's mean and variance during training, then scaled and shifted by learnt γ (starts at 1) and
 * β (starts at 0). Training also keeps running estimates ({@code running = 0.9·running + 0.1·batch},
 * PyTorch's momentum 0.1; ε = 1e-5), and evaluation and prediction use those, so a row's prediction
 * does not depend on the rows predicted with it. The running estimates are saved with the model.
 * As in PyTorch, batch norm on flat features cannot train on a batch of one row (it has no
 * variance; libtorch refuses it): choose a batch size that does not leave a last batch of one.
 *
 * <p>Example: {@code .trunk(conv2d(16, 3), batchNorm(), relu(), maxPool(2), flatten(), dense(32))}
 */
public record BatchNorm() implements Layer {

    @Override
    public String toString() {
        return "batchNorm()";
    }
}
