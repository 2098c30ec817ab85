/** A finding as highlighting needs it: its number and its evidence spans (a negative weight reassures). */
export interface HighlightedFinding {
  number: number;
  finding: { weight: number; evidence: readonly { start: number; end: number }[] };
}

export interface Segment {
  text: string;
  /** Numbers of the findings this passage is evidence for; empty for plain text. */
  refs: number[];
  /** Every finding behind it is a reassuring sign. */
  reassuring: boolean;
}

interface Range {
  start: number;
  end: number;
  refs: number[];
  reassuring: boolean;
}

/** Ranges of the evidence, sorted, with overlapping ones merged (offsets are UTF-16, end exclusive). */
function mergedRanges(length: number, findings: readonly HighlightedFinding[]): Range[] {
  const spans = findings.flatMap(({ finding, number }) =>
    finding.evidence.map((span) => ({
      start: Math.max(0, Math.min(span.start, length)),
      end: Math.max(0, Math.min(span.end, length)),
      number,
      reassuring: finding.weight < 0,
    })),
  );
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const ranges: Range[] = [];
  for (const span of sorted) {
    const last = ranges.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (!last.refs.includes(span.number)) last.refs.push(span.number);
      last.reassuring &&= span.reassuring;
    } else {
      ranges.push({ start: span.start, end: span.end, refs: [span.number], reassuring: span.reassuring });
    }
  }
  return ranges;
}

/** Cuts the text into plain passages and highlighted ones, in order. */
export function highlight(text: string, findings: readonly HighlightedFinding[]): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const range of mergedRanges(text.length, findings)) {
    if (range.start > cursor) segments.push({ text: text.slice(cursor, range.start), refs: [], reassuring: false });
    segments.push({ text: text.slice(range.start, range.end), refs: range.refs.sort((a, b) => a - b), reassuring: range.reassuring });
    cursor = range.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), refs: [], reassuring: false });
  return segments;
}
