// Where the call graph opens: beside the capture's editor, in the second column, never a third.
// (ViewColumn.Beside from an editor in column 2 would make column 3 and squeeze every pane.)

/** The column for the panel, given the capture editor's column (1-based; undefined when none is active). */
export function panelColumn(editorColumn: number | undefined): number {
  return editorColumn === 2 ? 1 : 2;
}
