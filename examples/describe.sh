#!/usr/bin/env bash
# The weights of examples/mlp.py as the CLI sees them (PyTorch layout [out, in]), and the
# Keras, TF.js and Flax spellings of the same He initialization for comparison.
set -euo pipefail
cli="node $(dirname "$0")/../dist/cli.js"
echo "== fc1: xavier_uniform_ on [256, 784], followed by ReLU"
$cli describe --framework torch --init xavier_uniform_ --shape 256,784
echo; echo "== fc2: kaiming_normal_(nonlinearity='relu') on [128, 256]"
$cli describe --framework torch --init kaiming_normal_ --shape 128,256 --param nonlinearity=relu
echo; echo "== out: nn.Linear's default on [10, 128]"
$cli describe --framework torch --init Linear --shape 10,128
echo; echo "== the same He init in Keras, TF.js and Flax (kernel [256, 128])"
$cli describe --framework keras --init he_normal --shape 256,128
$cli describe --framework tfjs --init heNormal --shape 256,128
$cli describe --framework jax --init he_normal --shape 256,128
echo; echo "== 100,000 samples of fc1's weights"
$cli sample --framework torch --init xavier_uniform_ --shape 256,784 --n 100000 --seed 1 --bins 20
