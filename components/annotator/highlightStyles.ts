/**
 * The look of highlights, shared by the CSS Custom Highlight API (::highlight) and the <mark>
 * fallback. One colour per label from the Okabe-Ito palette plus a second cue per label (the
 * underline style), so a label is never told by colour alone. Injected once by the highlighter.
 */
import type { Label } from '@/lib/domain';

export const LABEL_STYLE: Record<Label, { bg: string; selected: string; line: string; decoration: string; name: string }> = {
  claim: { bg: 'rgba(213, 94, 0, 0.17)', selected: 'rgba(213, 94, 0, 0.22)', line: '#b34f00', decoration: 'solid 2px', name: 'solid underline' },
  quote: { bg: 'rgba(0, 114, 178, 0.15)', selected: 'rgba(0, 114, 178, 0.2)', line: '#0072b2', decoration: 'double 1.5px', name: 'double underline' },
  context: { bg: 'rgba(0, 158, 115, 0.16)', selected: 'rgba(0, 158, 115, 0.22)', line: '#007a59', decoration: 'dotted 2px', name: 'dotted underline' },
};

/** Colour by author: eight distinguishable tints; authors get slots in order of appearance. */
export const AUTHOR_COLOURS = ['#e69f00', '#56b4e9', '#009e73', '#cc79a7', '#0072b2', '#d55e00', '#8c6d00', '#7f7f7f'];

const tint = (hex: string, alpha: number) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
};

/**
 * The selection keeps its label's colour: a stronger tint of it (fc-sel-<label>) and a ring
 * drawn around it by SelectionRing; fc-selected itself only darkens the text.
 */
export const STATE_STYLE = {
  hover: 'background-color: rgba(31, 95, 191, 0.12);',
  selected: 'color: #0b1a33;',
  flash: 'background-color: rgba(255, 200, 0, 0.75);',
};

/** Highlight names (CSS Custom Highlight API registry keys), a small fixed set. */
export const HL = {
  bg: (key: string) => `fc-bg-${key}`,
  line: (label: Label) => `fc-line-${label}`,
  /** The line of a label over a piece where another span is innermost (stacked above the text). */
  over: (label: Label) => `fc-over-${label}`,
  /** The stronger tint of the selected span's label. */
  sel: (label: Label) => `fc-sel-${label}`,
  state: (state: keyof typeof STATE_STYLE) => `fc-${state}`,
};

/** Background key for a span in the current colour mode. */
export function backgroundKey(mode: 'label' | 'author', label: Label, authorSlot: number): string {
  return mode === 'label' ? label : `author-${authorSlot % AUTHOR_COLOURS.length}`;
}

function backgrounds(): Array<[string, string]> {
  const out: Array<[string, string]> = Object.entries(LABEL_STYLE).map(([k, v]) => [k, v.bg]);
  AUTHOR_COLOURS.forEach((c, i) => out.push([`author-${i}`, tint(c, 0.22)]));
  return out;
}

/** The stylesheet for both painting methods. */
export function highlightCss(): string {
  const rules: string[] = ['mark[class*="fc-"] { background-color: transparent; color: inherit; padding: 0; }'];
  for (const [key, bg] of backgrounds()) {
    rules.push(`::highlight(${HL.bg(key)}) { background-color: ${bg}; }`, `mark.fc-bg-${key} { background-color: ${bg}; }`);
  }
  for (const [label, s] of Object.entries(LABEL_STYLE)) {
    const under = `text-decoration: underline ${s.decoration} ${s.line};`;
    const over = `text-decoration: overline ${s.decoration} ${s.line};`;
    const sel = `background-color: ${s.selected};`;
    rules.push(`::highlight(${HL.line(label as Label)}) { ${under} }`, `mark.fc-line-${label} { ${under} }`);
    rules.push(`::highlight(${HL.over(label as Label)}) { ${over} }`, `mark.fc-over-${label} { ${over} }`);
    rules.push(`::highlight(${HL.sel(label as Label)}) { ${sel} }`, `mark.fc-sel-${label} { ${sel} }`);
  }
  // The fallback nests no marks, so a piece with both lines needs them in one declaration.
  for (const [a, sa] of Object.entries(LABEL_STYLE)) {
    for (const b of Object.keys(LABEL_STYLE)) {
      rules.push(`mark.fc-line-${a}.fc-over-${b} { text-decoration: underline ${sa.decoration} ${sa.line}; box-shadow: inset 0 2px 0 ${LABEL_STYLE[b as Label].line}; }`);
    }
  }
  for (const [state, css] of Object.entries(STATE_STYLE)) {
    rules.push(`::highlight(fc-${state}) { ${css} }`, `mark.fc-${state} { ${css} }`);
  }
  return rules.join('\n');
}

/** Adds the stylesheet to the document once. */
export function installHighlightCss(doc: Document = document): void {
  if (doc.getElementById('fc-highlight-css')) return;
  const style = doc.createElement('style');
  style.id = 'fc-highlight-css';
  style.textContent = highlightCss();
  doc.head.appendChild(style);
}
