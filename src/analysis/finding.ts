/** Positions are 0-based, characters in UTF-16 code units (as VS Code counts them). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** What the fix does, for the quick-fix menu: "Use kaiming_uniform_ (He) for ReLU". */
  title: string;
  edits: TextEdit[];
}

export type RuleCode =
  | 'INIT001' | 'INIT002' | 'INIT003' | 'INIT004' | 'INIT005' | 'INIT006'
  | 'INIT007' | 'INIT008' | 'INIT009' | 'INIT010' | 'INIT011';

export const RULE_CODES: readonly RuleCode[] = [
  'INIT001', 'INIT002', 'INIT003', 'INIT004', 'INIT005', 'INIT006',
  'INIT007', 'INIT008', 'INIT009', 'INIT010', 'INIT011',
];

/** Ordered from most to least severe, as VS Code's DiagnosticSeverity. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  code: RuleCode;
  severity: Severity;
  message: string;
  /** In a notebook: the 1-based cell number (markdown cells counted); `range` is then within that cell. */
  cell?: number;
  range: Range;
  fixes: Fix[];
}
