import assert from 'node:assert/strict';
import type { Range, TextEdit } from '../../src/analysis/finding';
import { applyNotebookEdits, NotebookError, readNotebook, toCellRange, type NotebookSource } from '../../src/analysis/notebook';

/** As Jupyter writes it: indent 1, sorted keys, non-ASCII as is, floats as Python spells them, a final newline. */
const JUPYTER = String.raw`{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "0b5c6a1e",
   "metadata": {},
   "source": [
    "# Init check — naïve ☃\n",
    "Markdown is not code."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "id": "3f1d2c4b",
   "metadata": {
    "papermill": {
     "duration": 2.1e-05,
     "status": "completed"
    }
   },
   "outputs": [],
   "source": [
    "import torch\n",
    "import torch.nn as nn\n",
    "%matplotlib inline"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "id": "9a8b7c6d",
   "metadata": {
    "papermill": {
     "duration": 1.0,
     "status": "completed"
    }
   },
   "outputs": [
    {
     "data": {
      "text/plain": [
       "Parameter containing:\n",
       "tensor([1.])"
      ]
     },
     "execution_count": 2,
     "metadata": {},
     "output_type": "execute_result"
    }
   ],
   "source": [
    "model = nn.Sequential(\n",
    "    nn.Linear(4, 8),  # café\n",
    "    nn.ReLU(),\n",
    ")\n",
    "nn.init.xavier_uniform_(model[0].weight)"
   ]
  },
  {
   "cell_type": "markdown",
   "id": "5e4d3c2b",
   "metadata": {},
   "source": "A string source."
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "1a2b3c4d",
   "metadata": {},
   "outputs": [],
   "source": [
    "!pip install torch\n",
    "model?"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "codemirror_mode": {
    "name": "ipython",
    "version": 3
   },
   "file_extension": ".py",
   "mimetype": "text/x-python",
   "name": "python",
   "nbconvert_exporter": "python",
   "pygments_lexer": "ipython3",
   "version": "3.11.4"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

type CellSpec = { code: string | string[] } | { markdown: string };

function notebook(cells: CellSpec[], metadata: object = {}): object {
  return {
    cells: cells.map((c) => ('code' in c
      ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: c.code }
      : { cell_type: 'markdown', metadata: {}, source: c.markdown })),
    metadata,
    nbformat: 4,
    nbformat_minor: 5,
  };
}

function textOf(...cells: CellSpec[]): string {
  return readNotebook(JSON.stringify(notebook(cells), null, 1)).text;
}

function rangeOf(nb: NotebookSource, needle: string): Range {
  const lines = nb.text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `'${needle}' is not in the notebook text`);
  const character = lines[line].indexOf(needle);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

function replace(nb: NotebookSource, needle: string, newText: string): TextEdit {
  return { range: rangeOf(nb, needle), newText };
}

describe('notebook: reading', () => {
  const nb = readNotebook(JUPYTER);

  it('joins the code cells in order, numbering cells among all of them', () => {
    assert.equal(nb.text, [
      'import torch',
      'import torch.nn as nn',
      '#matplotlib inline',
      'model = nn.Sequential(',
      '    nn.Linear(4, 8),  # café',
      '    nn.ReLU(),',
      ')',
      'nn.init.xavier_uniform_(model[0].weight)',
      '#pip install torch',
      '#odel?',
    ].join('\n'));
    assert.deepEqual(nb.cells, [
      { cell: 2, startLine: 0, lineCount: 3 },
      { cell: 3, startLine: 3, lineCount: 5 },
      { cell: 5, startLine: 8, lineCount: 2 },
    ]);
  });

  it('maps text ranges to cell-relative ones across markdown cells', () => {
    assert.deepEqual(toCellRange(nb, rangeOf(nb, 'xavier_uniform_')), {
      cell: 3,
      range: { start: { line: 4, character: 8 }, end: { line: 4, character: 23 } },
    });
    assert.deepEqual(toCellRange(nb, rangeOf(nb, 'odel?')).cell, 5);
    assert.deepEqual(toCellRange(nb, rangeOf(nb, 'import torch.nn')).range.start, { line: 1, character: 0 });
  });

  it('reads a string source and a trailing newline as lines of their own', () => {
    const r = readNotebook(JSON.stringify(notebook([{ markdown: 'm' }, { code: 'a = 1\nb = 2\n' }, { code: 'c = 3' }])));
    assert.equal(r.text, 'a = 1\nb = 2\n\nc = 3');
    assert.deepEqual(r.cells, [{ cell: 2, startLine: 0, lineCount: 3 }, { cell: 3, startLine: 3, lineCount: 1 }]);
  });

  it('gives no cells for a notebook in another language', () => {
    const r = { kernelspec: { language: 'R', name: 'ir' } };
    assert.deepEqual(readNotebook(JSON.stringify(notebook([{ code: 'x <- 1' }], r))), { text: '', cells: [] });
    const julia = { language_info: { name: 'julia' } };
    assert.deepEqual(readNotebook(JSON.stringify(notebook([{ code: 'x = 1' }], julia))).cells, []);
    const python = { kernelspec: { language: 'Python' }, language_info: { name: 'python' } };
    assert.equal(readNotebook(JSON.stringify(notebook([{ code: 'x = 1' }], python))).text, 'x = 1');
  });

  it('rejects what is not an nbformat-4 notebook with a clear NotebookError', () => {
    assert.throws(() => readNotebook('{"cells": ['), (e) => e instanceof NotebookError && /^not valid JSON/.test(e.message));
    assert.throws(() => readNotebook('[]'), (e) => e instanceof NotebookError && /not a Jupyter notebook/.test(e.message));
    assert.throws(() => readNotebook('{"metadata": {}}'), /no "cells" list/);
    assert.throws(() => readNotebook('{"nbformat": 3, "worksheets": []}'), /nbformat 3 is not supported/);
    assert.throws(() => readNotebook('{"cells": [{"cell_type": "code", "source": 7}]}'), /cell 1: "source"/);
    assert.throws(() => readNotebook('{"cells": [null]}'), /cell 1 is not an object/);
  });
});

describe('notebook: masking IPython syntax', () => {
  it('comments out magics, shell escapes and help where a statement starts, keeping every line length', () => {
    const source = [
      '%matplotlib inline',
      '!pip install torch',
      '  %time x = f()',
      '?torch.nn.init',
      'torch.nn.init.kaiming_normal_?',
      'nn.init??',
      'files = !ls',
      'out = %timeit -o f()',
      'y = (a',
      '     % b)',
      's = """',
      '!not a shell line',
      '"""',
      "t = 'it\\",
      "!still a string'",
      'z = a \\',
      '    % b',
      'w = x != y  # why?',
    ];
    const text = textOf({ code: source.join('\n') }).split('\n');
    assert.deepEqual(text, [
      '#matplotlib inline',
      '#pip install torch',
      '  #time x = f()',
      '#torch.nn.init',
      '#orch.nn.init.kaiming_normal_?',
      '#n.init??',
      '#iles = !ls',
      '#ut = %timeit -o f()',
      ...source.slice(8),
    ]);
    assert.deepEqual(text.map((l) => l.length), source.map((l) => l.length));
  });

  it('masks a whole cell under a cell magic, but keeps Python under %%time, %%timeit and %%capture', () => {
    assert.equal(textOf({ code: '%%bash\necho hi\n\n  ls -l' }), '#%bash\n#cho hi\n\n  #s -l');
    assert.equal(textOf({ code: '%%time\nx = f()\n%load_ext foo' }), '#%time\nx = f()\n#load_ext foo');
    assert.equal(textOf({ code: '\n%%timeit -n 10\nf(x)' }), '\n#%timeit -n 10\nf(x)');
    assert.equal(textOf({ code: '%%capture out\nmodel.apply(init)' }), '#%capture out\nmodel.apply(init)');
    assert.equal(textOf({ code: '%%writefile m.py\nimport torch' }, { code: 'import torch' }), '#%writefile m.py\n#mport torch\nimport torch');
  });

  it('starts every cell afresh: a string left open in one cell does not swallow the next', () => {
    assert.equal(textOf({ code: 's = """' }, { code: '!ls' }), 's = """\n#ls');
  });
});

describe('notebook: applying edits', () => {
  const nb = readNotebook(JUPYTER);

  it('gives back the very same bytes without edits, and for an edit that changes nothing', () => {
    assert.equal(applyNotebookEdits(JUPYTER, nb, []), JUPYTER);
    assert.equal(applyNotebookEdits(JUPYTER, nb, [replace(nb, 'café', 'café')]), JUPYTER);
    assert.equal(applyNotebookEdits(JUPYTER, nb, [replace(nb, 'torch.nn as', 'torch.nn as')]), JUPYTER);
  });

  it('changes only the source of the edited cell, leaving numbers such as 1.0 and 2.1e-05 as written', () => {
    const out = applyNotebookEdits(JUPYTER, nb, [replace(nb, 'xavier_uniform_(model[0].weight)', "kaiming_uniform_(model[0].weight, nonlinearity='relu')")]);
    assert.equal(out, JUPYTER.replace('"nn.init.xavier_uniform_(model[0].weight)"', `"nn.init.kaiming_uniform_(model[0].weight, nonlinearity='relu')"`));
    assert.match(out, /"duration": 1\.0,/);
  });

  it('splits new lines into Jupyter\'s list of lines, indented as the file is', () => {
    const insert: TextEdit = { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: 'import math\n' };
    const out = applyNotebookEdits(JUPYTER, nb, [insert, replace(nb, 'nn.ReLU()', 'nn.Tanh()')]);
    assert.equal(out, JUPYTER.replace(
      '    "model = nn.Sequential(\\n",\n    "    nn.Linear(4, 8),  # café\\n",\n    "    nn.ReLU(),\\n",',
      '    "import math\\n",\n    "model = nn.Sequential(\\n",\n    "    nn.Linear(4, 8),  # café\\n",\n    "    nn.Tanh(),\\n",',
    ));
  });

  it('applies several edits to one cell and edits to several cells', () => {
    const out = applyNotebookEdits(JUPYTER, nb, [
      replace(nb, 'import torch.nn as nn', 'from torch import nn'),
      replace(nb, 'Linear(4, 8)', 'Linear(4, 16)'),
      replace(nb, 'xavier', 'kaiming'),
      { range: rangeOf(nb, 'pip'), newText: 'pip' },
    ]);
    const cells = (JSON.parse(out) as { cells: { source: string[] }[] }).cells;
    assert.deepEqual(cells[1].source, ['import torch\n', 'from torch import nn\n', '%matplotlib inline']);
    assert.deepEqual(cells[2].source.slice(1, 2), ['    nn.Linear(4, 16),  # café\n']);
    assert.equal(cells[2].source[4], 'nn.init.kaiming_uniform_(model[0].weight)');
    assert.deepEqual(cells[4].source, ['!pip install torch\n', 'model?']);
  });

  it('keeps a compact file compact, a 2-space CRLF file so, and turns a string source into a list', () => {
    const compact = JSON.stringify(notebook([{ markdown: 'é' }, { code: 'a = 1\nb = 2' }]));
    const c = readNotebook(compact);
    assert.equal(applyNotebookEdits(compact, c, [replace(c, '2', '3')]), compact.replace('"a = 1\\nb = 2"', '["a = 1\\n","b = 3"]'));

    const crlf = JSON.stringify(notebook([{ code: ['a = 1\n', 'b = 2'] }]), null, 2).replace(/\n/g, '\r\n') + '\r\n';
    const r = readNotebook(crlf);
    const expected = JSON.stringify(notebook([{ code: ['a = 1\n', 'b = 3\n', 'c = 4'] }]), null, 2).replace(/\n/g, '\r\n') + '\r\n';
    assert.equal(applyNotebookEdits(crlf, r, [replace(r, '2', '3\nc = 4')]), expected);
  });

  it('refuses an edit that runs from one cell into another, and overlapping edits', () => {
    const across: TextEdit = { range: { start: { line: 2, character: 0 }, end: { line: 3, character: 5 } }, newText: '' };
    assert.throws(() => applyNotebookEdits(JUPYTER, nb, [across]), (e) => e instanceof NotebookError && /from cell 2 into cell 3/.test(e.message));
    const twice = [replace(nb, 'xavier_uniform_', 'a'), replace(nb, 'uniform_(model', 'b')];
    assert.throws(() => applyNotebookEdits(JUPYTER, nb, twice), (e) => e instanceof NotebookError && /overlap/.test(e.message));
  });
});
