import * as vscode from 'vscode';
import { listProblems } from '../core/listedProblems';
import type { Problem, Severity } from '../core/problems';
import type { CaptureDocuments, CaptureState } from './captureDocuments';
import { DisposableBase } from '../shared/lifecycle';

/** The name every diagnostic carries as its source. */
export const DIAGNOSTIC_SOURCE = 'Call Events';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A diagnostic keeps its core problem, so quick fixes can read the suggestion it carries. */
export class CallEventDiagnostic extends vscode.Diagnostic {
  constructor(range: vscode.Range, readonly problem: Problem, rulesUri: vscode.Uri) {
    super(range, problem.message, SEVERITY[problem.severity]);
    this.source = DIAGNOSTIC_SOURCE;
    this.code = { value: problem.code, target: rulesUri.with({ fragment: problem.code }) };
  }
}

/**
 * Converts problems to diagnostics on the exact token, using the text they were found in: the first
 * MAX_LISTED_PROBLEMS, then one that counts the rest (a million of them would hold the Problems view).
 */
export function toDiagnostics(state: CaptureState, rulesUri: vscode.Uri): vscode.Diagnostic[] {
  const { lines } = state.inspection;
  return listProblems(state.inspection.problems).listed.map((problem) => {
    const start = lines.positionAt(problem.start);
    const end = lines.positionAt(problem.end);
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    return new CallEventDiagnostic(range, problem, rulesUri);
  });
}

/** Publishes every capture's problems to the Problems view, and clears them when the file closes. */
export class CaptureDiagnostics extends DisposableBase {
  readonly collection = this._register(vscode.languages.createDiagnosticCollection('callEvents'));

  constructor(captures: CaptureDocuments, private readonly rulesUri: vscode.Uri) {
    super();
    this._register(captures.onDidUpdate((state) => this.collection.set(state.uri, toDiagnostics(state, this.rulesUri))));
    this._register(captures.onDidRemove((uri) => this.collection.delete(uri)));
    for (const state of captures.all()) this.collection.set(state.uri, toDiagnostics(state, this.rulesUri));
  }
}
