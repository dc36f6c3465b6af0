import * as vscode from 'vscode';

/** The questions the share and compare commands ask: VS Code's own dialogs unless a test answers them. */
export interface Prompts {
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  saveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  openDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
}

const WINDOW: Prompts = {
  pick: (items, options) => vscode.window.showQuickPick(items, options),
  saveDialog: (options) => vscode.window.showSaveDialog(options),
  openDialog: (options) => vscode.window.showOpenDialog(options),
};

/**
 * Asks through VS Code's dialogs; the integration tests answer instead with `answerWith` (a typed seam:
 * code-server's native dialogs cannot be driven from the extension host), undone by disposing it.
 */
export class Prompter implements Prompts {
  private answers: Partial<Prompts> = {};

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    return (this.answers.pick ?? WINDOW.pick)(items, options);
  }

  saveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined> {
    return (this.answers.saveDialog ?? WINDOW.saveDialog)(options);
  }

  openDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined> {
    return (this.answers.openDialog ?? WINDOW.openDialog)(options);
  }

  /** Test seam: answers these questions with the given functions until disposed. */
  answerWith(answers: Partial<Prompts>): vscode.Disposable {
    this.answers = answers;
    return new vscode.Disposable(() => {
      if (this.answers === answers) this.answers = {};
    });
  }
}
