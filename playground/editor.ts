/**
 * The code panes, on CodeMirror 6 (view, state and commands only: no language package). It draws
 * only the lines in view, so a 5 MB module types as fast as a small one, where a textarea relays
 * out its whole text on each keystroke (half a second at 5 MB in Chromium, measured).
 */
import { history, historyKeymap, standardKeymap } from "@codemirror/commands";
import { EditorState, StateEffect, StateField, type Extension, type Range } from "@codemirror/state";
import { Decoration, EditorView, keymap, lineNumbers, type DecorationSet } from "@codemirror/view";
import { changeBetween } from "../src/engine/text-change.js";

/** A range to underline, in 1-based lines and columns (UTF-16 code units), as the engine reports them. */
export interface Mark {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const setMarks = StateEffect.define<Mark[]>();
const underline = Decoration.mark({ class: "cm-finding" });

/** The findings' ranges, moved along by edits until the next results replace them. */
const marks = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, transaction) {
    let next = value.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setMarks)) continue;
      const doc = transaction.state.doc;
      const ranges: Range<Decoration>[] = [];
      for (const mark of effect.value) {
        if (mark.line > doc.lines || mark.endLine > doc.lines) continue;
        const from = Math.min(doc.line(mark.line).from + mark.column - 1, doc.line(mark.line).to);
        const to = Math.min(doc.line(mark.endLine).from + mark.endColumn - 1, doc.line(mark.endLine).to);
        if (to > from) ranges.push(underline.range(from, to));
      }
      next = Decoration.set(ranges, true);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * CRLF throughout is kept as the line break (Enter inserts CR LF); any other text keeps LF as the
 * break and every other character, a lone or mixed CR included, as content: the text given is the
 * text the engine gets back, byte for byte.
 */
function lineBreakOf(text: string): string {
  return text.includes("\r\n") && !/\r(?!\n)|(?<!\r)\n/.test(text) ? "\r\n" : "\n";
}

/** Tab inserts four spaces, the unit PEP 8 and the engine's fixes use. */
const indentKeymap = keymap.of([{ key: "Tab", run: (view) => (view.dispatch(view.state.replaceSelection("    ")), true) }]);

export class CodePane {
  private readonly view: EditorView;

  constructor(
    parent: HTMLElement,
    private readonly options: { readOnly?: boolean; label: string; onChange?: () => void },
  ) {
    this.view = new EditorView({ parent, state: this.stateFor("") });
    this.view.contentDOM.setAttribute("aria-label", options.label);
  }

  private stateFor(text: string): EditorState {
    const extensions: Extension[] = [lineNumbers(), EditorState.lineSeparator.of(lineBreakOf(text)), marks];
    if (this.options.readOnly) extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
    else {
      extensions.push(history(), indentKeymap, keymap.of([...standardKeymap, ...historyKeymap]), this.pasteOverAll());
      const onChange = this.options.onChange;
      if (onChange) extensions.push(EditorView.updateListener.of((update) => update.docChanged && onChange()));
    }
    return EditorState.create({ doc: text, extensions });
  }

  /**
   * A paste over the whole module (or into an empty one) whose line breaks are not the editor's
   * starts a new case with its own, as loading a link does: a CRLF file pasted over an LF one
   * keeps CR LF as the break that Enter inserts. (Undo then starts from the pasted text.)
   */
  private pasteOverAll(): Extension {
    return EditorView.domEventHandlers({
      paste: (event, view) => {
        const pasted = event.clipboardData?.getData("text/plain");
        const { from, to } = view.state.selection.main;
        if (!pasted || from !== 0 || to !== view.state.doc.length || lineBreakOf(pasted) === view.state.lineBreak) return false;
        this.text = pasted;
        this.options.onChange?.();
        return true;
      },
    });
  }

  /** The text, with its own line breaks (`doc.toString()` would join the lines with LF). */
  get text(): string {
    return this.view.state.sliceDoc();
  }

  /** Replaces the text (and the undo history: a new case starts). */
  set text(text: string) {
    this.view.setState(this.stateFor(text));
  }

  /**
   * Replaces the text by changing only what differs (the fixed module after each result): the view
   * keeps its scroll position, and a big module's unchanged lines are not split again.
   */
  replace(text: string): void {
    const before = this.text;
    if (text === before) return;
    if (lineBreakOf(text) !== this.view.state.lineBreak) {
      this.text = text;
      return;
    }
    const { start, end, text: inserted } = changeBetween(before, text);
    // Positions count a line break as one, whatever its length: a CR LF before `offset` counts one less.
    const position = (offset: number) => {
      if (this.view.state.lineBreak === "\n") return offset;
      let pairs = 0;
      for (let at = before.indexOf("\r\n"); at !== -1 && at < offset; at = before.indexOf("\r\n", at + 2)) pairs++;
      return offset - pairs;
    };
    this.view.dispatch({ changes: { from: position(start), to: position(end), insert: inserted } });
  }

  mark(ranges: Mark[]): void {
    this.view.dispatch({ effects: setMarks.of(ranges) });
  }

  /** Selects a range and scrolls it into view. */
  select(range: Mark): void {
    const doc = this.view.state.doc;
    if (range.line > doc.lines || range.endLine > doc.lines) return;
    const anchor = doc.line(range.line).from + range.column - 1;
    const head = doc.line(range.endLine).from + range.endColumn - 1;
    this.view.dispatch({ selection: { anchor, head }, scrollIntoView: true });
    this.view.focus();
  }
}
