// The dashboard's few browser-side needs that neither MudBlazor nor BlazorMonaco cover.
// Loaded as an ES module by DashboardJs (Components/Shared/DashboardJs.cs).

const themeCookie = 'hd-theme';

/** Remembers the theme (read by the server before prerendering) and switches Monaco's theme. */
export function setTheme(dark) {
    // Written by script, so it cannot be HttpOnly (it holds only the theme); Secure whenever the page is HTTPS.
    const secure = location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `${themeCookie}=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax${secure}`;
    if (typeof monaco !== 'undefined') {
        monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
    }
}

function editorModel(editorId) {
    const holder = window.blazorMonaco?.editors?.find(e => e.id === editorId);
    return holder?.editor?.getModel() ?? null;
}

/** Shows syntax diagnostics ({ line, column, message }) as error markers of the editor's model. */
export function setMarkers(editorId, diagnostics) {
    const model = editorModel(editorId);
    if (!model) return;
    const markers = diagnostics.map(d => {
        const line = Math.max(1, Math.min(d.line, model.getLineCount()));
        const lineEnd = model.getLineMaxColumn(line);
        const column = Math.max(1, Math.min(d.column, lineEnd));
        return {
            severity: monaco.MarkerSeverity.Error,
            message: d.message,
            startLineNumber: line,
            startColumn: column,
            endLineNumber: line,
            // Underline to the end of the line when the error sits at its end, so it stays visible.
            endColumn: column < lineEnd ? column + 1 : lineEnd + 1,
        };
    });
    monaco.editor.setModelMarkers(model, 'hooksdashboard-syntax', markers);
}

let hookTypes = null;
let packageTypes = [];
let packagePaths = {};

// allowJs off on purpose: Monaco's worker then reads the extension-less model as TypeScript, where
// `module.exports = function (client, ...)` is a plain assignment that takes its contextual type
// from the declared `module` (in a .js file TypeScript binds it as a CommonJS export and ignores
// the declaration), and JSDoc @param types in templates do not override it. Packages' typings are
// registered under file:///node_modules/<name>/ and found through `paths` (from any model, whatever its URI);
// `require('x')` is typed by an overload in the hook's declarations.
function setCompilerOptions() {
    monaco.languages.typescript.javascriptDefaults.setCompilerOptions({
        target: monaco.languages.typescript.ScriptTarget.ES2020,
        allowNonTsExtensions: true,
        allowJs: false,
        noImplicitAny: false,
        moduleResolution: monaco.languages.typescript.ModuleResolutionKind.NodeJs,
        module: monaco.languages.typescript.ModuleKind.CommonJS,
        allowSyntheticDefaultImports: true,
        esModuleInterop: true,
        baseUrl: 'file:///',
        paths: packagePaths,
    });
}

/** Replaces the TypeScript declarations that drive completion and hovers for hook code. */
export function setHookTypes(declarations) {
    if (typeof monaco === 'undefined') return;
    if (hookTypes) {
        hookTypes.dispose();
        hookTypes = null;
    }
    const js = monaco.languages.typescript.javascriptDefaults;
    // The server checks syntax (Jint's parser, the one that runs the code) and shows it as markers;
    // semantic checks would flag Auth0's globals and untyped requires.
    // 80005 ("'require' call may be converted to an import") would dot every typed require: hooks are CommonJS.
    js.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true, diagnosticCodesToIgnore: [80005] });
    setCompilerOptions();
    hookTypes = js.addExtraLib(declarations, 'ts:hooksdashboard/hook.d.ts');
}

/**
 * Replaces the hook's packages' declaration files ({ path, content }, paths under file:///node_modules/) and the
 * module name → entry file mapping (TypeScript `paths`, relative to file:///).
 */
export function setPackageTypes(libraries, modules) {
    if (typeof monaco === 'undefined') return;
    clearPackageTypes();
    const js = monaco.languages.typescript.javascriptDefaults;
    packagePaths = {};
    for (const [name, entry] of Object.entries(modules)) {
        packagePaths[name] = [entry];
        packagePaths[`${name}/*`] = [`node_modules/${name}/*`];
    }
    setCompilerOptions();
    packageTypes = libraries.map(l => js.addExtraLib(l.content, l.path));
}

function clearPackageTypes() {
    for (const lib of packageTypes) lib.dispose();
    packageTypes = [];
    if (Object.keys(packagePaths).length > 0) {
        packagePaths = {};
        setCompilerOptions();
    }
}

/** Removes the declarations of the page being left (the hook's and its packages'). */
export function clearHookTypes() {
    if (typeof monaco === 'undefined') return;
    if (hookTypes) {
        hookTypes.dispose();
        hookTypes = null;
    }
    clearPackageTypes();
}

function onBeforeUnload(e) {
    e.preventDefault();
    // Older browsers need a return value to show their "leave site?" prompt.
    e.returnValue = '';
    return '';
}

let guarding = false;

/** Asks before closing or reloading the tab while the editor holds unsaved changes. */
export function setUnsavedChanges(unsaved) {
    if (unsaved && !guarding) {
        window.addEventListener('beforeunload', onBeforeUnload);
        guarding = true;
    } else if (!unsaved && guarding) {
        window.removeEventListener('beforeunload', onBeforeUnload);
        guarding = false;
    }
}

// Monaco's screen-reader announcer (`.monaco-aria-container`, one per page) marks its two status live regions
// role="complementary": two unnamed landmarks nested in no landmark, which a screen reader lists among the page's
// regions (axe: landmark-unique, landmark-complementary-is-top-level). They carry status messages, so they become
// role="status" (a polite live region, as before). The announcer is created with the first editor, after or before
// this module loads: fix what exists, then watch for it.
function fixMonacoAnnouncer(root) {
    root.querySelectorAll('.monaco-aria-container [role=complementary]').forEach(e => e.setAttribute('role', 'status'));
}

fixMonacoAnnouncer(document);
new MutationObserver(records => {
    for (const record of records) {
        for (const node of record.addedNodes) {
            if (node.nodeType === Node.ELEMENT_NODE && node.classList.contains('monaco-aria-container')) {
                fixMonacoAnnouncer(node.parentElement ?? document);
            }
        }
    }
}).observe(document.body, { childList: true, subtree: true });
