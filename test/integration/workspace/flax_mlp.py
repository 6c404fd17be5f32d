"""A Flax MLP: nn.Dense keeps lecun_normal unless told otherwise."""
import flax.linen as nn


class MLP(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.Dense(512)(x)
        x = nn.relu(x)
        x = nn.Dense(512, kernel_init=nn.initializers.he_normal())(x)
        x = nn.relu(x)
        x = nn.Dense(256, kernel_init=nn.initializers.zeros)(x)
        x = nn.gelu(x)
        return nn.Dense(10)(x)
