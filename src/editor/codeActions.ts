import * as vscode from 'vscode';
import { eventAt } from '../core/eventAt';
import type { CaptureDocuments } from './captureDocuments';
import { CallEventDiagnostic } from './diagnostics';

/**
 * Quick fixes where the fix is certain: the known state nearest a typo, removing a trailing comma,
 * and opening a JWT's claims decoded (the capture itself is never rewritten unasked).
 */
export class CaptureCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly captures: CaptureDocuments) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const state = this.captures.get(doc.uri);
    if (state && state.version === doc.version) {
      const event = eventAt(state.inspection.events, state.inspection.lines.offsetAt(range.start));
      if (event?.payload === 'jwt') {
        const jwtDiagnostics = context.diagnostics.filter((d) => d instanceof CallEventDiagnostic && d.problem.code.startsWith('jwt.'));
        actions.push(decodedJwtAction(doc, event.index, jwtDiagnostics));
      }
    }
    for (const diagnostic of context.diagnostics) {
      if (!(diagnostic instanceof CallEventDiagnostic)) continue;
      const { problem } = diagnostic;
      if (problem.code === 'schema.state.unknown' && problem.suggestion) {
        const current = doc.getText(diagnostic.range);
        // Inside a capture record the body is an escaped JSON string: keep the escaping it had.
        const quote = current.startsWith('\\"') ? '\\"' : '"';
        const action = new vscode.CodeAction(`Change state to "${problem.suggestion}"`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, diagnostic.range, `${quote}${problem.suggestion}${quote}`);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
      if (problem.code === 'syntax.trailing-comma' && doc.getText(diagnostic.range) === ',') {
        const action = new vscode.CodeAction('Remove the trailing comma', vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.delete(doc.uri, diagnostic.range);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
    }
    return actions;
  }
}

function decodedJwtAction(doc: vscode.TextDocument, event: number, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
  const action = new vscode.CodeAction('Open the decoded JWT event', vscode.CodeActionKind.QuickFix);
  action.command = { title: action.title, command: 'callEvents.openDecodedJwt', arguments: [doc.uri, event] };
  if (diagnostics.length > 0) action.diagnostics = diagnostics;
  return action;
}
