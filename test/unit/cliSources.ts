/** Sources the CLI tests write into temp folders. */

/** One INIT001 finding (Xavier before ReLU) on line 9, with a fix. */
export const RELU_XAVIER = `import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(64, 64)
        nn.init.xavier_uniform_(self.fc.weight)

    def forward(self, x):
        return F.relu(self.fc(x))
`;
