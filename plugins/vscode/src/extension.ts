// The voicelint extension: starts `voicelint lsp` with vscode-languageclient
// for the configured languages and adds "Fix all safe findings" and "Show rule".
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import {
  VoicelintSettings, describeRule, documentSelector, fixAllParams, normalizeSettings, ruleAt,
  serverCommand, serverSettings,
} from './settings';

let client: LanguageClient | undefined;

function readSettings(): VoicelintSettings {
  const c = vscode.workspace.getConfiguration('voicelint');
  return normalizeSettings({
    path: c.get('path'), rules: c.get('rules'), level: c.get('level'), languages: c.get('languages'),
  });
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = readSettings();
  const { command, args } = serverCommand(settings);
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(settings),
    initializationOptions: serverSettings(settings),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}'),
    },
  };
  client = new LanguageClient('voicelint', 'voicelint', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `voicelint: could not start "${command} lsp" (${String(error)}). Set voicelint.path to the voicelint executable.`);
    client = undefined;
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return;
  const document = editor.document;
  const actions = (await client.sendRequest(
    'textDocument/codeAction', fixAllParams(document.uri.toString(), document.lineCount))) as
    { edit?: unknown }[] | null;
  const action = actions?.find((a) => a.edit);
  if (!action) {
    void vscode.window.showInformationMessage('voicelint: no safe fix in this document.');
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit as never);
  if (edit) await vscode.workspace.applyEdit(edit);
}

async function showRule(id?: string): Promise<void> {
  if (!client) return;
  const editor = vscode.window.activeTextEditor;
  if (!id && editor) {
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri).map((d) => ({
      source: d.source, code: d.code, range: d.range,
    }));
    id = ruleAt(diagnostics, editor.selection.active);
  }
  if (!id) {
    id = await vscode.window.showInputBox({ prompt: 'voicelint rule id (glossary.id)' });
    if (!id) return;
  }
  try {
    const rule = await client.sendRequest('voicelint/rule', { id }) as Parameters<typeof describeRule>[0];
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: describeRule(rule) });
    await vscode.window.showTextDocument(doc, { preview: true });
  } catch (error) {
    void vscode.window.showErrorMessage(`voicelint: ${String(error)}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('voicelint.fixAll', fixAll),
    vscode.commands.registerCommand('voicelint.showRule', showRule),
    // Rules of the embedded rulebook link to voicelint-rule:ID.
    vscode.workspace.registerTextDocumentContentProvider('voicelint-rule', {
      async provideTextDocumentContent(uri: vscode.Uri) {
        if (!client) return 'voicelint is not running.';
        const rule = await client.sendRequest('voicelint/rule', { id: uri.path }) as Parameters<typeof describeRule>[0];
        return describeRule(rule);
      },
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('voicelint.path') || event.affectsConfiguration('voicelint.languages')) {
        await client?.stop();
        await start(context);
      } else if (event.affectsConfiguration('voicelint') && client) {
        // The server reads {"voicelint": {rules, level}} and re-checks open documents.
        await client.sendNotification('workspace/didChangeConfiguration', {
          settings: { voicelint: serverSettings(readSettings()) },
        });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
