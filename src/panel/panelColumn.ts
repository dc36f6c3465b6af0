// Where the call graph and the documents opened beside an editor go: in the other of the first two
// columns, never a third. (ViewColumn.Beside from an editor in column 2 would make column 3 and squeeze
// every pane; from no editor at all it leaves column 1 empty.)

/** The column for the panel, given the capture editor's column (1-based; undefined when none is active). */
export function panelColumn(editorColumn: number | undefined): number {
  return editorColumn === 2 ? 1 : 2;
}

/**
 * The column for a document shown beside the active editor (a capture the listener writes, a request's
 * detail, a decoded JWT, a simulated run): as the panel, but the first column when no editor is active.
 */
export function besideColumn(editorColumn: number | undefined): number {
  return editorColumn === undefined ? 1 : panelColumn(editorColumn);
}
