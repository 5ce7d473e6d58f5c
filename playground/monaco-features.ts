/**
 * The Monaco contributions the playground uses, instead of all of them (monaco-editor/features/register.all.js): the
 * editor's own (codicons, editing, find, folding, multi-cursor, undo, context menu), the ones behind the language
 * server's features (markers and their navigation, hover, completion with snippets, code lens, formatting), and
 * accessibility's tab-focus mode. Left out: diff editor, inline completions, colour picker, inlay hints, sticky
 * scroll, rename, references, symbols, links, semantic tokens, quick command palette and the like, which the
 * playground does not offer. Monaco's evaluation is the page's longest task before the first diagnostics
 * (bench/README.md).
 */
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/features/codeEditor/register.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/codelens/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/format/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/gotoLine/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/lineSelection/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/readOnlyMessage/register.js';
import 'monaco-editor/features/smartSelect/register.js';
import 'monaco-editor/features/snippet/register.js';
import 'monaco-editor/features/suggest/register.js';
import 'monaco-editor/features/toggleTabFocusMode/register.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/wordOperations/register.js';
// What editor.main.js adds after the features: cursor commands, the suggest widget's controller (Ctrl+Space), the
// marker status, paste and the standalone strings.
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus.js';
import 'monaco-editor/editor/contrib/dropOrPasteInto/browser/copyPasteContribution.js';
import 'monaco-editor/editor/common/standaloneStrings.js';
